//! Arbitrary UTF-8 text through the normaliser, the matcher and `check_text` with the default packs.
#![no_main]

use libfuzzer_sys::fuzz_target;
use reframe::scan::check::check_text;
use reframe::text::Normalized;
use reframe_fuzz::{check_matches, check_text_findings, defaults};

fuzz_target!(|text: &str| {
    for fold_case in [true, false] {
        let normalized = Normalized::new(text, fold_case);
        let mut last = 0;
        for at in 0..normalized.text.len() {
            let offset = normalized.original_offset(at);
            assert!(
                offset < text.len() && text.is_char_boundary(offset),
                "normalised byte {at} maps to {offset}"
            );
            assert!(offset >= last, "the map goes back at normalised byte {at}");
            last = offset;
        }
        let boundaries: Vec<usize> = normalized
            .text
            .char_indices()
            .map(|(i, _)| i)
            .chain([normalized.text.len()])
            .collect();
        for pair in boundaries.windows(2) {
            let range = normalized.original_range(text, pair[0], pair[1]);
            assert!(range.start < range.end && range.end <= text.len());
            assert!(text.is_char_boundary(range.start) && text.is_char_boundary(range.end));
        }
    }
    let (rules, matcher) = defaults();
    let matches = matcher.find(text);
    check_matches(text, &matches);
    let findings = check_text(text, 0, matcher, rules);
    assert_eq!(findings.len(), matches.len());
    check_text_findings(text, &findings);
});
