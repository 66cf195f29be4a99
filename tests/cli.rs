//! Command-line tests: every command, the main options and the exit codes, with snapshots of the output.

mod common;

use assert_cmd::Command;
use common::{SEMANTICS, assert_contains, findings, reframe, run, run_fixture_pack, tree};
use predicates::prelude::*;

/// `reframe` with only the fixture pack enabled, named relative to the package root (where tests run).
fn with_fixture_pack_here() -> Command {
    let mut cmd = reframe();
    cmd.args(["--rules", SEMANTICS, "--pack", "semantics"]);
    cmd
}

/// A folder of notes: a note with findings, a Markdown referral in a subfolder, a clean note, a file the
/// .gitignore excludes, a hidden folder, a CSV (not a checked extension) and a binary file.
fn notes_folder() -> tempfile::TempDir {
    tree(&[
        (
            "note.txt",
            "Sam is a service user who is hard-to-reach.\nAn addict\nand vulnerable adults.\n",
        ),
        (
            "sub/referral.md",
            "# Referral\n\nThe SERVICE USERS asked for a LAC review.\n",
        ),
        ("clean.txt", "Sam is a person we support.\n"),
        ("ignored.txt", "A service user here is ignored.\n"),
        (".gitignore", "ignored.txt\n"),
        (".hidden/secret.txt", "service user\n"),
        ("data.csv", "service user\n"),
        ("photo.txt", "PK\x03\x04\x00\x00binary service user"),
    ])
}

#[test]
fn check_walks_a_folder_and_reports_for_people() {
    let dir = notes_folder();
    let (code, stdout, stderr) = run_fixture_pack(dir.path(), &["check", "--color", "never"]);
    assert_eq!(code, 1, "findings at warning level exit 1");
    assert_eq!(stderr, "");
    insta::assert_snapshot!("human_report", stdout);
}

#[test]
fn check_json_follows_the_documented_format() {
    let dir = notes_folder();
    let (code, stdout, _) = run_fixture_pack(dir.path(), &["check", "--format", "json"]);
    assert_eq!(code, 1);
    let report: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(report["version"], 1);
    let first = &report["findings"][0];
    assert_eq!(first["path"], "note.txt");
    assert_eq!(first["rule"], "service-user");
    assert_eq!(first["text"], "service user");
    assert_eq!(
        (first["line"].as_u64(), first["column"].as_u64()),
        (Some(1), Some(10))
    );
    assert_eq!(
        (first["end_line"].as_u64(), first["end_column"].as_u64()),
        (Some(1), Some(22))
    );
    assert_eq!(
        (first["start_byte"].as_u64(), first["end_byte"].as_u64()),
        (Some(9), Some(21))
    );
    assert_eq!(report["summary"]["files_checked"], 3);
    assert_eq!(report["summary"]["files_with_findings"], 2);
    insta::assert_json_snapshot!("json_report", report);
}

#[test]
fn the_walk_respects_gitignore_hidden_files_and_extensions() {
    let dir = notes_folder();
    let (_, stdout, _) = run_fixture_pack(dir.path(), &["check", "--format", "json"]);
    let report: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    let mut paths: Vec<&str> = findings(&report)
        .iter()
        .map(|f| f["path"].as_str().unwrap())
        .collect();
    paths.dedup();
    assert_eq!(paths, ["note.txt", "sub/referral.md"]);
    // A file named on the command line is checked whatever its extension.
    let (code, stdout, _) = run_fixture_pack(dir.path(), &["check", "-q", "data.csv"]);
    assert_eq!(code, 1);
    assert!(stdout.contains("data.csv:1:1"), "{stdout}");
}

#[test]
fn binary_files_are_skipped_with_a_note() {
    let dir = notes_folder();
    let (code, stdout, _) = run_fixture_pack(dir.path(), &["check", "photo.txt", "clean.txt"]);
    assert_eq!(code, 0);
    assert_eq!(
        stdout,
        "note: photo.txt: skipped: it looks like a binary file, not text\nNothing to change: no phrases found in 1 file (6 words checked)\n"
    );
}

#[test]
fn exit_codes_follow_the_fail_level() {
    let dir = notes_folder();
    let code = |args: &[&str]| run_fixture_pack(dir.path(), args).0;
    assert_eq!(code(&["check", "clean.txt"]), 0);
    assert_eq!(code(&["check", "note.txt"]), 1);
    // note.txt has an error (addict): failing on errors still fails.
    assert_eq!(code(&["check", "--fail-on", "error", "note.txt"]), 1);
    // referral.md has warnings and no errors.
    assert_eq!(code(&["check", "--fail-on", "error", "sub/referral.md"]), 0);
    assert_eq!(code(&["check", "--fail-on", "info", "sub/referral.md"]), 1);
}

#[test]
fn a_missing_file_is_an_error_and_the_others_are_still_checked() {
    let dir = notes_folder();
    let (code, stdout, stderr) =
        run_fixture_pack(dir.path(), &["check", "missing.txt", "note.txt"]);
    assert_eq!(code, 2);
    assert_eq!(stderr, "error: missing.txt: no such file or folder\n");
    assert!(stdout.contains("note.txt:1:10"), "{stdout}");
    assert!(
        stdout.ends_with("; 1 file could not be checked\n"),
        "{stdout}"
    );
    let (code, stdout, _) =
        run_fixture_pack(dir.path(), &["check", "--format", "json", "missing.txt"]);
    assert_eq!(code, 2);
    let report: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(report["errors"][0]["path"], "missing.txt");
}

#[test]
fn reads_standard_input() {
    let (code, stdout, _) = run(with_fixture_pack_here()
        .args(["check", "-q", "-"])
        .write_stdin("Two service\nusers came."));
    assert_eq!(code, 1);
    assert!(
        stdout.starts_with("warning[service-user]: \u{201C}service users\u{201D} labels a person"),
        "{stdout}"
    );
    assert_contains(
        &stdout,
        &[
            "--> <stdin>:1:5",
            "= try: \u{201C}people we support\u{201D}, \u{201C}people\u{201D}, their name",
        ],
    );
    assert!(
        !stdout.contains(" in 1 of 1 file") && !stdout.contains("Overview"),
        "quiet leaves out the overview and the closing line: {stdout}"
    );
}

#[test]
fn colour_is_off_with_no_color_and_on_when_forced() {
    let stdout = |args: &[&str]| {
        run(with_fixture_pack_here()
            .args(args)
            .write_stdin("service user"))
        .1
    };
    assert!(!stdout(&["check", "-"]).contains('\x1b'));
    assert!(stdout(&["--color", "always", "check", "-"]).contains('\x1b'));
}

#[test]
fn rules_lists_filters_and_exports() {
    let (code, stdout, _) = run(with_fixture_pack_here().args(["rules", "--category", "blame"]));
    assert_eq!(code, 0);
    insta::assert_snapshot!("rules_blame", stdout);
    let (_, stdout, _) = run(with_fixture_pack_here().args(["rules", "--format", "json"]));
    let rules: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    let service_user = rules
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == "service-user")
        .unwrap();
    assert_eq!(
        service_user["forms"],
        serde_json::json!(["service user", "service users"])
    );
    assert_eq!(
        service_user["sources"][0]["url"],
        "https://example.org/guide"
    );
}

#[test]
fn explain_shows_a_rule_and_suggests_close_ids() {
    let (code, stdout, _) = run(with_fixture_pack_here().args(["explain", "service-user"]));
    assert_eq!(code, 0);
    insta::assert_snapshot!("explain_service_user", stdout);
    with_fixture_pack_here()
        .args(["explain", "servce-user"])
        .assert()
        .code(2)
        .stderr("error: there is no rule `servce-user`; did you mean `service-user`?\n");
    // A term with many combinations is shown as written, not as every combination ("mother are enablers").
    let (code, stdout, _) = run(reframe().args(["explain", "enabler"]));
    assert_eq!(code, 0);
    assert!(!stdout.contains("mother are"), "{stdout}");
    assert_contains(&stdout, &["Flags:  (mother / father / mum"]);
}

#[test]
fn pack_errors_name_the_place_and_are_all_reported() {
    let (code, stdout, stderr) = run(reframe()
        .args(["--rules", "tests/fixtures/bad-pack.toml", "check", "-"])
        .write_stdin("x"));
    assert_eq!(code, 2);
    assert!(stdout.is_empty());
    insta::assert_snapshot!("pack_errors", stderr);
}

#[test]
fn unknown_pack_names_get_a_suggestion() {
    with_fixture_pack_here()
        .args(["--pack", "semantic", "check", "-"])
        .write_stdin("x")
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "there is no built-in pack `semantic`; did you mean `semantics`?",
        ));
}

#[test]
fn test_rules_reports_each_failure() {
    let (code, stdout, _) = run(reframe().args(["test-rules", "tests/fixtures/failing-pack.toml"]));
    assert_eq!(code, 1);
    assert_contains(
        &stdout,
        &[
            "FAIL tests/fixtures/failing-pack.toml:5: client: example is not flagged by this rule: \"The customer arrived.\"",
            "client: counter-example is flagged by client (\"Client\")",
            "client: suggestion \"service user\" is itself flagged by service-user",
            "addict: the first suggestion makes \"He is an addict.\" into \"He is a person who uses drugs.\", not \"He is an person who uses drugs.\"",
            "addict: a safe rule needs at least two examples with `fixed` (it has 1)",
            "addict: the message \"a label for a person\" does not read as a sentence",
        ],
    );
    let (code, stdout, _) = run(with_fixture_pack_here().args(["test-rules", SEMANTICS]));
    assert_eq!(code, 0, "{stdout}");
    assert!(stdout.ends_with("0 failed\n"), "{stdout}");
}

#[test]
fn usage_errors_exit_2() {
    reframe()
        .args(["check", "--format", "yaml"])
        .assert()
        .code(2);
    reframe().args(["frobnicate"]).assert().code(2);
}

#[test]
fn the_report_file_is_never_an_input() {
    let dir = tree(&[("note.txt", "A service user.\n")]);
    for flag in ["-o", "--write-baseline"] {
        let (code, _, stderr) = run(reframe().current_dir(dir.path()).args([
            "check",
            "--no-config",
            flag,
            "note.txt",
            "note.txt",
        ]));
        assert_eq!(code, 2, "{flag}");
        assert_contains(
            &stderr,
            &["is both a file to check and the file to write the report to; nothing was written"],
        );
        assert_eq!(
            std::fs::read_to_string(dir.path().join("note.txt")).unwrap(),
            "A service user.\n",
            "{flag}: the case note is untouched"
        );
    }
    // Walking the folder skips the report written there by the previous run: the count does not grow.
    for _ in 0..2 {
        let (code, _, _) = run(reframe().current_dir(dir.path()).args([
            "check",
            "--no-config",
            "-o",
            "report.txt",
            ".",
        ]));
        assert_eq!(code, 1);
    }
    let report = std::fs::read_to_string(dir.path().join("report.txt")).unwrap();
    assert!(
        report.ends_with("1 phrase to change in 1 of 1 file (1 warning)\n"),
        "{report}"
    );
}

#[test]
fn a_file_name_with_terminal_escapes_is_printed_escaped() {
    let dir = tree(&[("notes/\u{1b}]0;owned\u{7}.txt", "Sam is a service user.\n")]);
    let mut cmd = reframe();
    cmd.current_dir(dir.path())
        .args(["check", "--no-config", "notes"]);
    let (code, stdout, stderr) = run(&mut cmd);
    assert_eq!(code, 1, "{stderr}");
    assert!(
        !stdout.contains('\u{1b}') && !stdout.contains('\u{7}'),
        "{stdout:?}"
    );
    assert_contains(&stdout, &["notes/\\x1b]0;owned\\x07.txt:1:10"]);
}
