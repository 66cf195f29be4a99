//! Effective settings: the command line over the nearest configuration file (and its overrides) over the
//! defaults, merged once per file. Files with the same rule choices share one matcher ("profile").

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};

use globset::{Glob, GlobSet, GlobSetBuilder};
use serde::Serialize;

use crate::cli::config::{self, Config, Options, QuotePolicy};
use crate::error::LocatedError;
use crate::rules::{Origin, RuleSet, Severity, did_you_mean};
use crate::scan::matcher::Matcher;

/// What the command line says about settings (it wins over configuration files).
#[derive(Debug, Clone, Default)]
pub struct CliSettings {
    /// `--pack`: built-in packs, replacing the configured ones.
    pub packs: Vec<String>,
    /// `--rules`: extra pack files or folders, added to the configured ones.
    pub rules: Vec<PathBuf>,
    /// `--fail-on`.
    pub fail_on: Option<Severity>,
    /// `--include-quotes`.
    pub include_quotes: bool,
    /// `--config PATH`: use this file for every path instead of discovering one.
    pub config: Option<PathBuf>,
    /// `--no-config`: use no configuration file.
    pub no_config: bool,
}

/// Which rules a file is checked with; files with equal profiles share a matcher.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct Profile {
    /// Built-in packs enabled (`None`: the default set).
    pub packs: Option<Vec<String>>,
    /// User pack files in use (canonical paths).
    pub user_packs: Vec<PathBuf>,
    /// Rule ids or categories turned off.
    pub disable: Vec<String>,
    /// Rule ids or categories turned on.
    pub enable: Vec<String>,
    /// Phrases never flagged.
    pub allow: Vec<String>,
}

/// The settings for one file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FileSettings {
    /// The configuration file that applies, if any.
    pub config: Option<PathBuf>,
    /// Which rules apply.
    pub profile: Profile,
    /// Severity per rule id.
    pub severity: BTreeMap<String, Severity>,
    /// What to do with quoted speech.
    pub quotes: QuotePolicy,
    /// The lowest severity that fails the run.
    pub fail_on: Severity,
    /// Extension to format name.
    pub formats: BTreeMap<String, String>,
    /// Include globs (relative to the configuration file), if any.
    pub include: Vec<String>,
    /// Exclude globs (relative to the configuration file), if any.
    pub exclude: Vec<String>,
    /// Print findings without the text around them.
    pub redact: bool,
}

/// Loaded configuration files, found once per folder.
#[derive(Debug, Default)]
pub struct Configs {
    cli: CliSettings,
    by_dir: HashMap<PathBuf, Option<PathBuf>>,
    loaded: BTreeMap<PathBuf, Result<Config, Vec<LocatedError>>>,
}

impl Configs {
    /// Starts with the command line's settings.
    pub fn new(cli: CliSettings) -> Self {
        let mut configs = Configs {
            cli,
            ..Configs::default()
        };
        if let Some(path) = configs.cli.config.clone() {
            configs.loaded.insert(path.clone(), config::load(&path));
        }
        configs
    }

    /// The configuration file for `path`, loading it on first use.
    pub fn config_path_for(&mut self, path: &Path) -> Option<PathBuf> {
        if self.cli.no_config {
            return None;
        }
        if let Some(path) = &self.cli.config {
            return Some(path.clone());
        }
        let absolute = std::path::absolute(path).ok()?;
        let dir = if absolute.is_dir() {
            absolute
        } else {
            absolute.parent()?.to_path_buf()
        };
        let found = match self.by_dir.get(&dir) {
            Some(found) => found.clone(),
            None => {
                let found = config::discover(&dir);
                self.by_dir.insert(dir, found.clone());
                found
            }
        };
        if let Some(found) = &found {
            self.loaded
                .entry(found.clone())
                .or_insert_with(|| config::load(found));
        }
        found
    }

    /// The errors of every configuration file loaded so far.
    pub fn errors(&self) -> Vec<LocatedError> {
        self.loaded
            .values()
            .filter_map(|r| r.as_ref().err())
            .flatten()
            .cloned()
            .collect()
    }

    /// Every pack file or folder the command line and the loaded configurations name, as written (relative to
    /// their configuration file), each once.
    pub fn pack_paths(&self) -> Vec<PathBuf> {
        let mut seen = BTreeSet::new();
        let mut paths = Vec::new();
        let mut add = |path: PathBuf| {
            if seen.insert(canonical(&path)) {
                paths.push(path);
            }
        };
        for path in &self.cli.rules {
            add(path.clone());
        }
        for config in self.loaded.values().filter_map(|r| r.as_ref().ok()) {
            let options =
                std::iter::once(&config.options).chain(config.overrides.iter().map(|o| &o.options));
            for rules in options.filter_map(|o| o.rules.as_ref()) {
                for path in rules {
                    add(config.dir().join(path));
                }
            }
        }
        paths
    }

    /// The merged settings for `path` (a file), or `None` when its configuration file has errors.
    pub fn settings_for(&mut self, path: &Path) -> Option<FileSettings> {
        let config_path = self.config_path_for(path);
        let config = match &config_path {
            Some(p) => match self.loaded.get(p) {
                Some(Ok(config)) => Some(config),
                _ => return None,
            },
            None => None,
        };
        let mut merged = Options::default();
        let mut user_packs: BTreeSet<PathBuf> =
            self.cli.rules.iter().map(|p| canonical(p)).collect();
        if let Some(config) = config {
            let relative = std::path::absolute(path)
                .ok()
                .and_then(|abs| {
                    let dir = std::path::absolute(config.dir()).ok()?;
                    abs.strip_prefix(dir).ok().map(Path::to_path_buf)
                })
                .unwrap_or_else(|| path.to_path_buf());
            let layers = std::iter::once(&config.options).chain(
                config
                    .overrides
                    .iter()
                    .filter(|o| glob_set(&o.paths).is_ok_and(|g| g.is_match(&relative)))
                    .map(|o| &o.options),
            );
            for layer in layers {
                if let Some(rules) = &layer.rules {
                    user_packs.extend(rules.iter().map(|p| canonical(&config.dir().join(p))));
                }
                merge(&mut merged, layer);
            }
        }
        let severity = merged.severity.unwrap_or_default();
        Some(FileSettings {
            config: config_path,
            profile: Profile {
                packs: if self.cli.packs.is_empty() {
                    merged.packs
                } else {
                    Some(self.cli.packs.clone())
                },
                user_packs: user_packs.into_iter().collect(),
                disable: merged.disable.unwrap_or_default(),
                enable: merged.enable.unwrap_or_default(),
                allow: merged.allow.unwrap_or_default(),
            },
            severity,
            quotes: if self.cli.include_quotes {
                QuotePolicy::Info
            } else {
                merged.quotes.unwrap_or_default()
            },
            fail_on: self
                .cli
                .fail_on
                .or(merged.fail_on)
                .unwrap_or(Severity::Warning),
            formats: merged.formats.unwrap_or_default(),
            include: merged.include.unwrap_or_default(),
            exclude: merged.exclude.unwrap_or_default(),
            redact: merged.redact.unwrap_or(false),
        })
    }

    /// Whether a walked file should be checked: its include globs (or, with none, its extension) and its
    /// exclude globs decide. Configuration files are never checked.
    pub fn wanted(&mut self, path: &Path, default_extensions: &[&str]) -> bool {
        if path
            .file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| config::CONFIG_NAMES.contains(&n))
        {
            return false;
        }
        let Some(settings) = self.settings_for(path) else {
            return true; // reported as failed later, with the configuration's errors
        };
        if self.excluded(path) {
            return false;
        }
        let relative = relative_to_config(settings.config.as_deref(), path);
        if !settings.include.is_empty() {
            return glob_set(&settings.include).is_ok_and(|g| g.is_match(&relative));
        }
        let extension = path.extension().and_then(|e| e.to_str()).unwrap_or("");
        default_extensions
            .iter()
            .any(|e| e.eq_ignore_ascii_case(extension))
            || settings
                .formats
                .keys()
                .any(|e| e.eq_ignore_ascii_case(extension))
    }
}

/// `path` relative to the folder of the configuration file `config`, which its globs are written against (the
/// path as given when there is no configuration, or it is elsewhere).
fn relative_to_config(config: Option<&Path>, path: &Path) -> PathBuf {
    config
        .and_then(|c| {
            let dir = std::path::absolute(c.parent()?).ok()?;
            std::path::absolute(path)
                .ok()?
                .strip_prefix(dir)
                .ok()
                .map(Path::to_path_buf)
        })
        .unwrap_or_else(|| path.to_path_buf())
}

impl Configs {
    /// Whether the `exclude` globs of the configuration for `path` match it (relative to that configuration's
    /// folder). A path whose configuration has errors is not excluded: it is reported with the errors.
    pub fn excluded(&mut self, path: &Path) -> bool {
        let Some(settings) = self.settings_for(path) else {
            return false;
        };
        if settings.exclude.is_empty() {
            return false;
        }
        let relative = relative_to_config(settings.config.as_deref(), path);
        glob_set(&settings.exclude).is_ok_and(|g| g.is_match(&relative))
    }
}

fn canonical(path: &Path) -> PathBuf {
    std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf())
}

/// Overwrites the keys `layer` sets; `allow`, `disable` and `enable` add up across layers.
fn merge(into: &mut Options, layer: &Options) {
    fn extend(into: &mut Option<Vec<String>>, more: &Option<Vec<String>>) {
        if let Some(more) = more {
            into.get_or_insert_with(Vec::new)
                .extend(more.iter().cloned());
        }
    }
    if layer.packs.is_some() {
        into.packs = layer.packs.clone();
    }
    extend(&mut into.disable, &layer.disable);
    extend(&mut into.enable, &layer.enable);
    extend(&mut into.allow, &layer.allow);
    if let Some(severity) = &layer.severity {
        into.severity
            .get_or_insert_with(BTreeMap::new)
            .extend(severity.iter().map(|(k, v)| (k.clone(), *v)));
    }
    if let Some(formats) = &layer.formats {
        into.formats
            .get_or_insert_with(BTreeMap::new)
            .extend(formats.iter().map(|(k, v)| (k.clone(), v.clone())));
    }
    for (slot, value) in [
        (&mut into.include, &layer.include),
        (&mut into.exclude, &layer.exclude),
    ] {
        if value.is_some() {
            *slot = value.clone();
        }
    }
    if layer.quotes.is_some() {
        into.quotes = layer.quotes;
    }
    if layer.fail_on.is_some() {
        into.fail_on = layer.fail_on;
    }
    if layer.redact.is_some() {
        into.redact = layer.redact;
    }
}

/// Builds a glob set; a glob without a `/` also matches in any folder (as in .gitignore).
pub fn glob_set(globs: &[String]) -> Result<GlobSet, globset::Error> {
    let mut builder = GlobSetBuilder::new();
    for glob in globs {
        builder.add(Glob::new(glob)?);
        if !glob.contains('/') {
            builder.add(Glob::new(&format!("**/{glob}"))?);
        }
        let trimmed = glob.trim_end_matches('/');
        if !trimmed.ends_with("**") {
            builder.add(Glob::new(&format!("{trimmed}/**"))?);
        }
    }
    builder.build()
}

/// Which rules of `rules` a profile enables.
pub fn enabled_rules(rules: &RuleSet, profile: &Profile) -> Vec<bool> {
    let pack_on: HashMap<&str, bool> = rules
        .packs
        .iter()
        .map(|pack| {
            let on = match &pack.origin {
                // A user pack is on when its file, or a folder holding it, is in use.
                Origin::File(path) => {
                    let path = canonical(path);
                    profile.user_packs.iter().any(|p| path.starts_with(p))
                }
                Origin::Builtin(_) => match &profile.packs {
                    Some(names) => names.contains(&pack.name),
                    None => pack.default_enabled,
                },
            };
            (pack.name.as_str(), on)
        })
        .collect();
    rules
        .rules
        .iter()
        .map(|rule| {
            let named = |list: &[String]| {
                list.iter()
                    .any(|x| rule.answers_to(x) || *x == rule.category.as_str())
            };
            named(&profile.enable) || (pack_on[rule.pack.as_str()] && !named(&profile.disable))
        })
        .collect()
}

/// Checks that every rule id and category a profile or severity table names exists.
pub fn unknown_names(rules: &RuleSet, settings: &FileSettings) -> Vec<String> {
    let known = |name: &str| {
        rules.rules.iter().any(|r| r.answers_to(name))
            || crate::rules::Category::ALL
                .iter()
                .any(|c| c.as_str() == name)
    };
    let mut problems = Vec::new();
    let named = settings
        .profile
        .disable
        .iter()
        .chain(&settings.profile.enable)
        .chain(settings.severity.keys());
    for name in named {
        if !known(name) {
            let hint = did_you_mean(name, rules.rules.iter().map(|r| r.id.as_str()))
                .map(|s| format!("; did you mean `{s}`?"))
                .unwrap_or_default();
            problems.push(format!("there is no rule or category `{name}`{hint}"));
        }
    }
    for (extension, format) in &settings.formats {
        if crate::source::Format::from_name(format).is_none() {
            let names = crate::source::Format::NAMES.iter().map(|(n, _)| *n);
            let hint = did_you_mean(format, names)
                .map(|s| format!("; did you mean `{s}`?"))
                .unwrap_or_default();
            problems.push(format!(
                "`formats.{extension}`: there is no format `{format}` (text, markdown, html, docx, odt){hint}"
            ));
        }
    }
    if let Some(packs) = &settings.profile.packs {
        for name in packs {
            if !rules.packs.iter().any(|p| p.name == *name) {
                let hint = did_you_mean(name, rules.packs.iter().map(|p| p.name.as_str()))
                    .map(|s| format!("; did you mean `{s}`?"))
                    .unwrap_or_default();
                problems.push(format!("there is no pack `{name}`{hint}"));
            }
        }
    }
    problems.sort();
    problems.dedup();
    problems
}

/// One matcher per profile, built once and shared by every file with that profile.
#[derive(Debug, Default)]
pub struct Matchers {
    built: HashMap<Profile, Matcher>,
}

impl Matchers {
    /// The matcher for `profile`, building it on first use.
    pub fn get(&mut self, rules: &RuleSet, profile: &Profile) -> &Matcher {
        self.built.entry(profile.clone()).or_insert_with(|| {
            Matcher::with_enabled(rules, &enabled_rules(rules, profile), &profile.allow)
        })
    }

    /// The matcher for a profile already built with [`Matchers::get`].
    pub fn built(&self, profile: &Profile) -> &Matcher {
        &self.built[profile]
    }
}
