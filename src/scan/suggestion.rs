//! Suggestions shaped for the sentence they go into: the casing of the matched words ("Service user" gives
//! "Person we support"), the article the matched words had ("a" or "an" as the new words need, none after a
//! determiner), and hints (`<their name>`) left as they are.

use crate::rules::is_hint;
use crate::text::{is_word_char, last_word};

/// Words that already determine a noun phrase: a suggestion starting with one takes no "a"/"an".
const DETERMINERS: &[&str] = &[
    "a", "an", "the", "their", "his", "her", "my", "your", "our", "its", "this", "that", "these",
    "those", "some", "someone", "somebody", "anyone", "everyone", "people", "no", "each", "every",
    "any",
];

/// Shapes a rendered suggestion for the text it replaces: the article where the matched words had one, and the
/// casing of the matched words (pass `""` as `matched` to follow only the article's casing, as for acronyms).
/// Hints are returned unchanged.
pub fn shape_suggestion(suggestion: &str, matched: &str, article: Option<&str>) -> String {
    if is_hint(suggestion) {
        return suggestion.to_string();
    }
    let (phrase, case_model) = match article {
        Some(article) => {
            let first_word: String = suggestion
                .chars()
                .take_while(|c| is_word_char(*c))
                .collect::<String>()
                .to_lowercase();
            let phrase = if DETERMINERS.contains(&first_word.as_str()) {
                suggestion.to_string()
            } else {
                format!("{} {suggestion}", indefinite_article(suggestion))
            };
            // Words in capitals ("a SERVICE USER") keep their capitals; the article keeps its own case.
            if shouted(matched)
                && let Some((first, rest)) = phrase.split_once(' ')
            {
                let first = if article.chars().any(char::is_lowercase) {
                    match_case(first, article)
                } else {
                    first.to_uppercase()
                };
                return format!("{first} {}", rest.to_uppercase());
            }
            (
                phrase,
                format!("{article} {matched}").trim_end().to_string(),
            )
        }
        None => (suggestion.to_string(), matched.to_string()),
    };
    match_case(&phrase, &case_model)
}

/// Whether words that follow `before` stand in the middle of a sentence, where a capital letter is not the
/// sentence's own: `before` has a word or a comma last (spaces, opening brackets and quotation marks aside), not
/// the end of a sentence, a colon, a line break or a list bullet.
pub(crate) fn is_mid_sentence(before: &str) -> bool {
    let before = before.trim_end_matches([' ', '\t', '(', '[', '"', '\'', '\u{201C}', '\u{2018}']);
    match before.chars().next_back() {
        None => false,
        Some(c) => !matches!(
            c,
            '.' | '!' | '?' | ':' | ';' | '\n' | '\r' | '-' | '*' | '\u{2022}' | '|' | '>' | '#'
        ),
    }
}

/// Whether the match at `range` of `text` is Title Case inside a sentence, not inside a longer run of
/// capitalised words ("we asked the Service Users about it"; not "the Service Users Forum", a name the writer
/// capitalised).
pub(crate) fn capitalised_alone_in_sentence(text: &str, range: &std::ops::Range<usize>) -> bool {
    is_mid_sentence(&text[..range.start]) && !crate::scan::sense::in_capitalised_run(text, range)
}

/// A hyphenated compound written before a person noun ("service-resistant families", "hard-to-house clients")
/// describes the noun, where a drop-in wording written for "they are service resistant" does not fit. Gives the
/// noun and where it ends (a byte offset into `after`'s text, counted from the start of `after`), when `matched`
/// is such a compound, the word after it names people, and `first_suggestion` reads after "who are": words that
/// cannot stand before the noun (not one word such as "low-income", nor a noun phrase such as "a person who uses
/// drugs", nor advice).
pub(crate) fn attributive_noun<'a>(
    matched: &str,
    after: &'a str,
    first_suggestion: &str,
) -> Option<(&'a str, usize)> {
    let hyphenated = matched
        .char_indices()
        .any(|(i, c)| c == '-' && i > 0 && matched[i + 1..].starts_with(is_word_char));
    // A one-word suggestion ("low-income", "non-speaking") goes before the noun as the compound did.
    if !hyphenated || is_hint(first_suggestion) || !first_suggestion.trim().contains(' ') {
        return None;
    }
    let first_word = first_suggestion
        .split(|c: char| !is_word_char(c))
        .next()
        .unwrap_or("")
        .to_lowercase();
    if DETERMINERS.contains(&first_word.as_str())
        || matches!(first_word.as_str(), "person" | "people")
    {
        return None;
    }
    let rest = after.strip_prefix(' ')?;
    let len = rest
        .char_indices()
        .find(|(_, c)| !is_word_char(*c))
        .map_or(rest.len(), |(i, _)| i);
    let noun = &rest[..len];
    let lower = noun.to_lowercase();
    (len > 0 && crate::scan::sense::is_person_word(&lower)).then_some((noun, 1 + len))
}

/// The suggestion for a compound before a person noun, put after the noun: "families who are declining services".
pub(crate) fn after_the_noun(noun: &str, suggestion: &str) -> String {
    if is_hint(suggestion) {
        return suggestion.to_string();
    }
    let lower = noun.to_lowercase();
    let plural = (lower.ends_with('s') && !lower.ends_with("ss"))
        || matches!(
            lower.as_str(),
            "people" | "children" | "men" | "women" | "staff" | "folk" | "youth" | "families"
        );
    let verb = if plural { "are" } else { "is" };
    format!("{noun} who {verb} {suggestion}")
}

/// Whether `matched` is written in capitals ("SERVICE USER"), which the suggestion then follows.
pub(crate) fn shouted(matched: &str) -> bool {
    match_case("xx yy", matched) == "XX YY"
}

/// Whether `before` ends with a determiner ("the", "this", "her", ...) and a space.
pub(crate) fn after_a_determiner(before: &str) -> bool {
    let Some(head) = before.strip_suffix(' ') else {
        return false;
    };
    let word = last_word(head).to_lowercase();
    DETERMINERS.contains(&word.as_str())
        && !matches!(
            word.as_str(),
            "people" | "someone" | "somebody" | "anyone" | "everyone"
        )
}

/// `phrase` without a leading "a " or "an " (any case); hints and other phrases unchanged.
pub(crate) fn drop_leading_article(phrase: &str) -> String {
    for article in ["a ", "an "] {
        if phrase.len() > article.len()
            && phrase[..article.len()].eq_ignore_ascii_case(article)
            && !is_hint(phrase)
        {
            return phrase[article.len()..].to_string();
        }
    }
    phrase.to_string()
}

/// "a" or "an" for the word that starts `phrase`, by its sound as far as spelling shows it.
pub fn indefinite_article(phrase: &str) -> &'static str {
    let lower = phrase.trim_start().to_lowercase();
    const AN_EXCEPTIONS: &[&str] = &["hour", "honest", "honour", "honor", "heir"];
    const A_EXCEPTIONS: &[&str] = &["uni", "use", "usu", "uti", "eu", "one", "once", "ur"];
    if AN_EXCEPTIONS.iter().any(|p| lower.starts_with(p)) {
        return "an";
    }
    if A_EXCEPTIONS.iter().any(|p| lower.starts_with(p)) {
        return "a";
    }
    match lower.chars().next() {
        Some('a' | 'e' | 'i' | 'o' | 'u') => "an",
        _ => "a",
    }
}

/// Gives `phrase` the casing of `model`: all capitals if the model is written in capitals (two or more words, or
/// one word of five or more letters; a shorter word in capitals, such as "DNA" or "NFA", is an acronym, which
/// says nothing about the sentence, so the phrase stays as written), a capital first letter if the model has one,
/// otherwise the phrase as written.
pub fn match_case(phrase: &str, model: &str) -> String {
    // An ending after an apostrophe says nothing about the word's case: "DNA'd" is the acronym DNA.
    // Nor does a plural or verb ending on an acronym: "DNAs", "DNAd".
    let core: Vec<&str> = model
        .split_whitespace()
        .map(|w| w.split(['\'', '\u{2019}']).next().unwrap_or(w))
        .map(|w| {
            let capitals = w.chars().take_while(char::is_ascii_uppercase).count();
            let ending = &w[capitals..];
            if capitals >= 2 && matches!(ending, "s" | "d" | "ed" | "ing") {
                &w[..capitals]
            } else {
                w
            }
        })
        .collect();
    let letters: Vec<char> = core
        .iter()
        .flat_map(|w| w.chars())
        .filter(|c| c.is_alphabetic())
        .collect();
    let words = core.len();
    if letters.len() >= 2 && letters.iter().all(|c| c.is_uppercase()) {
        return if words >= 2 || letters.len() >= 5 {
            phrase.to_uppercase()
        } else {
            phrase.to_string()
        };
    }
    if letters.first().is_some_and(|c| c.is_uppercase()) {
        let mut chars = phrase.chars();
        return match chars.next() {
            Some(first) => first.to_uppercase().chain(chars).collect(),
            None => String::new(),
        };
    }
    phrase.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggestions_follow_the_case_of_the_matched_words() {
        assert_eq!(match_case("person", "Service user"), "Person");
        assert_eq!(
            match_case("people we support", "SERVICE USERS"),
            "PEOPLE WE SUPPORT"
        );
        assert_eq!(match_case("person", "service user"), "person");
        assert_eq!(match_case("person", "Service User"), "Person");
        assert_eq!(match_case("their GP", "client"), "their GP");
        // Short words in capitals are acronyms: the phrase stays as written.
        assert_eq!(match_case("missed", "DNA"), "missed");
        assert_eq!(match_case("missed", "DNA'd"), "missed");
        assert_eq!(match_case("missed", "DNAs"), "missed");
        assert_eq!(match_case("missed", "DNAd"), "missed");
        assert_eq!(
            shape_suggestion("person we support", "SERVICE USER", Some("a")),
            "a PERSON WE SUPPORT"
        );
        assert_eq!(match_case("a person", "ADDICT"), "A PERSON");
    }

    #[test]
    fn a_capital_after_words_of_the_same_sentence_is_mid_sentence() {
        assert!(is_mid_sentence("We asked the "));
        assert!(is_mid_sentence("as we said, "));
        assert!(is_mid_sentence("met her (\u{201C}"));
        assert!(!is_mid_sentence(""));
        assert!(!is_mid_sentence("It rained. "));
        assert!(!is_mid_sentence("Note: "));
        assert!(!is_mid_sentence("Visit\n"));
        assert!(!is_mid_sentence("- "));
        assert!(!is_mid_sentence("Why? \u{201C}"));
        let alone = |text: &str, term: &str| {
            let start = text.find(term).unwrap();
            capitalised_alone_in_sentence(text, &(start..start + term.len()))
        };
        assert!(alone(
            "We asked the Service Users about it.",
            "Service Users"
        ));
        assert!(!alone("We asked the Service Users Forum.", "Service Users"));
        assert!(!alone(
            "We asked Leeds Service Users about it.",
            "Service Users"
        ));
        assert!(!alone(
            "We met the Service Users of the Town.",
            "Service Users"
        ));
        assert!(!alone("Service Users met.", "Service Users"));
    }

    #[test]
    fn a_hyphenated_compound_before_a_person_noun_moves_after_it() {
        assert_eq!(
            attributive_noun("service-resistant", " families met.", "declining services"),
            Some(("families", 9))
        );
        assert_eq!(
            after_the_noun("families", "declining services"),
            "families who are declining services"
        );
        assert_eq!(
            after_the_noun("tenant", "not yet offered a home that fits"),
            "tenant who is not yet offered a home that fits"
        );
        // Not hyphenated, not before a person noun, or a noun-phrase suggestion: left as it is.
        assert_eq!(
            attributive_noun("service resistant", " families", "declining services"),
            None
        );
        assert_eq!(
            attributive_noun("hard-to-house", " flats", "not yet offered a home"),
            None
        );
        assert_eq!(
            attributive_noun("drug-user", " parents", "a person who uses drugs"),
            None
        );
        assert_eq!(
            attributive_noun("service-resistant", " families", "<say what was offered>"),
            None
        );
        assert_eq!(
            attributive_noun("poverty-stricken", " families", "low-income"),
            None
        );
    }

    #[test]
    fn a_suggestion_after_a_determiner_drops_its_own_article() {
        assert!(after_a_determiner("But the "));
        assert!(after_a_determiner("Her "));
        assert!(!after_a_determiner("the"));
        assert!(!after_a_determiner("We offer "));
        assert_eq!(drop_leading_article("a short break"), "short break");
        assert_eq!(drop_leading_article("An hour"), "hour");
        assert_eq!(drop_leading_article("another break"), "another break");
        assert_eq!(drop_leading_article("<a hint>"), "<a hint>");
    }

    #[test]
    fn suggestions_carry_the_right_article() {
        let cases = [
            (
                "person who uses drugs",
                "addict",
                Some("an"),
                "a person who uses drugs",
            ),
            (
                "person who uses drugs",
                "addict",
                Some("An"),
                "A person who uses drugs",
            ),
            (
                "adult we support",
                "vulnerable adult",
                Some("a"),
                "an adult we support",
            ),
            (
                "the person we support",
                "service user",
                Some("a"),
                "the person we support",
            ),
            ("person", "ADDICT", Some("AN"), "A PERSON"),
            // A capitalised word is not shouting: only the article's case counts.
            (
                "child with Down's syndrome",
                "Down's child",
                Some("a"),
                "a child with Down's syndrome",
            ),
            (
                "person who injects drugs",
                "IV drug user",
                Some("an"),
                "a person who injects drugs",
            ),
            ("<their name>", "service user", Some("a"), "<their name>"),
            ("unit", "x", Some("an"), "a unit"),
            ("hour", "x", Some("a"), "an hour"),
            // An acronym rule passes no case model: only the article's casing counts.
            ("child in care", "", Some("A"), "A child in care"),
            ("child in care", "", None, "child in care"),
        ];
        for (suggestion, matched, article, expected) in cases {
            assert_eq!(
                shape_suggestion(suggestion, matched, article),
                expected,
                "{suggestion:?} for {article:?} {matched:?}"
            );
        }
    }
}
