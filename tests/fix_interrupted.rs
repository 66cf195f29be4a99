//! `reframe fix` stopped part way (Ctrl-C, a kill, SIGKILL): no file is left half fixed, no temporary file is left
//! behind by a signal it can handle, and one left by SIGKILL is removed by the next fix. The kills come at several
//! moments; what is asserted holds whatever the moment.

mod common;

use std::fs;
use std::path::Path;
use std::time::Duration;

use common::{reframe_in, reframe_std, run};

const NOTE: &str = "Sam is a service user at the hub.\n";
const FIXED: &str = "Sam is a person we support at the hub.\n";
const FILES: usize = 1000;

fn notes() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir(dir.path().join("notes")).unwrap();
    for i in 0..FILES {
        fs::write(dir.path().join(format!("notes/note-{i:04}.txt")), NOTE).unwrap();
    }
    dir
}

/// How many notes are fixed; panics on a note that is neither as it was nor fixed, or a temporary file.
fn count_fixed(dir: &Path) -> (usize, Vec<String>) {
    let mut fixed = 0;
    let mut temporaries = Vec::new();
    for entry in fs::read_dir(dir.join("notes")).unwrap() {
        let entry = entry.unwrap();
        let name = entry.file_name().to_string_lossy().to_string();
        if name.starts_with(".reframe-fix-") {
            temporaries.push(name);
            continue;
        }
        let text = fs::read_to_string(entry.path()).unwrap();
        assert!(
            text == NOTE || text == FIXED,
            "{name} is half fixed: {text:?}"
        );
        fixed += usize::from(text == FIXED);
    }
    (fixed, temporaries)
}

/// Starts `reframe fix notes/` in `dir` and sends `signal` after `delay`; gives how it ended.
fn fix_and_kill(dir: &Path, signal: i32, delay: Duration) -> std::process::ExitStatus {
    let mut child = reframe_std()
        .current_dir(dir)
        .args(["fix", "--no-config", "notes"])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    std::thread::sleep(delay);
    // SAFETY: sends a signal to the child we started and have not yet waited for.
    unsafe {
        libc::kill(child.id() as libc::pid_t, signal);
    }
    child.wait().unwrap()
}

#[test]
fn a_fix_stopped_by_ctrl_c_or_a_kill_leaves_every_file_whole_and_no_temporary_file() {
    for (signal, delay_ms) in [
        (libc::SIGINT, 60),
        (libc::SIGTERM, 150),
        (libc::SIGINT, 300),
        (libc::SIGTERM, 600),
    ] {
        let dir = notes();
        let status = fix_and_kill(dir.path(), signal, Duration::from_millis(delay_ms));
        let (fixed, temporaries) = count_fixed(dir.path());
        assert!(temporaries.is_empty(), "left behind: {temporaries:?}");
        if fixed < FILES {
            use std::os::unix::process::ExitStatusExt;
            assert_eq!(status.signal(), Some(signal), "{status:?}");
        }
        // The next fix finishes the job.
        let (code, _, stderr) = run(reframe_in(dir.path()).args(["fix", "--no-config", "notes"]));
        assert_eq!(code, 0, "{stderr}");
        assert_eq!(count_fixed(dir.path()), (FILES, Vec::new()));
    }
}

#[test]
fn a_temporary_file_left_by_sigkill_is_removed_by_the_next_fix() {
    for delay_ms in [80, 200, 400] {
        let dir = notes();
        fix_and_kill(dir.path(), libc::SIGKILL, Duration::from_millis(delay_ms));
        let (_, temporaries) = count_fixed(dir.path());
        let (code, _, stderr) = run(reframe_in(dir.path()).args(["fix", "--no-config", "notes"]));
        assert_eq!(code, 0, "{stderr}");
        for name in &temporaries {
            assert!(
                stderr.contains(&format!("note: removed notes/{name}, a temporary file left by an interrupted reframe fix")),
                "{stderr}"
            );
        }
        assert_eq!(count_fixed(dir.path()), (FILES, Vec::new()));
    }
    // A stale one made on purpose, so that the removal is seen whatever the kills' timing.
    let dir = notes();
    let mut child = std::process::Command::new("true").spawn().unwrap();
    let ended = child.id();
    child.wait().unwrap();
    let stale = format!(".reframe-fix-{ended}-q1w2e3");
    fs::write(dir.path().join("notes").join(&stale), FIXED).unwrap();
    let (code, _, stderr) = run(reframe_in(dir.path()).args(["fix", "--no-config", "notes"]));
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stderr.contains(&format!(
            "note: removed notes/{stale}, a temporary file left by an interrupted reframe fix"
        )),
        "{stderr}"
    );
    assert_eq!(count_fixed(dir.path()), (FILES, Vec::new()));
}
