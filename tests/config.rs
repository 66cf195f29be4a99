//! Configuration files: discovery (nearest wins), every key, overrides, errors, `init` and `config`.

mod common;

use std::fs;
use std::path::Path;

use common::{finding_fields, findings as report_findings, json_report, reframe_in, tree, write};

/// A policy repository: the fixture pack copied in, a root config using it, and a nested config for bids/.
fn repo() -> tempfile::TempDir {
    tree(&[
        (
            "packs/semantics.toml",
            include_str!("fixtures/semantics.toml"),
        ),
        (
            "reframe.toml",
            "packs = []\nrules = [\"packs/\"]\ndisable = [\"user\"]\nallow = [\"Hard to Reach Trust\"]\nexclude = [\"archive/\"]\n\n[severity]\nvulnerable = \"warning\"\n\n[[overrides]]\npaths = [\"policies/**\"]\ndisable = [\"jargon\"]\nfail-on = \"error\"\n",
        ),
        (
            "notes/a.txt",
            "The Hard to Reach Trust met a user who is vulnerable and hard to reach.\n",
        ),
        ("policies/p.md", "A LAC review for every service user.\n"),
        ("archive/old.txt", "service user\n"),
        (
            "bids/.reframe.toml",
            "packs = []\nrules = [\"../packs/semantics.toml\"]\nfail-on = \"info\"\n",
        ),
        ("bids/bid.md", "Our users are vulnerable.\n"),
    ])
}

fn findings(dir: &Path, args: &[&str]) -> (i32, Vec<[String; 3]>) {
    let output = reframe_in(dir)
        .args(["check", "--format", "json"])
        .args(args)
        .output()
        .unwrap();
    let report = json_report(&output.stdout, &output.stderr);
    let list = finding_fields(&report, ["path", "rule", "severity"]);
    (output.status.code().unwrap(), list)
}

fn row(path: &str, rule: &str, severity: &str) -> [String; 3] {
    [path.into(), rule.into(), severity.into()]
}

#[test]
fn the_nearest_config_wins_and_overrides_apply_by_path() {
    let dir = repo();
    let (code, found) = findings(dir.path(), &[]);
    assert_eq!(
        found,
        [
            // bids/ has its own config: "user" is on there, and nothing is disabled.
            row("bids/bid.md", "user", "info"),
            row("bids/bid.md", "vulnerable", "info"),
            // The root config: "user" disabled, the Trust allowed, vulnerable raised to warning.
            row("notes/a.txt", "vulnerable", "warning"),
            row("notes/a.txt", "hard-to-reach", "warning"),
            // policies/ override: the jargon category (LAC) off.
            row("policies/p.md", "service-user", "warning"),
        ]
    );
    // bids/ fails on info; archive/ is excluded and never read.
    assert_eq!(code, 1);
}

#[test]
fn fail_on_comes_from_the_config_unless_the_command_line_says() {
    let dir = repo();
    // policies/ fails on errors only; its finding is a warning.
    assert_eq!(findings(dir.path(), &["policies"]).0, 0);
    assert_eq!(
        findings(dir.path(), &["--fail-on", "warning", "policies"]).0,
        1
    );
}

#[test]
fn no_config_and_an_explicit_config() {
    let dir = repo();
    // Without a config there is no pack but the built-in ones; the fixture pack is not loaded.
    let output = reframe_in(dir.path())
        .args([
            "--no-config",
            "--rules",
            "packs/semantics.toml",
            "--pack",
            "semantics",
            "check",
            "--format",
            "json",
            "notes",
        ])
        .output()
        .unwrap();
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let rules: Vec<&str> = report_findings(&report)
        .iter()
        .map(|f| f["rule"].as_str().unwrap())
        .collect();
    assert_eq!(
        rules,
        ["hard-to-reach", "user", "vulnerable", "hard-to-reach"]
    );
    let (_, found) = findings(dir.path(), &["--config", "bids/.reframe.toml", "policies"]);
    assert_eq!(
        found,
        [
            row("policies/p.md", "lac", "warning"),
            row("policies/p.md", "service-user", "warning")
        ]
    );
}

#[test]
fn config_errors_name_the_place_and_suggest() {
    let dir = repo();
    write(
        dir.path(),
        "notes/reframe.toml",
        "pack = [\"core\"]\nfail-on = \"warn\"\n",
    );
    write(dir.path(), "notes/b.txt", "service user\n");
    let output = reframe_in(dir.path())
        .args(["check", "notes", "policies"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(
        stderr.contains("error: unknown key `pack`; did you mean `packs`?"),
        "{stderr}"
    );
    assert!(stderr.contains("notes/reframe.toml:1:1"), "{stderr}");
    assert!(
        stderr.contains("error: notes/a.txt: not checked: its configuration file has errors"),
        "{stderr}"
    );
    // The other files are still checked.
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert!(stdout.contains("policies/p.md:1:"), "{stdout}");
}

#[test]
fn unknown_rule_names_in_a_config_are_errors() {
    let dir = repo();
    write(
        dir.path(),
        "reframe.toml",
        "packs = []\nrules = [\"packs/\"]\ndisable = [\"servce-user\"]\n",
    );
    let output = reframe_in(dir.path())
        .args(["check", "notes"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(
        stderr.contains("there is no rule or category `servce-user`; did you mean `service-user`?"),
        "{stderr}"
    );
}

#[test]
fn init_writes_a_starter_that_parses_and_never_overwrites() {
    let dir = tempfile::tempdir().unwrap();
    reframe_in(dir.path()).arg("init").assert().code(0);
    let written = fs::read_to_string(dir.path().join("reframe.toml")).unwrap();
    assert!(written.contains("# [[overrides]]"));
    reframe_in(dir.path())
        .args(["check", "-"])
        .write_stdin("nothing here")
        .assert()
        .code(0);
    reframe_in(dir.path()).arg("init").assert().code(2);
    assert_eq!(
        fs::read_to_string(dir.path().join("reframe.toml")).unwrap(),
        written
    );
}

#[test]
fn config_prints_the_effective_settings() {
    let dir = repo();
    let output = reframe_in(dir.path())
        .args(["config", "policies/p.md"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert!(stdout.contains("\nfail-on = \"error\"\n"), "{stdout}");
    assert!(
        stdout.contains("\ndisable = [\"user\", \"jargon\"]\n"),
        "{stdout}"
    );
    assert!(stdout.contains("\npacks = []\n"), "{stdout}");
    assert!(
        stdout.contains("[severity]\nvulnerable = \"warning\"\n"),
        "{stdout}"
    );
    assert!(stdout.contains("reframe.toml"), "{stdout}");
}

#[test]
fn stdin_filename_names_the_input_and_picks_its_settings() {
    let dir = repo();
    let output = reframe_in(dir.path())
        .args([
            "check",
            "--format",
            "json",
            "--stdin-filename",
            "policies/new.md",
            "-",
        ])
        .write_stdin("A LAC review for every service user.")
        .output()
        .unwrap();
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let findings = report_findings(&report);
    // The policies/ override turns the jargon category (LAC) off and fails on errors only.
    assert_eq!(findings.len(), 1);
    assert_eq!(findings[0]["path"], "policies/new.md");
    assert_eq!(findings[0]["rule"], "service-user");
    assert_eq!(output.status.code(), Some(0));
}
