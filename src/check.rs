//! Checking files: read, decode, match, and turn matches into findings, in parallel, with every per-file failure
//! kept as a result instead of stopping the run.

use std::collections::BTreeMap;
use std::io::Read;
use std::path::PathBuf;

use rayon::prelude::*;

use crate::finding::{Finding, findings_for};
use crate::matcher::Matcher;
use crate::rules::{RuleSet, Severity};
use crate::source::{self, SourceError};
use crate::walk::{Input, collect_inputs};

/// What happened to one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// The file was checked; these are its findings, in order.
    Checked(Vec<Finding>),
    /// The file was skipped on purpose (a binary file); the reason is a note, not an error.
    Skipped(String),
    /// The file could not be checked.
    Failed(String),
}

/// The result for one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileReport {
    /// The path as shown in reports (`<stdin>` for standard input).
    pub path: String,
    /// What happened.
    pub outcome: Outcome,
}

impl FileReport {
    /// The findings, empty unless the file was checked.
    pub fn findings(&self) -> &[Finding] {
        match &self.outcome {
            Outcome::Checked(findings) => findings,
            _ => &[],
        }
    }
}

/// Checks one text and returns its findings. `base` is the offset of `text` in its file.
pub fn check_text(text: &str, base: usize, matcher: &Matcher, rules: &RuleSet) -> Vec<Finding> {
    let matches = matcher.find(text);
    findings_for(text, base, &matches, &rules.rules)
}

/// Checks one file's bytes.
pub fn check_bytes(bytes: Vec<u8>, matcher: &Matcher, rules: &RuleSet) -> Outcome {
    match source::decode(bytes) {
        Ok(source) => Outcome::Checked(check_text(&source.text, source.base, matcher, rules)),
        Err(SourceError::Binary) => Outcome::Skipped(SourceError::Binary.to_string()),
        Err(e) => Outcome::Failed(e.to_string()),
    }
}

/// Reads an input's bytes, refusing files over [`source::MAX_FILE_BYTES`].
pub fn read_input(input: &Input) -> std::io::Result<Vec<u8>> {
    match input {
        Input::Stdin => {
            let mut bytes = Vec::new();
            std::io::stdin()
                .take(source::MAX_FILE_BYTES + 1)
                .read_to_end(&mut bytes)?;
            Ok(bytes)
        }
        Input::File(path) => {
            let size = std::fs::metadata(path)?.len();
            if size > source::MAX_FILE_BYTES {
                return Err(std::io::Error::other(
                    SourceError::TooLarge {
                        size,
                        limit: source::MAX_FILE_BYTES,
                    }
                    .to_string(),
                ));
            }
            std::fs::read(path)
        }
    }
}

/// Checks every file under `paths` in parallel. Reports come back sorted by path; paths that do not exist or
/// cannot be walked come back as [`Outcome::Failed`].
pub fn check_paths(
    paths: &[PathBuf],
    extensions: &[&str],
    matcher: &Matcher,
    rules: &RuleSet,
) -> Vec<FileReport> {
    let (inputs, walk_errors) = collect_inputs(paths, extensions);
    let mut reports: Vec<FileReport> = inputs
        .par_iter()
        .map(|input| FileReport {
            path: input.display_name(),
            outcome: match read_input(input) {
                Ok(bytes) => check_bytes(bytes, matcher, rules),
                Err(e) => Outcome::Failed(format!("could not read the file: {e}")),
            },
        })
        .collect();
    reports.extend(walk_errors.into_iter().map(|(path, e)| FileReport {
        path,
        outcome: Outcome::Failed(e.to_string()),
    }));
    reports.sort_by(|a, b| a.path.cmp(&b.path));
    reports
}

/// Counts over a whole run.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Summary {
    /// Files read and checked.
    pub files_checked: usize,
    /// Checked files with at least one finding.
    pub files_with_findings: usize,
    /// All findings.
    pub findings: usize,
    /// Findings per severity.
    pub by_severity: BTreeMap<Severity, usize>,
    /// Findings per rule id.
    pub by_rule: BTreeMap<String, usize>,
    /// Files skipped on purpose.
    pub skipped: usize,
    /// Files that could not be checked.
    pub errors: usize,
}

impl Summary {
    /// Counts the reports of a run.
    pub fn of(reports: &[FileReport], rules: &RuleSet) -> Summary {
        let mut summary = Summary::default();
        for report in reports {
            match &report.outcome {
                Outcome::Checked(findings) => {
                    summary.files_checked += 1;
                    if !findings.is_empty() {
                        summary.files_with_findings += 1;
                    }
                    for finding in findings {
                        summary.findings += 1;
                        *summary.by_severity.entry(finding.severity).or_default() += 1;
                        *summary
                            .by_rule
                            .entry(rules.rules[finding.rule].id.clone())
                            .or_default() += 1;
                    }
                }
                Outcome::Skipped(_) => summary.skipped += 1,
                Outcome::Failed(_) => summary.errors += 1,
            }
        }
        summary
    }

    /// Whether any finding is at or above `level`.
    pub fn fails_at(&self, level: Severity) -> bool {
        self.by_severity
            .iter()
            .any(|(severity, count)| *severity >= level && *count > 0)
    }
}
