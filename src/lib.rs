//! reframe finds deficit language in case notes, policies and funding bids, says why it matters, and offers
//! strength-based rewordings.
//!
//! One folder per step of the flow, each importing only from the steps before it:
//!
//! - [`rules`]: the rule-pack format (types, term forms, parsing and validation) and loading the embedded and the
//!   user's packs into a [`rules::RuleSet`].
//! - [`source`]: files to text: which files to read ([`source::walk`]), and each format (plain text, Markdown,
//!   HTML, Word, OpenDocument) read into text segments with quotation marks and suppression comments located.
//! - [`scan`]: text to findings: the matcher (one Aho-Corasick automaton over normalised text, built once and
//!   shared across threads) and the checks that turn its matches into [`scan::finding::Finding`]s.
//! - [`report`]: findings to output (human, JSON, JSON Lines, SARIF, GitHub, Checkstyle) and the baseline that
//!   leaves out accepted findings.
//! - [`fix`]: findings to edits: safe fixes written atomically, and the interactive review.
//! - [`cli`]: the commands (`check`, `fix`, `rules`, `explain`, `test-rules`, `init`, `config`), their arguments,
//!   the layered settings and configuration files, and progress.
//!
//! Beneath them all, [`text`] (normalisation, word boundaries, line and column positions), [`read`] (bounded reads
//! of regular files only) and [`error`] (errors that name a file and a place in it).
//!
//! ```
//! use reframe::rules::{PackSelection, RuleSet};
//! use reframe::scan::matcher::Matcher;
//! use reframe::scan::check::check_text;
//!
//! let rules = RuleSet::load(&PackSelection::default()).unwrap();
//! let matcher = Matcher::new(&rules, &[]);
//! let findings = check_text("Sam failed to engage with the service.", 0, &matcher, &rules);
//! assert_eq!(findings[0].text, "failed to engage with");
//! assert_eq!(rules.rules[findings[0].rule].id, "failed-to-engage");
//! ```

#![warn(missing_docs, clippy::print_stdout, clippy::print_stderr)]

pub mod cli;
pub mod error;
pub mod fix;
pub mod read;
pub mod report;
pub mod rules;
pub mod scan;
pub mod source;
pub mod text;
