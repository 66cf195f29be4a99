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

use crate::rules::{Neighbours, Setting};
use crate::text::Normalized;

use super::{Candidate, entry_matches, near};

/// The words of the care setting, one entry per line (see the file's head).
static CARE_WORDS: &str = include_str!("care_setting_words.txt");

/// The fewest words of the setting a document must hold to be about it.
pub const MIN_CUES: usize = 2;

/// A document about the setting holds at least one of its words per this many words.
pub const WORDS_PER_CUE: usize = 500;

/// The entries of a setting's word list, as a neighbour list.
fn words(setting: Setting) -> &'static Neighbours {
    static CARE: OnceLock<Neighbours> = OnceLock::new();
    match setting {
        Setting::Care => CARE.get_or_init(|| Neighbours {
            entries: CARE_WORDS
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty() && !l.starts_with('#'))
                .map(|l| l.split(' ').map(str::to_string).collect())
                .collect(),
        }),
    }
}

/// Whether a word of `setting` stands in the candidate's sentence within `NEAR_WORDS` words of it.
pub fn shown_near(candidate: &Candidate, setting: Setting) -> bool {
    near(candidate, words(setting))
}

/// The entries of a setting's list by their first word's first three characters (the whole word when shorter),
/// so that each word of a document is compared with a handful of entries.
fn by_prefix(setting: Setting) -> &'static HashMap<String, Vec<&'static [String]>> {
    static CARE: OnceLock<HashMap<String, Vec<&'static [String]>>> = OnceLock::new();
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
