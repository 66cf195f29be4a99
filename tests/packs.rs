//! The built-in packs: they load, they pass their own self-tests, and docs/rules.md is their current reference.

mod common;

fn run(args: &[&str]) -> std::process::Output {
    common::reframe().args(args).output().unwrap()
}

#[test]
fn built_in_packs_pass_their_self_tests() {
    let output = run(&["test-rules"]);
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert_eq!(output.status.code(), Some(0), "{stdout}");
    assert!(stdout.ends_with(" 0 failed\n"), "{stdout}");
}

#[test]
fn docs_rules_md_is_up_to_date() {
    let output = run(&["rules", "--format", "markdown"]);
    assert_eq!(output.status.code(), Some(0));
    let generated = String::from_utf8(output.stdout).unwrap();
    let committed = std::fs::read_to_string("docs/rules.md").unwrap_or_default();
    assert!(
        committed == generated,
        "docs/rules.md is out of date: run `cargo run -- rules --format markdown > docs/rules.md`"
    );
}
