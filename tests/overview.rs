//! The overview after the findings (and alone with `--statistics`), the plain-words closing line, the concise
//! format, and the same overview in the JSON report's summary: run through the binary with the default packs.

mod common;

use common::{assert_contains, json_report, reframe_in, run, tree};

/// A note with the same phrase three times (written two ways), one other certain phrase and one possible one, in
/// 43 words.
const NOTE: &str = "Visit on Monday. The service user was at home and said the heating works now.\n\
Another service user on the landing asked about the rent. Service users met in the lounge.\n\
He failed to engage with the team.\nClient: Mrs Edna Hughes, 87\n";

fn check(files: &[(&str, &str)], args: &[&str]) -> (i32, String, String) {
    let dir = tree(files);
    run(reframe_in(dir.path())
        .args(["check", "--no-config", "--color", "never"])
        .args(args))
}

#[test]
fn the_word_count_is_a_word_processors() {
    // Counted by hand: "hard-to-reach" is one word, a lone dash none.
    let (_, stdout, _) = check(
        &[(
            "note.txt",
            "Staff say she is hard-to-reach - but she came in.\n",
        )],
        &["--format", "json", "note.txt"],
    );
    let report = json_report(&stdout, "");
    assert_eq!(report["summary"]["words"], 9);
}

#[test]
fn statistics_prints_the_overview_without_the_findings() {
    let (code, stdout, stderr) = check(&[("note.txt", NOTE)], &["--statistics", "note.txt"]);
    assert_eq!(code, 1, "{stderr}");
    assert!(!stdout.contains("-->"), "no finding is printed:\n{stdout}");
    insta::assert_snapshot!("statistics_one_note", stdout);
}

#[test]
fn the_overview_counts_a_phrase_written_two_ways_as_one_and_puts_it_first() {
    let (_, stdout, _) = check(&[("note.txt", NOTE)], &["--format", "json", "note.txt"]);
    let summary = &json_report(&stdout, "")["summary"];
    assert_eq!(summary["words"], 43);
    let top = &summary["top_phrases"][0];
    assert_eq!(top["rule"], "service-user");
    assert_eq!(top["findings"], 3);
    // Written "service user" twice and "Service users" once: the way seen most often is shown.
    assert_eq!(top["phrase"], "service user");
    assert_eq!(top["suggestion"], "\u{201C}person we support\u{201D}");
    assert_eq!(
        summary["to_change"],
        summary["findings"].as_u64().unwrap() - 1
    );
    assert_eq!(summary["worth_a_look"], 1, "the client (possible)");
    let findings = summary["findings"].as_u64().unwrap() as f64;
    assert_eq!(
        summary["per_thousand_words"],
        (findings * 10_000.0 / 43.0).round() / 10.0
    );
    let categories = summary["by_category"].as_array().unwrap();
    assert_eq!(categories[0]["category"], "label");
    let total: u64 = categories
        .iter()
        .map(|c| c["findings"].as_u64().unwrap())
        .sum();
    assert_eq!(total as f64, findings);
    assert_eq!(summary["documents"][0]["path"], "note.txt");
    assert_eq!(summary["documents"][0]["words"], 43);
}

#[test]
fn a_folder_overview_lists_the_documents_with_the_most_phrases_first() {
    let (_, stdout, _) = check(
        &[
            ("a.txt", "The service user was seen.\n"),
            ("b.txt", NOTE),
            ("c.txt", "Nothing to see here, just a visit.\n"),
        ],
        &["--statistics", "."],
    );
    let b = stdout.find("  b.txt (").expect(&stdout);
    let a = stdout.find("  a.txt (").expect(&stdout);
    assert!(b < a, "b.txt has more phrases:\n{stdout}");
    assert!(
        !stdout.contains("c.txt"),
        "a clean document is not listed:\n{stdout}"
    );
    assert_contains(&stdout, &["Overview: ", " checked in 3 files\n"]);
}

#[test]
fn a_clean_run_says_so_kindly_in_one_line() {
    let (code, stdout, _) = check(
        &[("note.txt", "Sam came in for a cup of tea and a chat.\n")],
        &["note.txt"],
    );
    assert_eq!(code, 0);
    assert_eq!(
        stdout,
        "Nothing to change: no phrases found in 1 file (11 words checked)\n"
    );
}

#[test]
fn the_closing_line_says_what_to_change_and_what_is_worth_a_look() {
    let (_, stdout, _) = check(&[("note.txt", NOTE)], &["note.txt"]);
    let last = stdout.lines().last().unwrap();
    assert!(
        last.contains(" phrases to change and 1 worth a look in 1 of 1 file ("),
        "{last}"
    );
    assert!(last.ends_with(" info)"), "{last}");
}

#[test]
fn concise_prints_one_line_per_finding_then_the_closing_line() {
    let (code, stdout, _) = check(
        &[(
            "note.txt",
            "Sam is a service user.\nShe failed to engage with the team.\n",
        )],
        &["--format", "concise", "note.txt"],
    );
    assert_eq!(code, 1);
    assert_eq!(
        stdout,
        "note.txt:1:10: warning[service-user] \u{201C}service user\u{201D} labels a person by the service they \
         receive. Try: \u{201C}a person we support\u{201D}, \u{201C}a person\u{201D}, their name.\n\
         note.txt:2:5: warning[failed-to-engage] \u{201C}failed to engage with\u{201D} blames the person for a \
         service that did not fit. Try: \u{201C}did not work with\u{201D}, say what was offered and what happened.\n\
         \n\
         2 phrases to change in 1 of 1 file (2 warnings)\n"
    );
}

#[test]
fn concise_marks_a_possible_finding() {
    let (_, stdout, _) = check(&[("note.txt", NOTE)], &["--format", "concise", "note.txt"]);
    let client = stdout
        .lines()
        .find(|l| l.contains("[client]"))
        .expect(&stdout);
    assert!(
        client.starts_with(
            "note.txt:4:1: info[client] (possible: worth a look) \u{201C}Client\u{201D} "
        ),
        "{client}"
    );
}

#[test]
fn quiet_leaves_out_the_overview_and_the_closing_line() {
    let (_, stdout, _) = check(&[("note.txt", NOTE)], &["-q", "note.txt"]);
    assert!(!stdout.contains("Overview"), "{stdout}");
    assert!(!stdout.contains("phrases to change"), "{stdout}");
    assert!(stdout.contains("warning[service-user]"), "{stdout}");
}

#[test]
fn statistics_with_a_machine_format_is_a_usage_error() {
    let (code, stdout, stderr) = check(
        &[("note.txt", NOTE)],
        &["--statistics", "--format", "json", "note.txt"],
    );
    assert_eq!(code, 2);
    assert_eq!(stdout, "");
    assert_contains(&stderr, &["--statistics", "summary"]);
}

#[test]
fn github_adds_the_overview_to_the_step_summary_and_says_what_was_not_annotated() {
    // Twelve warnings: GitHub shows ten of them.
    let note = "The service user was seen.\n".repeat(12);
    let dir = tree(&[("note.txt", &note)]);
    let summary = dir.path().join("summary.md");
    std::fs::write(&summary, "# Earlier step\n").unwrap();
    let (code, stdout, stderr) = run(reframe_in(dir.path())
        .env("GITHUB_STEP_SUMMARY", &summary)
        .args(["check", "--no-config", "--format", "github", "note.txt"]));
    assert_eq!(code, 1, "{stderr}");
    assert_eq!(
        stdout
            .lines()
            .filter(|l| l.starts_with("::warning "))
            .count(),
        12
    );
    let last = stdout.lines().last().unwrap();
    assert!(
        last.starts_with("reframe: 2 findings are not shown as annotations"),
        "{last}"
    );
    let markdown = std::fs::read_to_string(&summary).unwrap();
    assert!(
        markdown.starts_with("# Earlier step\n## reframe: 12 phrases to change in 1 of 1 file\n"),
        "{markdown}"
    );
    assert_contains(
        &markdown,
        &[
            "| label | 12 |",
            "| \u{201C}service user\u{201D} | 12 | \u{201C}person we support\u{201D} |",
        ],
    );
}

#[test]
fn concise_with_statistics_prints_the_overview_and_no_finding() {
    let (_, stdout, _) = check(
        &[("note.txt", NOTE)],
        &["--format", "concise", "--statistics", "note.txt"],
    );
    assert!(
        stdout.starts_with("Overview: 43 words checked in note.txt\n"),
        "{stdout}"
    );
    assert!(!stdout.contains("note.txt:"), "{stdout}");
}
