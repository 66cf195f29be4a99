//! `reframe fix`: what it changes, what it keeps byte for byte, what it refuses, and that fixing is idempotent.

mod common;

use std::fs;
use std::os::unix::fs::PermissionsExt;

use common::{fixture_rules_and_matcher, with_fixture_pack};
use proptest::prelude::*;
use reframe::fix::{Transcoded, apply_edits, safe_edits};
use reframe::rules::RuleSet;
use reframe::scan::check::check_text;
use reframe::scan::matcher::Matcher;

#[test]
fn fixes_safe_rules_keeping_bom_line_endings_and_permissions() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("note.txt");
    let original = b"\xEF\xBB\xBFAn addict met SERVICE USERS.\r\nShe is hard to reach.\r\n";
    fs::write(&path, original).unwrap();
    fs::set_permissions(&path, fs::Permissions::from_mode(0o600)).unwrap();
    let output = with_fixture_pack(dir.path())
        .args(["fix", "note.txt"])
        .output()
        .unwrap();
    // hard-to-reach is not a safe fix: it remains, at warning level, so the exit code is 1.
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        fs::read(&path).unwrap(),
        b"\xEF\xBB\xBFA person who uses drugs met PEOPLE WE SUPPORT.\r\nShe is hard to reach.\r\n"
    );
    assert_eq!(
        fs::metadata(&path).unwrap().permissions().mode() & 0o777,
        0o600
    );
    assert_eq!(
        String::from_utf8(output.stderr).unwrap(),
        "note.txt: fixed 2 phrases; 1 finding to review\nfixed 2 phrases in 1 file; 1 finding left to review with reframe check\n"
    );
    // A second run changes nothing.
    let again = with_fixture_pack(dir.path())
        .args(["fix", "note.txt"])
        .output()
        .unwrap();
    assert!(
        String::from_utf8(again.stderr)
            .unwrap()
            .starts_with("fixed 0 phrases in 0 files")
    );
}

#[test]
fn diff_shows_the_change_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(
        dir.path().join("note.md"),
        "# Note\n\nSam is a service user.\n",
    )
    .unwrap();
    let output = with_fixture_pack(dir.path())
        .args(["fix", "--diff", "note.md"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        String::from_utf8(output.stdout).unwrap(),
        "--- a/note.md\n+++ b/note.md\n@@ -1,3 +1,3 @@\n # Note\n \n-Sam is a service user.\n+Sam is a person we support.\n"
    );
    assert_eq!(
        fs::read_to_string(dir.path().join("note.md")).unwrap(),
        "# Note\n\nSam is a service user.\n"
    );
    fs::write(dir.path().join("clean.md"), "Sam is a person we support.\n").unwrap();
    with_fixture_pack(dir.path())
        .args(["fix", "--diff", "clean.md"])
        .assert()
        .code(0)
        .stdout("");
}

#[test]
fn standard_input_is_fixed_to_standard_output() {
    let dir = tempfile::tempdir().unwrap();
    with_fixture_pack(dir.path())
        .args(["fix", "-"])
        .write_stdin("Service users and an addict.")
        .assert()
        .code(0)
        .stdout("People we support and a person who uses drugs.");
}

#[test]
fn documents_are_refused_and_left_alone() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("note.docx");
    fs::write(&path, b"PK\x03\x04 not really a document").unwrap();
    let output = with_fixture_pack(dir.path())
        .args(["fix", "note.docx"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(
        String::from_utf8(output.stderr)
            .unwrap()
            .contains("not fixed: reframe fix changes plain text and Markdown files only")
    );
    assert_eq!(
        fs::read(&path).unwrap(),
        b"PK\x03\x04 not really a document"
    );
}

fn fix_once(
    rules: &RuleSet,
    matcher: &Matcher,
    text: &str,
) -> (String, Vec<std::ops::Range<usize>>) {
    let findings = check_text(text, 0, matcher, rules);
    let edits = safe_edits(&findings, rules);
    let fixed =
        String::from_utf8(apply_edits(text.as_bytes(), &edits)).expect("fixing keeps UTF-8 valid");
    (fixed, edits.into_iter().map(|e| e.range).collect())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn fixing_is_idempotent_and_touches_only_the_replaced_ranges(
        words in prop::collection::vec(
            prop_oneof![
                Just("an addict"), Just("An"), Just("ADDICTS"), Just("service user"), Just("Service\nUsers"),
                Just("a"), Just("hard to reach"), Just("café"), Just("“"), Just("\r\n"), Just("İ"), Just("the"),
                Just("addictive"), Just("users"),
            ],
            0..30,
        )
    ) {
        let (rules, matcher) = fixture_rules_and_matcher();
        let text = words.join(" ");
        let (once, ranges) = fix_once(&rules, &matcher, &text);
        let (twice, _) = fix_once(&rules, &matcher, &once);
        prop_assert_eq!(&once, &twice);
        // Outside the replaced ranges, the bytes are the same, in the same order.
        let mut kept = Vec::new();
        let mut at = 0;
        for range in &ranges {
            kept.extend_from_slice(&text.as_bytes()[at..range.start]);
            at = range.end;
        }
        kept.extend_from_slice(&text.as_bytes()[at..]);
        let mut rest = once.as_bytes();
        for &byte in &kept {
            let position = rest.iter().position(|b| *b == byte);
            prop_assert!(position.is_some(), "kept bytes must survive in order");
            rest = &rest[position.unwrap() + 1..];
        }
        // The same text in UTF-16 (both byte orders) and Windows-1252: fixed through `Transcoded`, the file is
        // valid in its own encoding and holds exactly the UTF-8 fix.
        let utf16 = |le: bool, text: &str| -> Vec<u8> {
            let bom: [u8; 2] = if le { [0xFF, 0xFE] } else { [0xFE, 0xFF] };
            bom.into_iter()
                .chain(text.encode_utf16().flat_map(move |u| if le { u.to_le_bytes() } else { u.to_be_bytes() }))
                .collect()
        };
        let mut files = vec![
            (utf16(true, &text), utf16(true, &once)),
            (utf16(false, &text), utf16(false, &once)),
        ];
        let (in_1252, _, unmappable) = encoding_rs::WINDOWS_1252.encode(&text);
        if !unmappable && std::str::from_utf8(&in_1252).is_err() {
            let (fixed_1252, _, _) = encoding_rs::WINDOWS_1252.encode(&once);
            files.push((in_1252.into_owned(), fixed_1252.into_owned()));
        }
        for (file, expected) in files {
            let (working, transcoded) = Transcoded::decode(&file).unwrap().expect("not UTF-8");
            let (fixed, _) = fix_once(&rules, &matcher, std::str::from_utf8(&working).unwrap());
            prop_assert_eq!(transcoded.encode(fixed.as_bytes()).unwrap(), expected);
        }
    }
}
