//! The commands: the last step of the flow, which takes the parsed command line, builds the settings, rule set
//! and matchers, runs the command over the inputs, writes to the given streams and decides the exit code. The
//! binary only parses arguments and sets up the streams.
//!
//! One file per command ([`check`], [`fix`](mod@fix), [`explain`] for `rules` and `explain`, [`test_rules`],
//! [`init`] for `init` and `config`), beside what they share: [`args`] (the command line), [`config`] (the
//! `reframe.toml` format), [`settings`] (the layers of settings for each file), [`run`](mod@run) (a run over
//! files, built once) and [`progress`].

pub mod args;
pub mod check;
pub mod config;
pub mod explain;
pub mod fix;
pub mod init;
pub mod progress;
pub mod run;
pub mod settings;
pub mod test_rules;

use std::io::{self, Write};

use annotate_snippets::{AnnotationKind, Level, Renderer, Snippet};

use crate::cli::args::{Cli, Command};
use crate::cli::settings::CliSettings;
use crate::error::{LocatedError, PackErrors};
use crate::rules::{PackSelection, RuleSet, Severity};

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
        Command::Check(args) => check::command(&cli, args, streams),
        Command::Rules(args) => explain::rules_command(&cli, args, streams),
        Command::Explain(args) => explain::explain_command(&cli, args, streams),
        Command::TestRules(args) => test_rules::command(&cli, args, streams),
        Command::Fix(args) => fix::command(&cli, args, streams),
        Command::Init(args) => init::init_command(args, streams),
        Command::Config(args) => init::config_command(&cli, args, streams),
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

/// The packs the command line selects.
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
fn cli_settings(cli: &Cli, fail_on: Option<crate::cli::args::Level>) -> CliSettings {
    CliSettings {
        packs: cli.packs.clone(),
        rules: cli.rules.clone(),
        fail_on: fail_on.map(Severity::from),
        include_quotes: cli.include_quotes,
        config: cli.config.clone(),
        no_config: cli.no_config,
    }
}

fn plural(count: usize, word: &str) -> String {
    if count == 1 {
        format!("1 {word}")
    } else {
        format!("{count} {word}s")
    }
}
