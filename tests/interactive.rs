//! `reframe fix --interactive`, driven for real in a pseudo-terminal, and refused without one.
#![cfg(unix)]

mod common;

use std::fs;
use std::time::Duration;

use assert_cmd::Command;
use common::with_fixture_pack_std;
use expectrl::{Expect, Session};

fn command(dir: &std::path::Path, args: &[&str]) -> std::process::Command {
    let mut cmd = with_fixture_pack_std(dir);
    cmd.args(args);
    cmd
}

#[test]
fn reviews_each_finding_in_a_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let note = dir.path().join("note.txt");
    fs::write(
        &note,
        "Sam is a service user.\nHe is hard to reach and an addict.\nTwo users and a vulnerable adult.\n",
    )
    .unwrap();
    let mut session =
        Session::spawn(command(dir.path(), &["fix", "--interactive", "note.txt"])).unwrap();
    session.set_expect_timeout(Some(Duration::from_secs(20)));
    // 1: service user: take the second suggestion.
    session
        .expect("note.txt:1:10  warning[service-user]")
        .unwrap();
    session.expect("Sam is [a service user].").unwrap();
    session.expect("2  a person").unwrap();
    session.expect("> ").unwrap();
    session.send_line("2").unwrap();
    // 2: hard to reach: type our own words.
    session.expect("warning[hard-to-reach]").unwrap();
    session.expect("> ").unwrap();
    session.send_line("e").unwrap();
    session.expect("your wording: ").unwrap();
    session
        .send_line("not yet offered support that suits him")
        .unwrap();
    // 3: addict: skip.
    session.expect("error[addict]").unwrap();
    session.expect("> ").unwrap();
    session.send_line("s").unwrap();
    // 4: users: a wrong key shows the keys again, then skip the rule for the file.
    session.expect("info[user]").unwrap();
    session.expect("> ").unwrap();
    session.send_line("x").unwrap();
    session.expect("e type your own").unwrap();
    session.send_line("r").unwrap();
    session
        .expect("skipping user for the rest of this file")
        .unwrap();
    // 5: vulnerable adult: quit, keeping what was accepted.
    session.expect("warning[vulnerable-adults]").unwrap();
    session.expect("> ").unwrap();
    session.send_line("q").unwrap();
    session.expect(expectrl::Eof).unwrap();
    assert_eq!(
        fs::read_to_string(&note).unwrap(),
        "Sam is a person.\nHe is not yet offered support that suits him and an addict.\nTwo users and a vulnerable adult.\n"
    );
}

#[test]
fn refuses_without_a_terminal() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("note.txt"), "service user").unwrap();
    let output = Command::from_std(command(dir.path(), &["fix", "-i", "note.txt"]))
        .write_stdin("1\n")
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(
        String::from_utf8(output.stderr)
            .unwrap()
            .contains("needs a terminal")
    );
    assert_eq!(
        fs::read_to_string(dir.path().join("note.txt")).unwrap(),
        "service user"
    );
}
