//! Progress on standard error: drawn in a terminal (here a pseudo-terminal, with the delay set to 0), never into
//! a pipe, and never in the way of the report.
#![cfg(unix)]

mod common;

use std::fs;
use std::time::Duration;

use common::{reframe_std, write};
use expectrl::{Expect, Session};

fn notes(count: usize) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for i in 0..count {
        write(dir.path(), &format!("n{i}.txt"), "Sam is a service user.\n");
    }
    dir
}

fn command(dir: &std::path::Path) -> std::process::Command {
    let mut cmd = reframe_std();
    cmd.env("REFRAME_PROGRESS_DELAY_MS", "0")
        .env("TERM", "xterm")
        .current_dir(dir)
        .args(["--no-config", "check", "--output", "report.txt", "."]);
    cmd
}

#[test]
fn a_terminal_sees_progress_and_the_run_finishes() {
    let dir = notes(40);
    let mut session = Session::spawn(command(dir.path())).unwrap();
    session.set_expect_timeout(Some(Duration::from_secs(30)));
    session.expect("files").unwrap();
    session.expect(expectrl::Eof).unwrap();
    let report = fs::read_to_string(dir.path().join("report.txt")).unwrap();
    assert!(
        report.ends_with("40 phrases to change in 40 of 40 files (40 warnings)\n"),
        "{report}"
    );
}

#[test]
fn a_pipe_sees_no_progress() {
    let dir = notes(40);
    let output = command(dir.path()).output().unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(String::from_utf8_lossy(&output.stderr), "");
    assert_eq!(String::from_utf8_lossy(&output.stdout), "");
}
