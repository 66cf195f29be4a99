//! Bounded reads of regular files: what every document, rule pack, configuration file and baseline goes through.
//!
//! Only regular files are read (a device such as `/dev/zero`, a FIFO or a socket gets a clear error instead of
//! an endless read or a hang), and never more than a cap, whatever length the file system reports.

use std::io::{self, Read};
use std::path::Path;

/// The most bytes read from a rule pack.
pub const MAX_PACK_BYTES: u64 = 4 * 1024 * 1024;
/// The most bytes read from a configuration file.
pub const MAX_CONFIG_BYTES: u64 = 1024 * 1024;
/// The most bytes read from a baseline file.
pub const MAX_BASELINE_BYTES: u64 = 64 * 1024 * 1024;

/// Why a file was not read.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    /// Not a regular file: a device, FIFO, socket or folder.
    #[error("not a regular file (a {0}); only regular files are read")]
    NotAFile(&'static str),
    /// Over the cap for its kind.
    #[error("too large to read ({size} bytes or more; the limit is {limit} bytes)")]
    TooLarge {
        /// How many bytes were seen (the cap plus one at least).
        size: u64,
        /// The cap.
        limit: u64,
    },
    /// The file system refused.
    #[error("{0}")]
    Io(#[from] io::Error),
}

impl From<ReadError> for io::Error {
    fn from(error: ReadError) -> io::Error {
        match error {
            ReadError::Io(e) => e,
            other => io::Error::other(other.to_string()),
        }
    }
}

/// What kind of file system entry `path` is, in words, when it is not a regular file.
fn not_a_file(metadata: &std::fs::Metadata) -> Option<&'static str> {
    use std::os::unix::fs::FileTypeExt;
    let kind = metadata.file_type();
    if kind.is_file() {
        None
    } else if kind.is_dir() {
        Some("folder")
    } else if kind.is_fifo() {
        Some("FIFO")
    } else if kind.is_socket() {
        Some("socket")
    } else if kind.is_char_device() || kind.is_block_device() {
        Some("device")
    } else {
        Some("special file")
    }
}

/// The bytes of the regular file at `path` (symbolic links followed), at most `limit` of them.
pub fn read_capped(path: &Path, limit: u64) -> Result<Vec<u8>, ReadError> {
    // Checked before opening: opening a FIFO with no writer would wait for ever.
    if let Some(kind) = not_a_file(&std::fs::metadata(path)?) {
        return Err(ReadError::NotAFile(kind));
    }
    let file = std::fs::File::open(path)?;
    // And again on what was opened, in case the path changed in between.
    if let Some(kind) = not_a_file(&file.metadata()?) {
        return Err(ReadError::NotAFile(kind));
    }
    let mut bytes = Vec::new();
    file.take(limit + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > limit {
        return Err(ReadError::TooLarge {
            size: bytes.len() as u64,
            limit,
        });
    }
    Ok(bytes)
}

/// [`read_capped`] as UTF-8 text.
pub fn read_text_capped(path: &Path, limit: u64) -> Result<String, ReadError> {
    String::from_utf8(read_capped(path, limit)?).map_err(|_| {
        ReadError::Io(io::Error::new(
            io::ErrorKind::InvalidData,
            "stream did not contain valid UTF-8",
        ))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn devices_fifos_and_folders_are_refused_and_reads_are_capped() {
        assert!(matches!(
            read_capped(Path::new("/dev/zero"), 10),
            Err(ReadError::NotAFile("device"))
        ));
        let dir = tempfile::tempdir().unwrap();
        assert!(matches!(
            read_capped(dir.path(), 10),
            Err(ReadError::NotAFile("folder"))
        ));
        let fifo = dir.path().join("fifo");
        let status = std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap();
        assert!(status.success());
        // No writer: opening it would hang, so it is never opened.
        assert!(matches!(
            read_capped(&fifo, 10),
            Err(ReadError::NotAFile("FIFO"))
        ));
        let file = dir.path().join("note.txt");
        std::fs::write(&file, "0123456789ab").unwrap();
        assert!(matches!(
            read_capped(&file, 10),
            Err(ReadError::TooLarge {
                size: 11,
                limit: 10
            })
        ));
        assert_eq!(read_capped(&file, 12).unwrap(), b"0123456789ab");
        let link = dir.path().join("link");
        std::os::unix::fs::symlink("/dev/zero", &link).unwrap();
        assert!(matches!(
            read_capped(&link, 10),
            Err(ReadError::NotAFile("device"))
        ));
    }
}
