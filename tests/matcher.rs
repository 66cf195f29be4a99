//! Table-driven tests of the matching semantics, with exact positions, on the `semantics` fixture pack.

mod common;

use common::{fixture_rules, fixture_rules_and_matcher};
use reframe::rules::RuleSet;
use reframe::scan::check::check_text;
use reframe::scan::finding::Finding;
use reframe::scan::matcher::Matcher;

fn findings(text: &str) -> (RuleSet, Vec<Finding>) {
    let (rules, matcher) = fixture_rules_and_matcher();
    let found = check_text(text, 0, &matcher, &rules);
    (rules, found)
}

/// (rule id, matched text, line, column, end column, start byte) for each finding.
fn summary(text: &str) -> Vec<(String, String, usize, usize, usize, usize)> {
    let (rules, found) = findings(text);
    found
        .iter()
        .map(|f| {
            (
                rules.rules[f.rule].id.clone(),
                f.text.clone(),
                f.line,
                f.column,
                f.end_column,
                f.bytes.start,
            )
        })
        .collect()
}

fn ids(text: &str) -> Vec<String> {
    summary(text).into_iter().map(|s| s.0).collect()
}

fn row(
    id: &str,
    text: &str,
    line: usize,
    col: usize,
    end_col: usize,
    byte: usize,
) -> (String, String, usize, usize, usize, usize) {
    (id.to_string(), text.to_string(), line, col, end_col, byte)
}

#[test]
fn matches_case_insensitively_for_all_unicode_letters() {
    assert_eq!(
        summary("SERVICE USER"),
        [row("service-user", "SERVICE USER", 1, 1, 13, 0)]
    );
    assert_eq!(
        summary("A Service User."),
        [row("service-user", "Service User", 1, 3, 15, 2)]
    );
    // ß folds to "ss", as Unicode case folding has it.
    assert_eq!(
        summary("die STRASSE, die Straße"),
        [
            row("strasse", "STRASSE", 1, 5, 12, 4),
            row("strasse", "Straße", 1, 18, 24, 17)
        ]
    );
    // İ lower-cases to two characters; positions after it must still be right, and nothing panics.
    assert_eq!(
        summary("İİ service user"),
        [row("service-user", "service user", 1, 4, 16, 5)]
    );
    assert_eq!(summary("İ"), []);
}

#[test]
fn any_whitespace_between_words_matches() {
    assert_eq!(
        summary("service\tuser"),
        [row("service-user", "service\tuser", 1, 1, 13, 0)]
    );
    assert_eq!(summary("service\u{00A0}user")[0].1, "service\u{00A0}user");
    let wrapped = "Sam is a service\n  user here";
    let (_, found) = findings(wrapped);
    assert_eq!(found.len(), 1);
    assert_eq!(
        (
            found[0].line,
            found[0].column,
            found[0].end_line,
            found[0].end_column
        ),
        (1, 10, 2, 7)
    );
    assert_eq!(&wrapped[found[0].bytes.clone()], "service\n  user");
    assert_eq!(ids("service\r\nuser"), ["service-user"]);
}

#[test]
fn apostrophes_and_dashes_are_equivalent() {
    for text in [
        "they don't engage",
        "they don\u{2019}t engage",
        "they don\u{2018}t engage",
        "they don\u{02BC}t engage",
    ] {
        assert_eq!(ids(text), ["dont-know"], "{text:?}");
    }
    for text in [
        "hard-to-reach",
        "hard\u{2010}to\u{2011}reach",
        "hard \u{2013} to reach",
        "hard\u{2012}to reach",
        "hard to reach",
    ] {
        assert_eq!(ids(text), ["hard-to-reach"], "{text:?}");
    }
    assert_eq!(
        summary("a hard-to-reach group")[0],
        row("hard-to-reach", "hard-to-reach", 1, 3, 16, 2)
    );
}

#[test]
fn whole_words_only() {
    assert_eq!(ids("username and users"), ["user"]);
    assert_eq!(ids("addictive games"), Vec::<String>::new());
    assert_eq!(ids("black LAC"), ["lac"]);
    assert_eq!(ids("BLACK"), Vec::<String>::new());
    assert_eq!(ids("schizophrenia"), Vec::<String>::new());
    assert_eq!(ids("the addict's room"), ["addict"]);
    assert_eq!(ids("user_name"), Vec::<String>::new());
}

#[test]
fn case_sensitive_rules_match_exact_case_only() {
    assert_eq!(ids("LAC review"), ["lac"]);
    assert_eq!(ids("lac review"), Vec::<String>::new());
    assert_eq!(ids("Lac review"), Vec::<String>::new());
}

#[test]
fn leftmost_longest_wins_and_words_are_reported_once() {
    assert_eq!(
        summary("vulnerable adults"),
        [row("vulnerable-adults", "vulnerable adults", 1, 1, 18, 0)]
    );
    assert_eq!(ids("vulnerable people"), ["vulnerable"]);
    // "service user" beats "user" inside it.
    assert_eq!(ids("the service users"), ["service-user"]);
    // A longer candidate that fails the word check does not hide a shorter valid one at the same place.
    assert_eq!(
        summary("vulnerable adultsfoo"),
        [row("vulnerable", "vulnerable", 1, 1, 11, 0)]
    );
    assert_eq!(ids("service usersx"), Vec::<String>::new());
}

#[test]
fn exceptions_are_honoured() {
    assert_eq!(ids("a wheelchair user"), Vec::<String>::new());
    assert_eq!(ids("wheelchair users and users"), ["user"]);
    // An exception silences its own rule only: the shorter "user" rule still sees its word.
    assert_eq!(ids("the service user forum"), ["user"]);
    assert_eq!(
        ids("the service user forum and a service user"),
        ["user", "service-user"]
    );
}

#[test]
fn regex_rules_match_at_word_boundaries() {
    assert_eq!(ids("non-engagement again"), ["non-engagement"]);
    assert_eq!(ids("nonengaging"), ["non-engagement"]);
    assert_eq!(ids("anon engagement"), Vec::<String>::new());
}

#[test]
fn suggestions_follow_case_number_and_article() {
    let (_, found) = findings("Service user");
    assert_eq!(
        found[0].suggestions,
        ["Person we support", "Person", "<their name>"]
    );
    let (_, found) = findings("SERVICE USERS");
    assert_eq!(
        found[0].suggestions,
        ["PEOPLE WE SUPPORT", "PEOPLE", "<their name>"]
    );
    let (_, found) = findings("He is an addict.");
    assert_eq!(
        found[0].suggestions,
        ["a person who uses drugs", "<their name>"]
    );
    assert_eq!(found[0].text, "addict");
    assert_eq!(found[0].replace, 6..15);
    let (_, found) = findings("An addict");
    assert_eq!(found[0].suggestions[0], "A person who uses drugs");
    let (_, found) = findings("two addicts");
    assert_eq!(found[0].suggestions[0], "people who use drugs");
    let (_, found) = findings("a vulnerable adult");
    assert_eq!(found[0].suggestions[0], "an adult we support");
}

#[test]
fn positions_refer_to_the_original_text() {
    let text = "Ünïcödé — “quoted” café\r\nline two: a \u{2018}service\u{00A0}\u{00A0}user\u{2019}";
    let (_, found) = findings(text);
    assert_eq!(found.len(), 1);
    let f = &found[0];
    assert_eq!(&text[f.bytes.clone()], "service\u{00A0}\u{00A0}user");
    assert_eq!(f.text, "service\u{00A0}\u{00A0}user");
    assert_eq!((f.line, f.column, f.end_line, f.end_column), (2, 14, 2, 27));
}

#[test]
fn allow_list_phrases_are_never_flagged() {
    let rules = fixture_rules();
    let matcher = Matcher::new(&rules, &["Hard to Reach Trust".to_string()]);
    let found = check_text(
        "The Hard-to-Reach Trust helps people who are hard to reach.",
        0,
        &matcher,
        &rules,
    );
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].column, 46);
}
