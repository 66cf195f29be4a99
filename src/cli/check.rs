//! `reframe check`: takes paths (or standard input) and the command line, checks every file in parallel with its
//! own settings, leaves out what the baseline accepts, writes the report and gives the exit code.

use std::io::{self, IsTerminal, Write};
use std::path::Path;

use rayon::prelude::*;

use crate::cli::args::{CheckArgs, CheckFormat, Cli};
use crate::cli::progress::{self, Progress};
use crate::cli::run::{CONFIG_BROKEN, Run};
use crate::cli::{EXIT_CLEAN, EXIT_ERROR, EXIT_FINDINGS, Streams, plural};
use crate::report::baseline::BaselineFile;
use crate::report::{self, Format, ReportOptions};
use crate::rules::{RuleSet, Severity};
use crate::scan::check::{FileCheck, FileReport, Outcome, Summary, read_input};
use crate::source::walk::Input;

/// One checked file: its report, the level that fails it, and whether its configuration asks for redaction.
struct Checked {
    report: FileReport,
    fail_on: Severity,
    redact: bool,
}

impl Checked {
    /// A file that could not be checked: it fails at any level.
    fn failed(path: String, message: String) -> Checked {
        Checked {
            report: FileReport {
                path,
                outcome: Outcome::Failed(message),
                notes: Vec::new(),
                words: 0,
            },
            fail_on: Severity::Error,
            redact: false,
        }
    }
}

/// Runs `reframe check`.
pub fn command(cli: &Cli, args: &CheckArgs, streams: &mut Streams) -> io::Result<u8> {
    if args.statistics && !matches!(args.format, CheckFormat::Human | CheckFormat::Concise) {
        writeln!(
            streams.err,
            "error: --statistics prints the overview for people (the human and concise formats); the JSON \
             report holds the same overview in its summary"
        )?;
        return Ok(EXIT_ERROR);
    }
    let mut run = match Run::prepare(
        cli,
        &args.paths,
        args.fail_on,
        args.stdin_filename.as_deref(),
        args.force_exclude,
        streams,
    )? {
        Ok(run) => run,
        Err(code) => return Ok(code),
    };
    if let Some(code) = leave_out_targets(&mut run, args, streams)? {
        return Ok(code);
    }
    // A baseline that cannot be used stops the run before any file is read.
    let baseline = match &args.baseline {
        Some(path) => match BaselineFile::load(path) {
            Ok(baseline) => Some(baseline),
            Err(e) => {
                writeln!(streams.err, "error: {e}")?;
                return Ok(EXIT_ERROR);
            }
        },
        None => None,
    };
    let checked = check_all(&run, args.quiet);
    let options = ReportOptions {
        styled: streams.styled && args.output.is_none(),
        quiet: args.quiet,
        statistics: args.statistics,
        redact_all: args.redact,
        redact_paths: checked
            .iter()
            .filter(|c| c.redact)
            .map(|c| c.report.path.clone())
            .collect(),
    };
    let (mut reports, fail_levels): (Vec<FileReport>, Vec<Severity>) =
        checked.into_iter().map(|c| (c.report, c.fail_on)).unzip();
    let has_errors = reports
        .iter()
        .any(|r| matches!(r.outcome, Outcome::Failed(_)))
        || run.config_errors;
    if let Some(path) = &args.write_baseline {
        return write_baseline(path, &reports, &run.rules, has_errors, streams);
    }
    let baseline_note = baseline.map(|b| b.suppress(&mut reports, &run.rules));
    let failing = reports
        .iter()
        .zip(&fail_levels)
        .any(|(report, fail_on)| report.findings().iter().any(|f| f.severity >= *fail_on));
    let format = report_format(args.format);
    if let Some(code) = write_output(format, &reports, &run.rules, &options, args, streams)? {
        return Ok(code);
    }
    if let Some((suppressed, stale)) = baseline_note
        && matches!(format, Format::Human | Format::Concise)
        && !args.quiet
    {
        write_baseline_note(suppressed, stale, streams)?;
    }
    Ok(if has_errors {
        EXIT_ERROR
    } else if failing {
        EXIT_FINDINGS
    } else {
        EXIT_CLEAN
    })
}

/// Takes the prepared run and the arguments; leaves the report and baseline files out of the inputs, so that they
/// are never read as an input, and gives the exit code when one is also named to be checked (nothing is written).
fn leave_out_targets(
    run: &mut Run,
    args: &CheckArgs,
    streams: &mut Streams,
) -> io::Result<Option<u8>> {
    let targets: Vec<&Path> = [args.output.as_deref(), args.write_baseline.as_deref()]
        .into_iter()
        .flatten()
        .collect();
    for target in targets {
        let Ok(target) = std::fs::canonicalize(target) else {
            continue;
        };
        let same = |p: &Path| std::fs::canonicalize(p).is_ok_and(|p| p == target);
        if args.paths.iter().any(|p| same(p)) {
            writeln!(
                streams.err,
                "error: {} is both a file to check and the file to write the report to; nothing was written",
                target.display()
            )?;
            return Ok(Some(EXIT_ERROR));
        }
        let keep: Vec<bool> = run
            .inputs
            .iter()
            .map(|input| !matches!(input, Input::File(p) if same(p)))
            .collect();
        let mut keep_iter = keep.iter();
        run.inputs.retain(|_| *keep_iter.next().unwrap_or(&true));
        let mut keep_iter = keep.iter();
        run.settings.retain(|_| *keep_iter.next().unwrap_or(&true));
    }
    Ok(None)
}

/// Checks every input in parallel (with a progress bar on a terminal), adds the paths that could not be walked,
/// and sorts the reports by path.
fn check_all(run: &Run, quiet: bool) -> Vec<Checked> {
    let progress = Progress::new(
        run.inputs.len(),
        !quiet && std::io::stderr().is_terminal(),
        progress::delay(),
    );
    let mut checked: Vec<Checked> = run
        .inputs
        .par_iter()
        .zip(run.settings.par_iter())
        .map(|(input, file_settings)| {
            let _tick = Tick(&progress);
            let path = run.display_name(input);
            let Some(file_settings) = file_settings else {
                return Checked::failed(path, CONFIG_BROKEN.into());
            };
            let check = match read_input(input) {
                // A bug met in one file is reported for that file, and the run goes on with the others.
                Ok(bytes) => std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                    run.check_with_notes(input, bytes, file_settings)
                }))
                .unwrap_or_else(|panic| {
                    let detail = panic
                        .downcast_ref::<&str>()
                        .map(|s| s.to_string())
                        .or_else(|| panic.downcast_ref::<String>().cloned())
                        .unwrap_or_default();
                    FileCheck::without_text(Outcome::Failed(format!(
                        "not checked: reframe met a bug in this file ({detail}); please report it"
                    )))
                }),
                Err(e) => FileCheck::without_text(Outcome::Failed(format!(
                    "could not read the file: {e}"
                ))),
            };
            Checked {
                report: FileReport {
                    path,
                    outcome: check.outcome,
                    notes: check.notes,
                    words: check.words,
                },
                fail_on: file_settings.fail_on,
                redact: file_settings.redact,
            }
        })
        .collect();
    progress.finish();
    checked.extend(
        run.walk_errors
            .iter()
            .map(|(path, e)| Checked::failed(path.clone(), e.to_string())),
    );
    checked.sort_by(|a, b| a.report.path.cmp(&b.report.path));
    checked
}

/// The report format for `--format`.
fn report_format(format: CheckFormat) -> Format {
    match format {
        CheckFormat::Human => Format::Human,
        CheckFormat::Concise => Format::Concise,
        CheckFormat::Json => Format::Json,
        CheckFormat::Jsonl => Format::Jsonl,
        CheckFormat::Sarif => Format::Sarif,
        CheckFormat::Github => Format::Github,
        CheckFormat::Checkstyle => Format::Checkstyle,
    }
}

/// Writes the report to standard output or `--output`, and the files that could not be checked to standard
/// error where the format does not carry them. Returns an exit code when the output file cannot be created.
fn write_output(
    format: Format,
    reports: &[FileReport],
    rules: &RuleSet,
    options: &ReportOptions,
    args: &CheckArgs,
    streams: &mut Streams,
) -> io::Result<Option<u8>> {
    let summary = Summary::of(reports, rules);
    // The JSON, SARIF and GitHub reports carry the files that could not be checked; the other formats leave them
    // to standard error.
    if !matches!(format, Format::Json | Format::Sarif | Format::Github) {
        for report in reports {
            if let Outcome::Failed(message) = &report.outcome {
                writeln!(streams.err, "error: {}: {message}", report.path)?;
            }
        }
    }
    match &args.output {
        Some(path) => {
            let mut file = match std::fs::File::create(path) {
                Ok(file) => io::BufWriter::new(file),
                Err(e) => {
                    writeln!(streams.err, "error: {}: {e}", path.display())?;
                    return Ok(Some(EXIT_ERROR));
                }
            };
            report::write_report(format, reports, rules, &summary, options, &mut file)?;
            file.flush()?;
        }
        None => report::write_report(format, reports, rules, &summary, options, streams.out)?,
    }
    if format == Format::Github {
        write_step_summary(reports, rules, &summary, streams)?;
    }
    Ok(None)
}

/// In GitHub Actions (`GITHUB_STEP_SUMMARY` names a file), adds the overview as Markdown to the job's summary page.
/// A summary that cannot be written is a warning: the annotations are the report.
fn write_step_summary(
    reports: &[FileReport],
    rules: &RuleSet,
    summary: &Summary,
    streams: &mut Streams,
) -> io::Result<()> {
    let Some(path) = std::env::var_os("GITHUB_STEP_SUMMARY").filter(|p| !p.is_empty()) else {
        return Ok(());
    };
    let markdown = report::overview::Overview::of(reports, rules)
        .markdown(summary.files_checked, summary.files_with_findings);
    let written = std::fs::OpenOptions::new()
        .append(true)
        .create(true)
        .open(&path)
        .and_then(|mut file| file.write_all(markdown.as_bytes()));
    if let Err(e) = written {
        writeln!(
            streams.err,
            "warning: could not add the overview to the step summary {}: {e}",
            Path::new(&path).display()
        )?;
    }
    Ok(())
}

/// The note after a human report run with `--baseline`.
fn write_baseline_note(suppressed: usize, stale: usize, streams: &mut Streams) -> io::Result<()> {
    let mut note = format!(
        "note: {} in the baseline not shown",
        plural(suppressed, "finding")
    );
    if stale > 0 {
        note.push_str(&format!(
            "; {} no longer found (rewrite it with --write-baseline to drop them)",
            plural(stale, "recorded finding")
        ));
    }
    writeln!(streams.err, "{note}")
}

/// Counts a file as checked when dropped, whichever way its check ends.
struct Tick<'a>(&'a Progress);

impl Drop for Tick<'_> {
    fn drop(&mut self) {
        self.0.tick();
    }
}

/// `--write-baseline`: records every finding; the run then passes unless files could not be checked.
fn write_baseline(
    path: &Path,
    reports: &[FileReport],
    rules: &RuleSet,
    has_errors: bool,
    streams: &mut Streams,
) -> io::Result<u8> {
    let baseline = BaselineFile::record(reports, rules);
    if let Err(e) = baseline.save(path) {
        writeln!(streams.err, "error: {e}")?;
        return Ok(EXIT_ERROR);
    }
    let files = reports.iter().filter(|r| !r.findings().is_empty()).count();
    writeln!(
        streams.err,
        "wrote {}: {} in {}",
        path.display(),
        plural(baseline.len(), "finding"),
        plural(files, "file")
    )?;
    if has_errors {
        for report in reports {
            if let Outcome::Failed(message) = &report.outcome {
                writeln!(streams.err, "error: {}: {message}", report.path)?;
            }
        }
        return Ok(EXIT_ERROR);
    }
    Ok(EXIT_CLEAN)
}
