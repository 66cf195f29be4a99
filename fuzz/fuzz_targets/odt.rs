//! Arbitrary bytes read as Odt (`Format::Odt`) and checked as `reframe check` does.
#![no_main]

use libfuzzer_sys::fuzz_target;
use reframe::source::Format;

fuzz_target!(|bytes: &[u8]| {
    reframe_fuzz::check_format(bytes, Format::Odt);
});
