//! The README's command-line examples are run and must print what the README says.
//!
//! Every ```console block in README.md is one example: its first line is `$ reframe ARGS…` (arguments split on
//! spaces; no quoting), an optional second line `? N` gives the exit code (0 otherwise), and the rest is the
//! exact standard output. Commands run from the repository root with colour off.
//!
//! After a change of output, `REFRAME_BLESS_README=1 cargo test --test readme` rewrites each block from a real
//! run (like `INSTA_UPDATE`); review the change with `git diff README.md`.

mod common;

use common::reframe;

struct Example {
    line: usize,
    /// The block's body lines in README.md, 0-based, end exclusive.
    body: std::ops::Range<usize>,
    args: Vec<String>,
    code: i32,
    stdout: String,
}

fn examples() -> Vec<Example> {
    let readme = std::fs::read_to_string("README.md").unwrap();
    let mut examples = Vec::new();
    let mut lines = readme.lines().enumerate();
    while let Some((number, line)) = lines.next() {
        if line.trim_end() != "```console" {
            continue;
        }
        let body: Vec<&str> = lines
            .by_ref()
            .map(|(_, l)| l)
            .take_while(|l| l.trim_end() != "```")
            .collect();
        let body_lines = number + 1..number + 1 + body.len();
        let command = body[0].strip_prefix("$ reframe ").unwrap_or_else(|| {
            panic!(
                "README.md:{}: a console block starts with `$ reframe`",
                number + 2
            )
        });
        let (code, rest) = match body.get(1).and_then(|l| l.strip_prefix("? ")) {
            Some(code) => (code.parse().unwrap(), &body[2..]),
            None => (0, &body[1..]),
        };
        let mut stdout = rest.join("\n");
        if !stdout.is_empty() {
            stdout.push('\n');
        }
        examples.push(Example {
            line: number + 1,
            body: body_lines,
            args: command.split(' ').map(String::from).collect(),
            code,
            stdout,
        });
    }
    examples
}

#[test]
fn readme_examples_print_what_the_readme_says() {
    let examples = examples();
    assert!(
        examples.len() >= 3,
        "the README shows at least three commands"
    );
    let bless = std::env::var_os("REFRAME_BLESS_README").is_some();
    let mut readme: Vec<String> = std::fs::read_to_string("README.md")
        .unwrap()
        .lines()
        .map(String::from)
        .collect();
    for example in examples.iter().rev() {
        let output = reframe().args(&example.args).output().unwrap();
        let stdout = String::from_utf8(output.stdout).unwrap();
        if bless {
            let mut block = vec![format!("$ reframe {}", example.args.join(" "))];
            let code = output.status.code().unwrap_or(-1);
            if code != 0 {
                block.push(format!("? {code}"));
            }
            block.extend(stdout.lines().map(String::from));
            readme.splice(example.body.clone(), block);
            continue;
        }
        assert_eq!(
            stdout,
            example.stdout,
            "README.md:{}: `reframe {}` printed something else",
            example.line,
            example.args.join(" ")
        );
        assert_eq!(
            output.status.code(),
            Some(example.code),
            "README.md:{}: exit code of `reframe {}`",
            example.line,
            example.args.join(" ")
        );
    }
    if bless {
        std::fs::write("README.md", readme.join("\n") + "\n").unwrap();
    }
}
