//! Names and addresses: a match inside the name of an organisation, programme, fund or statute, or inside a
//! URL, email address or path shown as text, is not a finding.

use super::{Candidate, ceil_char_boundary, floor_char_boundary};
use crate::text::is_word_char;

/// Words that end a run of capitalised words naming an organisation, programme, fund, statute or place.
pub(super) const NAME_HEADS: &[&str] = &[
    "act",
    "acts",
    "agency",
    "alliance",
    "anonymous",
    "association",
    "authority",
    "bill",
    "campaign",
    "center",
    "centre",
    "charity",
    "cic",
    "college",
    "commission",
    "committee",
    "company",
    "convention",
    "corporation",
    "council",
    "court",
    "department",
    "directive",
    "foundation",
    "framework",
    "fund",
    "guidance",
    "guild",
    "handbook",
    "hospital",
    "inc",
    "institute",
    "league",
    "llc",
    "llp",
    "ltd",
    "ministry",
    "network",
    "partners",
    "partnership",
    "plc",
    "policy",
    "procedure",
    "procedures",
    "program",
    "programme",
    "project",
    "protocol",
    "regulations",
    "scheme",
    "society",
    "strategy",
    "toolkit",
    "trust",
    "union",
    "university",
];

/// Small words allowed inside a capitalised name: "Protection of Vulnerable Adults Act".
pub(super) const NAME_CONNECTORS: &[&str] =
    &["and", "for", "of", "on", "the", "in", "to", "with", "&"];

/// Whether the match is part of a URL, an email address or a path shown as text.
pub(super) fn in_address(candidate: &Candidate) -> bool {
    let text = candidate.original;
    let range = &candidate.original_range;
    // A token longer than this is not an address anyone reads; the bound keeps the check local.
    let from = ceil_char_boundary(text, range.start.saturating_sub(200));
    let to = floor_char_boundary(text, range.end.saturating_add(200).min(text.len()));
    let start = text[from..range.start]
        .char_indices()
        .rev()
        .find(|(_, c)| c.is_whitespace())
        .map_or(from, |(i, c)| from + i + c.len_utf8());
    let end = text[range.end..to]
        .find(char::is_whitespace)
        .map_or(to, |i| range.end + i);
    let token = text[start..end].trim_matches(|c: char| "()[]<>\"'.,;:".contains(c));
    token.contains("://")
        || token.starts_with("www.")
        || (token.contains('@') && token.contains('.'))
        || token.contains('/')
        || token.contains('_')
}

/// The capitalised words (with connectors) right before and right after `range` in `text`.
/// Also whether the run starts a sentence, and whether running prose goes on after the run: a word in lower case, or an acronym in brackets, follows
/// it (a heading in title case ends instead).
pub(super) fn capitalised_run(
    text: &str,
    range: &std::ops::Range<usize>,
) -> (Vec<String>, bool, bool) {
    let is_cap = |w: &str| w.chars().next().is_some_and(char::is_uppercase);
    let tokens = |s: &str| -> Vec<String> {
        s.split(|c: char| c.is_whitespace() || c == '-')
            .filter(|w| !w.is_empty())
            .map(str::to_string)
            .collect()
    };
    // Eight words either side is all a name needs: read no further (the checks must stay local).
    // A name does not run across a line break.
    let after_end = floor_char_boundary(text, range.end.saturating_add(160).min(text.len()));
    let after_end = text[range.end..after_end]
        .find('\n')
        .map_or(after_end, |i| range.end + i);
    let before_start = ceil_char_boundary(text, range.start.saturating_sub(160));
    let before_start = text[before_start..range.start]
        .rfind('\n')
        .map_or(before_start, |i| before_start + i + 1);
    let mut run = Vec::new();
    let mut prose_follows = false;
    // After the match, left to right until a word that is neither capitalised nor a connector, or punctuation.
    for word in tokens(&text[range.end..after_end]).into_iter().take(8) {
        let bare = word.trim_end_matches(|c: char| !is_word_char(c));
        let stops = bare.len() != word.len();
        if !(is_cap(bare) || NAME_CONNECTORS.contains(&bare)) {
            prose_follows = word.starts_with(|c: char| c.is_lowercase() || c == '(');
            break;
        }
        run.push(bare.to_string());
        if stops {
            prose_follows = word[bare.len()..].starts_with([',', '(', ')']);
            break;
        }
    }
    // Before the match, right to left, to where the run starts.
    let mut run_start = range.start;
    for _ in 0..8 {
        let head = text[before_start..run_start].trim_end_matches(|c: char| c.is_whitespace());
        let word_start = head
            .char_indices()
            .rev()
            .find(|(_, c)| c.is_whitespace() || *c == '-')
            .map_or(0, |(i, c)| i + c.len_utf8());
        let word = &head[word_start..];
        if word.is_empty()
            || word.contains(|c: char| !is_word_char(c) && c != '&')
            || !(is_cap(word) || NAME_CONNECTORS.contains(&word))
        {
            break;
        }
        run.push(word.to_string());
        run_start = before_start + word_start;
    }
    // The first word of a sentence is capitalised by grammar, not because it names something.
    let before_run = text[before_start..run_start].trim_end();
    let sentence_start = before_run.is_empty()
        || before_run.ends_with(['.', '!', '?', ':', '"', '\u{201C}', '*', '#', '>', '|', '(']);
    (run, prose_follows, sentence_start)
}

/// Whether the match is capitalised inside a name such as "the Protection of Vulnerable Adults Act".
pub(super) fn in_name(candidate: &Candidate) -> bool {
    let matched = &candidate.original[candidate.original_range.clone()];
    // Title case ("Vulnerable Adults"), not capitals throughout ("ADDICTS" is shouting, not a name).
    let capitalised = matched
        .split(|c: char| !is_word_char(c))
        .filter(|w| !w.is_empty())
        .any(|w| {
            w.chars().next().is_some_and(char::is_uppercase) && w.chars().any(char::is_lowercase)
        });
    if !capitalised {
        return spells_the_words_before(candidate.original, &candidate.original_range);
    }
    let (run, prose_follows, sentence_start) =
        capitalised_run(candidate.original, &candidate.original_range);
    let in_run = |w: &str| {
        let lower = w.to_lowercase();
        NAME_HEADS.contains(&lower.as_str())
    };
    // Articles are capitalised by grammar ("An", "The"), not because they name something.
    let title_case = |w: &str| {
        let mut chars = w.chars();
        chars.next().is_some_and(char::is_uppercase)
            && chars.any(char::is_lowercase)
            && !matches!(w, "A" | "An" | "The")
    };
    let capitalised_words = run.iter().filter(|w| title_case(w)).count()
        + matched
            .split(|c: char| !is_word_char(c))
            .filter(|w| !w.is_empty() && title_case(w))
            .count();
    // A capitalised match joined by "of", "for" or "and" to a capitalised word before it is part of a title or
    // name ("Pets of the Homeless", "Coalition for Homeless Veterans", "Aging and the Elderly"): in prose those
    // words are in lower case.
    if joined_to_a_capitalised_word(candidate.original, candidate.original_range.start) {
        return true;
    }
    if in_brackets_after_a_name(candidate.original, &candidate.original_range) {
        return true;
    }
    // A capitalised word after a lower-case "the" is a name's: "Help the Aged", "Feed the Homeless" (in prose it
    // is "help the aged").
    if matched
        .strip_prefix("the ")
        .is_some_and(|rest| rest.chars().next().is_some_and(char::is_uppercase) && title_case(rest))
    {
        return true;
    }
    // A small word capitalised inside the run, away from the start of a sentence, is a title's: "How Mad Are
    // You?" (in prose "are" and "you" are in lower case).
    if !sentence_start
        && run.iter().any(|w| {
            w.chars().next().is_some_and(char::is_uppercase)
                && super::words::FUNCTION_WORDS.contains(&w.to_lowercase().as_str())
                && !matches!(w.as_str(), "A" | "An" | "The" | "I")
        })
    {
        return true;
    }
    // One word capitalised alone in the middle of a sentence, with prose after it, is a name: "the developer tool
    // Vagrant was created", "a product called Empower helps" (in prose the word is in lower case).
    let one_word = !matched.contains(|c: char| !is_word_char(c) && c != '\'');
    // Only a capital then lower case: "DNAs" is an acronym's plural, not a name.
    let name_case = {
        let mut letters = matched.chars().filter(|c| c.is_alphabetic());
        letters.next().is_some_and(char::is_uppercase) && letters.all(char::is_lowercase)
    };
    if one_word && !sentence_start && run.is_empty() && prose_follows && name_case {
        return true;
    }
    // Three capitalised words in a row inside running prose name something ("a Homeless Youth Outreach
    // program", "Morro Bay Senior Citizens offers"), and so do they at the end of a sentence that did not start
    // with them ("removal of the Prison Offender Manager"); a heading in title case does not.
    let named_words = capitalised_words.saturating_sub(usize::from(sentence_start));
    (named_words >= 3 && (prose_follows || !sentence_start))
        || run
            .iter()
            .filter(|w| w.chars().next().is_some_and(char::is_uppercase))
            .any(|w| in_run(w))
        || matched
            .split_whitespace()
            .last()
            .is_some_and(|w| in_run(w) && w.chars().next().is_some_and(char::is_uppercase))
}

/// Whether the words right before `start` are a capitalised word, then "of", "for", "and" or "&", then
/// optionally "the": "Coalition for [the] ...".
fn joined_to_a_capitalised_word(text: &str, start: usize) -> bool {
    let from = ceil_char_boundary(text, start.saturating_sub(80));
    let before = &text[from..start];
    let before = before.rsplit('\n').next().unwrap_or(before);
    let mut words = before.split_whitespace().rev();
    let mut word = words.next();
    if word == Some("the") {
        word = words.next();
    }
    if !word.is_some_and(|w| matches!(w, "of" | "for" | "and" | "&")) {
        return false;
    }
    words.next().is_some_and(|w| {
        let mut chars = w.chars();
        chars.next().is_some_and(char::is_uppercase)
            && w.chars().all(is_word_char)
            && chars.any(char::is_lowercase)
            && !matches!(w, "A" | "An" | "The")
    })
}

/// Whether the match fills a bracket right after a capitalised word: another name for what that names,
/// "Stronger Families (Troubled Families)".
fn in_brackets_after_a_name(text: &str, range: &std::ops::Range<usize>) -> bool {
    let before = text[..range.start].trim_end();
    let Some(before) = before.strip_suffix('(') else {
        return false;
    };
    if !text[range.end..].trim_start().starts_with(')') {
        return false;
    }
    let from = ceil_char_boundary(before, before.len().saturating_sub(40));
    before[from..]
        .split_whitespace()
        .next_back()
        .is_some_and(|w| {
            w.chars().next().is_some_and(char::is_uppercase) && w.chars().any(char::is_lowercase)
        })
}

/// Whether the match is an acronym in brackets that spells the capitalised words right before it: "Absent
/// Without Official Leave (AWOL)", "Latin America and the Caribbean (LAC)". It gives the short form of a name
/// just written out, which is checked in its own right.
fn spells_the_words_before(text: &str, range: &std::ops::Range<usize>) -> bool {
    let acronym = &text[range.clone()];
    let letters = acronym.chars().count();
    if !(2..=6).contains(&letters) || !acronym.chars().all(|c| c.is_ascii_uppercase()) {
        return false;
    }
    let Some(before) = text[..range.start].trim_end().strip_suffix('(') else {
        return false;
    };
    if !text[range.end..].trim_start().starts_with(')') {
        return false;
    }
    let before = before.trim_end();
    // A quoted or lower-case expansion ("patients who do not attend (DNA)", "'Did Not Attend' (DNA)") is the
    // writer's own wording of the label, and the short form is used as one.
    if !before
        .chars()
        .next_back()
        .is_some_and(char::is_alphanumeric)
    {
        return false;
    }
    let from = ceil_char_boundary(before, before.len().saturating_sub(120));
    let small = |w: &str| matches!(w, "of" | "and" | "the" | "for" | "in" | "on" | "to" | "&");
    let words: Vec<&str> = before[from..]
        .split(|c: char| !(is_word_char(c) || c == '&'))
        .filter(|w| !w.is_empty())
        .rev()
        .filter(|w| !small(&w.to_lowercase()))
        .take(letters)
        .collect();
    words.len() == letters
        && words
            .iter()
            .all(|w| w.chars().next().is_some_and(char::is_uppercase))
        && words
            .iter()
            .rev()
            .filter_map(|w| w.chars().next())
            .eq(acronym.chars())
}
