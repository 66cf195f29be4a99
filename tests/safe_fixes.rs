//! Every safe fix, applied to every sentence of the labelled corpus (`tests/corpus/*.jsonl`) with every pack on,
//! leaves a sentence without the three breaks a reader sees at once: a doubled word ("a a person"), an article
//! before a verb ("the we have not yet found"), or a capital letter in mid-sentence ("she Missed").
//!
//! The same checks run over every first suggestion that is a drop-in wording (safe or not); those breaks are
//! printed (`cargo test --test safe_fixes -- --nocapture`) and must stay under a small share.

mod common;

use std::path::PathBuf;

use reframe::fix::{apply_edits, safe_edits};
use reframe::rules::{PackSelection, RuleSet};
use reframe::scan::check::check_text;
use reframe::scan::finding::Finding;
use reframe::scan::matcher::Matcher;

fn corpus_sentences() -> Vec<String> {
    common::corpus_lines()
        .into_iter()
        .map(|(_, _, line)| {
            let entry: serde_json::Value = serde_json::from_str(&line).unwrap();
            entry["text"].as_str().unwrap().to_string()
        })
        .collect()
}

fn all_packs() -> RuleSet {
    let names: Vec<String> =
        std::fs::read_dir(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("rules"))
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "toml"))
            .map(|p| p.file_stem().unwrap().to_string_lossy().into_owned())
            .collect();
    RuleSet::load(&PackSelection {
        builtin: names,
        ..PackSelection::default()
    })
    .unwrap()
}

const ARTICLES: &[&str] = &["a", "an", "the"];

/// Words that cannot follow an article: pronouns, auxiliaries and verbs that suggestions start with, and
/// determiners.
const NOT_AFTER_AN_ARTICLE: &[&str] = &[
    "a", "an", "the", "we", "they", "he", "she", "it", "i", "you", "is", "are", "was", "were",
    "be", "has", "have", "had", "did", "does", "do", "not", "chose", "chooses", "choose", "missed",
    "uses", "use", "took", "takes", "take", "sees", "see", "saw", "said", "says", "their", "his",
    "her", "our", "my", "your", "who", "lives", "lived", "living", "died", "dies", "decided",
    "declined", "left", "went", "moved", "can", "could", "will", "would", "may", "might", "to",
];

fn words(text: &str) -> Vec<&str> {
    text.split(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’' || c == '-'))
        .filter(|w| !w.is_empty())
        .collect()
}

/// What is broken where `replacement` replaced `original[range]`, reading `fixed` (the whole new text), with
/// the new words at `fixed[start..start + replacement.len()]`.
fn break_at(original: &str, range: std::ops::Range<usize>, replacement: &str) -> Option<String> {
    let before = &original[..range.start];
    let after = &original[range.end..];
    let new_words = words(replacement);
    let (Some(first), Some(last)) = (new_words.first(), new_words.last()) else {
        return None;
    };
    let previous = words(before).last().copied();
    let next = words(after).first().copied();
    let gap_before = &before[before.trim_end().len()..];
    let word_before_touches = !gap_before.contains(['\n', '.', ',', ';', ':']);
    if let Some(previous) = previous
        && word_before_touches
        && before.trim_end().ends_with(|c: char| c.is_alphanumeric())
    {
        if previous.eq_ignore_ascii_case(first) {
            return Some(format!("doubled word {first:?}"));
        }
        if ARTICLES.contains(&previous.to_lowercase().as_str())
            && NOT_AFTER_AN_ARTICLE.contains(&first.to_lowercase().as_str())
        {
            return Some(format!("article {previous:?} before {first:?}"));
        }
    }
    if let Some(next) = next
        && after.starts_with([' ', '\t'])
        && next.eq_ignore_ascii_case(last)
    {
        return Some(format!("doubled word {last:?}"));
    }
    for pair in new_words.windows(2) {
        if ARTICLES.contains(&pair[0].to_lowercase().as_str())
            && NOT_AFTER_AN_ARTICLE.contains(&pair[1].to_lowercase().as_str())
        {
            return Some(format!("article {:?} before {:?}", pair[0], pair[1]));
        }
    }
    // A capital where the replaced words had none, after a word (not at a sentence start).
    let replaced = &original[range.clone()];
    let mid_sentence = before
        .trim_end()
        .chars()
        .last()
        .is_some_and(|c| c.is_alphanumeric() || c == ',');
    // Lower case, or an acronym ("DNA'd"): its capitals say nothing about the words that replace it.
    let first_replaced = replaced
        .split(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or("");
    let was_lower = first_replaced
        .chars()
        .next()
        .is_some_and(char::is_lowercase)
        || (first_replaced.chars().count() >= 2
            && first_replaced
                .chars()
                .all(|c| c.is_uppercase() || c.is_ascii_digit()));
    if mid_sentence && was_lower && first.chars().next().is_some_and(char::is_uppercase) {
        return Some(format!("capital {first:?} in mid-sentence"));
    }
    None
}

/// The breaks of the first suggestion of each of `findings` (only those `pick` chooses) in `text`.
fn breaks(text: &str, findings: &[&Finding]) -> Vec<String> {
    findings
        .iter()
        .filter_map(|f| {
            let r = f.first_replacement()?;
            break_at(text, r.range, &r.text).map(|b| format!("{b}: {text:?} -> {:?}", r.text))
        })
        .collect()
}

#[test]
fn break_checks_see_each_kind_of_break() {
    assert!(break_at("She is a a", 9..10, "a person").is_some());
    assert!(break_at("He is the x", 10..11, "we have not").is_some());
    assert!(break_at("He was a DNA.", 7..12, "a missed").is_some());
    assert!(break_at("He was a DNA.", 7..12, "a missed appointment").is_some());
    assert!(break_at("He was the DNA.", 11..14, "missed").is_some());
    assert!(break_at("She DNA'd it", 4..9, "Missed").is_some());
    assert!(break_at("DNA'd again", 0..5, "Missed").is_none());
    assert!(break_at("She is an addict.", 7..16, "a person who uses drugs").is_none());
}

#[test]
fn safe_fixes_over_the_corpus_break_no_sentence() {
    let rules = all_packs();
    let matcher = Matcher::new(&rules, &[]);
    let mut broken_safe = Vec::new();
    let mut broken_any = Vec::new();
    let mut drop_ins = 0;
    let mut safe_fixes = 0;
    for sentence in corpus_sentences() {
        let findings = check_text(&sentence, 0, &matcher, &rules);
        let edits = safe_edits(&findings, &rules);
        safe_fixes += edits.len();
        let safe: Vec<&Finding> = findings
            .iter()
            .filter(|f| f.is_safe_fix(&rules.rules[f.rule]))
            .collect();
        broken_safe.extend(breaks(&sentence, &safe));
        let all: Vec<&Finding> = findings.iter().collect();
        drop_ins += all
            .iter()
            .filter(|f| f.first_replacement().is_some())
            .count();
        broken_any.extend(breaks(&sentence, &all));
        // Applying the safe edits together keeps the text valid and changes only what they replace.
        let fixed = String::from_utf8(apply_edits(sentence.as_bytes(), &edits)).unwrap();
        assert_eq!(edits.is_empty(), fixed == sentence);
    }
    println!(
        "{safe_fixes} safe fixes, {} broken; {drop_ins} drop-in first suggestions, {} broken",
        broken_safe.len(),
        broken_any.len()
    );
    for b in &broken_any {
        println!("  {b}");
    }
    assert!(safe_fixes > 0, "the corpus gives safe fixes to check");
    assert!(broken_safe.is_empty(), "safe fixes broke: {broken_safe:#?}");
    assert!(
        broken_any.len() * 20 <= drop_ins,
        "more than 1 in 20 drop-in first suggestions break the sentence: {broken_any:#?}"
    );
}
