//! The README's plain-shell CI recipe, run for real: the `sh` block after the `ci-recipe` marker in README.md is
//! executed with `sh` in a small repository (a reframe.toml, a .gitignore, notes and a committed baseline), with
//! the freshly built `reframe` first on the `PATH`.

mod common;

use std::fs;
use std::path::Path;

use common::{assert_contains, reframe_empty_env, tree, write};

/// The recipe, exactly as the README shows it.
fn recipe() -> String {
    let readme = fs::read_to_string("README.md").unwrap();
    let after = readme
        .split_once("<!-- ci-recipe")
        .expect("README.md marks its CI recipe with <!-- ci-recipe -->")
        .1;
    let block = after.split_once("```sh\n").unwrap().1;
    block.split_once("```").unwrap().0.to_string()
}

fn run_recipe(repo: &Path) -> (i32, String) {
    let bin = assert_cmd::cargo::cargo_bin("reframe");
    let path = format!("{}:/usr/bin:/bin", bin.parent().unwrap().display());
    let output = std::process::Command::new("sh")
        .arg("-c")
        .arg(recipe())
        .env_clear()
        .env("PATH", path)
        .env("NO_COLOR", "1")
        .current_dir(repo)
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap();
    let mut text = String::from_utf8(output.stdout).unwrap();
    text.push_str(&String::from_utf8(output.stderr).unwrap());
    (output.status.code().unwrap(), text)
}

/// Writes `text` to `path` in the repository, then runs the recipe again.
fn edit_and_run_recipe(repo: &Path, path: &str, text: &str) -> (i32, String) {
    write(repo, path, text);
    run_recipe(repo)
}

#[test]
fn the_plain_shell_recipe_fails_on_new_findings_only() {
    let repo = tree(&[
        (
            "reframe.toml",
            "exclude = [\"drafts/**\"]\nfail-on = \"warning\"\n",
        ),
        (".gitignore", "build/\nreframe-report.txt\n"),
        (
            "notes/visit.md",
            "# Visit\n\nSam is a service user who lives in town.\n",
        ),
        ("drafts/new.md", "The service user in the draft.\n"),
        ("build/copy.md", "The service user in the build.\n"),
    ]);
    // The baseline, as a developer would write and commit it.
    let status = reframe_empty_env()
        .current_dir(repo.path())
        .args(["check", "--write-baseline", "reframe-baseline.json"])
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8_lossy(&status.stderr),
        "wrote reframe-baseline.json: 1 finding in 1 file\n"
    );

    let (code, output) = run_recipe(repo.path());
    assert_eq!(code, 0, "{output}");
    assert!(
        output.contains("Nothing to change: no phrases found in 1 file (10 words checked)\nreframe: no new findings\n"),
        "{output}"
    );
    assert!(
        !output.contains("draft") && !output.contains("build"),
        "{output}"
    );

    let (code, output) = edit_and_run_recipe(
        repo.path(),
        "notes/visit.md",
        "# Visit\n\nSam is a service user who lives in town.\nThe service user called back.\n",
    );
    assert_eq!(code, 1, "{output}");
    assert!(output.contains("--> notes/visit.md:4:5"), "{output}");
    assert!(!output.contains("called back"), "redacted: {output}");
    assert!(
        !output.contains(":3:"),
        "the recorded finding stays out: {output}"
    );
    assert!(output.contains("reframe: new findings above"), "{output}");

    let (code, output) = edit_and_run_recipe(
        repo.path(),
        "reframe.toml",
        "exclude = [\"drafts/**\"]\nfail-on = \"warn\"\n",
    );
    assert_eq!(code, 2, "{output}");
    assert_contains(
        &output,
        &["did you mean `warning`?", "reframe: could not check"],
    );
}

#[test]
fn named_files_obey_exclude_with_force_exclude_as_the_pre_commit_hook_runs() {
    let repo = tree(&[
        ("reframe.toml", "exclude = [\"drafts/**\"]\n"),
        ("drafts/new.md", "The service user.\n"),
        ("visit.md", "The service user.\n"),
    ]);
    let hooks = fs::read_to_string(".pre-commit-hooks.yaml").unwrap();
    let entry = hooks
        .lines()
        .find_map(|l| l.trim().strip_prefix("entry: reframe "))
        .unwrap();
    assert!(entry.contains("--force-exclude"), "{entry}");
    let run = |args: &[&str]| {
        let output = reframe_empty_env()
            .current_dir(repo.path())
            .args(entry.split(' '))
            .args(args)
            .output()
            .unwrap();
        String::from_utf8(output.stdout).unwrap()
    };
    let shown = run(&["drafts/new.md", "visit.md"]);
    assert!(shown.contains("--> visit.md:1:5"), "{shown}");
    assert!(!shown.contains("drafts"), "{shown}");
    assert!(
        shown.ends_with("1 phrase to change in 1 of 1 file (1 warning)\n"),
        "{shown}"
    );
    // Without the flag a named file is checked whatever the configuration says.
    let output = reframe_empty_env()
        .current_dir(repo.path())
        .args(["check", "--color", "never", "drafts/new.md"])
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&output.stdout).contains("drafts/new.md:1:5"));
}

#[test]
fn the_github_action_runs_flags_reframe_accepts() {
    let action = fs::read_to_string("action.yml").unwrap();
    let commands: Vec<String> = action
        .lines()
        .map(str::trim)
        .filter(|l| l.starts_with("\"$REFRAME\" check"))
        .map(|l| {
            l.replace("\"$out\"", "report.sarif")
                .replace("${{ inputs.fail-on }}", "warning")
                .replace("$redact", "--redact")
                .replace("${{ inputs.args }}", "")
                .replace("${{ inputs.paths }}", ".")
        })
        .collect();
    assert_eq!(commands.len(), 2, "the sarif and github commands: {action}");
    let repo = tree(&[("note.txt", "Sam is a service user.\n")]);
    for command in &commands {
        assert!(
            !command.contains("${{"),
            "every input substituted: {command}"
        );
        let output = std::process::Command::new("sh")
            .arg("-c")
            .arg(command)
            .env_clear()
            .env("PATH", "/usr/bin:/bin")
            .env("REFRAME", assert_cmd::cargo::cargo_bin("reframe"))
            .current_dir(repo.path())
            .stdin(std::process::Stdio::null())
            .output()
            .unwrap();
        assert_eq!(
            output.status.code(),
            Some(1),
            "{command}: {}",
            String::from_utf8_lossy(&output.stderr)
        );
    }
    let sarif = fs::read_to_string(repo.path().join("report.sarif")).unwrap();
    assert!(sarif.contains("\"ruleId\": \"service-user\""), "{sarif}");
    assert!(!sarif.contains("Sam is"), "redacted: {sarif}");
}
