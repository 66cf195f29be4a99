//! Reporters: one module per output format, all behind [`write_report`]. Each gets the whole run (reports
//! sorted by path, the rule set, the counts) and the same [`ReportOptions`]; none prints anything else.

pub mod baseline;
mod checkstyle;
mod github;
mod human;
mod json;
mod jsonl;
pub mod overview;
mod sarif;

use std::collections::BTreeSet;
use std::io::{self, Write};

use crate::rules::RuleSet;
use crate::scan::check::{FileReport, Summary};

pub use human::suggestion_list;
pub use json::{JsonError, JsonFinding, JsonReport, JsonSummary, json_report};
pub use sarif::{SARIF_SCHEMA, SARIF_VERSION};

/// The output formats of `reframe check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Plain, readable text with the source line and suggestions, for people, then an overview.
    Human,
    /// One line per finding (place, severity, rule, message and suggestions), then the closing line.
    Concise,
    /// One JSON object for the whole run (documented on [`JsonReport`]).
    Json,
    /// One JSON object per finding, one per line (the fields of [`JsonFinding`]), for streaming.
    Jsonl,
    /// SARIF 2.1.0, for code scanning (GitHub, Azure DevOps) and SARIF viewers.
    Sarif,
    /// GitHub Actions workflow commands: annotations on the changed lines of a pull request.
    Github,
    /// Checkstyle XML, read by Jenkins (Warnings NG) and reviewdog, and by GitLab through a converter.
    Checkstyle,
}

/// What every reporter is told besides the findings.
#[derive(Debug, Clone, Default)]
pub struct ReportOptions {
    /// Emit colour codes (the caller's stream strips them when colour is off). Human format only.
    pub styled: bool,
    /// Print findings only: no notes about skipped files, no overview and no closing summary. Human and concise
    /// formats only.
    pub quiet: bool,
    /// Print the overview and the closing summary, not the findings. Human and concise formats only.
    pub statistics: bool,
    /// Redact every file: print each finding's rule, place and matched phrase, never the text around it.
    pub redact_all: bool,
    /// Redact these paths (as reports show them) only.
    pub redact_paths: BTreeSet<String>,
}

impl ReportOptions {
    /// Whether findings in `path` are printed without their surrounding text.
    pub fn redacts(&self, path: &str) -> bool {
        self.redact_all || self.redact_paths.contains(path)
    }
}

/// A finding's message followed by its suggestions, as one sentence-ended line for formats with one message
/// field.
fn message_with_suggestions(finding: &crate::scan::finding::Finding) -> String {
    let mut message = finding.message.trim_end().to_string();
    if !finding.suggestions.is_empty() {
        if !message.ends_with(['.', '!', '?']) {
            message.push('.');
        }
        message.push_str(&format!(" Try: {}.", suggestion_list(&finding.suggestions)));
    }
    message
}

/// Writes the report of a run in `format` to `out`.
pub fn write_report(
    format: Format,
    reports: &[FileReport],
    rules: &RuleSet,
    summary: &Summary,
    options: &ReportOptions,
    out: &mut dyn Write,
) -> io::Result<()> {
    match format {
        Format::Human => human::write(reports, rules, summary, options, false, out),
        Format::Concise => human::write(reports, rules, summary, options, true, out),
        Format::Json => json::write(reports, rules, summary, out),
        Format::Jsonl => jsonl::write(reports, rules, out),
        Format::Sarif => sarif::write(reports, rules, options, out),
        Format::Github => github::write(reports, rules, out),
        Format::Checkstyle => checkstyle::write(reports, rules, out),
    }
}
