//! Reading parts out of a document's zip archive within limits: the total unpacked size, and the ratio of
//! unpacked to packed size (a zip bomb unpacks a few kilobytes into gigabytes).

use std::io::{Cursor, Read};

use zip::ZipArchive;
use zip::result::ZipError;

use super::{Limits, SourceError};

/// The first bytes of an OLE compound file: an encrypted Office document, or an old binary .doc.
const COMPOUND_FILE: &[u8] = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";

/// Parts smaller than this are never called a zip bomb, however well they compress.
const SMALL_PART: u64 = 1024 * 1024;

fn error(message: impl Into<String>) -> SourceError {
    SourceError::Document(message.into())
}

/// A document's archive, opened.
pub(super) struct Archive<'a> {
    zip: ZipArchive<Cursor<&'a [u8]>>,
    limits: Limits,
    unpacked: u64,
}

impl<'a> Archive<'a> {
    /// Opens the archive of a document of kind `kind` ("Word document").
    pub(super) fn open(bytes: &'a [u8], limits: &Limits, kind: &str) -> Result<Self, SourceError> {
        if bytes.starts_with(COMPOUND_FILE) {
            return Err(error(format!(
                "it is encrypted (password-protected), or an old binary format, not a {kind}; \
                 save it without a password in the current format to check it"
            )));
        }
        let zip = ZipArchive::new(Cursor::new(bytes)).map_err(|e| {
            error(format!(
                "not a valid {kind}: it may be damaged or cut short ({e})"
            ))
        })?;
        Ok(Archive {
            zip,
            limits: *limits,
            unpacked: 0,
        })
    }

    /// The names of the archive's parts.
    pub(super) fn names(&self) -> Vec<String> {
        self.zip.file_names().map(str::to_string).collect()
    }

    /// The text of part `name`, or `None` if there is no such part.
    pub(super) fn part(&mut self, name: &str) -> Result<Option<String>, SourceError> {
        let mut file = match self.zip.by_name(name) {
            Ok(file) => file,
            Err(ZipError::FileNotFound) => return Ok(None),
            Err(ZipError::UnsupportedArchive(m)) if m.to_lowercase().contains("password") => {
                return Err(error(
                    "it is encrypted (password-protected); save it without a password to check it",
                ));
            }
            Err(e) => return Err(error(format!("damaged: could not unpack {name} ({e})"))),
        };
        if file.encrypted() {
            return Err(error(
                "it is encrypted (password-protected); save it without a password to check it",
            ));
        }
        let size = file.size();
        let packed = file.compressed_size().max(1);
        if size > SMALL_PART && size / packed > self.limits.max_ratio {
            return Err(error(format!(
                "looks like a zip bomb: {name} would unpack {size} bytes from {packed} \
                 (more than {} times its packed size); not read",
                self.limits.max_ratio
            )));
        }
        let room = self.limits.max_unpacked.saturating_sub(self.unpacked);
        let too_big = || {
            error(format!(
                "too large unpacked: more than {} bytes; not read, to keep memory bounded",
                self.limits.max_unpacked
            ))
        };
        if size > room {
            return Err(too_big());
        }
        let mut bytes = Vec::with_capacity(size.min(room) as usize);
        // The sizes in a zip can lie: read no more than the room left, whatever they say.
        (&mut file)
            .take(room + 1)
            .read_to_end(&mut bytes)
            .map_err(|e| error(format!("damaged: could not unpack {name} ({e})")))?;
        if bytes.len() as u64 > room {
            return Err(too_big());
        }
        self.unpacked += bytes.len() as u64;
        String::from_utf8(bytes)
            .map(Some)
            .map_err(|_| error(format!("damaged: its part {name} is not UTF-8 XML")))
    }
}
