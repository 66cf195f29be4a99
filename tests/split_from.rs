//! A rule split off from another (`split-from`): what users silenced under the old id stays silent — suppression
//! comments, `disable`, `severity` and baseline entries that name the old id cover the new rule.

mod common;

use std::path::Path;

use common::{findings, json_report, reframe_in, run, tree, write};

/// The phrase the built-in `service-user-compound` rule (split from `service-user`) reports.
const FORUM: &str = "The service users' forum met on Friday.\n";

/// Runs `reframe check --format json` in `dir` with `args`; gives `rule@line:severity` per finding and the notes.
fn check(dir: &Path, args: &[&str]) -> (Vec<String>, usize) {
    let mut cmd = reframe_in(dir);
    cmd.args(["check", "--format", "json"]).args(args);
    let (_, stdout, stderr) = run(&mut cmd);
    let report = json_report(&stdout, &stderr);
    let found = findings(&report)
        .iter()
        .map(|f| {
            format!(
                "{}@{}:{}",
                f["rule"].as_str().unwrap(),
                f["line"],
                f["severity"].as_str().unwrap()
            )
        })
        .collect();
    let notes = report["notes"].as_array().map_or(0, Vec::len);
    (found, notes)
}

#[test]
fn the_split_rule_is_reported_under_its_own_id() {
    let dir = tree(&[("note.txt", FORUM)]);
    let (found, _) = check(dir.path(), &["--no-config", "note.txt"]);
    assert_eq!(found, ["service-user-compound@1:warning"]);
}

#[test]
fn a_suppression_comment_naming_the_old_id_silences_the_split_rule() {
    let dir = tree(&[(
        "note.md",
        "<!-- reframe-disable-next-line service-user -->\nThe service users' forum met on Friday.\n\nThe service users' forum met again.\n",
    )]);
    let (found, notes) = check(dir.path(), &["--no-config", "note.md"]);
    // The comment silences line 2 and is not reported as stale; line 4 is still a finding.
    assert_eq!(found, ["service-user-compound@4:warning"]);
    assert_eq!(notes, 0);
}

#[test]
fn a_comment_naming_another_rule_does_not_silence_it() {
    let dir = tree(&[(
        "note.md",
        "<!-- reframe-disable-next-line hard-to-reach -->\nThe service users' forum met on Friday.\n",
    )]);
    let (found, _) = check(dir.path(), &["--no-config", "note.md"]);
    assert_eq!(found, ["service-user-compound@2:warning"]);
}

#[test]
fn disable_and_severity_in_the_config_naming_the_old_id_cover_the_split_rule() {
    let dir = tree(&[
        ("note.txt", FORUM),
        ("reframe.toml", "disable = [\"service-user\"]\n"),
    ]);
    assert_eq!(check(dir.path(), &["note.txt"]).0, Vec::<String>::new());

    write(
        dir.path(),
        "reframe.toml",
        "[severity]\nservice-user = \"error\"\n",
    );
    assert_eq!(
        check(dir.path(), &["note.txt"]).0,
        ["service-user-compound@1:error"]
    );

    // The rule's own id wins over the id it was split from.
    write(
        dir.path(),
        "reframe.toml",
        "[severity]\nservice-user = \"error\"\nservice-user-compound = \"info\"\n",
    );
    assert_eq!(
        check(dir.path(), &["note.txt"]).0,
        ["service-user-compound@1:info"]
    );
}

/// A user pack at two versions: in the second, `hard-to-reach-families` took the phrase over from `hard-to-reach`.
fn pack(split: bool) -> String {
    let second = if split {
        "[[rule]]\nid = \"hard-to-reach-families\"\nsplit-from = [\"hard-to-reach\"]\nterms = [\"hard to reach families\"]\n\
         suggestions = [\"families we have not yet reached\"]\nwhy = \"It blames the families.\"\ncategory = \"blame\"\n"
    } else {
        ""
    };
    let first_terms = if split {
        "[\"hard to reach\"]"
    } else {
        "[\"hard to reach\", \"hard to reach families\"]"
    };
    format!(
        "[pack]\nname = \"ours\"\ndescription = \"Test pack.\"\nversion = \"1\"\n\n\
         [[rule]]\nid = \"hard-to-reach\"\nterms = {first_terms}\nsuggestions = [\"not yet reached\"]\n\
         why = \"It blames the person.\"\ncategory = \"blame\"\n\n{second}"
    )
}

fn baseline_check(dir: &Path) -> Vec<String> {
    check(
        dir,
        &[
            "--no-config",
            "--pack",
            "core",
            "--rules",
            "ours.toml",
            "--baseline",
            "baseline.json",
            "note.txt",
        ],
    )
    .0
}

#[test]
fn a_baseline_entry_recorded_under_the_old_id_still_accepts_the_finding() {
    let note = "We wrote to the hard to reach families in May.\n";
    for split in [true, false] {
        let dir = tree(&[("note.txt", note), ("ours.toml", &pack(false))]);
        let mut cmd = reframe_in(dir.path());
        cmd.args([
            "check",
            "--no-config",
            "--pack",
            "core",
            "--rules",
            "ours.toml",
            "--write-baseline",
            "baseline.json",
            "note.txt",
        ]);
        let (code, _, stderr) = run(&mut cmd);
        assert_eq!(code, 0, "{stderr}");
        assert!(
            std::fs::read_to_string(dir.path().join("baseline.json"))
                .unwrap()
                .contains("\"hard-to-reach\""),
        );
        // The pack's next version moves the phrase to a new rule; without `split-from` it would come back.
        let next = pack(true);
        let next = if split {
            next
        } else {
            next.replace("split-from = [\"hard-to-reach\"]\n", "")
        };
        write(dir.path(), "ours.toml", next);
        let expected: &[&str] = if split {
            &[]
        } else {
            &["hard-to-reach-families@1:warning"]
        };
        assert_eq!(baseline_check(dir.path()), expected, "split-from: {split}");
    }
}

#[test]
fn a_split_from_id_that_is_not_kebab_case_or_the_rule_itself_is_an_error_with_its_place() {
    let dir = tree(&[(
        "ours.toml",
        &pack(true).replace(
            "split-from = [\"hard-to-reach\"]",
            "split-from = [\"Hard_to_reach\", \"hard-to-reach-families\"]",
        ),
    )]);
    let mut cmd = reframe_in(dir.path());
    cmd.args(["test-rules", "--rules", "ours.toml"]);
    let (code, _, stderr) = run(&mut cmd);
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains("ours.toml:15:16")
            && stderr.contains("`split-from` id `Hard_to_reach` must be kebab-case"),
        "{stderr}"
    );
    assert!(
        stderr.contains("ours.toml:15:33") && stderr.contains("`split-from` names the rule itself"),
        "{stderr}"
    );
}
