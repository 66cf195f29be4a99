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
//!
//! The name checks are in `names`, the mention checks in `mentions`, and the word lists in `words`.

use std::collections::HashSet;
use std::sync::OnceLock;

use serde::Serialize;

use crate::rules::{ANY_WORD, AppliesTo, Neighbours, PERSON_WORDS, RuleConfidence, Sense};
use crate::text::{is_word_char, last_word};

mod mentions;
mod names;
mod words;

pub use mentions::quoted_term_is_mention;
use mentions::{in_a_term_list, is_headword, is_mention, talked_about_after};
use names::{in_address, in_name};
use words::{
    AFTER_A_GROUP, BETWEEN_SUBJECT_AND_VERB, COPULAS, DETERMINERS, FUNCTION_WORDS, INTENSIFIERS,
    OBJECTS, PREPOSITIONS, SUBJECT_PRONOUNS, THING_PRONOUNS,
};

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
/// lifestyle), which a deficit adjective describes as surely as the person.
static PERSON_LEXICON: &str = include_str!("person_words.txt");

/// Whether `word` (normalised: lower case, straight apostrophes) names people.
pub fn is_person_word(word: &str) -> bool {
    static WORDS: OnceLock<HashSet<&'static str>> = OnceLock::new();
    let words = WORDS.get_or_init(|| {
        PERSON_LEXICON
            .lines()
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
    {
        return None;
    }
    let possible_only = sense.confidence == RuleConfidence::Possible;
    // Most rules have no conditions of their own: their candidates need no neighbouring words at all.
    let has_conditions = sense.applies_to.is_some()
        || !(sense.preceded_by.is_empty()
            && sense.not_preceded_by.is_empty()
            && sense.followed_by.is_empty()
            && sense.not_followed_by.is_empty());
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
    Some(if possible_only {
        Confidence::Possible
    } else {
        confidence
    })
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
        let len: usize = rest
            .chars()
            .take_while(|c| is_word_char(*c) || *c == '\'')
            .map(char::len_utf8)
            .sum();
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

/// For `applies-to = "person"`: certain when the words show the match is said of people, `None` when it
/// describes a thing, possible otherwise.
fn about_a_person(candidate: &Candidate, before: &[&str], after: &[&str]) -> Option<Confidence> {
    // The noun it modifies: "vulnerable (young) people", "chaotic and isolated men".
    let mut skipped_coordination = false;
    for (i, word) in after.iter().take(4).enumerate() {
        if is_person_word(word) {
            return Some(Confidence::Certain);
        }
        if matches!(*word, "and" | "or") && i < 2 {
            skipped_coordination = true;
            continue;
        }
        if i >= 1 && !skipped_coordination {
            break;
        }
    }
    if predicative_of_a_person(before) {
        return Some(Confidence::Certain);
    }
    // Said of a thing: "the identified library appears to be vulnerable", "the old system was chaotic".
    if before
        .first()
        .is_some_and(|w| links_subject_to_predicate(w))
        && subject_is_a_person(candidate, before).is_none()
    {
        return None;
    }
    match after.first() {
        // A word that heads a noun phrase: the match describes that thing ("high-risk tasks").
        Some(next) if !skipped_coordination && !FUNCTION_WORDS.contains(next) => None,
        _ => Some(Confidence::Possible),
    }
}

/// For `applies-to = "person-subject"`: certain when the subject before the match is a person ("she has suffered
/// from", "children who suffer from", "Sam did not attend"), `None` when it is a thing ("the board has suffered
/// from", "it suffers from"), possible when the words do not tell (the clause starts with the match).
fn subject_is_a_person(candidate: &Candidate, before: &[&str]) -> Option<Confidence> {
    let skipped = before
        .iter()
        .take_while(|w| links_subject_to_predicate(w))
        .count();
    let Some(&subject) = before.get(skipped) else {
        return Some(Confidence::Possible);
    };
    let next = before.get(skipped + 1).copied();
    if matches!(subject, "who" | "that") {
        // A relative clause: its subject is the noun before ("people who suffer from").
        return match next {
            Some(w) if is_person_word(w) || SUBJECT_PRONOUNS.contains(&w) => {
                Some(Confidence::Certain)
            }
            // "We met Sam, who has ...": the name before the comma.
            None if capitalised_name_before(candidate, skipped + 2)
                == CapitalisedSubject::Person =>
            {
                Some(Confidence::Certain)
            }
            Some(w) if subject == "that" && !FUNCTION_WORDS.contains(&w) => None,
            _ => Some(Confidence::Possible),
        };
    }
    if THING_PRONOUNS.contains(&subject) {
        return None;
    }
    if SUBJECT_PRONOUNS.contains(&subject) || is_person_word(subject) {
        return Some(Confidence::Certain);
    }
    match capitalised_name_before(candidate, skipped) {
        CapitalisedSubject::Person => return Some(Confidence::Certain),
        CapitalisedSubject::Thing => return None,
        CapitalisedSubject::NotAName => {}
    }
    // A noun after a determiner or a possessive, perhaps with a describing word between, heads a noun phrase
    // that is not a person: "the board", "its reputation", "the old server".
    let opens_a_noun_phrase =
        |w: &&str| DETERMINERS.contains(w) || w.ends_with("'s") || w.ends_with('\'');
    let opener = before[skipped + 1..]
        .iter()
        .take(2)
        .take_while(|w| DETERMINERS.contains(w) || !FUNCTION_WORDS.contains(w))
        .position(opens_a_noun_phrase);
    if let Some(at) = opener
        && !FUNCTION_WORDS.contains(&subject)
    {
        // Inside a prepositional phrase ("young people on the estate have"), the noun is not the subject.
        let after_a_preposition = before
            .get(skipped + 1 + at + 1)
            .is_some_and(|w| PREPOSITIONS.contains(w));
        return if after_a_preposition {
            Some(Confidence::Possible)
        } else {
            None
        };
    }
    Some(Confidence::Possible)
}

/// Whether `word` can stand between a subject and what is said of it: an auxiliary, an adverb, a copula.
fn links_subject_to_predicate(word: &str) -> bool {
    BETWEEN_SUBJECT_AND_VERB.contains(&word) || COPULAS.contains(&word)
}

/// What a capitalised subject is: a person's name ("Sam has not attended"), a thing's ("the CPL World Tour kicks
/// off": a run of capitalised words after a determiner), or not a name at all.
#[derive(Debug, PartialEq, Eq)]
enum CapitalisedSubject {
    Person,
    Thing,
    NotAName,
}

/// Whether the word `skipped` words before the match (in the original text) is capitalised inside the sentence,
/// and what it names.
fn capitalised_name_before(candidate: &Candidate, skipped: usize) -> CapitalisedSubject {
    let words = tokens_before(
        candidate.original,
        candidate.original_range.start,
        skipped + 6,
    );
    let capitalised = |word: &str| {
        word.chars().next().is_some_and(char::is_uppercase)
            && !FUNCTION_WORDS.contains(&word.to_lowercase().as_str())
    };
    let Some(word) = words.get(skipped) else {
        return CapitalisedSubject::NotAName;
    };
    if !capitalised(word) || !word.chars().any(char::is_lowercase) {
        return CapitalisedSubject::NotAName;
    }
    let run = words[skipped..]
        .iter()
        .take_while(|w| capitalised(w))
        .count();
    match words.get(skipped + run).map(|w| w.to_lowercase()) {
        // The first word of a sentence is capitalised whatever it is.
        None => CapitalisedSubject::NotAName,
        Some(w) if w == "," || w == ":" => CapitalisedSubject::NotAName,
        Some(w) if DETERMINERS.contains(&w.as_str()) => CapitalisedSubject::Thing,
        Some(_) if run > 2 => CapitalisedSubject::Thing,
        Some(_) => CapitalisedSubject::Person,
    }
}

/// For `applies-to = "person-object"`: certain when the object after the match is a person ("empower
/// families", "empowering young people", "empower them"), `None` when it is a thing ("empower the Fed to act",
/// "empower local clubs"), possible when the words do not tell.
fn object_is_a_person(after: &[&str]) -> Option<Confidence> {
    let Some(&first) = after.first() else {
        return Some(Confidence::Possible);
    };
    if OBJECTS.contains(&first) && after.get(1).is_none_or(|w| FUNCTION_WORDS.contains(w)) {
        return Some(Confidence::Certain);
    }
    if THING_PRONOUNS.contains(&first) {
        return None;
    }
    if FUNCTION_WORDS.contains(&first) && !DETERMINERS.contains(&first) {
        return Some(Confidence::Possible);
    }
    // The noun phrase after: a determiner, up to two describing words, its head noun.
    let phrase = after
        .iter()
        .skip_while(|w| DETERMINERS.contains(w))
        .take(3)
        .take_while(|w| !FUNCTION_WORDS.contains(w));
    let mut any = false;
    for word in phrase {
        any = true;
        if is_person_word(word) {
            return Some(Confidence::Certain);
        }
    }
    if any {
        None
    } else {
        Some(Confidence::Possible)
    }
}

/// Whether a person's name stands right before the match ("Sam did not attend", "Mr Hughes is vulnerable"):
/// a capitalised word that is not a function word.
fn name_before(candidate: &Candidate) -> bool {
    let head = candidate.original[..candidate.original_range.start].trim_end_matches(' ');
    if head.len() == candidate.original_range.start {
        // No space before the match: it starts the text or follows punctuation.
        return false;
    }
    let word = last_word(head);
    let lower = word.to_lowercase();
    if is_person_word(&lower) {
        return true;
    }
    word.chars().next().is_some_and(char::is_uppercase)
        && word.chars().any(char::is_lowercase)
        && !FUNCTION_WORDS.contains(&lower.as_str())
}

/// "she is (very) vulnerable", "makes them vulnerable", "people who are vulnerable".
fn predicative_of_a_person(before: &[&str]) -> bool {
    let mut words = before.iter().copied().peekable();
    if let Some(first) = words.peek()
        && (OBJECTS.contains(first) || is_person_word(first))
    {
        return true;
    }
    let mut rest: Vec<&str> = words.skip_while(|w| INTENSIFIERS.contains(w)).collect();
    if rest.first().is_none_or(|w| !COPULAS.contains(w)) {
        return false;
    }
    rest.remove(0);
    rest.iter()
        .skip_while(|w| COPULAS.contains(w) || INTENSIFIERS.contains(w))
        .take(3)
        .any(|w| is_person_word(w) || matches!(*w, "who" | "i" | "he" | "she" | "they" | "we"))
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
fn tokens_before(norm: &str, start: usize, max: usize) -> Vec<&str> {
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
mod tests {
    use super::*;

    fn candidate<'a>(text: &'a str, norm: &'a str, phrase: &str) -> Candidate<'a> {
        let normalised = crate::text::Normalized::phrase(phrase, true);
        let start = norm.find(&normalised).unwrap();
        let original_start = text.to_lowercase().find(phrase).unwrap();
        Candidate {
            norm,
            start,
            end: start + normalised.len(),
            original: text,
            original_range: original_start..original_start + phrase.len(),
        }
    }

    fn person_sense() -> Sense {
        Sense {
            applies_to: Some(AppliesTo::Person),
            ..Sense::default()
        }
    }

    fn judged(text: &str, phrase: &str, sense: &Sense) -> Option<Confidence> {
        let norm = crate::text::Normalized::new(text, true).text;
        judge(&candidate(text, &norm, phrase), sense)
    }

    #[test]
    fn an_adjective_is_certain_about_people_and_dropped_about_things() {
        let sense = person_sense();
        assert_eq!(
            judged("We met vulnerable young people.", "vulnerable", &sense),
            Some(Confidence::Certain)
        );
        assert_eq!(
            judged("She is very vulnerable.", "vulnerable", &sense),
            Some(Confidence::Certain)
        );
        assert_eq!(
            judged("The move left them vulnerable.", "vulnerable", &sense),
            Some(Confidence::Certain)
        );
        assert_eq!(
            judged("Patch the vulnerable software.", "vulnerable", &sense),
            None
        );
        assert_eq!(judged("It was vulnerable.", "vulnerable", &sense), None);
        assert_eq!(
            judged(
                "The identified library appears to be vulnerable.",
                "vulnerable",
                &sense
            ),
            None
        );
        assert_eq!(
            judged("Was vulnerable, staff said.", "vulnerable", &sense),
            Some(Confidence::Possible)
        );
    }

    #[test]
    fn a_predicate_is_certain_of_a_person_subject_and_dropped_of_a_thing() {
        let sense = Sense {
            applies_to: Some(AppliesTo::PersonSubject),
            ..Sense::default()
        };
        let cases = [
            (
                "She has suffered from depression for years.",
                Some(Confidence::Certain),
            ),
            (
                "Children who suffer from asthma need a plan.",
                Some(Confidence::Certain),
            ),
            (
                "We met Sam, who has often not suffered from it.",
                Some(Confidence::Certain),
            ),
            (
                "On Monday Sam has suffered from a cold.",
                Some(Confidence::Certain),
            ),
            ("The board has suffered from a lack of data.", None),
            (
                "Families on the estate suffer from damp.",
                Some(Confidence::Possible),
            ),
            ("It suffers from slow start-up.", None),
            ("The old server suffers from slow start-up.", None),
            ("Its reputation suffers from delays.", None),
            (
                "Suffering from a cold, he stayed home.",
                Some(Confidence::Possible),
            ),
            ("Since May the CPL World Tour suffers from rain.", None),
        ];
        for (text, want) in cases {
            let phrase = if text.contains("uffering") {
                "suffering from"
            } else if text.contains("suffered") {
                "suffered from"
            } else if text.contains("suffers") {
                "suffers from"
            } else {
                "suffer from"
            };
            assert_eq!(judged(text, phrase, &sense), want, "{text}");
        }
    }

    #[test]
    fn a_verb_is_certain_of_a_person_object_and_dropped_of_a_thing() {
        let sense = Sense {
            applies_to: Some(AppliesTo::PersonObject),
            ..Sense::default()
        };
        assert_eq!(
            judged("We empower local families to plan.", "empower", &sense),
            Some(Confidence::Certain)
        );
        assert_eq!(
            judged("We empower them to plan.", "empower", &sense),
            Some(Confidence::Certain)
        );
        assert_eq!(
            judged("The act would empower the regulator.", "empower", &sense),
            None
        );
        assert_eq!(
            judged("It is meant to empower.", "empower", &sense),
            Some(Confidence::Possible)
        );
    }

    #[test]
    fn names_addresses_and_mentions_are_not_findings() {
        let sense = Sense::default();
        assert_eq!(
            judged(
                "Under the Protection of Vulnerable Adults Act we act.",
                "vulnerable adults",
                &sense
            ),
            None
        );
        assert_eq!(
            judged(
                "A grant from the Shelter for the Homeless Fund.",
                "the homeless",
                &sense
            ),
            None
        );
        assert_eq!(
            judged(
                "See example.org/hard-to-reach for more.",
                "hard-to-reach",
                &sense
            ),
            None
        );
        assert_eq!(
            judged("We do not say service user here.", "service user", &sense),
            None
        );
        assert_eq!(
            judged(
                "Say instead:\nKicking off / Challenging behaviour / Upset\n",
                "challenging behaviour",
                &sense
            ),
            None
        );
        // A path or a sentence with slashes in it is not a list of terms.
        assert_eq!(
            judged(
                "He said the challenging behaviour team / the ward / the GP all knew, and so on and on.",
                "challenging behaviour",
                &sense
            ),
            Some(Confidence::Certain)
        );
        assert_eq!(
            judged(
                "Avoid words such as addict, junkie or user.",
                "junkie",
                &sense
            ),
            None
        );
        // The same words in lower case in running prose are still findings.
        assert_eq!(
            judged(
                "She works with vulnerable adults.",
                "vulnerable adults",
                &sense
            ),
            Some(Confidence::Certain)
        );
        assert_eq!(
            judged("He is hard to reach, staff say.", "hard to reach", &sense),
            Some(Confidence::Certain)
        );
    }

    #[test]
    fn neighbour_conditions_read_the_words_next_to_the_match() {
        let sense = Sense {
            not_preceded_by: Neighbours {
                entries: vec![vec!["work".into()], vec!["in".into(), "rare".into()]],
            },
            not_followed_by: Neighbours {
                entries: vec![vec!["to".into()]],
            },
            ..Sense::default()
        };
        assert_eq!(
            judged("Her work placement ended.", "placement", &sense),
            None
        );
        assert_eq!(judged("Only in rare cases.", "cases", &sense), None);
        assert_eq!(
            judged("He is vulnerable to scams.", "vulnerable", &sense),
            None
        );
        assert_eq!(
            judged("Her placement ended.", "placement", &sense),
            Some(Confidence::Certain)
        );
    }
}
