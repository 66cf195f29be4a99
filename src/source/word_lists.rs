//! Parts of a document that show wording to avoid rather than use it: a table column headed "Language to avoid"
//! (or "Instead of", "Don't say"), and the section under a heading such as "Words to avoid" or "Outdated terms".
//! A phrase in one of them is talked about, not used, so it is not a finding.
//!
//! A reader feeds the tracker its structure as it builds a segment (headings, table heads, rows and cells) with
//! the length of the segment's text at each point; the tracker returns the ranges of that text to leave alone.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

/// A table header cell that names the column of wording to avoid: "Language to Avoid", "Instead of", "Don't
/// say", "Outdated term", "Not this", "\u{2717}". Header cells are short, so a single such word is enough; words
/// that also head ordinary columns of a plan ("Before the move", "Negative factors", "Never") are left out.
static AVOID_COLUMN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?xi)
        \b(?:avoid|avoiding|instead\ of|rather\ than|don[\u{2019}']?t|do\ not|not\ recommended|outdated|
        old[-\ ]fashioned|offensive|unhelpful|less\ helpful|problematic|stigmati[sz]ing|deficit|
        incorrect|wrong|replace|not\ ok(?:ay)?|unacceptable|not\ this|old\ term|old\ language)\b
        |[\u{2717}\u{2718}\u{274C}\u{D7}]",
    )
    .expect("a valid pattern")
});

/// The words about words a heading must have to announce a section of wording to avoid.
static WORDING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b(?:words?|terms?|terminology|phrases?|phrasing|wording|labels?|expressions?|jargon|language|vocabulary)\b",
    )
    .expect("a valid pattern")
});

/// What else such a heading must say: that the wording is to be avoided. "Offensive language" or "bad language"
/// heads rules about behaviour, not a list of words, so judgements of language are not enough on their own.
static AVOID_HEADING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?xi)
        \b(?:avoid|avoiding|not\ to\ use|don[\u{2019}']?t\ use|do\ not\ use|never\ use|to\ replace|replacing|
        outdated|stigmati[sz]ing|deficit|unhelpful|less\ helpful|problematic|not\ recommended|instead\ of|
        don[\u{2019}']?t\ say|do\ not\ say|not\ to\ say|to\ stop\ using|retire|retired)\b",
    )
    .expect("a valid pattern")
});

/// A heading that needs no word about words: "Instead of saying", "What not to say".
static NOT_TO_SAY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:instead of saying|don[\u{2019}']?t say|do not say|what not to say)\b")
        .expect("a valid pattern")
});

/// Whether a table header cell heads a column of wording to avoid.
pub(crate) fn heads_avoid_column(cell: &str) -> bool {
    cell.split_whitespace().count() <= 6 && AVOID_COLUMN.is_match(cell)
}

/// Whether a heading announces a section of wording to avoid ("Words to avoid", "Language not to use",
/// "Outdated terms", "Instead of saying").
pub(crate) fn announces_avoid_section(heading: &str) -> bool {
    heading.split_whitespace().count() <= 12
        && ((WORDING.is_match(heading) && AVOID_HEADING.is_match(heading))
            || NOT_TO_SAY.is_match(heading))
}

/// Follows a document's headings and tables, and collects the ranges (of the text being built) that show
/// wording to avoid.
#[derive(Debug, Default)]
pub(crate) struct WordLists {
    /// The open heading: its level and where its text starts.
    heading: Option<(u8, usize)>,
    /// The section of wording to avoid the text is in: its heading's level and where the section starts.
    section: Option<(u8, usize)>,
    /// Whether the cells now read are the table's header.
    in_head: bool,
    /// The number of the cell being read in its row (from 1), and where its text starts.
    cell: (usize, usize),
    /// The columns of the current table headed as wording to avoid.
    avoid_columns: Vec<usize>,
    /// The ranges found.
    ranges: Vec<Range<usize>>,
}

impl WordLists {
    /// A heading of `level` starts at `at`: it ends a section of wording to avoid of the same or a higher level.
    pub(crate) fn start_heading(&mut self, level: u8, at: usize) {
        if let Some((section_level, start)) = self.section
            && level <= section_level
        {
            self.ranges.push(start..at);
            self.section = None;
        }
        self.heading = Some((level, at));
    }

    /// The open heading ends; `text` is the segment's text so far.
    pub(crate) fn end_heading(&mut self, text: &str) {
        if let Some((level, start)) = self.heading.take()
            && self.section.is_none()
            && announces_avoid_section(text.get(start..).unwrap_or(""))
        {
            self.section = Some((level, text.len()));
        }
    }

    /// A table starts.
    pub(crate) fn start_table(&mut self) {
        self.avoid_columns.clear();
    }

    /// The table's header row starts or ends.
    pub(crate) fn table_head(&mut self, open: bool) {
        self.in_head = open;
        self.cell = (0, 0);
    }

    /// A body row starts.
    pub(crate) fn start_row(&mut self) {
        self.cell = (0, 0);
    }

    /// A cell starts at `at`.
    pub(crate) fn start_cell(&mut self, at: usize) {
        self.cell = (self.cell.0 + 1, at);
    }

    /// The cell ends; `text` is the segment's text so far.
    pub(crate) fn end_cell(&mut self, text: &str) {
        let (column, start) = self.cell;
        let cell = start.min(text.len())..text.len();
        if self.in_head {
            if heads_avoid_column(&text[cell]) {
                self.avoid_columns.push(column);
            }
        } else if self.avoid_columns.contains(&column) {
            self.ranges.push(cell);
        }
    }

    /// The document ends at `at`: returns the ranges found, in order and merged where they overlap (a cell of a
    /// table in a section), so that a lookup can search them by halves.
    pub(crate) fn finish(mut self, at: usize) -> Vec<Range<usize>> {
        if let Some((_, start)) = self.section.take() {
            self.ranges.push(start..at);
        }
        self.ranges.sort_by_key(|r| r.start);
        let mut merged: Vec<Range<usize>> = Vec::with_capacity(self.ranges.len());
        for range in self.ranges {
            match merged.last_mut() {
                Some(last) if range.start <= last.end => last.end = last.end.max(range.end),
                _ => merged.push(range),
            }
        }
        merged
    }

    /// Whether `range` lies within one of `lists` (as [`WordLists::finish`] returns them).
    pub(crate) fn contain(lists: &[Range<usize>], range: &Range<usize>) -> bool {
        let i = lists.partition_point(|w| w.start <= range.start);
        i > 0 && range.end <= lists[i - 1].end
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn column_headers_of_wording_to_avoid() {
        for cell in [
            "Language to Avoid",
            "Instead of",
            "Don\u{2019}t say",
            "Outdated term",
            "Not this",
            "\u{274C}",
            "Avoid",
        ] {
            assert!(heads_avoid_column(cell), "{cell}");
        }
        for cell in [
            "Preferred Language (Examples)",
            "Try",
            "Term",
            "Service",
            "Notes",
            "Before the move",
            "Negative factors",
            "Never",
        ] {
            assert!(!heads_avoid_column(cell), "{cell}");
        }
    }

    #[test]
    fn headings_of_wording_to_avoid() {
        for heading in [
            "Words to avoid",
            "Language not to use",
            "Outdated terms",
            "Instead of saying",
            "Avoiding deficit language",
            "Stigmatising labels",
        ] {
            assert!(announces_avoid_section(heading), "{heading}");
        }
        for heading in [
            "Offensive language",
            "Bad language and swearing",
            "Use of language",
            "Behaviours to avoid",
            "Challenging behaviour",
        ] {
            assert!(!announces_avoid_section(heading), "{heading}");
        }
    }
}
