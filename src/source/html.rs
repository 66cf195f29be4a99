//! HTML: the visible text, and the `alt` and `title` attributes, with positions in the source file.
//!
//! Tags between words join them (`<b>service</b> user` is found); block elements (paragraphs, headings, list
//! items, table cells, ...) separate them. `<script>` and `<style>` are skipped, entities are decoded, and comments
//! are not checked, except `<!-- reframe-disable [ids] -->`, `<!-- reframe-enable -->` and
//! `<!-- reframe-disable-next-line [ids] -->`, which silence findings.

use std::ops::Range;

use super::markdown::{Builder, Suppressions};
use super::{Document, SourceError, plain};

/// Elements that start a new block of text.
const BLOCKS: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "body",
    "br",
    "caption",
    "dd",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "head",
    "header",
    "hr",
    "html",
    "li",
    "main",
    "nav",
    "ol",
    "option",
    "p",
    "pre",
    "section",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "title",
    "tr",
    "ul",
];

/// Elements whose content is not text to read.
const RAW: &[&str] = &["script", "style"];

/// Where `needle` (lower-case ASCII) first occurs in `haystack`, in any ASCII case: no copy of the haystack, so a
/// file with many `<script>` elements is read in linear time.
fn find_ignoring_ascii_case(haystack: &str, needle: &str) -> Option<usize> {
    let (hay, needle) = (haystack.as_bytes(), needle.as_bytes());
    let first = *needle.first()?;
    (0..hay.len().saturating_sub(needle.len() - 1))
        .find(|&i| hay[i] == first && hay[i..i + needle.len()].eq_ignore_ascii_case(needle))
}

/// Reads an HTML file.
pub fn read(bytes: Vec<u8>) -> Result<Document, SourceError> {
    let (source, encoding, base) = plain::decode(&bytes)?;
    let mut out = Builder::default();
    let mut suppressions = Suppressions::default();
    let bytes = source.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let rest = &source[i..];
        if let Some(inner) = rest.strip_prefix("<!--") {
            let end = inner.find("-->").map_or(source.len(), |e| i + 4 + e + 3);
            suppressions.comment(&source[i..end], i..end, out.segment.text.len());
            i = end;
            continue;
        }
        let is_tag = rest.starts_with('<')
            && rest[1..]
                .chars()
                .next()
                .is_some_and(|c| c.is_ascii_alphabetic() || c == '/' || c == '!' || c == '?');
        if is_tag {
            let end = tag_end(&source, i);
            let tag = &source[i..end];
            let name: String = tag[1..]
                .trim_start_matches('/')
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric())
                .collect::<String>()
                .to_ascii_lowercase();
            let closing = tag.starts_with("</");
            if BLOCKS.contains(&name.as_str()) {
                out.block_break(i);
            }
            if !closing {
                for value in attribute_values(&source, i..end, &["alt", "title"]) {
                    out.block_break(value.start);
                    text(&mut out, &source, value.clone());
                    out.block_break(value.end);
                }
            }
            i = end;
            if !closing && RAW.contains(&name.as_str()) {
                let close = format!("</{name}");
                i = find_ignoring_ascii_case(&source[i..], &close).map_or(source.len(), |e| i + e);
            }
            continue;
        }
        let first = rest.chars().next().map_or(1, char::len_utf8);
        let end = rest[first..]
            .find('<')
            .map_or(source.len(), |e| i + first + e);
        text(&mut out, &source, i..end);
        i = end;
    }
    let mut segment = out.segment;
    segment.suppressions = suppressions.finish(&segment, &source);
    Ok(Document {
        original: Some(source),
        encoding,
        base,
        segments: vec![segment],
    })
}

/// The end of the tag starting at `start` (one past its `>`), with quoted attribute values skipped.
fn tag_end(source: &str, start: usize) -> usize {
    let mut quote: Option<u8> = None;
    for (i, &b) in source.as_bytes()[start..].iter().enumerate() {
        match (quote, b) {
            (Some(q), _) if b == q => quote = None,
            (Some(_), _) => {}
            (None, b'"' | b'\'') => quote = Some(b),
            (None, b'>') => return start + i + 1,
            _ => {}
        }
    }
    source.len()
}

/// The source ranges of the values of the attributes `names` in the tag at `tag`.
fn attribute_values(source: &str, tag: Range<usize>, names: &[&str]) -> Vec<Range<usize>> {
    let bytes = source.as_bytes();
    let mut found = Vec::new();
    let mut i = tag.start + 1;
    while i < tag.end && !bytes[i].is_ascii_whitespace() && bytes[i] != b'>' {
        i += 1;
    }
    loop {
        while i < tag.end && (bytes[i].is_ascii_whitespace() || bytes[i] == b'/') {
            i += 1;
        }
        if i >= tag.end || bytes[i] == b'>' {
            return found;
        }
        let name_start = i;
        while i < tag.end
            && !matches!(bytes[i], b'=' | b'>' | b'/')
            && !bytes[i].is_ascii_whitespace()
        {
            i += 1;
        }
        let name = source[name_start..i].to_ascii_lowercase();
        while i < tag.end && bytes[i].is_ascii_whitespace() {
            i += 1;
        }
        if i >= tag.end || bytes[i] != b'=' {
            continue;
        }
        i += 1;
        while i < tag.end && bytes[i].is_ascii_whitespace() {
            i += 1;
        }
        let value = if i < tag.end && matches!(bytes[i], b'"' | b'\'') {
            let q = bytes[i];
            let start = i + 1;
            let end = source[start..tag.end]
                .bytes()
                .position(|b| b == q)
                .map_or(tag.end, |e| start + e);
            i = (end + 1).min(tag.end);
            start..end
        } else {
            let start = i;
            while i < tag.end && !bytes[i].is_ascii_whitespace() && bytes[i] != b'>' {
                i += 1;
            }
            start..i
        };
        if names.contains(&name.as_str()) {
            found.push(value);
        }
    }
}

/// Appends the text at `range` of the source with its entities decoded.
fn text(out: &mut Builder, source: &str, range: Range<usize>) {
    let mut verbatim_from = range.start;
    let mut i = range.start;
    while i < range.end {
        if source.as_bytes()[i] == b'&'
            && let Some((decoded, len)) = entity(&source[i..range.end])
        {
            out.verbatim(&source[verbatim_from..i], verbatim_from);
            let mut buf = [0; 4];
            out.replaced(decoded.encode_utf8(&mut buf), i..i + len);
            i += len;
            verbatim_from = i;
            continue;
        }
        i += 1;
    }
    out.verbatim(&source[verbatim_from..range.end], verbatim_from);
}

/// The character an entity at the start of `text` stands for, and the entity's length.
fn entity(text: &str) -> Option<(char, usize)> {
    let end = text[1..].find(';').filter(|&e| e <= 32)? + 1;
    let name = &text[1..end];
    let c = if let Some(number) = name.strip_prefix('#') {
        let code = match number.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => number.parse().ok()?,
        };
        char::from_u32(code).filter(|&c| c != '\0')?
    } else {
        match name {
            "amp" => '&',
            "lt" => '<',
            "gt" => '>',
            "quot" => '"',
            "apos" => '\'',
            "nbsp" => '\u{A0}',
            "lsquo" => '\u{2018}',
            "rsquo" => '\u{2019}',
            "ldquo" => '\u{201C}',
            "rdquo" => '\u{201D}',
            "ndash" => '\u{2013}',
            "mdash" => '\u{2014}',
            "hellip" => '\u{2026}',
            "shy" => '\u{AD}',
            _ => return None,
        }
    };
    Some((c, end + 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_closing_tag_is_found_in_any_case() {
        assert_eq!(
            find_ignoring_ascii_case("var x;</SCRIPT>", "</script"),
            Some(6)
        );
        assert_eq!(find_ignoring_ascii_case("</Script", "</script"), Some(0));
        assert_eq!(find_ignoring_ascii_case("</scrip", "</script"), None);
        assert_eq!(find_ignoring_ascii_case("é</style>", "</style"), Some(2));
    }
    use crate::source::{BLOCK_BREAK, SEPARATOR};

    fn visible(html: &str) -> String {
        let doc = read(html.as_bytes().to_vec()).unwrap();
        doc.segments[0]
            .text
            .replace(BLOCK_BREAK, "|")
            .replace(SEPARATOR, "#")
    }

    #[test]
    fn reads_visible_text_and_alt_and_title_attributes() {
        let html = "<html><head><style>p { service: user }</style><script>var service_user = \"service user\";</script>\
                    </head><body><p>A <b>service</b>&nbsp;user &amp; a <img src=\"x.png\" alt='hard to reach'> \
                    <a href=\"/service-user\" title=\"chaotic\">link</a></p><!-- service user --></body></html>";
        assert_eq!(
            visible(html),
            "A service\u{A0}user & a |hard to reach| |chaotic|link|"
        );
    }

    #[test]
    fn maps_decoded_text_back_to_the_source() {
        let html = "<p>service&#32;user</p>";
        let doc = read(html.as_bytes().to_vec()).unwrap();
        let seg = &doc.segments[0];
        let at = seg.text.find("service user").unwrap();
        let range = seg.map.original_range(at..at + "service user".len());
        assert_eq!(&html[range], "service&#32;user");
    }
}
