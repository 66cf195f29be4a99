//! Whom a candidate is said of: the person checks behind `applies-to`. Takes the words before and after a match
//! (from the parent module's tokenisers) and gives certain when they show a person, `None` when they show a
//! thing, possible when they do not tell.
//!
//! - [`about_a_person`]: an adjective or noun and the noun it modifies or the subject it is said of.
//! - [`subject_is_a_person`]: a verb phrase and its subject, across auxiliaries, adverbs and copulas.
//! - [`object_is_a_person`]: a verb and the noun phrase it acts on.

use super::words::{
    BETWEEN_SUBJECT_AND_VERB, COPULAS, DETERMINERS, FUNCTION_WORDS, INTENSIFIERS, OBJECTS,
    PREPOSITIONS, SUBJECT_PRONOUNS, THING_PRONOUNS,
};
use super::{Candidate, Confidence, is_first_name, is_person_word, tokens_before};
use crate::text::last_word;

/// For `applies-to = "person"`: certain when the words show the match is said of people, `None` when it
/// describes a thing, possible otherwise.
pub(super) fn about_a_person(
    candidate: &Candidate,
    before: &[&str],
    after: &[&str],
) -> Option<Confidence> {
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
        // One describing word may stand between ("vulnerable young people"); a preposition or other function
        // word starts another phrase ("seeking attention from investors").
        if (i >= 1 && !skipped_coordination) || FUNCTION_WORDS.contains(word) {
            break;
        }
    }
    if coordinated_before_a_person(&candidate.norm[candidate.end..]) {
        return Some(Confidence::Certain);
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

/// Whether the text right after a match (`rest`) goes on with a comma and a list of other describing words
/// that ends before a person word: "vulnerable, disadvantaged and disabled young people", "chaotic, isolated or
/// homeless men". The list holds at most four words before its "and" or "or", and at most two after it.
fn coordinated_before_a_person(rest: &str) -> bool {
    let Some(rest) = rest.strip_prefix(',') else {
        return false;
    };
    let clause = rest
        .split(['.', ';', ':', '!', '?', '(', ')'])
        .next()
        .unwrap_or("");
    let words: Vec<&str> = clause
        .split([' ', ','])
        .filter(|w| !w.is_empty())
        .take(8)
        .collect();
    let describing = |w: &&str| !FUNCTION_WORDS.contains(w) && !is_person_word(w);
    let Some(and) = words.iter().position(|w| matches!(*w, "and" | "or")) else {
        return false;
    };
    (1..=4).contains(&and)
        && words[..and].iter().all(describing)
        && words[and + 1..]
            .iter()
            .take(3)
            .position(|w| is_person_word(w))
            .is_some_and(|at| words[and + 1..and + 1 + at].iter().all(describing))
}

/// For `applies-to = "person-subject"`: certain when the subject before the match is a person ("she has suffered
/// from", "children who suffer from", "Sam did not attend"), `None` when it is a thing ("the board has suffered
/// from", "it suffers from"), possible when the words do not tell (the clause starts with the match).
pub(super) fn subject_is_a_person(candidate: &Candidate, before: &[&str]) -> Option<Confidence> {
    let skipped = before
        .iter()
        .take_while(|w| links_subject_to_predicate(w))
        .count();
    let judged = subject_in_the_clause(candidate, before, skipped);
    // A clause with no subject of its own shares the sentence's: "He is manipulative, in denial about", "She
    // lacks capacity and is refusing to engage".
    let shares_a_subject = before
        .get(skipped)
        .is_none_or(|w| matches!(*w, "and" | "but" | "or" | "then"));
    if judged == Some(Confidence::Possible)
        && shares_a_subject
        && sentence_opens_with_a_person(candidate)
    {
        return Some(Confidence::Certain);
    }
    judged
}

/// Whether the sentence of the match starts with a person: a pronoun for people, a person word, a title or a
/// first name ("He ...", "Mrs Hughes ...", "Jordan ...").
fn sentence_opens_with_a_person(candidate: &Candidate) -> bool {
    let tokens = tokens_before(candidate.norm, candidate.start, 60);
    let mut words = tokens.iter().rev().filter(|t| !matches!(**t, "," | ":"));
    let Some(first) = words.next() else {
        return false;
    };
    SUBJECT_PRONOUNS[..5].contains(first)
        || is_person_word(first)
        || is_first_name(first)
        || (is_honorific(first) && words.next().is_some())
}

/// [`subject_is_a_person`] within the clause: `skipped` words of `before` link the subject to the match.
fn subject_in_the_clause(
    candidate: &Candidate,
    before: &[&str],
    skipped: usize,
) -> Option<Confidence> {
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
    // A quantifier standing for people opens the clause: "Many suffer from poverty", "Some have never attended".
    if matches!(
        subject,
        "many" | "most" | "some" | "few" | "others" | "several"
    ) && next.is_none()
    {
        return Some(Confidence::Certain);
    }
    // The noun before a short prepositional phrase or participle is the subject: "the service user in room 4
    // failed to", "people on the estate have", "every person sleeping rough costs".
    if let Some(at) = before[skipped..]
        .iter()
        .take(4)
        .position(|w| PREPOSITIONS.contains(w) || (w.len() > 4 && w.ends_with("ing")))
        && before
            .get(skipped + at + 1)
            .is_some_and(|w| is_person_word(w))
    {
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
    let run_words = &words[skipped..skipped + run];
    if run <= 3 && run_words.iter().any(|w| is_honorific(w)) {
        // "Mr Lee lacks capacity", "Dr Amara Shah has": a title and a name, wherever the sentence starts.
        return CapitalisedSubject::Person;
    }
    match words.get(skipped + run).map(|w| w.to_lowercase()) {
        // "Mr. Lee lacks capacity": the full stop after the title is not the end of a sentence.
        None if honorific_with_a_stop_before(candidate.original, run_words[run - 1]) => {
            CapitalisedSubject::Person
        }
        // The first word of a sentence is capitalised whatever it is: a name only if it is a first name that is
        // not also a word ("Jordan has not attended", not "Services have").
        None if run <= 2 && is_first_name(&run_words[run - 1].to_lowercase()) => {
            CapitalisedSubject::Person
        }
        None => CapitalisedSubject::NotAName,
        Some(w) if w == "," || w == ":" => CapitalisedSubject::NotAName,
        Some(w) if DETERMINERS.contains(&w.as_str()) => CapitalisedSubject::Thing,
        Some(_) if run > 2 => CapitalisedSubject::Thing,
        Some(_) => CapitalisedSubject::Person,
    }
}

/// Titles before a person's name.
const HONORIFICS: &[&str] = &["mr", "mrs", "ms", "miss", "mx", "dr"];

fn is_honorific(word: &str) -> bool {
    HONORIFICS.contains(&word.to_lowercase().as_str())
}

/// Whether `word` (a slice of `original`) comes right after a title written with a full stop ("Mr. Lee").
fn honorific_with_a_stop_before(original: &str, word: &str) -> bool {
    let at = (word.as_ptr() as usize).wrapping_sub(original.as_ptr() as usize);
    let Some(head) = original.get(..at) else {
        return false;
    };
    let Some(head) = head.trim_end_matches(' ').strip_suffix('.') else {
        return false;
    };
    is_honorific(last_word(head))
}

/// For `applies-to = "person-object"`: certain when the object after the match is a person ("empower
/// families", "empowering young people", "empower them"), `None` when it is a thing ("empower the Fed to act",
/// "empower local clubs"), possible when the words do not tell.
pub(super) fn object_is_a_person(after: &[&str]) -> Option<Confidence> {
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
pub(super) fn name_before(candidate: &Candidate) -> bool {
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
        .any(|w| {
            is_person_word(w)
                || is_first_name(w)
                || matches!(*w, "who" | "i" | "he" | "she" | "they" | "we")
        })
}

#[cfg(test)]
mod tests {
    use super::super::tests::{judged, person_sense};
    use super::super::*;
    use super::coordinated_before_a_person;
    use crate::rules::{AppliesTo, Sense};

    #[test]
    fn an_adjective_in_a_list_before_a_person_word_is_about_that_person() {
        assert!(coordinated_before_a_person(
            ", disadvantaged and disabled young people living in craven"
        ));
        assert!(coordinated_before_a_person(", isolated or homeless men"));
        assert!(coordinated_before_a_person(
            ", isolated, unemployed and older adults"
        ));
        // Not a list of describing words before people.
        assert!(!coordinated_before_a_person(", and people worry about it"));
        assert!(!coordinated_before_a_person(" and disabled people"));
        assert!(!coordinated_before_a_person(", systems and processes"));
        assert!(!coordinated_before_a_person(", the data and the people"));
        assert!(!coordinated_before_a_person(", outdated. and people left"));
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
            // A title and a name, also at the start of a sentence and with a full stop.
            ("Mr Lee suffers from asthma.", Some(Confidence::Certain)),
            ("Mr. Lee suffers from asthma.", Some(Confidence::Certain)),
            (
                "Dr Amara Shah suffers from asthma.",
                Some(Confidence::Certain),
            ),
            // A person noun from the WordNet part of the lexicon.
            ("The lodger suffers from asthma.", Some(Confidence::Certain)),
            // A first name opening the sentence, a quantifier, a participle, a shared subject.
            ("Jordan suffers from asthma.", Some(Confidence::Certain)),
            ("Services suffer from delays.", Some(Confidence::Possible)),
            ("Many suffer from asthma.", Some(Confidence::Certain)),
            (
                "Every person sleeping rough suffers from cold.",
                Some(Confidence::Certain),
            ),
            (
                "He is tired, suffers from asthma and sleeps badly.",
                Some(Confidence::Certain),
            ),
            (
                "She moved flats and suffers from asthma.",
                Some(Confidence::Certain),
            ),
            (
                "The report was late and suffers from gaps.",
                Some(Confidence::Possible),
            ),
            (
                "The man in room 4 suffers from asthma.",
                Some(Confidence::Certain),
            ),
            ("The host suffers from memory leaks.", None),
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
                Some(Confidence::Certain),
            ),
            (
                "The roof of the block suffers from damp.",
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
}
