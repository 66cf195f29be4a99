//! The [`Finding`] type every reporter (and later the fixer) consumes, and how a [`Match`] becomes one:
//! positions in the original text, the message, and suggestions in the casing of the matched words with the right
//! article.

use std::ops::Range;

use crate::rules::{Rule, Severity, is_hint};
use crate::scan::matcher::Match;
use crate::scan::sense::Confidence;
use crate::text::{LineIndex, is_word_char};

/// One flagged phrase in one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// Index of the rule in [`crate::rules::RuleSet::rules`].
    pub rule: usize,
    /// The severity reported (the rule's, unless configuration changed it).
    pub severity: Severity,
    /// 1-based line of the first character.
    pub line: usize,
    /// 1-based column of the first character, in characters.
    pub column: usize,
    /// 1-based line of the last character.
    pub end_line: usize,
    /// 1-based column one past the last character, in characters.
    pub end_column: usize,
    /// Byte range in the original file (0-based, end exclusive).
    pub bytes: Range<usize>,
    /// The matched text as written.
    pub text: String,
    /// The short message: the quoted phrase and what is wrong with it.
    pub message: String,
    /// Suggestions rendered for this match: the casing of the matched words, the right article; hints (advice,
    /// not replacement text) are kept in angle brackets.
    pub suggestions: Vec<String>,
    /// The byte range a fix replaces with a suggestion: the matched words and any article before them.
    pub replace: Range<usize>,
    /// The line(s) the finding is on, for snippets.
    pub context: Context,
    /// Where the finding is in a Word or OpenDocument file, in words ("paragraph 12, table 1 row 2 cell 1");
    /// `None` for text files, whose line and column say it all. Lines and columns then count within that
    /// paragraph's text, and `bytes` are offsets into it.
    pub location: Option<String>,
    /// The phrase is inside quotation marks (a person's own words), reported as `info` because quotes are
    /// included (`--include-quotes`); a fix never changes it.
    pub quoted: bool,
    /// How sure the finding is: a possible finding is reported at `info` at most and never fixed without asking.
    pub confidence: Confidence,
}

/// The whole line(s) a finding is on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Context {
    /// 1-based number of the first line.
    pub first_line: usize,
    /// The lines, without the last line ending.
    pub text: String,
    /// Byte range within `text` of what a fix replaces (the matched words and any article before them).
    pub replace: Range<usize>,
    /// Byte range within `text` of the matched words as they stand in the file (markup included, as in
    /// `**service** user`).
    pub phrase: Range<usize>,
}

/// Turns the matches in `text` into findings. `base` is the byte offset of `text` in the file (a UTF-8 byte
/// order mark, say).
pub fn findings_for(text: &str, base: usize, matches: &[Match], rules: &[Rule]) -> Vec<Finding> {
    if matches.is_empty() {
        return Vec::new();
    }
    let lines = LineIndex::new(text);
    matches
        .iter()
        .map(|m| {
            let rule = &rules[m.rule];
            let start = lines.position(text, m.range.start);
            let end = lines.position(text, m.range.end);
            let matched = &text[m.range.clone()];
            let article = m.article.as_ref().map(|a| &text[a.clone()]);
            let suggestions = rule
                .rendered_suggestions(m.term, &m.choices)
                .into_iter()
                .map(|s| {
                    // An acronym's capitals say nothing about the sentence: only an article before it does.
                    let case_model = if rule.case_sensitive { "" } else { matched };
                    shape_suggestion(&s, case_model, article)
                })
                .collect();
            let replace_start = m.article.as_ref().map_or(m.range.start, |a| a.start);
            let first_line = lines.position(text, replace_start).line;
            let context_range =
                lines.line_range(text, first_line).start..lines.line_range(text, end.line).end;
            Finding {
                rule: m.rule,
                severity: capped(rule.severity, m.confidence),
                line: start.line,
                column: start.column,
                end_line: end.line,
                end_column: end.column,
                bytes: base + m.range.start..base + m.range.end,
                text: matched.to_string(),
                message: rule.message_for(matched),
                suggestions,
                replace: base + replace_start..base + m.range.end,
                context: Context {
                    first_line,
                    replace: replace_start - context_range.start..m.range.end - context_range.start,
                    phrase: m.range.start - context_range.start..m.range.end - context_range.start,
                    text: text[context_range].to_string(),
                },
                location: None,
                quoted: false,
                confidence: m.confidence,
            }
        })
        .collect()
}

/// The severity of a finding of this confidence: a possible finding is `info` at most.
pub fn capped(severity: Severity, confidence: Confidence) -> Severity {
    match confidence {
        Confidence::Certain => severity,
        Confidence::Possible => severity.min(Severity::Info),
    }
}

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
            let shouted = match_case("x", matched) == "X";
            if shouted && let Some((first, rest)) = phrase.split_once(' ') {
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
    let core: Vec<&str> = model
        .split_whitespace()
        .map(|w| w.split(['\'', '\u{2019}']).next().unwrap_or(w))
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
        assert_eq!(
            shape_suggestion("person we support", "SERVICE USER", Some("a")),
            "a PERSON WE SUPPORT"
        );
        assert_eq!(match_case("a person", "ADDICT"), "A PERSON");
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
