//! `reframe fix`: applying the safe rewordings back into the file.
//!
//! Only rules marked `fix = "safe"` are applied, with their first suggestion as shaped for the match (casing and
//! article). Edits are applied back to front on the original bytes, so everything outside the replaced ranges
//! stays byte-identical (encoding, byte order mark, line endings). Files are written through a temporary file in
//! the same folder and renamed over the original, keeping its permissions, owner, group and extended attributes,
//! and only if the file has not changed since it was read (see [`write`]).

pub mod review;
pub mod write;

pub use write::{interrupt, remove_stale_temporaries, write_atomically};

use std::ops::Range;

use crate::rules::RuleSet;
use crate::scan::finding::{Finding, Replacement};
use crate::source::Encoding;

/// One replacement in a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edit {
    /// The bytes of the original file to replace.
    pub range: Range<usize>,
    /// The new text, exactly as written into the file.
    pub replacement: String,
    /// Index of the rule in [`RuleSet::rules`].
    pub rule: usize,
}

impl Edit {
    /// The edit that puts `wording` in place of the finding's phrase (and the article before it), keeping a line
    /// break that was inside the phrase.
    pub fn new(finding: &Finding, wording: &str) -> Edit {
        let Replacement { range, text } = finding.replacement_with(wording);
        Edit {
            range,
            replacement: text,
            rule: finding.rule,
        }
    }
}

/// A text file in UTF-16 or Windows-1252, decoded to UTF-8 to be fixed and encoded back in its own encoding.
///
/// Both encodings map each character to its own bytes, so encoding the fixed text back leaves every byte outside
/// the replaced phrases as it was; a file whose bytes do not survive decoding and encoding unchanged is refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Transcoded {
    /// The file's encoding.
    pub encoding: Encoding,
    /// The byte order mark the file starts with: empty for Windows-1252, unless a UTF-8 mark is followed by bytes that
    /// are not UTF-8 (the file is then read as Windows-1252 after the mark, and the mark is written back as it was).
    bom: Vec<u8>,
}

impl Transcoded {
    /// For a UTF-16 or Windows-1252 file, its text as UTF-8 and how to encode it back; `None` for UTF-8 files,
    /// which are fixed as they are.
    pub fn decode(original: &[u8]) -> Result<Option<(Vec<u8>, Transcoded)>, FixError> {
        let Ok((text, encoding, base)) = crate::source::decode(original) else {
            return Ok(None);
        };
        if encoding == Encoding::Utf8 {
            return Ok(None);
        }
        let transcoded = Transcoded {
            encoding,
            bom: original[..base].to_vec(),
        };
        if transcoded.encode(text.as_bytes())? != original {
            return Err(FixError::NotRoundTrip(encoding.name()));
        }
        Ok(Some((text.into_bytes(), transcoded)))
    }

    /// The fixed UTF-8 `text` in the file's own encoding, with its byte order mark.
    pub fn encode(&self, text: &[u8]) -> Result<Vec<u8>, FixError> {
        let text = String::from_utf8_lossy(text);
        let mut out = self.bom.clone();
        match self.encoding {
            Encoding::Utf8 => out.extend_from_slice(text.as_bytes()),
            Encoding::Utf16Le => out.extend(text.encode_utf16().flat_map(u16::to_le_bytes)),
            Encoding::Utf16Be => out.extend(text.encode_utf16().flat_map(u16::to_be_bytes)),
            Encoding::Windows1252 => {
                let (bytes, _, unmappable) = encoding_rs::WINDOWS_1252.encode(&text);
                if unmappable {
                    return Err(FixError::Unmappable(self.encoding.name()));
                }
                out.extend_from_slice(&bytes);
            }
        }
        Ok(out)
    }
}

/// Why a file could not be fixed.
#[derive(Debug, thiserror::Error)]
pub enum FixError {
    /// Decoding and encoding the file back would change bytes (invalid bytes in it, say); nothing was written.
    #[error(
        "not fixed: the file is {0} with bytes that would not survive being written back; nothing was written"
    )]
    NotRoundTrip(&'static str),
    /// A replacement has characters the file's encoding cannot hold; nothing was written.
    #[error(
        "not fixed: a rewording has characters that {0} cannot hold; save the file as UTF-8, or reword it yourself"
    )]
    Unmappable(&'static str),
    /// The file changed between reading and writing; nothing was written.
    #[error(
        "the file changed while it was being fixed; nothing was written, run reframe fix again"
    )]
    Changed,
    /// The run was interrupted (Ctrl-C, a kill) while the file was being written; nothing was written.
    #[error("not fixed: interrupted while writing; nothing was written")]
    Interrupted,
    /// The file is of a kind a fix does not write, or its attributes could not be kept.
    #[error(transparent)]
    Refused(#[from] write::Refusal),
    /// Reading or writing failed; the original file is untouched.
    #[error("could not write the fixed file (the original is untouched): {0}")]
    Io(#[from] std::io::Error),
}

/// The edits of the safe fixes among `findings` ([`Finding::is_safe_fix`]), without overlaps.
pub fn safe_edits(findings: &[Finding], rules: &RuleSet) -> Vec<Edit> {
    let mut edits: Vec<Edit> = Vec::new();
    for finding in findings {
        if !finding.is_safe_fix(&rules.rules[finding.rule]) {
            continue;
        }
        let Some(Replacement { range, text }) = finding.first_replacement() else {
            continue;
        };
        if edits
            .last()
            .is_some_and(|last| last.range.end > range.start)
        {
            continue;
        }
        edits.push(Edit {
            range,
            replacement: text,
            rule: finding.rule,
        });
    }
    edits
}

/// Applies `edits` (sorted, not overlapping) to the text's bytes, in one pass: the same bytes as applying them
/// back to front, in time linear in the text and the edits.
pub fn apply_edits(original: &[u8], edits: &[Edit]) -> Vec<u8> {
    let mut fixed = Vec::with_capacity(original.len());
    let mut at = 0;
    for edit in edits {
        fixed.extend_from_slice(&original[at..edit.range.start]);
        fixed.extend_from_slice(edit.replacement.as_bytes());
        at = edit.range.end;
    }
    fixed.extend_from_slice(&original[at..]);
    fixed
}

/// A unified diff of a fix, for `--diff`.
pub fn unified_diff(path: &str, original: &str, fixed: &str) -> String {
    similar::TextDiff::from_lines(original, fixed)
        .unified_diff()
        .context_radius(2)
        .header(&format!("a/{path}"), &format!("b/{path}"))
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::{PackSelection, RuleSet};
    use crate::scan::check::check_text;
    use crate::scan::matcher::Matcher;

    #[test]
    fn a_possessive_or_a_possible_finding_is_never_fixed_safely() {
        let rules = RuleSet::load(&PackSelection::default()).unwrap();
        let matcher = Matcher::new(&rules, &[]);
        let fixed = |text: &str| {
            let findings = check_text(text, 0, &matcher, &rules);
            String::from_utf8(apply_edits(text.as_bytes(), &safe_edits(&findings, &rules))).unwrap()
        };
        assert_eq!(
            fixed("The service users' forum met."),
            "The service users' forum met."
        );
        assert_eq!(
            fixed("The service users met."),
            "The people we support met."
        );
        assert_eq!(fixed("The client met us."), "The client met us.");
    }

    #[test]
    fn edits_apply_back_to_front_and_leave_other_bytes_alone() {
        let text = b"\xEF\xBB\xBFan addict\r\nand a service user\r\n";
        let edits = [
            Edit {
                range: 3..12,
                replacement: "a person who uses drugs".into(),
                rule: 0,
            },
            Edit {
                range: 20..32,
                replacement: "person we support".into(),
                rule: 1,
            },
        ];
        assert_eq!(
            apply_edits(text, &edits),
            b"\xEF\xBB\xBFa person who uses drugs\r\nand a person we support\r\n"
        );
    }

    #[test]
    fn writes_atomically_keeping_permissions_and_refuses_changed_files() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("note.txt");
        std::fs::write(&path, "old").unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).unwrap();
        write_atomically(&path, b"old", b"new", false).unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"new");
        assert_eq!(
            std::fs::metadata(&path).unwrap().permissions().mode() & 0o777,
            0o640
        );
        assert!(matches!(
            write_atomically(&path, b"old", b"newer", false),
            Err(FixError::Changed)
        ));
        assert_eq!(std::fs::read(&path).unwrap(), b"new");
        let leftovers: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(leftovers.len(), 1, "no temporary file is left behind");
    }
}
