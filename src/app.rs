//! What each command does: the second stage after parsing, which builds the rule set and matcher, runs, writes
//! to the given streams and decides the exit code. The binary only parses arguments and sets up the streams.

use std::io::{self, Write};
use std::path::PathBuf;

use annotate_snippets::{AnnotationKind, Level, Renderer, Snippet};

use crate::check::{Summary, check_paths};
use crate::cli::{
    CheckArgs, Cli, Command, ExplainArgs, ExplainFormat, RulesArgs, RulesFormat, TestRulesArgs,
};
use crate::error::{LocatedError, PackErrors};
use crate::explain::{self, RuleDoc, RuleFilter};
use crate::matcher::Matcher;
use crate::report::{self, Format, HumanOptions};
use crate::rules::{Origin, PackSelection, RuleSet, Severity, pack_files, parse_pack};
use crate::selftest;
use crate::walk::DEFAULT_EXTENSIONS;

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
    let renderer = if streams.styled {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    for error in &errors.0 {
        writeln!(streams.err, "{}", render_located(error, &renderer))?;
    }
    writeln!(
        streams.err,
        "{} in the rule packs; nothing was checked",
        if errors.0.len() == 1 {
            "1 error".to_string()
        } else {
            format!("{} errors", errors.0.len())
        }
    )
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

fn check(cli: &Cli, args: &CheckArgs, streams: &mut Streams) -> io::Result<u8> {
    let Some(rules) = load_rules(&selection(cli), streams)? else {
        return Ok(EXIT_ERROR);
    };
    let matcher = Matcher::new(&rules, &[]);
    let paths = if args.paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        args.paths.clone()
    };
    let reports = check_paths(&paths, DEFAULT_EXTENSIONS, &matcher, &rules);
    let summary = Summary::of(&reports, &rules);
    let format = match args.format {
        crate::cli::CheckFormat::Human => Format::Human,
        crate::cli::CheckFormat::Json => Format::Json,
    };
    if format == Format::Human {
        for report in &reports {
            if let crate::check::Outcome::Failed(message) = &report.outcome {
                writeln!(streams.err, "error: {}: {message}", report.path)?;
            }
        }
    }
    let human = HumanOptions {
        styled: streams.styled,
        quiet: args.quiet,
    };
    report::write_report(format, &reports, &rules, &summary, &human, streams.out)?;
    Ok(if summary.errors > 0 {
        EXIT_ERROR
    } else if summary.fails_at(Severity::from(args.fail_on)) {
        EXIT_FINDINGS
    } else {
        EXIT_CLEAN
    })
}

fn rules(cli: &Cli, args: &RulesArgs, streams: &mut Streams) -> io::Result<u8> {
    // `--pack` filters the listing here; every pack is loaded so that the list can show what is off.
    let mut all = selection(cli);
    all.builtin.clear();
    let Some(rules) = load_rules(&all, streams)? else {
        return Ok(EXIT_ERROR);
    };
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
    // Every pack takes part, so that suggestions and shared terms are checked against all of them.
    for pack in &mut rules.packs {
        pack.enabled = true;
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
        "{} packs, {} rules, {} checks: {} passed, {} failed",
        result.packs,
        result.rules,
        result.checks,
        result.checks - result.failures.len(),
        result.failures.len()
    )?;
    Ok(if result.failures.is_empty() {
        EXIT_CLEAN
    } else {
        EXIT_FINDINGS
    })
}
