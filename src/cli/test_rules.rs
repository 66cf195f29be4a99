//! `reframe test-rules`: a pack's examples, counter-examples and suggestions checked against the matcher.
//!
//! Checks, for each tested pack: every `examples` sentence is flagged by its rule, and one with `fixed` becomes
//! exactly that sentence when the first suggestion is put in place; a rule marked `fix = "safe"` has at least two
//! such rewrites, in two places in a sentence; every `message` reads as a sentence after the quoted phrase (it
//! starts with a verb); every `counter-examples` sentence is flagged by no rule of the pack; no rendered suggestion of any rule is flagged by any enabled rule;
//! no term form belongs to two rules unless one of them lists it as an exception. (Unique ids are checked when
//! packs load.)

use std::collections::BTreeMap;
use std::io;

use crate::cli::args::{Cli, TestRulesArgs};
use crate::cli::{EXIT_CLEAN, EXIT_ERROR, EXIT_FINDINGS, Streams, load_rules, plural, selection};

use crate::rules::forms::Pattern;
use crate::rules::{Example, FixSafety, Origin, Rule, RuleSet, is_hint, pack_files, parse_pack};
use crate::scan::check::check_text;
use crate::scan::matcher::Matcher;
use crate::text::{Normalized, is_word_char};

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
        check_rule(rules, &matcher, index, rule, &mut result);
    }
    check_shared_terms(rules, tested, &mut result);
    result
}

/// Takes the rule set, its matcher and one tested rule (`index`); runs that rule's own checks (examples, safe fix,
/// message, counter-examples, suggestions) and adds their counts and failures to `result`.
fn check_rule(
    rules: &RuleSet,
    matcher: &Matcher,
    index: usize,
    rule: &Rule,
    result: &mut SelfTest,
) {
    for example in &rule.examples {
        result.checks += 1;
        if let Some(message) = example_failure(rules, matcher, index, example) {
            result.failures.push(failure(rule, message));
        }
    }
    if rule.fix == FixSafety::Safe {
        result.checks += 1;
        if let Some(message) = safe_rule_failure(rules, matcher, index) {
            result.failures.push(failure(rule, message));
        }
    }
    if let Some(message) = &rule.message {
        result.checks += 1;
        if !reads_as_a_sentence(message) {
            result.failures.push(failure(
                rule,
                format!(
                    "the message {message:?} does not read as a sentence after the quoted phrase: \
                     start it with a verb (\"is ...\", \"labels ...\", \"can ...\")"
                ),
            ));
        }
    }
    for counter in &rule.counter_examples {
        result.checks += 1;
        if let Some(message) = counter_example_failure(rules, matcher, rule, counter) {
            result.failures.push(failure(rule, message));
        }
    }
    for suggestion in suggestion_forms(rule) {
        result.checks += 1;
        if let Some(message) = suggestion_failure(rules, matcher, &suggestion) {
            result.failures.push(failure(rule, message));
        }
    }
}

/// Takes one counter-example of `rule`; gives what is wrong with it: a rule of the same pack flags it.
fn counter_example_failure(
    rules: &RuleSet,
    matcher: &Matcher,
    rule: &Rule,
    counter: &str,
) -> Option<String> {
    let flagged: Vec<String> = crate::scan::check::find_in_document(matcher, counter)
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
    (!flagged.is_empty()).then(|| {
        format!(
            "counter-example is flagged by {}: {counter:?}",
            flagged.join(", ")
        )
    })
}

/// Takes one suggested wording; gives what is wrong with it: some rule flags it.
fn suggestion_failure(rules: &RuleSet, matcher: &Matcher, suggestion: &str) -> Option<String> {
    let flagged: Vec<String> = matcher
        .find(suggestion)
        .iter()
        .map(|m| {
            format!(
                "{} ({:?})",
                rules.rules[m.rule].id,
                &suggestion[m.range.clone()]
            )
        })
        .collect();
    (!flagged.is_empty()).then(|| {
        format!(
            "suggestion {suggestion:?} is itself flagged by {}",
            flagged.join(", ")
        )
    })
}

/// Takes the rule set and the packs tested; checks that no term of an enabled pack is in more than one rule
/// (unless one of them excepts it) and adds the count and failures to `result`.
fn check_shared_terms(rules: &RuleSet, tested: &[String], result: &mut SelfTest) {
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
}

/// What is wrong with one example of rule `index`: not flagged by the rule, or (for an example with `fixed`)
/// its first suggestion, put in place as `reframe fix` would, does not give `fixed` exactly.
fn example_failure(
    rules: &RuleSet,
    matcher: &Matcher,
    index: usize,
    example: &Example,
) -> Option<String> {
    let text = example.text();
    let findings = check_text(text, 0, matcher, rules);
    let Some(finding) = findings.iter().find(|f| f.rule == index) else {
        let instead: Vec<&str> = findings
            .iter()
            .map(|f| rules.rules[f.rule].id.as_str())
            .collect();
        let detail = if instead.is_empty() {
            String::new()
        } else {
            format!(" (flagged by {} instead)", instead.join(", "))
        };
        return Some(format!(
            "example is not flagged by this rule{detail}: {text:?}"
        ));
    };
    let expected = example.fixed()?;
    let Some(replacement) = finding.first_replacement() else {
        return Some(format!(
            "example {text:?} has a rewrite, but the first suggestion for {:?} is advice, not a wording",
            finding.text
        ));
    };
    let mut fixed = text.to_string();
    fixed.replace_range(replacement.range, &replacement.text);
    (fixed != expected)
        .then(|| format!("the first suggestion makes {text:?} into {fixed:?}, not {expected:?}"))
}

/// Why a rule marked `fix = "safe"` may not be: fewer than two examples with a rewrite, or all of them with the
/// phrase in the same place in the sentence (the same words right before and after it). Whether each rewrite
/// is exact is checked with the examples.
fn safe_rule_failure(rules: &RuleSet, matcher: &Matcher, index: usize) -> Option<String> {
    let rule = &rules.rules[index];
    let mut slots: Vec<(String, String)> = Vec::new();
    let mut rewrites = 0;
    for example in rule.examples.iter().filter(|e| e.fixed().is_some()) {
        rewrites += 1;
        let text = example.text();
        let findings = check_text(text, 0, matcher, rules);
        if let Some(finding) = findings.iter().find(|f| f.rule == index) {
            let before = last_word(&text[..finding.replace.start]);
            let after = first_word(&text[finding.bytes.end..]);
            if !slots.contains(&(before.clone(), after.clone())) {
                slots.push((before, after));
            }
        }
    }
    if rewrites < 2 {
        return Some(format!(
            "a safe rule needs at least two examples with `fixed` (it has {rewrites}): \
             examples = [{{ text = \"...\", fixed = \"...\" }}]"
        ));
    }
    (slots.len() < 2).then(|| {
        "a safe rule's rewrites must show the phrase in at least two places in a sentence \
         (other words right before or after it)"
            .to_string()
    })
}

fn last_word(text: &str) -> String {
    text.split(|c: char| !is_word_char(c))
        .rfind(|w| !w.is_empty())
        .unwrap_or("")
        .to_lowercase()
}

fn first_word(text: &str) -> String {
    text.split(|c: char| !is_word_char(c))
        .find(|w| !w.is_empty())
        .unwrap_or("")
        .to_lowercase()
}

/// Words a message may start with that are verbs without the third-person "-s".
const LEADING_VERBS: &[&str] = &[
    "can", "may", "might", "could", "will", "would", "should", "must", "is", "are", "was", "were",
    "has", "had", "does", "did",
];

/// Adverbs a message may start with before its verb ("often frames ...").
const ADVERBS: &[&str] = &[
    "often",
    "still",
    "also",
    "always",
    "never",
    "sometimes",
    "quietly",
];

/// Words that start a noun phrase: a message starting with one is a fragment ("a slang label for ...").
const NOUN_PHRASE_STARTS: &[&str] = &[
    "a", "an", "the", "this", "that", "these", "those", "its", "their", "his", "her", "our",
    "your", "some", "no", "one", "jargon", "slang", "language",
];

/// Whether a rule's message reads as a sentence after the quoted phrase ("“LAC” reduces a child to an acronym"):
/// its first word (after any adverbs in "-ly") is a verb, as far as its form shows.
pub fn reads_as_a_sentence(message: &str) -> bool {
    let mut words = message
        .split(|c: char| !is_word_char(c))
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .skip_while(|w| (w.ends_with("ly") && w.len() > 3) || ADVERBS.contains(&w.as_str()));
    let Some(first) = words.next() else {
        return false;
    };
    if NOUN_PHRASE_STARTS.contains(&first.as_str()) {
        return false;
    }
    LEADING_VERBS.contains(&first.as_str())
        || (first.ends_with('s') && !first.ends_with("ss") && !first.ends_with("us"))
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
                let source = crate::read::read_text_capped(&file, crate::read::MAX_PACK_BYTES)?;
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

#[cfg(test)]
mod tests {
    use super::reads_as_a_sentence;

    #[test]
    fn a_message_reads_as_a_sentence_when_it_starts_with_a_verb() {
        for sentence in [
            "labels a person by the service they receive",
            "is prison language for a child leaving home",
            "can hide a stranger behind the word 'friend'",
            "often frames care as control",
            "makes seeing family sound like a procedure",
        ] {
            assert!(reads_as_a_sentence(sentence), "{sentence}");
        }
        for fragment in [
            "a slang label for children in care",
            "prison language for a child leaving home",
            "system jargon for a child's lasting home",
            "the language of prisons",
            "",
        ] {
            assert!(!reads_as_a_sentence(fragment), "{fragment}");
        }
    }
}
