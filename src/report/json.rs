//! The JSON format of `reframe check --format json`.

use std::collections::BTreeMap;
use std::io::{self, Write};

use serde::Serialize;

use super::overview::Overview;
use crate::rules::{Category, RuleSet, Severity};
use crate::scan::check::{FileReport, Outcome, Summary};
use crate::scan::finding::Finding;
use crate::scan::sense::Confidence;

/// The whole JSON report: one object per run.
///
/// ```json
/// {
///   "version": 1,
///   "findings": [ { ...see JsonFinding... } ],
///   "summary": { "files_checked": 3, "files_with_findings": 2, "findings": 14,
///                "by_severity": { "error": 1, "warning": 12, "info": 1 },
///                "by_rule": { "service-user": 4, ... },
///                "words": 2431, "per_thousand_words": 5.8, "to_change": 12, "worth_a_look": 2, "in_quotes": 0,
///                "by_category": [ { "category": "label", "meaning": "...", "findings": 6 }, ... ],
///                "top_phrases": [ { "phrase": "service users", "rule": "service-user", "findings": 4,
///                                   "suggestion": "\u{201C}people we support\u{201D}" }, ... ],
///                "documents": [ { "path": "bid.md", "words": 2431, "findings": 14, "to_change": 12,
///                                 "worth_a_look": 2, "per_thousand_words": 5.8 }, ... ] },
///   "errors": [ { "path": "notes/old.doc", "message": "could not read the file: ..." } ]
/// }
/// ```
///
/// `version` changes only when a field is removed or changes meaning; new fields may be added at any time.
#[derive(Debug, Serialize)]
pub struct JsonReport<'a> {
    /// The format's version: 1.
    pub version: u32,
    /// Every finding, sorted by path, then position.
    pub findings: Vec<JsonFinding<'a>>,
    /// Counts over the run.
    pub summary: JsonSummary,
    /// Files that could not be checked (and why). Skipped binary files are not errors.
    pub errors: Vec<JsonError<'a>>,
    /// Notes that are not findings, such as suppression comments that silence nothing (absent when there are
    /// none); `message` starts with the place (`line:column:`, or the paragraph in a document).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<JsonError<'a>>,
}

/// One finding.
#[derive(Debug, Serialize)]
pub struct JsonFinding<'a> {
    /// The file, as given or found by the walk (`<stdin>` for standard input).
    pub path: &'a str,
    /// 1-based line of the first character.
    pub line: usize,
    /// 1-based column of the first character, in characters.
    pub column: usize,
    /// 1-based line of the last character.
    pub end_line: usize,
    /// 1-based column one past the last character, in characters (as in SARIF).
    pub end_column: usize,
    /// 0-based byte offset of the first byte, into the original file.
    pub start_byte: usize,
    /// 0-based byte offset one past the last byte, into the original file.
    pub end_byte: usize,
    /// The matched text as written.
    pub text: &'a str,
    /// The rule's id.
    pub rule: &'a str,
    /// The rule's pack.
    pub pack: &'a str,
    /// The rule's category.
    pub category: Category,
    /// `info`, `warning` or `error`.
    pub severity: Severity,
    /// `certain` (the rule's sense conditions are met, or its terms are unambiguous) or `possible` (a term
    /// matched but the words around it do not show the sense: worth a look, `info` at most).
    pub confidence: Confidence,
    /// The short message.
    pub message: &'a str,
    /// Strength-based alternatives, best first, in the casing of the matched text; a suggestion in angle brackets
    /// (`<their name>`) is advice, not replacement text.
    pub suggestions: &'a [String],
    /// The edit that puts the first suggestion in place, exactly as `reframe fix` writes it (the article before the
    /// phrase included when the suggestion brings its own), or `null` when the first suggestion is advice or the
    /// phrase cannot take a drop-in wording (in quotation marks, with markup inside it, before a possessive, or in a
    /// Word or OpenDocument file). Offsets are into the file's text as checked (UTF-8).
    pub replacement: Option<JsonReplacement>,
    /// Why the phrase matters.
    pub why: &'a str,
    /// Where the finding is in a Word or OpenDocument file ("paragraph 12, table 1 row 2 cell 1"); absent for
    /// text files. With it, `line` and `column` count within that paragraph, and the byte offsets are into its
    /// text.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub location: Option<&'a str>,
    /// Present and true when the phrase is inside quotation marks (reported only with `--include-quotes`).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub quoted: bool,
}

/// One edit: the bytes `start_byte..end_byte` of the file become `text`. Applying the edits marked `safe` of a file,
/// back to front, gives byte for byte what `reframe fix` writes.
#[derive(Debug, Serialize)]
pub struct JsonReplacement {
    /// 0-based offset of the first byte replaced.
    pub start_byte: usize,
    /// 0-based offset one past the last byte replaced.
    pub end_byte: usize,
    /// The new text.
    pub text: String,
    /// Whether `reframe fix` applies this edit without asking (the rule is marked safe and the finding is
    /// certain); otherwise it is a suggestion for a person to accept (`reframe fix -i`).
    pub safe: bool,
}

impl<'a> JsonFinding<'a> {
    /// The JSON form of a finding in `path`.
    pub fn new(path: &'a str, f: &'a Finding, rules: &'a RuleSet) -> JsonFinding<'a> {
        let rule = &rules.rules[f.rule];
        JsonFinding {
            path,
            line: f.line,
            column: f.column,
            end_line: f.end_line,
            end_column: f.end_column,
            start_byte: f.bytes.start,
            end_byte: f.bytes.end,
            text: &f.text,
            rule: &rule.id,
            pack: &rule.pack,
            category: rule.category,
            severity: f.severity,
            confidence: f.confidence,
            message: &f.message,
            suggestions: &f.suggestions,
            replacement: f.first_replacement().map(|r| JsonReplacement {
                start_byte: r.range.start,
                end_byte: r.range.end,
                text: r.text,
                safe: f.is_safe_fix(rule),
            }),
            why: &rule.why,
            location: f.location.as_deref(),
            quoted: f.quoted,
        }
    }
}

/// Counts over the run.
#[derive(Debug, Serialize)]
pub struct JsonSummary {
    /// Files read and checked.
    pub files_checked: usize,
    /// Checked files with at least one finding.
    pub files_with_findings: usize,
    /// All findings.
    pub findings: usize,
    /// Findings per severity (every level present, zero included).
    pub by_severity: BTreeMap<&'static str, usize>,
    /// Findings per rule id.
    pub by_rule: BTreeMap<String, usize>,
    /// The overview, as the human format prints it: `words`, `per_thousand_words`, `to_change`, `worth_a_look`,
    /// `in_quotes`, `by_category`, `top_phrases` and `documents` (see [`Overview`]).
    #[serde(flatten)]
    pub overview: Overview,
}

/// A file that could not be checked.
#[derive(Debug, Serialize)]
pub struct JsonError<'a> {
    /// The file.
    pub path: &'a str,
    /// What went wrong.
    pub message: &'a str,
}

/// Builds the JSON report of a run.
pub fn json_report<'a>(
    reports: &'a [FileReport],
    rules: &'a RuleSet,
    summary: &Summary,
) -> JsonReport<'a> {
    let mut findings = Vec::new();
    let mut errors = Vec::new();
    let mut notes = Vec::new();
    for report in reports {
        notes.extend(report.notes.iter().map(|message| JsonError {
            path: &report.path,
            message,
        }));
        match &report.outcome {
            Outcome::Checked(list) => {
                findings.extend(
                    list.iter()
                        .map(|f| JsonFinding::new(&report.path, f, rules)),
                );
            }
            Outcome::Failed(message) => errors.push(JsonError {
                path: &report.path,
                message,
            }),
            Outcome::Skipped(_) => {}
        }
    }
    JsonReport {
        version: 1,
        findings,
        summary: JsonSummary {
            files_checked: summary.files_checked,
            files_with_findings: summary.files_with_findings,
            findings: summary.findings,
            by_severity: Severity::ALL
                .iter()
                .map(|s| (s.as_str(), summary.by_severity.get(s).copied().unwrap_or(0)))
                .collect(),
            by_rule: summary.by_rule.clone(),
            overview: Overview::of(reports, rules),
        },
        errors,
        notes,
    }
}

pub(super) fn write(
    reports: &[FileReport],
    rules: &RuleSet,
    summary: &Summary,
    out: &mut dyn Write,
) -> io::Result<()> {
    let report = json_report(reports, rules, summary);
    serde_json::to_writer_pretty(&mut *out, &report)?;
    writeln!(out)
}
