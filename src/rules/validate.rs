//! Validating one rule of a pack: its id, terms, suggestions, sources, regex and neighbour lists, each error
//! with its place; term, suggestion and exception forms expanded into patterns.

use std::collections::HashSet;

use toml::Spanned;

use crate::error::LocatedError;
use crate::rules::forms::Pattern;
use crate::rules::parse::{MAX_SUGGESTION_CHARS, RawRule, did_you_mean, is_kebab_case};
use crate::rules::{FixSafety, Neighbours, Pack, Rule, Sense, is_hint};
use crate::text::{Normalized, is_word_char};

/// Why a suggestion cannot be written into someone's note: control characters (an escape or carriage return
/// would be written into the file by `fix`, or drive the terminal), or a form of it (one choice from each group)
/// longer than [`MAX_SUGGESTION_CHARS`].
fn unwritable(suggestion: &str) -> Option<String> {
    if suggestion.chars().any(char::is_control) {
        return Some("has a control character (such as an escape, tab or line break)".into());
    }
    let longest = Pattern::parse(suggestion)
        .ok()?
        .expand()
        .iter()
        .map(|f| f.text.chars().count())
        .max()?;
    (longest > MAX_SUGGESTION_CHARS).then(|| {
        format!("has a form {longest} characters long; the most is {MAX_SUGGESTION_CHARS}")
    })
}

/// Byte offset of character `offset` of a string value whose span starts at its opening quote.
fn inside_string(span_start: usize, offset: usize) -> usize {
    span_start + 1 + offset
}

/// Takes one raw rule of `pack`, the pack's source ids, the rule's location and a way to place errors; gives the
/// rule, or `None` when it has errors (added to `errors`).
pub(super) fn validate_rule(
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
    let term_patterns = parse_forms(raw.terms.get_ref(), "term", id, fold_case, err_at, errors);
    let suggestion_patterns = parse_suggestions(&raw, err_at, errors);
    if raw.why.get_ref().trim().is_empty() {
        errors.push(err_at(
            raw.why.span().start,
            format!("rule `{id}` has an empty `why`"),
        ));
    }
    check_sources(&raw, source_ids, err_at, errors);
    let exception_patterns =
        parse_forms(&raw.exceptions, "exception", id, fold_case, err_at, errors);
    check_regex_and_neighbours(&raw, err_at, errors);
    check_split_from(&raw, err_at, errors);
    if errors.len() > before {
        return None;
    }
    Some(into_rule(
        raw,
        pack,
        location,
        Patterns {
            terms: term_patterns,
            suggestions: suggestion_patterns,
            exceptions: exception_patterns,
        },
    ))
}

/// Takes a raw rule; gives the patterns of its suggestions, adding to `errors` what is wrong with them (none, an
/// empty or unwritable one, a hint first in a safe rule).
fn parse_suggestions(
    raw: &RawRule,
    err_at: &dyn Fn(usize, String) -> LocatedError,
    errors: &mut Vec<LocatedError>,
) -> Vec<Pattern> {
    let id = raw.id.get_ref();
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
        if let Some(problem) = unwritable(suggestion.get_ref()) {
            errors.push(err_at(
                suggestion.span().start,
                format!("rule `{id}`: a suggestion {problem}"),
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
    suggestion_patterns
}

/// Takes a raw rule and its pack's source ids; adds to `errors` each source the rule names that the pack lacks.
fn check_sources(
    raw: &RawRule,
    source_ids: &HashSet<&str>,
    err_at: &dyn Fn(usize, String) -> LocatedError,
    errors: &mut Vec<LocatedError>,
) {
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
}

/// Takes a raw rule; adds to `errors` what is wrong with its regex and its neighbour lists.
fn check_regex_and_neighbours(
    raw: &RawRule,
    err_at: &dyn Fn(usize, String) -> LocatedError,
    errors: &mut Vec<LocatedError>,
) {
    let id = raw.id.get_ref();
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
    for list in [
        &raw.preceded_by,
        &raw.not_preceded_by,
        &raw.followed_by,
        &raw.not_followed_by,
        &raw.certain_near,
    ] {
        for entry in list {
            if let Err(message) = Neighbours::check_entry(entry.get_ref()) {
                errors.push(err_at(
                    inside_string(entry.span().start, 0),
                    format!("rule `{id}`: {message}"),
                ));
            }
        }
    }
}

/// Takes a raw rule; adds to `errors` what is wrong with its `split-from` ids (each kebab-case, none its own id).
fn check_split_from(
    raw: &RawRule,
    err_at: &dyn Fn(usize, String) -> LocatedError,
    errors: &mut Vec<LocatedError>,
) {
    let id = raw.id.get_ref();
    for old in &raw.split_from {
        let message = if !is_kebab_case(old.get_ref()) {
            format!(
                "rule `{id}`: `split-from` id `{}` must be kebab-case, like `service-user`",
                old.get_ref()
            )
        } else if old.get_ref() == id {
            format!("rule `{id}`: `split-from` names the rule itself")
        } else {
            continue;
        };
        errors.push(err_at(inside_string(old.span().start, 0), message));
    }
}

/// The parsed patterns of a rule's terms, suggestions and exceptions.
struct Patterns {
    terms: Vec<Pattern>,
    suggestions: Vec<Pattern>,
    exceptions: Vec<Pattern>,
}

/// Parses term or exception forms (`what` names them in errors), each of which must expand to words.
fn parse_forms(
    items: &[Spanned<String>],
    what: &str,
    id: &str,
    fold_case: bool,
    err_at: &dyn Fn(usize, String) -> LocatedError,
    errors: &mut Vec<LocatedError>,
) -> Vec<Pattern> {
    let mut patterns = Vec::new();
    for item in items {
        match Pattern::parse(item.get_ref()) {
            Ok(pattern) => {
                let forms = pattern.expand();
                if forms
                    .iter()
                    .any(|f| Normalized::phrase(&f.text, fold_case).is_empty())
                {
                    errors.push(err_at(
                        item.span().start,
                        format!("rule `{id}` has an empty {what}"),
                    ));
                } else if what == "term" && forms.iter().any(|f| !f.text.chars().any(is_word_char))
                {
                    // "." would match every full stop.
                    errors.push(err_at(
                        item.span().start,
                        format!("rule `{id}` has a term without a letter or digit"),
                    ));
                }
                patterns.push(pattern);
            }
            Err(e) => errors.push(err_at(
                inside_string(item.span().start, e.offset),
                e.message,
            )),
        }
    }
    patterns
}

/// A validated raw rule as a [`Rule`].
fn into_rule(raw: RawRule, pack: &Pack, location: (String, usize), patterns: Patterns) -> Rule {
    Rule {
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
        split_from: raw
            .split_from
            .into_iter()
            .map(Spanned::into_inner)
            .collect(),
        sense: Sense {
            applies_to: raw.applies_to,
            confidence: raw.confidence.unwrap_or_default(),
            preceded_by: Neighbours::new(&raw.preceded_by),
            not_preceded_by: Neighbours::new(&raw.not_preceded_by),
            followed_by: Neighbours::new(&raw.followed_by),
            not_followed_by: Neighbours::new(&raw.not_followed_by),
            certain_near: Neighbours::new(&raw.certain_near),
            setting: raw.setting,
        },
        term_patterns: patterns.terms,
        suggestion_patterns: patterns.suggestions,
        exception_patterns: patterns.exceptions,
    }
}
