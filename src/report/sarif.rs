//! The SARIF 2.1.0 format of `reframe check --format sarif`, for code scanning (GitHub's
//! `codeql-action/upload-sarif`, Azure DevOps) and SARIF viewers.
//!
//! One run, with:
//! - `tool.driver.rules`: every rule of the enabled packs (and any other rule with a finding), each with its id,
//!   `shortDescription` (the message for its first term), `fullDescription` (why it matters), `help` (why, and
//!   what to write instead) and `defaultConfiguration.level`;
//! - `columnKind: "unicodeCodePoints"`: columns count characters, as in every reframe format;
//! - `results`: one per finding, with `ruleId`, `ruleIndex`, `level` (`error`, `warning`, `note` for info),
//!   `message` (with the suggestions) and one location: the path as a relative URI and the region of the phrase
//!   (`startLine`, `startColumn`, `endLine`, `endColumn`, `snippet` of the phrase itself). Unless redacted, a
//!   `contextRegion` holds the whole line(s) as its snippet; `partialFingerprints["reframe/v1"]` hashes the rule, the
//!   phrase and the words around it, so that code scanning follows an alert when lines move;
//! - `fixes`: on a result whose first suggestion is a drop-in wording, the edit that puts it in place (a
//!   `deletedRegion` by byte offset and length, and the `insertedContent`), as in the JSON format's `replacement`;
//!   `properties.safe` says whether `reframe fix` applies it without asking;
//! - `invocations`: whether every file could be checked, and a notification for each that could not.

use std::collections::BTreeMap;
use std::io::{self, Write};

use serde::Serialize;

use super::{ReportOptions, message_with_suggestions, suggestion_list};
use crate::rules::{Rule, RuleSet, Severity};
use crate::scan::check::{FileReport, Outcome};
use crate::scan::finding::{self, Finding};
use crate::scan::sense::Confidence;

/// The SARIF version written.
pub const SARIF_VERSION: &str = "2.1.0";
/// The key of each result's fingerprint in `partialFingerprints` (see [`crate::report::baseline::fingerprint`]).
pub const FINGERPRINT: &str = "reframe/v1";
/// The schema the output declares.
pub const SARIF_SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

#[derive(Serialize)]
struct Log<'a> {
    #[serde(rename = "$schema")]
    schema: &'static str,
    version: &'static str,
    runs: [Run<'a>; 1],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Run<'a> {
    tool: Tool<'a>,
    column_kind: &'static str,
    results: Vec<SarifResult>,
    invocations: [Invocation; 1],
}

#[derive(Serialize)]
struct Tool<'a> {
    driver: Driver<'a>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Driver<'a> {
    name: &'static str,
    version: &'static str,
    semantic_version: &'static str,
    rules: Vec<RuleDescriptor<'a>>,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct RuleDescriptor<'a> {
    id: &'a str,
    short_description: Text,
    full_description: Text,
    help: Text,
    default_configuration: Configuration,
    properties: RuleProperties<'a>,
}

#[derive(Serialize)]
struct Text {
    text: String,
}

#[derive(Serialize)]
struct Configuration {
    level: &'static str,
}

#[derive(Serialize)]
struct RuleProperties<'a> {
    tags: [&'a str; 2],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct SarifResult {
    rule_id: String,
    rule_index: usize,
    level: &'static str,
    message: Text,
    locations: [Location; 1],
    partial_fingerprints: BTreeMap<&'static str, String>,
    /// The edit that puts the first suggestion in place, when it is a drop-in wording.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    fixes: Vec<Fix>,
    /// How sure the finding is, under reframe's own key.
    properties: ResultProperties,
    /// SARIF's priority from 0 to 100: certain findings rank high, possible ones low.
    rank: f64,
}

#[derive(Serialize)]
struct ResultProperties {
    confidence: &'static str,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Fix {
    description: Text,
    artifact_changes: [ArtifactChange; 1],
    properties: FixProperties,
}

#[derive(Serialize)]
struct FixProperties {
    /// Whether `reframe fix` applies the edit without asking.
    safe: bool,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ArtifactChange {
    artifact_location: ArtifactLocation,
    replacements: [Replacement; 1],
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Replacement {
    deleted_region: ByteRegion,
    inserted_content: Text,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct ByteRegion {
    byte_offset: usize,
    byte_length: usize,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Location {
    physical_location: PhysicalLocation,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct PhysicalLocation {
    artifact_location: ArtifactLocation,
    #[serde(skip_serializing_if = "Option::is_none")]
    region: Option<Region>,
    #[serde(skip_serializing_if = "Option::is_none")]
    context_region: Option<Region>,
}

#[derive(Serialize)]
struct ArtifactLocation {
    uri: String,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Region {
    start_line: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    start_column: Option<usize>,
    end_line: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    end_column: Option<usize>,
    snippet: Text,
}

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Invocation {
    execution_successful: bool,
    tool_execution_notifications: Vec<Notification>,
}

#[derive(Serialize)]
struct Notification {
    level: &'static str,
    message: Text,
    locations: [Location; 1],
}

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// A path as reports show it, as a URI reference: relative paths stay relative (to the folder reframe ran in),
/// absolute ones become `file:` URIs; anything but unreserved characters and `/` is percent-encoded.
pub(crate) fn path_uri(path: &str) -> String {
    let slashed = path.replace('\\', "/");
    let (prefix, rest) = if slashed.starts_with('/') {
        ("file://", slashed.as_str())
    } else if slashed.as_bytes().get(1) == Some(&b':')
        && slashed.as_bytes()[0].is_ascii_alphabetic()
    {
        ("file:///", slashed.as_str())
    } else {
        ("", slashed.as_str())
    };
    let mut uri = String::from(prefix);
    for (i, byte) in rest.bytes().enumerate() {
        let keep = byte.is_ascii_alphanumeric()
            || matches!(byte, b'-' | b'.' | b'_' | b'~' | b'/')
            || (byte == b':' && prefix == "file:///" && i == 1);
        if keep {
            uri.push(byte as char);
        } else {
            uri.push_str(&format!("%{byte:02X}"));
        }
    }
    uri
}

fn file_location(path: &str) -> Location {
    Location {
        physical_location: PhysicalLocation {
            artifact_location: ArtifactLocation {
                uri: path_uri(path),
            },
            region: None,
            context_region: None,
        },
    }
}

pub(super) fn write(
    reports: &[FileReport],
    rules: &RuleSet,
    options: &ReportOptions,
    out: &mut dyn Write,
) -> io::Result<()> {
    let (descriptors, index) = rule_descriptors(reports, rules);
    let mut results = Vec::new();
    let mut notifications = Vec::new();
    for report in reports {
        match &report.outcome {
            Outcome::Checked(findings) => {
                let redact = options.redacts(&report.path);
                for f in findings {
                    results.push(sarif_result(f, &report.path, rules, &index, redact));
                }
            }
            Outcome::Failed(message) => notifications.push(Notification {
                level: "error",
                message: Text {
                    text: message.clone(),
                },
                locations: [file_location(&report.path)],
            }),
            Outcome::Skipped(_) => {}
        }
    }
    let log = Log {
        schema: SARIF_SCHEMA,
        version: SARIF_VERSION,
        runs: [Run {
            tool: Tool {
                driver: Driver {
                    name: "reframe",
                    version: env!("CARGO_PKG_VERSION"),
                    semantic_version: env!("CARGO_PKG_VERSION"),
                    rules: descriptors,
                },
            },
            column_kind: "unicodeCodePoints",
            results,
            invocations: [Invocation {
                execution_successful: notifications.is_empty(),
                tool_execution_notifications: notifications,
            }],
        }],
    };
    serde_json::to_writer_pretty(&mut *out, &log)?;
    writeln!(out)
}

/// Takes the reports and the rule set; gives the descriptors of the rules listed (those of enabled packs, and any
/// other rule a file's configuration turned on and found) and, for each rule, its index among those descriptors.
fn rule_descriptors<'a>(
    reports: &[FileReport],
    rules: &'a RuleSet,
) -> (Vec<RuleDescriptor<'a>>, Vec<usize>) {
    let mut listed: Vec<bool> = rules
        .rules
        .iter()
        .map(|r| rules.pack_of(r).enabled)
        .collect();
    for report in reports {
        for f in report.findings() {
            listed[f.rule] = true;
        }
    }
    let mut index = vec![0; rules.rules.len()];
    let mut descriptors = Vec::new();
    for (i, rule) in rules.rules.iter().enumerate().filter(|(i, _)| listed[*i]) {
        index[i] = descriptors.len();
        descriptors.push(rule_descriptor(rule));
    }
    (descriptors, index)
}

/// Takes one rule; gives its SARIF descriptor.
fn rule_descriptor(rule: &Rule) -> RuleDescriptor<'_> {
    let first = rule
        .term_forms()
        .into_iter()
        .next()
        .unwrap_or(rule.id.clone());
    let suggestions = suggestion_list(&rule.rendered_suggestions(0, &[]));
    RuleDescriptor {
        id: &rule.id,
        short_description: Text {
            text: rule.message_for(&first),
        },
        full_description: Text {
            text: rule.why.clone(),
        },
        help: Text {
            text: format!("{}\n\nInstead, try: {suggestions}.", rule.why),
        },
        default_configuration: Configuration {
            level: level(rule.severity),
        },
        properties: RuleProperties {
            tags: [rule.category.as_str(), rule.pack.as_str()],
        },
    }
}

/// Takes one finding in the file at `path`, the rule set, each rule's descriptor index and whether the file's text
/// is redacted; gives the SARIF result for the finding.
fn sarif_result(
    f: &Finding,
    path: &str,
    rules: &RuleSet,
    index: &[usize],
    redact: bool,
) -> SarifResult {
    let message = message_with_suggestions(f);
    let mut location = file_location(path);
    location.physical_location.region = Some(Region {
        start_line: f.line,
        start_column: Some(f.column),
        end_line: f.end_line,
        end_column: Some(f.end_column),
        snippet: Text {
            text: f.text.clone(),
        },
    });
    location.physical_location.context_region = (!redact).then(|| context_region(f));
    let rule = &rules.rules[f.rule];
    let rule_id = &rule.id;
    let fixes = f
        .first_replacement()
        .map(|r| fix(r, path, f.is_safe_fix(rule)))
        .into_iter()
        .collect();
    SarifResult {
        fixes,
        partial_fingerprints: BTreeMap::from([(
            FINGERPRINT,
            crate::report::baseline::fingerprint(rule_id, f),
        )]),
        rule_id: rule_id.clone(),
        rule_index: index[f.rule],
        level: level(f.severity),
        message: Text { text: message },
        locations: [location],
        properties: ResultProperties {
            confidence: f.confidence.as_str(),
        },
        rank: match f.confidence {
            Confidence::Certain => 90.0,
            Confidence::Possible => 30.0,
        },
    }
}

/// Takes a finding; gives the region of its context lines.
fn context_region(f: &Finding) -> Region {
    // A window of a long line says where it starts and ends; whole lines need no columns.
    let windowed = f.context.first_column > 1;
    let last_line = f.context.text.rsplit('\n').next().unwrap_or("");
    let end_column = if f.context.text.contains('\n') {
        last_line.chars().count() + 1
    } else {
        f.context.first_column + last_line.chars().count()
    };
    Region {
        start_line: f.context.first_line,
        start_column: windowed.then_some(f.context.first_column),
        end_line: f.context.first_line + f.context.text.matches('\n').count(),
        end_column: windowed.then_some(end_column),
        snippet: Text {
            text: f.context.text.clone(),
        },
    }
}

/// Takes a replacement in the file at `path` and whether it is safe; gives the SARIF fix that applies it.
fn fix(r: finding::Replacement, path: &str, safe: bool) -> Fix {
    Fix {
        description: Text {
            text: format!("Replace with \u{201C}{}\u{201D}", r.text),
        },
        artifact_changes: [ArtifactChange {
            artifact_location: ArtifactLocation {
                uri: path_uri(path),
            },
            replacements: [Replacement {
                deleted_region: ByteRegion {
                    byte_offset: r.range.start,
                    byte_length: r.range.len(),
                },
                inserted_content: Text { text: r.text },
            }],
        }],
        properties: FixProperties { safe },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_become_uri_references() {
        assert_eq!(path_uri("notes/a b.txt"), "notes/a%20b.txt");
        assert_eq!(path_uri("notes\\x.md"), "notes/x.md");
        assert_eq!(path_uri("<stdin>"), "%3Cstdin%3E");
        assert_eq!(path_uri("/tmp/n#1.txt"), "file:///tmp/n%231.txt");
        assert_eq!(path_uri("C:\\notes\\é.txt"), "file:///C:/notes/%C3%A9.txt");
    }
}
