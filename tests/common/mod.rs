//! Set-up shared by the integration tests: temporary trees of files, the freshly built `reframe` with a clean
//! environment (alone or with only the `semantics` fixture pack), what a run printed, the findings of a JSON
//! report, the fixture pack's rule set with its matcher, and the lines of the labelled corpus.
//!
//! Every test binary that says `mod common;` compiles its own copy of this module and uses only part of it, so
//! each helper that some binary leaves unused allows dead code.

use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use reframe::rules::{Origin, RuleSet, parse_pack};
use reframe::scan::matcher::Matcher;
use serde_json::Value;

/// The fixture pack, relative to the package root (where tests run).
#[allow(dead_code)]
pub const SEMANTICS: &str = "tests/fixtures/semantics.toml";

/// Writes `contents` to `path` below `root`, creating the folders on the way; the path written.
#[allow(dead_code)]
pub fn write(root: &Path, path: &str, contents: impl AsRef<[u8]>) -> PathBuf {
    let path = root.join(path);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(&path, contents).unwrap();
    path
}

/// A temporary folder holding `files`: (path below the folder, text), written in that order.
#[allow(dead_code)]
pub fn tree(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (path, text) in files {
        write(dir.path(), path, text);
    }
    dir
}

/// The freshly built `reframe` as a std command with an empty environment.
fn binary() -> std::process::Command {
    let mut cmd = std::process::Command::new(assert_cmd::cargo::cargo_bin("reframe"));
    cmd.env_clear();
    cmd
}

/// `reframe` with an empty environment: not even `NO_COLOR`.
#[allow(dead_code)]
pub fn reframe_empty_env() -> Command {
    Command::from_std(binary())
}

/// `reframe` as a std command (for a pseudo-terminal) with an empty environment but `NO_COLOR=1`.
#[allow(dead_code)]
pub fn reframe_std() -> std::process::Command {
    let mut cmd = binary();
    cmd.env("NO_COLOR", "1");
    cmd
}

/// `reframe` with an empty environment but `NO_COLOR=1`.
#[allow(dead_code)]
pub fn reframe() -> Command {
    Command::from_std(reframe_std())
}

/// [`reframe`] run in `dir`.
#[allow(dead_code)]
pub fn reframe_in(dir: &Path) -> Command {
    let mut cmd = reframe();
    cmd.current_dir(dir);
    cmd
}

/// [`reframe_std`] run in `dir` with only the fixture pack enabled (named by its absolute path).
#[allow(dead_code)]
pub fn with_fixture_pack_std(dir: &Path) -> std::process::Command {
    let pack = fs::canonicalize(SEMANTICS).unwrap();
    let mut cmd = reframe_std();
    cmd.current_dir(dir)
        .arg("--rules")
        .arg(pack)
        .args(["--pack", "semantics"]);
    cmd
}

/// [`reframe`] run in `dir` with only the fixture pack enabled (named by its absolute path).
#[allow(dead_code)]
pub fn with_fixture_pack(dir: &Path) -> Command {
    Command::from_std(with_fixture_pack_std(dir))
}

/// Runs `cmd`: its exit code, standard output and standard error.
#[allow(dead_code)]
pub fn run(cmd: &mut Command) -> (i32, String, String) {
    let output = cmd.output().unwrap();
    (
        output.status.code().unwrap(),
        String::from_utf8(output.stdout).unwrap(),
        String::from_utf8(output.stderr).unwrap(),
    )
}

/// Runs [`with_fixture_pack`] in `dir` with `args`: its exit code, standard output and standard error.
#[allow(dead_code)]
pub fn run_fixture_pack(dir: &Path, args: &[&str]) -> (i32, String, String) {
    run(with_fixture_pack(dir).args(args))
}

/// Runs [`with_fixture_pack`] in `dir` with `--no-config` and `args`: its exit code, standard output and
/// standard error.
#[allow(dead_code)]
pub fn run_fixture_pack_no_config(dir: &Path, args: &[&str]) -> (i32, String, String) {
    run(with_fixture_pack(dir).arg("--no-config").args(args))
}

/// Asserts that `text` contains each of `parts`, showing `text` when one is missing.
#[allow(dead_code)]
#[track_caller]
pub fn assert_contains(text: &str, parts: &[&str]) {
    for part in parts {
        assert!(text.contains(part), "{part:?} is not in:\n{text}");
    }
}

/// Parses the JSON report a run printed, or fails showing what it printed instead.
#[allow(dead_code)]
pub fn json_report(stdout: &str, stderr: &str) -> Value {
    serde_json::from_str(stdout).unwrap_or_else(|e| panic!("not JSON ({e}): {stdout}\n{stderr}"))
}

/// The findings of a JSON report.
#[allow(dead_code)]
pub fn findings(report: &Value) -> &[Value] {
    report["findings"].as_array().unwrap()
}

/// The string fields `keys` of each finding of a JSON report, such as `["rule", "text"]`.
#[allow(dead_code)]
pub fn finding_fields<const N: usize>(report: &Value, keys: [&str; N]) -> Vec<[String; N]> {
    findings(report)
        .iter()
        .map(|f| keys.map(|key| f[key].as_str().unwrap().to_string()))
        .collect()
}

/// `text` in UTF-16 after its byte order mark, little-endian or big-endian.
#[allow(dead_code)]
pub fn utf16_with_bom(little_endian: bool, text: &str) -> Vec<u8> {
    let bom: [u8; 2] = if little_endian {
        [0xFF, 0xFE]
    } else {
        [0xFE, 0xFF]
    };
    bom.into_iter()
        .chain(text.encode_utf16().flat_map(move |u| {
            if little_endian {
                u.to_le_bytes()
            } else {
                u.to_be_bytes()
            }
        }))
        .collect()
}

/// The fixture pack, parsed and enabled.
#[allow(dead_code)]
pub fn fixture_rules() -> RuleSet {
    let parsed = parse_pack(
        include_str!("../fixtures/semantics.toml"),
        Origin::File("semantics.toml".into()),
    )
    .expect("fixture pack parses");
    let mut set = RuleSet {
        packs: vec![parsed.pack],
        rules: parsed.rules,
    };
    set.packs[0].enabled = true;
    set
}

/// The fixture pack and its matcher, with no allow list.
#[allow(dead_code)]
pub fn fixture_rules_and_matcher() -> (RuleSet, Matcher) {
    let rules = fixture_rules();
    let matcher = Matcher::new(&rules, &[]);
    (rules, matcher)
}

/// The lines of the labelled corpus (`tests/corpus/*.jsonl`, files in name order), each with the file and line
/// number it came from, blank lines left out.
#[allow(dead_code)]
pub fn corpus_lines() -> Vec<(PathBuf, usize, String)> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/corpus");
    let mut files: Vec<PathBuf> = fs::read_dir(&dir)
        .expect("tests/corpus holds the labelled corpus")
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "jsonl"))
        .collect();
    files.sort();
    let mut lines = Vec::new();
    for file in files {
        let text = fs::read_to_string(&file).unwrap();
        for (n, line) in text.lines().enumerate() {
            if !line.trim().is_empty() {
                lines.push((file.clone(), n + 1, line.to_string()));
            }
        }
    }
    lines
}
