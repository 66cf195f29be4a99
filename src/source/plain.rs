//! Plain text in the encodings people's files come in: UTF-8 with or without a byte order mark, UTF-16 (little
//! or big endian) with a byte order mark, and Windows-1252 (what older Windows programs save, with curly quotes
//! as the bytes 0x91–0x94). Decoding never fails: bytes that are not valid UTF-8 make the file Windows-1252, and
//! invalid UTF-16 becomes U+FFFD. Columns count characters of the decoded text.

use super::{Document, OffsetMap, Segment, SourceError, Suppression, suppress};

/// How many leading bytes are looked at to decide whether a file is binary.
const SNIFF_BYTES: usize = 8192;

/// The encoding a text file was read in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Encoding {
    /// UTF-8 (with or without a byte order mark).
    #[default]
    Utf8,
    /// UTF-16, little endian, with a byte order mark.
    Utf16Le,
    /// UTF-16, big endian, with a byte order mark.
    Utf16Be,
    /// Windows-1252 (a file that is not valid UTF-8).
    Windows1252,
}

impl Encoding {
    /// The byte offset in the file of byte `offset` of the decoded `text`, whose first character is at byte
    /// `base` of the file.
    pub fn file_offset(self, text: &str, base: usize, offset: usize) -> usize {
        let prefix = &text[..offset];
        base + match self {
            Encoding::Utf8 => offset,
            Encoding::Utf16Le | Encoding::Utf16Be => 2 * prefix.encode_utf16().count(),
            Encoding::Windows1252 => prefix.chars().count(),
        }
    }

    /// Like [`Encoding::file_offset`] for many offsets at once, in one pass over the text: returns a function
    /// from each of `offsets` to its byte offset in the file.
    pub fn file_offsets(
        self,
        text: &str,
        base: usize,
        offsets: &[usize],
    ) -> impl Fn(usize) -> usize + use<> {
        let mut sorted = offsets.to_vec();
        sorted.sort_unstable();
        sorted.dedup();
        let mut mapped = Vec::with_capacity(sorted.len());
        let (mut from, mut units) = (0, 0);
        for &offset in &sorted {
            let between = &text[from..offset];
            units += match self {
                Encoding::Utf8 => between.len(),
                Encoding::Utf16Le | Encoding::Utf16Be => 2 * between.encode_utf16().count(),
                Encoding::Windows1252 => between.chars().count(),
            };
            from = offset;
            mapped.push(base + units);
        }
        move |offset| match sorted.binary_search(&offset) {
            Ok(i) => mapped[i],
            Err(_) => base + offset,
        }
    }

    /// The encoding's name, as people know it.
    pub fn name(self) -> &'static str {
        match self {
            Encoding::Utf8 => "UTF-8",
            Encoding::Utf16Le => "UTF-16LE",
            Encoding::Utf16Be => "UTF-16BE",
            Encoding::Windows1252 => "Windows-1252",
        }
    }
}

/// Decodes a text file: the text, its encoding, and the byte offset of the text in the file (after a byte order
/// mark).
pub fn decode(bytes: &[u8]) -> Result<(String, Encoding, usize), SourceError> {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        // Invalid bytes after the mark make the file Windows-1252, as without one: replacing them with U+FFFD
        // would make the text longer than the file, and byte offsets would then point past what was found.
        return Ok(match std::str::from_utf8(rest) {
            Ok(text) => (text.to_string(), Encoding::Utf8, 3),
            Err(_) => {
                let (text, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(rest);
                (text.into_owned(), Encoding::Windows1252, 3)
            }
        });
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        let (text, _) = encoding_rs::UTF_16LE.decode_without_bom_handling(rest);
        return Ok((text.into_owned(), Encoding::Utf16Le, 2));
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        let (text, _) = encoding_rs::UTF_16BE.decode_without_bom_handling(rest);
        return Ok((text.into_owned(), Encoding::Utf16Be, 2));
    }
    if bytes[..bytes.len().min(SNIFF_BYTES)].contains(&0) {
        return Err(SourceError::Binary);
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok((text.to_string(), Encoding::Utf8, 0)),
        Err(_) => {
            let (text, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(bytes);
            Ok((text.into_owned(), Encoding::Windows1252, 0))
        }
    }
}

/// Reads a plain text file: the whole text is one segment. A line `reframe-disable-next-line [ids]` silences the
/// line after it.
pub fn read(bytes: Vec<u8>) -> Result<Document, SourceError> {
    let (text, encoding, base) = decode(&bytes)?;
    let mut map = OffsetMap::default();
    map.verbatim(0, 0, text.len());
    let mut suppressions = Vec::new();
    // The directive lines themselves are not checked ("service-user" in one is not a finding): they are blanked
    // in the matcher's copy, byte for byte, so offsets stay the same.
    let mut checked = text.clone();
    let mut offset = 0;
    let mut lines = text.split_inclusive('\n').peekable();
    while let Some(line) = lines.next() {
        let start = offset;
        offset += line.len();
        let trimmed = line.trim();
        let Some((kind, rules)) = suppress::directive(trimmed) else {
            continue;
        };
        if kind != suppress::Kind::NextLine {
            continue;
        }
        let blank: String = line
            .trim_end_matches(['\r', '\n'])
            .chars()
            .map(|c| " ".repeat(c.len_utf8()))
            .collect();
        checked.replace_range(start..start + blank.len(), &blank);
        let next = lines.peek().map_or(0, |l| l.len());
        suppressions.push(Suppression {
            range: offset..offset + next,
            rules,
            comment: start..start + line.trim_end().len(),
        });
    }
    Ok(Document {
        segments: vec![Segment {
            text: checked,
            map,
            location: None,
            suppressions,
            word_lists: Vec::new(),
        }],
        original: Some(text),
        encoding,
        base,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_every_encoding_people_save_in() {
        let utf16le: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain(
                "caf\u{e9} \u{201C}x\u{201D}"
                    .encode_utf16()
                    .flat_map(u16::to_le_bytes),
            )
            .collect();
        let utf16be: Vec<u8> = [0xFE, 0xFF]
            .into_iter()
            .chain("caf\u{e9}".encode_utf16().flat_map(u16::to_be_bytes))
            .collect();
        let cases: [(&[u8], &str, Encoding, usize); 5] = [
            (b"plain", "plain", Encoding::Utf8, 0),
            (b"\xEF\xBB\xBFbom", "bom", Encoding::Utf8, 3),
            (
                &utf16le,
                "caf\u{e9} \u{201C}x\u{201D}",
                Encoding::Utf16Le,
                2,
            ),
            (&utf16be, "caf\u{e9}", Encoding::Utf16Be, 2),
            (
                b"caf\xe9 \x93quoted\x94 don\x92t",
                "caf\u{e9} \u{201C}quoted\u{201D} don\u{2019}t",
                Encoding::Windows1252,
                0,
            ),
        ];
        for (bytes, text, encoding, base) in cases {
            assert_eq!(decode(bytes).unwrap(), (text.to_string(), encoding, base));
        }
    }

    #[test]
    fn maps_decoded_offsets_to_file_bytes() {
        let text = "caf\u{e9} user";
        let at = text.find("user").unwrap();
        assert_eq!(Encoding::Utf8.file_offset(text, 3, at), 3 + 6);
        assert_eq!(Encoding::Utf16Le.file_offset(text, 2, at), 2 + 10);
        assert_eq!(Encoding::Windows1252.file_offset(text, 0, at), 5);
        let many = Encoding::Utf16Le.file_offsets(text, 2, &[at, 0, text.len()]);
        assert_eq!((many(0), many(at), many(text.len())), (2, 12, 20));
    }

    #[test]
    fn never_panics_on_broken_bytes() {
        assert!(decode(b"\xFF\xFE\x00").is_ok()); // odd-length UTF-16
        assert!(decode(b"\xFF\xFE\x00\xD8").is_ok()); // lone surrogate
        assert!(decode(b"\x81\x8d\x8f\x90\x9d").is_ok()); // bytes Windows-1252 leaves undefined
        assert_eq!(decode(b"PK\x03\x04\x00\x00"), Err(SourceError::Binary));
    }

    #[test]
    fn invalid_bytes_after_a_byte_order_mark_keep_offsets_in_the_file() {
        // Found by fuzzing: each invalid byte became a three-byte U+FFFD, so offsets after it were past the file.
        let bytes = b"\xEF\xBB\xBFwheelch\x9f\x96\x8d\xd2bound user";
        let (text, encoding, base) = decode(bytes).unwrap();
        assert_eq!((encoding, base), (Encoding::Windows1252, 3));
        let at = text.find("user").unwrap();
        let in_file = encoding.file_offset(&text, base, at);
        assert_eq!(&bytes[in_file..in_file + 4], b"user");
    }
}
