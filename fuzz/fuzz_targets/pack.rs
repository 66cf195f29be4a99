//! An arbitrary string as a TOML rule pack: parsed and validated; a pack that loads is built into a matcher and
//! checked against its own examples, counter-examples and source text.
#![no_main]

use std::path::{Path, PathBuf};

use libfuzzer_sys::fuzz_target;
use reframe::rules::parse::parse_pack;
use reframe::rules::{Origin, RuleSet};
use reframe::scan::check::check_text;
use reframe::scan::matcher::Matcher;
use reframe_fuzz::{check_located_error, check_matches, check_text_findings};

const PATH: &str = "fuzz-pack.toml";

fuzz_target!(|source: &str| {
    let parsed = match parse_pack(source, Origin::File(PathBuf::from(PATH))) {
        Ok(parsed) => parsed,
        Err(errors) => {
            assert!(!errors.is_empty(), "a pack refused without an error");
            for error in &errors {
                check_located_error(error, source, Path::new(PATH));
            }
            return;
        }
    };
    let mut pack = parsed.pack;
    pack.enabled = true;
    let rules = RuleSet {
        packs: vec![pack],
        rules: parsed.rules,
    };
    for rule in &rules.rules {
        let _ = rule.term_forms();
    }
    let matcher = Matcher::new(&rules, &[]);
    let mut texts: Vec<&str> = vec![source];
    for rule in &rules.rules {
        texts.extend(rule.examples.iter().map(|e| e.text()));
        texts.extend(rule.examples.iter().filter_map(|e| e.fixed()));
        texts.extend(rule.counter_examples.iter().map(String::as_str));
    }
    for text in texts {
        check_matches(text, &matcher.find(text));
        check_text_findings(text, &check_text(text, 0, &matcher, &rules));
    }
});
