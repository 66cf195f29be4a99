//! Loading rule packs: the built-in packs embedded in the binary (by `build.rs`, from `rules/*.toml`) and the
//! user's pack files or folders, merged (a user rule replaces the built-in rule of the same id) and enabled as
//! selected.

use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};

use crate::error::{LocatedError, PackErrors};
use crate::rules::parse::{ParsedPack, did_you_mean, parse_pack};
use crate::rules::{Origin, Pack, Rule};

include!(concat!(env!("OUT_DIR"), "/builtin_packs.rs"));

/// Which packs to load and enable.
#[derive(Debug, Clone, Default)]
pub struct PackSelection {
    /// Built-in packs to enable by name; empty means the packs marked `default-enabled`.
    pub builtin: Vec<String>,
    /// User pack files or folders of `.toml` files; always enabled.
    pub user_paths: Vec<PathBuf>,
    /// Load no built-in packs at all (used by `test-rules PATH`).
    pub no_builtin: bool,
}

/// All loaded packs and rules; the enabled ones feed the matcher.
#[derive(Debug, Clone, Default)]
pub struct RuleSet {
    /// Every pack, built-in and user, in load order.
    pub packs: Vec<Pack>,
    /// Every rule of every pack, in load order.
    pub rules: Vec<Rule>,
}

impl RuleSet {
    /// Loads the built-in packs and the user's, then enables the selected ones.
    ///
    /// A user pack with the name of a built-in pack replaces it; a user rule with the id of a built-in rule
    /// replaces that rule. Errors of all packs come back together.
    pub fn load(selection: &PackSelection) -> Result<RuleSet, PackErrors> {
        let mut errors = Vec::new();
        let mut parsed = Vec::new();
        if !selection.no_builtin {
            for (file, source) in BUILTIN_PACKS {
                match parse_pack(source, Origin::Builtin(file)) {
                    Ok(pack) => parsed.push(pack),
                    Err(e) => errors.extend(e),
                }
            }
        }
        let builtin_count = parsed.len();
        parse_user_packs(&selection.user_paths, &mut parsed, &mut errors);
        let (builtins, users) = parsed.split_at(builtin_count);
        let user_pack_names: HashSet<&str> = users.iter().map(|p| p.pack.name.as_str()).collect();
        let user_rule_ids: HashSet<&str> = users
            .iter()
            .flat_map(|p| p.rules.iter().map(|r| r.id.as_str()))
            .collect();
        let builtin_names: Vec<&str> = builtins.iter().map(|p| p.pack.name.as_str()).collect();
        unknown_packs(
            &selection.builtin,
            &builtin_names,
            &user_pack_names,
            &mut errors,
        );
        let mut set = RuleSet::default();
        let mut owner_of_id: BTreeMap<String, String> = BTreeMap::new();
        for (index, parsed_pack) in parsed.iter().enumerate() {
            let is_user = index >= builtin_count;
            if !is_user && user_pack_names.contains(parsed_pack.pack.name.as_str()) {
                continue;
            }
            let mut pack = parsed_pack.pack.clone();
            pack.enabled = if is_user {
                true
            } else if selection.builtin.is_empty() {
                pack.default_enabled
            } else {
                selection.builtin.contains(&pack.name)
            };
            for rule in &parsed_pack.rules {
                if !is_user && user_rule_ids.contains(rule.id.as_str()) {
                    continue;
                }
                if let Some(other) = owner_of_id.get(&rule.id) {
                    errors.push(LocatedError {
                        path: rule.location.0.clone(),
                        line: rule.location.1,
                        column: 1,
                        line_text: String::new(),
                        message: format!(
                            "duplicate rule id `{}`: pack `{other}` already has it",
                            rule.id
                        ),
                    });
                    continue;
                }
                owner_of_id.insert(rule.id.clone(), pack.name.clone());
                set.rules.push(rule.clone());
            }
            set.packs.push(pack);
        }
        if errors.is_empty() {
            Ok(set)
        } else {
            Err(PackErrors(errors))
        }
    }

    /// The pack a rule belongs to.
    pub fn pack_of(&self, rule: &Rule) -> &Pack {
        self.packs
            .iter()
            .find(|p| p.name == rule.pack)
            .expect("every rule belongs to a loaded pack")
    }

    /// The rules of enabled packs.
    pub fn enabled_rules(&self) -> impl Iterator<Item = &Rule> {
        self.rules.iter().filter(|r| self.pack_of(r).enabled)
    }

    /// The rule with this id.
    pub fn rule(&self, id: &str) -> Option<&Rule> {
        self.rules.iter().find(|r| r.id == id)
    }
}

/// Takes the user's pack files or folders; parses each pack file once, adding the packs to `parsed` and what went
/// wrong to `errors`.
fn parse_user_packs(
    user_paths: &[PathBuf],
    parsed: &mut Vec<ParsedPack>,
    errors: &mut Vec<LocatedError>,
) {
    let mut seen_files = HashSet::new();
    for path in user_paths {
        match pack_files(path) {
            Ok(files) => {
                for file in files {
                    // The same file named twice (as itself and through its folder) loads once.
                    if !seen_files
                        .insert(std::fs::canonicalize(&file).unwrap_or_else(|_| file.clone()))
                    {
                        continue;
                    }
                    match crate::read::read_text_capped(&file, crate::read::MAX_PACK_BYTES) {
                        Ok(source) => match parse_pack(&source, Origin::File(file.clone())) {
                            Ok(pack) => parsed.push(pack),
                            Err(e) => errors.extend(e),
                        },
                        Err(e) => errors.push(io_error(&file, &e.into())),
                    }
                }
            }
            Err(e) => errors.push(io_error(path, &e)),
        }
    }
}

/// Takes the built-in packs asked for by name and the names of the built-in and user packs; adds an error to
/// `errors` for each name that is neither, with a suggestion when one is close.
fn unknown_packs(
    wanted_packs: &[String],
    builtin_names: &[&str],
    user_pack_names: &HashSet<&str>,
    errors: &mut Vec<LocatedError>,
) {
    for wanted in wanted_packs {
        if !builtin_names.contains(&wanted.as_str()) && !user_pack_names.contains(wanted.as_str()) {
            let hint = did_you_mean(wanted, builtin_names.iter().chain(user_pack_names).copied())
                .map(|s| format!("; did you mean `{s}`?"))
                .unwrap_or_default();
            errors.push(LocatedError {
                path: "--pack".into(),
                line: 1,
                column: 1,
                line_text: wanted.clone(),
                message: format!(
                    "there is no built-in pack `{wanted}`{hint} (built-in packs: {})",
                    builtin_names.join(", ")
                ),
            });
        }
    }
}

fn io_error(path: &Path, e: &std::io::Error) -> LocatedError {
    LocatedError {
        path: path.display().to_string(),
        line: 1,
        column: 1,
        line_text: String::new(),
        message: format!("could not read the rule pack: {e}"),
    }
}

/// The `.toml` files at `path`: the file itself, or a folder's `.toml` files sorted by name.
pub fn pack_files(path: &Path) -> std::io::Result<Vec<PathBuf>> {
    if path.is_dir() {
        let mut files: Vec<PathBuf> = std::fs::read_dir(path)?
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.is_file() && p.extension().is_some_and(|e| e == "toml"))
            .collect();
        files.sort();
        Ok(files)
    } else {
        std::fs::metadata(path)?;
        Ok(vec![path.to_path_buf()])
    }
}
