//! `reframe.toml`: finding the configuration file, parsing it, and reporting its errors with file:line:column.
//!
//! The file is looked for from each checked path up to the filesystem root, as `reframe.toml` or
//! `.reframe.toml`; the nearest wins. Keys (the same at the top level and in `[[overrides]]`): `packs`, `rules`,
//! `disable`, `enable`, `severity`, `allow`, `include`, `exclude`, `formats`, `quotes`, `fail-on`, `redact`. Unknown keys
//! and bad values are errors, never silently ignored.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::de::IntoDeserializer;
use serde::{Deserialize, Serialize};
use toml::Spanned;
use toml::de::{DeTable, DeValue};

use crate::error::LocatedError;
use crate::rules::{Severity, did_you_mean};

pub use crate::source::quotes::QuotePolicy;

/// The file names a configuration may have, in order of preference within one folder.
pub const CONFIG_NAMES: [&str; 2] = ["reframe.toml", ".reframe.toml"];

/// The settings a configuration file may give, at its top level or in an override. Every key is optional;
/// `None` means "not set here".
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Options {
    /// Built-in packs to enable (replaces the default set).
    pub packs: Option<Vec<String>>,
    /// Extra rule pack files or folders, relative to the configuration file.
    pub rules: Option<Vec<PathBuf>>,
    /// Rule ids or categories to turn off.
    pub disable: Option<Vec<String>>,
    /// Rule ids or categories to turn on, even from packs that are off; wins over `disable`.
    pub enable: Option<Vec<String>>,
    /// Severity per rule id.
    pub severity: Option<BTreeMap<String, Severity>>,
    /// Phrases never flagged (an organisation's name, a statutory term that must be quoted).
    pub allow: Option<Vec<String>>,
    /// Globs of files to check when walking folders (relative to the configuration file).
    pub include: Option<Vec<String>>,
    /// Globs of files and folders to leave out (relative to the configuration file).
    pub exclude: Option<Vec<String>>,
    /// File extension (without the dot) to format name.
    pub formats: Option<BTreeMap<String, String>>,
    /// What to do with quoted speech.
    pub quotes: Option<QuotePolicy>,
    /// The lowest severity that makes the run fail.
    pub fail_on: Option<Severity>,
    /// Print findings without the text around them.
    pub redact: Option<bool>,
}

/// The keys of [`Options`], for "did you mean".
pub const OPTION_KEYS: &[&str] = &[
    "packs", "rules", "disable", "enable", "severity", "allow", "include", "exclude", "formats",
    "quotes", "fail-on", "redact",
];

/// Settings for the files that match some globs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Override {
    /// Globs, relative to the configuration file's folder.
    pub paths: Vec<String>,
    /// The settings for those files.
    pub options: Options,
}

/// A parsed configuration file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Config {
    /// The file.
    pub path: PathBuf,
    /// The settings for every file under its folder.
    pub options: Options,
    /// Settings for some paths, applied in order after `options`.
    pub overrides: Vec<Override>,
}

impl Config {
    /// The folder the configuration's relative paths and globs are relative to.
    pub fn dir(&self) -> &Path {
        self.path.parent().unwrap_or(Path::new("."))
    }
}

/// Reads and parses a configuration file.
pub fn load(path: &Path) -> Result<Config, Vec<LocatedError>> {
    let source =
        crate::read::read_text_capped(path, crate::read::MAX_CONFIG_BYTES).map_err(|e| {
            vec![LocatedError {
                path: path.display().to_string(),
                line: 1,
                column: 1,
                line_text: String::new(),
                message: format!("could not read the configuration: {e}"),
            }]
        })?;
    parse(&source, path)
}

/// Parses configuration text that came from `path`.
pub fn parse(source: &str, path: &Path) -> Result<Config, Vec<LocatedError>> {
    let shown = path.display().to_string();
    let err_at = |offset: usize, message: String| LocatedError::at(&shown, source, offset, message);
    let document = DeTable::parse(source).map_err(|e| {
        vec![err_at(
            e.span().map_or(0, |s| s.start),
            e.message().trim().to_string(),
        )]
    })?;
    let mut errors = Vec::new();
    let dir = path.parent().unwrap_or(Path::new("."));
    let mut top = DeTable::new();
    let mut overrides = Vec::new();
    for (key, value) in document.get_ref().iter() {
        if key.get_ref().as_ref() == "overrides" {
            match value.get_ref() {
                DeValue::Array(items) => {
                    for item in items.iter() {
                        match parse_override(item, dir, &err_at) {
                            Ok(o) => overrides.push(o),
                            Err(e) => errors.extend(e),
                        }
                    }
                }
                _ => errors.push(err_at(
                    value.span().start,
                    "`overrides` must be an array of tables: write each under `[[overrides]]`"
                        .into(),
                )),
            }
        } else {
            top.insert(key.clone(), value.clone());
        }
    }
    let options = match parse_options(top, document.span(), dir, &err_at) {
        Ok(options) => Some(options),
        Err(e) => {
            errors.extend(e);
            None
        }
    };
    if errors.is_empty() {
        Ok(Config {
            path: path.to_path_buf(),
            options: options.unwrap_or_default(),
            overrides,
        })
    } else {
        errors.sort_by_key(|e| (e.line, e.column));
        Err(errors)
    }
}

fn parse_override(
    item: &Spanned<DeValue<'_>>,
    dir: &Path,
    err_at: &dyn Fn(usize, String) -> LocatedError,
) -> Result<Override, Vec<LocatedError>> {
    let DeValue::Table(table) = item.get_ref() else {
        return Err(vec![err_at(
            item.span().start,
            "each override must be a table".into(),
        )]);
    };
    let mut rest = DeTable::new();
    let mut paths = None;
    let mut errors = Vec::new();
    for (key, value) in table.iter() {
        if key.get_ref().as_ref() == "paths" {
            match Vec::<String>::deserialize(value.clone().into_deserializer()) {
                Ok(p) if !p.is_empty() => paths = Some(p),
                Ok(_) => errors.push(err_at(
                    value.span().start,
                    "`paths` needs at least one glob".into(),
                )),
                Err(e) => errors.push(err_at(
                    e.span().map_or(value.span().start, |s| s.start),
                    e.message().trim().to_string(),
                )),
            }
        } else {
            rest.insert(key.clone(), value.clone());
        }
    }
    if paths.is_none() && errors.is_empty() {
        errors.push(err_at(
            item.span().start,
            "this override has no `paths`: say which files it applies to, e.g. paths = [\"bids/**\"]".into(),
        ));
    }
    match parse_options(rest, item.span(), dir, err_at) {
        Ok(options) if errors.is_empty() => Ok(Override {
            paths: paths.unwrap_or_default(),
            options,
        }),
        Ok(_) => Err(errors),
        Err(e) => {
            errors.extend(e);
            Err(errors)
        }
    }
}

fn parse_options(
    table: DeTable<'_>,
    span: std::ops::Range<usize>,
    dir: &Path,
    err_at: &dyn Fn(usize, String) -> LocatedError,
) -> Result<Options, Vec<LocatedError>> {
    // Unknown keys first, each with its own place and a suggestion.
    let mut errors = Vec::new();
    // A repository's configuration may name packs inside the repository only: a pull request must not make
    // reframe read (and quote, in an error) a file elsewhere on the machine.
    for (key, value) in table.iter() {
        if key.get_ref().as_ref() != "rules" {
            continue;
        }
        if let DeValue::Array(items) = value.get_ref() {
            for item in items.iter() {
                if let DeValue::String(name) = item.get_ref()
                    && outside_repository(dir, Path::new(name.as_ref()))
                {
                    errors.push(err_at(
                        item.span().start,
                        format!(
                            "`rules` names a path outside the repository this configuration belongs to \
                             ({}): it was not read; pass it with --rules on the command line instead",
                            repository_root(dir).display()
                        ),
                    ));
                }
            }
        }
    }
    for key in table.keys() {
        let name = key.get_ref().as_ref();
        if !OPTION_KEYS.contains(&name) {
            let hint = did_you_mean(name, OPTION_KEYS.iter().copied())
                .map(|s| format!("; did you mean `{s}`?"))
                .unwrap_or_default();
            errors.push(err_at(
                key.span().start,
                format!("unknown key `{name}`{hint}"),
            ));
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let value = Spanned::new(span, DeValue::Table(table));
    Options::deserialize(value.into_deserializer()).map_err(|e| {
        let message = e.message().trim();
        let message = match message.strip_prefix("unknown variant `") {
            Some(rest) => {
                let wrong = rest.split('`').next().unwrap_or("");
                let choices: Vec<&str> = ["info", "warning", "error", "skip"]
                    .into_iter()
                    .filter(|c| message.contains(&format!("`{c}`")))
                    .collect();
                match did_you_mean(wrong, choices.iter().copied()) {
                    Some(best) => format!("`{wrong}` is not a valid value; did you mean `{best}`?"),
                    None => message.to_string(),
                }
            }
            None => message.to_string(),
        };
        vec![err_at(e.span().map_or(0, |s| s.start), message)]
    })
}

/// The repository a configuration in `dir` belongs to: the nearest folder at or above it holding `.git`; else
/// the folder reframe runs in, if `dir` is inside it; else `dir` itself.
pub fn repository_root(dir: &Path) -> PathBuf {
    let canonical = |p: &Path| {
        std::fs::canonicalize(p)
            .or_else(|_| std::path::absolute(p))
            .unwrap_or_else(|_| p.to_path_buf())
    };
    let dir = canonical(dir);
    if let Some(repository) = dir.ancestors().find(|d| d.join(".git").exists()) {
        return repository.to_path_buf();
    }
    match std::env::current_dir() {
        Ok(cwd) if dir.starts_with(canonical(&cwd)) => canonical(&cwd),
        _ => dir,
    }
}

/// Whether `path` (relative to `dir`, or absolute) leads outside [`repository_root`] of `dir`, links followed.
pub fn outside_repository(dir: &Path, path: &Path) -> bool {
    let root = repository_root(dir);
    let joined = dir.join(path);
    let target = std::fs::canonicalize(&joined).unwrap_or_else(|_| lexical(&joined));
    !target.starts_with(&root)
}

/// `path` made absolute with `.` and `..` resolved by spelling alone (for paths that do not exist).
fn lexical(path: &Path) -> PathBuf {
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut out = PathBuf::new();
    for part in absolute.components() {
        match part {
            std::path::Component::ParentDir => {
                out.pop();
            }
            std::path::Component::CurDir => {}
            other => out.push(other),
        }
    }
    out
}

/// The nearest configuration file for `path`: in its folder (or itself, for a folder) or any ancestor.
pub fn discover(path: &Path) -> Option<PathBuf> {
    let absolute = std::path::absolute(path).ok()?;
    let start = if absolute.is_dir() {
        absolute.as_path()
    } else {
        absolute.parent()?
    };
    start.ancestors().find_map(|dir| {
        CONFIG_NAMES
            .iter()
            .map(|name| dir.join(name))
            .find(|candidate| candidate.is_file())
    })
}

/// The commented starter configuration `reframe init` writes.
pub const STARTER: &str = r#"# reframe configuration (see the README, "Configuration").
# Every key is optional. Paths and globs are relative to this file.

# Built-in packs to use (see `reframe rules`). Leave out to use the default packs.
# packs = ["core", "homelessness", "social-care", "mental-health", "substance-use", "disability", "criminal-justice", "funding-bids"]

# Your own rule packs: .toml files or folders of them.
# rules = ["reframe-rules/"]

# Turn rules off or on by id or category (label, blame, risk-framing, fixing, othering, stigma, jargon).
# disable = ["client"]
# enable = ["placement"]

# Phrases never flagged: your organisation's name, a statutory term you must quote.
# allow = ["Hard to Reach Young People Project"]

# Which files to check when walking folders, and which to leave out.
# include = ["**/*.md", "**/*.txt"]
# exclude = ["archive/**"]

# Quoted speech (a person's own words): "skip" (default) or "info".
# quotes = "skip"

# The lowest severity that fails the run: info, warning (default) or error.
# fail-on = "warning"

# Print findings without the text around them (rule, place and phrase only): for case notes, whose
# words are personal data, when the output goes to CI logs or other shared places.
# redact = true

# Change a rule's severity: info, warning or error.
# [severity]
# vulnerable = "warning"

# Settings for some paths only (any key above, for the files matching `paths`).
# [[overrides]]
# paths = ["bids/**"]
# packs = ["core", "funding-bids"]
"#;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_every_key_and_overrides() {
        let config = parse(
            "packs = [\"core\"]\nfail-on = \"error\"\nquotes = \"info\"\n[severity]\nvulnerable = \"warning\"\n\n[[overrides]]\npaths = [\"bids/**\"]\npacks = [\"core\", \"funding-bids\"]\n",
            Path::new("reframe.toml"),
        )
        .unwrap();
        assert_eq!(config.options.packs, Some(vec!["core".to_string()]));
        assert_eq!(config.options.fail_on, Some(Severity::Error));
        assert_eq!(config.options.quotes, Some(QuotePolicy::Info));
        assert_eq!(
            config.options.severity.unwrap()["vulnerable"],
            Severity::Warning
        );
        assert_eq!(config.overrides[0].paths, ["bids/**"]);
        assert_eq!(config.overrides[0].options.packs.as_ref().unwrap().len(), 2);
    }

    #[test]
    fn unknown_keys_and_bad_values_point_at_the_place() {
        let errors = parse(
            "pack = [\"core\"]\n\n[[overrides]]\npaths = [\"a\"]\nfail_on = \"error\"\n",
            Path::new("r.toml"),
        )
        .unwrap_err();
        let shown: Vec<String> = errors.iter().map(ToString::to_string).collect();
        assert_eq!(
            shown,
            [
                "r.toml:1:1: unknown key `pack`; did you mean `packs`?",
                "r.toml:5:1: unknown key `fail_on`; did you mean `fail-on`?",
            ]
        );
        let errors = parse("fail-on = \"warn\"\n", Path::new("r.toml")).unwrap_err();
        assert_eq!(
            errors[0].to_string(),
            "r.toml:1:11: `warn` is not a valid value; did you mean `warning`?"
        );
        let errors = parse("[[overrides]]\npacks = []\n", Path::new("r.toml")).unwrap_err();
        assert!(
            errors[0].message.contains("has no `paths`"),
            "{}",
            errors[0]
        );
    }

    #[test]
    fn the_starter_config_parses() {
        // Uncomment the lines that hold settings (a key and `=`, or a table header), keep the prose out.
        let setting = regex::Regex::new(r"^# (\[|[a-z-]+ = )").unwrap();
        let uncommented: String = STARTER
            .lines()
            .filter(|l| setting.is_match(l))
            .map(|l| format!("{}\n", &l[2..]))
            .collect();
        assert!(parse(STARTER, Path::new("reframe.toml")).is_ok());
        let config = parse(&uncommented, Path::new("reframe.toml"))
            .unwrap_or_else(|e| panic!("{e:?}\n{uncommented}"));
        assert_eq!(config.overrides.len(), 1);
        assert_eq!(
            config.options.allow.unwrap(),
            ["Hard to Reach Young People Project"]
        );
    }
}
