//! What every fuzz target asserts, shared: no panic (libFuzzer reports those), and for every finding a byte
//! range within the text it was found in, on char boundaries, with lines and columns that agree with it. The
//! positions are recomputed here from scratch, not with reframe's own helpers.

use std::ops::Range;
use std::path::Path;
use std::sync::OnceLock;

use reframe::error::LocatedError;
use reframe::rules::{PackSelection, RuleSet};
use reframe::scan::check::{CheckOptions, check_document_with_notes};
use reframe::scan::finding::Finding;
use reframe::scan::matcher::{Match, Matcher};
use reframe::source::quotes::QuotePolicy;
use reframe::source::{self, Document, Encoding, Format, Limits};

/// The built-in packs as `reframe check` loads them by default, and their matcher: built once per process.
pub fn defaults() -> &'static (RuleSet, Matcher) {
    static DEFAULTS: OnceLock<(RuleSet, Matcher)> = OnceLock::new();
    DEFAULTS.get_or_init(|| {
        let rules = RuleSet::load(&PackSelection::default()).expect("the built-in packs load");
        let matcher = Matcher::new(&rules, &[]);
        (rules, matcher)
    })
}

/// The 1-based line and character column of byte `offset` of `text`, counted from the start: a line ends after
/// `\n`, or after a `\r` that no `\n` follows.
pub fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let bytes = text.as_bytes();
    let (mut line, mut column) = (1, 1);
    for (i, c) in text[..offset].char_indices() {
        if c == '\n' || (c == '\r' && bytes.get(i + 1) != Some(&b'\n')) {
            line += 1;
            column = 1;
        } else {
            column += 1;
        }
    }
    (line, column)
}

fn assert_range(text: &str, range: &Range<usize>, what: &str) {
    assert!(
        range.start <= range.end && range.end <= text.len(),
        "{what} {range:?} is not within the text ({} bytes)",
        text.len()
    );
    assert!(
        text.is_char_boundary(range.start) && text.is_char_boundary(range.end),
        "{what} {range:?} is not on char boundaries"
    );
}

/// Checks one finding whose matched words are `phrase` and fix range `replace`, both byte ranges of `text` (the
/// text its lines and columns count in).
pub fn check_finding_in(
    finding: &Finding,
    text: &str,
    phrase: Range<usize>,
    replace: Range<usize>,
) {
    assert_range(text, &phrase, "the finding's range");
    assert_range(text, &replace, "the finding's fix range");
    assert!(phrase.start < phrase.end, "empty finding {phrase:?}");
    assert!(
        replace.start <= phrase.start && phrase.end <= replace.end,
        "the fix range {replace:?} does not hold the finding {phrase:?}"
    );
    let start = line_column(text, phrase.start);
    let end = line_column(text, phrase.end);
    assert_eq!(
        (finding.line, finding.column),
        start,
        "start position of {phrase:?}"
    );
    assert_eq!(
        (finding.end_line, finding.end_column),
        end,
        "end position of {phrase:?}"
    );
    let context = &finding.context;
    assert_range(&context.text, &context.phrase, "the context's phrase");
    assert_range(&context.text, &context.replace, "the context's fix range");
    assert_eq!(
        &context.text[context.phrase.clone()],
        &text[phrase.clone()],
        "the context's phrase is not the finding's"
    );
    assert_eq!(
        &context.text[context.replace.clone()],
        &text[replace.clone()],
        "the context's fix range is not the finding's"
    );
    assert_eq!(
        context.first_line,
        line_column(text, replace.start).0,
        "the context's first line"
    );
}

/// Checks matches as [`Matcher::find`] promises them: on char boundaries of `text`, sorted, never overlapping,
/// any article just before its match.
pub fn check_matches(text: &str, matches: &[Match]) {
    let mut last_end = 0;
    for m in matches {
        assert_range(text, &m.range, "a match");
        assert!(m.range.start < m.range.end, "empty match {:?}", m.range);
        assert!(
            m.range.start >= last_end,
            "match {:?} overlaps the one before (ending at {last_end})",
            m.range
        );
        if let Some(article) = &m.article {
            assert_range(text, article, "an article");
            assert!(
                article.end <= m.range.start,
                "article {article:?} after its match {:?}",
                m.range
            );
        }
        last_end = m.range.end;
    }
}

/// Checks the findings of [`reframe::scan::check::check_text`] on `text` (base 0): the matched words as written.
pub fn check_text_findings(text: &str, findings: &[Finding]) {
    for f in findings {
        assert_eq!(f.location, None);
        check_finding_in(f, text, f.bytes.clone(), f.replace.clone());
        assert_eq!(f.text, text[f.bytes.clone()], "the finding's text");
    }
}

/// The bytes `text` is in the file, in `encoding`.
fn encode(text: &str, encoding: Encoding) -> Vec<u8> {
    match encoding {
        Encoding::Utf8 => text.as_bytes().to_vec(),
        Encoding::Utf16Le => text.encode_utf16().flat_map(u16::to_le_bytes).collect(),
        Encoding::Utf16Be => text.encode_utf16().flat_map(u16::to_be_bytes).collect(),
        Encoding::Windows1252 => {
            let (bytes, _, unmappable) = encoding_rs::WINDOWS_1252.encode(text);
            assert!(!unmappable, "Windows-1252 text that does not encode back");
            bytes.into_owned()
        }
    }
}

/// For a file decoded into `original`: the file offset of each char boundary of `original` (ascending), beside
/// the boundary.
fn boundaries(original: &str, encoding: Encoding, base: usize) -> Vec<(usize, usize)> {
    let mut at = base;
    let mut out = Vec::with_capacity(original.len() + 1);
    for (i, c) in original.char_indices() {
        out.push((at, i));
        at += match encoding {
            Encoding::Utf8 => c.len_utf8(),
            Encoding::Utf16Le | Encoding::Utf16Be => 2 * c.len_utf16(),
            Encoding::Windows1252 => 1,
        };
    }
    out.push((at, original.len()));
    out
}

fn text_offset(table: &[(usize, usize)], file_offset: usize, what: &str) -> usize {
    match table.binary_search_by_key(&file_offset, |&(f, _)| f) {
        Ok(i) => table[i].1,
        Err(_) => panic!("{what}: file offset {file_offset} is not the start of a character"),
    }
}

/// Reads `bytes` as `format` as `reframe check` does, and checks the findings under both quote policies.
pub fn check_format(bytes: &[u8], format: Format) {
    let (rules, matcher) = defaults();
    let limits = Limits::default();
    let Ok(document) = source::read(bytes.to_vec(), format, &limits) else {
        return;
    };
    for quotes in [QuotePolicy::Skip, QuotePolicy::Info] {
        let options = CheckOptions {
            format,
            quotes,
            limits,
        };
        let (findings, _notes) = check_document_with_notes(&document, &options, matcher, rules);
        check_document_findings(bytes, format, &document, &findings);
    }
}

/// Checks findings of `document`, read from `file` as `format`.
pub fn check_document_findings(
    file: &[u8],
    format: Format,
    document: &Document,
    findings: &[Finding],
) {
    let mut last = 0;
    match &document.original {
        Some(original) => {
            assert!(format.is_textual());
            let table = boundaries(original, document.encoding, document.base);
            for f in findings {
                assert_eq!(f.location, None, "a location in a text file");
                assert!(f.bytes.start >= last, "findings out of order");
                last = f.bytes.start;
                assert!(
                    f.bytes.start <= f.bytes.end && f.bytes.end <= file.len(),
                    "byte range {:?} is not within the file ({} bytes)",
                    f.bytes,
                    file.len()
                );
                let phrase = text_offset(&table, f.bytes.start, "finding start")
                    ..text_offset(&table, f.bytes.end, "finding end");
                let replace = text_offset(&table, f.replace.start, "fix start")
                    ..text_offset(&table, f.replace.end, "fix end");
                check_finding_in(f, original, phrase.clone(), replace);
                // The file's bytes there are the words found, in the file's encoding.
                assert_eq!(
                    &file[f.bytes.clone()],
                    encode(&original[phrase.clone()], document.encoding).as_slice(),
                    "the file's bytes at {:?} are not the finding's text ({:?} in {:?})",
                    f.bytes,
                    &original[phrase.clone()],
                    document.encoding
                );
                if format == Format::Text {
                    assert_eq!(f.text, original[phrase], "the finding's text");
                }
            }
        }
        None => {
            assert!(!format.is_textual());
            for f in findings {
                let location = f
                    .location
                    .as_deref()
                    .expect("a document finding's location");
                let mut candidates = document
                    .segments
                    .iter()
                    .filter(|s| s.location.as_deref() == Some(location))
                    .peekable();
                assert!(candidates.peek().is_some(), "no segment at {location:?}");
                let segment = candidates
                    .find(|s| {
                        s.text.get(f.bytes.clone()).is_some()
                            && s.text.get(f.replace.clone()).is_some()
                    })
                    .unwrap_or_else(|| {
                        panic!("{:?} is not a range of the text at {location:?}", f.bytes)
                    });
                check_finding_in(f, &segment.text, f.bytes.clone(), f.replace.clone());
                assert_eq!(f.text, segment.text[f.bytes.clone()], "the finding's text");
            }
        }
    }
}

/// Checks that an error located in `source` (shown as `path`) points at a line and column of it.
pub fn check_located_error(error: &LocatedError, source: &str, path: &Path) {
    if error.path != path.display().to_string() {
        return;
    }
    assert!(
        error.line >= 1 && error.column >= 1,
        "error at {}:{}",
        error.line,
        error.column
    );
    // The lines of the source by the same rule as positions, without their endings.
    let mut lines = Vec::new();
    let bytes = source.as_bytes();
    let mut start = 0;
    for (i, c) in source.char_indices() {
        if c == '\n' || (c == '\r' && bytes.get(i + 1) != Some(&b'\n')) {
            lines.push(&source[start..i]);
            start = i + 1;
        }
    }
    lines.push(&source[start..]);
    let Some(line) = lines.get(error.line - 1) else {
        panic!(
            "error on line {} of a source of {} lines: {}",
            error.line,
            lines.len(),
            error.message
        );
    };
    let line = line.strip_suffix('\r').unwrap_or(line);
    assert!(
        error.column <= line.chars().count() + 1,
        "error at column {} of a line of {} characters: {}",
        error.column,
        line.chars().count(),
        error.message
    );
    assert!(
        error.line_text.starts_with(line),
        "the error's line text {:?} is not line {} ({line:?})",
        error.line_text,
        error.line
    );
}
