//! Finding the terms of the enabled rules in a text.
//!
//! The text is normalised ([`crate::text::Normalized`]: case, whitespace, apostrophes, dashes) with a map back to
//! the original bytes; one Aho-Corasick automaton over every form of every term (and every exception) of every
//! enabled rule finds all candidates in one pass; each candidate is then checked for whole words, exact case where
//! the rule asks for it, and exceptions; finally the leftmost-longest valid candidates are kept, so the same words
//! are never reported twice. Rules with a `regex` run it over the normalised text.
//!
//! ```
//! use reframe::rules::{parse_pack, Origin, RuleSet};
//! use reframe::scan::matcher::Matcher;
//! let pack = r#"
//! [pack]
//! name = "demo"
//! description = "A demonstration pack"
//! [[rule]]
//! id = "service-user"
//! terms = ["service user(s)"]
//! suggestions = ["(person|people) we support"]
//! why = "A person is more than the service they use."
//! category = "label"
//! "#;
//! let parsed = parse_pack(pack, Origin::File("demo.toml".into())).unwrap();
//! let mut rules = RuleSet { packs: vec![parsed.pack], rules: parsed.rules };
//! rules.packs[0].enabled = true;
//! let matcher = Matcher::new(&rules, &[]);
//! let text = "Two Service\nUsers came in.";
//! let found = matcher.find(text);
//! assert_eq!(&text[found[0].range.clone()], "Service\nUsers");
//! ```

use std::collections::HashMap;
use std::ops::Range;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, OnceLock};

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};
use regex::Regex;

use crate::rules::{RuleSet, Sense, Setting};
use crate::scan::sense::{self, Confidence};
use crate::text::{Normalized, is_word_char};

/// What one automaton pattern stands for; one normalised string may stand for several.
#[derive(Debug, Clone)]
enum PatternUse {
    /// A form of a rule's term.
    Term {
        /// Index into [`RuleSet::rules`].
        rule: usize,
        /// Which of the rule's terms the form came from.
        term: usize,
        /// The alternatives the form took, for rendering suggestions.
        choices: Vec<usize>,
        /// For case-sensitive rules, the form with its case kept.
        exact: Option<String>,
    },
    /// An exception of one rule, or (with `None`) a phrase allowed for every rule.
    Exception { rule: Option<usize> },
}

/// A match of a rule in a text, with ranges into the original text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Match {
    /// Index into [`RuleSet::rules`].
    pub rule: usize,
    /// The matched words, as bytes of the original text.
    pub range: Range<usize>,
    /// Which of the rule's terms matched (`usize::MAX` for a regex match).
    pub term: usize,
    /// The alternatives taken in the term's groups (empty for regex matches).
    pub choices: Vec<usize>,
    /// An indefinite article ("a", "an") right before the match, as bytes of the original text.
    pub article: Option<Range<usize>>,
    /// How sure the finding is, from the rule's sense conditions.
    pub confidence: Confidence,
    /// The setting the rule's words are deficit language in, when no word of it stands near the match: the match
    /// is then a finding only in a document about that setting ([`sense::setting::document_shows`]).
    pub outside_setting: Option<Setting>,
}

/// A candidate found in the normalised text, before the leftmost-longest choice.
#[derive(Debug, Clone)]
struct Candidate {
    start: usize,
    end: usize,
    rule: usize,
    term: usize,
    choices: Vec<usize>,
    confidence: Confidence,
    outside_setting: Option<Setting>,
}

/// How many bytes a run scans with the quick-to-build automaton before it builds the DFA. An overlapping search
/// over aho-corasick's DFA is several times faster than over the contiguous NFA it picks by itself beyond 100
/// patterns, but building the DFA takes milliseconds: more than checking one note costs, much less than a
/// folder of them (benches/ measures both).
const DFA_AFTER_BYTES: usize = 1 << 20;

/// Builds the automaton over `patterns` (the library picks the kind when `kind` is `None`).
fn build_automaton(
    patterns: &[String],
    kind: Option<AhoCorasickKind>,
) -> Result<AhoCorasick, aho_corasick::BuildError> {
    AhoCorasickBuilder::new()
        .match_kind(MatchKind::Standard)
        .kind(kind)
        .build(patterns)
}

/// The matcher for one run: built once, then shared by every thread (it is `Sync`).
#[derive(Debug, Clone)]
pub struct Matcher {
    /// Quick to build; used until the run has scanned [`DFA_AFTER_BYTES`].
    automaton: Option<AhoCorasick>,
    /// The phrases of the automaton, kept to build the DFA.
    patterns: Arc<Vec<String>>,
    /// The same automaton as a DFA, once built; finds the same matches with the same pattern ids.
    dfa: Arc<OnceLock<AhoCorasick>>,
    /// Bytes scanned so far, by every thread.
    scanned: Arc<AtomicUsize>,
    uses: Vec<Vec<PatternUse>>,
    regexes: Vec<(usize, Regex, bool)>,
    /// Each rule's sense conditions, by rule index (empty for rules that are not enabled).
    senses: Arc<Vec<Sense>>,
}

impl Matcher {
    /// Builds the matcher over the rules of the enabled packs of `rules`. `allow` lists phrases never flagged by
    /// any rule.
    pub fn new(rules: &RuleSet, allow: &[String]) -> Matcher {
        let enabled: Vec<bool> = rules
            .rules
            .iter()
            .map(|r| rules.pack_of(r).enabled)
            .collect();
        Matcher::with_enabled(rules, &enabled, allow)
    }

    /// Builds the matcher over the rules whose entry in `enabled` (one per rule of `rules`) is true.
    pub fn with_enabled(rules: &RuleSet, enabled: &[bool], allow: &[String]) -> Matcher {
        let mut index_of: HashMap<String, usize> = HashMap::new();
        let mut patterns: Vec<String> = Vec::new();
        let mut uses: Vec<Vec<PatternUse>> = Vec::new();
        let mut add = |phrase: String, usage: PatternUse| {
            let id = *index_of.entry(phrase.clone()).or_insert_with(|| {
                patterns.push(phrase);
                uses.push(Vec::new());
                uses.len() - 1
            });
            uses[id].push(usage);
        };
        let mut regexes = Vec::new();
        let mut senses = vec![Sense::default(); rules.rules.len()];
        for (rule_index, rule) in rules.rules.iter().enumerate() {
            if !enabled.get(rule_index).copied().unwrap_or(false) {
                continue;
            }
            senses[rule_index] = rule.sense.clone();
            let fold = !rule.case_sensitive;
            for (term, pattern) in rule.term_patterns.iter().enumerate() {
                for form in pattern.expand() {
                    let folded = Normalized::phrase(&form.text, true);
                    let exact = (!fold).then(|| Normalized::phrase(&form.text, false));
                    add(
                        folded,
                        PatternUse::Term {
                            rule: rule_index,
                            term,
                            choices: form.choices,
                            exact,
                        },
                    );
                }
            }
            for pattern in &rule.exception_patterns {
                for form in pattern.expand() {
                    add(
                        Normalized::phrase(&form.text, true),
                        PatternUse::Exception {
                            rule: Some(rule_index),
                        },
                    );
                }
            }
            if let Some(source) = &rule.regex {
                let regex = Regex::new(source).expect("regexes are validated when packs load");
                regexes.push((rule_index, regex, rule.case_sensitive));
            }
        }
        for phrase in allow {
            let phrase = Normalized::phrase(phrase, true);
            if !phrase.is_empty() {
                add(phrase, PatternUse::Exception { rule: None });
            }
        }
        let automaton = (!patterns.is_empty()).then(|| {
            build_automaton(&patterns, None).expect("the automaton builds from non-empty phrases")
        });
        Matcher {
            automaton,
            patterns: Arc::new(patterns),
            dfa: Arc::default(),
            scanned: Arc::default(),
            uses,
            regexes,
            senses: Arc::new(senses),
        }
    }

    /// The automaton to search `len` more bytes with: the quick-to-build one until the run has scanned
    /// [`DFA_AFTER_BYTES`], then the DFA, built once by the first thread to get there.
    fn automaton_for<'a>(&'a self, quick: &'a AhoCorasick, len: usize) -> &'a AhoCorasick {
        if let Some(dfa) = self.dfa.get() {
            return dfa;
        }
        let scanned = self.scanned.fetch_add(len, Ordering::Relaxed) + len;
        if scanned < DFA_AFTER_BYTES {
            return quick;
        }
        self.dfa.get_or_init(|| {
            build_automaton(&self.patterns, Some(AhoCorasickKind::DFA))
                .unwrap_or_else(|_| quick.clone())
        })
    }

    /// Finds every match in `text`, sorted by position, never overlapping.
    pub fn find(&self, text: &str) -> Vec<Match> {
        let Some(quick) = &self.automaton else {
            return Vec::new();
        };
        let normalized = Normalized::new(text, true);
        let norm = normalized.text.as_str();
        let automaton = self.automaton_for(quick, norm.len());
        let mut candidates = Vec::new();
        let mut exceptions: Vec<(Option<usize>, usize, usize)> = Vec::new();
        for found in automaton.find_overlapping_iter(norm) {
            let (start, end) = (found.start(), found.end());
            if !at_word_boundaries(norm, start, end) {
                continue;
            }
            for usage in &self.uses[found.pattern().as_usize()] {
                match usage {
                    PatternUse::Exception { rule } => exceptions.push((*rule, start, end)),
                    PatternUse::Term {
                        rule,
                        term,
                        choices,
                        exact,
                    } => {
                        if let Some(exact) = exact {
                            let original = &text[normalized.original_range(text, start, end)];
                            if Normalized::phrase(original, false) != *exact {
                                continue;
                            }
                        }
                        candidates.push(Candidate {
                            start,
                            end,
                            rule: *rule,
                            term: *term,
                            choices: choices.clone(),
                            confidence: Confidence::Certain,
                            outside_setting: None,
                        });
                    }
                }
            }
        }
        if !self.regexes.is_empty() {
            let exact_text = self
                .regexes
                .iter()
                .any(|(_, _, case_sensitive)| *case_sensitive)
                .then(|| Normalized::new(text, false));
            for (rule, regex, case_sensitive) in &self.regexes {
                let haystack = match (&exact_text, case_sensitive) {
                    (Some(exact), true) => exact.text.as_str(),
                    _ => norm,
                };
                for found in regex.find_iter(haystack) {
                    if found.is_empty() || !at_word_boundaries(haystack, found.start(), found.end())
                    {
                        continue;
                    }
                    candidates.push(Candidate {
                        start: found.start(),
                        end: found.end(),
                        rule: *rule,
                        term: usize::MAX,
                        choices: Vec::new(),
                        confidence: Confidence::Certain,
                        outside_setting: None,
                    });
                }
            }
        }
        candidates.retain(|c| {
            !exceptions.iter().any(|(rule, start, end)| {
                rule.is_none_or(|r| r == c.rule) && *start <= c.start && c.end <= *end
            })
        });
        // Sense checks run on the candidates only, before the leftmost-longest choice: a candidate in an innocent
        // sense must not hide a shorter or later one that is a finding.
        self.judge_senses(&mut candidates, text, &normalized);
        leftmost_longest(candidates, text, &normalized)
    }
}

impl Matcher {
    /// Drops the candidates that are not findings in their sense and sets the confidence of the rest.
    fn judge_senses(&self, candidates: &mut Vec<Candidate>, text: &str, normalized: &Normalized) {
        let norm = normalized.text.as_str();
        candidates.retain_mut(|c| {
            let candidate = sense::Candidate {
                norm,
                start: c.start,
                end: c.end,
                original: text,
                original_range: normalized.original_range(text, c.start, c.end),
            };
            let rule_sense = &self.senses[c.rule];
            match sense::judge(&candidate, rule_sense) {
                Some(confidence) => {
                    c.confidence = confidence;
                    // A certain finding is said of a person already; the setting decides the possible ones: the
                    // rule's own, or for every rule the setting of work with people (a possible "chaotic" in a
                    // physics note is not worth a look).
                    c.outside_setting = (confidence == Confidence::Possible)
                        .then(|| rule_sense.setting.unwrap_or(Setting::People))
                        .filter(|&s| !sense::setting::shown_near(&candidate, s));
                    true
                }
                None => false,
            }
        });
    }
}

/// The leftmost-longest candidates, never overlapping, as matches in the original text.
fn leftmost_longest(
    mut candidates: Vec<Candidate>,
    text: &str,
    normalized: &Normalized,
) -> Vec<Match> {
    let norm = normalized.text.as_str();
    candidates.sort_by(|a, b| {
        a.start
            .cmp(&b.start)
            .then((b.end - b.start).cmp(&(a.end - a.start)))
            .then(a.rule.cmp(&b.rule))
    });
    let mut matches = Vec::new();
    let mut taken_until = 0;
    for candidate in candidates {
        if candidate.start < taken_until {
            continue;
        }
        taken_until = candidate.end;
        let article = article_before(norm, candidate.start)
            .map(|(a_start, a_end)| normalized.original_range(text, a_start, a_end));
        matches.push(Match {
            rule: candidate.rule,
            range: normalized.original_range(text, candidate.start, candidate.end),
            term: candidate.term,
            choices: candidate.choices,
            article,
            confidence: candidate.confidence,
            outside_setting: candidate.outside_setting,
        });
    }
    matches
}

/// Whether `text[start..end]` starts and ends at word boundaries (a phrase edge that is not a word character
/// needs no boundary).
fn at_word_boundaries(text: &str, start: usize, end: usize) -> bool {
    let phrase = &text[start..end];
    let first = phrase.chars().next();
    let last = phrase.chars().next_back();
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    let left_ok = !(first.is_some_and(is_word_char) && before.is_some_and(is_word_char));
    let right_ok = !(last.is_some_and(is_word_char) && after.is_some_and(is_word_char));
    left_ok && right_ok
}

/// The normalised range of "a" or "an" right before `start` (separated by one space), if any.
fn article_before(norm: &str, start: usize) -> Option<(usize, usize)> {
    let before = norm[..start].strip_suffix(' ')?;
    for article in ["an", "a"] {
        if let Some(rest) = before.strip_suffix(article)
            && !rest.chars().next_back().is_some_and(is_word_char)
            && !rest.ends_with('\'')
        {
            return Some((rest.len(), before.len()));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::{PackSelection, RuleSet};

    #[test]
    fn the_dfa_built_after_a_megabyte_finds_what_the_quick_automaton_finds() {
        let rules = RuleSet::load(&PackSelection::default()).unwrap();
        let note = "Zoë\u{2019}s key worker said she \u{201C}failed to engage\u{201D} \u{2014} a Service\n\
                    User, hard-to-reach, non-compliant; the clients\u{2019} side. ";
        let quick = Matcher::new(&rules, &[]).find(note);
        assert!(quick.len() >= 4, "{quick:?}");
        let matcher = Matcher::new(&rules, &[]);
        let copies = 2 * DFA_AFTER_BYTES / note.len();
        let big = note.repeat(copies);
        assert!(matcher.dfa.get().is_none());
        let found = matcher.find(&big);
        assert!(matcher.dfa.get().is_some(), "a megabyte builds the DFA");
        assert_eq!(found.len(), quick.len() * copies);
        assert_eq!(matcher.find(note), quick);
    }
}
