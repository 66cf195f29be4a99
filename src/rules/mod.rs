//! Rule packs: their types, the embedded built-in packs, loading user packs, and validation.
//!
//! The format is documented in `docs/pack-format.md` (and the README). Every error in every pack is collected and
//! reported at once, each with its file, line and column.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::fmt;
use std::path::{Path, PathBuf};

use serde::de::IntoDeserializer;
use serde::{Deserialize, Serialize};
use toml::Spanned;
use toml::de::{DeTable, DeValue};

use crate::error::{LocatedError, PackErrors};
use crate::rules::forms::Pattern;
use crate::text::Normalized;

include!(concat!(env!("OUT_DIR"), "/builtin_packs.rs"));

pub mod forms;

/// How serious a finding is. Ordered: `Info < Warning < Error`.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize,
)]
#[serde(rename_all = "kebab-case")]
pub enum Severity {
    /// A context-dependent word worth a second look.
    Info,
    /// Deficit language with a better alternative in almost every context.
    #[default]
    Warning,
    /// A slur or a clearly stigmatising term.
    Error,
}

impl Severity {
    /// All levels, lowest first.
    pub const ALL: [Severity; 3] = [Severity::Info, Severity::Warning, Severity::Error];

    /// The lower-case name, as written in packs and printed in reports.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// What kind of deficit language a rule is about (a closed list, documented in the README).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Category {
    /// A condition, circumstance or service made into the person's identity.
    Label,
    /// The person blamed for what a service did or did not do.
    Blame,
    /// The person framed as the risk or the problem.
    RiskFraming,
    /// Fixing, managing, rescuing or placing people.
    Fixing,
    /// Setting people apart as a group to be pitied or managed.
    Othering,
    /// Slurs and clearly stigmatising words.
    Stigma,
    /// Service jargon that depersonalises.
    Jargon,
}

impl Category {
    /// All categories, in documentation order.
    pub const ALL: [Category; 7] = [
        Category::Label,
        Category::Blame,
        Category::RiskFraming,
        Category::Fixing,
        Category::Othering,
        Category::Stigma,
        Category::Jargon,
    ];

    /// The kebab-case name used in packs and reports.
    pub fn as_str(self) -> &'static str {
        match self {
            Category::Label => "label",
            Category::Blame => "blame",
            Category::RiskFraming => "risk-framing",
            Category::Fixing => "fixing",
            Category::Othering => "othering",
            Category::Stigma => "stigma",
            Category::Jargon => "jargon",
        }
    }
}

impl fmt::Display for Category {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Whether a rule's first suggestion may be applied without review.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum FixSafety {
    /// A drop-in replacement in every sentence where the rule fires.
    Safe,
    /// A person should choose among the suggestions.
    #[default]
    Review,
    /// The sentence needs rewriting, not a word swap.
    None,
}

/// A published source a pack draws on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// A short id that rules use to reference this source.
    #[serde(default)]
    pub id: Option<String>,
    /// The title of the guidance.
    pub title: String,
    /// Where it was published.
    #[serde(default)]
    pub url: Option<String>,
}

/// Where a pack came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    /// Embedded in the binary, from `rules/<file>`.
    Builtin(&'static str),
    /// A user's pack file.
    File(PathBuf),
}

impl Origin {
    /// The path shown in messages: `<built-in>/core.toml` or the user's path.
    pub fn display_path(&self) -> String {
        match self {
            Origin::Builtin(file) => format!("<built-in>/{file}"),
            Origin::File(path) => path.display().to_string(),
        }
    }
}

/// A rule pack's header.
#[derive(Debug, Clone)]
pub struct Pack {
    /// The pack's kebab-case name.
    pub name: String,
    /// What the pack covers.
    pub description: String,
    /// The pack's version, if given.
    pub version: Option<String>,
    /// Whether the pack is on when no `--pack` is given.
    pub default_enabled: bool,
    /// The guidance the pack draws on.
    pub sources: Vec<Source>,
    /// Where it was loaded from.
    pub origin: Origin,
    /// Whether the pack is enabled in this run.
    pub enabled: bool,
}

/// One rule: the phrases it flags, its alternatives and why.
#[derive(Debug, Clone)]
pub struct Rule {
    /// Kebab-case id, unique across all packs.
    pub id: String,
    /// The name of the pack it belongs to.
    pub pack: String,
    /// The terms as written in the pack (with forms syntax).
    pub terms: Vec<String>,
    /// The suggestions as written (with forms syntax; `<...>` marks a hint).
    pub suggestions: Vec<String>,
    /// A short message shown after the quoted phrase.
    pub message: Option<String>,
    /// Why the phrase harms and what the alternative does better.
    pub why: String,
    /// The kind of deficit language.
    pub category: Category,
    /// How serious a finding is.
    pub severity: Severity,
    /// Whether the first suggestion is safe to apply without review.
    pub fix: FixSafety,
    /// Ids of the pack sources the rule draws on.
    pub sources: Vec<String>,
    /// Longer phrases in which the rule does not fire.
    pub exceptions: Vec<String>,
    /// Match case exactly (for acronyms).
    pub case_sensitive: bool,
    /// A regular expression, matched against normalised text.
    pub regex: Option<String>,
    /// Sentences the rule must flag.
    pub examples: Vec<String>,
    /// Sentences no rule of the pack may flag.
    pub counter_examples: Vec<String>,
    /// The pack file and the line where the rule starts.
    pub location: (String, usize),
    pub(crate) term_patterns: Vec<Pattern>,
    pub(crate) suggestion_patterns: Vec<Pattern>,
    pub(crate) exception_patterns: Vec<Pattern>,
}

impl Rule {
    /// The short message for a match of `text`: `"text" message`, or the first sentence of `why`.
    pub fn message_for(&self, text: &str) -> String {
        let quoted = format!("\u{201C}{}\u{201D}", collapse_whitespace(text));
        match &self.message {
            Some(message) => format!("{quoted} {message}"),
            None => {
                let first = self
                    .why
                    .split_inclusive(". ")
                    .next()
                    .unwrap_or(&self.why)
                    .trim();
                format!("{quoted}: {first}")
            }
        }
    }

    /// Every expanded form of every term, in order.
    pub fn term_forms(&self) -> Vec<String> {
        self.term_patterns
            .iter()
            .flat_map(|p| p.expand().into_iter().map(|f| f.text))
            .collect()
    }

    /// The suggestions rendered for the form of term number `term` that matched (`choices` as in
    /// [`crate::rules::forms::Form`]); an out-of-range `term` (a regex match) renders groups by position.
    pub fn rendered_suggestions(&self, term: usize, choices: &[usize]) -> Vec<String> {
        match self.term_patterns.get(term) {
            Some(pattern) => self
                .suggestion_patterns
                .iter()
                .map(|p| p.render_for(pattern, choices))
                .collect(),
            None => self
                .suggestion_patterns
                .iter()
                .map(|p| p.render(choices))
                .collect(),
        }
    }
}

fn collapse_whitespace(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Whether a suggestion is a hint (`<their name>`) rather than literal replacement text.
pub fn is_hint(suggestion: &str) -> bool {
    suggestion.starts_with('<') && suggestion.ends_with('>')
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawPack {
    name: Spanned<String>,
    description: Spanned<String>,
    #[serde(default)]
    version: Option<String>,
    #[serde(default = "default_true")]
    default_enabled: bool,
    #[serde(default)]
    sources: Vec<Spanned<Source>>,
}

fn default_true() -> bool {
    true
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawRule {
    id: Spanned<String>,
    terms: Spanned<Vec<Spanned<String>>>,
    suggestions: Spanned<Vec<Spanned<String>>>,
    #[serde(default)]
    message: Option<String>,
    why: Spanned<String>,
    category: Category,
    #[serde(default)]
    severity: Severity,
    #[serde(default)]
    fix: FixSafety,
    #[serde(default)]
    sources: Vec<Spanned<String>>,
    #[serde(default)]
    exceptions: Vec<Spanned<String>>,
    #[serde(default)]
    case_sensitive: bool,
    #[serde(default)]
    regex: Option<Spanned<String>>,
    #[serde(default)]
    examples: Vec<String>,
    #[serde(default)]
    counter_examples: Vec<String>,
}

const PACK_KEYS: &[&str] = &[
    "name",
    "description",
    "version",
    "default-enabled",
    "sources",
];
const RULE_KEYS: &[&str] = &[
    "id",
    "terms",
    "suggestions",
    "message",
    "why",
    "category",
    "severity",
    "fix",
    "sources",
    "exceptions",
    "case-sensitive",
    "regex",
    "examples",
    "counter-examples",
];

/// Whether `name` is kebab-case: lower-case ASCII letters and digits in words joined by single hyphens.
pub fn is_kebab_case(name: &str) -> bool {
    !name.is_empty()
        && name.split('-').all(|w| {
            !w.is_empty()
                && w.bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        })
}

/// Appends "did you mean" to serde's messages about unknown fields and variants.
fn explain_serde_message(message: &str) -> String {
    let message = message.trim_end();
    if !(message.starts_with("unknown field") || message.starts_with("unknown variant")) {
        return message.to_string();
    }
    let unknown = extract_backticked(message).unwrap_or("");
    let listed: Vec<&str> = message
        .split_once("expected one of ")
        .or_else(|| message.split_once("expected "))
        .map(|(_, rest)| {
            rest.split(", ")
                .map(|s| s.trim_matches(|c| c == '`' || c == ' '))
                .collect()
        })
        .unwrap_or_default();
    let pool: Vec<&str> = if listed.is_empty() {
        RULE_KEYS.iter().chain(PACK_KEYS).copied().collect()
    } else {
        listed
    };
    match did_you_mean(unknown, pool) {
        Some(best) => {
            let what = message.split(" `").next().unwrap_or("unknown field");
            format!("{what} `{unknown}`; did you mean `{best}`?")
        }
        None => message.to_string(),
    }
}

fn extract_backticked(message: &str) -> Option<&str> {
    let start = message.find('`')? + 1;
    let len = message[start..].find('`')?;
    Some(&message[start..start + len])
}

/// The closest candidate to `wrong`, if it is close enough to be a likely typo.
pub fn did_you_mean<'a>(
    wrong: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    candidates
        .into_iter()
        .map(|c| (strsim::jaro_winkler(wrong, c), c))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}

/// A parsed pack: its header and rules.
#[derive(Debug, Clone)]
pub struct ParsedPack {
    /// The header.
    pub pack: Pack,
    /// The rules, in file order.
    pub rules: Vec<Rule>,
}

/// Parses one pack file. `source` is the TOML text; every error found is returned at once.
pub fn parse_pack(source: &str, origin: Origin) -> Result<ParsedPack, Vec<LocatedError>> {
    let path = origin.display_path();
    let err_at = |offset: usize, message: String| LocatedError::at(&path, source, offset, message);
    let toml_err = |e: &toml::de::Error| {
        err_at(
            e.span().map_or(0, |s| s.start),
            explain_serde_message(e.message()),
        )
    };
    let document = match DeTable::parse(source) {
        Ok(doc) => doc,
        Err(e) => return Err(vec![toml_err(&e)]),
    };
    let mut errors = Vec::new();
    let mut header = None;
    let mut raw_rules = Vec::new();
    for (key, value) in document.get_ref().iter() {
        match key.get_ref().as_ref() {
            "pack" => match RawPack::deserialize(value.clone().into_deserializer()) {
                Ok(pack) => header = Some(pack),
                Err(e) => errors.push(toml_err(&e)),
            },
            "rule" => match value.get_ref() {
                DeValue::Array(items) => {
                    for item in items.iter() {
                        match RawRule::deserialize(item.clone().into_deserializer()) {
                            Ok(rule) => raw_rules.push((item.span().start, rule)),
                            Err(e) => errors.push(toml_err(&e)),
                        }
                    }
                }
                _ => errors.push(err_at(
                    value.span().start,
                    "`rule` must be an array of tables: write each rule under `[[rule]]`".into(),
                )),
            },
            other => {
                let hint = did_you_mean(other, ["pack", "rule"])
                    .map(|s| format!("; did you mean `{s}`?"))
                    .unwrap_or_default();
                errors.push(err_at(
                    key.span().start,
                    format!("unknown table `{other}`: a pack has `[pack]` and `[[rule]]`{hint}"),
                ));
            }
        }
    }
    let Some(raw_pack) = header else {
        if errors.is_empty() {
            errors.push(err_at(
                0,
                "missing `[pack]` table with `name` and `description`".into(),
            ));
        }
        return Err(errors);
    };
    let pack = validate_pack_header(raw_pack, &origin, &err_at, &mut errors);
    let source_ids: HashSet<&str> = pack
        .sources
        .iter()
        .filter_map(|s| s.id.as_deref())
        .collect();
    let mut seen_ids: HashMap<String, usize> = HashMap::new();
    let mut rules = Vec::new();
    // One index of the pack's lines for all its rules (indexing it per rule made start-up quadratic).
    let lines = crate::text::LineIndex::new(source);
    for (start, raw) in raw_rules {
        if let Some(first) = seen_ids.get(raw.id.get_ref()) {
            errors.push(err_at(
                raw.id.span().start,
                format!(
                    "duplicate rule id `{}`: it is already used on line {first}",
                    raw.id.get_ref()
                ),
            ));
            continue;
        }
        let line = lines.position(source, start.min(source.len())).line;
        seen_ids.insert(raw.id.get_ref().clone(), line);
        if let Some(rule) = validate_rule(
            raw,
            &pack,
            &source_ids,
            (path.clone(), line),
            &err_at,
            &mut errors,
        ) {
            rules.push(rule);
        }
    }
    if errors.is_empty() {
        Ok(ParsedPack { pack, rules })
    } else {
        errors.sort_by_key(|e| (e.line, e.column));
        Err(errors)
    }
}

fn validate_pack_header(
    raw: RawPack,
    origin: &Origin,
    err_at: &dyn Fn(usize, String) -> LocatedError,
    errors: &mut Vec<LocatedError>,
) -> Pack {
    let name = raw.name.get_ref();
    if !is_kebab_case(name) {
        errors.push(err_at(
            raw.name.span().start,
            format!("pack name `{name}` must be kebab-case (lower-case words joined by hyphens)"),
        ));
    }
    if let Origin::Builtin(file) = origin
        && file.strip_suffix(".toml") != Some(name.as_str())
    {
        errors.push(err_at(
            raw.name.span().start,
            format!("a built-in pack's name must match its file name, `{file}`"),
        ));
    }
    if raw.description.get_ref().trim().is_empty() {
        errors.push(err_at(
            raw.description.span().start,
            "the pack description is empty".into(),
        ));
    }
    let mut seen = HashSet::new();
    for source in &raw.sources {
        if let Some(id) = &source.get_ref().id
            && !seen.insert(id.clone())
        {
            errors.push(err_at(
                source.span().start,
                format!("duplicate source id `{id}`"),
            ));
        }
    }
    Pack {
        name: name.clone(),
        description: raw.description.into_inner(),
        version: raw.version,
        default_enabled: raw.default_enabled,
        sources: raw.sources.into_iter().map(Spanned::into_inner).collect(),
        origin: origin.clone(),
        enabled: false,
    }
}

/// Byte offset of character `offset` of a string value whose span starts at its opening quote.
fn inside_string(span_start: usize, offset: usize) -> usize {
    span_start + 1 + offset
}

fn validate_rule(
    raw: RawRule,
    pack: &Pack,
    source_ids: &HashSet<&str>,
    location: (String, usize),
    err_at: &dyn Fn(usize, String) -> LocatedError,
    errors: &mut Vec<LocatedError>,
) -> Option<Rule> {
    let before = errors.len();
    let id = raw.id.get_ref();
    if !is_kebab_case(id) {
        errors.push(err_at(
            raw.id.span().start,
            format!("rule id `{id}` must be kebab-case, like `service-user`"),
        ));
    }
    let fold_case = !raw.case_sensitive;
    if raw.terms.get_ref().is_empty() {
        errors.push(err_at(
            raw.terms.span().start,
            format!("rule `{id}` has no terms"),
        ));
    }
    let mut term_patterns = Vec::new();
    for term in raw.terms.get_ref() {
        match Pattern::parse(term.get_ref()) {
            Ok(pattern) => {
                if pattern
                    .expand()
                    .iter()
                    .any(|f| Normalized::phrase(&f.text, fold_case).is_empty())
                {
                    errors.push(err_at(
                        term.span().start,
                        format!("rule `{id}` has an empty term"),
                    ));
                }
                term_patterns.push(pattern);
            }
            Err(e) => errors.push(err_at(
                inside_string(term.span().start, e.offset),
                e.message,
            )),
        }
    }
    if raw.suggestions.get_ref().is_empty() {
        errors.push(err_at(
            raw.suggestions.span().start,
            format!("rule `{id}` has no suggestions: give at least one strength-based alternative"),
        ));
    }
    let mut suggestion_patterns = Vec::new();
    for suggestion in raw.suggestions.get_ref() {
        if suggestion.get_ref().trim().is_empty() {
            errors.push(err_at(
                suggestion.span().start,
                format!("rule `{id}` has an empty suggestion"),
            ));
        }
        match Pattern::parse(suggestion.get_ref()) {
            Ok(pattern) => suggestion_patterns.push(pattern),
            Err(e) => errors.push(err_at(
                inside_string(suggestion.span().start, e.offset),
                e.message,
            )),
        }
    }
    if raw.fix == FixSafety::Safe
        && raw
            .suggestions
            .get_ref()
            .first()
            .is_some_and(|s| is_hint(s.get_ref()))
    {
        errors.push(err_at(
            raw.suggestions.span().start,
            format!("rule `{id}` has `fix = \"safe\"` but its first suggestion is a hint, not replacement text"),
        ));
    }
    if raw.why.get_ref().trim().is_empty() {
        errors.push(err_at(
            raw.why.span().start,
            format!("rule `{id}` has an empty `why`"),
        ));
    }
    for source in &raw.sources {
        if !source_ids.contains(source.get_ref().as_str()) {
            let hint = did_you_mean(source.get_ref(), source_ids.iter().copied())
                .map(|s| format!("; did you mean `{s}`?"))
                .unwrap_or_default();
            errors.push(err_at(
                source.span().start,
                format!(
                    "source `{}` is not in the pack's `sources` list{hint}",
                    source.get_ref()
                ),
            ));
        }
    }
    let mut exception_patterns = Vec::new();
    for exception in &raw.exceptions {
        match Pattern::parse(exception.get_ref()) {
            Ok(pattern) => {
                if pattern
                    .expand()
                    .iter()
                    .any(|f| Normalized::phrase(&f.text, fold_case).is_empty())
                {
                    errors.push(err_at(
                        exception.span().start,
                        format!("rule `{id}` has an empty exception"),
                    ));
                }
                exception_patterns.push(pattern);
            }
            Err(e) => errors.push(err_at(
                inside_string(exception.span().start, e.offset),
                e.message,
            )),
        }
    }
    if let Some(regex) = &raw.regex
        && let Err(e) = regex::Regex::new(regex.get_ref())
    {
        let detail = e.to_string();
        let detail = detail.lines().last().unwrap_or("").trim();
        let detail = detail.strip_prefix("error: ").unwrap_or(detail).to_string();
        errors.push(err_at(
            regex.span().start,
            format!("rule `{id}` has an invalid regex: {detail}"),
        ));
    }
    if errors.len() > before {
        return None;
    }
    Some(Rule {
        id: raw.id.into_inner(),
        pack: pack.name.clone(),
        terms: raw
            .terms
            .into_inner()
            .into_iter()
            .map(Spanned::into_inner)
            .collect(),
        suggestions: raw
            .suggestions
            .into_inner()
            .into_iter()
            .map(Spanned::into_inner)
            .collect(),
        message: raw.message,
        why: raw.why.into_inner(),
        category: raw.category,
        severity: raw.severity,
        fix: raw.fix,
        sources: raw.sources.into_iter().map(Spanned::into_inner).collect(),
        exceptions: raw
            .exceptions
            .into_iter()
            .map(Spanned::into_inner)
            .collect(),
        case_sensitive: raw.case_sensitive,
        regex: raw.regex.map(Spanned::into_inner),
        examples: raw.examples,
        counter_examples: raw.counter_examples,
        location,
        term_patterns,
        suggestion_patterns,
        exception_patterns,
    })
}

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
        let mut seen_files = HashSet::new();
        for path in &selection.user_paths {
            match pack_files(path) {
                Ok(files) => {
                    for file in files {
                        // The same file named twice (as itself and through its folder) loads once.
                        if !seen_files
                            .insert(std::fs::canonicalize(&file).unwrap_or_else(|_| file.clone()))
                        {
                            continue;
                        }
                        match std::fs::read_to_string(&file) {
                            Ok(source) => match parse_pack(&source, Origin::File(file.clone())) {
                                Ok(pack) => parsed.push(pack),
                                Err(e) => errors.extend(e),
                            },
                            Err(e) => errors.push(io_error(&file, &e)),
                        }
                    }
                }
                Err(e) => errors.push(io_error(path, &e)),
            }
        }
        let (builtins, users) = parsed.split_at(builtin_count);
        let user_pack_names: HashSet<&str> = users.iter().map(|p| p.pack.name.as_str()).collect();
        let user_rule_ids: HashSet<&str> = users
            .iter()
            .flat_map(|p| p.rules.iter().map(|r| r.id.as_str()))
            .collect();
        let builtin_names: Vec<&str> = builtins.iter().map(|p| p.pack.name.as_str()).collect();
        for wanted in &selection.builtin {
            if !builtin_names.contains(&wanted.as_str())
                && !user_pack_names.contains(wanted.as_str())
            {
                let hint = did_you_mean(
                    wanted,
                    builtin_names.iter().chain(&user_pack_names).copied(),
                )
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
