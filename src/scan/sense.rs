//! Sense checks: takes one candidate match (its place in the normalised text and in the original) and its rule's
//! [`Sense`] conditions, gives whether it is a finding and how sure: [`Confidence::Certain`],
//! [`Confidence::Possible`], or not a finding at all.
//!
//! Only the words around the candidate are read, never the whole text, so the checks cost little beyond the
//! matcher. In order:
//!
//! 1. A URL, email address or path shown as text is not a finding.
//! 2. A name is not a finding: the match is capitalised inside a run of capitalised words that names an
//!    organisation, programme, fund, statute or place (the run holds a word such as Act, Trust, Fund, Ltd).
//! 3. A mention is not a finding: the match follows words that talk about words ("we do not say", "avoid",
//!    "the term", "words such as", "instead of"), directly or as an item of the list they introduce.
//! 4. The rule's neighbour conditions (`preceded-by`, `not-preceded-by`, `followed-by`, `not-followed-by`).
//! 5. `applies-to = "person"`: certain when the words show the match describes people ("vulnerable adults",
//!    "she is vulnerable", "left them vulnerable"); not a finding when it describes a thing ("vulnerable
//!    software", "high-risk tasks"); possible when the words do not tell.
//! 6. `confidence = "possible"` makes every finding of the rule possible.

use std::collections::HashSet;
use std::sync::OnceLock;

use serde::Serialize;

use crate::rules::{ANY_WORD, AppliesTo, Neighbours, PERSON_WORDS, RuleConfidence, Sense};
use crate::text::is_word_char;

/// How sure a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Confidence {
    /// The term matched and its sense is unclear: worth a look, reported at `info` at most.
    Possible,
    /// The rule's sense conditions are met (or it has none and its terms are unambiguous).
    #[default]
    Certain,
}

impl Confidence {
    /// The lower-case name used in reports.
    pub fn as_str(self) -> &'static str {
        match self {
            Confidence::Certain => "certain",
            Confidence::Possible => "possible",
        }
    }
}

/// Words for people, their roles, kin and groups, and pronouns; and words for a person's ways (behaviour,
/// lifestyle), which a deficit adjective describes as surely as the person.
static PERSON_LEXICON: &str = include_str!("person_words.txt");

/// Whether `word` (normalised: lower case, straight apostrophes) names people.
pub fn is_person_word(word: &str) -> bool {
    static WORDS: OnceLock<HashSet<&'static str>> = OnceLock::new();
    let words = WORDS.get_or_init(|| {
        PERSON_LEXICON
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .collect()
    });
    let word = word
        .strip_suffix("'s")
        .or_else(|| word.strip_suffix('\''))
        .unwrap_or(word);
    words.contains(word)
}

/// Words that end a noun phrase rather than head one: after an adjective, one of these means the adjective is
/// not modifying the next word as a noun.
const FUNCTION_WORDS: &[&str] = &[
    "a",
    "about",
    "across",
    "after",
    "again",
    "also",
    "although",
    "an",
    "and",
    "are",
    "around",
    "as",
    "at",
    "be",
    "because",
    "been",
    "before",
    "being",
    "both",
    "but",
    "by",
    "can",
    "could",
    "did",
    "do",
    "does",
    "due",
    "during",
    "either",
    "enough",
    "even",
    "for",
    "from",
    "had",
    "has",
    "have",
    "here",
    "how",
    "however",
    "if",
    "in",
    "including",
    "into",
    "is",
    "it",
    "its",
    "just",
    "like",
    "may",
    "might",
    "more",
    "must",
    "neither",
    "no",
    "nor",
    "not",
    "now",
    "of",
    "on",
    "onto",
    "or",
    "over",
    "should",
    "since",
    "so",
    "such",
    "than",
    "that",
    "the",
    "then",
    "there",
    "these",
    "this",
    "those",
    "though",
    "through",
    "to",
    "too",
    "under",
    "unless",
    "until",
    "was",
    "were",
    "what",
    "when",
    "where",
    "whether",
    "which",
    "while",
    "will",
    "with",
    "within",
    "without",
    "would",
    "yet",
    "every",
    "each",
    "all",
    "any",
    "some",
    "who",
    "whom",
    "whose",
    "today",
    "tonight",
    "yesterday",
    "tomorrow",
    "once",
    "always",
    "often",
    "never",
    "sometimes",
];

/// Words between a subject and a predicative adjective: "she is (very) vulnerable".
const COPULAS: &[&str] = &[
    "am", "appear", "appeared", "appears", "are", "be", "became", "become", "becomes", "becoming",
    "been", "being", "feel", "feeling", "feels", "felt", "get", "gets", "got", "is", "look",
    "looked", "looks", "remain", "remained", "remains", "seem", "seemed", "seems", "was", "were",
];

/// Words that may stand between a copula and its adjective.
const INTENSIFIERS: &[&str] = &[
    "deeply",
    "especially",
    "extremely",
    "highly",
    "increasingly",
    "less",
    "more",
    "most",
    "not",
    "now",
    "particularly",
    "potentially",
    "quite",
    "rather",
    "really",
    "so",
    "still",
    "too",
    "very",
    "often",
    "always",
    "sometimes",
    "also",
    "being",
    "considered",
    "deemed",
    "seen",
    "as",
];

/// Object pronouns and person words right before an adjective that is their complement: "left them vulnerable".
const OBJECTS: &[&str] = &[
    "her",
    "him",
    "me",
    "them",
    "us",
    "you",
    "themselves",
    "himself",
    "herself",
];

/// Words that end a run of capitalised words naming an organisation, programme, fund, statute or place.
const NAME_HEADS: &[&str] = &[
    "act",
    "acts",
    "agency",
    "alliance",
    "anonymous",
    "association",
    "authority",
    "bill",
    "campaign",
    "center",
    "centre",
    "charity",
    "cic",
    "college",
    "commission",
    "committee",
    "company",
    "convention",
    "corporation",
    "council",
    "court",
    "department",
    "directive",
    "foundation",
    "fund",
    "guild",
    "hospital",
    "inc",
    "institute",
    "league",
    "llc",
    "llp",
    "ltd",
    "ministry",
    "network",
    "partners",
    "partnership",
    "plc",
    "program",
    "programme",
    "project",
    "regulations",
    "scheme",
    "society",
    "trust",
    "union",
    "university",
];

/// Small words allowed inside a capitalised name: "Protection of Vulnerable Adults Act".
const NAME_CONNECTORS: &[&str] = &["and", "for", "of", "on", "the", "in", "to", "with", "&"];

/// Phrases that talk about words: a match right after one (or in the list one introduces) is a mention.
const MENTION_TRIGGERS: &[&[&str]] = &[
    &["say"],
    &["saying"],
    &["avoid", ","],
    &["avoid", "using"],
    &["avoid", "saying"],
    &["instead", "of"],
    &["instead", "of", "saying"],
    &["rather", "than"],
    &["the", "term"],
    &["the", "word"],
    &["the", "words"],
    &["the", "terms"],
    &["the", "phrase"],
    &["the", "label"],
    &["the", "expression"],
    &["a", "term"],
    &["a", "word"],
    &["a", "label"],
    &["this", "term"],
    &["this", "word"],
    &["terms", ","],
    &["words", ","],
    &["phrases", ","],
    &["labels", ","],
    &["language", ","],
    &["word", "is"],
    &["term", "is"],
    &["words", "are"],
    &["terms", "are"],
    &["refer", "to"],
    &["referring", "to"],
    &["such", "as"],
    &["as"],
    &["not"],
    &["like"],
    &["use"],
    &["using"],
    &["stop", "using"],
    &["replace"],
    &["replacing"],
    &["replaced"],
];

/// Words that make a preceding trigger about words: "words such as", "terms like", "do not use".
const MENTION_CONTEXT: &[&str] = &[
    "avoid",
    "don't",
    "dont",
    "not",
    "never",
    "expression",
    "expressions",
    "label",
    "labels",
    "language",
    "phrase",
    "phrases",
    "term",
    "terms",
    "word",
    "words",
    "jargon",
    "say",
    "saying",
    "write",
    "instead",
    "describing",
    "describe",
    "refer",
    "referring",
    "call",
    "calling",
    "labelling",
    "labeling",
    "use",
];

/// One candidate match, with the texts it sits in.
pub struct Candidate<'a> {
    /// The normalised text (lower case, single spaces, straight apostrophes, hyphens as spaces).
    pub norm: &'a str,
    /// The match in `norm`.
    pub start: usize,
    /// The end of the match in `norm`.
    pub end: usize,
    /// The original text.
    pub original: &'a str,
    /// The match in `original`.
    pub original_range: std::ops::Range<usize>,
}

/// Judges one candidate: `None` when it is not a finding, else how sure the finding is.
pub fn judge(candidate: &Candidate, sense: &Sense) -> Option<Confidence> {
    if in_address(candidate)
        || in_name(candidate)
        || is_mention(candidate)
        || is_headword(candidate)
    {
        return None;
    }
    let before = words_before(candidate.norm, candidate.start, 12);
    let after = words_after(candidate.norm, candidate.end, 6);
    if !neighbours_allow(sense, &before, &after) {
        return None;
    }
    let mut confidence = match sense.applies_to {
        Some(AppliesTo::Person) if name_before(candidate) => Confidence::Certain,
        Some(AppliesTo::Person) => about_a_person(&before, &after)?,
        None => Confidence::Certain,
    };
    if sense.confidence == RuleConfidence::Possible {
        confidence = Confidence::Possible;
    }
    Some(confidence)
}

/// The words of the same clause before `start`, nearest first: [`tokens_before`] up to the first comma, colon or
/// other punctuation.
fn words_before(norm: &str, start: usize, max: usize) -> Vec<&str> {
    tokens_before(norm, start, max)
        .into_iter()
        .take_while(|t| !matches!(*t, "," | ":"))
        .collect()
}

/// The words of the same clause after `end`, in order.
fn words_after(norm: &str, end: usize, max: usize) -> Vec<&str> {
    let mut words = Vec::new();
    let mut rest = &norm[end..];
    while words.len() < max {
        rest = rest.trim_start_matches(' ');
        let len: usize = rest
            .chars()
            .take_while(|c| is_word_char(*c) || *c == '\'')
            .map(char::len_utf8)
            .sum();
        if len == 0 {
            break;
        }
        let word = rest[..len].trim_end_matches('\'');
        rest = &rest[len..];
        // A possessive ending belongs to the words before it: "the service users' forum", "people's".
        if words.is_empty() && (word.is_empty() || word == "'s") {
            continue;
        }
        words.push(word.trim_start_matches('\''));
    }
    words
}

/// Whether one entry of a neighbour list stands next to the match: `words` are nearest first.
fn entry_matches(entry: &[String], nearest_first: &[&str], before: bool) -> bool {
    if entry.len() == 1 && entry[0] == PERSON_WORDS {
        return nearest_first.first().is_some_and(|w| is_person_word(w));
    }
    if entry.len() == 1 && entry[0] == ANY_WORD {
        return nearest_first
            .first()
            .is_some_and(|w| !FUNCTION_WORDS.contains(w));
    }
    if entry.len() > nearest_first.len() {
        return false;
    }
    let mut near: Vec<&str> = nearest_first[..entry.len()].to_vec();
    if before {
        near.reverse();
    }
    // A possessive matches its word: `solicitor` stands for "solicitor's" and "solicitors'".
    entry.iter().zip(near).all(|(want, got)| {
        want == got
            || got
                .strip_suffix("'s")
                .or_else(|| got.strip_suffix('\''))
                .is_some_and(|bare| bare == want)
    })
}

fn any_entry(list: &Neighbours, nearest_first: &[&str], before: bool) -> bool {
    list.entries
        .iter()
        .any(|entry| entry_matches(entry, nearest_first, before))
}

/// Whether the rule's neighbour conditions let the match be a finding.
fn neighbours_allow(sense: &Sense, before: &[&str], after: &[&str]) -> bool {
    !(any_entry(&sense.not_preceded_by, before, true)
        || any_entry(&sense.not_followed_by, after, false)
        || (!sense.preceded_by.is_empty() && !any_entry(&sense.preceded_by, before, true))
        || (!sense.followed_by.is_empty() && !any_entry(&sense.followed_by, after, false)))
}

/// For `applies-to = "person"`: certain when the words show the match is said of people, `None` when it
/// describes a thing, possible otherwise.
fn about_a_person(before: &[&str], after: &[&str]) -> Option<Confidence> {
    // The noun it modifies: "vulnerable (young) people", "chaotic and isolated men".
    let mut skipped_coordination = false;
    for (i, word) in after.iter().take(4).enumerate() {
        if is_person_word(word) {
            return Some(Confidence::Certain);
        }
        if matches!(*word, "and" | "or") && i < 2 {
            skipped_coordination = true;
            continue;
        }
        if i >= 1 && !skipped_coordination {
            break;
        }
    }
    if predicative_of_a_person(before) {
        return Some(Confidence::Certain);
    }
    match after.first() {
        // A word that heads a noun phrase: the match describes that thing ("high-risk tasks").
        Some(next) if !skipped_coordination && !FUNCTION_WORDS.contains(next) => None,
        _ => Some(Confidence::Possible),
    }
}

/// Whether a person's name stands right before the match ("Sam did not attend", "Mr Hughes is vulnerable"):
/// a capitalised word that is not a function word.
fn name_before(candidate: &Candidate) -> bool {
    let head = candidate.original[..candidate.original_range.start].trim_end_matches(' ');
    if head.len() == candidate.original_range.start {
        // No space before the match: it starts the text or follows punctuation.
        return false;
    }
    let start = head
        .char_indices()
        .rev()
        .take_while(|(_, c)| is_word_char(*c))
        .last()
        .map_or(head.len(), |(i, _)| i);
    let word = &head[start..];
    let lower = word.to_lowercase();
    if is_person_word(&lower) {
        return true;
    }
    word.chars().next().is_some_and(char::is_uppercase)
        && word.chars().any(char::is_lowercase)
        && !FUNCTION_WORDS.contains(&lower.as_str())
}

/// "she is (very) vulnerable", "makes them vulnerable", "people who are vulnerable".
fn predicative_of_a_person(before: &[&str]) -> bool {
    let mut words = before.iter().copied().peekable();
    if let Some(first) = words.peek()
        && (OBJECTS.contains(first) || is_person_word(first))
    {
        return true;
    }
    let mut rest: Vec<&str> = words.skip_while(|w| INTENSIFIERS.contains(w)).collect();
    if rest.first().is_none_or(|w| !COPULAS.contains(w)) {
        return false;
    }
    rest.remove(0);
    rest.iter()
        .skip_while(|w| COPULAS.contains(w) || INTENSIFIERS.contains(w))
        .take(3)
        .any(|w| is_person_word(w) || matches!(*w, "who" | "i" | "he" | "she" | "they" | "we"))
}

/// Whether the match is part of a URL, an email address or a path shown as text.
fn in_address(candidate: &Candidate) -> bool {
    let text = candidate.original;
    let range = &candidate.original_range;
    // A token longer than this is not an address anyone reads; the bound keeps the check local.
    let from = ceil_char_boundary(text, range.start.saturating_sub(200));
    let to = floor_char_boundary(text, range.end.saturating_add(200).min(text.len()));
    let start = text[from..range.start]
        .char_indices()
        .rev()
        .find(|(_, c)| c.is_whitespace())
        .map_or(from, |(i, c)| from + i + c.len_utf8());
    let end = text[range.end..to]
        .find(char::is_whitespace)
        .map_or(to, |i| range.end + i);
    let token = text[start..end].trim_matches(|c: char| "()[]<>\"'.,;:".contains(c));
    token.contains("://")
        || token.starts_with("www.")
        || (token.contains('@') && token.contains('.'))
        || token.contains('/')
        || token.contains('_')
}

/// The capitalised words (with connectors) right before and right after `range` in `text`.
/// Also whether the run starts a sentence, and whether running prose goes on after the run: a word in lower case, or an acronym in brackets, follows
/// it (a heading in title case ends instead).
fn capitalised_run(text: &str, range: &std::ops::Range<usize>) -> (Vec<String>, bool, bool) {
    let is_cap = |w: &str| w.chars().next().is_some_and(char::is_uppercase);
    let tokens = |s: &str| -> Vec<String> {
        s.split(|c: char| c.is_whitespace() || c == '-')
            .filter(|w| !w.is_empty())
            .map(str::to_string)
            .collect()
    };
    // Eight words either side is all a name needs: read no further (the checks must stay local).
    // A name does not run across a line break.
    let after_end = floor_char_boundary(text, range.end.saturating_add(160).min(text.len()));
    let after_end = text[range.end..after_end]
        .find('\n')
        .map_or(after_end, |i| range.end + i);
    let before_start = ceil_char_boundary(text, range.start.saturating_sub(160));
    let before_start = text[before_start..range.start]
        .rfind('\n')
        .map_or(before_start, |i| before_start + i + 1);
    let mut run = Vec::new();
    let mut prose_follows = false;
    // After the match, left to right until a word that is neither capitalised nor a connector, or punctuation.
    for word in tokens(&text[range.end..after_end]).into_iter().take(8) {
        let bare = word.trim_end_matches(|c: char| !is_word_char(c));
        let stops = bare.len() != word.len();
        if !(is_cap(bare) || NAME_CONNECTORS.contains(&bare)) {
            prose_follows = word.starts_with(|c: char| c.is_lowercase() || c == '(');
            break;
        }
        run.push(bare.to_string());
        if stops {
            prose_follows = word[bare.len()..].starts_with([',', '(', ')']);
            break;
        }
    }
    // Before the match, right to left, to where the run starts.
    let mut run_start = range.start;
    for _ in 0..8 {
        let head = text[before_start..run_start].trim_end_matches(|c: char| c.is_whitespace());
        let word_start = head
            .char_indices()
            .rev()
            .find(|(_, c)| c.is_whitespace() || *c == '-')
            .map_or(0, |(i, c)| i + c.len_utf8());
        let word = &head[word_start..];
        if word.is_empty()
            || word.contains(|c: char| !is_word_char(c) && c != '&')
            || !(is_cap(word) || NAME_CONNECTORS.contains(&word))
        {
            break;
        }
        run.push(word.to_string());
        run_start = before_start + word_start;
    }
    // The first word of a sentence is capitalised by grammar, not because it names something.
    let before_run = text[before_start..run_start].trim_end();
    let sentence_start = before_run.is_empty()
        || before_run.ends_with(['.', '!', '?', ':', '"', '\u{201C}', '*', '#', '>', '|', '(']);
    (run, prose_follows, sentence_start)
}

fn floor_char_boundary(text: &str, mut at: usize) -> usize {
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

fn ceil_char_boundary(text: &str, mut at: usize) -> usize {
    while !text.is_char_boundary(at) {
        at += 1;
    }
    at
}

/// Whether the match is capitalised inside a name such as "the Protection of Vulnerable Adults Act".
fn in_name(candidate: &Candidate) -> bool {
    let matched = &candidate.original[candidate.original_range.clone()];
    // Title case ("Vulnerable Adults"), not capitals throughout ("ADDICTS" is shouting, not a name).
    let capitalised = matched
        .split(|c: char| !is_word_char(c))
        .filter(|w| !w.is_empty())
        .any(|w| {
            w.chars().next().is_some_and(char::is_uppercase) && w.chars().any(char::is_lowercase)
        });
    if !capitalised {
        return false;
    }
    let (run, prose_follows, sentence_start) =
        capitalised_run(candidate.original, &candidate.original_range);
    let in_run = |w: &str| {
        let lower = w.to_lowercase();
        NAME_HEADS.contains(&lower.as_str())
    };
    // Articles are capitalised by grammar ("An", "The"), not because they name something.
    let title_case = |w: &str| {
        let mut chars = w.chars();
        chars.next().is_some_and(char::is_uppercase)
            && chars.any(char::is_lowercase)
            && !matches!(w, "A" | "An" | "The")
    };
    let capitalised_words = run.iter().filter(|w| title_case(w)).count()
        + matched
            .split(|c: char| !is_word_char(c))
            .filter(|w| !w.is_empty() && title_case(w))
            .count();
    // Three capitalised words in a row inside running prose name something ("a Homeless Youth Outreach
    // program", "Morro Bay Senior Citizens offers"); a heading in title case does not.
    let named_words = capitalised_words.saturating_sub(usize::from(sentence_start));
    (named_words >= 3 && prose_follows)
        || run
            .iter()
            .filter(|w| w.chars().next().is_some_and(char::is_uppercase))
            .any(|w| in_run(w))
        || matched
            .split_whitespace()
            .last()
            .is_some_and(|w| in_run(w) && w.chars().next().is_some_and(char::is_uppercase))
}

/// Whether the match heads a glossary or A\u{2013}Z entry: it starts its line (after a bullet or number) and a
/// dash follows it ("Abscond \u{2013} run away; go missing").
fn is_headword(candidate: &Candidate) -> bool {
    let text = candidate.original;
    let range = &candidate.original_range;
    let line_start = text[..range.start].rfind('\n').map_or(0, |i| i + 1);
    let lead = &text[line_start..range.start];
    if lead.len() > 12
        || !lead
            .chars()
            .all(|c| c.is_whitespace() || "-*\u{2022}#>|0123456789.)(".contains(c))
    {
        return false;
    }
    let rest =
        &text[range.end..floor_char_boundary(text, range.end.saturating_add(24).min(text.len()))];
    // An acronym or a note in brackets may stand between the headword and its dash: "Child Looked After (CLA) –".
    let rest = match rest.trim_start().strip_prefix('(') {
        Some(inner) => inner.split_once(')').map_or("", |(_, after)| after),
        None => rest,
    };
    let rest = rest.trim_start_matches([' ', '*', '_']);
    // A dash, not a colon: "Presenting issues: housing and debt" is a form's label, used, not defined.
    rest.starts_with(['\u{2013}', '\u{2014}']) || rest.starts_with("- ")
}

/// The words before `start` back to the end of the sentence, nearest first, with each comma, semicolon, colon
/// or slash as a `","` token.
fn tokens_before(norm: &str, start: usize, max: usize) -> Vec<&str> {
    let mut tokens = Vec::new();
    let mut rest = &norm[..start];
    while tokens.len() < max {
        rest = rest.trim_end_matches(' ');
        let Some(last) = rest.chars().next_back() else {
            break;
        };
        if last == ':' {
            tokens.push(":");
            rest = &rest[..rest.len() - 1];
            continue;
        }
        if matches!(last, ',' | ';' | '/') {
            tokens.push(",");
            rest = &rest[..rest.len() - 1];
            continue;
        }
        // Quotation marks around a word talked about ("we do not say \u{201C}addict\u{201D}") are skipped.
        if matches!(last, '"' | '\u{201C}' | '\u{201D}') {
            rest = &rest[..rest.len() - last.len_utf8()];
            continue;
        }
        let word_start = rest
            .char_indices()
            .rev()
            .take_while(|(_, c)| is_word_char(*c) || *c == '\'')
            .last()
            .map(|(i, _)| i);
        match word_start {
            Some(i) => {
                let word = rest[i..].trim_matches('\'');
                if !word.is_empty() {
                    tokens.push(word);
                }
                rest = &rest[..i];
            }
            None => break,
        }
    }
    tokens
}

/// Whether the match is talked about as a word: right after a trigger ("we do not say X", "avoid X", "terms
/// such as X"), or an item of the list a trigger introduces ("words such as addict, junkie or X").
fn is_mention(candidate: &Candidate) -> bool {
    let tokens = tokens_before(candidate.norm, candidate.start, 24);
    let mut items = 0;
    // Words since the last list separator: a list item (or the match's own modifiers) is at most three words,
    // so a trigger further back belongs to another clause ("the language we use ... towards homeless people").
    let mut words_in_item = 0;
    for (i, token) in tokens.iter().enumerate() {
        if items > 6 || words_in_item > 3 {
            return false;
        }
        if trigger_at(&tokens[i..]) {
            return true;
        }
        match *token {
            // A list after a colon, in a clause about words: "avoid terms that stigmatise: crazy, lame".
            ":" => {
                return tokens[i + 1..]
                    .iter()
                    .take(12)
                    .take_while(|t| **t != ":")
                    .any(|t| MENTION_CONTEXT.contains(t));
            }
            "," | "and" | "or" => {
                items += 1;
                words_in_item = 0;
            }
            _ => words_in_item += 1,
        }
    }
    false
}

/// Whether the tokens (nearest first) start with a mention trigger.
fn trigger_at(tokens: &[&str]) -> bool {
    MENTION_TRIGGERS.iter().any(|trigger| {
        if trigger.len() > tokens.len() {
            return false;
        }
        if !trigger
            .iter()
            .rev()
            .zip(tokens)
            .all(|(want, got)| want == got)
        {
            return false;
        }
        // "like", "use", "such as", "say" and "replace" are mentions only with a word about words (or a
        // negation) before them: "words like", "do not use", "terms such as", "we don't say".
        let needs_context = matches!(
            trigger[0],
            "like"
                | "as"
                | "not"
                | "use"
                | "using"
                | "such"
                | "say"
                | "saying"
                | "replace"
                | "replacing"
                | "replaced"
        );
        // "describe him as X" is said of a person; "describing people as X" talks about the words.
        if trigger[0] == "as" && tokens.get(1).is_some_and(|w| OBJECTS.contains(w)) {
            return false;
        }
        !needs_context
            || tokens[trigger.len()..]
                .iter()
                .take(6)
                .any(|w| MENTION_CONTEXT.contains(w))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn candidate<'a>(text: &'a str, norm: &'a str, phrase: &str) -> Candidate<'a> {
        let normalised = crate::text::Normalized::phrase(phrase, true);
        let start = norm.find(&normalised).unwrap();
        let original_start = text.to_lowercase().find(phrase).unwrap();
        Candidate {
            norm,
            start,
            end: start + normalised.len(),
            original: text,
            original_range: original_start..original_start + phrase.len(),
        }
    }

    fn person_sense() -> Sense {
        Sense {
            applies_to: Some(AppliesTo::Person),
            ..Sense::default()
        }
    }

    fn judged(text: &str, phrase: &str, sense: &Sense) -> Option<Confidence> {
        let norm = crate::text::Normalized::new(text, true).text;
        judge(&candidate(text, &norm, phrase), sense)
    }

    #[test]
    fn an_adjective_is_certain_about_people_and_dropped_about_things() {
        let sense = person_sense();
        assert_eq!(
            judged("We met vulnerable young people.", "vulnerable", &sense),
            Some(Confidence::Certain)
        );
        assert_eq!(
            judged("She is very vulnerable.", "vulnerable", &sense),
            Some(Confidence::Certain)
        );
        assert_eq!(
            judged("The move left them vulnerable.", "vulnerable", &sense),
            Some(Confidence::Certain)
        );
        assert_eq!(
            judged("Patch the vulnerable software.", "vulnerable", &sense),
            None
        );
        assert_eq!(
            judged("It was vulnerable.", "vulnerable", &sense),
            Some(Confidence::Possible)
        );
    }

    #[test]
    fn names_addresses_and_mentions_are_not_findings() {
        let sense = Sense::default();
        assert_eq!(
            judged(
                "Under the Protection of Vulnerable Adults Act we act.",
                "vulnerable adults",
                &sense
            ),
            None
        );
        assert_eq!(
            judged(
                "A grant from the Shelter for the Homeless Fund.",
                "the homeless",
                &sense
            ),
            None
        );
        assert_eq!(
            judged(
                "See example.org/hard-to-reach for more.",
                "hard-to-reach",
                &sense
            ),
            None
        );
        assert_eq!(
            judged("We do not say service user here.", "service user", &sense),
            None
        );
        assert_eq!(
            judged(
                "Avoid words such as addict, junkie or user.",
                "junkie",
                &sense
            ),
            None
        );
        // The same words in lower case in running prose are still findings.
        assert_eq!(
            judged(
                "She works with vulnerable adults.",
                "vulnerable adults",
                &sense
            ),
            Some(Confidence::Certain)
        );
        assert_eq!(
            judged("He is hard to reach, staff say.", "hard to reach", &sense),
            Some(Confidence::Certain)
        );
    }

    #[test]
    fn neighbour_conditions_read_the_words_next_to_the_match() {
        let sense = Sense {
            not_preceded_by: Neighbours {
                entries: vec![vec!["work".into()], vec!["in".into(), "rare".into()]],
            },
            not_followed_by: Neighbours {
                entries: vec![vec!["to".into()]],
            },
            ..Sense::default()
        };
        assert_eq!(
            judged("Her work placement ended.", "placement", &sense),
            None
        );
        assert_eq!(judged("Only in rare cases.", "cases", &sense), None);
        assert_eq!(
            judged("He is vulnerable to scams.", "vulnerable", &sense),
            None
        );
        assert_eq!(
            judged("Her placement ended.", "placement", &sense),
            Some(Confidence::Certain)
        );
    }
}
