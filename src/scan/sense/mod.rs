//! Sense checks: takes one candidate match (its place in the normalised text and in the original) and its rule's
//! [`Sense`] conditions, gives whether it is a finding and how sure: [`Confidence::Certain`],
//! [`Confidence::Possible`], or not a finding at all.
//!
//! Only the words around the candidate are read, never the whole text, so the checks cost little beyond the
//! matcher. In order:
//!
//! 1. A URL, email address or path shown as text is not a finding.
//! 2. A name is not a finding: the match is capitalised inside a run of capitalised words that names an
//!    organisation, programme, fund, statute or place (the run holds a word such as Act, Trust, Fund, Ltd).
//! 3. A mention is not a finding: the match follows words that talk about words ("we do not say", "avoid",
//!    "the term", "words such as", "instead of"), directly or as an item of the list they introduce.
//! 4. The rule's neighbour conditions (`preceded-by`, `not-preceded-by`, `followed-by`, `not-followed-by`).
//! 5. `applies-to = "person"`: certain when the words show the match describes people ("vulnerable adults",
//!    "she is vulnerable", "left them vulnerable"); not a finding when it describes a thing ("vulnerable
//!    software", "high-risk tasks"); possible when the words do not tell.
//! 6. `confidence = "possible"` makes every finding of the rule possible.
//! 7. `setting = "care"`: with no word of the setting near it, a match is a finding only in a document about the
//!    setting (decided once per document, in `setting`).
//!
//! The name checks are in `names`, the mention checks in `mentions`, the person checks behind `applies-to` in
//! `person`, and the word lists in `words`.

use std::collections::HashSet;
use std::sync::OnceLock;

use serde::Serialize;

use crate::rules::{
    ANY_WORD, AppliesTo, NEAR_WORDS, Neighbours, PERSON_WORDS, RuleConfidence, Sense,
};
use crate::text::is_word_char;

mod mentions;
mod names;
mod person;
pub mod setting;
mod words;

pub use mentions::quoted_term_is_mention;

/// Whether the words at `range` of `text` stand next to other capitalised words (joined by "of", "the" and other
/// connectors, on the same line), as in a name or a title: "the Service Users Forum", "Service Users of the Town".
pub fn in_capitalised_run(text: &str, range: &std::ops::Range<usize>) -> bool {
    let (run, _, _) = names::capitalised_run(text, range);
    run.iter()
        .any(|w| w.chars().next().is_some_and(char::is_uppercase))
}
use mentions::{after_an_avoid_cue, in_a_term_list, is_headword, is_mention, talked_about_after};
use names::{in_address, in_name};
use person::{about_a_person, name_before, object_is_a_person, subject_is_a_person};
use words::{AFTER_A_GROUP, FUNCTION_WORDS};

/// How sure a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Confidence {
    /// The term matched and its sense is unclear: worth a look, reported at `info` at most.
    Possible,
    /// The rule's sense conditions are met (or it has none and its terms are unambiguous).
    #[default]
    Certain,
}

impl Confidence {
    /// The lower-case name used in reports.
    pub fn as_str(self) -> &'static str {
        match self {
            Confidence::Certain => "certain",
            Confidence::Possible => "possible",
        }
    }
}

/// Words for people, their roles, kin and groups, and pronouns; and words for a person's ways (behaviour,
/// lifestyle), which a deficit adjective describes as surely as the person. Written by hand.
static PERSON_LEXICON: &str = include_str!("person_words.txt");

/// Nouns whose most frequent sense is a person, from WordNet 3.0's noun.person file (lodger, gunman, claimant),
/// written by `wordnet_person_words.py` (see there for what is left out and why).
static WORDNET_PERSON_WORDS: &str = include_str!("person_words_wordnet.txt");

/// First names that are not also everyday words (Jordan, Siobhan, Tyler), from the 1990 US Census, written by
/// `first_names.py`: a capitalised word at the start of a sentence is a person's name when it is one of them.
static FIRST_NAMES: &str = include_str!("first_names.txt");

/// Whether `word` (lower case) is a first name that is not also an everyday word.
pub fn is_first_name(word: &str) -> bool {
    static WORDS: OnceLock<HashSet<&'static str>> = OnceLock::new();
    WORDS
        .get_or_init(|| {
            FIRST_NAMES
                .lines()
                .filter(|l| !l.is_empty() && !l.starts_with('#'))
                .collect()
        })
        .contains(word)
}

/// Whether `word` (normalised: lower case, straight apostrophes) names people.
pub fn is_person_word(word: &str) -> bool {
    static WORDS: OnceLock<HashSet<&'static str>> = OnceLock::new();
    let words = WORDS.get_or_init(|| {
        PERSON_LEXICON
            .lines()
            .chain(WORDNET_PERSON_WORDS.lines())
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .collect()
    });
    let word = word
        .strip_suffix("'s")
        .or_else(|| word.strip_suffix('\''))
        .unwrap_or(word);
    words.contains(word)
}

/// One candidate match, with the texts it sits in.
pub struct Candidate<'a> {
    /// The normalised text (lower case, single spaces, straight apostrophes, hyphens as spaces).
    pub norm: &'a str,
    /// The match in `norm`.
    pub start: usize,
    /// The end of the match in `norm`.
    pub end: usize,
    /// The original text.
    pub original: &'a str,
    /// The match in `original`.
    pub original_range: std::ops::Range<usize>,
}

/// Judges one candidate: `None` when it is not a finding, else how sure the finding is.
pub fn judge(candidate: &Candidate, sense: &Sense) -> Option<Confidence> {
    if in_address(candidate)
        || in_name(candidate)
        || is_mention(candidate)
        || talked_about_after(candidate)
        || is_headword(candidate)
        || in_a_term_list(candidate)
        || after_an_avoid_cue(candidate)
    {
        return None;
    }
    let possible_only = sense.confidence == RuleConfidence::Possible;
    // Most rules have no conditions of their own: their candidates need no neighbouring words at all.
    let has_conditions = sense.applies_to.is_some()
        || !(sense.preceded_by.is_empty()
            && sense.not_preceded_by.is_empty()
            && sense.followed_by.is_empty()
            && sense.not_followed_by.is_empty()
            && sense.certain_near.is_empty());
    if !has_conditions {
        return Some(if possible_only {
            Confidence::Possible
        } else {
            Confidence::Certain
        });
    }
    let before = words_before(candidate.norm, candidate.start, 12);
    let after = words_after(candidate.norm, candidate.end, 6);
    if !neighbours_allow(sense, &before, &after) {
        return None;
    }
    let confidence = match sense.applies_to {
        Some(AppliesTo::Person) if name_before(candidate) => Confidence::Certain,
        Some(AppliesTo::Person) => about_a_person(candidate, &before, &after)?,
        Some(AppliesTo::PersonSubject) => subject_is_a_person(candidate, &before)?,
        Some(AppliesTo::PersonObject) => object_is_a_person(&after)?,
        None => Confidence::Certain,
    };
    let shown_near = sense.certain_near.is_empty() || near(candidate, &sense.certain_near);
    Some(if possible_only || !shown_near {
        Confidence::Possible
    } else {
        confidence
    })
}

/// For `certain-near`: whether an entry of `list` stands in the match, or in its sentence within
/// [`NEAR_WORDS`] words of it on either side.
fn near(candidate: &Candidate, list: &Neighbours) -> bool {
    let before: Vec<&str> = tokens_before(candidate.norm, candidate.start, NEAR_WORDS * 2)
        .into_iter()
        .filter(|t| !matches!(*t, "," | ":"))
        .take(NEAR_WORDS)
        .collect();
    let after = sentence_words_after(candidate.norm, candidate.end, NEAR_WORDS);
    // The match's own words count too ("DNA'd" shows the appointment sense by itself).
    let own = sentence_words_after(candidate.norm, candidate.start, NEAR_WORDS);
    let own = &own[..own.len().min(
        candidate.norm[candidate.start..candidate.end]
            .split(' ')
            .count(),
    )];
    list.entries.iter().any(|entry| {
        (0..own.len()).any(|i| entry_matches(entry, &own[i..], false))
            || (0..before.len()).any(|i| entry_matches(entry, &before[i..], true))
            || (0..after.len()).any(|i| entry_matches(entry, &after[i..], false))
    })
}

/// The words after `end` to the end of its sentence (commas, brackets, quotation marks and dashes passed over),
/// in order.
pub(super) fn sentence_words_after(norm: &str, end: usize, max: usize) -> Vec<&str> {
    let mut words = Vec::new();
    let mut rest = &norm[end..];
    while words.len() < max {
        let skipped = rest.trim_start_matches(|c: char| {
            c == ' '
                || matches!(c, ',' | ';' | ':' | '(' | ')' | '"' | '\'' | '-' | '/')
                || matches!(
                    c,
                    '\u{201C}' | '\u{201D}' | '\u{2018}' | '\u{2019}' | '\u{2013}' | '\u{2014}'
                )
        });
        rest = skipped;
        let len = leading_word_len(rest);
        if len == 0 {
            break;
        }
        words.push(rest[..len].trim_matches('\''));
        rest = &rest[len..];
    }
    words
}

/// The length in bytes of the word (letters, digits and apostrophes) that `rest` starts with; 0 when it starts
/// with anything else.
fn leading_word_len(rest: &str) -> usize {
    rest.chars()
        .take_while(|c| is_word_char(*c) || *c == '\'')
        .map(char::len_utf8)
        .sum()
}

/// The words of the same clause before `start`, nearest first: [`tokens_before`] up to the first comma, colon or
/// other punctuation.
fn words_before(norm: &str, start: usize, max: usize) -> Vec<&str> {
    tokens_before(norm, start, max)
        .into_iter()
        .take_while(|t| !matches!(*t, "," | ":"))
        .collect()
}

/// The words of the same clause after `end`, in order.
fn words_after(norm: &str, end: usize, max: usize) -> Vec<&str> {
    let mut words = Vec::new();
    let mut rest = &norm[end..];
    while words.len() < max {
        rest = rest.trim_start_matches(' ');
        let len = leading_word_len(rest);
        if len == 0 {
            break;
        }
        let word = rest[..len].trim_end_matches('\'');
        rest = &rest[len..];
        // A possessive ending belongs to the words before it: "the service users' forum", "people's".
        if words.is_empty() && (word.is_empty() || word == "'s") {
            continue;
        }
        words.push(word.trim_start_matches('\''));
    }
    words
}

/// Whether one entry of a neighbour list stands next to the match: `words` are nearest first.
fn entry_matches(entry: &[String], nearest_first: &[&str], before: bool) -> bool {
    if entry.len() == 1 && entry[0] == PERSON_WORDS {
        return nearest_first.first().is_some_and(|w| is_person_word(w));
    }
    if entry.len() == 1 && entry[0] == ANY_WORD {
        return nearest_first
            .first()
            .is_some_and(|w| !FUNCTION_WORDS.contains(w) && !AFTER_A_GROUP.contains(w));
    }
    if entry.len() > nearest_first.len() {
        return false;
    }
    let mut near: Vec<&str> = nearest_first[..entry.len()].to_vec();
    if before {
        near.reverse();
    }
    // A possessive matches its word: `solicitor` stands for "solicitor's" and "solicitors'".
    entry.iter().zip(near).all(|(want, got)| {
        want == got
            || want
                .strip_suffix('*')
                .is_some_and(|start| got.starts_with(start))
            || got
                .strip_suffix("'s")
                .or_else(|| got.strip_suffix('\''))
                .is_some_and(|bare| bare == want)
    })
}

fn any_entry(list: &Neighbours, nearest_first: &[&str], before: bool) -> bool {
    list.entries
        .iter()
        .any(|entry| entry_matches(entry, nearest_first, before))
}

/// Whether the rule's neighbour conditions let the match be a finding.
fn neighbours_allow(sense: &Sense, before: &[&str], after: &[&str]) -> bool {
    !(any_entry(&sense.not_preceded_by, before, true)
        || any_entry(&sense.not_followed_by, after, false)
        || (!sense.preceded_by.is_empty() && !any_entry(&sense.preceded_by, before, true))
        || (!sense.followed_by.is_empty() && !any_entry(&sense.followed_by, after, false)))
}

fn floor_char_boundary(text: &str, mut at: usize) -> usize {
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

fn ceil_char_boundary(text: &str, mut at: usize) -> usize {
    while !text.is_char_boundary(at) {
        at += 1;
    }
    at
}

/// The words before `start` back to the end of the sentence, nearest first, with each comma, semicolon, colon
/// or slash as a `","` token.
pub(super) fn tokens_before(norm: &str, start: usize, max: usize) -> Vec<&str> {
    let mut tokens = Vec::new();
    let mut rest = &norm[..start];
    while tokens.len() < max {
        rest = rest.trim_end_matches(' ');
        let Some(last) = rest.chars().next_back() else {
            break;
        };
        if last == ':' {
            tokens.push(":");
            rest = &rest[..rest.len() - 1];
            continue;
        }
        if matches!(last, ',' | ';' | '/') {
            tokens.push(",");
            rest = &rest[..rest.len() - 1];
            continue;
        }
        // Quotation marks around a word talked about ("we do not say \u{201C}addict\u{201D}") are skipped.
        if matches!(last, '"' | '\u{201C}' | '\u{201D}') {
            rest = &rest[..rest.len() - last.len_utf8()];
            continue;
        }
        let word_start = rest
            .char_indices()
            .rev()
            .take_while(|(_, c)| is_word_char(*c) || *c == '\'')
            .last()
            .map(|(i, _)| i);
        match word_start {
            Some(i) => {
                let word = rest[i..].trim_matches('\'');
                if !word.is_empty() {
                    tokens.push(word);
                }
                rest = &rest[..i];
            }
            None => break,
        }
    }
    tokens
}

#[cfg(test)]
mod tests;
