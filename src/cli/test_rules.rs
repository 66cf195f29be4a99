//! `reframe test-rules`: a pack's examples, counter-examples and suggestions checked against the matcher.
//!
//! Checks, for each tested pack: every `examples` sentence is flagged by its rule; every `counter-examples`
//! sentence is flagged by no rule of the pack; no rendered suggestion of any rule is flagged by any enabled rule;
//! no term form belongs to two rules unless one of them lists it as an exception. (Unique ids are checked when
//! packs load.)

use std::collections::BTreeMap;
use std::io;

use crate::cli::args::{Cli, TestRulesArgs};
use crate::cli::{EXIT_CLEAN, EXIT_ERROR, EXIT_FINDINGS, Streams, load_rules, plural, selection};

use crate::rules::forms::Pattern;
use crate::rules::{Origin, Rule, RuleSet, is_hint, pack_files, parse_pack};
use crate::scan::matcher::Matcher;
use crate::text::Normalized;

/// One failed check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure {
    /// The pack file.
    pub path: String,
    /// The line where the rule starts.
    pub line: usize,
    /// The rule's id.
    pub rule: String,
    /// What failed.
    pub message: String,
}

/// The outcome of a self-test.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SelfTest {
    /// Packs tested.
    pub packs: usize,
    /// Rules tested.
    pub rules: usize,
    /// Checks run.
    pub checks: usize,
    /// Checks that failed, in pack and rule order.
    pub failures: Vec<Failure>,
}

fn failure(rule: &Rule, message: String) -> Failure {
    Failure {
        path: rule.location.0.clone(),
        line: rule.location.1,
        rule: rule.id.clone(),
        message,
    }
}

/// Runs the checks on the rules of the packs named in `tested` (all enabled packs take part in matching).
pub fn run(rules: &RuleSet, tested: &[String]) -> SelfTest {
    let matcher = Matcher::new(rules, &[]);
    let mut result = SelfTest {
        packs: tested.len(),
        ..SelfTest::default()
    };
    let tested_rules: Vec<(usize, &Rule)> = rules
        .rules
        .iter()
        .enumerate()
        .filter(|(_, r)| tested.contains(&r.pack))
        .collect();
    result.rules = tested_rules.len();
    for &(index, rule) in &tested_rules {
        for example in &rule.examples {
            result.checks += 1;
            let found = matcher.find(example);
            if !found.iter().any(|m| m.rule == index) {
                let instead: Vec<&str> = found
                    .iter()
                    .map(|m| rules.rules[m.rule].id.as_str())
                    .collect();
                let detail = if instead.is_empty() {
                    String::new()
                } else {
                    format!(" (flagged by {} instead)", instead.join(", "))
                };
                result.failures.push(failure(
                    rule,
                    format!("example is not flagged by this rule{detail}: {example:?}"),
                ));
            }
        }
        for counter in &rule.counter_examples {
            result.checks += 1;
            let flagged: Vec<String> = matcher
                .find(counter)
                .iter()
                .filter(|m| rules.rules[m.rule].pack == rule.pack)
                .map(|m| {
                    format!(
                        "{} ({:?})",
                        rules.rules[m.rule].id,
                        &counter[m.range.clone()]
                    )
                })
                .collect();
            if !flagged.is_empty() {
                result.failures.push(failure(
                    rule,
                    format!(
                        "counter-example is flagged by {}: {counter:?}",
                        flagged.join(", ")
                    ),
                ));
            }
        }
        for suggestion in suggestion_forms(rule) {
            result.checks += 1;
            let flagged: Vec<String> = matcher
                .find(&suggestion)
                .iter()
                .map(|m| {
                    format!(
                        "{} ({:?})",
                        rules.rules[m.rule].id,
                        &suggestion[m.range.clone()]
                    )
                })
                .collect();
            if !flagged.is_empty() {
                result.failures.push(failure(
                    rule,
                    format!(
                        "suggestion {suggestion:?} is itself flagged by {}",
                        flagged.join(", ")
                    ),
                ));
            }
        }
    }
    // Terms shared between rules.
    let mut owners: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (index, rule) in rules.rules.iter().enumerate() {
        if !rules.pack_of(rule).enabled {
            continue;
        }
        for form in rule.term_forms() {
            let key = Normalized::phrase(&form, !rule.case_sensitive);
            let list = owners.entry(key).or_default();
            if !list.contains(&index) {
                list.push(index);
            }
        }
    }
    for (form, owner_list) in owners {
        if owner_list.len() < 2 {
            continue;
        }
        let excepted = owner_list.iter().any(|&i| {
            rules.rules[i]
                .exception_patterns
                .iter()
                .flat_map(Pattern::expand)
                .any(|e| Normalized::phrase(&e.text, true) == form.to_lowercase())
        });
        let tested_owner = owner_list
            .iter()
            .find(|&&i| tested.contains(&rules.rules[i].pack));
        if let (false, Some(&first)) = (excepted, tested_owner) {
            result.checks += 1;
            let ids: Vec<String> = owner_list
                .iter()
                .map(|&i| format!("{} ({})", rules.rules[i].id, rules.rules[i].pack))
                .collect();
            result.failures.push(failure(
                &rules.rules[first],
                format!(
                    "the term {form:?} is in more than one rule: {}",
                    ids.join(", ")
                ),
            ));
        }
    }
    result
}

/// Every rendering of every literal suggestion, for every term form of the rule.
fn suggestion_forms(rule: &Rule) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for (term, term_pattern) in rule.term_patterns.iter().enumerate() {
        for form in term_pattern.expand() {
            for (rendered, written) in rule
                .rendered_suggestions(term, &form.choices)
                .into_iter()
                .zip(&rule.suggestions)
            {
                if !is_hint(written) && !out.contains(&rendered) {
                    out.push(rendered);
                }
            }
        }
    }
    out
}

/// Runs `reframe test-rules`: every rule's examples and counter-examples, in the packs named or all.
pub fn command(cli: &Cli, args: &TestRulesArgs, streams: &mut Streams) -> io::Result<u8> {
    let mut selection = selection(cli);
    for path in &args.paths {
        if !selection.user_paths.contains(path) {
            selection.user_paths.push(path.clone());
        }
    }
    let Some(mut rules) = load_rules(&selection, streams)? else {
        return Ok(EXIT_ERROR);
    };
    // Every pack takes part, so that suggestions and shared terms are checked against all of them, unless
    // `--pack` names the packs to test against.
    if cli.packs.is_empty() {
        for pack in &mut rules.packs {
            pack.enabled = true;
        }
    }
    let tested: Vec<String> = if args.paths.is_empty() {
        rules.packs.iter().map(|p| p.name.clone()).collect()
    } else {
        let mut names = Vec::new();
        for path in &args.paths {
            for file in pack_files(path)? {
                let source = std::fs::read_to_string(&file)?;
                if let Ok(parsed) = parse_pack(&source, Origin::File(file.clone())) {
                    names.push(parsed.pack.name);
                }
            }
        }
        names
    };
    let result = run(&rules, &tested);
    for failure in &result.failures {
        writeln!(
            streams.out,
            "FAIL {}:{}: {}: {}",
            failure.path, failure.line, failure.rule, failure.message
        )?;
    }
    writeln!(
        streams.out,
        "{}, {}, {}: {} passed, {} failed",
        plural(result.packs, "pack"),
        plural(result.rules, "rule"),
        plural(result.checks, "check"),
        result.checks - result.failures.len(),
        result.failures.len()
    )?;
    Ok(if result.failures.is_empty() {
        EXIT_CLEAN
    } else {
        EXIT_FINDINGS
    })
}
