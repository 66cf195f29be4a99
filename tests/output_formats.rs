//! The machine formats of `reframe check` (jsonl, sarif, github, checkstyle), `--output` and `--redact`: a
//! snapshot of each on the same folder of notes, plus the properties each format promises.

mod common;

use std::fs;
use std::path::PathBuf;

use common::{assert_contains, run_fixture_pack, run_fixture_pack_no_config, tree, write};

/// A folder of notes whose second file name needs escaping in every format.
fn notes_folder() -> tempfile::TempDir {
    tree(&[
        (
            "note.txt",
            "Sam is a service user who is hard-to-reach.\nAn addict\nand vulnerable adults.\n",
        ),
        (
            "sub/a, b: c&d 100%.md",
            "# Referral\n\nThe SERVICE USERS asked for a LAC review (<3 weeks) & “support”.\nOther users too.\n",
        ),
        ("clean.txt", "Sam is a person we support.\n"),
    ])
}

/// The notes folder and what `reframe check --format <format>` printed on it: standard output and error. The
/// notes have findings, so the run must exit 1.
fn check_notes(format: &str) -> (tempfile::TempDir, String, String) {
    let dir = notes_folder();
    let (code, stdout, stderr) =
        run_fixture_pack_no_config(dir.path(), &["check", "--format", format]);
    assert_eq!(code, 1, "{stderr}");
    (dir, stdout, stderr)
}

#[test]
fn jsonl_has_one_finding_per_line_with_the_json_fields() {
    let (dir, jsonl, stderr) = check_notes("jsonl");
    assert_eq!(stderr, "");
    let (_, json, _) = run_fixture_pack_no_config(dir.path(), &["check", "--format", "json"]);
    let json: serde_json::Value = serde_json::from_str(&json).unwrap();
    let lines: Vec<serde_json::Value> = jsonl
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(&lines, json["findings"].as_array().unwrap());
    insta::assert_snapshot!("jsonl", jsonl);
}

#[test]
fn github_annotations_escape_properties_and_messages() {
    let (dir, stdout, _) = check_notes("github");
    let first = stdout.lines().next().unwrap();
    assert!(
        first.starts_with(
            "::warning file=note.txt,line=1,col=10,endLine=1,endColumn=22,title=reframe service-user::"
        ),
        "{first}"
    );
    assert!(
        stdout.contains("file=sub/a%2C b%3A c&d 100%25.md,line=3,col=5,"),
        "{stdout}"
    );
    assert!(
        stdout.contains("::notice "),
        "info becomes notice: {stdout}"
    );
    assert!(!stdout.contains("\n\n"), "one command per line: {stdout}");
    insta::assert_snapshot!("github", stdout);
    // A file that cannot be checked is an error annotation on the file, not a line on standard error.
    let (code, stdout, stderr) = run_fixture_pack_no_config(
        dir.path(),
        &[
            "check",
            "--format",
            "github",
            "note.txt",
            "gone, really.txt",
        ],
    );
    assert_eq!((code, stderr.as_str()), (2, ""));
    assert!(
        stdout.starts_with(
            "::error file=gone%2C really.txt,title=reframe could not check this file::"
        ),
        "{stdout}"
    );
}

#[test]
fn checkstyle_is_escaped_xml() {
    let (_, stdout, _) = check_notes("checkstyle");
    assert_contains(
        &stdout,
        &[
            r#"<file name="sub/a, b: c&amp;d 100%.md">"#,
            r#"<file name="clean.txt"/>"#,
        ],
    );
    assert_eq!(stdout.matches("<error ").count(), 7, "{stdout}");
    insta::assert_snapshot!("checkstyle", stdout);
}

#[test]
fn sarif_lists_the_rules_and_locates_each_result() {
    let (_, stdout, _) = check_notes("sarif");
    let sarif: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    let run = &sarif["runs"][0];
    assert_eq!(sarif["version"], "2.1.0");
    assert_eq!(run["columnKind"], "unicodeCodePoints");
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    for result in run["results"].as_array().unwrap() {
        let index = result["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(rules[index]["id"], result["ruleId"]);
    }
    let first = &run["results"][0];
    let location = &first["locations"][0]["physicalLocation"];
    assert_eq!(location["artifactLocation"]["uri"], "note.txt");
    assert_eq!(location["region"]["startColumn"], 10);
    assert_eq!(location["region"]["endColumn"], 22);
    assert_eq!(location["region"]["snippet"]["text"], "service user");
    assert_eq!(
        run["results"][4]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
        "sub/a%2C%20b%3A%20c%26d%20100%25.md"
    );
    // The driver's version follows the crate's; the snapshot should not.
    insta::with_settings!({filters => vec![
        (r#"("name": "reframe",\s*"version": )"[^"]*""#, r#"$1"[VERSION]""#),
        (r#""semanticVersion": "[^"]*""#, r#""semanticVersion": "[VERSION]""#),
    ]}, {
        insta::assert_snapshot!("sarif", stdout);
    });
}

/// The official SARIF 2.1.0 schema, from the shared folder beside the worktree.
fn sarif_schema() -> Option<serde_json::Value> {
    let path = PathBuf::from("../shared/schemas/sarif-schema-2.1.0.json");
    match fs::read_to_string(&path) {
        Ok(text) => Some(serde_json::from_str(&text).unwrap()),
        Err(e) => {
            eprintln!(
                "SKIPPED: SARIF schema validation: {} is absent ({e}); the SARIF snapshot still runs",
                path.display()
            );
            None
        }
    }
}

#[test]
fn sarif_validates_against_the_official_schema() {
    let Some(schema) = sarif_schema() else {
        return;
    };
    let validator = jsonschema::validator_for(&schema).unwrap();
    let dir = notes_folder();
    write(dir.path(), "unreadable.txt", [0xff, 0xfe, 0, 0x41]);
    for args in [
        &["check", "--format", "sarif"][..],
        &["check", "--format", "sarif", "--redact"],
        &["check", "--format", "sarif", "clean.txt"],
        &["check", "--format", "sarif", "missing.txt"],
    ] {
        let (_, stdout, _) = run_fixture_pack_no_config(dir.path(), args);
        let sarif: serde_json::Value = serde_json::from_str(&stdout).unwrap();
        let errors: Vec<String> = validator
            .iter_errors(&sarif)
            .map(|e| format!("{} at {}", e, e.instance_path()))
            .collect();
        assert!(errors.is_empty(), "{args:?}:\n{}", errors.join("\n"));
    }
    // The validator is not vacuous: a result without a message breaks the schema.
    let (_, stdout, _) = run_fixture_pack_no_config(dir.path(), &["check", "--format", "sarif"]);
    let mut sarif: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    sarif["runs"][0]["results"][0]["message"] = serde_json::json!(3);
    assert!(!validator.is_valid(&sarif));
}

#[test]
fn output_writes_the_report_to_a_file() {
    let dir = notes_folder();
    let (code, stdout, stderr) = run_fixture_pack_no_config(
        dir.path(),
        &["check", "--format", "sarif", "--output", "report.sarif"],
    );
    assert_eq!((code, stdout.as_str(), stderr.as_str()), (1, "", ""));
    let written = fs::read_to_string(dir.path().join("report.sarif")).unwrap();
    let (_, direct, _) = run_fixture_pack_no_config(dir.path(), &["check", "--format", "sarif"]);
    assert_eq!(written, direct);
    let (code, _, stderr) = run_fixture_pack_no_config(
        dir.path(),
        &["check", "--output", "no/such/folder/report.txt"],
    );
    assert_eq!(code, 2);
    assert!(
        stderr.starts_with("error: no/such/folder/report.txt:"),
        "{stderr}"
    );
}

#[test]
fn redact_leaves_out_the_text_around_each_phrase_in_every_format() {
    let dir = notes_folder();
    // Words of the notes that are not flagged: none may appear in any redacted output.
    let private = ["Sam", "asked for", "review", "Referral", "who is"];
    for format in ["human", "json", "jsonl", "sarif", "github", "checkstyle"] {
        let (code, stdout, stderr) =
            run_fixture_pack_no_config(dir.path(), &["check", "--redact", "--format", format]);
        assert_eq!(code, 1, "{format}: {stderr}");
        for word in private {
            assert!(!stdout.contains(word), "{format} shows {word:?}:\n{stdout}");
        }
        assert!(stdout.contains("service user"), "{format} keeps the phrase");
    }
    let (_, human, _) = run_fixture_pack_no_config(dir.path(), &["check", "--redact", "note.txt"]);
    insta::assert_snapshot!("human_redacted", human);
    // Without --redact the human format shows the line; a configuration can ask for redaction too.
    let (_, plain, _) = run_fixture_pack_no_config(dir.path(), &["check", "note.txt"]);
    assert!(plain.contains("Sam is a service user"), "{plain}");
}

#[test]
fn a_configuration_can_redact_some_paths() {
    let dir = notes_folder();
    write(dir.path(), "private/case.txt", "Sam is a service user.\n");
    write(
        dir.path(),
        "reframe.toml",
        "[[overrides]]\npaths = [\"private/**\"]\nredact = true\n",
    );
    let run = |args: &[&str]| {
        let (_, stdout, stderr) = run_fixture_pack(dir.path(), args);
        (stdout, stderr)
    };
    let (stdout, _) = run(&["check", "note.txt", "private/case.txt"]);
    assert!(
        stdout.contains("Sam is a service user who"),
        "note.txt is shown: {stdout}"
    );
    assert!(!stdout.contains("Sam is a service user.\n"), "{stdout}");
    assert!(stdout.contains("--> private/case.txt:1:10"), "{stdout}");
    let (sarif, _) = run(&["check", "--format", "sarif", "private/case.txt"]);
    assert!(!sarif.contains("contextRegion"), "{sarif}");
    let (stdout, _) = run(&["config", "private/case.txt"]);
    assert!(stdout.contains("redact = true"), "{stdout}");
    write(dir.path(), "reframe.toml", "redcat = true\n");
    let (_, stderr) = run(&["check", "note.txt"]);
    assert!(
        stderr.starts_with("error: unknown key `redcat`; did you mean `redact`?\n"),
        "{stderr}"
    );
    assert!(stderr.contains("reframe.toml:1:1\n"), "{stderr}");
}
