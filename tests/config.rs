//! Configuration files: discovery (nearest wins), every key, overrides, errors, `init` and `config`.

mod common;

use std::fs;
use std::path::Path;

use common::{
    assert_contains, finding_fields, findings as report_findings, json_report, reframe_in, run,
    tree, write,
};

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
    let (code, stdout, stderr) = run(reframe_in(dir)
        .args(["check", "--format", "json"])
        .args(args));
    let report = json_report(&stdout, &stderr);
    (code, finding_fields(&report, ["path", "rule", "severity"]))
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
    let (_, stdout, _) = run(reframe_in(dir.path()).args([
        "--no-config",
        "--rules",
        "packs/semantics.toml",
        "--pack",
        "semantics",
        "check",
        "--format",
        "json",
        "notes",
    ]));
    let report: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    let rules: Vec<&str> = report_findings(&report)
        .iter()
        .map(|f| f["rule"].as_str().unwrap())
        .collect();
    // "The Hard to Reach Trust" is a name, not a finding; "hard to reach" in running prose is.
    assert_eq!(rules, ["user", "vulnerable", "hard-to-reach"]);
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
fn a_repository_config_cannot_name_packs_outside_the_repository() {
    let dir = repo();
    fs::create_dir(dir.path().join(".git")).unwrap();
    let secret = tempfile::NamedTempFile::new().unwrap();
    fs::write(secret.path(), "TOKEN=hunter2\n").unwrap();
    write(
        dir.path(),
        "notes/reframe.toml",
        format!(
            "rules = [{:?}, \"../../outside/\", \"../packs/semantics.toml\"]\n",
            secret.path().display().to_string()
        ),
    );
    let (code, stdout, stderr) = run(reframe_in(dir.path()).args(["check", "notes", "policies"]));
    assert_eq!(code, 2);
    assert_contains(
        &stderr,
        &[
            "error: `rules` names a path outside the repository this configuration belongs to",
            "notes/reframe.toml:1:10",
            "error: notes/a.txt: not checked: its configuration file has errors",
        ],
    );
    assert_eq!(
        stderr
            .matches("names a path outside the repository")
            .count(),
        2,
        "the pack inside the repository is fine: {stderr}"
    );
    assert!(!stderr.contains("hunter2"), "{stderr}");
    assert!(stdout.contains("policies/p.md:1:"), "{stdout}");
}

#[test]
fn packs_configs_and_baselines_must_be_regular_files() {
    let dir = repo();
    for args in [
        &["--rules", "/dev/zero", "check", "notes"][..],
        &["--config", "/dev/zero", "check", "notes"],
        &["check", "--baseline", "/dev/zero", "notes"],
    ] {
        let (code, _, stderr) = run(reframe_in(dir.path()).args(args));
        assert_eq!(code, 2, "{args:?}: {stderr}");
        assert_contains(&stderr, &["not a regular file (a device)"]);
    }
    // A device named as a document is an error for that file; the others are still checked.
    let (code, stdout, stderr) = run(reframe_in(dir.path()).args(["check", "/dev/zero", "notes"]));
    assert_eq!(code, 2);
    assert_contains(
        &stderr,
        &["error: /dev/zero: could not read the file: not a regular file (a device)"],
    );
    assert!(stdout.contains("notes/a.txt:1:"), "{stdout}");
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
    let (code, stdout, stderr) = run(reframe_in(dir.path()).args(["check", "notes", "policies"]));
    assert_eq!(code, 2);
    assert_contains(
        &stderr,
        &[
            "error: unknown key `pack`; did you mean `packs`?",
            "notes/reframe.toml:1:1",
            "error: notes/a.txt: not checked: its configuration file has errors",
        ],
    );
    // The other files are still checked.
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
    let (code, _, stderr) = run(reframe_in(dir.path()).args(["check", "notes"]));
    assert_eq!(code, 2);
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
    let (code, stdout, _) = run(reframe_in(dir.path()).args(["config", "policies/p.md"]));
    assert_eq!(code, 0);
    assert_contains(
        &stdout,
        &[
            "\nfail-on = \"error\"\n",
            "\ndisable = [\"user\", \"jargon\"]\n",
            "\npacks = []\n",
            "[severity]\nvulnerable = \"warning\"\n",
            "reframe.toml",
        ],
    );
}

#[test]
fn stdin_filename_names_the_input_and_picks_its_settings() {
    let dir = repo();
    let (code, stdout, _) = run(reframe_in(dir.path())
        .args(["check", "--format", "json"])
        .args(["--stdin-filename", "policies/new.md", "-"])
        .write_stdin("A LAC review for every service user."));
    let report: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    let findings = report_findings(&report);
    // The policies/ override turns the jargon category (LAC) off and fails on errors only.
    assert_eq!(findings.len(), 1);
    assert_eq!(findings[0]["path"], "policies/new.md");
    assert_eq!(findings[0]["rule"], "service-user");
    assert_eq!(code, 0);
}
