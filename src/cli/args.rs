//! The command line as the user typed it (clap derive). Nothing here is built or checked beyond parsing; see
//! [`crate::cli`] for what each command does.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::rules::{Category, Severity};

/// reframe flags deficit language in case notes, policies and funding bids, says why it matters, and offers
/// strength-based rewordings.
#[derive(Debug, Parser)]
#[command(name = "reframe", version, max_term_width = 100)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
    /// Use these built-in packs instead of the default ones (repeat for more; see `reframe rules`).
    #[arg(long = "pack", value_name = "NAME", global = true)]
    pub packs: Vec<String>,
    /// Also load your own rule packs: a .toml file or a folder of them (repeatable).
    #[arg(long = "rules", value_name = "PATH", global = true)]
    pub rules: Vec<PathBuf>,
    /// Use this configuration file for every path, instead of the nearest reframe.toml.
    #[arg(long, value_name = "FILE", global = true, conflicts_with = "no_config")]
    pub config: Option<PathBuf>,
    /// Use no configuration file.
    #[arg(long, global = true)]
    pub no_config: bool,
    /// Report phrases inside quotation marks (a person's own words) as info instead of leaving them out.
    #[arg(long, global = true)]
    pub include_quotes: bool,
    /// When to use colour: auto (on a terminal, unless NO_COLOR is set), always or never.
    #[arg(long, value_enum, default_value_t = ColorWhen::Auto, value_name = "WHEN", global = true)]
    pub color: ColorWhen,
}

/// The commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check files, folders or standard input (`-`) for deficit language.
    Check(CheckArgs),
    /// Apply the safe rewordings to files (plain text and Markdown); `--diff` shows them without writing.
    Fix(FixArgs),
    /// List the rules, by pack and category.
    Rules(RulesArgs),
    /// Show one rule in full: what it flags, what to write instead, why, and its sources.
    Explain(ExplainArgs),
    /// Test rule packs: every example flagged, no counter-example flagged, no suggestion flagged.
    TestRules(TestRulesArgs),
    /// Write a commented starter configuration file (reframe.toml).
    Init(InitArgs),
    /// Print the settings that apply to a path: the configuration file found and what it sets.
    Config(ConfigArgs),
}

/// Arguments of `reframe init`.
#[derive(Debug, Args)]
pub struct InitArgs {
    /// Where to write it (default: reframe.toml in the current folder). An existing file is never overwritten.
    #[arg(value_name = "FILE")]
    pub path: Option<PathBuf>,
}

/// Arguments of `reframe config`.
#[derive(Debug, Args)]
pub struct ConfigArgs {
    /// The file or folder to show the settings for (default: the current folder).
    #[arg(value_name = "PATH")]
    pub path: Option<PathBuf>,
}

/// Arguments of `reframe check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Files or folders to check; `-` reads standard input. With none, the current folder.
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = CheckFormat::Human)]
    pub format: CheckFormat,
    /// Exit with code 1 when there are findings at or above this level [default: warning, or the configuration's
    /// fail-on].
    #[arg(long, value_enum, value_name = "LEVEL")]
    pub fail_on: Option<Level>,
    /// Print findings only: no notes about skipped files, no overview and no summary line.
    #[arg(long, short, conflicts_with = "statistics")]
    pub quiet: bool,
    /// Print the overview only (words checked, counts by kind of language, the most frequent phrases), not each
    /// finding. For the human and concise formats.
    #[arg(long)]
    pub statistics: bool,
    /// The file name standard input (`-`) stands for: reports show it, and its configuration and format apply.
    #[arg(long, value_name = "NAME")]
    pub stdin_filename: Option<PathBuf>,
    /// Leave out files named on the command line that the configuration's `exclude` matches (for pre-commit and
    /// editors, which name files one by one).
    #[arg(long)]
    pub force_exclude: bool,
    /// Write the report to this file instead of standard output.
    #[arg(long, short, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Print findings without the text around them: the rule, the place and the matched phrase only.
    #[arg(long)]
    pub redact: bool,
    /// Leave out the findings recorded in this baseline file; report only new ones.
    #[arg(long, value_name = "FILE", conflicts_with = "write_baseline")]
    pub baseline: Option<PathBuf>,
    /// Record every current finding in this baseline file (replacing it) and report nothing.
    #[arg(long, value_name = "FILE")]
    pub write_baseline: Option<PathBuf>,
}

/// Arguments of `reframe fix`.
#[derive(Debug, Args)]
pub struct FixArgs {
    /// Files or folders to fix; `-` reads standard input and writes the fixed text to standard output. With none,
    /// the current folder.
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Print a unified diff of what would change and write nothing; exit 1 if anything would change.
    #[arg(long, conflicts_with = "interactive")]
    pub diff: bool,
    /// Review each finding in the terminal: pick a suggestion, type your own wording, or skip.
    #[arg(long, short)]
    pub interactive: bool,
    /// Exit with code 1 when findings at or above this level remain after fixing.
    #[arg(long, value_enum, value_name = "LEVEL")]
    pub fail_on: Option<Level>,
    /// The file name standard input (`-`) stands for: its configuration applies.
    #[arg(long, value_name = "NAME")]
    pub stdin_filename: Option<PathBuf>,
    /// Leave out files named on the command line that the configuration's `exclude` matches.
    #[arg(long)]
    pub force_exclude: bool,
    /// Also fix files with more than one hard link. As with `sed -i`, the name given gets the fixed text and the
    /// file's other names keep the old one.
    #[arg(long)]
    pub force: bool,
}

/// Arguments of `reframe rules`.
#[derive(Debug, Args)]
pub struct RulesArgs {
    /// Only rules of this category (repeatable).
    #[arg(long = "category", value_enum, value_name = "CATEGORY")]
    pub categories: Vec<CategoryArg>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = RulesFormat::Human)]
    pub format: RulesFormat,
}

/// Arguments of `reframe explain`.
#[derive(Debug, Args)]
pub struct ExplainArgs {
    /// The rule's id, as shown in findings (e.g. `service-user`).
    #[arg(value_name = "RULE-ID")]
    pub rule: String,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ExplainFormat::Human)]
    pub format: ExplainFormat,
}

/// Arguments of `reframe test-rules`.
#[derive(Debug, Args)]
pub struct TestRulesArgs {
    /// Pack files or folders to test; with none, the built-in packs.
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,
}

/// When to colour the output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorWhen {
    /// Colour on a terminal, unless NO_COLOR is set.
    Auto,
    /// Always colour.
    Always,
    /// Never colour.
    Never,
}

/// Formats of `reframe check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CheckFormat {
    /// For people: each phrase with its line and suggestions, then an overview.
    Human,
    /// One line per finding: place, rule, message and suggestions.
    Concise,
    /// One JSON object for the whole run.
    Json,
    /// One JSON object per finding, one per line.
    Jsonl,
    /// SARIF 2.1.0, for code scanning.
    Sarif,
    /// GitHub Actions annotations (workflow commands).
    Github,
    /// Checkstyle XML, for Jenkins and reviewdog.
    Checkstyle,
}

/// Formats of `reframe rules`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum RulesFormat {
    /// An aligned table.
    Human,
    /// A JSON array with every field of every rule.
    Json,
    /// A Markdown reference (docs/rules.md).
    Markdown,
}

/// Formats of `reframe explain`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExplainFormat {
    /// Plain text.
    Human,
    /// JSON with every field of the rule.
    Json,
}

/// A severity level on the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Level {
    /// Fail on any finding.
    Info,
    /// Fail on warnings and errors.
    Warning,
    /// Fail on errors only.
    Error,
}

impl From<Level> for Severity {
    fn from(level: Level) -> Severity {
        match level {
            Level::Info => Severity::Info,
            Level::Warning => Severity::Warning,
            Level::Error => Severity::Error,
        }
    }
}

/// A category on the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CategoryArg {
    /// A condition or service made into the person's identity.
    Label,
    /// The person blamed for what a service did or did not do.
    Blame,
    /// The person framed as the risk.
    RiskFraming,
    /// Fixing, managing, rescuing or placing people.
    Fixing,
    /// Setting people apart as a group.
    Othering,
    /// Slurs and clearly stigmatising words.
    Stigma,
    /// Depersonalising service jargon.
    Jargon,
}

impl From<CategoryArg> for Category {
    fn from(arg: CategoryArg) -> Category {
        match arg {
            CategoryArg::Label => Category::Label,
            CategoryArg::Blame => Category::Blame,
            CategoryArg::RiskFraming => Category::RiskFraming,
            CategoryArg::Fixing => Category::Fixing,
            CategoryArg::Othering => Category::Othering,
            CategoryArg::Stigma => Category::Stigma,
            CategoryArg::Jargon => Category::Jargon,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn verify_app() {
        Cli::command().debug_assert();
    }
}
