//! Turning a file's bytes into the text to check, with the offset of that text in the file.
//!
//! This first version reads UTF-8 (with or without a byte order mark) and recognises binary files; other
//! encodings and document formats are reported as errors naming the file.

/// Files larger than this are not read (an error names the file), so memory stays bounded.
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// How many leading bytes are looked at to decide whether a file is binary.
const SNIFF_BYTES: usize = 8192;

/// The text of a file, ready to check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceText {
    /// The text.
    pub text: String,
    /// The byte offset of `text` in the file (3 after a UTF-8 byte order mark).
    pub base: usize,
}

/// Why a file's bytes could not be turned into text.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SourceError {
    /// The file looks like a binary file (it has NUL bytes near its start); it is skipped with a note.
    #[error("skipped: it looks like a binary file, not text")]
    Binary,
    /// The bytes are not valid UTF-8.
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
}

/// Decodes a file's bytes.
pub fn decode(bytes: Vec<u8>) -> Result<SourceText, SourceError> {
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(SourceError::TooLarge {
            size: bytes.len() as u64,
            limit: MAX_FILE_BYTES,
        });
    }
    let (body, base) = match bytes.strip_prefix(b"\xEF\xBB\xBF") {
        Some(_) => (bytes[3..].to_vec(), 3),
        None => (bytes, 0),
    };
    if body[..body.len().min(SNIFF_BYTES)].contains(&0) {
        return Err(SourceError::Binary);
    }
    match String::from_utf8(body) {
        Ok(text) => Ok(SourceText { text, base }),
        Err(e) => Err(SourceError::NotUtf8 {
            offset: base + e.utf8_error().valid_up_to(),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_a_utf8_bom_and_reports_its_offset() {
        let decoded = decode(b"\xEF\xBB\xBFservice user".to_vec()).unwrap();
        assert_eq!(
            decoded,
            SourceText {
                text: "service user".into(),
                base: 3
            }
        );
    }

    #[test]
    fn recognises_binary_and_invalid_text() {
        assert_eq!(
            decode(b"PK\x03\x04\x00\x00".to_vec()),
            Err(SourceError::Binary)
        );
        assert_eq!(
            decode(b"caf\xe9 au lait".to_vec()),
            Err(SourceError::NotUtf8 { offset: 3 })
        );
    }
}
