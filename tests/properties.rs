//! Properties of the matcher over generated text (proptest).

mod common;

use common::fixture_rules_and_matcher;
use proptest::prelude::*;
use reframe::scan::check::check_text;
use reframe::text::Normalized;

/// Pieces of text that real notes contain, including every word of the fixture pack's terms and awkward Unicode.
fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("service".to_string()),
        Just("user".to_string()),
        Just("users".to_string()),
        Just("hard".to_string()),
        Just("to".to_string()),
        Just("reach".to_string()),
        Just("vulnerable".to_string()),
        Just("adults".to_string()),
        Just("addict".to_string()),
        Just("LAC".to_string()),
        Just("don\u{2019}t".to_string()),
        Just("engage".to_string()),
        Just("İ".to_string()),
        Just("Straße".to_string()),
        Just("\u{201C}".to_string()),
        Just("\u{2013}".to_string()),
        Just("-".to_string()),
        Just(" ".to_string()),
        Just("\n".to_string()),
        Just("\r\n".to_string()),
        Just("\u{00A0}".to_string()),
        Just("\t".to_string()),
        "[a-zA-Z]{1,8}",
        "\\PC{1,3}",
    ]
}

fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(piece(), 0..40).prop_map(|pieces| pieces.concat())
}

/// A run of whitespace as people type it.
fn whitespace() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            Just(" "),
            Just("\t"),
            Just("\n"),
            Just("\r\n"),
            Just("\u{00A0}")
        ],
        1..4,
    )
    .prop_map(|parts| parts.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn findings_lie_on_char_boundaries_and_normalise_to_a_term(text in text()) {
        let (rules, matcher) = fixture_rules_and_matcher();
        for finding in check_text(&text, 0, &matcher, &rules) {
            prop_assert!(finding.bytes.end <= text.len());
            prop_assert!(text.is_char_boundary(finding.bytes.start));
            prop_assert!(text.is_char_boundary(finding.bytes.end));
            prop_assert!(finding.replace.start <= finding.bytes.start);
            let slice = &text[finding.bytes.clone()];
            prop_assert_eq!(slice, finding.text.as_str());
            let rule = &rules.rules[finding.rule];
            let normalised = Normalized::phrase(slice, true);
            let is_term = rule.term_forms().iter().any(|f| Normalized::phrase(f, true) == normalised);
            let is_regex = rule
                .regex
                .as_ref()
                .is_some_and(|r| regex::Regex::new(&format!("^(?:{r})$")).unwrap().is_match(&normalised));
            prop_assert!(is_term || is_regex, "{slice:?} is not a term of {}", rule.id);
        }
    }

    #[test]
    fn spacing_and_case_do_not_change_which_rules_fire(
        form_index in 0usize..64,
        gap in whitespace(),
        upper in prop::collection::vec(any::<bool>(), 64),
    ) {
        let (rules, matcher) = fixture_rules_and_matcher();
        let forms: Vec<(String, bool)> = rules
            .rules
            .iter()
            .flat_map(|r| r.term_forms().into_iter().map(move |f| (f, r.case_sensitive)))
            .collect();
        let (form, case_sensitive) = &forms[form_index % forms.len()];
        let plain = format!("Today {form} was here.");
        // Case inside words varies freely; the first letter of each word stays as written, because words in
        // Title Case inside running prose are a name ("the Hard To Reach Trust"), which is not a finding.
        let varied_form: String = form
            .split(' ')
            .collect::<Vec<_>>()
            .join(&gap)
            .chars()
            .scan(' ', |previous, c| {
                let starts_word = !previous.is_alphanumeric();
                *previous = c;
                Some((c, starts_word))
            })
            .zip(upper.iter().cycle())
            .map(|((c, starts_word), up)| {
                if *up && !case_sensitive && !starts_word {
                    c.to_uppercase().collect::<String>()
                } else {
                    c.to_string()
                }
            })
            .collect();
        let varied = format!("Today {varied_form} was here.");
        let fired = |t: &str| -> Vec<String> {
            check_text(t, 0, &matcher, &rules).iter().map(|f| rules.rules[f.rule].id.clone()).collect()
        };
        prop_assert_eq!(fired(&plain), fired(&varied), "{:?} vs {:?}", plain, varied);
    }
}
