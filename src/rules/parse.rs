//! Reading one rule pack: TOML with spans, every key and value validated, each error with its file, line and
//! column; term, suggestion and exception forms expanded into patterns.

use std::collections::{HashMap, HashSet};

use serde::Deserialize;
use serde::de::IntoDeserializer;
use toml::Spanned;
use toml::de::{DeTable, DeValue};

use crate::error::LocatedError;
use crate::rules::{
    AppliesTo, Category, Example, FixSafety, Origin, Pack, Rule, RuleConfidence, Setting, Severity,
    Source,
};

use crate::rules::validate::validate_rule;

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RawPack {
    name: Spanned<String>,
    description: Spanned<String>,
    #[serde(default)]
    version: Option<String>,
    #[serde(default = "default_true")]
    default_enabled: bool,
    #[serde(default)]
    sources: Vec<Spanned<Source>>,
}

fn default_true() -> bool {
    true
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub(super) struct RawRule {
    pub(super) id: Spanned<String>,
    pub(super) terms: Spanned<Vec<Spanned<String>>>,
    pub(super) suggestions: Spanned<Vec<Spanned<String>>>,
    #[serde(default)]
    pub(super) message: Option<String>,
    pub(super) why: Spanned<String>,
    pub(super) category: Category,
    #[serde(default)]
    pub(super) severity: Severity,
    #[serde(default)]
    pub(super) fix: FixSafety,
    #[serde(default)]
    pub(super) sources: Vec<Spanned<String>>,
    #[serde(default)]
    pub(super) exceptions: Vec<Spanned<String>>,
    #[serde(default)]
    pub(super) case_sensitive: bool,
    #[serde(default)]
    pub(super) regex: Option<Spanned<String>>,
    #[serde(default)]
    pub(super) examples: Vec<Example>,
    #[serde(default)]
    pub(super) counter_examples: Vec<String>,
    #[serde(default)]
    pub(super) applies_to: Option<AppliesTo>,
    #[serde(default)]
    pub(super) confidence: Option<RuleConfidence>,
    #[serde(default)]
    pub(super) preceded_by: Vec<Spanned<String>>,
    #[serde(default)]
    pub(super) not_preceded_by: Vec<Spanned<String>>,
    #[serde(default)]
    pub(super) followed_by: Vec<Spanned<String>>,
    #[serde(default)]
    pub(super) not_followed_by: Vec<Spanned<String>>,
    #[serde(default)]
    pub(super) certain_near: Vec<Spanned<String>>,
    #[serde(default)]
    pub(super) split_from: Vec<Spanned<String>>,
    #[serde(default)]
    pub(super) setting: Option<Setting>,
}

const PACK_KEYS: &[&str] = &[
    "name",
    "description",
    "version",
    "default-enabled",
    "sources",
];
const RULE_KEYS: &[&str] = &[
    "id",
    "terms",
    "suggestions",
    "message",
    "why",
    "category",
    "severity",
    "fix",
    "sources",
    "exceptions",
    "case-sensitive",
    "regex",
    "examples",
    "counter-examples",
    "applies-to",
    "confidence",
    "preceded-by",
    "not-preceded-by",
    "followed-by",
    "not-followed-by",
    "certain-near",
    "split-from",
    "setting",
];

/// The longest suggestion a pack may give, in characters: every finding carries its suggestions.
pub const MAX_SUGGESTION_CHARS: usize = 300;

/// Whether `name` is kebab-case: lower-case ASCII letters and digits in words joined by single hyphens.
pub fn is_kebab_case(name: &str) -> bool {
    !name.is_empty()
        && name.split('-').all(|w| {
            !w.is_empty()
                && w.bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        })
}

/// Appends "did you mean" to serde's messages about unknown fields and variants.
fn explain_serde_message(message: &str) -> String {
    let message = message.trim_end();
    if !(message.starts_with("unknown field") || message.starts_with("unknown variant")) {
        return message.to_string();
    }
    let unknown = extract_backticked(message).unwrap_or("");
    let listed: Vec<&str> = message
        .split_once("expected one of ")
        .or_else(|| message.split_once("expected "))
        .map(|(_, rest)| {
            rest.split(", ")
                .map(|s| s.trim_matches(|c| c == '`' || c == ' '))
                .collect()
        })
        .unwrap_or_default();
    let pool: Vec<&str> = if listed.is_empty() {
        RULE_KEYS.iter().chain(PACK_KEYS).copied().collect()
    } else {
        listed
    };
    match did_you_mean(unknown, pool) {
        Some(best) => {
            let what = message.split(" `").next().unwrap_or("unknown field");
            format!("{what} `{unknown}`; did you mean `{best}`?")
        }
        None => message.to_string(),
    }
}

fn extract_backticked(message: &str) -> Option<&str> {
    let start = message.find('`')? + 1;
    let len = message[start..].find('`')?;
    Some(&message[start..start + len])
}

/// The closest candidate to `wrong`, if it is close enough to be a likely typo.
pub fn did_you_mean<'a>(
    wrong: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    candidates
        .into_iter()
        .map(|c| (strsim::jaro_winkler(wrong, c), c))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}

/// A parsed pack: its header and rules.
#[derive(Debug, Clone)]
pub struct ParsedPack {
    /// The header.
    pub pack: Pack,
    /// The rules, in file order.
    pub rules: Vec<Rule>,
}

/// Parses one pack file. `source` is the TOML text; every error found is returned at once.
pub fn parse_pack(source: &str, origin: Origin) -> Result<ParsedPack, Vec<LocatedError>> {
    let path = origin.display_path();
    let err_at = |offset: usize, message: String| LocatedError::at(&path, source, offset, message);
    let toml_err = |e: &toml::de::Error| {
        err_at(
            e.span().map_or(0, |s| s.start),
            explain_serde_message(e.message()),
        )
    };
    let document = match DeTable::parse(source) {
        Ok(doc) => doc,
        Err(e) => return Err(vec![toml_err(&e)]),
    };
    let mut errors = Vec::new();
    let mut header = None;
    let mut raw_rules = Vec::new();
    for (key, value) in document.get_ref().iter() {
        match key.get_ref().as_ref() {
            "pack" => match RawPack::deserialize(value.clone().into_deserializer()) {
                Ok(pack) => header = Some(pack),
                Err(e) => errors.push(toml_err(&e)),
            },
            "rule" => match value.get_ref() {
                DeValue::Array(items) => {
                    for item in items.iter() {
                        match RawRule::deserialize(item.clone().into_deserializer()) {
                            Ok(rule) => raw_rules.push((item.span().start, rule)),
                            Err(e) => errors.push(toml_err(&e)),
                        }
                    }
                }
                _ => errors.push(err_at(
                    value.span().start,
                    "`rule` must be an array of tables: write each rule under `[[rule]]`".into(),
                )),
            },
            other => {
                let hint = did_you_mean(other, ["pack", "rule"])
                    .map(|s| format!("; did you mean `{s}`?"))
                    .unwrap_or_default();
                errors.push(err_at(
                    key.span().start,
                    format!("unknown table `{other}`: a pack has `[pack]` and `[[rule]]`{hint}"),
                ));
            }
        }
    }
    let Some(raw_pack) = header else {
        if errors.is_empty() {
            errors.push(err_at(
                0,
                "missing `[pack]` table with `name` and `description`".into(),
            ));
        }
        return Err(errors);
    };
    let pack = validate_pack_header(raw_pack, &origin, &err_at, &mut errors);
    let rules = validate_rules(raw_rules, &pack, source, &path, &err_at, &mut errors);
    if errors.is_empty() {
        Ok(ParsedPack { pack, rules })
    } else {
        errors.sort_by_key(|e| (e.line, e.column));
        Err(errors)
    }
}

/// Takes the raw rules of `pack` with where each starts in `source` (the file shown as `path`); gives the valid
/// rules, adding to `errors` what is wrong with the others (a duplicate id, or an invalid rule).
fn validate_rules(
    raw_rules: Vec<(usize, RawRule)>,
    pack: &Pack,
    source: &str,
    path: &str,
    err_at: &dyn Fn(usize, String) -> LocatedError,
    errors: &mut Vec<LocatedError>,
) -> Vec<Rule> {
    let source_ids: HashSet<&str> = pack
        .sources
        .iter()
        .filter_map(|s| s.id.as_deref())
        .collect();
    let mut seen_ids: HashMap<String, usize> = HashMap::new();
    let mut rules = Vec::new();
    // One index of the pack's lines for all its rules (indexing it per rule made start-up quadratic).
    let lines = crate::text::LineIndex::new(source);
    for (start, raw) in raw_rules {
        if let Some(first) = seen_ids.get(raw.id.get_ref()) {
            errors.push(err_at(
                raw.id.span().start,
                format!(
                    "duplicate rule id `{}`: it is already used on line {first}",
                    raw.id.get_ref()
                ),
            ));
            continue;
        }
        let line = lines.position(source, start.min(source.len())).line;
        seen_ids.insert(raw.id.get_ref().clone(), line);
        if let Some(rule) = validate_rule(
            raw,
            pack,
            &source_ids,
            (path.to_string(), line),
            err_at,
            errors,
        ) {
            rules.push(rule);
        }
    }
    rules
}

fn validate_pack_header(
    raw: RawPack,
    origin: &Origin,
    err_at: &dyn Fn(usize, String) -> LocatedError,
    errors: &mut Vec<LocatedError>,
) -> Pack {
    let name = raw.name.get_ref();
    if !is_kebab_case(name) {
        errors.push(err_at(
            raw.name.span().start,
            format!("pack name `{name}` must be kebab-case (lower-case words joined by hyphens)"),
        ));
    }
    if let Origin::Builtin(file) = origin
        && file.strip_suffix(".toml") != Some(name.as_str())
    {
        errors.push(err_at(
            raw.name.span().start,
            format!("a built-in pack's name must match its file name, `{file}`"),
        ));
    }
    if raw.description.get_ref().trim().is_empty() {
        errors.push(err_at(
            raw.description.span().start,
            "the pack description is empty".into(),
        ));
    }
    let mut seen = HashSet::new();
    for source in &raw.sources {
        if let Some(id) = &source.get_ref().id
            && !seen.insert(id.clone())
        {
            errors.push(err_at(
                source.span().start,
                format!("duplicate source id `{id}`"),
            ));
        }
    }
    Pack {
        name: name.clone(),
        description: raw.description.into_inner(),
        version: raw.version,
        default_enabled: raw.default_enabled,
        sources: raw.sources.into_iter().map(Spanned::into_inner).collect(),
        origin: origin.clone(),
        enabled: false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::{AppliesTo, RuleConfidence};

    const HEAD: &str = "[pack]\nname = \"demo\"\ndescription = \"d\"\n[[rule]]\nid = \"vul\"\nterms = [\"vulnerable\"]\nsuggestions = [\"x\"]\nwhy = \"y\"\ncategory = \"label\"\n";

    #[test]
    fn applies_to_names_the_person_as_subject_or_object() {
        for (value, want) in [
            ("person-subject", AppliesTo::PersonSubject),
            ("person-object", AppliesTo::PersonObject),
        ] {
            let source = format!("{HEAD}applies-to = \"{value}\"\n");
            let parsed = parse_pack(&source, Origin::File("demo.toml".into())).unwrap();
            assert_eq!(parsed.rules[0].sense.applies_to, Some(want));
        }
    }

    #[test]
    fn sense_conditions_are_read_into_the_rule() {
        let source = format!(
            "{HEAD}applies-to = \"person\"\nconfidence = \"possible\"\nnot-followed-by = [\"to\", \"@person\"]\nnot-preceded-by = [\"in rare\"]\n"
        );
        let parsed = parse_pack(&source, Origin::File("demo.toml".into())).unwrap();
        let sense = &parsed.rules[0].sense;
        assert_eq!(sense.applies_to, Some(AppliesTo::Person));
        assert_eq!(sense.confidence, RuleConfidence::Possible);
        assert_eq!(
            sense.not_followed_by.entries,
            [vec!["to".to_string()], vec!["@person".to_string()]]
        );
        assert_eq!(
            sense.not_preceded_by.entries,
            [vec!["in".to_string(), "rare".to_string()]]
        );
        assert!(sense.preceded_by.is_empty() && sense.followed_by.is_empty());
    }

    #[test]
    fn terms_without_letters_and_unwritable_suggestions_are_errors() {
        let long = "x".repeat(MAX_SUGGESTION_CHARS + 1);
        let source = format!(
            "[pack]\nname = \"p\"\ndescription = \"d\"\n\n[[rule]]\nid = \"dot\"\nterms = [\".\"]\n\
             suggestions = [\"a\\u001b]0;owned\\u0007\", \"{long}\"]\nwhy = \"w\"\ncategory = \"label\"\n"
        );
        let errors = parse_pack(&source, Origin::File("p.toml".into())).unwrap_err();
        let messages: Vec<String> = errors.iter().map(|e| e.message.clone()).collect();
        assert_eq!(
            messages,
            [
                "rule `dot` has a term without a letter or digit",
                "rule `dot`: a suggestion has a control character (such as an escape, tab or line break)",
                "rule `dot`: a suggestion has a form 301 characters long; the most is 300",
            ],
            "{errors:?}"
        );
    }

    #[test]
    fn setting_names_the_kind_of_document_and_nothing_else() {
        let parsed = parse_pack(
            &format!("{HEAD}setting = \"care\"\n"),
            Origin::File("demo.toml".into()),
        )
        .unwrap();
        assert_eq!(parsed.rules[0].sense.setting, Some(Setting::Care));
        let errors = parse_pack(
            &format!("{HEAD}setting = \"work\"\n"),
            Origin::File("demo.toml".into()),
        )
        .unwrap_err();
        let error = &errors[0];
        assert_eq!(error.line, 10, "{errors:?}");
        assert!(error.message.contains("work"), "{errors:?}");
    }

    #[test]
    fn bad_sense_conditions_are_errors_at_their_place() {
        let source =
            format!("{HEAD}not-followed-by = [\"@people\", \"a.b\"]\napplies-to = \"things\"\n");
        let errors = parse_pack(&source, Origin::File("demo.toml".into())).unwrap_err();
        let messages: Vec<String> = errors
            .iter()
            .map(|e| format!("{}:{}: {}", e.line, e.column, e.message))
            .collect();
        assert!(
            messages
                .iter()
                .any(|m| m.contains("applies-to") || m.contains("things")),
            "{messages:?}"
        );
        let errors = parse_pack(
            &format!("{HEAD}not-followed-by = [\"@people\", \"a.b\"]\n"),
            Origin::File("demo.toml".into()),
        )
        .unwrap_err();
        let messages: Vec<String> = errors
            .iter()
            .map(|e| format!("{}:{}: {}", e.line, e.column, e.message))
            .collect();
        assert_eq!(
            messages,
            [
                "10:21: rule `vul`: unknown word list `@people`: the lists are `@person` and `@word`",
                "10:32: rule `vul`: neighbour `a.b` has `.`: write words only (a neighbour is matched word by word)"
            ]
        );
    }
}
