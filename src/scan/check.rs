//! Checking files: read, decode, match, and turn matches into findings, in parallel, with every per-file failure
//! kept as a result instead of stopping the run.

use std::collections::BTreeMap;
use std::io::Read;
use std::path::PathBuf;

use rayon::prelude::*;

use crate::rules::{RuleSet, Setting, Severity};
use crate::scan::finding::{Finding, findings_for};
use crate::scan::matcher::{Match, Matcher};
use crate::scan::sense::{self, Confidence};
use crate::source::quotes::{self, QuotePolicy};
use crate::source::walk::{Input, collect_inputs};
use crate::source::{self, Document, Format, Limits, Segment, SourceError};

/// What happened to one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// The file was checked; these are its findings, in order.
    Checked(Vec<Finding>),
    /// The file was skipped on purpose (a binary file); the reason is a note, not an error.
    Skipped(String),
    /// The file could not be checked.
    Failed(String),
}

/// The result for one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileReport {
    /// The path as shown in reports (`<stdin>` for standard input).
    pub path: String,
    /// What happened.
    pub outcome: Outcome,
    /// Notes for the reader that are not findings: suppression comments that silence nothing, as
    /// `line:column: message` (or `location: message` in documents).
    pub notes: Vec<String>,
    /// The words of text checked (see [`Document::words`]); 0 unless the file was checked.
    pub words: usize,
}

/// What checking one file's bytes gives: the outcome, the notes and the words checked (the parts of a
/// [`FileReport`] besides its path).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileCheck {
    /// What happened.
    pub outcome: Outcome,
    /// See [`FileReport::notes`].
    pub notes: Vec<String>,
    /// See [`FileReport::words`].
    pub words: usize,
}

impl FileCheck {
    /// A file with no text checked (skipped, or failed with `outcome`'s message).
    pub fn without_text(outcome: Outcome) -> FileCheck {
        FileCheck {
            outcome,
            notes: Vec::new(),
            words: 0,
        }
    }
}

impl FileReport {
    /// The findings, empty unless the file was checked.
    pub fn findings(&self) -> &[Finding] {
        match &self.outcome {
            Outcome::Checked(findings) => findings,
            _ => &[],
        }
    }
}

/// Checks one text and returns its findings. `base` is the offset of `text` in its file.
pub fn check_text(text: &str, base: usize, matcher: &Matcher, rules: &RuleSet) -> Vec<Finding> {
    let matches = find_in_document(matcher, text);
    findings_for(text, base, &matches, &rules.rules)
}

/// The matches in `text` taken as a whole document: those of a rule with a `setting` that no word of the
/// setting stands near are kept only if the text is about the setting.
pub fn find_in_document(matcher: &Matcher, text: &str) -> Vec<Match> {
    let settings = DocumentSettings::new(vec![text]);
    matcher
        .find(text)
        .into_iter()
        .filter(|m| settings.allow(m))
        .collect()
}

/// Whether a document is about each setting (`setting = "care"`), worked out from all its text the first time a
/// match needs it, and then kept: most documents never need it.
struct DocumentSettings<'a> {
    texts: Vec<&'a str>,
    care: std::cell::OnceCell<bool>,
    people: std::cell::OnceCell<bool>,
}

impl<'a> DocumentSettings<'a> {
    fn new(texts: Vec<&'a str>) -> Self {
        DocumentSettings {
            texts,
            care: std::cell::OnceCell::new(),
            people: std::cell::OnceCell::new(),
        }
    }

    /// Whether `m` is a finding in this document: its rule asks for no setting, a word of the setting stands
    /// near it, or the document is about the setting.
    fn allow(&self, m: &Match) -> bool {
        match m.outside_setting {
            None => true,
            Some(setting) => {
                let cell = match setting {
                    Setting::Care => &self.care,
                    Setting::People => &self.people,
                };
                *cell.get_or_init(|| {
                    sense::setting::document_shows(self.texts.iter().copied(), setting)
                })
            }
        }
    }
}

/// How to read and check one file.
#[derive(Debug, Clone, Copy, Default)]
pub struct CheckOptions {
    /// The file's format.
    pub format: Format,
    /// What to do with phrases in quotation marks.
    pub quotes: QuotePolicy,
    /// Limits on documents.
    pub limits: Limits,
}

/// The note added to the message of a finding inside quotation marks.
pub const QUOTED_NOTE: &str = " (inside quotation marks: the person\u{2019}s own words)";

/// Checks one file's bytes as plain text.
pub fn check_bytes(bytes: Vec<u8>, matcher: &Matcher, rules: &RuleSet) -> Outcome {
    check_file(bytes, &CheckOptions::default(), matcher, rules)
}

/// Checks one file's bytes in its format: reads it into text segments, finds the rules' phrases in each, drops
/// those a suppression comment silences and (unless quotes are included) those inside quotation marks, and turns
/// the rest into findings with positions in the file (or, for documents, in their paragraph).
pub fn check_file(
    bytes: Vec<u8>,
    options: &CheckOptions,
    matcher: &Matcher,
    rules: &RuleSet,
) -> Outcome {
    check_file_with_notes(bytes, options, matcher, rules).outcome
}

/// Like [`check_file`], with the notes for [`FileReport::notes`] and the words checked.
pub fn check_file_with_notes(
    bytes: Vec<u8>,
    options: &CheckOptions,
    matcher: &Matcher,
    rules: &RuleSet,
) -> FileCheck {
    match source::read(bytes, options.format, &options.limits) {
        Ok(document) => {
            let (findings, notes) = check_document_with_notes(&document, options, matcher, rules);
            FileCheck {
                outcome: Outcome::Checked(findings),
                notes,
                words: document.words(),
            }
        }
        Err(SourceError::Binary) => {
            FileCheck::without_text(Outcome::Skipped(SourceError::Binary.to_string()))
        }
        Err(e) => FileCheck::without_text(Outcome::Failed(e.to_string())),
    }
}

/// The matches in a segment that are to be reported, each with whether it is quoted, and the indices of the
/// segment's suppressions that silenced nothing.
fn segment_matches(
    segment: &Segment,
    settings: &DocumentSettings,
    options: &CheckOptions,
    matcher: &Matcher,
    rules: &RuleSet,
) -> (Vec<(Match, bool)>, Vec<usize>) {
    let quoted = quotes::regions(&segment.text);
    let mut used = vec![false; segment.suppressions.len()];
    // The suppressions in order of their start (the index into the segment's list kept, stable); the furthest end
    // so far lets a lookup stop at the first one that cannot reach the match, so many suppressions cost no more
    // than a few each.
    let mut order: Vec<usize> = (0..segment.suppressions.len()).collect();
    order.sort_by_key(|&i| segment.suppressions[i].range.start);
    let suppressions: Vec<&crate::source::Suppression> =
        order.iter().map(|&i| &segment.suppressions[i]).collect();
    let furthest_end: Vec<usize> = suppressions
        .iter()
        .scan(0, |end, s| {
            *end = (*end).max(s.range.end);
            Some(*end)
        })
        .collect();
    let matches = matcher
        .find(&segment.text)
        .into_iter()
        .filter(|m| settings.allow(m))
        // A phrase in a list of wording to avoid is talked about, not used.
        .filter(|m| !segment.in_word_list(&m.range))
        .filter(|m| {
            let started = suppressions.partition_point(|s| s.range.start <= m.range.start);
            let silenced_by = (0..started)
                .rev()
                .take_while(|&i| furthest_end[i] >= m.range.end)
                .filter(|&i| {
                    let s = &suppressions[i];
                    m.range.end <= s.range.end
                        && (s.rules.is_empty()
                            || s.rules.iter().any(|r| rules.rules[m.rule].answers_to(r)))
                })
                .last()
                .map(|i| order[i]);
            if let Some(i) = silenced_by {
                used[i] = true;
            }
            silenced_by.is_none()
        })
        .filter_map(|mut m| {
            let q = quotes::is_quoted(&quoted, &m.range);
            // A quotation of the phrase alone is a scare quote, not a person's words: worth a look; or a word
            // talked about ("saying \u{201C}homeless person\u{201D}"), not a finding at all.
            if q && quotes::holds_only(&segment.text, &quoted, &m.range) {
                let region = quoted.partition_point(|r| r.start <= m.range.start) - 1;
                if sense::quoted_term_is_mention(&segment.text, &quoted, region) {
                    return None;
                }
                m.confidence = Confidence::Possible;
                return Some((m, false));
            }
            Some((m, q))
        })
        .filter(|(_, q)| !q || options.quotes == QuotePolicy::Info)
        .collect();
    let stale = (0..used.len()).filter(|&i| !used[i]).collect();
    (matches, stale)
}

/// The note for a suppression comment that silences nothing.
const STALE: &str =
    "info: this suppression comment silences nothing; remove it if it is no longer needed";

/// Checks a document read by [`source::read`].
pub fn check_document(
    document: &Document,
    options: &CheckOptions,
    matcher: &Matcher,
    rules: &RuleSet,
) -> Vec<Finding> {
    check_document_with_notes(document, options, matcher, rules).0
}

/// Like [`check_document`], with notes on suppression comments that silence nothing.
pub fn check_document_with_notes(
    document: &Document,
    options: &CheckOptions,
    matcher: &Matcher,
    rules: &RuleSet,
) -> (Vec<Finding>, Vec<String>) {
    match &document.original {
        Some(original) => check_mapped_text(document, original, options, matcher, rules),
        None => check_segments_alone(document, options, matcher, rules),
    }
}

/// Marks quoted findings: reported at `info` with a note that a person's own words are not corrected.
fn mark_quoted(findings: &mut [Finding], quoted: &[bool]) {
    for (finding, &q) in findings.iter_mut().zip(quoted) {
        if q {
            finding.quoted = true;
            finding.severity = Severity::Info;
            finding.message.push_str(QUOTED_NOTE);
        }
    }
}

/// A document with no text of its own to point into (Word and OpenDocument): each segment is checked on its own
/// and its findings carry the segment's location.
fn check_segments_alone(
    document: &Document,
    options: &CheckOptions,
    matcher: &Matcher,
    rules: &RuleSet,
) -> (Vec<Finding>, Vec<String>) {
    let mut notes = Vec::new();
    let mut all = Vec::new();
    let settings =
        DocumentSettings::new(document.segments.iter().map(|s| s.text.as_str()).collect());
    for segment in &document.segments {
        let (found, stale) = segment_matches(segment, &settings, options, matcher, rules);
        for i in stale {
            let comment_start = segment.suppressions[i]
                .comment
                .start
                .min(segment.text.len());
            let column = segment.text[..comment_start].chars().count() + 1;
            let place = segment.location.as_deref().unwrap_or("the document");
            notes.push(format!("{place}, column {column}: {STALE}"));
        }
        let (matches, quoted): (Vec<Match>, Vec<bool>) = found.into_iter().unzip();
        let mut findings = findings_for(&segment.text, 0, &matches, &rules.rules);
        mark_quoted(&mut findings, &quoted);
        for finding in &mut findings {
            finding.location = segment.location.clone();
        }
        all.extend(findings);
    }
    (all, notes)
}

/// A document whose segments map back into its text (plain text, Markdown, HTML): matches are moved to the
/// original's offsets, reported with the words as read (without markup such as `**` or `<b>`), and their byte
/// ranges converted to the file's encoding.
fn check_mapped_text(
    document: &Document,
    original: &str,
    options: &CheckOptions,
    matcher: &Matcher,
    rules: &RuleSet,
) -> (Vec<Finding>, Vec<String>) {
    let mut notes = Vec::new();
    // Each match with whether it is quoted and the words as read.
    let mut mapped: Vec<(Match, bool, &str)> = Vec::new();
    let lines = crate::text::LineIndex::new(original);
    let settings =
        DocumentSettings::new(document.segments.iter().map(|s| s.text.as_str()).collect());
    for segment in &document.segments {
        let (found, stale) = segment_matches(segment, &settings, options, matcher, rules);
        for i in stale {
            let at = segment.suppressions[i].comment.start.min(original.len());
            let p = lines.position(original, at);
            notes.push(format!("{}:{}: {STALE}", p.line, p.column));
        }
        for (mut m, q) in found {
            let words = &segment.text[m.range.clone()];
            m.range = segment.map.original_range(m.range);
            m.article = m.article.map(|a| segment.map.original_range(a));
            mapped.push((m, q, words));
        }
    }
    mapped.sort_by_key(|(m, _, _)| m.range.start);
    let words: Vec<&str> = mapped.iter().map(|(_, _, w)| *w).collect();
    let (matches, quoted): (Vec<Match>, Vec<bool>) =
        mapped.into_iter().map(|(m, q, _)| (m, q)).unzip();
    let mut findings = findings_for(original, 0, &matches, &rules.rules);
    for (finding, words) in findings.iter_mut().zip(words) {
        if finding.text != words {
            finding.text = words.to_string();
            finding.message = rules.rules[finding.rule].message_for(words);
        }
    }
    mark_quoted(&mut findings, &quoted);
    let offsets: Vec<usize> = findings
        .iter()
        .flat_map(|f| [f.bytes.start, f.bytes.end, f.replace.start, f.replace.end])
        .collect();
    let to_file = document
        .encoding
        .file_offsets(original, document.base, &offsets);
    for finding in &mut findings {
        finding.bytes = to_file(finding.bytes.start)..to_file(finding.bytes.end);
        finding.replace = to_file(finding.replace.start)..to_file(finding.replace.end);
    }
    (findings, notes)
}

/// Reads an input's bytes, refusing files over [`source::MAX_FILE_BYTES`].
pub fn read_input(input: &Input) -> std::io::Result<Vec<u8>> {
    match input {
        Input::Stdin => {
            let mut bytes = Vec::new();
            std::io::stdin()
                .take(source::MAX_FILE_BYTES + 1)
                .read_to_end(&mut bytes)?;
            Ok(bytes)
        }
        Input::File(path) => {
            let size = std::fs::metadata(path)?.len();
            if size > source::MAX_FILE_BYTES {
                return Err(std::io::Error::other(
                    SourceError::TooLarge {
                        size,
                        limit: source::MAX_FILE_BYTES,
                    }
                    .to_string(),
                ));
            }
            Ok(crate::read::read_capped(path, source::MAX_FILE_BYTES)?)
        }
    }
}

/// Checks every file under `paths` in parallel. Reports come back sorted by path; paths that do not exist or
/// cannot be walked come back as [`Outcome::Failed`].
pub fn check_paths(
    paths: &[PathBuf],
    extensions: &[&str],
    matcher: &Matcher,
    rules: &RuleSet,
) -> Vec<FileReport> {
    let (inputs, walk_errors) = collect_inputs(paths, extensions);
    let mut reports: Vec<FileReport> = inputs
        .par_iter()
        .map(|input| {
            let check = match read_input(input) {
                Ok(bytes) => {
                    let extension = match input {
                        Input::File(path) => path.extension().and_then(|e| e.to_str()),
                        Input::Stdin => None,
                    };
                    let options = CheckOptions {
                        format: Format::from_extension(extension.unwrap_or("")),
                        ..CheckOptions::default()
                    };
                    check_file_with_notes(bytes, &options, matcher, rules)
                }
                Err(e) => FileCheck::without_text(Outcome::Failed(format!(
                    "could not read the file: {e}"
                ))),
            };
            FileReport {
                path: input.display_name(),
                outcome: check.outcome,
                notes: check.notes,
                words: check.words,
            }
        })
        .collect();
    reports.extend(walk_errors.into_iter().map(|(path, e)| FileReport {
        path,
        notes: Vec::new(),
        outcome: Outcome::Failed(e.to_string()),
        words: 0,
    }));
    reports.sort_by(|a, b| a.path.cmp(&b.path));
    reports
}

/// Counts over a whole run.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Summary {
    /// Files read and checked.
    pub files_checked: usize,
    /// Checked files with at least one finding.
    pub files_with_findings: usize,
    /// All findings.
    pub findings: usize,
    /// Findings per severity.
    pub by_severity: BTreeMap<Severity, usize>,
    /// Findings per rule id.
    pub by_rule: BTreeMap<String, usize>,
    /// Files skipped on purpose.
    pub skipped: usize,
    /// Files that could not be checked.
    pub errors: usize,
}

impl Summary {
    /// Counts the reports of a run.
    pub fn of(reports: &[FileReport], rules: &RuleSet) -> Summary {
        let mut summary = Summary::default();
        for report in reports {
            match &report.outcome {
                Outcome::Checked(findings) => {
                    summary.files_checked += 1;
                    if !findings.is_empty() {
                        summary.files_with_findings += 1;
                    }
                    for finding in findings {
                        summary.findings += 1;
                        *summary.by_severity.entry(finding.severity).or_default() += 1;
                        *summary
                            .by_rule
                            .entry(rules.rules[finding.rule].id.clone())
                            .or_default() += 1;
                    }
                }
                Outcome::Skipped(_) => summary.skipped += 1,
                Outcome::Failed(_) => summary.errors += 1,
            }
        }
        summary
    }

    /// Whether any finding is at or above `level`.
    pub fn fails_at(&self, level: Severity) -> bool {
        self.by_severity
            .iter()
            .any(|(severity, count)| *severity >= level && *count > 0)
    }
}
