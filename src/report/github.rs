//! The GitHub Actions format of `reframe check --format github`: one workflow command per finding, which GitHub
//! shows as an annotation on the line (and in the pull request's changed files).
//!
//! ```text
//! ::warning file=note.txt,line=1,col=8,endLine=1,endColumn=20,title=reframe service-user::“service user” ...
//! ```
//!
//! `error`, `warning` and `notice` stand for the severities error, warning and info; a file that could not be
//! checked is an `error` on the file. Values are escaped as the
//! runner expects: `%`, carriage return and line feed in the message; those and `:` and `,` in the properties.

use std::io::{self, Write};

use super::suggestion_list;
use crate::rules::{RuleSet, Severity};
use crate::scan::check::{FileReport, Outcome};

/// Escapes a workflow command's message.
pub(crate) fn escape_data(value: &str) -> String {
    value
        .replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a workflow command's property value.
pub(crate) fn escape_property(value: &str) -> String {
    escape_data(value).replace(':', "%3A").replace(',', "%2C")
}

fn command(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "notice",
    }
}

pub(super) fn write(
    reports: &[FileReport],
    rules: &RuleSet,
    out: &mut dyn Write,
) -> io::Result<()> {
    // GitHub shows the first few annotations of each kind from one step and drops the rest without a word.
    let mut shown = [0usize; 3];
    let mut not_shown = 0;
    let mut count = |kind: &str| {
        let i = ["error", "warning", "notice"]
            .iter()
            .position(|k| *k == kind)
            .unwrap_or(0);
        shown[i] += 1;
        if shown[i] > ANNOTATIONS_SHOWN {
            not_shown += 1;
        }
    };
    for report in reports {
        if let Outcome::Failed(message) = &report.outcome {
            count("error");
            writeln!(
                out,
                "::error file={},title={}::{}",
                escape_property(&report.path),
                escape_property("reframe could not check this file"),
                escape_data(message),
            )?;
        }
        for f in report.findings() {
            count(command(f.severity));
            let rule = &rules.rules[f.rule];
            let mut message = f.message.clone();
            if !f.suggestions.is_empty() {
                message.push_str(&format!("\nTry: {}", suggestion_list(&f.suggestions)));
            }
            writeln!(
                out,
                "::{} file={},line={},col={},endLine={},endColumn={},title={}::{}",
                command(f.severity),
                escape_property(&report.path),
                f.line,
                f.column,
                f.end_line,
                f.end_column,
                escape_property(&format!("reframe {}", rule.id)),
                escape_data(&message),
            )?;
        }
    }
    if not_shown > 0 {
        writeln!(
            out,
            "reframe: {not_shown} {} not shown as annotations: GitHub shows at most {ANNOTATIONS_SHOWN} errors, \
             {ANNOTATIONS_SHOWN} warnings and {ANNOTATIONS_SHOWN} notices from one step. Every finding is in the \
             lines above; upload a SARIF report (--format sarif) to code scanning to see them all on the pull \
             request.",
            if not_shown == 1 {
                "finding is"
            } else {
                "findings are"
            }
        )?;
    }
    Ok(())
}

/// How many annotations of each kind GitHub shows from one step.
pub const ANNOTATIONS_SHOWN: usize = 10;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_as_the_runner_expects() {
        assert_eq!(
            escape_data("50% of\r\nnotes: a, b"),
            "50%25 of%0D%0Anotes: a, b"
        );
        assert_eq!(
            escape_property("dir,1/a:b%.txt\n"),
            "dir%2C1/a%3Ab%25.txt%0A"
        );
    }
}
