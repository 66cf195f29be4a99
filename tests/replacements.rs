//! The `replacement` of each finding in JSON and JSON Lines, and the `fixes` of each SARIF result: the exact edit
//! that puts the first suggestion in place. Applying a file's edits marked safe, back to front, gives byte for
//! byte what `reframe fix` writes.

mod common;

use std::fs;
use std::path::Path;

use common::{reframe_in, run, tree};
use proptest::prelude::*;
use serde_json::Value;

/// One edit read from a report.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Edit {
    start: usize,
    end: usize,
    text: String,
    safe: bool,
}

/// The edits in `reframe check --format json` of `file` (in `dir`), and the number of findings without one.
fn json_edits(dir: &Path, file: &str) -> (Vec<Edit>, usize) {
    let (_, out, err) =
        run(reframe_in(dir).args(["check", "--no-config", "--format", "json", file]));
    let report: Value = serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}: {err}"));
    let mut edits = Vec::new();
    let mut without = 0;
    for finding in report["findings"].as_array().unwrap() {
        let replacement = &finding["replacement"];
        assert!(
            finding.as_object().unwrap().contains_key("replacement"),
            "every finding has the key, null or not: {finding}"
        );
        if replacement.is_null() {
            without += 1;
            continue;
        }
        edits.push(Edit {
            start: replacement["start_byte"].as_u64().unwrap() as usize,
            end: replacement["end_byte"].as_u64().unwrap() as usize,
            text: replacement["text"].as_str().unwrap().to_string(),
            safe: replacement["safe"].as_bool().unwrap(),
        });
    }
    (edits, without)
}

/// `original` with `edits` applied back to front.
fn apply(original: &[u8], edits: &[&Edit]) -> Vec<u8> {
    let mut fixed = original.to_vec();
    let mut sorted = edits.to_vec();
    sorted.sort_by_key(|e| e.start);
    for pair in sorted.windows(2) {
        assert!(pair[0].end <= pair[1].start, "edits overlap: {pair:?}");
    }
    for edit in sorted.iter().rev() {
        fixed.splice(edit.start..edit.end, edit.text.bytes());
    }
    fixed
}

/// What `reframe fix` writes for `file` (a copy is fixed; the original stays).
fn fixed_by_reframe(dir: &Path, file: &str) -> Vec<u8> {
    let copy = format!("fixed-{file}");
    fs::copy(dir.join(file), dir.join(&copy)).unwrap();
    let (code, _, err) = run(reframe_in(dir).args(["fix", "--no-config", &copy]));
    assert!(code == 0 || code == 1, "reframe fix failed: {err}");
    fs::read(dir.join(&copy)).unwrap()
}

const NOTE: &str = "The service users met on Tuesday.\n\
She is a service user at the hub and an addict in recovery, she says.\n\
Ask the service users' families first; Sam said \"I was a service user for years\".\n\
The elderly residents were moved, and services for the elderly\n\
were cut. He is wheelchair\nbound since the fall.\n\
His client list grew. An addict asked for help.\n";

#[test]
fn safe_replacements_applied_back_to_front_give_what_fix_writes() {
    for (name, text) in [("note.txt", NOTE), ("note.md", NOTE)] {
        let dir = tree(&[(name, text)]);
        let (edits, without) = json_edits(dir.path(), name);
        let safe: Vec<&Edit> = edits.iter().filter(|e| e.safe).collect();
        assert!(safe.len() >= 3, "{name}: some edits are safe: {edits:?}");
        assert!(
            edits.iter().any(|e| !e.safe),
            "{name}: some edits are for a person to accept: {edits:?}"
        );
        // The possessive and the quoted words get no edit (and quotes are not reported by default).
        assert!(without >= 1, "{name}: the possessive has no replacement");
        let original = fs::read(dir.path().join(name)).unwrap();
        let by_edits = apply(&original, &safe);
        assert_eq!(
            String::from_utf8(by_edits).unwrap(),
            String::from_utf8(fixed_by_reframe(dir.path(), name)).unwrap(),
            "{name}"
        );
        // The article before a phrase is part of the edit: no "a a person".
        let all = apply(&original, &edits.iter().collect::<Vec<_>>());
        let all = String::from_utf8(all).unwrap();
        assert!(
            all.contains("She is a person we support at the hub"),
            "{all}"
        );
        assert!(!all.contains("a a "), "{all}");
        // A line break inside the phrase stays in the replacement.
        assert!(edits.iter().any(|e| e.text.contains('\n')), "{edits:?}");
    }
}

#[test]
fn json_lines_and_sarif_carry_the_same_edits() {
    let dir = tree(&[("note.txt", NOTE)]);
    let (json, _) = json_edits(dir.path(), "note.txt");
    let (_, out, _) =
        run(reframe_in(dir.path()).args(["check", "--no-config", "--format", "jsonl", "note.txt"]));
    let jsonl: Vec<Edit> = out
        .lines()
        .map(|l| serde_json::from_str::<Value>(l).unwrap())
        .filter(|f| !f["replacement"].is_null())
        .map(|f| Edit {
            start: f["replacement"]["start_byte"].as_u64().unwrap() as usize,
            end: f["replacement"]["end_byte"].as_u64().unwrap() as usize,
            text: f["replacement"]["text"].as_str().unwrap().to_string(),
            safe: f["replacement"]["safe"].as_bool().unwrap(),
        })
        .collect();
    assert_eq!(jsonl, json);
    let (_, out, _) =
        run(reframe_in(dir.path()).args(["check", "--no-config", "--format", "sarif", "note.txt"]));
    let sarif: Value = serde_json::from_str(&out).unwrap();
    let mut from_sarif = Vec::new();
    for result in sarif["runs"][0]["results"].as_array().unwrap() {
        let Some(fixes) = result["fixes"].as_array() else {
            continue;
        };
        assert_eq!(fixes.len(), 1);
        let change = &fixes[0]["artifactChanges"][0];
        assert_eq!(change["artifactLocation"]["uri"], "note.txt");
        let replacement = &change["replacements"][0];
        let start = replacement["deletedRegion"]["byteOffset"].as_u64().unwrap() as usize;
        let length = replacement["deletedRegion"]["byteLength"].as_u64().unwrap() as usize;
        from_sarif.push(Edit {
            start,
            end: start + length,
            text: replacement["insertedContent"]["text"]
                .as_str()
                .unwrap()
                .to_string(),
            safe: fixes[0]["properties"]["safe"].as_bool().unwrap(),
        });
    }
    assert_eq!(from_sarif, json);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    /// Any mix of flagged phrases, articles, possessives, quotes, markup and line endings: the safe edits of
    /// the JSON report give what `reframe fix` writes.
    #[test]
    fn safe_replacements_match_fix_on_any_text(
        words in prop::collection::vec(
            prop_oneof![
                Just("an addict"), Just("An"), Just("SERVICE USERS"), Just("service user"), Just("Service\nUsers"),
                Just("a"), Just("the elderly"), Just("elderly"), Just("residents"), Just("'"), Just("’s"),
                Just("\""), Just("**"), Just("\r\n"), Just("."), Just("wheelchair bound"), Just("café"),
                Just("committed suicide"), Just("the"), Just("hard to reach"), Just("vulnerable adults"),
            ],
            0..40,
        ),
        markdown in any::<bool>(),
    ) {
        let name = if markdown { "note.md" } else { "note.txt" };
        let text = words.join(" ");
        let dir = tree(&[(name, &text)]);
        let (edits, _) = json_edits(dir.path(), name);
        let safe: Vec<&Edit> = edits.iter().filter(|e| e.safe).collect();
        let by_edits = apply(text.as_bytes(), &safe);
        prop_assert_eq!(by_edits, fixed_by_reframe(dir.path(), name));
    }
}
