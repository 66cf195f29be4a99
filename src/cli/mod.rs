//! What each command does: the second stage after parsing, which builds the rule set and matcher, runs, writes
//! to the given streams and decides the exit code. The binary only parses arguments and sets up the streams.

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use annotate_snippets::{AnnotationKind, Level, Renderer, Snippet};

use std::collections::BTreeSet;

use rayon::prelude::*;

use crate::baseline::BaselineFile;
use crate::check::{CheckOptions, FileReport, Outcome, Summary, check_file_with_notes, read_input};
use crate::cli::{
    CheckArgs, Cli, Command, ConfigArgs, ExplainArgs, ExplainFormat, FixArgs, InitArgs, RulesArgs,
    RulesFormat, TestRulesArgs,
};
use crate::config;
use crate::error::{LocatedError, PackErrors};
use crate::explain::{self, RuleDoc, RuleFilter};
use crate::fix;
use crate::progress::Progress;
use crate::report::{self, Format, ReportOptions};
use crate::review;
use crate::rules::{Origin, PackSelection, RuleSet, Severity, pack_files, parse_pack};
use crate::selftest;
use crate::settings::{CliSettings, Configs, FileSettings, Matchers, unknown_names};
use crate::walk::DEFAULT_EXTENSIONS;
use crate::walk::{Input, collect_inputs_with};
use std::io::IsTerminal;

/// Exit code: nothing at or above the failure level.
pub const EXIT_CLEAN: u8 = 0;
/// Exit code: findings at or above the failure level (or failed self-tests).
pub const EXIT_FINDINGS: u8 = 1;
/// Exit code: a usage, configuration, rule pack or input error.
pub const EXIT_ERROR: u8 = 2;

/// The output streams of a run and whether to style them.
pub struct Streams<'a> {
    /// Reports go here.
    pub out: &'a mut dyn Write,
    /// Errors go here.
    pub err: &'a mut dyn Write,
    /// Emit colour codes (the streams strip them when colour is off).
    pub styled: bool,
}

/// Runs a parsed command line and returns the exit code.
pub fn run(cli: Cli, streams: &mut Streams) -> u8 {
    let outcome = match &cli.command {
        Command::Check(args) => check(&cli, args, streams),
        Command::Rules(args) => rules(&cli, args, streams),
        Command::Explain(args) => explain(&cli, args, streams),
        Command::TestRules(args) => test_rules(&cli, args, streams),
        Command::Fix(args) => fix(&cli, args, streams),
        Command::Init(args) => init(args, streams),
        Command::Config(args) => show_config(&cli, args, streams),
    };
    match outcome {
        Ok(code) => code,
        // A closed pipe (`reframe check | head`) is not an error worth a word.
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => EXIT_CLEAN,
        Err(e) => {
            let _ = writeln!(streams.err, "error: {e}");
            EXIT_ERROR
        }
    }
}

fn selection(cli: &Cli) -> PackSelection {
    PackSelection {
        builtin: cli.packs.clone(),
        user_paths: cli.rules.clone(),
        no_builtin: false,
    }
}

/// Loads the rule set, or writes every pack error and returns `None`.
fn load_rules(selection: &PackSelection, streams: &mut Streams) -> io::Result<Option<RuleSet>> {
    match RuleSet::load(selection) {
        Ok(rules) => Ok(Some(rules)),
        Err(errors) => {
            write_pack_errors(&errors, streams)?;
            Ok(None)
        }
    }
}

/// Writes rule pack errors like findings: the place, the line and a caret.
pub fn write_pack_errors(errors: &PackErrors, streams: &mut Streams) -> io::Result<()> {
    write_located_errors(&errors.0, "in the rule packs; nothing was checked", streams)
}

/// Writes errors at places in files, then a count and `what` ("in the configuration").
pub fn write_located_errors(
    errors: &[LocatedError],
    what: &str,
    streams: &mut Streams,
) -> io::Result<()> {
    let renderer = if streams.styled {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    for error in errors {
        writeln!(streams.err, "{}", render_located(error, &renderer))?;
    }
    let count = if errors.len() == 1 {
        "1 error".to_string()
    } else {
        format!("{} errors", errors.len())
    };
    writeln!(streams.err, "{count} {what}")
}

fn render_located(error: &LocatedError, renderer: &Renderer) -> String {
    if error.line_text.is_empty() {
        return format!("error: {error}");
    }
    let start: usize = error
        .line_text
        .char_indices()
        .nth(error.column - 1)
        .map_or(error.line_text.len(), |(i, _)| i);
    let end = error.line_text[start..]
        .chars()
        .next()
        .map_or(start, |c| start + c.len_utf8());
    let group = Level::ERROR.primary_title(error.message.as_str()).element(
        Snippet::source(error.line_text.as_str())
            .line_start(error.line)
            .path(error.path.as_str())
            .annotation(AnnotationKind::Primary.span(start..end)),
    );
    renderer.render(&[group])
}

/// The command line's part of the settings.
fn cli_settings(cli: &Cli, fail_on: Option<crate::cli::Level>) -> CliSettings {
    CliSettings {
        packs: cli.packs.clone(),
        rules: cli.rules.clone(),
        fail_on: fail_on.map(Severity::from),
        include_quotes: cli.include_quotes,
        config: cli.config.clone(),
        no_config: cli.no_config,
    }
}

/// The path whose configuration applies to an input (standard input: `--stdin-filename`, or the current folder).
fn settings_path(input: &Input, stdin_filename: Option<&Path>) -> PathBuf {
    match (input, stdin_filename) {
        (Input::Stdin, Some(name)) => name.to_path_buf(),
        (Input::Stdin, None) => PathBuf::from("stdin"),
        (Input::File(path), _) => path.clone(),
    }
}

/// Everything a run over files needs, built once: the files, their settings, the rules and one matcher per
/// profile.
struct Run {
    stdin_filename: Option<PathBuf>,
    rules: RuleSet,
    inputs: Vec<Input>,
    settings: Vec<Option<FileSettings>>,
    matchers: Matchers,
    walk_errors: Vec<(String, crate::error::InputError)>,
    config_errors: bool,
}

impl Run {
    /// Walks `paths`, finds each file's settings, loads the rules and builds the matchers. Returns the exit code
    /// instead when the rules or settings cannot be used at all (the errors are written).
    fn prepare(
        cli: &Cli,
        paths: &[PathBuf],
        fail_on: Option<crate::cli::Level>,
        stdin_filename: Option<&Path>,
        force_exclude: bool,
        streams: &mut Streams,
    ) -> io::Result<Result<Run, u8>> {
        let mut configs = Configs::new(cli_settings(cli, fail_on));
        let paths = if paths.is_empty() {
            vec![PathBuf::from(".")]
        } else {
            paths.to_vec()
        };
        let (mut inputs, walk_errors) =
            collect_inputs_with(&paths, &mut |path| configs.wanted(path, DEFAULT_EXTENSIONS));
        if force_exclude {
            // Files named on the command line (by pre-commit, say) obey the configuration's `exclude` too.
            inputs.retain(|input| match input {
                Input::File(path) => !configs.excluded(path),
                Input::Stdin => true,
            });
        }
        let settings: Vec<Option<FileSettings>> = inputs
            .iter()
            .map(|input| configs.settings_for(&settings_path(input, stdin_filename)))
            .collect();
        let config_errors = configs.errors();
        if !config_errors.is_empty() {
            write_located_errors(&config_errors, "in the configuration", streams)?;
        }
        let selection = PackSelection {
            builtin: cli.packs.clone(),
            user_paths: configs.pack_paths(),
            no_builtin: false,
        };
        let Some(rules) = load_rules(&selection, streams)? else {
            return Ok(Err(EXIT_ERROR));
        };
        let mut problems = BTreeSet::new();
        for file_settings in settings.iter().flatten() {
            let place = file_settings
                .config
                .as_ref()
                .map_or("the command line".to_string(), |p| p.display().to_string());
            for problem in unknown_names(&rules, file_settings) {
                problems.insert(format!("{place}: {problem}"));
            }
        }
        if !problems.is_empty() {
            for problem in &problems {
                writeln!(streams.err, "error: {problem}")?;
            }
            return Ok(Err(EXIT_ERROR));
        }
        let mut matchers = Matchers::default();
        for file_settings in settings.iter().flatten() {
            matchers.get(&rules, &file_settings.profile);
        }
        Ok(Ok(Run {
            stdin_filename: stdin_filename.map(Path::to_path_buf),
            rules,
            inputs,
            settings,
            matchers,
            walk_errors,
            config_errors: !config_errors.is_empty(),
        }))
    }

    /// The name reports show for an input.
    fn display_name(&self, input: &Input) -> String {
        match (input, &self.stdin_filename) {
            (Input::Stdin, Some(name)) => crate::walk::display_path(name),
            _ => input.display_name(),
        }
    }

    /// The format of an input: by its extension (standard input: `--stdin-filename`'s), as configured in
    /// `formats` or by default.
    fn format(&self, input: &Input, file_settings: &FileSettings) -> crate::source::Format {
        let path = settings_path(input, self.stdin_filename.as_deref());
        let extension = path.extension().and_then(|e| e.to_str()).unwrap_or("");
        file_settings
            .formats
            .iter()
            .find(|(e, _)| e.eq_ignore_ascii_case(extension))
            .and_then(|(_, name)| crate::source::Format::from_name(name))
            .unwrap_or_else(|| crate::source::Format::from_extension(extension))
    }

    /// Checks bytes read from an input with that input's settings.
    fn check_bytes(&self, input: &Input, bytes: Vec<u8>, file_settings: &FileSettings) -> Outcome {
        self.check_with_notes(input, bytes, file_settings).0
    }

    /// Like [`Run::check_bytes`], with the notes of [`FileReport::notes`].
    fn check_with_notes(
        &self,
        input: &Input,
        bytes: Vec<u8>,
        file_settings: &FileSettings,
    ) -> (Outcome, Vec<String>) {
        let matcher = self.matchers.built(&file_settings.profile);
        let options = CheckOptions {
            format: self.format(input, file_settings),
            quotes: file_settings.quotes,
            limits: Default::default(),
        };
        let (mut outcome, notes) = check_file_with_notes(bytes, &options, matcher, &self.rules);
        if let Outcome::Checked(findings) = &mut outcome {
            for finding in findings.iter_mut().filter(|f| !f.quoted) {
                if let Some(level) = file_settings
                    .severity
                    .get(&self.rules.rules[finding.rule].id)
                {
                    finding.severity = *level;
                }
            }
        }
        (outcome, notes)
    }
}

const CONFIG_BROKEN: &str = "not checked: its configuration file has errors";

fn check(cli: &Cli, args: &CheckArgs, streams: &mut Streams) -> io::Result<u8> {
    let run = match Run::prepare(
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
    let progress = Progress::new(
        run.inputs.len(),
        !args.quiet && std::io::stderr().is_terminal(),
        crate::progress::delay(),
    );
    // Each report with the level that fails it and whether its configuration asks for redaction.
    let mut checked: Vec<(FileReport, Severity, bool)> = run
        .inputs
        .par_iter()
        .zip(run.settings.par_iter())
        .map(|(input, file_settings)| {
            let _tick = Tick(&progress);
            let path = run.display_name(input);
            let Some(file_settings) = file_settings else {
                let outcome = Outcome::Failed(CONFIG_BROKEN.into());
                let notes = Vec::new();
                return (
                    FileReport {
                        path,
                        outcome,
                        notes,
                    },
                    Severity::Error,
                    false,
                );
            };
            let (outcome, notes) = match read_input(input) {
                Ok(bytes) => run.check_with_notes(input, bytes, file_settings),
                Err(e) => (
                    Outcome::Failed(format!("could not read the file: {e}")),
                    Vec::new(),
                ),
            };
            (
                FileReport {
                    path,
                    outcome,
                    notes,
                },
                file_settings.fail_on,
                file_settings.redact,
            )
        })
        .collect();
    progress.finish();
    checked.extend(run.walk_errors.iter().map(|(path, e)| {
        let outcome = Outcome::Failed(e.to_string());
        (
            FileReport {
                path: path.clone(),
                outcome,
                notes: Vec::new(),
            },
            Severity::Error,
            false,
        )
    }));
    checked.sort_by(|a, b| a.0.path.cmp(&b.0.path));
    let options = ReportOptions {
        styled: streams.styled && args.output.is_none(),
        quiet: args.quiet,
        redact_all: args.redact,
        redact_paths: checked
            .iter()
            .filter(|c| c.2)
            .map(|c| c.0.path.clone())
            .collect(),
    };
    let (mut reports, fail_levels): (Vec<FileReport>, Vec<Severity>) =
        checked.into_iter().map(|(r, level, _)| (r, level)).unzip();
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
    let summary = Summary::of(&reports, &run.rules);
    let format = match args.format {
        crate::cli::CheckFormat::Human => Format::Human,
        crate::cli::CheckFormat::Json => Format::Json,
        crate::cli::CheckFormat::Jsonl => Format::Jsonl,
        crate::cli::CheckFormat::Sarif => Format::Sarif,
        crate::cli::CheckFormat::Github => Format::Github,
        crate::cli::CheckFormat::Checkstyle => Format::Checkstyle,
    };
    // The JSON, SARIF and GitHub reports carry the files that could not be checked; the other formats leave them
    // to standard error.
    if !matches!(format, Format::Json | Format::Sarif | Format::Github) {
        for report in &reports {
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
                    return Ok(EXIT_ERROR);
                }
            };
            report::write_report(format, &reports, &run.rules, &summary, &options, &mut file)?;
            file.flush()?;
        }
        None => report::write_report(
            format,
            &reports,
            &run.rules,
            &summary,
            &options,
            streams.out,
        )?,
    }
    if let Some((suppressed, stale)) = baseline_note
        && format == Format::Human
        && !args.quiet
    {
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
        writeln!(streams.err, "{note}")?;
    }
    Ok(if has_errors {
        EXIT_ERROR
    } else if failing {
        EXIT_FINDINGS
    } else {
        EXIT_CLEAN
    })
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

/// Extensions `reframe fix` refuses: documents whose text is not stored as plain text.
const NOT_FIXABLE: &[&str] = &["docx", "odt", "html", "htm"];

fn fix(cli: &Cli, args: &FixArgs, streams: &mut Streams) -> io::Result<u8> {
    if args.interactive && !std::io::stdin().is_terminal() {
        writeln!(
            streams.err,
            "error: reframe fix --interactive needs a terminal to ask you about each phrase; \
             run it in a terminal, or use reframe fix --diff"
        )?;
        return Ok(EXIT_ERROR);
    }
    let run = match Run::prepare(
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
    // Locked only for an interactive review: a locked stdin would block reading standard input as the text.
    let mut terminal = args.interactive.then(|| std::io::stdin().lock());
    let mut quit = false;
    let mut errors = run.walk_errors.len();
    for (path, e) in &run.walk_errors {
        writeln!(streams.err, "error: {path}: {e}")?;
    }
    let (mut fixed_phrases, mut fixed_files, mut remaining, mut failing) = (0, 0, 0, false);
    for (input, file_settings) in run.inputs.iter().zip(&run.settings) {
        if quit {
            break;
        }
        let path = run.display_name(input);
        let Some(file_settings) = file_settings else {
            writeln!(streams.err, "error: {path}: {CONFIG_BROKEN}")?;
            errors += 1;
            continue;
        };
        if let Input::File(file) = input
            && let Some(ext) = file.extension().and_then(|e| e.to_str())
            && NOT_FIXABLE.iter().any(|x| x.eq_ignore_ascii_case(ext))
        {
            writeln!(
                streams.err,
                "error: {path}: not fixed: reframe fix changes plain text and Markdown files only; \
                 use reframe check and change the document in its own editor"
            )?;
            errors += 1;
            continue;
        }
        let original = match read_input(input) {
            Ok(bytes) => bytes,
            Err(e) => {
                writeln!(streams.err, "error: {path}: could not read the file: {e}")?;
                errors += 1;
                continue;
            }
        };
        // UTF-16 and Windows-1252 files are fixed as UTF-8 text and written back in their own encoding.
        let (working, transcoded) = match fix::Transcoded::decode(&original) {
            Ok(Some((text, transcoded))) => (text, Some(transcoded)),
            Ok(None) => (original.clone(), None),
            Err(e) => {
                writeln!(streams.err, "error: {path}: {e}")?;
                errors += 1;
                continue;
            }
        };
        let findings = match run.check_bytes(input, working.clone(), file_settings) {
            // Words in quotation marks are the person's own: never changed; nor are phrases with markup inside
            // them (`**service** user`), which a replacement would destroy.
            Outcome::Checked(findings) => findings
                .into_iter()
                .filter(|f| !f.quoted && working.get(f.bytes.clone()) == Some(f.text.as_bytes()))
                .collect::<Vec<_>>(),
            Outcome::Skipped(_) => continue,
            Outcome::Failed(message) => {
                writeln!(streams.err, "error: {path}: {message}")?;
                errors += 1;
                continue;
            }
        };
        let edits = if args.interactive {
            if *input == Input::Stdin {
                writeln!(
                    streams.err,
                    "error: reframe fix --interactive works on files, not standard input"
                )?;
                errors += 1;
                continue;
            }
            let Some(keys) = terminal.as_mut() else {
                unreachable!("the terminal is locked for every interactive run");
            };
            let review = review::review_file(&path, &findings, &run.rules, keys, streams.out)?;
            quit = review.quit;
            review.edits
        } else {
            fix::safe_edits(&findings, &run.rules)
        };
        let fixed_text = fix::apply_edits(&working, &edits);
        let left = match run.check_bytes(input, fixed_text.clone(), file_settings) {
            Outcome::Checked(findings) => findings,
            _ => Vec::new(),
        };
        remaining += left.len();
        failing |= left.iter().any(|f| f.severity >= file_settings.fail_on);
        if edits.is_empty() {
            if *input == Input::Stdin && !args.diff {
                streams.out.write_all(&original)?;
            }
            continue;
        }
        let fixed = match &transcoded {
            Some(transcoded) => match transcoded.encode(&fixed_text) {
                Ok(bytes) => bytes,
                Err(e) => {
                    writeln!(streams.err, "error: {path}: {e}")?;
                    errors += 1;
                    continue;
                }
            },
            None => fixed_text.clone(),
        };
        fixed_phrases += edits.len();
        fixed_files += 1;
        if args.diff {
            let before = String::from_utf8_lossy(&working);
            let after = String::from_utf8_lossy(&fixed_text);
            write!(streams.out, "{}", fix::unified_diff(&path, &before, &after))?;
            continue;
        }
        match input {
            Input::Stdin => streams.out.write_all(&fixed)?,
            Input::File(file) => match fix::write_atomically(file, &original, &fixed) {
                Ok(()) => writeln!(
                    streams.err,
                    "{path}: fixed {}{}",
                    plural(edits.len(), "phrase"),
                    if left.is_empty() {
                        String::new()
                    } else {
                        format!("; {} to review", plural(left.len(), "finding"))
                    }
                )?,
                Err(e) => {
                    writeln!(streams.err, "error: {path}: {e}")?;
                    errors += 1;
                }
            },
        }
    }
    let verb = if args.diff { "would fix" } else { "fixed" };
    writeln!(
        streams.err,
        "{verb} {} in {}; {} left to review with reframe check",
        plural(fixed_phrases, "phrase"),
        plural(fixed_files, "file"),
        plural(remaining, "finding")
    )?;
    Ok(if errors > 0 || run.config_errors {
        EXIT_ERROR
    } else if (args.diff && fixed_phrases > 0) || failing {
        EXIT_FINDINGS
    } else {
        EXIT_CLEAN
    })
}

fn plural(count: usize, word: &str) -> String {
    if count == 1 {
        format!("1 {word}")
    } else {
        format!("{count} {word}s")
    }
}

fn init(args: &InitArgs, streams: &mut Streams) -> io::Result<u8> {
    let path = args
        .path
        .clone()
        .unwrap_or_else(|| PathBuf::from("reframe.toml"));
    if path.exists() {
        writeln!(
            streams.err,
            "error: {} already exists; reframe init never overwrites a file",
            path.display()
        )?;
        return Ok(EXIT_ERROR);
    }
    std::fs::write(&path, config::STARTER)?;
    writeln!(
        streams.out,
        "wrote {}: every setting is commented out; remove the # of those you want",
        path.display()
    )?;
    Ok(EXIT_CLEAN)
}

fn show_config(cli: &Cli, args: &ConfigArgs, streams: &mut Streams) -> io::Result<u8> {
    let mut configs = Configs::new(cli_settings(cli, None));
    let path = args.path.clone().unwrap_or_else(|| PathBuf::from("."));
    let probe = if path.is_dir() {
        path.join("file.txt")
    } else {
        path.clone()
    };
    let settings = configs.settings_for(&probe);
    let errors = configs.errors();
    if !errors.is_empty() {
        write_located_errors(&errors, "in the configuration", streams)?;
        return Ok(EXIT_ERROR);
    }
    let Some(settings) = settings else {
        return Ok(EXIT_ERROR);
    };
    writeln!(
        streams.out,
        "# settings for {}\n# configuration file: {}",
        path.display(),
        settings
            .config
            .as_ref()
            .map_or("none".to_string(), |p| p.display().to_string())
    )?;
    let packs = match &settings.profile.packs {
        Some(packs) => packs.clone(),
        None => match RuleSet::load(&PackSelection::default()) {
            Ok(rules) => rules
                .packs
                .iter()
                .filter(|p| p.default_enabled)
                .map(|p| p.name.clone())
                .collect(),
            Err(_) => Vec::new(),
        },
    };
    let effective = EffectiveSettings {
        packs,
        rules: &settings.profile.user_packs,
        disable: &settings.profile.disable,
        enable: &settings.profile.enable,
        allow: &settings.profile.allow,
        include: &settings.include,
        exclude: &settings.exclude,
        quotes: settings.quotes,
        fail_on: settings.fail_on,
        redact: settings.redact,
        severity: &settings.severity,
        formats: &settings.formats,
    };
    let text = toml::to_string(&effective).map_err(io::Error::other)?;
    write!(streams.out, "{text}")?;
    Ok(EXIT_CLEAN)
}

/// The settings for a path as `reframe config` prints them: the keys of reframe.toml.
#[derive(serde::Serialize)]
#[serde(rename_all = "kebab-case")]
struct EffectiveSettings<'a> {
    packs: Vec<String>,
    rules: &'a [PathBuf],
    disable: &'a [String],
    enable: &'a [String],
    allow: &'a [String],
    include: &'a [String],
    exclude: &'a [String],
    quotes: config::QuotePolicy,
    fail_on: Severity,
    redact: bool,
    severity: &'a std::collections::BTreeMap<String, Severity>,
    formats: &'a std::collections::BTreeMap<String, String>,
}

fn rules(cli: &Cli, args: &RulesArgs, streams: &mut Streams) -> io::Result<u8> {
    // `--pack` filters the listing here; every pack is loaded so that the list can show what is off.
    let mut all = selection(cli);
    all.builtin.clear();
    let Some(mut rules) = load_rules(&all, streams)? else {
        return Ok(EXIT_ERROR);
    };
    if !cli.packs.is_empty() {
        for pack in &mut rules.packs {
            pack.enabled =
                cli.packs.contains(&pack.name) || !matches!(pack.origin, Origin::Builtin(_));
        }
    }
    let filter = RuleFilter {
        packs: cli.packs.clone(),
        categories: args.categories.iter().map(|&c| c.into()).collect(),
    };
    match args.format {
        RulesFormat::Human => explain::write_rules_table(&rules, &filter, streams.out)?,
        RulesFormat::Json => explain::write_rules_json(&rules, &filter, streams.out)?,
        RulesFormat::Markdown => explain::write_rules_markdown(&rules, &filter, streams.out)?,
    }
    Ok(EXIT_CLEAN)
}

fn explain(cli: &Cli, args: &ExplainArgs, streams: &mut Streams) -> io::Result<u8> {
    let Some(rules) = load_rules(&selection(cli), streams)? else {
        return Ok(EXIT_ERROR);
    };
    match explain::find_rule(&rules, &args.rule) {
        Ok(rule) => {
            match args.format {
                ExplainFormat::Human => explain::write_explanation(&rules, rule, streams.out)?,
                ExplainFormat::Json => {
                    serde_json::to_writer_pretty(&mut *streams.out, &RuleDoc::new(&rules, rule))?;
                    writeln!(streams.out)?;
                }
            }
            Ok(EXIT_CLEAN)
        }
        Err(e) => {
            writeln!(streams.err, "error: {e}")?;
            Ok(EXIT_ERROR)
        }
    }
}

fn test_rules(cli: &Cli, args: &TestRulesArgs, streams: &mut Streams) -> io::Result<u8> {
    let mut selection = selection(cli);
    for path in &args.paths {
        if !selection.user_paths.contains(path) {
            selection.user_paths.push(path.clone());
        }
    }
    let Some(mut rules) = load_rules(&selection, streams)? else {
        return Ok(EXIT_ERROR);
    };
    // Every pack takes part, so that suggestions and shared terms are checked against all of them, unless
    // `--pack` names the packs to test against.
    if cli.packs.is_empty() {
        for pack in &mut rules.packs {
            pack.enabled = true;
        }
    }
    let tested: Vec<String> = if args.paths.is_empty() {
        rules.packs.iter().map(|p| p.name.clone()).collect()
    } else {
        let mut names = Vec::new();
        for path in &args.paths {
            for file in pack_files(path)? {
                let source = std::fs::read_to_string(&file)?;
                if let Ok(parsed) = parse_pack(&source, Origin::File(file.clone())) {
                    names.push(parsed.pack.name);
                }
            }
        }
        names
    };
    let result = selftest::run(&rules, &tested);
    for failure in &result.failures {
        writeln!(
            streams.out,
            "FAIL {}:{}: {}: {}",
            failure.path, failure.line, failure.rule, failure.message
        )?;
    }
    writeln!(
        streams.out,
        "{}, {}, {}: {} passed, {} failed",
        plural(result.packs, "pack"),
        plural(result.rules, "rule"),
        plural(result.checks, "check"),
        result.checks - result.failures.len(),
        result.failures.len()
    )?;
    Ok(if result.failures.is_empty() {
        EXIT_CLEAN
    } else {
        EXIT_FINDINGS
    })
}
