//! The [`Finding`] type every reporter (and later the fixer) consumes, and how a [`Match`] becomes one:
//! positions in the original text, the message, and suggestions in the casing of the matched words with the right
//! article.

use std::ops::Range;

use crate::rules::{FixSafety, Rule, Severity, is_hint};
use crate::scan::matcher::Match;
use crate::scan::sense::Confidence;
use crate::scan::suggestion::{
    after_a_determiner, after_the_noun, attributive_noun, capitalised_alone_in_sentence,
    drop_leading_article, shape_suggestion, shouted,
};
use crate::text::{LineIndex, PositionCursor};

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

/// The line(s) a finding is on, or on a long line (a Word paragraph is one line) a window of it around the phrase.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Context {
    /// 1-based number of the first line.
    pub first_line: usize,
    /// 1-based column, in characters, where `text` starts on the first line: 1 unless the line was cut to a window.
    pub first_column: usize,
    /// The lines (or the window of them), without the last line ending.
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
    let mut starts = PositionCursor::new(&lines, text);
    let mut ends = PositionCursor::new(&lines, text);
    let mut windows = PositionCursor::new(&lines, text);
    matches
        .iter()
        .map(|m| {
            let rule = &rules[m.rule];
            let start = starts.position(m.range.start);
            let end = ends.position(m.range.end);
            let matched = &text[m.range.clone()];
            let article = m.article.as_ref().map(|a| &text[a.clone()]);
            let rendered = rule.rendered_suggestions(m.term, &m.choices);
            // "service-resistant families" becomes "families who are declining services": the edit takes in the noun.
            let attributive = rendered
                .first()
                .and_then(|first| attributive_noun(matched, &text[m.range.end..], first));
            let replace_end = attributive.map_or(m.range.end, |(_, len)| m.range.end + len);
            let suggestions = rendered
                .into_iter()
                .map(|s| match attributive {
                    Some((noun, _)) => after_the_noun(noun, &s),
                    None => s,
                })
                .map(|s| {
                    // An acronym's capitals say nothing about the sentence: only an article before it does. Nor
                    // do the capitals of a term written in Title Case in mid-sentence ("we asked the Service
                    // Users"): the new words are not a name, so they keep the case they are written in.
                    let title_case_inside = article.is_none()
                        && !shouted(matched)
                        && capitalised_alone_in_sentence(text, &m.range);
                    let case_model = if rule.case_sensitive || title_case_inside {
                        ""
                    } else {
                        matched
                    };
                    let shaped = shape_suggestion(&s, case_model, article);
                    // "the respite" becomes "the short break", not "the a short break".
                    if article.is_none() && after_a_determiner(&text[..m.range.start]) {
                        drop_leading_article(&shaped)
                    } else {
                        shaped
                    }
                })
                .collect();
            let replace_start = m.article.as_ref().map_or(m.range.start, |a| a.start);
            let first_line = lines.line_of(replace_start) + 1;
            let context_range = context_window(
                text,
                lines.line_range(text, first_line).start..lines.line_range(text, end.line).end,
                replace_start..replace_end,
            );
            let first_column = if context_range.start == lines.line_range(text, first_line).start {
                1
            } else {
                windows.position(context_range.start).column
            };
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
                replace: base + replace_start..base + replace_end,
                context: Context {
                    first_line,
                    first_column,
                    replace: replace_start - context_range.start..replace_end - context_range.start,
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

/// An exact edit of a file's text: the bytes `range` (0-based, end exclusive) become `text`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Replacement {
    /// The bytes replaced: the matched words and any article before them.
    pub range: Range<usize>,
    /// The new text, exactly as it goes into the file.
    pub text: String,
}

impl Finding {
    /// The edit that puts `wording` in place of the phrase and any article before it; a line break that was
    /// inside the phrase is kept at the nearest gap between the new words.
    pub fn replacement_with(&self, wording: &str) -> Replacement {
        let replaced = &self.context.text[self.context.replace.clone()];
        Replacement {
            range: self.replace.clone(),
            text: keep_line_breaks(replaced, wording),
        }
    }

    /// The edit that puts the first suggestion in place, or `None` where there is no drop-in wording: the first
    /// suggestion is advice (`<...>`), the phrase is in quotation marks (the person's own words), has markup inside
    /// it (`**service** user`), comes before a possessive (a multi-word wording cannot take the apostrophe), or is in
    /// a Word or OpenDocument file (whose positions are within a paragraph, not the file).
    pub fn first_replacement(&self) -> Option<Replacement> {
        let first = self.suggestions.first()?;
        let as_written = &self.context.text[self.context.phrase.clone()];
        if is_hint(first)
            || self.quoted
            || self.location.is_some()
            || as_written != self.text
            || self.before_a_possessive()
        {
            return None;
        }
        Some(self.replacement_with(first))
    }

    /// Whether `reframe fix` puts the first suggestion in place without asking: the rule (`rule`, this finding's)
    /// is marked `fix = "safe"`, the finding is certain (a possible finding, whose sense is unclear, is never
    /// changed without asking) and the first suggestion is a drop-in wording ([`Finding::first_replacement`]).
    pub fn is_safe_fix(&self, rule: &Rule) -> bool {
        rule.fix == FixSafety::Safe
            && self.confidence == Confidence::Certain
            && self.first_replacement().is_some()
    }

    /// Whether the phrase is followed by a possessive ("the service users' forum").
    fn before_a_possessive(&self) -> bool {
        let after = &self.context.text[self.context.replace.end.max(self.context.phrase.end)..];
        after.starts_with(['\'', '\u{2019}'])
    }
}

/// `replacement`, with each whitespace run of `replaced` that holds a line break copied into the gap between words
/// of `replacement` nearest to the same place (measured as a share of the phrase's length in characters).
pub fn keep_line_breaks(replaced: &str, replacement: &str) -> String {
    let breaks = whitespace_runs(replaced)
        .into_iter()
        .filter(|r| replaced[r.clone()].contains('\n'));
    let gaps = whitespace_runs(replacement);
    let (old_len, new_len) = (replaced.chars().count(), replacement.chars().count());
    if old_len == 0 || gaps.is_empty() {
        return replacement.to_string();
    }
    let mut chosen: Vec<(Range<usize>, &str)> = Vec::new();
    for run in breaks {
        let share = replaced[..run.start].chars().count() as f64 / old_len as f64;
        let target = share * new_len as f64;
        let nearest = gaps.iter().min_by(|a, b| {
            let distance =
                |g: &Range<usize>| (replacement[..g.start].chars().count() as f64 - target).abs();
            distance(a).total_cmp(&distance(b))
        });
        if let Some(gap) = nearest
            && !chosen.iter().any(|(g, _)| g == gap)
        {
            chosen.push((gap.clone(), &replaced[run]));
        }
    }
    chosen.sort_by_key(|(gap, _)| gap.start);
    let mut out = replacement.to_string();
    for (gap, whitespace) in chosen.iter().rev() {
        out.replace_range(gap.clone(), whitespace);
    }
    out
}

/// The byte ranges of the runs of whitespace in `text`.
fn whitespace_runs(text: &str) -> Vec<Range<usize>> {
    let mut runs: Vec<Range<usize>> = Vec::new();
    for (i, c) in text.char_indices() {
        if !c.is_whitespace() {
            continue;
        }
        match runs.last_mut() {
            Some(last) if last.end == i => last.end = i + c.len_utf8(),
            _ => runs.push(i..i + c.len_utf8()),
        }
    }
    runs
}

/// Lines longer than this (in bytes) are cut to a window around the phrase, so that memory stays linear in the
/// file's size however many findings share one long line.
pub const CONTEXT_WHOLE_LINES_UP_TO: usize = 1_000;
/// How much of a long line a window keeps on each side of the phrase, in bytes (about 30 words).
pub const CONTEXT_WINDOW: usize = 200;

/// `lines` (the byte range of the finding's lines) if short, else a window of it around `phrase`, on char
/// boundaries and, where a space is near, on word boundaries.
fn context_window(text: &str, lines: Range<usize>, phrase: Range<usize>) -> Range<usize> {
    if lines.len() <= CONTEXT_WHOLE_LINES_UP_TO {
        return lines;
    }
    let mut start = phrase.start.saturating_sub(CONTEXT_WINDOW).max(lines.start);
    while !text.is_char_boundary(start) {
        start += 1;
    }
    let mut end = (phrase.end + CONTEXT_WINDOW).min(lines.end);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    // Start and end on a word boundary: at most one word is dropped from each side.
    if start > lines.start
        && let Some(space) = text[start..phrase.start].find(' ')
    {
        start += space + 1;
    }
    if end < lines.end
        && let Some(space) = text[phrase.end..end].rfind(' ')
    {
        end = phrase.end + space;
    }
    start..end
}

/// The severity of a finding of this confidence: a possible finding is `info` at most.
pub fn capped(severity: Severity, confidence: Confidence) -> Severity {
    match confidence {
        Confidence::Certain => severity,
        Confidence::Possible => severity.min(Severity::Info),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_phrase_wrapped_across_lines_keeps_its_line_break() {
        assert_eq!(
            keep_line_breaks("service\nuser", "person we support"),
            "person we\nsupport"
        );
        assert_eq!(
            keep_line_breaks("give a voice to the\r\n  voiceless", "listen to people"),
            "listen to\r\n  people"
        );
        assert_eq!(
            keep_line_breaks("service user", "person we support"),
            "person we support"
        );
        assert_eq!(keep_line_breaks("service\nuser", "person"), "person");
    }

    #[test]
    fn context_on_a_long_line_is_a_window_with_its_start_column() {
        use crate::rules::{PackSelection, RuleSet};
        use crate::scan::check::check_text;
        use crate::scan::matcher::Matcher;
        let rules = RuleSet::load(&PackSelection::default()).unwrap();
        let matcher = Matcher::new(&rules, &[]);
        let line = "é word ".repeat(10_000) + "she is a service user " + &"word ".repeat(10_000);
        let text = format!("{line}\nA service user.\n");
        let findings = check_text(&text, 0, &matcher, &rules);
        assert_eq!(findings.len(), 2);
        let long = &findings[0].context;
        assert!(
            long.text.len() <= 2 * CONTEXT_WINDOW + 20,
            "{}",
            long.text.len()
        );
        assert_eq!(&long.text[long.phrase.clone()], "service user");
        assert_eq!(&long.text[long.replace.clone()], "a service user");
        // The window's first column plus the phrase's characters before it give the finding's column.
        let before = long.text[..long.phrase.start].chars().count();
        assert_eq!(long.first_column + before, findings[0].column);
        assert_eq!(findings[0].column, 70_010);
        // A short line is kept whole.
        assert_eq!(findings[1].context.text, "A service user.");
        assert_eq!(findings[1].context.first_column, 1);
    }
}
