//! Text helpers shared by the matcher and the reporters: normalising text for matching while keeping a map back
//! to the original bytes, and turning byte offsets into lines and character columns.

/// A line and column for a byte offset.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Position {
    /// 1-based line number.
    pub line: usize,
    /// 1-based column, counted in characters (Unicode scalar values).
    pub column: usize,
    /// Byte offset where the line starts.
    pub line_start: usize,
}

/// The byte offsets where each line of a text starts. A line ends after `\n`; a lone `\r` also ends a line,
/// as old Mac files and some exports have it.
#[derive(Debug, Clone)]
pub struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    /// Indexes the lines of `text`.
    pub fn new(text: &str) -> Self {
        let bytes = text.as_bytes();
        let mut starts = vec![0];
        if !bytes.contains(&b'\r') {
            // The common case, found with a fast byte search.
            starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
            return LineIndex { starts };
        }
        let mut i = 0;
        while i < bytes.len() {
            match bytes[i] {
                b'\n' => starts.push(i + 1),
                b'\r' if bytes.get(i + 1) != Some(&b'\n') => starts.push(i + 1),
                _ => {}
            }
            i += 1;
        }
        LineIndex { starts }
    }

    /// The line and character column of byte `offset` (which must be a char boundary of `text`).
    pub fn position(&self, text: &str, offset: usize) -> Position {
        let line0 = self.line_of(offset);
        let line_start = self.starts[line0];
        Position {
            line: line0 + 1,
            column: text[line_start..offset].chars().count() + 1,
            line_start,
        }
    }

    /// The 0-based line holding byte `offset`.
    pub fn line_of(&self, offset: usize) -> usize {
        match self.starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i - 1,
        }
    }

    /// The byte range of 1-based `line`, without its line ending.
    pub fn line_range(&self, text: &str, line: usize) -> std::ops::Range<usize> {
        let start = self.starts[line - 1];
        let mut end = self.starts.get(line).copied().unwrap_or(text.len());
        let bytes = text.as_bytes();
        while end > start && matches!(bytes[end - 1], b'\n' | b'\r') {
            end -= 1;
        }
        start..end
    }
}

/// Positions of increasing offsets in one text, each counted on from the last: finding positions for many matches
/// on one long line (a Word paragraph is one line) in time linear in the line, not in line length times matches.
#[derive(Debug)]
pub struct PositionCursor<'a> {
    lines: &'a LineIndex,
    text: &'a str,
    last: Option<Position>,
    last_offset: usize,
}

impl<'a> PositionCursor<'a> {
    /// A cursor over `text`, whose lines are `lines`.
    pub fn new(lines: &'a LineIndex, text: &'a str) -> Self {
        PositionCursor {
            lines,
            text,
            last: None,
            last_offset: 0,
        }
    }

    /// The position of byte `offset` (a char boundary of the text); fastest when offsets come in increasing order.
    pub fn position(&mut self, offset: usize) -> Position {
        let line0 = self.lines.line_of(offset);
        let position = match self.last {
            Some(last) if last.line == line0 + 1 && offset >= self.last_offset => Position {
                column: last.column + self.text[self.last_offset..offset].chars().count(),
                ..last
            },
            _ => self.lines.position(self.text, offset),
        };
        self.last = Some(position);
        self.last_offset = offset;
        position
    }
}

/// Whether `c` counts as part of a word for whole-word matching.
pub fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// The word `text` ends with (its trailing run of word characters; empty when it ends otherwise).
pub fn last_word(text: &str) -> &str {
    let start = text
        .char_indices()
        .rev()
        .take_while(|(_, c)| is_word_char(*c))
        .last()
        .map_or(text.len(), |(i, _)| i);
    &text[start..]
}

/// Whether the byte is ASCII and normalises to itself (or its lower case): not whitespace, not '-', not the
/// start of a multi-byte character.
fn copies_as_is(b: u8) -> bool {
    b < 0x80 && !b.is_ascii_whitespace() && b != b'-'
}

/// Apostrophes that all normalise to `'`.
const APOSTROPHES: [char; 4] = ['\'', '\u{2019}', '\u{2018}', '\u{02BC}'];
/// Hyphens and dashes that join words; each normalises to a space, so "hard-to-reach" = "hard to reach".
const JOINING_DASHES: [char; 5] = ['-', '\u{2010}', '\u{2011}', '\u{2012}', '\u{2013}'];

/// Case foldings that `char::to_lowercase` does not do but matching needs: the sharp s folds to "ss" (so
/// "STRASSE" = "Straße"), the final sigma to σ, and the typographic ligatures that PDF and Word exports contain.
fn full_fold(c: char) -> Option<&'static str> {
    Some(match c {
        'ß' | 'ẞ' => "ss",
        'ς' => "σ",
        'ﬀ' => "ff",
        'ﬁ' => "fi",
        'ﬂ' => "fl",
        'ﬃ' => "ffi",
        'ﬄ' => "ffl",
        'ﬅ' | 'ﬆ' => "st",
        _ => return None,
    })
}

/// Text normalised for matching, with a map from each normalised byte back to the original text.
///
/// Normalisation, in order: every run of whitespace (and of joining dashes with the whitespace around them)
/// becomes one space; the apostrophes ' ’ ‘ ʼ become `'`; the dashes - ‐ ‑ ‒ – become a space; letters are
/// lower-cased (all of Unicode, not only ASCII, with ß as "ss" and ligatures split) unless `fold_case` is false.
#[derive(Debug, Clone, Default)]
pub struct Normalized {
    /// The normalised text.
    pub text: String,
    /// For each byte of `text`, the byte offset in the original of the character it came from.
    map: Vec<u32>,
}

impl Normalized {
    /// Normalises `original`. `fold_case` lower-cases letters.
    ///
    /// # Panics
    /// If `original` is 4 GiB or larger (offsets are stored as `u32`); callers bound file sizes well below that.
    pub fn new(original: &str, fold_case: bool) -> Self {
        assert!(
            original.len() < u32::MAX as usize,
            "text too large to normalise"
        );
        let mut text = String::with_capacity(original.len());
        let mut map = Vec::with_capacity(original.len() + 1);
        let mut pending_space: Option<u32> = None;
        let bytes = original.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            let b = bytes[i];
            // ASCII fast path: most case notes are mostly ASCII.
            if b < 0x80 {
                if b.is_ascii_whitespace() || b == b'-' {
                    pending_space.get_or_insert(i as u32);
                    i += 1;
                    continue;
                }
                if let Some(space_at) = pending_space.take() {
                    text.push(' ');
                    map.push(space_at);
                }
                // Copy the whole run of ASCII bytes that normalise one for one: anything but whitespace and '-',
                // and single spaces between such bytes. Each maps to its own offset.
                let start = i;
                i += 1;
                while i < bytes.len() {
                    let c = bytes[i];
                    if copies_as_is(c) {
                        i += 1;
                    } else if c == b' ' && bytes.get(i + 1).is_some_and(|&n| copies_as_is(n)) {
                        i += 2;
                    } else {
                        break;
                    }
                }
                let before = text.len();
                text.push_str(&original[start..i]);
                if fold_case {
                    text[before..].make_ascii_lowercase();
                }
                map.extend(start as u32..i as u32);
                continue;
            }
            let c = original[i..].chars().next().expect("char boundary");
            let at = i as u32;
            i += c.len_utf8();
            if c.is_whitespace() || JOINING_DASHES.contains(&c) {
                pending_space.get_or_insert(at);
                continue;
            }
            if let Some(space_at) = pending_space.take() {
                text.push(' ');
                map.push(space_at);
            }
            if APOSTROPHES.contains(&c) {
                text.push('\'');
                map.push(at);
            } else if let Some(folded) = fold_case.then(|| full_fold(c)).flatten() {
                text.push_str(folded);
                map.extend(std::iter::repeat_n(at, folded.len()));
            } else if fold_case {
                for lower in c.to_lowercase() {
                    let before = text.len();
                    text.push(lower);
                    map.extend(std::iter::repeat_n(at, text.len() - before));
                }
            } else {
                let before = text.len();
                text.push(c);
                map.extend(std::iter::repeat_n(at, text.len() - before));
            }
        }
        if let Some(space_at) = pending_space {
            text.push(' ');
            map.push(space_at);
        }
        Normalized { text, map }
    }

    /// Normalises a phrase from a rule (a term or an exception): like [`Normalized::new`], then trimmed.
    pub fn phrase(phrase: &str, fold_case: bool) -> String {
        Normalized::new(phrase, fold_case).text.trim().to_string()
    }

    /// The original byte range of the normalised byte range `start..end` (a non-empty range on char
    /// boundaries of [`Normalized::text`]).
    pub fn original_range(
        &self,
        original: &str,
        start: usize,
        end: usize,
    ) -> std::ops::Range<usize> {
        let orig_start = self.map[start] as usize;
        let last = self.map[end - 1] as usize;
        let last_len = original[last..].chars().next().map_or(0, char::len_utf8);
        orig_start..last + last_len
    }

    /// The original byte offset of the character that normalised byte `at` came from.
    pub fn original_offset(&self, at: usize) -> usize {
        self.map[at] as usize
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_index_counts_characters_not_bytes() {
        let text = "één\r\nzwei\rdrei\n";
        let index = LineIndex::new(text);
        let p = index.position(text, text.find('n').unwrap());
        assert_eq!((p.line, p.column), (1, 3));
        let p = index.position(text, text.find("zwei").unwrap());
        assert_eq!((p.line, p.column), (2, 1));
        let p = index.position(text, text.find("drei").unwrap());
        assert_eq!((p.line, p.column), (3, 1));
        assert_eq!(&text[index.line_range(text, 1)], "één");
        assert_eq!(&text[index.line_range(text, 2)], "zwei");
    }

    #[test]
    fn normalises_whitespace_dashes_apostrophes_and_case() {
        let cases = [
            ("Hard-to-Reach", "hard to reach"),
            ("hard \u{2013} to\u{00A0}\treach", "hard to reach"),
            ("service\r\n   user", "service user"),
            ("Sam\u{2019}s  NOTE", "sam's note"),
            ("ST\u{02BC}S", "st's"),
            ("İ", "i\u{307}"),
            ("STRASSE ß ẞ", "strasse ss ss"),
            ("ﬁnal ΟΔΟΣ", "final οδοσ"),
        ];
        for (input, expected) in cases {
            assert_eq!(
                Normalized::new(input, true).text,
                expected,
                "input {input:?}"
            );
        }
    }

    #[test]
    fn maps_every_normalised_byte_back_to_the_original() {
        let original = "A  Service\u{00A0}USER—İs here";
        let n = Normalized::new(original, true);
        let start = n.text.find("service user").unwrap();
        let range = n.original_range(original, start, start + "service user".len());
        assert_eq!(&original[range], "Service\u{00A0}USER");
        let start = n.text.find("i\u{307}s").unwrap();
        let range = n.original_range(original, start, start + "i\u{307}s".len());
        assert_eq!(&original[range], "İs");
    }

    /// The normalisation one character at a time, as specified: the fast paths of [`Normalized::new`] must give
    /// the same text and map.
    fn normalise_slowly(original: &str, fold_case: bool) -> (String, Vec<u32>) {
        let (mut text, mut map) = (String::new(), Vec::new());
        let mut pending_space: Option<u32> = None;
        for (at, c) in original.char_indices() {
            let at = at as u32;
            // ASCII whitespace is what `u8::is_ascii_whitespace` says (so not the vertical tab).
            let space = match u8::try_from(c) {
                Ok(b) if b < 0x80 => b.is_ascii_whitespace(),
                _ => c.is_whitespace(),
            };
            if space || JOINING_DASHES.contains(&c) {
                pending_space.get_or_insert(at);
                continue;
            }
            if let Some(space_at) = pending_space.take() {
                text.push(' ');
                map.push(space_at);
            }
            let out: String = if APOSTROPHES.contains(&c) {
                "'".into()
            } else if let Some(folded) = fold_case.then(|| full_fold(c)).flatten() {
                folded.into()
            } else if fold_case {
                c.to_lowercase().collect()
            } else {
                c.into()
            };
            map.extend(std::iter::repeat_n(at, out.len()));
            text.push_str(&out);
        }
        if let Some(space_at) = pending_space {
            text.push(' ');
            map.push(space_at);
        }
        (text, map)
    }

    proptest::proptest! {
        // The seeds live beside the integration tests, so that the top level holds only what the owner listed.
        #![proptest_config(proptest::test_runner::Config {
            failure_persistence: Some(Box::new(proptest::test_runner::FileFailurePersistence::Direct(
                concat!(env!("CARGO_MANIFEST_DIR"), "/tests/src_text.proptest-regressions"),
            ))),
            ..proptest::test_runner::Config::default()
        })]

        #[test]
        fn fast_paths_normalise_like_one_character_at_a_time(
            original in "([a-zA-Z0-9.,'\"]{1,6}|[ \t\r\n-]{1,3}|[’‘ʼ“”—–‐\u{a0}ßẞﬁİΣς]|é|\\s)*",
            fold_case in proptest::bool::ANY,
        ) {
            let fast = Normalized::new(&original, fold_case);
            let (text, map) = normalise_slowly(&original, fold_case);
            proptest::prop_assert_eq!(&fast.text, &text);
            proptest::prop_assert_eq!(&fast.map, &map);
        }
    }

    #[test]
    fn line_index_finds_lines_with_and_without_carriage_returns() {
        for text in ["a\nbb\n\nccc", "a\r\nbb\r\rccc\n", "", "\n", "x"] {
            let mut slow = vec![0];
            let bytes = text.as_bytes();
            for (i, &b) in bytes.iter().enumerate() {
                if b == b'\n' || (b == b'\r' && bytes.get(i + 1) != Some(&b'\n')) {
                    slow.push(i + 1);
                }
            }
            assert_eq!(LineIndex::new(text).starts, slow, "text {text:?}");
        }
    }

    #[test]
    fn keeps_case_when_asked() {
        assert_eq!(Normalized::new("LAC  review", false).text, "LAC review");
    }
}
