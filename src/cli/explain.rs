//! `reframe rules` and `reframe explain`: the rules document themselves, as text, JSON or Markdown.

use std::io::{self, Write};

use serde::Serialize;

use crate::cli::args::{Cli, ExplainArgs, ExplainFormat, RulesArgs, RulesFormat};
use crate::cli::{EXIT_CLEAN, EXIT_ERROR, Streams, load_rules, selection};
use crate::report::suggestion_list;
use crate::rules::{
    Category, Example, FixSafety, Origin, Rule, RuleSet, Severity, Source, did_you_mean,
};

/// A rule as `reframe rules --format json` and `reframe explain --format json` print it.
#[derive(Debug, Serialize)]
pub struct RuleDoc<'a> {
    /// The rule's id.
    pub id: &'a str,
    /// Its pack.
    pub pack: &'a str,
    /// Whether its pack is enabled in this run.
    pub enabled: bool,
    /// Its category.
    pub category: Category,
    /// Its severity.
    pub severity: Severity,
    /// The terms, as written (with forms syntax).
    pub terms: &'a [String],
    /// Every form the terms expand to.
    pub forms: Vec<String>,
    /// The suggestions, as written.
    pub suggestions: &'a [String],
    /// The short message.
    pub message: Option<&'a str>,
    /// Why it matters.
    pub why: &'a str,
    /// Whether the first suggestion is a safe fix.
    pub fix: FixSafety,
    /// The published sources the rule draws on.
    pub sources: Vec<&'a Source>,
    /// Phrases in which the rule does not fire.
    pub exceptions: &'a [String],
    /// Sentences the rule flags.
    pub examples: &'a [Example],
    /// Sentences the rule's pack does not flag.
    pub counter_examples: &'a [String],
    /// Ids its phrases were reported under before it was split off; suppressions naming them apply to it.
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    pub split_from: &'a [String],
}

impl<'a> RuleDoc<'a> {
    /// Describes `rule` of `rules`.
    pub fn new(rules: &'a RuleSet, rule: &'a Rule) -> Self {
        let pack = rules.pack_of(rule);
        RuleDoc {
            id: &rule.id,
            pack: &rule.pack,
            enabled: pack.enabled,
            category: rule.category,
            severity: rule.severity,
            terms: &rule.terms,
            forms: rule.term_forms(),
            suggestions: &rule.suggestions,
            message: rule.message.as_deref(),
            why: &rule.why,
            fix: rule.fix,
            sources: rule
                .sources
                .iter()
                .filter_map(|id| pack.sources.iter().find(|s| s.id.as_deref() == Some(id)))
                .collect(),
            exceptions: &rule.exceptions,
            examples: &rule.examples,
            counter_examples: &rule.counter_examples,
            split_from: &rule.split_from,
        }
    }
}

/// The phrases a rule flags, for people: each term's forms where there are a few, or the term as written, with
/// its choices as "a / b", where spelling out every combination would list nonsense ("mother are enablers").
fn flagged_phrases(rule: &Rule) -> String {
    const FEW: usize = 6;
    let mut parts: Vec<String> = Vec::new();
    for (term, pattern) in rule.terms.iter().zip(&rule.term_patterns) {
        let forms = pattern.expand();
        if forms.len() <= FEW {
            parts.extend(forms.into_iter().map(|f| f.text));
        } else {
            let choices = term.replace('|', " / ");
            parts.push(format!("{choices} (one of each choice in brackets)"));
        }
    }
    parts.join(", ")
}

/// Which rules `reframe rules` lists.
#[derive(Debug, Clone, Default)]
pub struct RuleFilter {
    /// Only these packs (all when empty).
    pub packs: Vec<String>,
    /// Only these categories (all when empty).
    pub categories: Vec<Category>,
}

impl RuleFilter {
    fn keeps(&self, rule: &Rule) -> bool {
        (self.packs.is_empty() || self.packs.contains(&rule.pack))
            && (self.categories.is_empty() || self.categories.contains(&rule.category))
    }
}

/// Writes the list of rules as an aligned text table.
pub fn write_rules_table(
    rules: &RuleSet,
    filter: &RuleFilter,
    out: &mut dyn Write,
) -> io::Result<()> {
    let rows: Vec<[String; 6]> = rules
        .rules
        .iter()
        .filter(|r| filter.keeps(r))
        .map(|r| {
            let forms = r.term_forms();
            let mut terms = forms.iter().take(2).cloned().collect::<Vec<_>>().join(", ");
            if forms.len() > 2 {
                terms.push_str(", …");
            }
            let on = if rules.pack_of(r).enabled {
                ""
            } else {
                " (off)"
            };
            [
                r.id.clone(),
                format!("{}{on}", r.pack),
                r.category.to_string(),
                r.severity.to_string(),
                terms,
                suggestion_list(&r.rendered_suggestions(0, &[])[..1]),
            ]
        })
        .collect();
    let header = ["RULE", "PACK", "CATEGORY", "SEVERITY", "TERMS", "TRY"].map(String::from);
    let mut widths = [0usize; 6];
    for row in std::iter::once(&header).chain(&rows) {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.chars().count());
        }
    }
    for row in std::iter::once(&header).chain(&rows) {
        let mut line = String::new();
        for (i, cell) in row.iter().enumerate() {
            if i == 5 {
                line.push_str(cell);
            } else {
                line.push_str(&format!("{cell:<width$}  ", width = widths[i]));
            }
        }
        writeln!(out, "{}", line.trim_end())?;
    }
    let packs: Vec<String> = rules
        .packs
        .iter()
        .map(|p| format!("{}{}", p.name, if p.enabled { "" } else { " (off)" }))
        .collect();
    writeln!(out, "\n{} rules; packs: {}", rows.len(), packs.join(", "))
}

/// Writes the listed rules as a JSON array of [`RuleDoc`].
pub fn write_rules_json(
    rules: &RuleSet,
    filter: &RuleFilter,
    out: &mut dyn Write,
) -> io::Result<()> {
    let docs: Vec<RuleDoc> = rules
        .rules
        .iter()
        .filter(|r| filter.keeps(r))
        .map(|r| RuleDoc::new(rules, r))
        .collect();
    serde_json::to_writer_pretty(&mut *out, &docs)?;
    writeln!(out)
}

fn md_escape(text: &str) -> String {
    text.replace('|', "\\|").replace('\n', " ")
}

/// Writes a Markdown reference of the listed rules, pack by pack (this is `docs/rules.md`).
pub fn write_rules_markdown(
    rules: &RuleSet,
    filter: &RuleFilter,
    out: &mut dyn Write,
) -> io::Result<()> {
    writeln!(out, "# reframe rules reference\n")?;
    writeln!(
        out,
        "Generated by `reframe rules --format markdown`; do not edit by hand. {} rules in {} packs.\n",
        rules.rules.iter().filter(|r| filter.keeps(r)).count(),
        rules.packs.len()
    )?;
    for pack in &rules.packs {
        let pack_rules: Vec<&Rule> = rules
            .rules
            .iter()
            .filter(|r| r.pack == pack.name && filter.keeps(r))
            .collect();
        if pack_rules.is_empty() {
            continue;
        }
        writeln!(out, "## {}\n", pack.name)?;
        writeln!(
            out,
            "{} {}\n",
            md_escape(&pack.description),
            if pack.default_enabled {
                "On by default."
            } else {
                "Off by default: enable it with `--pack`."
            }
        )?;
        writeln!(out, "| rule | terms | try | severity | why | sources |")?;
        writeln!(out, "|---|---|---|---|---|---|")?;
        for rule in pack_rules {
            let doc = RuleDoc::new(rules, rule);
            let sources: Vec<String> = doc
                .sources
                .iter()
                .map(|s| match &s.url {
                    Some(url) => format!("[{}]({url})", md_escape(&s.title)),
                    None => md_escape(&s.title),
                })
                .collect();
            writeln!(
                out,
                "| `{}` | {} | {} | {} | {} | {} |",
                rule.id,
                md_escape(&rule.term_forms().join(", ")),
                md_escape(&suggestion_list(&rule.rendered_suggestions(0, &[]))),
                rule.severity,
                md_escape(&rule.why),
                sources.join("; ")
            )?;
        }
        writeln!(out)?;
    }
    Ok(())
}

/// Why `explain` could not find a rule.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("there is no rule `{id}`{}", suggestion.as_ref().map(|s| format!("; did you mean `{s}`?")).unwrap_or_default())]
pub struct UnknownRule {
    /// The id asked for.
    pub id: String,
    /// The closest id, if any is close.
    pub suggestion: Option<String>,
}

/// Finds a rule by id, with a "did you mean" when there is none.
pub fn find_rule<'a>(rules: &'a RuleSet, id: &str) -> Result<&'a Rule, UnknownRule> {
    rules.rule(id).ok_or_else(|| UnknownRule {
        id: id.to_string(),
        suggestion: did_you_mean(id, rules.rules.iter().map(|r| r.id.as_str())).map(str::to_string),
    })
}

/// Writes one rule in full, for people.
pub fn write_explanation(rules: &RuleSet, rule: &Rule, out: &mut dyn Write) -> io::Result<()> {
    let doc = RuleDoc::new(rules, rule);
    let state = if doc.enabled { "on" } else { "off by default" };
    writeln!(
        out,
        "{} ({} pack, {state}; {}, {})\n",
        rule.id, rule.pack, rule.category, rule.severity
    )?;
    writeln!(out, "Flags:  {}", flagged_phrases(rule))?;
    writeln!(
        out,
        "Try:    {}",
        suggestion_list(&rule.rendered_suggestions(0, &[]))
    )?;
    writeln!(
        out,
        "Why:    {}",
        rule.why.split_whitespace().collect::<Vec<_>>().join(" ")
    )?;
    let fix = match rule.fix {
        FixSafety::Safe => "safe: the first suggestion can replace the phrase as it is",
        FixSafety::Review => "review: choose the wording that fits the sentence",
        FixSafety::None => "none: the sentence needs rewriting, not a word swap",
    };
    writeln!(out, "Fix:    {fix}")?;
    if !rule.exceptions.is_empty() {
        writeln!(out, "Not in: {}", rule.exceptions.join(", "))?;
    }
    if !rule.split_from.is_empty() {
        let ids: Vec<String> = rule.split_from.iter().map(|id| format!("`{id}`")).collect();
        writeln!(
            out,
            "Was:    reported as {} before; a suppression of that id covers it too",
            ids.join(" or ")
        )?;
    }
    if !doc.sources.is_empty() {
        writeln!(out, "\nSources:")?;
        for source in &doc.sources {
            match &source.url {
                Some(url) => writeln!(out, "  - {} <{url}>", source.title)?,
                None => writeln!(out, "  - {}", source.title)?,
            }
        }
    }
    if !rule.examples.is_empty() {
        writeln!(out, "\nFlagged:")?;
        for example in &rule.examples {
            writeln!(out, "  - {example}")?;
        }
    }
    if !rule.counter_examples.is_empty() {
        writeln!(out, "\nNot flagged:")?;
        for example in &rule.counter_examples {
            writeln!(out, "  - {example}")?;
        }
    }
    Ok(())
}

/// Runs `reframe rules`: lists the rules, filtered by pack and category.
pub fn rules_command(cli: &Cli, args: &RulesArgs, streams: &mut Streams) -> io::Result<u8> {
    // `--pack` filters the listing here; every pack is loaded so that the list can show what is off.
    let mut all = selection(cli);
    all.builtin.clear();
    let Some(mut rules) = load_rules(&all, streams)? else {
        return Ok(EXIT_ERROR);
    };
    if !cli.packs.is_empty() {
        for pack in &mut rules.packs {
            pack.enabled =
                cli.packs.contains(&pack.name) || !matches!(pack.origin, Origin::Builtin(_));
        }
    }
    let filter = RuleFilter {
        packs: cli.packs.clone(),
        categories: args.categories.iter().map(|&c| c.into()).collect(),
    };
    match args.format {
        RulesFormat::Human => write_rules_table(&rules, &filter, streams.out)?,
        RulesFormat::Json => write_rules_json(&rules, &filter, streams.out)?,
        RulesFormat::Markdown => write_rules_markdown(&rules, &filter, streams.out)?,
    }
    Ok(EXIT_CLEAN)
}

/// Runs `reframe explain`: one rule in full.
pub fn explain_command(cli: &Cli, args: &ExplainArgs, streams: &mut Streams) -> io::Result<u8> {
    let Some(rules) = load_rules(&selection(cli), streams)? else {
        return Ok(EXIT_ERROR);
    };
    match find_rule(&rules, &args.rule) {
        Ok(rule) => {
            match args.format {
                ExplainFormat::Human => write_explanation(&rules, rule, streams.out)?,
                ExplainFormat::Json => {
                    serde_json::to_writer_pretty(&mut *streams.out, &RuleDoc::new(&rules, rule))?;
                    writeln!(streams.out)?;
                }
            }
            Ok(EXIT_CLEAN)
        }
        Err(e) => {
            writeln!(streams.err, "error: {e}")?;
            Ok(EXIT_ERROR)
        }
    }
}
