//! An arbitrary string as `reframe.toml`: parsed and validated; the globs of a configuration that loads are
//! compiled and its allowed phrases built into a matcher, as a run does.
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;
use reframe::cli::config;
use reframe::cli::settings::glob_set;
use reframe::scan::check::check_text;
use reframe::scan::matcher::Matcher;
use reframe_fuzz::{check_located_error, check_text_findings, defaults};

const PATH: &str = "reframe.toml";

fuzz_target!(|source: &str| {
    let parsed = match config::parse(source, Path::new(PATH)) {
        Ok(parsed) => parsed,
        Err(errors) => {
            assert!(
                !errors.is_empty(),
                "a configuration refused without an error"
            );
            for error in &errors {
                check_located_error(error, source, Path::new(PATH));
            }
            return;
        }
    };
    let all_options =
        std::iter::once(&parsed.options).chain(parsed.overrides.iter().map(|o| &o.options));
    for options in all_options {
        for globs in [&options.include, &options.exclude].into_iter().flatten() {
            let _ = glob_set(globs);
        }
        if let Some(allow) = options.allow.as_ref().filter(|a| !a.is_empty()) {
            let (rules, _) = defaults();
            let matcher = Matcher::new(rules, allow);
            let text = "Sam is a service user who failed to engage; she is wheelchair-bound.";
            check_text_findings(text, &check_text(text, 0, &matcher, rules));
        }
    }
    for o in &parsed.overrides {
        let _ = glob_set(&o.paths);
    }
});
