//! The human format: each finding with its place, the line with the phrase underlined, and the suggestions.

use std::io::{self, Write};

use annotate_snippets::{AnnotationKind, Level, Origin, Renderer, Snippet};

use super::ReportOptions;
use crate::rules::{RuleSet, Severity, is_hint};
use crate::scan::check::{FileReport, Outcome, Summary};
use crate::scan::finding::Finding;
use crate::scan::sense::Confidence;

fn level(severity: Severity) -> Level<'static> {
    match severity {
        Severity::Info => Level::INFO,
        Severity::Warning => Level::WARNING,
        Severity::Error => Level::ERROR,
    }
}

/// Formats suggestions for people: literal ones in quotes, hints as plain words.
pub fn suggestion_list(suggestions: &[String]) -> String {
    suggestions
        .iter()
        .map(|s| {
            if is_hint(s) {
                s[1..s.len() - 1].to_string()
            } else {
                format!("\u{201C}{s}\u{201D}")
            }
        })
        .collect::<Vec<_>>()
        .join(", ")
}

fn plural(count: usize, one: &str, many: &str) -> String {
    format!("{count} {}", if count == 1 { one } else { many })
}

pub(super) fn write(
    reports: &[FileReport],
    rules: &RuleSet,
    summary: &Summary,
    options: &ReportOptions,
    out: &mut dyn Write,
) -> io::Result<()> {
    let renderer = if options.styled {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    for report in reports {
        match &report.outcome {
            Outcome::Checked(findings) => {
                let redact = options.redacts(&report.path);
                // Certain findings first; possible ones (the sense is unclear) after them, marked as worth a look.
                let certain = findings
                    .iter()
                    .filter(|f| f.confidence == Confidence::Certain);
                let possible = findings
                    .iter()
                    .filter(|f| f.confidence == Confidence::Possible);
                for finding in certain.chain(possible) {
                    write_finding(finding, &report.path, rules, redact, &renderer, out)?;
                }
            }
            Outcome::Skipped(reason) => {
                if !options.quiet {
                    writeln!(out, "note: {}: {reason}", report.path)?;
                }
            }
            Outcome::Failed(_) => {}
        }
        if !options.quiet {
            for note in &report.notes {
                writeln!(out, "{}:{note}", report.path)?;
            }
        }
    }
    if !options.quiet {
        writeln!(out, "{}", summary_line(summary))?;
    }
    Ok(())
}

/// Takes one finding in the file at `path`, the rule set, whether the file's text is redacted and the renderer;
/// writes the finding with its place, the line with the phrase underlined (unless redacted) and the suggestions.
fn write_finding(
    finding: &Finding,
    path: &str,
    rules: &RuleSet,
    redact: bool,
    renderer: &Renderer,
    out: &mut dyn Write,
) -> io::Result<()> {
    let rule = &rules.rules[finding.rule];
    let title = level(finding.severity)
        .primary_title(finding.message.as_str())
        .id(rule.id.as_str());
    let help = Level::HELP
        .with_name(Some("try"))
        .message(suggestion_list(&finding.suggestions));
    // Where in a document (paragraph, table cell, footnote); not the words around the phrase.
    let location = finding
        .location
        .as_ref()
        .map(|l| Level::NOTE.message(format!("in {l}")));
    let worth_a_look = (finding.confidence == Confidence::Possible).then(|| {
        Level::NOTE.message(
            "possible: worth a look; the words around it do not show whether it is said of a person",
        )
    });
    let location = location.into_iter().chain(worth_a_look);
    if redact {
        // The place and the phrase (in the message), never the line around it.
        let origin = Origin::path(path)
            .line(finding.line)
            .char_column(finding.column);
        let group = title.element(origin).elements(location).element(help);
        return writeln!(out, "{}\n", renderer.render(&[group]));
    }
    let context = &finding.context;
    // The phrase is the primary annotation (its line:column heads the finding); an article the
    // suggestions replace too is marked as context.
    let span = context.phrase.clone();
    let article = (context.replace.start < span.start).then(|| {
        let from = context.replace.start;
        let len = context.text[from..]
            .find(|c: char| !c.is_alphabetic())
            .unwrap_or(0);
        AnnotationKind::Context.span(from..from + len)
    });
    let snippet = Snippet::source(context.text.as_str())
        .line_start(context.first_line)
        .fold(false)
        .annotation(AnnotationKind::Primary.span(span))
        .annotations(article);
    // A long line is cut to a window around the phrase: the place comes from the finding, as the
    // snippet no longer starts at the line's first column.
    let group = if context.first_column > 1 {
        let origin = Origin::path(path)
            .line(finding.line)
            .char_column(finding.column);
        title.element(origin).element(snippet)
    } else {
        title.element(snippet.path(path))
    };
    let group = group.elements(location).element(help);
    writeln!(out, "{}\n", renderer.render(&[group]))
}

/// Takes the run's summary; gives its closing line: findings, files, and counts by severity and of failures.
fn summary_line(summary: &Summary) -> String {
    let mut line = format!(
        "{} in {} of {}",
        plural(summary.findings, "finding", "findings"),
        summary.files_with_findings,
        plural(summary.files_checked, "file", "files"),
    );
    if summary.findings > 0 {
        let parts: Vec<String> = Severity::ALL
            .iter()
            .rev()
            .filter_map(|s| {
                let n = summary.by_severity.get(s).copied().unwrap_or(0);
                (n > 0).then(|| match s {
                    Severity::Error => plural(n, "error", "errors"),
                    Severity::Warning => plural(n, "warning", "warnings"),
                    Severity::Info => format!("{n} info"),
                })
            })
            .collect();
        line.push_str(&format!(" ({})", parts.join(", ")));
    }
    if summary.errors > 0 {
        line.push_str(&format!(
            "; {} could not be checked",
            plural(summary.errors, "file", "files")
        ));
    }
    line
}
