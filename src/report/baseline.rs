//! Baselines: accept the findings a project already has, and report only new ones.
//!
//! `reframe check --write-baseline reframe-baseline.json` records every current finding;
//! `reframe check --baseline reframe-baseline.json` leaves those out and reports the rest. Rewriting the baseline
//! drops the findings that have been fixed.
//!
//! # The file
//!
//! ```json
//! {
//!   "version": 1,
//!   "findings": [
//!     { "path": "notes/intake.md", "rule": "service-user", "text": "service user",
//!       "context": "9f1c2a7d3b4e5f60", "count": 2 }
//!   ]
//! }
//! ```
//!
//! An entry is keyed by what a finding *is*, not where it sits: the path (as reports show it, with `/`), the
//! rule id, the matched text (whitespace collapsed) and `context`, a hash of up to four words either side of the
//! phrase on its line(s). Line numbers are not part of the key, so adding lines above a finding, moving its
//! paragraph or editing elsewhere in the file keeps it suppressed; a new occurrence of the phrase, even of the
//! same rule in the same file, has other words around it and is reported. `count` is how many findings share the
//! key: a file with two identical sentences needs both in the baseline. Run reframe from the same folder (the
//! repository's root) when writing and using a baseline, so that the paths agree. The file holds no more of the
//! text than the flagged phrases themselves.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::rules::RuleSet;
use crate::scan::check::{FileReport, Outcome};
use crate::scan::finding::Finding;

/// The baseline format's version.
pub const BASELINE_VERSION: u32 = 1;

/// How many words on each side of a phrase make up its context.
const CONTEXT_WORDS: usize = 4;

/// A baseline file's contents.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BaselineFile {
    /// The format's version: 1.
    pub version: u32,
    /// The accepted findings, sorted.
    pub findings: Vec<Entry>,
}

/// One accepted finding (or several identical ones).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    /// The file, as reports show it, with `/` between folders.
    pub path: String,
    /// The rule's id.
    pub rule: String,
    /// The matched text, whitespace collapsed.
    pub text: String,
    /// A hash of the words around the phrase (16 hexadecimal digits).
    pub context: String,
    /// How many findings have this key.
    pub count: usize,
}

/// What identifies a finding across edits: path, rule, text and context hash.
type Key = (String, String, String, String);

/// Why a baseline could not be used.
#[derive(Debug, thiserror::Error)]
pub enum BaselineError {
    /// The file could not be read or written.
    #[error("{}: {source}", path.display())]
    Io {
        /// The baseline file.
        path: PathBuf,
        /// What went wrong.
        source: std::io::Error,
    },
    /// The file is not a baseline.
    #[error("{}:{line}:{column}: not a reframe baseline: {message}", path.display())]
    Parse {
        /// The baseline file.
        path: PathBuf,
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
        /// What is wrong.
        message: String,
    },
    /// A version this reframe does not know.
    #[error("{}: baseline version {version} is not supported (this reframe writes version {BASELINE_VERSION}); rewrite it with --write-baseline", path.display())]
    Version {
        /// The baseline file.
        path: PathBuf,
        /// The version found.
        version: u32,
    },
}

/// The key of a finding in `path`.
fn key(path: &str, finding: &Finding, rules: &RuleSet) -> Key {
    (
        normal_path(path),
        rules.rules[finding.rule].id.clone(),
        collapse(&finding.text),
        context_hash(finding),
    )
}

fn normal_path(path: &str) -> String {
    let path = path.replace('\\', "/");
    path.strip_prefix("./").unwrap_or(&path).to_string()
}

fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Up to [`CONTEXT_WORDS`] words before and after the phrase on its line(s), lower-cased, hashed.
pub fn context_hash(finding: &Finding) -> String {
    let context = &finding.context;
    let end = context.replace.end.min(context.text.len());
    let start = end.saturating_sub(finding.text.len());
    let words = |s: &str| -> Vec<String> {
        s.split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect()
    };
    let before = words(context.text.get(..start).unwrap_or(""));
    let after = words(context.text.get(end..).unwrap_or(""));
    let before = &before[before.len().saturating_sub(CONTEXT_WORDS)..];
    let after = &after[..after.len().min(CONTEXT_WORDS)];
    let joined = format!("{}|{}", before.join(" "), after.join(" "));
    format!("{:016x}", fnv1a(joined.as_bytes()))
}

/// A fingerprint of a finding that survives the same edits a baseline entry does: its rule, its phrase and the
/// words around it (SARIF's `partialFingerprints`, which code scanning uses to follow an alert across commits).
pub fn fingerprint(rule_id: &str, finding: &Finding) -> String {
    let key = format!(
        "{rule_id}|{}|{}",
        collapse(&finding.text).to_lowercase(),
        context_hash(finding)
    );
    format!("{:016x}", fnv1a(key.as_bytes()))
}

/// FNV-1a, 64 bits: stable across platforms and Rust versions (unlike the standard library's hasher).
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, &b| {
        (hash ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

impl BaselineFile {
    /// Records every finding of a run.
    pub fn record(reports: &[FileReport], rules: &RuleSet) -> BaselineFile {
        let mut counts: BTreeMap<Key, usize> = BTreeMap::new();
        for report in reports {
            for finding in report.findings() {
                *counts.entry(key(&report.path, finding, rules)).or_default() += 1;
            }
        }
        BaselineFile {
            version: BASELINE_VERSION,
            findings: counts
                .into_iter()
                .map(|((path, rule, text, context), count)| Entry {
                    path,
                    rule,
                    text,
                    context,
                    count,
                })
                .collect(),
        }
    }

    /// The number of findings recorded.
    pub fn len(&self) -> usize {
        self.findings.iter().map(|e| e.count).sum()
    }

    /// Whether no finding is recorded.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Reads a baseline file.
    pub fn load(path: &Path) -> Result<BaselineFile, BaselineError> {
        let text =
            crate::read::read_text_capped(path, crate::read::MAX_BASELINE_BYTES).map_err(|e| {
                BaselineError::Io {
                    path: path.to_path_buf(),
                    source: e.into(),
                }
            })?;
        let file: BaselineFile = serde_json::from_str(&text).map_err(|e| BaselineError::Parse {
            path: path.to_path_buf(),
            line: e.line(),
            column: e.column(),
            message: e
                .to_string()
                .split(" at line ")
                .next()
                .unwrap_or("")
                .to_string(),
        })?;
        if file.version != BASELINE_VERSION {
            return Err(BaselineError::Version {
                path: path.to_path_buf(),
                version: file.version,
            });
        }
        Ok(file)
    }

    /// Writes the baseline as pretty JSON, one entry per line group, replacing the file.
    pub fn save(&self, path: &Path) -> Result<(), BaselineError> {
        let io = |source| BaselineError::Io {
            path: path.to_path_buf(),
            source,
        };
        let mut text = serde_json::to_string_pretty(self).map_err(|e| io(e.into()))?;
        text.push('\n');
        std::fs::write(path, text).map_err(io)
    }

    /// Removes from `reports` the findings the baseline accepts, each entry at most `count` times. Returns how
    /// many findings were left out and how many recorded ones were not found (fixed, or changed).
    pub fn suppress(&self, reports: &mut [FileReport], rules: &RuleSet) -> (usize, usize) {
        let mut remaining: BTreeMap<Key, usize> = self
            .findings
            .iter()
            .map(|e| {
                let k = (
                    e.path.clone(),
                    e.rule.clone(),
                    e.text.clone(),
                    e.context.clone(),
                );
                (k, e.count)
            })
            .collect();
        let mut suppressed = 0;
        for report in reports.iter_mut() {
            let path = report.path.clone();
            if let Outcome::Checked(findings) = &mut report.outcome {
                findings.retain(|f| {
                    // An entry recorded under the id the rule was split from still accepts the finding.
                    let rule = &rules.rules[f.rule];
                    let (path, _, text, context) = key(&path, f, rules);
                    let entry = std::iter::once(&rule.id)
                        .chain(&rule.split_from)
                        .map(|id| (path.clone(), id.clone(), text.clone(), context.clone()))
                        .find(|k| remaining.get(k).is_some_and(|n| *n > 0));
                    let entry = entry.and_then(|k| remaining.get_mut(&k));
                    match entry {
                        Some(n) => {
                            *n -= 1;
                            suppressed += 1;
                            false
                        }
                        None => true,
                    }
                });
            }
        }
        (suppressed, remaining.values().sum())
    }
}
