//! Text to findings: takes a [`RuleSet`](crate::rules::RuleSet) and the text segments of a
//! [`Document`](crate::source::Document), gives [`Finding`](finding::Finding)s with their positions, messages and
//! suggestions.
//!
//! [`matcher`] finds every term of the enabled rules in normalised text, and [`sense`] judges each candidate from
//! the words around it (not a finding, possible, or certain); [`check`] drops what suppression comments and
//! quotation marks leave out and turns the rest into findings ([`finding`], with suggestions shaped for the sentence
//! by [`suggestion`]), file by file and in parallel.

pub mod check;
pub mod finding;
pub mod matcher;
pub mod sense;
pub mod suggestion;
