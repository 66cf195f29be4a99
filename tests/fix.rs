//! `reframe fix`: what it changes, what it keeps byte for byte, what it refuses, and that fixing is idempotent.

mod common;

use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::Path;

use common::{
    assert_contains, fixture_rules_and_matcher, run, tree, utf16_with_bom, with_fixture_pack, write,
};
use proptest::prelude::*;
use reframe::fix::{Transcoded, apply_edits, safe_edits};
use reframe::rules::RuleSet;
use reframe::scan::check::check_text;
use reframe::scan::matcher::Matcher;

/// Runs `reframe fix` with `args` in `dir` with only the fixture pack: its exit code, stdout and stderr.
fn fix(dir: &Path, args: &[&str]) -> (i32, String, String) {
    run(with_fixture_pack(dir).arg("fix").args(args))
}

#[test]
fn fixes_safe_rules_keeping_bom_line_endings_and_permissions() {
    let dir = tempfile::tempdir().unwrap();
    let original = b"\xEF\xBB\xBFAn addict met SERVICE USERS.\r\nShe is hard to reach.\r\n";
    let path = write(dir.path(), "note.txt", original);
    fs::set_permissions(&path, fs::Permissions::from_mode(0o600)).unwrap();
    let (code, _, stderr) = fix(dir.path(), &["note.txt"]);
    // hard-to-reach is not a safe fix: it remains, at warning level, so the exit code is 1.
    assert_eq!(code, 1);
    assert_eq!(
        fs::read(&path).unwrap(),
        b"\xEF\xBB\xBFA person who uses drugs met PEOPLE WE SUPPORT.\r\nShe is hard to reach.\r\n"
    );
    assert_eq!(
        fs::metadata(&path).unwrap().permissions().mode() & 0o777,
        0o600
    );
    assert_eq!(
        stderr,
        "note.txt: fixed 2 phrases; 1 finding to review\nfixed 2 phrases in 1 file; 1 finding left to review with reframe check\n"
    );
    // A second run changes nothing.
    let (_, _, again) = fix(dir.path(), &["note.txt"]);
    assert!(again.starts_with("fixed 0 phrases in 0 files"));
}

#[test]
fn diff_shows_the_change_and_writes_nothing() {
    let dir = tree(&[("note.md", "# Note\n\nSam is a service user.\n")]);
    let (code, stdout, _) = fix(dir.path(), &["--diff", "note.md"]);
    assert_eq!(code, 1);
    assert_eq!(
        stdout,
        "--- a/note.md\n+++ b/note.md\n@@ -1,3 +1,3 @@\n # Note\n \n-Sam is a service user.\n+Sam is a person we support.\n"
    );
    assert_eq!(
        fs::read_to_string(dir.path().join("note.md")).unwrap(),
        "# Note\n\nSam is a service user.\n"
    );
    write(dir.path(), "clean.md", "Sam is a person we support.\n");
    let (code, stdout, _) = fix(dir.path(), &["--diff", "clean.md"]);
    assert_eq!((code, stdout.as_str()), (0, ""));
}

#[test]
fn standard_input_is_fixed_to_standard_output() {
    let dir = tempfile::tempdir().unwrap();
    let (code, stdout, _) = run(with_fixture_pack(dir.path())
        .args(["fix", "-"])
        .write_stdin("Service users and an addict."));
    assert_eq!(
        (code, stdout.as_str()),
        (0, "People we support and a person who uses drugs.")
    );
}

#[test]
fn documents_are_refused_and_left_alone() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "note.docx", b"PK\x03\x04 not really a document");
    let (code, _, stderr) = fix(dir.path(), &["note.docx"]);
    assert_eq!(code, 2);
    assert!(stderr.contains("not fixed: reframe fix changes plain text and Markdown files only"));
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
        let mut files = vec![
            (utf16_with_bom(true, &text), utf16_with_bom(true, &once)),
            (utf16_with_bom(false, &text), utf16_with_bom(false, &once)),
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

#[test]
fn read_only_and_hard_linked_files_are_refused_and_not_counted_as_fixed() {
    let dir = tempfile::tempdir().unwrap();
    let read_only = write(dir.path(), "read-only.txt", "An addict.\n");
    fs::set_permissions(&read_only, fs::Permissions::from_mode(0o444)).unwrap();
    let linked = write(dir.path(), "linked.txt", "An addict.\n");
    fs::hard_link(&linked, dir.path().join("other-name.txt")).unwrap();
    let target = write(dir.path(), "target.txt", "An addict.\n");
    std::os::unix::fs::symlink(&target, dir.path().join("link.txt")).unwrap();
    let (code, _, stderr) = fix(dir.path(), &["read-only.txt", "linked.txt", "link.txt"]);
    assert_eq!(code, 2, "{stderr}");
    assert_contains(
        &stderr,
        &[
            "read-only.txt: not fixed: the file is read-only; nothing was written",
            "linked.txt: not fixed: the file has 2 hard links, which a fix would split; nothing was written",
            "link.txt: fixed 1 phrase",
        ],
    );
    assert_eq!(fs::read_to_string(&read_only).unwrap(), "An addict.\n");
    assert_eq!(fs::read_to_string(&linked).unwrap(), "An addict.\n");
    // Through the link: the file it points to is fixed, and the link is still a link.
    assert_eq!(
        fs::read_to_string(&target).unwrap(),
        "A person who uses drugs.\n"
    );
    assert!(
        fs::symlink_metadata(dir.path().join("link.txt"))
            .unwrap()
            .file_type()
            .is_symlink()
    );
}
