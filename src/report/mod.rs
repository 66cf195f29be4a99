//! Reporters: one module per output format, all behind [`write_report`].

mod human;
mod json;

use std::io::{self, Write};

use crate::check::{FileReport, Summary};
use crate::rules::RuleSet;

pub use human::{HumanOptions, suggestion_list};
pub use json::{JsonError, JsonFinding, JsonReport, JsonSummary, json_report};

/// The output formats of `reframe check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Plain, readable text with the source line and suggestions, for people.
    Human,
    /// One JSON object for the whole run (documented on [`JsonReport`]).
    Json,
}

/// Writes the report of a run in `format` to `out`.
pub fn write_report(
    format: Format,
    reports: &[FileReport],
    rules: &RuleSet,
    summary: &Summary,
    human: &HumanOptions,
    out: &mut dyn Write,
) -> io::Result<()> {
    match format {
        Format::Human => human::write(reports, rules, summary, human, out),
        Format::Json => json::write(reports, rules, summary, out),
    }
}
