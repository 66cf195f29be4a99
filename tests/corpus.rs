//! The labelled corpus: real sentences from public documents (`tests/corpus/*.jsonl`), each with one term
//! labelled `deficit` (with the rule that should fire), `innocent`, `mention` or `name`. This test runs the
//! `reframe` binary over them with every pack on, prints precision and recall (overall, per pack and per rule,
//! for certain findings and for certain + possible, on the train and test splits), and fails when the figures
//! fall below the floors at the end of this file.
//!
//! `cargo test --release --test corpus -- --nocapture` prints the tables. `REFRAME_BIN=/path/to/reframe` runs
//! another build (an older release, say) over the same sentences, to compare; `REFRAME_RULES=rules/` adds the
//! packs in that folder over the built-in ones (to measure edited packs without a rebuild).

mod common;

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::process::Command;

use reframe::rules::{PackSelection, RuleSet};
use serde::Deserialize;
use serde_json::Value;

#[derive(Debug, Deserialize)]
struct Entry {
    id: String,
    text: String,
    term: String,
    label: String,
    #[serde(default)]
    rule: String,
    #[serde(default)]
    source: String,
    split: String,
}

fn corpus() -> Vec<Entry> {
    let mut entries = Vec::new();
    for (file, n, line) in common::corpus_lines() {
        let entry: Entry =
            serde_json::from_str(&line).unwrap_or_else(|e| panic!("{}:{n}: {e}", file.display()));
        assert!(
            matches!(
                entry.label.as_str(),
                "deficit" | "innocent" | "mention" | "name"
            ),
            "{}: unknown label {}",
            entry.id,
            entry.label
        );
        assert!(
            matches!(entry.split.as_str(), "train" | "test"),
            "{}: unknown split {}",
            entry.id,
            entry.split
        );
        assert!(!entry.source.is_empty(), "{}: no source", entry.id);
        entries.push(entry);
    }
    entries
}

/// One finding of the binary on one sentence.
#[derive(Debug, Clone)]
struct Found {
    rule: String,
    start: usize,
    end: usize,
    certain: bool,
}

/// How each sentence is checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Context {
    /// Alone, as a whole document: a rule with a `setting` sees only its sentence.
    Alone,
    /// At the head of a document that goes on with the other labelled sentences of its source (each a paragraph
    /// of its own), as the sentence would be read in its document: what is about the document (its setting)
    /// is decided from all of them. Only the findings in the sentence itself count.
    InItsDocument,
}

/// Runs the binary once over every sentence (each in a file of its own, see [`Context`]) and returns each
/// sentence's findings, with byte offsets into the sentence.
fn run_binary(entries: &[Entry], packs: &[String], context: Context) -> Vec<Vec<Found>> {
    let dir = tempfile::tempdir().unwrap();
    let one_line = |e: &Entry| e.text.replace(['\n', '\r'], " ");
    let mut by_source: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (i, entry) in entries.iter().enumerate() {
        by_source.entry(&entry.source).or_default().push(i);
    }
    let mut lengths = Vec::with_capacity(entries.len());
    for (i, entry) in entries.iter().enumerate() {
        let mut text = format!("{}\n", one_line(entry));
        lengths.push(text.len());
        if context == Context::InItsDocument {
            for &j in &by_source[entry.source.as_str()] {
                if j != i && entries[j].text != entry.text {
                    text.push('\n');
                    text.push_str(&one_line(&entries[j]));
                    text.push('\n');
                }
            }
        }
        std::fs::write(dir.path().join(format!("{i:05}.txt")), text).unwrap();
    }
    let binary = std::env::var("REFRAME_BIN")
        .map(PathBuf::from)
        .unwrap_or_else(|_| PathBuf::from(env!("CARGO_BIN_EXE_reframe")));
    let mut command = Command::new(binary);
    command.args(["check", "--no-config", "--format", "json", "--quiet"]);
    for pack in packs {
        command.args(["--pack", pack]);
    }
    // `REFRAME_RULES=rules/` measures packs being edited with a binary built before the edit.
    if let Ok(rules) = std::env::var("REFRAME_RULES") {
        command.args(["--rules", &rules]);
    }
    let output = command.arg(dir.path()).output().unwrap();
    let report: Value = serde_json::from_slice(&output.stdout).unwrap_or_else(|e| {
        panic!(
            "{e}: {}",
            String::from_utf8_lossy(&output.stderr)
                .chars()
                .take(500)
                .collect::<String>()
        )
    });
    let mut found = vec![Vec::new(); entries.len()];
    for finding in report["findings"].as_array().unwrap() {
        let path = PathBuf::from(finding["path"].as_str().unwrap());
        let index: usize = path.file_stem().unwrap().to_str().unwrap().parse().unwrap();
        if finding["start_byte"].as_u64().unwrap() as usize >= lengths[index] {
            continue;
        }
        found[index].push(Found {
            rule: finding["rule"].as_str().unwrap().to_string(),
            start: finding["start_byte"].as_u64().unwrap() as usize,
            end: finding["end_byte"].as_u64().unwrap() as usize,
            certain: finding["confidence"].as_str() != Some("possible"),
        });
    }
    found
}

/// The byte range of the labelled term in its sentence (case-insensitive; hyphens and spaces alike).
fn term_range(entry: &Entry) -> Option<(usize, usize)> {
    let fold = |s: &str| -> String {
        s.chars()
            .map(|c| match c {
                '-' | '\u{2010}' | '\u{2011}' | '\u{2013}' => ' ',
                '\u{2019}' | '\u{2018}' => '\'',
                c => c.to_ascii_lowercase(),
            })
            .collect()
    };
    // Byte lengths stay equal only for ASCII changes; compare char by char on the original instead.
    let text: Vec<(usize, char)> = entry.text.char_indices().collect();
    let term: Vec<char> = fold(&entry.term).chars().collect();
    if term.is_empty() {
        return None;
    }
    let folded: Vec<char> = text
        .iter()
        .map(|(_, c)| fold(&c.to_string()).chars().next().unwrap_or(*c))
        .collect();
    (0..folded.len().saturating_sub(term.len() - 1))
        .find(|&i| folded[i..i + term.len()] == term[..])
        .map(|i| {
            let start = text[i].0;
            let end = text
                .get(i + term.len())
                .map_or(entry.text.len(), |(b, _)| *b);
            (start, end)
        })
}

#[derive(Debug, Default, Clone, Copy)]
struct Tally {
    /// Deficit terms found certain / possible / missed.
    certain_hits: usize,
    possible_hits: usize,
    missed: usize,
    /// Innocent, mention or name terms flagged certain / possible.
    certain_false: usize,
    possible_false: usize,
}

impl Tally {
    fn certain_precision(&self) -> f64 {
        ratio(self.certain_hits, self.certain_hits + self.certain_false)
    }
    fn any_precision(&self) -> f64 {
        let hits = self.certain_hits + self.possible_hits;
        ratio(hits, hits + self.certain_false + self.possible_false)
    }
    fn certain_recall(&self) -> f64 {
        ratio(
            self.certain_hits,
            self.certain_hits + self.possible_hits + self.missed,
        )
    }
    fn any_recall(&self) -> f64 {
        let hits = self.certain_hits + self.possible_hits;
        ratio(hits, hits + self.missed)
    }
    fn add(&mut self, other: &Tally) {
        self.certain_hits += other.certain_hits;
        self.possible_hits += other.possible_hits;
        self.missed += other.missed;
        self.certain_false += other.certain_false;
        self.possible_false += other.possible_false;
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 1.0 } else { a as f64 / b as f64 }
}

/// The figures of one split: overall (default packs), per pack and per rule (every pack).
struct Figures {
    default_packs: Tally,
    per_pack: BTreeMap<String, Tally>,
    per_rule: BTreeMap<String, Tally>,
    /// Deficit entries whose rule does not exist yet ("missing").
    missing_vocabulary: Tally,
    /// False findings of the default packs by label (innocent, mention, name): certain, possible.
    false_by_label: BTreeMap<String, (usize, usize)>,
}

fn evaluate(
    entries: &[&Entry],
    found: &[&Vec<Found>],
    pack_of: &BTreeMap<String, (String, bool)>,
    context: Context,
) -> Figures {
    let mut figures = Figures {
        default_packs: Tally::default(),
        per_pack: BTreeMap::new(),
        per_rule: BTreeMap::new(),
        missing_vocabulary: Tally::default(),
        false_by_label: BTreeMap::new(),
    };
    for (entry, found) in entries.iter().zip(found) {
        let Some((start, end)) = term_range(entry) else {
            panic!(
                "{}: the term {:?} is not in its sentence",
                entry.id, entry.term
            );
        };
        // The finding on the labelled words, if any: the most certain one.
        let on_term: Vec<&Found> = found
            .iter()
            .filter(|f| f.start < end && start < f.end)
            .collect();
        let best = on_term
            .iter()
            .find(|f| f.certain)
            .or(on_term.first())
            .copied();
        let mut tally = Tally::default();
        // `REFRAME_CORPUS_ERRORS=train` lists the train split's errors, for writing conditions (`train-in-documents`
        // those of the sentences read in their documents); the test split is never listed.
        let listed = match context {
            Context::Alone => "train",
            Context::InItsDocument => "train-in-documents",
        };
        if entry.split == "train" && std::env::var("REFRAME_CORPUS_ERRORS").as_deref() == Ok(listed)
        {
            let wrong = match (entry.label.as_str(), best) {
                ("deficit", None) => Some("missed".to_string()),
                ("deficit", Some(f)) if !f.certain => Some("possible".to_string()),
                ("deficit", _) | (_, None) => None,
                (label, Some(f)) => Some(format!(
                    "{label} flagged {} {}",
                    f.rule,
                    if f.certain { "certain" } else { "possible" }
                )),
            };
            if let Some(wrong) = wrong {
                println!("{} {wrong} [{}] {}", entry.id, entry.term, entry.text);
            }
        }
        match (entry.label.as_str(), best) {
            ("deficit", Some(f)) if f.certain => tally.certain_hits += 1,
            ("deficit", Some(_)) => tally.possible_hits += 1,
            ("deficit", None) => tally.missed += 1,
            (_, Some(f)) if f.certain => tally.certain_false += 1,
            (_, Some(_)) => tally.possible_false += 1,
            // An innocent, mention or name term left alone counts in neither precision nor recall.
            (_, None) => {}
        }
        // Charge the tally to the rule that fired (false findings) or should have fired (deficit).
        let rule = match (entry.label.as_str(), best) {
            ("deficit", _) => entry.rule.clone(),
            (_, Some(f)) => f.rule.clone(),
            (_, None) => entry.rule.clone(),
        };
        if entry.label == "deficit" && (rule == "missing" || !pack_of.contains_key(&rule)) {
            figures.missing_vocabulary.add(&tally);
            continue;
        }
        let (pack, default) = pack_of
            .get(&rule)
            .cloned()
            .unwrap_or_else(|| ("(none)".into(), true));
        if default {
            figures.default_packs.add(&tally);
            if entry.label != "deficit" && tally.certain_false + tally.possible_false > 0 {
                let count = figures
                    .false_by_label
                    .entry(entry.label.clone())
                    .or_default();
                count.0 += tally.certain_false;
                count.1 += tally.possible_false;
            }
        }
        figures.per_pack.entry(pack).or_default().add(&tally);
        if !rule.is_empty() {
            figures.per_rule.entry(rule).or_default().add(&tally);
        }
    }
    figures
}

fn print_tally(name: &str, t: &Tally) {
    println!(
        "{name:<34} {:>5} {:>5} {:>5} {:>5} {:>5} | P(c) {:.3}  P(c+p) {:.3}  R(c) {:.3}  R(c+p) {:.3}",
        t.certain_hits,
        t.possible_hits,
        t.missed,
        t.certain_false,
        t.possible_false,
        t.certain_precision(),
        t.any_precision(),
        t.certain_recall(),
        t.any_recall()
    );
}

fn print_figures(split: &str, figures: &Figures) {
    println!("\n== {split} split");
    println!(
        "{:<34} {:>5} {:>5} {:>5} {:>5} {:>5}",
        "", "hit-c", "hit-p", "miss", "fp-c", "fp-p"
    );
    print_tally("default packs", &figures.default_packs);
    print_tally(
        "(deficit words no rule covers)",
        &figures.missing_vocabulary,
    );
    let by_label: Vec<String> = figures
        .false_by_label
        .iter()
        .map(|(label, (c, p))| format!("{label} {c} certain, {p} possible"))
        .collect();
    println!(
        "false findings of the default packs: {}",
        by_label.join("; ")
    );
    for (pack, tally) in &figures.per_pack {
        print_tally(&format!("pack {pack}"), tally);
    }
    for (rule, tally) in &figures.per_rule {
        if tally.certain_false + tally.possible_false + tally.missed > 0 {
            print_tally(&format!("  {rule}"), tally);
        }
    }
}

/// Runs the binary over every sentence read in `context` and gives the figures of each split.
fn figures_by_split(
    entries: &[Entry],
    packs: &[String],
    pack_of: &BTreeMap<String, (String, bool)>,
    context: Context,
) -> BTreeMap<&'static str, Figures> {
    let found = run_binary(entries, packs, context);
    ["train", "test"]
        .into_iter()
        .map(|split| {
            let (chosen, chosen_found): (Vec<&Entry>, Vec<&Vec<Found>>) = entries
                .iter()
                .zip(&found)
                .filter(|(e, _)| e.split == split)
                .unzip();
            (split, evaluate(&chosen, &chosen_found, pack_of, context))
        })
        .collect()
}

#[test]
fn the_labelled_corpus_meets_the_precision_and_recall_floors() {
    let entries = corpus();
    assert!(
        entries.len() >= 100,
        "the corpus has {} sentences",
        entries.len()
    );
    let rules = RuleSet::load(&PackSelection::default()).unwrap();
    let pack_of: BTreeMap<String, (String, bool)> = rules
        .rules
        .iter()
        .map(|r| {
            let pack = rules.pack_of(r);
            (r.id.clone(), (pack.name.clone(), pack.default_enabled))
        })
        .collect();
    let packs: Vec<String> = rules.packs.iter().map(|p| p.name.clone()).collect();
    let by_split = figures_by_split(&entries, &packs, &pack_of, Context::Alone);
    for split in ["train", "test"] {
        print_figures(split, &by_split[split]);
    }
    // The same sentences read in their documents: the figures a person checking the whole document would see.
    let in_documents = figures_by_split(&entries, &packs, &pack_of, Context::InItsDocument);
    for split in ["train", "test"] {
        println!("\n== {split} split, each sentence in its document: default packs");
        print_tally("default packs", &in_documents[split].default_packs);
    }
    // Floors: the figures this build reaches, so that a change that loses ground fails. The aims (0.9 certain
    // precision per default rule, 0.95 recall) are in the README beside the figures.
    for (context, figures, recall_floor) in [
        ("alone", &by_split, FLOOR_RECALL_ALONE),
        ("in its document", &in_documents, FLOOR_RECALL),
    ] {
        for split in ["train", "test"] {
            let tally = &figures[split].default_packs;
            assert!(
                tally.certain_precision() >= FLOOR_CERTAIN_PRECISION,
                "{split}, each sentence {context}: certain precision {:.3} is below {FLOOR_CERTAIN_PRECISION}",
                tally.certain_precision()
            );
            assert!(
                tally.any_precision() >= FLOOR_ANY_PRECISION,
                "{split}, each sentence {context}: precision of all findings {:.3} is below {FLOOR_ANY_PRECISION}",
                tally.any_precision()
            );
            assert!(
                tally.any_recall() >= recall_floor,
                "{split}, each sentence {context}: recall (certain + possible) {:.3} is below {recall_floor}",
                tally.any_recall()
            );
        }
    }
    // Per rule, on the train split: a default rule with enough certain findings to measure must be right at least
    // 9 times in 10 when it is certain (the aim of the README); rules with fewer are listed, not judged.
    let mut below = Vec::new();
    for (rule, tally) in &by_split["train"].per_rule {
        let default = pack_of.get(rule).is_none_or(|(_, default)| *default);
        let certain = tally.certain_hits + tally.certain_false;
        if default
            && certain >= MIN_CERTAIN_TO_JUDGE_A_RULE
            && tally.certain_precision() < RULE_CERTAIN_PRECISION
        {
            below.push(format!(
                "{rule}: {:.3} of {certain}",
                tally.certain_precision()
            ));
        }
    }
    assert!(
        below.is_empty(),
        "default rules whose certain precision on the train split is below {RULE_CERTAIN_PRECISION}: {}",
        below.join(", ")
    );
}

/// The certain precision each default rule must reach on the train split, once it has
/// [`MIN_CERTAIN_TO_JUDGE_A_RULE`] certain findings on labelled terms.
const RULE_CERTAIN_PRECISION: f64 = 0.9;
/// Below this many certain findings a rule's precision is too noisy to judge (one error in five is 0.8).
const MIN_CERTAIN_TO_JUDGE_A_RULE: usize = 10;

// The floors sit just below the figures measured, to catch a change that makes things worse. They were lowered
// (from 0.76 and 0.86) when part-g came in: eight whole documents nobody had tuned for, whose test half reads
// "intervention" in clinical guidance and "client" in sentences taken out of their care documents, so that the
// test split's figures fell to 0.732 and 0.838 with no change to the tool. Since a possible finding needs the
// setting of work with people (a word of it near, or a document about it), the precision of all findings went up
// (test: 0.732 to 0.784 alone, 0.738 to 0.780 in documents) and the recall down (0.838 to 0.808 alone, 0.863 to
// 0.851 in documents): a sentence read alone has lost the document that shows its setting, so its recall floor
// is lower.
/// The lowest certain precision on default packs accepted on either split.
const FLOOR_CERTAIN_PRECISION: f64 = 0.82;
/// The lowest precision of all findings (certain + possible) on default packs accepted on either split.
const FLOOR_ANY_PRECISION: f64 = 0.77;
/// The lowest recall (certain + possible) on default packs accepted on either split, each sentence read in its
/// document.
const FLOOR_RECALL: f64 = 0.84;
/// The same, each sentence read alone.
const FLOOR_RECALL_ALONE: f64 = 0.80;
