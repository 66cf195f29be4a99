//! `reframe init` (a starter configuration file) and `reframe config` (the settings that apply to a path, after
//! every layer).

use std::io;
use std::path::PathBuf;

use crate::cli::args::{Cli, ConfigArgs, InitArgs};
use crate::cli::config;
use crate::cli::settings::Configs;
use crate::cli::{EXIT_CLEAN, EXIT_ERROR, Streams, cli_settings, write_located_errors};
use crate::rules::{PackSelection, RuleSet, Severity};

/// Runs `reframe init`: writes a starter `reframe.toml`, never over an existing file.
pub fn init_command(args: &InitArgs, streams: &mut Streams) -> io::Result<u8> {
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

/// Runs `reframe config`: prints the settings that apply to a path, as `reframe.toml` keys.
pub fn config_command(cli: &Cli, args: &ConfigArgs, streams: &mut Streams) -> io::Result<u8> {
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
