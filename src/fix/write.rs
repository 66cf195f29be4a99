//! Writing a fixed file in place of the original: atomically (a temporary file in the same folder, renamed over
//! it), keeping what is not the text — permissions, owner and group, extended attributes (POSIX ACLs among them)
//! — or refusing and leaving the original untouched.
//!
//! A symbolic link is written through: the file it points to is fixed and the link stays a link. A file with
//! more than one hard link (unless forced: then, as with `sed -i`, this name gets the fixed text and the other
//! names keep the old), a read-only file, and anything but a regular file are refused.
//!
//! The temporary file is named `.reframe-fix-<process id>-<random>`. Ctrl-C or a kill (SIGINT, SIGTERM, SIGHUP)
//! while it is being written removes it and leaves the original as it was ([`interrupt`]); one left by a process
//! that could not clean up (SIGKILL, a power cut) is found and removed by the next fix in that folder
//! ([`remove_stale_temporaries`]).

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

/// The start of the name of every temporary file a fix writes.
pub const TEMPORARY_PREFIX: &str = ".reframe-fix-";

/// A temporary file without a process id in its name (written by an older reframe) is stale after this long.
const STALE_AFTER: std::time::Duration = std::time::Duration::from_secs(3600);

/// Removes the temporary files an interrupted fix left in `folder`: those of a process that is no longer running
/// (and those without a process id in the name, an hour old). Gives the paths removed.
pub fn remove_stale_temporaries(folder: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(folder) else {
        return Vec::new();
    };
    let mut removed = Vec::new();
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(rest) = name.to_str().and_then(|n| n.strip_prefix(TEMPORARY_PREFIX)) else {
            continue;
        };
        let Ok(metadata) = entry.path().symlink_metadata() else {
            continue;
        };
        if !metadata.is_file() {
            continue;
        }
        let stale = match rest.split_once('-').map(|(pid, _)| pid.parse::<u32>()) {
            Some(Ok(pid)) => pid != std::process::id() && !process_is_running(pid),
            _ => metadata
                .modified()
                .ok()
                .and_then(|m| m.elapsed().ok())
                .is_some_and(|age| age > STALE_AFTER),
        };
        if stale && std::fs::remove_file(entry.path()).is_ok() {
            removed.push(entry.path());
        }
    }
    removed.sort();
    removed
}

/// Whether a process with this id is running (on this machine, as any user).
#[cfg(unix)]
fn process_is_running(pid: u32) -> bool {
    let Ok(pid) = libc::pid_t::try_from(pid) else {
        return false;
    };
    // SAFETY: signal 0 checks that the process exists and sends nothing.
    let alive = unsafe { libc::kill(pid, 0) } == 0;
    alive || std::io::Error::last_os_error().raw_os_error() != Some(libc::ESRCH)
}

#[cfg(not(unix))]
fn process_is_running(_pid: u32) -> bool {
    true
}

/// Ctrl-C and kills during a fix: a signal that arrives while a file is being written is held until the write is
/// finished or abandoned (the temporary file removed), so that no file is left half done and no temporary file is
/// left behind; at any other time it ends the process at once, as it would without reframe's handler.
pub mod interrupt {
    use std::sync::atomic::{AtomicBool, AtomicI32, Ordering};

    static WRITING: AtomicBool = AtomicBool::new(false);
    static RECEIVED: AtomicI32 = AtomicI32::new(0);

    #[cfg(unix)]
    extern "C" fn on_signal(signal: libc::c_int) {
        if WRITING.load(Ordering::SeqCst) {
            RECEIVED.store(signal, Ordering::SeqCst);
        } else {
            end_by(signal);
        }
    }

    /// Installs the handler for SIGINT, SIGTERM and SIGHUP (once per process; on Unix only).
    pub fn install() {
        #[cfg(unix)]
        for signal in [libc::SIGINT, libc::SIGTERM, libc::SIGHUP] {
            let handler = on_signal as extern "C" fn(libc::c_int);
            // SAFETY: the handler only reads and writes atomics, and calls `signal` and `raise`, which are
            // async-signal-safe.
            unsafe {
                libc::signal(signal, handler as libc::sighandler_t);
            }
        }
    }

    /// The signal that arrived during a write, if one did.
    pub fn received() -> Option<i32> {
        match RECEIVED.load(Ordering::SeqCst) {
            0 => None,
            signal => Some(signal),
        }
    }

    /// Ends the process by `signal`, with the default action (so the parent sees how it ended).
    pub fn end_by(signal: i32) -> ! {
        #[cfg(unix)]
        // SAFETY: restoring the default action, unblocking the signal and raising it are async-signal-safe. Inside
        // the handler the signal is blocked: without unblocking it, `raise` would only leave it pending and the
        // process would exit with 128 + signal instead of ending by the signal.
        unsafe {
            libc::signal(signal, libc::SIG_DFL);
            let mut set: libc::sigset_t = std::mem::zeroed();
            libc::sigemptyset(&mut set);
            libc::sigaddset(&mut set, signal);
            libc::pthread_sigmask(libc::SIG_UNBLOCK, &set, std::ptr::null_mut());
            libc::raise(signal);
        }
        std::process::exit(128 + signal)
    }

    /// Marks the start and the end of a write.
    pub(super) fn writing(on: bool) {
        WRITING.store(on, Ordering::SeqCst);
    }
}

/// Writes `fixed` over `path` atomically, if the file still holds `original`, keeping its attributes. A file
/// with more than one hard link is refused unless `split_hard_links`.
pub fn write_atomically(
    path: &Path,
    original: &[u8],
    fixed: &[u8],
    split_hard_links: bool,
) -> Result<(), FixError> {
    interrupt::writing(true);
    let result = write_unless_interrupted(path, original, fixed, split_hard_links);
    interrupt::writing(false);
    result
}

fn write_unless_interrupted(
    path: &Path,
    original: &[u8],
    fixed: &[u8],
    split_hard_links: bool,
) -> Result<(), FixError> {
    let target = target_of(path)?;
    let metadata = std::fs::metadata(&target)?;
    if !metadata.is_file() {
        return Err(Refusal::NotAFile.into());
    }
    if metadata.nlink() > 1 && !split_hard_links {
        return Err(Refusal::HardLinked(metadata.nlink()).into());
    }
    if metadata.mode() & 0o222 == 0 {
        return Err(Refusal::ReadOnly.into());
    }
    let folder = target
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let prefix = format!("{TEMPORARY_PREFIX}{}-", std::process::id());
    let mut temp = tempfile::Builder::new()
        .prefix(&prefix)
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
    // Dropping the temporary file removes it.
    if interrupt::received().is_some() {
        return Err(FixError::Interrupted);
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
        write_atomically(&link, b"old", b"new", false).unwrap();
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
            write_atomically(&path, b"old", b"new", false),
            Err(FixError::Refused(Refusal::HardLinked(2)))
        ));
        assert_eq!(std::fs::read(&path).unwrap(), b"old");
        // Forced, as with `sed -i`: this name gets the fixed text, the other keeps the old.
        write_atomically(&path, b"old", b"new", true).unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"new");
        assert_eq!(std::fs::read(dir.path().join("other.txt")).unwrap(), b"old");
        let dir = tempfile::tempdir().unwrap();
        let path = note(dir.path());
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o444)).unwrap();
        assert!(matches!(
            write_atomically(&path, b"old", b"new", false),
            Err(FixError::Refused(Refusal::ReadOnly))
        ));
        assert_eq!(std::fs::read(&path).unwrap(), b"old");
        let leftovers = std::fs::read_dir(dir.path()).unwrap().count();
        assert_eq!(leftovers, 1, "no temporary file is left behind");
    }

    #[test]
    fn temporary_files_of_processes_that_ended_are_removed_and_others_kept() {
        let dir = tempfile::tempdir().unwrap();
        // A process that has ended: its id is free (until the system gives it out again, which takes a while).
        let mut child = std::process::Command::new("true").spawn().unwrap();
        let ended = child.id();
        child.wait().unwrap();
        let stale = dir.path().join(format!("{TEMPORARY_PREFIX}{ended}-a1b2c3"));
        let ours = dir
            .path()
            .join(format!("{TEMPORARY_PREFIX}{}-d4e5f6", std::process::id()));
        let old_style_new = dir.path().join(format!("{TEMPORARY_PREFIX}Xy12Zq"));
        let note = dir.path().join("note.txt");
        for path in [&stale, &ours, &old_style_new, &note] {
            std::fs::write(path, "text").unwrap();
        }
        assert_eq!(remove_stale_temporaries(dir.path()), vec![stale.clone()]);
        assert!(!stale.exists());
        assert!(ours.exists() && old_style_new.exists() && note.exists());
        assert!(remove_stale_temporaries(dir.path()).is_empty());
    }

    #[test]
    fn the_temporary_file_is_named_with_the_process_id() {
        // The name the next run needs to tell a stale file from a live one.
        let dir = tempfile::tempdir().unwrap();
        let path = note(dir.path());
        let prefix = format!("{TEMPORARY_PREFIX}{}-", std::process::id());
        let temp = tempfile::Builder::new()
            .prefix(&prefix)
            .tempfile_in(dir.path())
            .unwrap();
        let name = temp
            .path()
            .file_name()
            .unwrap()
            .to_str()
            .unwrap()
            .to_string();
        let (pid, _) = name
            .strip_prefix(TEMPORARY_PREFIX)
            .unwrap()
            .split_once('-')
            .unwrap();
        assert_eq!(pid.parse::<u32>().unwrap(), std::process::id());
        drop(temp);
        write_atomically(&path, b"old", b"new", false).unwrap();
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
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
        write_atomically(&path, b"old", b"new", false).unwrap();
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
