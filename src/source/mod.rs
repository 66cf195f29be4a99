//! Turning a file's bytes into the text to check, with a map from that text back to the file.
//!
//! One module per format: [`plain`] (text in UTF-8, UTF-16 or Windows-1252), [`markdown`], [`html`], [`docx`]
//! and [`odt`]. Each turns bytes into a [`Document`]: one or more [`Segment`]s of text for the matcher, each with
//! an [`OffsetMap`] back to the original, and the regions a suppression comment silences. Text, Markdown and HTML
//! keep the decoded file as [`Document::original`], so positions are lines and columns of the file itself; Word
//! and OpenDocument files have no such text, so each paragraph is its own segment with a [`Segment::location`]
//! such as "paragraph 12, table 1 row 2 cell 1".
//!
//! ```
//! use reframe::source::{read, Format, Limits};
//! let markdown = "A **service** user.\n\n```\nservice user\n```\n";
//! let document = read(markdown.as_bytes().to_vec(), Format::Markdown, &Limits::default()).unwrap();
//! let segment = &document.segments[0];
//! // The code block is not prose; the emphasis markers are not text.
//! assert_eq!(segment.text.matches("service user").count(), 1);
//! let at = segment.text.find("service user").unwrap();
//! let in_file = segment.map.original_range(at..at + "service user".len());
//! assert_eq!(&markdown[in_file], "service** user");
//! ```

pub mod docx;
pub mod html;
pub mod markdown;
pub mod odt;
pub mod plain;
pub mod quotes;
pub mod suppress;
pub mod walk;
mod word_lists;
mod xml;
mod zipped;

use std::ops::Range;

pub use plain::{Encoding, decode};

/// Files larger than this are not read (an error names the file), so memory stays bounded.
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// The formats reframe reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Format {
    /// Plain text.
    #[default]
    Text,
    /// Markdown (CommonMark with tables, footnotes and front matter).
    Markdown,
    /// HTML.
    Html,
    /// Word (Office Open XML).
    Docx,
    /// OpenDocument text (LibreOffice).
    Odt,
}

impl Format {
    /// Every format, with its name in configuration files.
    pub const NAMES: [(&'static str, Format); 5] = [
        ("text", Format::Text),
        ("markdown", Format::Markdown),
        ("html", Format::Html),
        ("docx", Format::Docx),
        ("odt", Format::Odt),
    ];

    /// The format with this configuration name (`text`, `markdown`, `html`, `docx`, `odt`).
    pub fn from_name(name: &str) -> Option<Format> {
        Format::NAMES
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, f)| *f)
    }

    /// The format of a file with this extension, by default; files with other extensions are read as text.
    pub fn from_extension(extension: &str) -> Format {
        match extension.to_ascii_lowercase().as_str() {
            "md" | "markdown" | "mdown" | "mkd" => Format::Markdown,
            "html" | "htm" | "xhtml" => Format::Html,
            "docx" | "docm" | "dotx" => Format::Docx,
            "odt" | "ott" | "fodt" => Format::Odt,
            _ => Format::Text,
        }
    }

    /// Whether positions are lines and columns of the file itself (not of a paragraph of a document).
    pub fn is_textual(self) -> bool {
        matches!(self, Format::Text | Format::Markdown | Format::Html)
    }
}

/// A map from offsets in a segment's text to byte offsets in the original, in pieces: a piece is either copied
/// verbatim (each byte maps to the same byte further on) or replaced (an entity, a code span: the whole piece maps
/// to the whole original range).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OffsetMap {
    pieces: Vec<Piece>,
    /// Some piece starts before the previous one ends in the original: ranges are then looked up one by one.
    unordered: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct Piece {
    text: usize,
    len: usize,
    original: Range<usize>,
    verbatim: bool,
}

impl OffsetMap {
    /// Notes that text from `text_start` on comes verbatim from `original_start` on.
    pub fn verbatim(&mut self, text_start: usize, original_start: usize, len: usize) {
        self.push(Piece {
            text: text_start,
            len,
            original: original_start..original_start + len,
            verbatim: true,
        });
    }

    fn push(&mut self, piece: Piece) {
        if self
            .pieces
            .last()
            .is_some_and(|last| piece.original.start < last.original.end)
        {
            self.unordered = true;
        }
        self.pieces.push(piece);
    }

    /// Notes that `len` bytes of text from `text_start` on stand for the whole of `original`.
    pub fn replaced(&mut self, text_start: usize, len: usize, original: Range<usize>) {
        self.push(Piece {
            text: text_start,
            len,
            original,
            verbatim: false,
        });
    }

    /// The text range that the original range `original` became (empty at the end of the text if none of it is
    /// text).
    pub fn text_range(&self, original: Range<usize>) -> Range<usize> {
        let mut found: Option<Range<usize>> = None;
        // Pieces in the order of the original (the usual case): start at the first that can overlap, by binary
        // search, and stop after the last, so each lookup is logarithmic, not linear in the pieces.
        let first = if self.unordered {
            0
        } else {
            self.pieces
                .partition_point(|p| p.original.end <= original.start)
        };
        for p in &self.pieces[first..] {
            if !self.unordered
                && p.original.start >= original.end
                && p.original.end > p.original.start
            {
                break;
            }
            if p.original.end <= original.start || p.original.start >= original.end {
                continue;
            }
            let range = if p.verbatim {
                let from = original.start.max(p.original.start) - p.original.start;
                let to = original.end.min(p.original.end) - p.original.start;
                p.text + from..p.text + to
            } else {
                p.text..p.text + p.len
            };
            found = Some(match found {
                Some(f) => f.start.min(range.start)..f.end.max(range.end),
                None => range,
            });
        }
        found.unwrap_or_else(|| {
            let end = self.pieces.last().map_or(0, |p| p.text + p.len);
            end..end
        })
    }

    fn piece(&self, at: usize) -> Option<&Piece> {
        let i = self.pieces.partition_point(|p| p.text <= at);
        i.checked_sub(1).map(|i| &self.pieces[i])
    }

    /// The original range of the text range `range` (non-empty).
    pub fn original_range(&self, range: Range<usize>) -> Range<usize> {
        let start = match self.piece(range.start) {
            Some(p) if p.verbatim => p.original.start + (range.start - p.text),
            Some(p) => p.original.start,
            None => range.start,
        };
        let end = match self.piece(range.end.saturating_sub(1).max(range.start)) {
            Some(p) if p.verbatim => p.original.start + (range.end - p.text),
            Some(p) => p.original.end,
            None => range.end,
        };
        start..end.max(start)
    }
}

/// What a suppression comment silences.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Suppression {
    /// The text range (in the segment's text) it covers.
    pub range: Range<usize>,
    /// The rule ids it names; empty for every rule.
    pub rules: Vec<String>,
    /// Where the comment itself is (for reporting it when it silences nothing): a byte range of
    /// [`Document::original`] for text, Markdown and HTML; of the segment's text for documents.
    pub comment: Range<usize>,
}

/// A stretch of text to check.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Segment {
    /// The text the matcher reads.
    pub text: String,
    /// From `text` back to [`Document::original`] (unused for documents without one).
    pub map: OffsetMap,
    /// Where the segment is in a document, in words ("paragraph 3, table 1 row 1 cell 2").
    pub location: Option<String>,
    /// Suppression comments in this segment.
    pub suppressions: Vec<Suppression>,
    /// Stretches of `text` that show wording to avoid (a table column headed "Language to avoid", the section
    /// under a heading "Words to avoid"): a phrase in one is talked about, not used, and is not a finding. In
    /// order and not overlapping.
    pub word_lists: Vec<Range<usize>>,
}

impl Segment {
    /// A paragraph of a Word or OpenDocument file: its whole text is checked, and positions count within it.
    pub fn paragraph(text: String, location: String, suppressions: Vec<Suppression>) -> Segment {
        let mut map = OffsetMap::default();
        map.verbatim(0, 0, text.len());
        Segment {
            text,
            map,
            location: Some(location),
            suppressions,
            word_lists: Vec::new(),
        }
    }

    /// Whether `range` of the text lies in a stretch that shows wording to avoid.
    pub fn in_word_list(&self, range: &Range<usize>) -> bool {
        word_lists::WordLists::contain(&self.word_lists, range)
    }
}

/// Where a paragraph stands among the (nested) tables of a document, for its location in words.
#[derive(Debug, Clone, Default)]
pub struct Tables {
    /// The open tables, innermost last: (table number, row, cell).
    open: Vec<(usize, usize, usize)>,
    /// Tables started so far.
    count: usize,
}

impl Tables {
    /// A table starts.
    pub fn start_table(&mut self) {
        self.count += 1;
        self.open.push((self.count, 0, 0));
    }

    /// The innermost table ends.
    pub fn end_table(&mut self) {
        self.open.pop();
    }

    /// A row of the innermost table starts.
    pub fn start_row(&mut self) {
        if let Some(t) = self.open.last_mut() {
            t.1 += 1;
            t.2 = 0;
        }
    }

    /// A cell of the innermost table starts.
    pub fn start_cell(&mut self) {
        if let Some(t) = self.open.last_mut() {
            t.2 += 1;
        }
    }

    /// ", table 1 row 2 cell 3" inside a table; empty outside.
    pub fn label(&self) -> String {
        self.open
            .last()
            .map(|(table, row, cell)| format!(", table {table} row {row} cell {cell}"))
            .unwrap_or_default()
    }
}

/// A file turned into text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Document {
    /// The decoded file, for formats whose positions are in the file (text, Markdown, HTML).
    pub original: Option<String>,
    /// How the file was encoded (for byte offsets in the file).
    pub encoding: Encoding,
    /// The offset in the file of the decoded text's first character (after a byte order mark).
    pub base: usize,
    /// The text to check.
    pub segments: Vec<Segment>,
}

impl Document {
    /// How many words the checked text holds, counted as a word processor does: a run of characters between
    /// spaces with at least one letter or digit in it ("hard-to-reach" is one word; a lone dash is none).
    pub fn words(&self) -> usize {
        self.segments.iter().map(|s| count_words(&s.text)).sum()
    }
}

/// The words of `text`, as [`Document::words`] counts them; a [`SEPARATOR`] (text that is not checked) ends a word.
pub fn count_words(text: &str) -> usize {
    text.split(|c: char| c.is_whitespace() || c == SEPARATOR)
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .count()
}

/// Stands for text that is not checked (code, a URL, a tag between blocks): not a word, not a space, so no phrase
/// is found across it.
pub const SEPARATOR: char = '\u{FFFC}';

/// What goes between two blocks (paragraphs, headings, cells): a blank line for quote detection, with a separator
/// so that no phrase is found across it.
pub const BLOCK_BREAK: &str = "\n\u{FFFC}\n";

/// Limits that keep memory bounded on hostile documents.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// The most bytes read out of a document's zip archive, all parts together.
    pub max_unpacked: u64,
    /// The largest ratio of a part's unpacked size to its packed size (a zip bomb has thousands).
    pub max_ratio: u64,
    /// The deepest nesting of XML elements.
    pub max_depth: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_unpacked: 256 * 1024 * 1024,
            max_ratio: 200,
            max_depth: 512,
        }
    }
}

/// Why a file's bytes could not be turned into text.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SourceError {
    /// The file looks like a binary file (it has NUL bytes near its start); it is skipped with a note.
    #[error("skipped: it looks like a binary file, not text")]
    Binary,
    /// The bytes are not valid text in any encoding reframe reads (only when asked to be strict).
    #[error(
        "not valid UTF-8 text (byte {offset} is not); save the file as UTF-8 and check it again"
    )]
    NotUtf8 {
        /// The first invalid byte.
        offset: usize,
    },
    /// The file is over [`MAX_FILE_BYTES`].
    #[error("too large to check ({size} bytes; the limit is {limit} bytes)")]
    TooLarge {
        /// The file's size.
        size: u64,
        /// The limit.
        limit: u64,
    },
    /// A Word or OpenDocument file that could not be read.
    #[error("{0}")]
    Document(String),
}

/// Reads a file's bytes as `format`.
pub fn read(bytes: Vec<u8>, format: Format, limits: &Limits) -> Result<Document, SourceError> {
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(SourceError::TooLarge {
            size: bytes.len() as u64,
            limit: MAX_FILE_BYTES,
        });
    }
    match format {
        Format::Text => plain::read(bytes),
        Format::Markdown => markdown::read(bytes),
        Format::Html => html::read(bytes),
        Format::Docx => docx::read(&bytes, limits),
        Format::Odt => odt::read(&bytes, limits),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maps_verbatim_and_replaced_pieces() {
        // "a &amp; b" -> "a & b"
        let mut map = OffsetMap::default();
        map.verbatim(0, 0, 2);
        map.replaced(2, 1, 2..7);
        map.verbatim(3, 7, 2);
        assert_eq!(map.original_range(0..1), 0..1);
        assert_eq!(map.original_range(2..3), 2..7);
        assert_eq!(map.original_range(0..5), 0..9);
        assert_eq!(map.original_range(4..5), 8..9);
        assert_eq!(map.text_range(3..5), 2..3);
        assert_eq!(map.text_range(8..9), 4..5);
    }

    #[test]
    fn formats_by_extension_and_name() {
        assert_eq!(Format::from_extension("DOCX"), Format::Docx);
        assert_eq!(Format::from_extension("htm"), Format::Html);
        assert_eq!(Format::from_extension("log"), Format::Text);
        assert_eq!(Format::from_name("Markdown"), Some(Format::Markdown));
        assert_eq!(Format::from_name("pdf"), None);
    }
}
