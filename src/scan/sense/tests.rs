//! Tests of the sense checks as a whole: the conditions of `rules::Sense` judged on sentences.

use super::*;

pub(super) fn candidate<'a>(text: &'a str, norm: &'a str, phrase: &str) -> Candidate<'a> {
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

pub(super) fn person_sense() -> Sense {
    Sense {
        applies_to: Some(AppliesTo::Person),
        ..Sense::default()
    }
}

pub(super) fn judged(text: &str, phrase: &str, sense: &Sense) -> Option<Confidence> {
    let norm = crate::text::Normalized::new(text, true).text;
    judge(&candidate(text, &norm, phrase), sense)
}

#[test]
fn names_addresses_and_mentions_are_not_findings() {
    let sense = Sense::default();
    // A list announced as wording to avoid, however long, and a line labelled as the wording to avoid.
    assert_eq!(
        judged(
            "Terms to avoid include victim of, crippled by (prefer person who has); wheelchair bound, in a wheelchair.",
            "wheelchair bound",
            &sense
        ),
        None
    );
    assert_eq!(
        judged(
            "Original: She is wheelchair bound.",
            "wheelchair bound",
            &sense
        ),
        None
    );
    assert_eq!(
        judged("\u{D7} Wheelchair-bound", "wheelchair-bound", &sense),
        None
    );
    // The cue belongs to its own sentence.
    assert_eq!(
        judged(
            "We list terms to avoid. She is wheelchair bound.",
            "wheelchair bound",
            &sense
        ),
        Some(Confidence::Certain)
    );
    // An acronym in brackets that spells the words before it is their short form.
    assert_eq!(
        judged(
            "Young people Absent Without Official Leave (AWOL) were found.",
            "awol",
            &sense
        ),
        None
    );
    assert_eq!(
        judged(
            "Trade in Latin America and the Caribbean (LAC) grew.",
            "lac",
            &sense
        ),
        None
    );
    assert_eq!(
        judged(
            "Patients who do not attend (DNA) are sent a letter.",
            "dna",
            &sense
        ),
        Some(Confidence::Certain)
    );
    assert_eq!(
        judged("He went AWOL (again) last night.", "awol", &sense),
        Some(Confidence::Certain)
    );
    assert_eq!(
        judged("Staff said he was (AWOL) again.", "awol", &sense),
        Some(Confidence::Certain)
    );
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

#[test]
fn certain_near_needs_a_word_of_the_deficit_sense_in_the_same_sentence() {
    let sense = Sense {
        certain_near: Neighbours {
            entries: vec![
                vec!["addict*".into()],
                vec!["drug*".into()],
                vec!["in".into(), "recovery".into()],
            ],
        },
        ..Sense::default()
    };
    // Before and after the match, across commas and brackets, and by the beginning of a word.
    assert_eq!(
        judged("People in recovery often fear relapse.", "relapse", &sense),
        Some(Confidence::Certain)
    );
    assert_eq!(
        judged(
            "A relapse (after years without drugs) is common.",
            "relapse",
            &sense
        ),
        Some(Confidence::Certain)
    );
    assert_eq!(
        judged(
            "He spoke of relapse, of craving, of addiction.",
            "relapse",
            &sense
        ),
        Some(Confidence::Certain)
    );
    // Not shown: possible, never dropped.
    assert_eq!(
        judged(
            "The chance of relapse after surgery is low.",
            "relapse",
            &sense
        ),
        Some(Confidence::Possible)
    );
    // Another sentence does not count.
    assert_eq!(
        judged(
            "She left the drug service. Relapse is low.",
            "relapse",
            &sense
        ),
        Some(Confidence::Possible)
    );
    // Nor a word far away.
    assert_eq!(
        judged(
            "Relapse rates in the trial were one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen for drugs.",
            "relapse",
            &sense
        ),
        Some(Confidence::Possible)
    );
}

#[test]
fn the_person_lexicon_holds_roles_from_wordnet_but_not_their_technical_homographs() {
    for word in [
        "lodger",
        "gunman",
        "claimants",
        "householders",
        "people",
        "tenants",
    ] {
        assert!(is_person_word(word), "{word}");
    }
    for word in [
        "host",
        "server",
        "driver",
        "ward",
        "character",
        "national",
        "have",
    ] {
        assert!(!is_person_word(word), "{word}");
    }
}
