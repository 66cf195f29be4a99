//! A run over files, built once for `check` and `fix`: takes the paths and the command line, gives the inputs,
//! each input's settings, the rule set and one matcher per settings profile, and checks one input's bytes with
//! its settings.

use std::collections::BTreeSet;
use std::io;
use std::path::{Path, PathBuf};

use crate::cli::args::{Cli, Level};
use crate::cli::settings::{Configs, FileSettings, Matchers, unknown_names};
use crate::cli::{EXIT_ERROR, Streams, cli_settings, load_rules, write_located_errors};
use crate::rules::{PackSelection, RuleSet};
use crate::scan::check::{CheckOptions, FileCheck, Outcome, check_file_with_notes};
use crate::scan::finding::capped;
use crate::source::Format;
use crate::source::walk::{DEFAULT_EXTENSIONS, Input, collect_inputs_with, display_path};

/// The reason a file whose configuration has errors is not checked.
pub const CONFIG_BROKEN: &str = "not checked: its configuration file has errors";

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
pub struct Run {
    stdin_filename: Option<PathBuf>,
    /// The rule set, with the user's packs of every configuration that applies.
    pub rules: RuleSet,
    /// The files to check, in walk order.
    pub inputs: Vec<Input>,
    /// Each input's settings, or `None` where its configuration has errors.
    pub settings: Vec<Option<FileSettings>>,
    matchers: Matchers,
    /// Paths that could not be walked, with why.
    pub walk_errors: Vec<(String, crate::error::InputError)>,
    /// Whether any configuration had errors (the run then exits 2).
    pub config_errors: bool,
}

impl Run {
    /// Walks `paths`, finds each file's settings, loads the rules and builds the matchers. Returns the exit code
    /// instead when the rules or settings cannot be used at all (the errors are written).
    pub fn prepare(
        cli: &Cli,
        paths: &[PathBuf],
        fail_on: Option<Level>,
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
    pub fn display_name(&self, input: &Input) -> String {
        match (input, &self.stdin_filename) {
            (Input::Stdin, Some(name)) => display_path(name),
            _ => input.display_name(),
        }
    }

    /// The format of an input: by its extension (standard input: `--stdin-filename`'s), as configured in
    /// `formats` or by default.
    pub fn format(&self, input: &Input, file_settings: &FileSettings) -> Format {
        let path = settings_path(input, self.stdin_filename.as_deref());
        let extension = path.extension().and_then(|e| e.to_str()).unwrap_or("");
        file_settings
            .formats
            .iter()
            .find(|(e, _)| e.eq_ignore_ascii_case(extension))
            .and_then(|(_, name)| Format::from_name(name))
            .unwrap_or_else(|| Format::from_extension(extension))
    }

    /// Checks bytes read from an input with that input's settings.
    pub fn check_bytes(
        &self,
        input: &Input,
        bytes: Vec<u8>,
        file_settings: &FileSettings,
    ) -> Outcome {
        self.check_with_notes(input, bytes, file_settings).outcome
    }

    /// Like [`Run::check_bytes`], with the notes of [`FileReport::notes`](crate::scan::check::FileReport::notes) and
    /// the words checked.
    pub fn check_with_notes(
        &self,
        input: &Input,
        bytes: Vec<u8>,
        file_settings: &FileSettings,
    ) -> FileCheck {
        let matcher = self.matchers.built(&file_settings.profile);
        let options = CheckOptions {
            format: self.format(input, file_settings),
            quotes: file_settings.quotes,
            limits: Default::default(),
        };
        let mut check = check_file_with_notes(bytes, &options, matcher, &self.rules);
        if let Outcome::Checked(findings) = &mut check.outcome {
            for finding in findings.iter_mut().filter(|f| !f.quoted) {
                let rule = &self.rules.rules[finding.rule];
                let level = std::iter::once(&rule.id)
                    .chain(&rule.split_from)
                    .find_map(|name| file_settings.severity.get(name));
                if let Some(level) = level {
                    finding.severity = capped(*level, finding.confidence);
                }
            }
        }
        check
    }
}
