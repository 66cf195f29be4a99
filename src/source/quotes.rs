//! Finding quoted speech: a person's own words in quotation marks are their voice, not the writer's.
//!
//! Quotation marks are straight double quotes `"`, curly double quotes “ ”, and paired curly single quotes ‘ ’.
//! An apostrophe inside or at the end of a word (don’t, people’s, Sam’s) is not a quotation mark: a ’ closes a
//! quote only when a ‘ opened one and no letter follows it. Straight single quotes are too often apostrophes to
//! count on their own: a pair of them counts only when it closes on the same line within
//! [`MAX_STRAIGHT_SINGLE`] bytes ('scrotes.', 'hard to reach'), opening after no letter and closing before none.
//! A quote that is never closed in its paragraph ends at the end of the line it opens on, so a stray mark never
//! hides the lines after it; a straight double quote right after a digit is an inch mark (a 12" shelf), not a quote.

use std::ops::Range;

use serde::{Deserialize, Serialize};

use crate::text::is_word_char;

/// What to do with phrases inside quotation marks (a person's own words).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum QuotePolicy {
    /// Do not report them (the default): a person's own words are their voice.
    #[default]
    Skip,
    /// Report them as `info`, noting that they are quoted.
    Info,
}

/// The byte ranges of `text` inside quotation marks, the marks included: sorted, and merged where they overlap
/// (a quote inside a quote), so that [`is_quoted`] can search them.
pub fn regions(text: &str) -> Vec<Range<usize>> {
    let mut regions = Vec::new();
    for paragraph in paragraphs(text) {
        regions_in(text, paragraph, &mut regions);
    }
    regions.sort_by_key(|r| r.start);
    let mut merged: Vec<Range<usize>> = Vec::with_capacity(regions.len());
    for region in regions {
        match merged.last_mut() {
            Some(last) if region.start < last.end => last.end = last.end.max(region.end),
            _ => merged.push(region),
        }
    }
    merged
}

/// Whether `range` lies wholly inside one of `regions` (as returned by [`regions`]).
pub fn is_quoted(regions: &[Range<usize>], range: &Range<usize>) -> bool {
    let i = regions.partition_point(|r| r.start <= range.start);
    i > 0 && range.end <= regions[i - 1].end
}

/// Whether the quotation that holds `range` holds nothing else: a scare quote or a single quoted term
/// (\u{2018}hard to reach\u{2019}) rather than a person's own words.
pub fn holds_only(text: &str, regions: &[Range<usize>], range: &Range<usize>) -> bool {
    let i = regions.partition_point(|r| r.start <= range.start);
    if i == 0 || range.end > regions[i - 1].end {
        return false;
    }
    let region = &regions[i - 1];
    let outside = |s: &str| s.chars().all(|c| !c.is_alphanumeric());
    outside(&text[region.start..range.start]) && outside(&text[range.end..region.end])
}

/// The paragraphs of `text`: stretches separated by blank lines.
fn paragraphs(text: &str) -> Vec<Range<usize>> {
    let mut paragraphs = Vec::new();
    let mut start = 0;
    let mut offset = 0;
    let mut blank_run = false;
    for line in text.split_inclusive('\n') {
        let is_blank = line
            .trim_matches(|c: char| c.is_whitespace() || c == super::SEPARATOR)
            .is_empty();
        if is_blank && !blank_run {
            paragraphs.push(start..offset);
        }
        if !is_blank && blank_run {
            start = offset;
        }
        blank_run = is_blank;
        offset += line.len();
    }
    if !blank_run {
        paragraphs.push(start..text.len());
    }
    paragraphs
}

/// The longest pair of straight single quotes taken for a quotation, marks included: a scare quote or a short
/// quoted phrase. Longer stretches between two straight single quotes are more often apostrophes.
const MAX_STRAIGHT_SINGLE: usize = 60;

/// Pairs of straight single quotes in `part` (which starts at byte `offset` of the text): see the module docs.
fn straight_single_regions(part: &str, offset: usize, regions: &mut Vec<Range<usize>>) {
    let mut open: Option<usize> = None;
    let mut prev: Option<char> = None;
    let mut chars = part.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let next = chars.peek().map(|&(_, n)| n);
        match c {
            '\n' => open = None,
            '\'' if open.is_some()
                && prev.is_some_and(|p| !p.is_whitespace())
                && !next.is_some_and(is_word_char) =>
            {
                let start = open.take().expect("open");
                if i + 1 - start <= MAX_STRAIGHT_SINGLE {
                    regions.push(offset + start..offset + i + 1);
                }
            }
            '\'' if !prev.is_some_and(is_word_char) && next.is_some_and(|n| !n.is_whitespace()) => {
                open = Some(i);
            }
            _ => {}
        }
        prev = Some(c);
    }
}

fn regions_in(text: &str, paragraph: Range<usize>, regions: &mut Vec<Range<usize>>) {
    straight_single_regions(&text[paragraph.clone()], paragraph.start, regions);
    let part = &text[paragraph.clone()];
    let mut double: Option<usize> = None;
    let mut single: Option<usize> = None;
    let mut chars = part.char_indices().peekable();
    let mut prev: Option<char> = None;
    while let Some((i, c)) = chars.next() {
        let at = paragraph.start + i;
        let next = chars.peek().map(|&(_, n)| n);
        match c {
            '"' | '\u{201D}' if double.is_some() => {
                let start = double.take().expect("open");
                regions.push(start..at + c.len_utf8());
            }
            // An inch mark (12" wide) opens nothing.
            '"' if double.is_none() && prev.is_some_and(|p| p.is_ascii_digit()) => {}
            '"' | '\u{201C}' if double.is_none() => double = Some(at),
            '\u{2018}'
                if single.is_none()
                    && !prev.is_some_and(is_word_char)
                    && next.is_some_and(|n| !n.is_whitespace()) =>
            {
                single = Some(at);
            }
            '\u{2019}'
                if single.is_some()
                    && prev.is_some_and(|p| !p.is_whitespace())
                    && !next.is_some_and(is_word_char) =>
            {
                let start = single.take().expect("open");
                regions.push(start..at + c.len_utf8());
            }
            _ => {}
        }
        prev = Some(c);
    }
    for start in [double, single].into_iter().flatten() {
        let line_end = text[start..paragraph.end]
            .find('\n')
            .map_or(paragraph.end, |i| start + i + 1);
        regions.push(start..line_end);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn quoted(text: &str) -> Vec<&str> {
        regions(text).into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn finds_straight_curly_and_single_quotes() {
        assert_eq!(
            quoted(r#"She said "I am not a service user" today."#),
            [r#""I am not a service user""#]
        );
        assert_eq!(
            quoted("He said \u{201C}call me chaotic\u{201D}."),
            ["\u{201C}call me chaotic\u{201D}"]
        );
        assert_eq!(
            quoted("He said \u{2018}I\u{2019}m an addict\u{2019} and left."),
            ["\u{2018}I\u{2019}m an addict\u{2019}"]
        );
    }

    #[test]
    fn apostrophes_are_not_quotes() {
        assert!(
            quoted("Sam\u{2019}s worker said she doesn\u{2019}t engage. People\u{2019}s views.")
                .is_empty()
        );
        assert!(quoted("The workers\u{2019} view; rock \u{2019}n\u{2019} roll").is_empty());
        assert!(quoted("It's Sam's flat").is_empty());
        assert!(quoted("The boys' rooms and the girls' rooms").is_empty());
    }

    #[test]
    fn a_short_pair_of_straight_single_quotes_on_one_line_is_a_quote() {
        assert_eq!(quoted("He called them 'scrotes.'"), ["'scrotes.'"]);
        assert_eq!(
            quoted("She may be 'vulnerable', in the words of the Act; it's hers."),
            ["'vulnerable'"]
        );
        // Across a line break, or longer than a short phrase: apostrophes, most likely.
        assert!(quoted("the '90s\nkids' club").is_empty());
        assert!(
            quoted("'Twas the night before the long holiday and all the workers were tired and going home early'")
                .is_empty()
        );
    }

    #[test]
    fn an_unclosed_quote_ends_with_its_line() {
        let text = "He said \u{201C}I am chaotic\nand tired.\n\nThe service user left.";
        assert_eq!(quoted(text), ["\u{201C}I am chaotic\n"]);
        let text = "\u{2018}open\n\nservice user";
        assert_eq!(quoted(text), ["\u{2018}open\n"]);
        // A quote closed on a later line of its paragraph still holds both lines.
        let text = "She said \u{201C}I am\nnot chaotic\u{201D} and left.";
        assert_eq!(quoted(text), ["\u{201C}I am\nnot chaotic\u{201D}"]);
    }

    #[test]
    fn a_stray_mark_does_not_hide_the_lines_after_it() {
        // Found on a pre-school's policy: a 12" shelf, then a paragraph of lines with single line breaks.
        let text =
            "The shelf is 12\" wide.\nEach service user has a key.\nThe hard to reach families.\n";
        assert!(quoted(text).is_empty());
        let text = "Notes \u{201C}from the visit\nEach service user has a key.\n";
        assert_eq!(quoted(text), ["\u{201C}from the visit\n"]);
    }

    #[test]
    fn nested_quotes_are_inside_the_outer_ones() {
        let text = "\u{201C}She told me \u{2018}you\u{2019}re hard to reach\u{2019} twice\u{201D}";
        let r = regions(text);
        let inner = text.find("hard").unwrap();
        assert!(is_quoted(&r, &(inner..inner + 13)));
    }
}
