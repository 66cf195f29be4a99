//! Writing a fixed file in place of the original: atomically (a temporary file in the same folder, renamed over
//! it), keeping what is not the text — permissions, owner and group, extended attributes (POSIX ACLs among them)
//! — or refusing and leaving the original untouched.
//!
//! A symbolic link is written through: the file it points to is fixed and the link stays a link. A file with
//! more than one hard link, a read-only file, and anything but a regular file are refused.

use std::io::Write;
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};

use super::FixError;

/// Why a file is not written, before anything is.
#[derive(Debug, thiserror::Error)]
pub enum Refusal {
    /// Other names share the file: renaming over one would split them.
    #[error("not fixed: the file has {0} hard links, which a fix would split; nothing was written")]
    HardLinked(u64),
    /// Nobody may write the file.
    #[error("not fixed: the file is read-only; nothing was written")]
    ReadOnly,
    /// Not a regular file.
    #[error("not fixed: not a regular file; nothing was written")]
    NotAFile,
    /// Its owner, group or extended attributes could not be given to the new file.
    #[error("not fixed: {0} could not be kept; nothing was written")]
    Attributes(String),
}

/// The file a fix of `path` writes: `path` itself, or the file a symbolic link at `path` points to.
pub fn target_of(path: &Path) -> std::io::Result<PathBuf> {
    if std::fs::symlink_metadata(path)?.file_type().is_symlink() {
        std::fs::canonicalize(path)
    } else {
        Ok(path.to_path_buf())
    }
}

/// Writes `fixed` over `path` atomically, if the file still holds `original`, keeping its attributes.
pub fn write_atomically(path: &Path, original: &[u8], fixed: &[u8]) -> Result<(), FixError> {
    let target = target_of(path)?;
    let metadata = std::fs::metadata(&target)?;
    if !metadata.is_file() {
        return Err(Refusal::NotAFile.into());
    }
    if metadata.nlink() > 1 {
        return Err(Refusal::HardLinked(metadata.nlink()).into());
    }
    if metadata.mode() & 0o222 == 0 {
        return Err(Refusal::ReadOnly.into());
    }
    let folder = target
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let mut temp = tempfile::Builder::new()
        .prefix(".reframe-fix-")
        .tempfile_in(folder)?;
    temp.write_all(fixed)?;
    let file = temp.as_file();
    file.set_permissions(metadata.permissions())?;
    // The owner and group, where they differ from the new file's (a file shared with a group keeps its group).
    let made = file.metadata()?;
    if (made.uid(), made.gid()) != (metadata.uid(), metadata.gid()) {
        std::os::unix::fs::fchown(file, Some(metadata.uid()), Some(metadata.gid()))
            .map_err(|e| Refusal::Attributes(format!("the owner and group ({e})")))?;
    }
    copy_extended_attributes(&target, file)
        .map_err(|e| Refusal::Attributes(format!("the extended attributes ({e})")))?;
    file.sync_all()?;
    let now = crate::read::read_capped(&target, crate::source::MAX_FILE_BYTES)
        .map_err(std::io::Error::from)?;
    if now != original {
        return Err(FixError::Changed);
    }
    temp.persist(&target).map_err(|e| FixError::Io(e.error))?;
    Ok(())
}

/// Copies every extended attribute of `from` (user ones, security labels, POSIX ACLs) to `to`.
#[cfg(target_os = "linux")]
fn copy_extended_attributes(from: &Path, to: &std::fs::File) -> std::io::Result<()> {
    use std::ffi::CString;
    use std::os::fd::AsRawFd;
    use std::os::unix::ffi::OsStrExt;
    let path = CString::new(from.as_os_str().as_bytes())?;
    // SAFETY: every buffer passed is valid for the length given, and the path is NUL-terminated.
    let size = unsafe { libc::listxattr(path.as_ptr(), std::ptr::null_mut(), 0) };
    if size < 0 {
        let error = std::io::Error::last_os_error();
        // A file system without extended attributes has none to keep.
        return match error.raw_os_error() {
            Some(libc::ENOTSUP) => Ok(()),
            _ => Err(error),
        };
    }
    let mut names = vec![0u8; size as usize];
    // SAFETY: as above.
    let size = unsafe { libc::listxattr(path.as_ptr(), names.as_mut_ptr().cast(), names.len()) };
    if size < 0 {
        return Err(std::io::Error::last_os_error());
    }
    names.truncate(size as usize);
    for name in names.split(|b| *b == 0).filter(|n| !n.is_empty()) {
        let name = CString::new(name)?;
        // SAFETY: as above.
        let length =
            unsafe { libc::getxattr(path.as_ptr(), name.as_ptr(), std::ptr::null_mut(), 0) };
        if length < 0 {
            return Err(std::io::Error::last_os_error());
        }
        let mut value = vec![0u8; length as usize];
        // SAFETY: as above.
        let length = unsafe {
            libc::getxattr(
                path.as_ptr(),
                name.as_ptr(),
                value.as_mut_ptr().cast(),
                value.len(),
            )
        };
        if length < 0 {
            return Err(std::io::Error::last_os_error());
        }
        // SAFETY: the descriptor is open for the life of `to`; the buffers are valid for their lengths.
        let set = unsafe {
            libc::fsetxattr(
                to.as_raw_fd(),
                name.as_ptr(),
                value.as_ptr().cast(),
                length as usize,
                0,
            )
        };
        if set < 0 {
            return Err(std::io::Error::last_os_error());
        }
    }
    Ok(())
}

/// Other systems: extended attributes are not copied (the fix still keeps mode, owner and group).
#[cfg(not(target_os = "linux"))]
fn copy_extended_attributes(_from: &Path, _to: &std::fs::File) -> std::io::Result<()> {
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    fn note(dir: &Path) -> PathBuf {
        let path = dir.join("note.txt");
        std::fs::write(&path, "old").unwrap();
        path
    }

    #[test]
    fn a_symbolic_link_is_written_through_and_stays_a_link() {
        let dir = tempfile::tempdir().unwrap();
        let path = note(dir.path());
        let link = dir.path().join("link.txt");
        std::os::unix::fs::symlink(&path, &link).unwrap();
        write_atomically(&link, b"old", b"new").unwrap();
        assert!(
            std::fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(std::fs::read(&path).unwrap(), b"new");
    }

    #[test]
    fn hard_links_and_read_only_files_are_refused_untouched() {
        let dir = tempfile::tempdir().unwrap();
        let path = note(dir.path());
        std::fs::hard_link(&path, dir.path().join("other.txt")).unwrap();
        assert!(matches!(
            write_atomically(&path, b"old", b"new"),
            Err(FixError::Refused(Refusal::HardLinked(2)))
        ));
        assert_eq!(std::fs::read(&path).unwrap(), b"old");
        let dir = tempfile::tempdir().unwrap();
        let path = note(dir.path());
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o444)).unwrap();
        assert!(matches!(
            write_atomically(&path, b"old", b"new"),
            Err(FixError::Refused(Refusal::ReadOnly))
        ));
        assert_eq!(std::fs::read(&path).unwrap(), b"old");
        let leftovers = std::fs::read_dir(dir.path()).unwrap().count();
        assert_eq!(leftovers, 1, "no temporary file is left behind");
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn extended_attributes_are_kept() {
        use std::ffi::CString;
        use std::os::unix::ffi::OsStrExt;
        let dir = tempfile::tempdir().unwrap();
        let path = note(dir.path());
        let c_path = CString::new(path.as_os_str().as_bytes()).unwrap();
        let name = CString::new("user.reframe-test").unwrap();
        // SAFETY: valid NUL-terminated strings and a buffer valid for its length.
        let set = unsafe {
            libc::setxattr(
                c_path.as_ptr(),
                name.as_ptr(),
                b"kept".as_ptr().cast(),
                4,
                0,
            )
        };
        // A file system without user extended attributes (some tmpfs) has nothing to keep.
        if set != 0 {
            return;
        }
        write_atomically(&path, b"old", b"new").unwrap();
        let mut value = [0u8; 16];
        // SAFETY: as above.
        let length = unsafe {
            libc::getxattr(
                c_path.as_ptr(),
                name.as_ptr(),
                value.as_mut_ptr().cast(),
                value.len(),
            )
        };
        assert_eq!(&value[..length.max(0) as usize], b"kept");
        assert_eq!(std::fs::read(&path).unwrap(), b"new");
    }
}
