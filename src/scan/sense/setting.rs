//! The setting a word is deficit language in (`setting = "care"`): "client" of a hostel or a support service, not
//! of a law firm or an HTTP library; "beneficiaries" of a grant, not of a pension.
//!
//! A match of such a rule is a finding when a word of the setting stands near it in its sentence ("our clients in
//! the hostel"), or when the document it is in is about the setting: words of the setting occur in it at least
//! [`MIN_CUES`] times and at least once per [`WORDS_PER_CUE`] words. A staff handbook that mentions the employee
//! assistance programme's "mental health" support twice in 100,000 words is not about care; a 300-word case note
//! that names a key worker and a tenancy is.

use std::collections::HashMap;
use std::sync::OnceLock;

use crate::rules::{NEAR_WORDS, Neighbours, Setting};
use crate::text::Normalized;

use super::{Candidate, entry_matches, near};

/// The words of the care setting, one entry per line (see the file's head).
static CARE_WORDS: &str = include_str!("care_setting_words.txt");

/// The words the people setting adds to the care setting's (see the file's head).
static PEOPLE_WORDS: &str = include_str!("people_setting_words.txt");

/// The fewest words of the setting a document must hold to be about it.
pub const MIN_CUES: usize = 2;

/// A document about the setting holds at least one of its words per this many words.
pub const WORDS_PER_CUE: usize = 500;

/// The entries of a setting's word list, as a neighbour list.
fn words(setting: Setting) -> &'static Neighbours {
    static CARE: OnceLock<Neighbours> = OnceLock::new();
    static PEOPLE: OnceLock<Neighbours> = OnceLock::new();
    let entries = |lists: &[&'static str]| Neighbours {
        entries: lists
            .iter()
            .flat_map(|list| list.lines())
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .map(|l| l.split(' ').map(str::to_string).collect())
            .collect(),
    };
    match setting {
        Setting::Care => CARE.get_or_init(|| entries(&[CARE_WORDS])),
        Setting::People => PEOPLE.get_or_init(|| entries(&[CARE_WORDS, PEOPLE_WORDS])),
    }
}

/// Whether a word of `setting` stands in the candidate's sentence within `NEAR_WORDS` words of it; for the people
/// setting, a word for a person does too ("she has led a chaotic life", "staff describe him as manipulative").
pub fn shown_near(candidate: &Candidate, setting: Setting) -> bool {
    near(candidate, words(setting)) || (setting == Setting::People && person_near(candidate))
}

/// Words for people that say nothing of the setting, as they are as common in software, business and science
/// writing: pronouns of the writer and reader and "they", indefinites ("anyone can file a complaint"), and words
/// with a sense that is not a person (the parent commit, a child process, worker threads, a VM guest, a minor
/// version, the visitor pattern, a student model).
const NOT_THE_SETTING: &[&str] = &[
    "i",
    "me",
    "my",
    "we",
    "us",
    "our",
    "you",
    "your",
    "yourself",
    "they",
    "them",
    "their",
    "theirs",
    "themselves",
    "anybody",
    "anyone",
    "everybody",
    "everyone",
    "nobody",
    "somebody",
    "someone",
    "user",
    "users",
    "member",
    "members",
    "group",
    "groups",
    "population",
    "populations",
    "cohort",
    "cohorts",
    "community",
    "communities",
    "customer",
    "customers",
    "client",
    "clients",
    "employee",
    "employees",
    "employer",
    "employers",
    "manager",
    "managers",
    "officer",
    "officers",
    "public",
    "individual",
    "individuals",
    "behavior",
    "behaviors",
    "behaviour",
    "behaviours",
    "attitude",
    "attitudes",
    "lifestyle",
    "lifestyles",
    "personality",
    "personalities",
    "upbringing",
    "kin",
    "kinship",
    "asylum",
    "homeless",
    "addict",
    "addicts",
    "victim",
    "victims",
    "suspect",
    "suspects",
    "participant",
    "participants",
    "student",
    "students",
    "teacher",
    "teachers",
    "graduate",
    "graduates",
    "trainee",
    "trainees",
    "parent",
    "parents",
    "child",
    "children",
    "guest",
    "guests",
    "visitor",
    "visitors",
    "partner",
    "partners",
    "professional",
    "professionals",
    "worker",
    "workers",
    "twin",
    "twins",
    "minor",
    "minors",
    "seeker",
    "seekers",
    "folk",
    "folks",
    "human",
    "humans",
    "leaver",
    "leavers",
    "apprentice",
    "apprentices",
    "attendee",
    "attendees",
    "applicant",
    "applicants",
];

/// Whether a word for a person (other than [`NOT_THE_SETTING`]) stands in the candidate's sentence within
/// `NEAR_WORDS` words of it, or in the match itself ("the sick person", "she was not allowed").
fn person_near(candidate: &Candidate) -> bool {
    let is_person = |w: &&str| super::is_person_word(w) && !NOT_THE_SETTING.contains(w);
    let before = super::tokens_before(candidate.norm, candidate.start, NEAR_WORDS * 2);
    let own = candidate.norm[candidate.start..candidate.end]
        .split(|c: char| !(crate::text::is_word_char(c) || c == '\''))
        .collect::<Vec<_>>();
    let after = super::sentence_words_after(candidate.norm, candidate.end, NEAR_WORDS);
    own.iter().any(is_person)
        || before
            .iter()
            .filter(|t| !matches!(**t, "," | ":"))
            .take(NEAR_WORDS)
            .any(is_person)
        || after.iter().any(is_person)
}

/// The entries of a setting's list by their first word's first three characters (the whole word when shorter),
/// so that each word of a document is compared with a handful of entries.
fn by_prefix(setting: Setting) -> &'static HashMap<String, Vec<&'static [String]>> {
    static CARE: OnceLock<HashMap<String, Vec<&'static [String]>>> = OnceLock::new();
    static PEOPLE: OnceLock<HashMap<String, Vec<&'static [String]>>> = OnceLock::new();
    let build = || {
        let mut map: HashMap<String, Vec<&'static [String]>> = HashMap::new();
        for entry in &words(setting).entries {
            let first = entry[0].trim_end_matches('*');
            map.entry(first.chars().take(3).collect())
                .or_default()
                .push(entry.as_slice());
        }
        map
    };
    match setting {
        Setting::Care => CARE.get_or_init(build),
        Setting::People => PEOPLE.get_or_init(build),
    }
}

/// How many words of the document `texts` are, and how many times words of `setting` occur in them.
pub fn count_cues<'a>(
    texts: impl IntoIterator<Item = &'a str>,
    setting: Setting,
) -> (usize, usize) {
    let index = by_prefix(setting);
    let (mut total, mut cues) = (0, 0);
    for text in texts {
        let norm = Normalized::new(text, true).text;
        let tokens: Vec<&str> = norm
            .split(|c: char| !(crate::text::is_word_char(c) || c == '\''))
            .map(|w| w.trim_matches('\''))
            .filter(|w| !w.is_empty())
            .collect();
        total += tokens.len();
        for i in 0..tokens.len() {
            let key: String = tokens[i].chars().take(3).collect();
            let Some(entries) = index.get(&key) else {
                continue;
            };
            if entries
                .iter()
                .any(|entry| entry_matches(entry, &tokens[i..], false))
            {
                cues += 1;
            }
        }
    }
    (total, cues)
}

/// Whether the document made of `texts` is about `setting` (see the module's documentation).
pub fn document_shows<'a>(texts: impl IntoIterator<Item = &'a str>, setting: Setting) -> bool {
    let (total, cues) = count_cues(texts, setting);
    cues >= MIN_CUES && cues * WORDS_PER_CUE >= total
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_words_of_the_setting_with_prefixes_phrases_and_possessives() {
        let (words, cues) = count_cues(
            ["Her key worker met the hostel's manager about homelessness and self-harm."],
            Setting::Care,
        );
        assert_eq!((words, cues), (12, 4)); // "self-harm" is two words; key worker, hostel's, homelessness, self harm
        assert_eq!(
            count_cues(["The key was in the worker's bag."], Setting::Care).1,
            0
        );
    }

    #[test]
    fn a_document_is_about_the_setting_with_enough_of_its_words_for_its_length() {
        assert!(document_shows(
            ["A note on the tenancy and the support plan."],
            Setting::Care
        ));
        assert!(!document_shows(["A note on the tenancy."], Setting::Care));
        let long = "Book your leave in the calendar. ".repeat(200)
            + "Mental health days and charity gifts.";
        assert!(!document_shows([long.as_str()], Setting::Care));
    }
}
