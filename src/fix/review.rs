//! `reframe fix --interactive`: a review of each finding in a plain terminal, one line of input per answer.
//!
//! For each finding the reviewer sees the line with the phrase marked, the message, why it matters, and the
//! suggestions numbered; they answer with a number (use that suggestion), `e` (type their own wording), `s` (skip),
//! `r` (skip this rule for the rest of the file) or `q` (stop, keeping what was accepted so far).

use std::collections::HashSet;
use std::io::{self, BufRead, Write};

use crate::fix::Edit;
use crate::rules::{RuleSet, is_hint};
use crate::scan::finding::Finding;

/// The outcome of reviewing one file.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Review {
    /// The accepted edits, in file order.
    pub edits: Vec<Edit>,
    /// Whether the reviewer asked to stop.
    pub quit: bool,
}

/// Reviews the findings of one file, asking on `out` and reading answers from `input`.
pub fn review_file(
    path: &str,
    findings: &[Finding],
    rules: &RuleSet,
    input: &mut dyn BufRead,
    out: &mut dyn Write,
) -> io::Result<Review> {
    let mut review = Review::default();
    let mut skipped_rules = HashSet::new();
    for finding in findings {
        if skipped_rules.contains(&finding.rule) {
            continue;
        }
        if review
            .edits
            .last()
            .is_some_and(|e| e.range.end > finding.replace.start)
        {
            continue;
        }
        let rule = &rules.rules[finding.rule];
        let literal: Vec<&String> = finding.suggestions.iter().filter(|s| !is_hint(s)).collect();
        show(path, finding, rules, &literal, out)?;
        loop {
            write!(out, "> ")?;
            out.flush()?;
            let mut answer = String::new();
            if input.read_line(&mut answer)? == 0 {
                review.quit = true;
                return Ok(review);
            }
            let answer = answer.trim();
            if let Ok(n) = answer.parse::<usize>()
                && (1..=literal.len()).contains(&n)
            {
                review.edits.push(Edit::new(finding, literal[n - 1]));
                break;
            }
            match answer {
                "e" => {
                    write!(out, "your wording: ")?;
                    out.flush()?;
                    let mut own = String::new();
                    input.read_line(&mut own)?;
                    let own = own.trim();
                    if own.is_empty() {
                        writeln!(out, "nothing typed; the phrase stays as it is")?;
                    } else {
                        review.edits.push(Edit::new(finding, own));
                    }
                    break;
                }
                "s" | "" => break,
                "r" => {
                    skipped_rules.insert(finding.rule);
                    writeln!(out, "skipping {} for the rest of this file", rule.id)?;
                    break;
                }
                "q" => {
                    review.quit = true;
                    return Ok(review);
                }
                _ => writeln!(out, "{}", keys(literal.len()))?,
            }
        }
    }
    Ok(review)
}

fn keys(count: usize) -> String {
    let numbers = match count {
        0 => String::new(),
        1 => "1 use the suggestion · ".to_string(),
        n => format!("1-{n} use a suggestion · "),
    };
    format!("{numbers}e type your own · s skip · r skip this rule in this file · q quit")
}

fn show(
    path: &str,
    finding: &Finding,
    rules: &RuleSet,
    literal: &[&String],
    out: &mut dyn Write,
) -> io::Result<()> {
    let rule = &rules.rules[finding.rule];
    let context = &finding.context;
    let before = &context.text[..context.replace.start];
    let phrase = &context.text[context.replace.clone()];
    let after = &context.text[context.replace.end..];
    writeln!(out)?;
    writeln!(
        out,
        "{path}:{}:{}  {}[{}]",
        finding.line, finding.column, finding.severity, rule.id
    )?;
    writeln!(
        out,
        "  {}[{}]{}",
        before.trim_start(),
        phrase,
        after.trim_end()
    )?;
    writeln!(out, "  {}", finding.message)?;
    writeln!(
        out,
        "  why: {}",
        rule.why.split_whitespace().collect::<Vec<_>>().join(" ")
    )?;
    for (i, suggestion) in literal.iter().enumerate() {
        writeln!(out, "  {}  {suggestion}", i + 1)?;
    }
    for hint in finding.suggestions.iter().filter(|s| is_hint(s)) {
        writeln!(out, "     ({})", &hint[1..hint.len() - 1])?;
    }
    writeln!(out, "  {}", keys(literal.len()))
}
