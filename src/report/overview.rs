//! The overview of a run: words checked, how often a phrase was found, counts by kind of language, the most
//! frequent phrases with what to write instead, and each document's share. The human and concise formats print it
//! after the findings (or alone, with `--statistics`); the JSON report carries it in `summary`.

use std::collections::HashMap;

use serde::Serialize;

use crate::rules::{Category, RuleSet};
use crate::scan::check::{FileReport, Outcome};
use crate::scan::finding::Finding;
use crate::scan::sense::Confidence;

use super::human::suggestion_list;

/// How many of the most frequent phrases an overview keeps.
pub const TOP_PHRASES: usize = 10;

/// The overview of a run (or of one document).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Overview {
    /// Words of text checked, in every checked file (counted as a word processor does).
    pub words: usize,
    /// Findings outside quotation marks for every 1,000 words checked, to one decimal place (0 with no words).
    pub per_thousand_words: f64,
    /// Certain findings outside quotation marks: phrases to change.
    pub to_change: usize,
    /// Possible findings outside quotation marks: the words around them do not show whether they are said of a
    /// person, so they are worth a look.
    pub worth_a_look: usize,
    /// Findings inside quotation marks (reported only with `--include-quotes`): a person's own words, not to be
    /// corrected.
    pub in_quotes: usize,
    /// Findings by category, most first (categories with none left out).
    pub by_category: Vec<CategoryCount>,
    /// The most frequent phrases, most first (at most [`TOP_PHRASES`]).
    pub top_phrases: Vec<PhraseCount>,
    /// Every checked document, in path order.
    pub documents: Vec<DocumentOverview>,
}

/// The findings of one category.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CategoryCount {
    /// The category.
    pub category: Category,
    /// What it means, in plain words.
    pub meaning: &'static str,
    /// Its findings.
    pub findings: usize,
}

/// A rule's phrase, counted over every way it was written ("service user", "Service users").
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PhraseCount {
    /// The phrase as most often written, in lower case.
    pub phrase: String,
    /// The rule that found it.
    pub rule: String,
    /// How many times it was found.
    pub findings: usize,
    /// The first suggestion, as the human format prints it (`“person we support”`, or advice in plain words);
    /// absent when the rule has none.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub suggestion: Option<String>,
}

/// One checked document's share of the run.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DocumentOverview {
    /// The document, as reports show it.
    pub path: String,
    /// Words of text checked.
    pub words: usize,
    /// Every finding.
    pub findings: usize,
    /// Certain findings outside quotation marks.
    pub to_change: usize,
    /// Possible findings outside quotation marks.
    pub worth_a_look: usize,
    /// Findings outside quotation marks for every 1,000 words.
    pub per_thousand_words: f64,
}

/// Findings outside quotation marks per 1,000 of `words`, to one decimal place.
fn rate(findings: usize, words: usize) -> f64 {
    if words == 0 {
        return 0.0;
    }
    (findings as f64 * 10_000.0 / words as f64).round() / 10.0
}

fn is_to_change(f: &Finding) -> bool {
    !f.quoted && f.confidence == Confidence::Certain
}

fn is_worth_a_look(f: &Finding) -> bool {
    !f.quoted && f.confidence == Confidence::Possible
}

impl Overview {
    /// Takes the reports of a run (as they are to be printed, after any baseline) and the rule set; gives the
    /// overview.
    pub fn of(reports: &[FileReport], rules: &RuleSet) -> Overview {
        let mut overview = Overview {
            words: 0,
            per_thousand_words: 0.0,
            to_change: 0,
            worth_a_look: 0,
            in_quotes: 0,
            by_category: Vec::new(),
            top_phrases: Vec::new(),
            documents: Vec::new(),
        };
        let mut by_category: HashMap<Category, usize> = HashMap::new();
        // Phrases by rule ("service user" and "Service users" are one phrase); each with how often each way of
        // writing it was seen and in what order phrases were first met, so that ties come out in reading order.
        let mut phrases: HashMap<usize, Phrase> = HashMap::new();
        for report in reports {
            let Outcome::Checked(findings) = &report.outcome else {
                continue;
            };
            let to_change = findings.iter().filter(|f| is_to_change(f)).count();
            let worth_a_look = findings.iter().filter(|f| is_worth_a_look(f)).count();
            overview.words += report.words;
            overview.to_change += to_change;
            overview.worth_a_look += worth_a_look;
            overview.in_quotes += findings.iter().filter(|f| f.quoted).count();
            overview.documents.push(DocumentOverview {
                path: report.path.clone(),
                words: report.words,
                findings: findings.len(),
                to_change,
                worth_a_look,
                per_thousand_words: rate(to_change + worth_a_look, report.words),
            });
            for finding in findings {
                *by_category
                    .entry(rules.rules[finding.rule].category)
                    .or_default() += 1;
                let order = phrases.len();
                let phrase = phrases.entry(finding.rule).or_insert_with(|| Phrase {
                    order,
                    findings: 0,
                    forms: Vec::new(),
                });
                phrase.findings += 1;
                let form = phrase_key(&finding.text);
                match phrase.forms.iter_mut().find(|f| f.key == form) {
                    Some(f) => f.count += 1,
                    None => phrase.forms.push(Form {
                        key: form,
                        shown: sentence_case_lowered(&finding.text),
                        count: 1,
                        suggestion: finding
                            .suggestions
                            .first()
                            .map(|s| suggestion_for_the_phrase(s, finding)),
                    }),
                }
            }
        }
        overview.per_thousand_words =
            rate(overview.to_change + overview.worth_a_look, overview.words);
        overview.by_category = Category::ALL
            .iter()
            .filter_map(|&category| {
                by_category.get(&category).map(|&findings| CategoryCount {
                    category,
                    meaning: category.meaning(),
                    findings,
                })
            })
            .collect();
        // Stable: equal counts keep the documentation order of the categories.
        overview
            .by_category
            .sort_by_key(|c| std::cmp::Reverse(c.findings));
        let mut phrases: Vec<(usize, Phrase)> = phrases.into_iter().collect();
        phrases.sort_by(|(_, a), (_, b)| b.findings.cmp(&a.findings).then(a.order.cmp(&b.order)));
        overview.top_phrases = phrases
            .into_iter()
            .take(TOP_PHRASES)
            .map(|(rule, phrase)| {
                // The way of writing it seen most often (the first seen of those tied).
                let form = phrase
                    .forms
                    .iter()
                    .fold(None::<&Form>, |best, form| match best {
                        Some(b) if b.count >= form.count => Some(b),
                        _ => Some(form),
                    })
                    .cloned()
                    .unwrap_or_default();
                let suggestion = form.suggestion;
                PhraseCount {
                    phrase: form.shown,
                    rule: rules.rules[rule].id.clone(),
                    findings: phrase.findings,
                    suggestion: suggestion.map(|s| suggestion_list(&[s])),
                }
            })
            .collect();
        overview
    }

    /// The documents with at least one finding, the most findings first (equal counts in path order).
    pub fn documents_with_findings(&self) -> Vec<&DocumentOverview> {
        let mut documents: Vec<&DocumentOverview> =
            self.documents.iter().filter(|d| d.findings > 0).collect();
        documents.sort_by_key(|d| std::cmp::Reverse(d.findings));
        documents
    }

    /// Findings in the run, quoted ones included.
    pub fn findings(&self) -> usize {
        self.to_change + self.worth_a_look + self.in_quotes
    }
}

impl Overview {
    /// "12 phrases to change, 5 worth a look and 2 in quotation marks", leaving out the parts that are none.
    pub fn found_counts(&self) -> String {
        let mut parts: Vec<String> = Vec::new();
        for (count, what) in [
            (self.to_change, "to change"),
            (self.worth_a_look, "worth a look"),
            (self.in_quotes, "in quotation marks"),
        ] {
            if count == 0 {
                continue;
            }
            parts.push(if parts.is_empty() {
                format!("{} {what}", plural(count, "phrase", "phrases"))
            } else {
                format!("{count} {what}")
            });
        }
        match parts.len() {
            0 => "no phrases".to_string(),
            1 => parts.remove(0),
            _ => {
                let last = parts.pop().unwrap_or_default();
                format!("{} and {last}", parts.join(", "))
            }
        }
    }

    /// The overview as Markdown, for a GitHub Actions step summary: a heading with the counts, the words checked,
    /// then tables of the kinds of language, the most frequent phrases and the documents with the most phrases.
    pub fn markdown(&self, files_checked: usize, files_with_findings: usize) -> String {
        let mut md = String::new();
        if self.findings() == 0 {
            md.push_str(&format!(
                "## reframe: nothing to change\n\nNo phrases found in {} ({} checked).\n",
                plural(files_checked, "file", "files"),
                plural_words(self.words)
            ));
            return md;
        }
        md.push_str(&format!(
            "## reframe: {} in {files_with_findings} of {}\n\n{} checked: {:.1} in every 1,000 words.\n\n",
            self.found_counts(),
            plural(files_checked, "file", "files"),
            plural_words(self.words),
            self.per_thousand_words
        ));
        md.push_str("| Kind of language | Phrases | What it means |\n|---|---:|---|\n");
        for c in &self.by_category {
            md.push_str(&format!(
                "| {} | {} | {} |\n",
                c.category, c.findings, c.meaning
            ));
        }
        md.push_str("\n| Most frequent phrase | Times | Try |\n|---|---:|---|\n");
        for p in &self.top_phrases {
            md.push_str(&format!(
                "| \u{201C}{}\u{201D} | {} | {} |\n",
                table_cell(&p.phrase),
                p.findings,
                table_cell(p.suggestion.as_deref().unwrap_or(""))
            ));
        }
        let documents = self.documents_with_findings();
        if documents.len() > 1 {
            md.push_str("\n| Document | Phrases | In every 1,000 words |\n|---|---:|---:|\n");
            for d in documents.iter().take(MARKDOWN_DOCUMENTS) {
                md.push_str(&format!(
                    "| {} | {} | {:.1} |\n",
                    table_cell(&d.path),
                    d.findings,
                    d.per_thousand_words
                ));
            }
            if documents.len() > MARKDOWN_DOCUMENTS {
                md.push_str(&format!(
                    "\n{} more documents have phrases; the JSON report lists every one.\n",
                    documents.len() - MARKDOWN_DOCUMENTS
                ));
            }
        }
        md
    }
}

/// How many documents the Markdown overview lists.
const MARKDOWN_DOCUMENTS: usize = 20;

/// Text made safe for a Markdown table cell: no line breaks, `|` escaped, and no HTML.
fn table_cell(text: &str) -> String {
    text.replace(['\r', '\n'], " ")
        .replace('\\', "\\\\")
        .replace('|', "\\|")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// `count` and the noun in the number that fits.
pub(super) fn plural(count: usize, one: &str, many: &str) -> String {
    format!("{count} {}", if count == 1 { one } else { many })
}

/// "1 word", "2,431 words".
pub(super) fn plural_words(n: usize) -> String {
    format!("{} {}", thousands(n), if n == 1 { "word" } else { "words" })
}

/// One phrase's tally while the overview is counted.
struct Phrase {
    order: usize,
    findings: usize,
    /// Each way of writing it.
    forms: Vec<Form>,
}

/// One way of writing a phrase, while the overview is counted.
#[derive(Debug, Clone, Default)]
struct Form {
    /// The words in lower case (see [`phrase_key`]).
    key: String,
    /// The words as the overview shows them (see [`sentence_case_lowered`]).
    shown: String,
    /// How often it was found.
    count: usize,
    /// Its first suggestion, cased and without an article as `shown` is.
    suggestion: Option<String>,
}

/// The phrase in lower case with its spaces made single, so that "Service user" and "service  user" are one way of
/// writing it.
fn phrase_key(text: &str) -> String {
    text.split_whitespace()
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join(" ")
}

/// The phrase as the overview shows it: spaces made single, and a capital that only starts a sentence ("Service
/// users") put in lower case; capitals of an acronym ("LAC", "DNA'd") kept.
fn sentence_case_lowered(text: &str) -> String {
    let words = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if starts_a_sentence(&words) {
        lower_first(&words)
    } else {
        words
    }
}

/// Whether `text` starts with a capital and the rest of its first word is in lower case ("Service", not "LAC" or
/// "DNA'd").
fn starts_a_sentence(text: &str) -> bool {
    let first_word = text.split(' ').next().unwrap_or("");
    let mut letters = first_word.chars().filter(|c| c.is_alphabetic());
    letters.next().is_some_and(char::is_uppercase) && letters.all(char::is_lowercase)
}

fn lower_first(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// A finding's suggestion as the overview shows it beside the phrase: without the article it brings when the
/// finding replaces one ("a person we support" for "a service user" is shown as "person we support" beside
/// "service user"), and in lower case when the phrase only starts a sentence.
fn suggestion_for_the_phrase(suggestion: &str, finding: &Finding) -> String {
    let mut suggestion = suggestion;
    if finding.replace.start < finding.bytes.start
        && let Some((article, rest)) = suggestion.split_once(' ')
        && ["a", "an", "A", "An", "AN"].contains(&article)
    {
        suggestion = rest;
    }
    if starts_a_sentence(&finding.text) && starts_a_sentence(suggestion) {
        lower_first(suggestion)
    } else {
        suggestion.to_string()
    }
}

/// `n` with commas between thousands: 12,345.
pub fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thousands_puts_commas_between_groups_of_three() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1000), "1,000");
        assert_eq!(thousands(1234567), "1,234,567");
    }

    #[test]
    fn rate_is_per_thousand_words_to_one_decimal() {
        assert_eq!(rate(3, 212), 14.2);
        assert_eq!(rate(1, 3000), 0.3);
        assert_eq!(rate(5, 0), 0.0);
    }

    #[test]
    fn a_table_cell_keeps_to_one_line_and_shows_markup_as_text() {
        assert_eq!(table_cell("a | b\n<script>"), "a \\| b &lt;script&gt;");
    }

    #[test]
    fn found_counts_name_only_the_parts_there_are() {
        let mut overview = Overview::of(&[], &RuleSet::default());
        assert_eq!(overview.found_counts(), "no phrases");
        overview.worth_a_look = 1;
        assert_eq!(overview.found_counts(), "1 phrase worth a look");
        overview.to_change = 12;
        assert_eq!(
            overview.found_counts(),
            "12 phrases to change and 1 worth a look"
        );
        overview.in_quotes = 2;
        assert_eq!(
            overview.found_counts(),
            "12 phrases to change, 1 worth a look and 2 in quotation marks"
        );
    }

    #[test]
    fn a_phrase_is_shown_in_lower_case_unless_its_capitals_are_an_acronyms() {
        assert_eq!(sentence_case_lowered("Service  users"), "service users");
        assert_eq!(sentence_case_lowered("LAC review"), "LAC review");
        assert_eq!(sentence_case_lowered("DNA'd"), "DNA'd");
        assert_eq!(sentence_case_lowered("hard-to-reach"), "hard-to-reach");
    }

    #[test]
    fn phrase_key_ignores_case_and_runs_of_spaces() {
        assert_eq!(phrase_key("Service  users"), "service users");
        assert_eq!(phrase_key("service\nusers"), "service users");
    }
}
