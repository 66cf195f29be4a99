//! Baselines: `--write-baseline` records today's findings, `--baseline` reports only new ones, and edits that do
//! not touch a recorded phrase's words (lines added above, a paragraph moved, an edit elsewhere) keep it
//! recorded.

mod common;

use std::fs;
use std::path::Path;

use common::{findings, json_report, run_fixture_pack_no_config, tree, write};

const NOTE: &str = "\
# Visit notes

Sam is a service user who lives in town.
She said the bus is the hardest part.

The hard-to-reach families were invited.
Sam is a service user who lives in town.

We agreed to meet again next week.
";

/// The findings left after the baseline, as `path:line:column rule`.
fn new_findings(dir: &Path) -> Vec<String> {
    let (_, stdout, stderr) = run_fixture_pack_no_config(
        dir,
        &[
            "check",
            "--format",
            "json",
            "--baseline",
            "reframe-baseline.json",
        ],
    );
    let report = json_report(&stdout, &stderr);
    findings(&report)
        .iter()
        .map(|f| {
            format!(
                "{}:{}:{} {}",
                f["path"].as_str().unwrap(),
                f["line"],
                f["column"],
                f["rule"].as_str().unwrap()
            )
        })
        .collect()
}

fn setup() -> tempfile::TempDir {
    let dir = tree(&[
        ("notes/visit.md", NOTE),
        ("notes/other.txt", "An addict.\n"),
    ]);
    let (code, stdout, stderr) = run_fixture_pack_no_config(
        dir.path(),
        &["check", "--write-baseline", "reframe-baseline.json"],
    );
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(stdout, "");
    assert_eq!(
        stderr,
        "wrote reframe-baseline.json: 4 findings in 2 files\n"
    );
    dir
}

#[test]
fn the_baseline_records_what_without_where_and_counts_repeats() {
    let dir = setup();
    let text = fs::read_to_string(dir.path().join("reframe-baseline.json")).unwrap();
    let baseline: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(baseline["version"], 1);
    let entries = baseline["findings"].as_array().unwrap();
    let summary: Vec<String> = entries
        .iter()
        .map(|e| {
            format!(
                "{} {} {:?} x{}",
                e["path"].as_str().unwrap(),
                e["rule"].as_str().unwrap(),
                e["text"].as_str().unwrap(),
                e["count"]
            )
        })
        .collect();
    assert_eq!(
        summary,
        [
            "notes/other.txt addict \"addict\" x1",
            "notes/visit.md hard-to-reach \"hard-to-reach\" x1",
            "notes/visit.md service-user \"service user\" x2",
        ]
    );
    assert!(!text.contains("\"line\""), "no line numbers: {text}");
    assert!(
        !text.contains("lives in town"),
        "no surrounding text: {text}"
    );
    // With the baseline nothing is new, and the run passes.
    let (code, stdout, stderr) = run_fixture_pack_no_config(
        dir.path(),
        &["check", "--baseline", "reframe-baseline.json"],
    );
    assert_eq!(code, 0, "{stdout}");
    assert_eq!(
        stdout,
        "Nothing to change: no phrases found in 2 files (42 words checked)\n"
    );
    assert_eq!(stderr, "note: 4 findings in the baseline not shown\n");
}

/// The SARIF fingerprints of the run, sorted.
fn fingerprints(dir: &Path) -> Vec<String> {
    let (_, stdout, _) = run_fixture_pack_no_config(dir, &["check", "--format", "sarif"]);
    let sarif: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    let mut prints: Vec<String> = sarif["runs"][0]["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            r["partialFingerprints"]["reframe/v1"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect();
    prints.sort();
    prints
}

#[test]
fn unrelated_edits_do_not_bring_recorded_findings_back() {
    let dir = setup();
    let note = dir.path().join("notes/visit.md");
    let before = fingerprints(dir.path());
    // Lines added above.
    fs::write(&note, format!("Added on Monday.\n\nAnd more.\n\n{NOTE}")).unwrap();
    assert_eq!(new_findings(dir.path()), Vec::<String>::new());
    // SARIF fingerprints follow the findings the same way.
    assert_eq!(fingerprints(dir.path()), before);
    // A paragraph moved to the end.
    let moved = NOTE.replace(
        "The hard-to-reach families were invited.\nSam is a service user who lives in town.\n\n",
        "",
    ) + "\nThe hard-to-reach families were invited.\nSam is a service user who lives in town.\n";
    assert_ne!(moved, NOTE);
    fs::write(&note, &moved).unwrap();
    assert_eq!(new_findings(dir.path()), Vec::<String>::new());
    // An edit elsewhere in the file.
    fs::write(&note, moved.replace("next week", "on Thursday at ten")).unwrap();
    assert_eq!(new_findings(dir.path()), Vec::<String>::new());
}

#[test]
fn new_occurrences_are_reported() {
    let dir = setup();
    let note = dir.path().join("notes/visit.md");
    // The same phrase in a new sentence.
    fs::write(&note, format!("{NOTE}\nThe service user called back.\n")).unwrap();
    assert_eq!(
        new_findings(dir.path()),
        ["notes/visit.md:11:5 service-user"]
    );
    // A third copy of a sentence recorded twice: one more than the baseline holds.
    fs::write(
        &note,
        format!("{NOTE}Sam is a service user who lives in town.\n"),
    )
    .unwrap();
    assert_eq!(new_findings(dir.path()).len(), 1);
    // The same phrase in another file.
    write(dir.path(), "notes/new.txt", "An addict.\n");
    assert!(new_findings(dir.path()).contains(&"notes/new.txt:1:4 addict".to_string()));
}

#[test]
fn fixed_findings_drop_out_when_the_baseline_is_rewritten() {
    let dir = setup();
    write(dir.path(), "notes/other.txt", "A person who uses drugs.\n");
    let (code, stdout, stderr) = run_fixture_pack_no_config(
        dir.path(),
        &["check", "--baseline", "reframe-baseline.json"],
    );
    assert_eq!(
        (code, stdout.as_str()),
        (
            0,
            "Nothing to change: no phrases found in 2 files (45 words checked)\n"
        )
    );
    assert_eq!(
        stderr,
        "note: 3 findings in the baseline not shown; 1 recorded finding no longer found \
         (rewrite it with --write-baseline to drop them)\n"
    );
    let (code, _, stderr) = run_fixture_pack_no_config(
        dir.path(),
        &["check", "--write-baseline", "reframe-baseline.json"],
    );
    assert_eq!(
        (code, stderr.as_str()),
        (0, "wrote reframe-baseline.json: 3 findings in 1 file\n")
    );
    let text = fs::read_to_string(dir.path().join("reframe-baseline.json")).unwrap();
    assert!(!text.contains("addict"), "{text}");
}

#[test]
fn a_broken_baseline_is_an_error_with_its_place() {
    let dir = setup();
    write(
        dir.path(),
        "bad.json",
        "{\n  \"version\": 1,\n  \"entries\": []\n}\n",
    );
    let (code, stdout, stderr) =
        run_fixture_pack_no_config(dir.path(), &["check", "--baseline", "bad.json"]);
    assert_eq!((code, stdout.as_str()), (2, ""));
    assert!(stderr.starts_with("error: bad.json:3:"), "{stderr}");
    assert!(stderr.contains("unknown field `entries`"), "{stderr}");
    let (code, _, stderr) =
        run_fixture_pack_no_config(dir.path(), &["check", "--baseline", "missing.json"]);
    assert_eq!(code, 2);
    assert!(stderr.starts_with("error: missing.json: "), "{stderr}");
    write(dir.path(), "v9.json", "{\"version\": 9, \"findings\": []}");
    let (code, _, stderr) =
        run_fixture_pack_no_config(dir.path(), &["check", "--baseline", "v9.json"]);
    assert_eq!(code, 2);
    assert!(
        stderr.contains("baseline version 9 is not supported"),
        "{stderr}"
    );
}
