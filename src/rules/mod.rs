//! Rule packs, the first step of the flow: takes the embedded packs' TOML and the user's pack files, gives a
//! [`RuleSet`] of [`Rule`]s with their term patterns, suggestions and explanations.
//!
//! The types are here; [`forms`] expands term forms (`service user(s)`), [`parse`] reads and validates one pack,
//! and [`load`] loads the built-in and user packs and enables the selected ones. The format is documented in
//! `docs/pack-format.md` (and the README). Every error in every pack is collected and reported at once, each
//! with its file, line and column.

use std::fmt;
use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use crate::rules::forms::Pattern;

pub mod forms;
pub mod load;
pub mod parse;

pub use load::{PackSelection, RuleSet, pack_files};
pub use parse::{ParsedPack, did_you_mean, is_kebab_case, parse_pack};

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
