//! reframe finds deficit language in case notes, policies and funding bids, says why it matters, and offers
//! strength-based rewordings.
//!
//! The flow, one module per step: [`cli`] (what the user typed) → [`rules`] (rule packs, embedded and the
//! user's) → [`matcher`] (one Aho-Corasick automaton over normalised text, built once and shared across threads)
//! → [`walk`] and [`source`] (files to text) → [`check`] → [`finding`] → [`baseline`] (leaves out accepted
//! findings) → [`report`] (human, JSON, JSON Lines, SARIF, GitHub, Checkstyle). [`app`] ties them together for
//! the binary; [`explain`] and [`selftest`] serve `reframe rules`, `explain` and `test-rules`.
//!
//! ```
//! use reframe::rules::{PackSelection, RuleSet};
//! use reframe::matcher::Matcher;
//! use reframe::check::check_text;
//!
//! let rules = RuleSet::load(&PackSelection::default()).unwrap();
//! let matcher = Matcher::new(&rules, &[]);
//! let findings = check_text("Sam failed to engage with the service.", 0, &matcher, &rules);
//! assert_eq!(findings[0].text, "failed to engage");
//! assert_eq!(rules.rules[findings[0].rule].id, "failed-to-engage");
//! ```

#![warn(missing_docs, clippy::print_stdout, clippy::print_stderr)]

pub mod app;
pub mod baseline;
pub mod check;
pub mod cli;
pub mod config;
pub mod error;
pub mod explain;
pub mod finding;
pub mod fix;
pub mod forms;
pub mod matcher;
pub mod progress;
pub mod report;
pub mod review;
pub mod rules;
pub mod selftest;
pub mod settings;
pub mod source;
pub mod text;
pub mod walk;
