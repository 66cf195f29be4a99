//! The human format: each finding with its place, the line with the phrase underlined, and the suggestions.

use std::io::{self, Write};

use annotate_snippets::{AnnotationKind, Level, Origin, Renderer, Snippet};

use super::ReportOptions;
use super::overview::{Overview, plural, plural_words};
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

pub(super) fn write(
    reports: &[FileReport],
    rules: &RuleSet,
    summary: &Summary,
    options: &ReportOptions,
    concise: bool,
    out: &mut dyn Write,
) -> io::Result<()> {
    let renderer = if options.styled {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    for report in reports {
        match &report.outcome {
            Outcome::Checked(findings) if !options.statistics => {
                let redact = options.redacts(&report.path);
                // Certain findings first; possible ones (the sense is unclear) after them, marked as worth a look.
                let certain = findings
                    .iter()
                    .filter(|f| f.confidence == Confidence::Certain);
                let possible = findings
                    .iter()
                    .filter(|f| f.confidence == Confidence::Possible);
                for finding in certain.chain(possible) {
                    if concise {
                        write_concise(finding, &report.path, rules, out)?;
                    } else {
                        write_finding(finding, &report.path, rules, redact, &renderer, out)?;
                    }
                }
            }
            Outcome::Checked(_) => {}
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
        let overview = Overview::of(reports, rules);
        // The concise format keeps to one line per finding: its overview comes with --statistics only.
        if overview.findings() > 0 {
            if concise && !options.statistics {
                writeln!(out)?;
            } else {
                write_overview(&overview, summary, out)?;
            }
        }
        writeln!(out, "{}", closing_line(summary, &overview))?;
    }
    Ok(())
}

/// One finding on one line: `path:line:column: severity[rule] message. Try: suggestions.`, with the place in a
/// document and "possible" when the sense is unclear.
fn write_concise(
    finding: &Finding,
    path: &str,
    rules: &RuleSet,
    out: &mut dyn Write,
) -> io::Result<()> {
    let rule = &rules.rules[finding.rule];
    let possible = if finding.confidence == Confidence::Possible {
        " (possible: worth a look)"
    } else {
        ""
    };
    let location = finding
        .location
        .as_ref()
        .map(|l| format!(" (in {l})"))
        .unwrap_or_default();
    writeln!(
        out,
        "{path}:{}:{}: {}[{}]{possible} {}{location}",
        finding.line,
        finding.column,
        finding.severity.as_str(),
        rule.id,
        super::message_with_suggestions(finding),
    )
}

/// The overview after the findings: words checked and the rate, counts by kind of language, the most frequent
/// phrases with the first suggestion, and, for several documents, those with the most phrases.
fn write_overview(overview: &Overview, summary: &Summary, out: &mut dyn Write) -> io::Result<()> {
    let place = match overview.documents.as_slice() {
        [one] => one.path.clone(),
        _ => plural(summary.files_checked, "file", "files"),
    };
    writeln!(
        out,
        "Overview: {} checked in {place}",
        plural_words(overview.words)
    )?;
    writeln!(
        out,
        "  {}: {:.1} in every 1,000 words",
        overview.found_counts(),
        overview.per_thousand_words
    )?;
    writeln!(out, "  By kind of language:")?;
    let width = overview
        .by_category
        .iter()
        .map(|c| c.category.as_str().len())
        .max()
        .unwrap_or(0);
    let count_width = overview
        .by_category
        .first()
        .map_or(1, |c| c.findings.to_string().len());
    for c in &overview.by_category {
        writeln!(
            out,
            "    {:>count_width$}  {:<width$}  {}",
            c.findings,
            c.category.as_str(),
            c.meaning
        )?;
    }
    writeln!(out, "  Most frequent phrases:")?;
    let shown: Vec<_> = overview.top_phrases.iter().take(TOP_SHOWN).collect();
    let width = shown
        .iter()
        .map(|p| p.phrase.chars().count() + 2)
        .max()
        .unwrap_or(0);
    let count_width = shown.first().map_or(1, |p| p.findings.to_string().len());
    for p in shown {
        let quoted = format!("\u{201C}{}\u{201D}", p.phrase);
        match &p.suggestion {
            Some(s) => writeln!(
                out,
                "    {:>count_width$}  {quoted:<width$}  try: {s}",
                p.findings
            )?,
            None => writeln!(out, "    {:>count_width$}  {quoted}", p.findings)?,
        }
    }
    if overview.documents.len() > 1 {
        let documents = overview.documents_with_findings();
        writeln!(out, "  Documents with the most phrases:")?;
        let count_width = documents
            .first()
            .map_or(1, |d| d.findings.to_string().len());
        for d in documents.iter().take(TOP_SHOWN) {
            writeln!(
                out,
                "    {:>count_width$}  {} ({:.1} in every 1,000 words)",
                d.findings, d.path, d.per_thousand_words
            )?;
        }
        if documents.len() > TOP_SHOWN {
            writeln!(
                out,
                "    and {} more {} (the JSON report lists every one)",
                documents.len() - TOP_SHOWN,
                if documents.len() - TOP_SHOWN == 1 {
                    "document"
                } else {
                    "documents"
                }
            )?;
        }
    }
    writeln!(out)
}

/// How many phrases, documents and frequent phrases the overview shows.
const TOP_SHOWN: usize = 5;

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

/// Takes the run's summary and overview; gives its closing line in plain words: the phrases to change and worth a
/// look, in how many files, the counts by severity (the exit code follows them), and the files not checked. A run
/// with nothing found says so kindly.
fn closing_line(summary: &Summary, overview: &Overview) -> String {
    let mut line = if summary.findings == 0 {
        if summary.errors == 0 && summary.files_checked > 0 {
            format!(
                "Nothing to change: no phrases found in {} ({} checked)",
                plural(summary.files_checked, "file", "files"),
                plural_words(overview.words)
            )
        } else {
            format!(
                "No phrases found in {}",
                plural(summary.files_checked, "file", "files")
            )
        }
    } else {
        format!(
            "{} in {} of {}",
            overview.found_counts(),
            summary.files_with_findings,
            plural(summary.files_checked, "file", "files"),
        )
    };
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
