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
mod validate;

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

impl Category {
    /// What the category means, in a few plain words for an overview ("the person blamed for what a service did
    /// or did not do").
    pub fn meaning(self) -> &'static str {
        match self {
            Category::Label => "a condition, circumstance or service made into who the person is",
            Category::Blame => "the person blamed for what a service did or did not do",
            Category::RiskFraming => "the person framed as the risk or the problem",
            Category::Fixing => "people fixed, managed, rescued or placed, not worked with",
            Category::Othering => "people set apart as a group to be pitied or managed",
            Category::Stigma => "slurs and clearly stigmatising words",
            Category::Jargon => "service jargon that hides the person",
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

/// A sentence a rule must flag, and optionally the sentence its first suggestion must make of it.
///
/// In a pack, `examples = ["Sam is a service user."]` or, with the rewrite `reframe test-rules` checks,
/// `examples = [{ text = "Sam is a service user.", fixed = "Sam is a person we support." }]`.
#[derive(Debug, Clone, PartialEq, Eq, serde::Deserialize, serde::Serialize)]
#[serde(untagged, deny_unknown_fields)]
pub enum Example {
    /// A sentence only.
    Sentence(String),
    /// A sentence and its rewrite.
    Rewrite {
        /// The sentence the rule must flag.
        text: String,
        /// The sentence with the rule's first suggestion in place, exactly.
        fixed: String,
    },
}

impl Example {
    /// The sentence the rule must flag.
    pub fn text(&self) -> &str {
        match self {
            Example::Sentence(text) | Example::Rewrite { text, .. } => text,
        }
    }

    /// The expected rewrite, if the example has one.
    pub fn fixed(&self) -> Option<&str> {
        match self {
            Example::Sentence(_) => None,
            Example::Rewrite { fixed, .. } => Some(fixed),
        }
    }
}

impl std::fmt::Display for Example {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Example::Sentence(text) => f.write_str(text),
            Example::Rewrite { text, fixed } => write!(f, "{text} \u{2192} {fixed}"),
        }
    }
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
    /// Sentences the rule must flag, some with the sentence its first suggestion must make of them.
    pub examples: Vec<Example>,
    /// Sentences no rule of the pack may flag.
    pub counter_examples: Vec<String>,
    /// The pack file and the line where the rule starts.
    pub location: (String, usize),
    /// When a match is a finding, and how sure: the rule's sense conditions.
    pub sense: Sense,
    /// Ids its phrases were reported under before the rule was split off (`split-from`): a suppression comment,
    /// a `disable` or `enable`, a severity override or a baseline entry naming one of them applies to it too.
    pub split_from: Vec<String>,
    pub(crate) term_patterns: Vec<Pattern>,
    pub(crate) suggestion_patterns: Vec<Pattern>,
    pub(crate) exception_patterns: Vec<Pattern>,
}

impl Rule {
    /// Whether `name` names this rule: its id, or an id it was split from.
    pub fn answers_to(&self, name: &str) -> bool {
        self.id == name || self.split_from.iter().any(|old| old == name)
    }

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
    /// [`crate::rules::forms::Form`]); an out-of-range `term` (a regex match) renders groups by position. A
    /// wording that would drop words the form chose in an optional group is left out for that form (see
    /// [`Pattern::drops_optional_words`](crate::rules::forms::Pattern::drops_optional_words)); advice is kept.
    pub fn rendered_suggestions(&self, term: usize, choices: &[usize]) -> Vec<String> {
        match self.term_patterns.get(term) {
            Some(pattern) => self
                .suggestion_patterns
                .iter()
                .map(|p| (p.render_for(pattern, choices), p))
                .filter(|(text, p)| is_hint(text) || !p.drops_optional_words(pattern, choices))
                .map(|(text, _)| text)
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

/// What a rule's terms must describe for a match to be a certain finding (`applies-to`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum AppliesTo {
    /// People: the words around the match show it is said of a person or a group of people.
    Person,
    /// A person as the subject: the match says something of the words before it ("she suffers from",
    /// "the board has suffered from"), which must name a person, a group of people or a pronoun for them.
    PersonSubject,
    /// A person as the object: the match does something to the words after it ("empower families",
    /// "empower the Fed"), which must name a person, a group of people or a pronoun for them.
    PersonObject,
}

/// The kind of document a word is deficit language in (`setting`): elsewhere it is an ordinary word.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Setting {
    /// Care, support, health and justice work: case notes, care and support plans, services' policies and bids
    /// ("client" of a hostel, not of a law firm; "beneficiaries" of a grant, not of a pension).
    Care,
    /// Work with people, wider than care: health, education, children and families, older people, justice. A
    /// possible finding of any rule is reported only in this setting (near one of its words, or in a document
    /// about it); a pack may also ask for it.
    People,
}

impl Setting {
    /// The name written in a pack.
    pub fn as_str(self) -> &'static str {
        match self {
            Setting::Care => "care",
            Setting::People => "people",
        }
    }
}

/// How sure a rule's findings can be (`confidence`), before its sense conditions are weighed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum RuleConfidence {
    /// Findings are certain unless a sense condition makes them possible.
    #[default]
    Certain,
    /// Every finding is possible: a word whose sense depends on the setting (`client` in law or software).
    Possible,
}

/// The word lists of one neighbour condition, normalised: each entry is one or more words, or `@person` for any
/// word of the person lexicon.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Neighbours {
    /// Each entry's words, in text order.
    pub entries: Vec<Vec<String>>,
}

/// The name that stands for every word of the person lexicon in a neighbour list.
pub const PERSON_WORDS: &str = "@person";

/// The name that stands for any word but a function word ("to", "and", "is"...): in `not-followed-by`, it keeps
/// a noun rule such as `the elderly` from firing where the word describes the next noun ("the elderly residents").
pub const ANY_WORD: &str = "@word";

impl Neighbours {
    fn new(entries: &[toml::Spanned<String>]) -> Neighbours {
        Neighbours {
            entries: entries
                .iter()
                .map(|e| {
                    let entry = e.get_ref().trim();
                    let (words, prefix) = match entry.strip_suffix('*') {
                        Some(words) => (words, true),
                        None => (entry, false),
                    };
                    let mut words: Vec<String> = crate::text::Normalized::phrase(words, true)
                        .split(' ')
                        .filter(|w| !w.is_empty())
                        .map(str::to_string)
                        .collect();
                    if prefix && let Some(last) = words.last_mut() {
                        last.push('*');
                    }
                    words
                })
                .collect(),
        }
    }

    /// Whether the list has no entries (the condition is not set).
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// An entry must be words (letters, digits, apostrophes; the last word may end in `*` for any word that
    /// begins so), or `@person` / `@word`.
    fn check_entry(entry: &str) -> Result<(), String> {
        let trimmed = entry.trim();
        let trimmed = trimmed.strip_suffix('*').unwrap_or(trimmed);
        if trimmed.is_empty() {
            return Err("a neighbour list has an empty entry".into());
        }
        if trimmed.starts_with('@') {
            return if trimmed == PERSON_WORDS || trimmed == ANY_WORD {
                Ok(())
            } else {
                Err(format!(
                    "unknown word list `{trimmed}`: the lists are `{PERSON_WORDS}` and `{ANY_WORD}`"
                ))
            };
        }
        match trimmed
            .chars()
            .find(|c| !(c.is_alphanumeric() || c.is_whitespace() || "'\u{2019}-".contains(*c)))
        {
            Some(c) => Err(format!(
                "neighbour `{trimmed}` has `{c}`: write words only (a neighbour is matched word by word)"
            )),
            None => Ok(()),
        }
    }
}

/// A rule's sense conditions: which matches are findings, and which are certain.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Sense {
    /// What the term must describe for a certain finding.
    pub applies_to: Option<AppliesTo>,
    /// Whether findings can be certain at all.
    pub confidence: RuleConfidence,
    /// A match is a finding only right after one of these (empty: anywhere).
    pub preceded_by: Neighbours,
    /// A match right after one of these is not a finding.
    pub not_preceded_by: Neighbours,
    /// A match is a finding only right before one of these (empty: anywhere).
    pub followed_by: Neighbours,
    /// A match right before one of these is not a finding.
    pub not_followed_by: Neighbours,
    /// Words that show the deficit sense: when set, a finding is certain only with one of them in the same
    /// sentence within [`NEAR_WORDS`] words of the match, and possible otherwise.
    pub certain_near: Neighbours,
    /// The kind of document the rule's words are deficit language in: a match is a finding only with a word of
    /// that setting near it, or in a document that is about it (see `scan::sense::setting`).
    pub setting: Option<Setting>,
}

/// How many words either side of a match `certain-near` reads (within its sentence).
pub const NEAR_WORDS: usize = 15;
