//! `reframe fix --interactive`, driven for real in a pseudo-terminal, and refused without one.
#![cfg(unix)]

mod common;

use std::fs;
use std::time::Duration;

use common::{run, tree, with_fixture_pack, with_fixture_pack_std, write};
use expectrl::{Expect, Session};

#[test]
fn reviews_each_finding_in_a_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let note = write(
        dir.path(),
        "note.txt",
        "Sam is a service user.\nHe is hard to reach and an addict.\nTwo users and a vulnerable adult.\n",
    );
    let mut command = with_fixture_pack_std(dir.path());
    command.args(["fix", "--interactive", "note.txt"]);
    let mut session = Session::spawn(command).unwrap();
    session.set_expect_timeout(Some(Duration::from_secs(20)));
    // What the terminal must show, in order, before each line typed.
    let script: [(&[&str], &str); 7] = [
        // 1: service user: take the second suggestion.
        (
            &[
                "note.txt:1:10  warning[service-user]",
                "Sam is [a service user].",
                "2  a person",
                "> ",
            ],
            "2",
        ),
        // 2: hard to reach: type our own words.
        (&["warning[hard-to-reach]", "> "], "e"),
        (
            &["your wording: "],
            "not yet offered support that suits him",
        ),
        // 3: addict: skip.
        (&["error[addict]", "> "], "s"),
        // 4: users: a wrong key shows the keys again, then skip the rule for the file.
        (&["info[user]", "> "], "x"),
        (&["e type your own"], "r"),
        // The rule is skipped; 5: vulnerable adult: quit, keeping what was accepted.
        (
            &[
                "skipping user for the rest of this file",
                "warning[vulnerable-adults]",
                "> ",
            ],
            "q",
        ),
    ];
    for (shown, typed) in script {
        for text in shown {
            session.expect(*text).unwrap();
        }
        session.send_line(typed).unwrap();
    }
    session.expect(expectrl::Eof).unwrap();
    assert_eq!(
        fs::read_to_string(&note).unwrap(),
        "Sam is a person.\nHe is not yet offered support that suits him and an addict.\nTwo users and a vulnerable adult.\n"
    );
}

#[test]
fn refuses_without_a_terminal() {
    let dir = tree(&[("note.txt", "service user")]);
    let (code, _, stderr) = run(with_fixture_pack(dir.path())
        .args(["fix", "-i", "note.txt"])
        .write_stdin("1\n"));
    assert_eq!(code, 2);
    assert!(stderr.contains("needs a terminal"));
    assert_eq!(
        fs::read_to_string(dir.path().join("note.txt")).unwrap(),
        "service user"
    );
}
