//! Mentions: a match talked about as a word (after "we do not say", "avoid using", "the term", in a list such
//! words introduce, or heading a glossary entry) is not a finding.

use super::words::OBJECTS;
use super::{Candidate, ceil_char_boundary, floor_char_boundary, tokens_before};

/// Phrases that talk about words: a match right after one (or in the list one introduces) is a mention.
pub(super) const MENTION_TRIGGERS: &[&[&str]] = &[
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
    &["term", ","],
    &["say", "someone", "is"],
    &["say", "someone", "is", "a"],
    &["say", "someone", "is", "an"],
    &["call", "someone"],
    &["call", "someone", "a"],
    &["call", "someone", "an"],
    &["calling", "someone"],
    &["calling", "someone", "a"],
    &["calling", "someone", "an"],
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
    &["called"],
    &["known", "as"],
    &["referred", "to", "as"],
    &["definition", "of"],
    &["definition", "of", "a"],
    &["definition", "of", "an"],
    &["stigmatizing", "people", "as"],
    &["stigmatising", "people", "as"],
    &["labelling", "people", "as"],
    &["labeling", "people", "as"],
    &["describing", "them", "as"],
    &["describing", "them", "as", "a"],
    &["describing", "them", "as", "an"],
    &["describing", "people", "as"],
    &["describing", "someone", "as"],
    &["describing", "someone", "as", "a"],
    &["describing", "someone", "as", "an"],
];

/// Words that make a preceding trigger about words: "words such as", "terms like", "do not use".
pub(super) const MENTION_CONTEXT: &[&str] = &[
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
    "considerate",
    "inconsiderate",
    "list",
    "stereotype",
    "stereotypes",
    "stereotyping",
    "stereotyped",
];

/// Whether the match heads a glossary or A\u{2013}Z entry: it starts its line (after a bullet or number) and a
/// dash follows it ("Abscond \u{2013} run away; go missing").
pub(super) fn is_headword(candidate: &Candidate) -> bool {
    let text = candidate.original;
    let range = &candidate.original_range;
    // A headword starts its line after at most 12 bytes of bullet or number: look no further back than that.
    let from = ceil_char_boundary(text, range.start.saturating_sub(13));
    let line_start = text[from..range.start]
        .rfind('\n')
        .map_or(from, |i| from + i + 1);
    let lead = &text[line_start..range.start];
    if (line_start == from && from > 0)
        || lead.len() > 12
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
    // Or an equals sign, as a glossary of equivalents writes: "Drug abuse = drug misuse".
    rest.starts_with(['\u{2013}', '\u{2014}', '=']) || rest.starts_with("- ")
}

/// Words after a match that show the sentence is about the word: "X is a term ...", "X has become a catchall
/// term", "X implies feebleness", "X is commonly used as an adjective".
const ABOUT_THE_WORD: &[&str] = &[
    "term",
    "terms",
    "word",
    "words",
    "phrase",
    "expression",
    "connotation",
    "connotations",
];

/// Whether the words after the match talk about it as a word: a verb, then within five words a word about words
/// after an article ("is a term", "has become a catchall term") or "used as/in/to describe" ("can also be used in a derogatory manner"), or
/// "implies"; or the match is in backticks (`` `alcoholic` ``), as a word shown, not used.
pub(super) fn talked_about_after(candidate: &Candidate) -> bool {
    let text = candidate.original;
    let range = &candidate.original_range;
    if in_backticks(text, range) {
        return true;
    }
    let norm = candidate.norm;
    let to = floor_char_boundary(norm, candidate.end.saturating_add(80).min(norm.len()));
    let after = &norm[candidate.end..to];
    let clause = after
        .split(['.', '!', '?', ':', ';', ',', '('])
        .next()
        .unwrap_or("");
    let words: Vec<&str> = clause
        .split(' ')
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
        .filter(|w| !w.is_empty())
        .take(6)
        .collect();
    let Some(first) = words.first() else {
        return false;
    };
    if matches!(*first, "implies" | "imply" | "connotes") {
        return true;
    }
    if !matches!(
        *first,
        "is" | "are" | "was" | "has" | "have" | "can" | "should" | "may" | "might"
    ) {
        return false;
    }
    // "a ... term": a word about words after an article ("the summer term" is a school's).
    let about_the_word = words
        .iter()
        .position(|w| matches!(*w, "a" | "an"))
        .is_some_and(|article| {
            words[article + 1..]
                .iter()
                .any(|w| ABOUT_THE_WORD.contains(w))
        });
    // "X can be difficult to define", "X is defined as": a sentence about what the words mean.
    let defines = words
        .iter()
        .any(|w| matches!(*w, "define" | "defined" | "defines"));
    about_the_word
        || defines
        || words.windows(3).any(|w| {
            w[0] == "used"
                && (matches!(w[1], "as" | "in" | "about")
                    || (w[1] == "to" && matches!(w[2], "describe" | "refer" | "mean" | "label")))
        })
}

/// Whether the match is inside a code span on one line: `` `alcoholic` ``, `` `handicapped-parking` ``.
fn in_backticks(text: &str, range: &std::ops::Range<usize>) -> bool {
    // A code span holding a word is short: read 100 bytes either side at most, so the check stays local.
    let from = ceil_char_boundary(text, range.start.saturating_sub(100));
    let to = floor_char_boundary(text, range.end.saturating_add(100).min(text.len()));
    let before = text[from..range.start].rsplit('\n').next().unwrap_or("");
    let after = text[range.end..to].split('\n').next().unwrap_or("");
    // An odd number of backticks before the match on its line opens a span that one after it closes.
    before.matches('`').count() % 2 == 1 && after.contains('`')
}

/// Whether the match is talked about as a word: right after a trigger ("we do not say X", "avoid X", "terms
/// such as X"), or an item of the list a trigger introduces ("words such as addict, junkie or X").
pub(super) fn is_mention(candidate: &Candidate) -> bool {
    let tokens = tokens_before(candidate.norm, candidate.start, 24);
    let mut items = 0;
    // Words since the last list separator: a list item (or the match's own modifiers) is at most three words,
    // so a trigger further back belongs to another clause ("the language we use ... towards homeless people").
    let mut words_in_item = 0;
    for (i, token) in tokens.iter().enumerate() {
        if items > 6 || words_in_item > 3 {
            return false;
        }
        if let Some(trigger) = trigger_at(&tokens[i..])
            && (i == 0 || !ADJACENT_ONLY.contains(&trigger[0]))
        {
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

/// Words right before "called" that make it about the words: "commonly called X", "previously called X".
const CALLED_CONTEXT: &[&str] = &["commonly", "previously", "formerly", "often", "usually"];

/// Triggers that make a mention only right before the match: "commonly called going AWOL" talks about the words,
/// "called him a cripple" reports them said to a person.
const ADJACENT_ONLY: &[&str] = &["called", "known", "referred", "definition"];

/// The mention trigger the tokens (nearest first) start with, if any.
pub(super) fn trigger_at(tokens: &[&str]) -> Option<&'static [&'static str]> {
    MENTION_TRIGGERS.iter().copied().find(|trigger| {
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
        // "called X" talks about the words only after "commonly", "previously" and the like: "she was called
        // aggressive" and "so-called X" (as often the writer's own scare quote) do not.
        if trigger[0] == "called" {
            return tokens.get(1).is_some_and(|w| CALLED_CONTEXT.contains(w));
        }
        // "describe him as X" is said of a person; "describing people as X" talks about the words.
        if trigger[0] == "as" && tokens.get(1).is_some_and(|w| OBJECTS.contains(w)) {
            return false;
        }
        // "say someone is X" talks about the words on its own; a bare "say" needs a word about words.
        let bare = trigger.len() == 1 || matches!(trigger[0], "like" | "as" | "such" | "not");
        !(needs_context && bare)
            || tokens[trigger.len()..]
                .iter()
                .take(10)
                .any(|w| MENTION_CONTEXT.contains(w))
    })
}

/// Whether the match is an item of a line that lists terms side by side, separated by slashes, as a glossary
/// or a "we say / we do not say" table row does ("Kicking off / Challenging behaviour / Tantrum"): a short line
/// of at least three short items and no sentence.
pub(super) fn in_a_term_list(candidate: &Candidate) -> bool {
    const MAX_LINE: usize = 160;
    let text = candidate.original;
    let range = &candidate.original_range;
    let from = ceil_char_boundary(text, range.start.saturating_sub(MAX_LINE));
    let to = floor_char_boundary(text, range.end.saturating_add(MAX_LINE).min(text.len()));
    let line_start = text[from..range.start].rfind('\n').map(|i| from + i + 1);
    let line_end = text[range.end..to].find('\n').map(|i| range.end + i);
    let (Some(line_start), Some(line_end)) = (
        line_start.or((from == 0).then_some(0)),
        line_end.or((to == text.len()).then_some(to)),
    ) else {
        // The line is longer than a list of terms.
        return false;
    };
    let line = text[line_start..line_end].trim();
    if line.len() > MAX_LINE || line.ends_with(['.', '!', '?']) {
        return false;
    }
    let items: Vec<&str> = line.split('/').map(str::trim).collect();
    items.len() >= 3
        && items
            .iter()
            .all(|item| !item.is_empty() && item.split_whitespace().count() <= 4)
}

/// Words right before a quoted phrase that make the quotation a word talked about: "saying \u{201C}homeless
/// person\u{201D}", "references to \u{201C}mental retardation\u{201D}", "what I mean by \u{201C}severe\u{201D}".
const BEFORE_A_QUOTED_TERM: &[&str] = &[
    // Not "called": "so-called \u{2018}revolving door offenders\u{2019}" is the writer's own scare quote.
    "as", "avoid", "by", "call", "calling", "calls", "label", "labelled", "labeled", "labels",
    "like", "mean", "phrase", "phrases", "said", "say", "saying", "says", "term", "terms", "than",
    "to", "use", "using", "word", "words",
];

/// Whether the quotation `regions[index]` (of `text`, the marks included), which holds only a flagged phrase,
/// shows the phrase as a word talked about rather than a scare quote: a naming word right before it
/// ("saying \u{201C}homeless person\u{201D}"), or another short quotation beside it, joined by a comma, a slash,
/// "and" or "or" (\u{2018}mad\u{2019} and \u{2018}sane\u{2019}; \u{201C}non-compliant,\u{201D}
/// \u{201C}aggressive\u{201D}).
pub fn quoted_term_is_mention(
    text: &str,
    regions: &[std::ops::Range<usize>],
    index: usize,
) -> bool {
    let short = |r: &std::ops::Range<usize>| text[r.clone()].split_whitespace().count() <= 4;
    let joined = |between: &str| {
        between.len() <= 12
            && between
                .split(|c: char| c == ',' || c == '/' || c.is_whitespace())
                .filter(|w| !w.is_empty())
                .all(|w| matches!(w.to_lowercase().as_str(), "and" | "or" | "nor"))
    };
    let region = &regions[index];
    let beside_before = index > 0
        && short(&regions[index - 1])
        && joined(&text[regions[index - 1].end..region.start]);
    let beside_after = regions.get(index + 1).is_some_and(|next| {
        short(next) && next.start >= region.end && joined(&text[region.end..next.start])
    });
    if beside_before || beside_after {
        return true;
    }
    let before = tokens_before(text, region.start, 2);
    let lower: Vec<String> = before.iter().map(|w| w.to_lowercase()).collect();
    // "He called them \u{2018}scrotes\u{2019}": a name given to a person, quoted as said.
    let naming_a_person = lower.len() == 2
        && OBJECTS.contains(&lower[0].as_str())
        && NAMING_VERBS.contains(&lower[1].as_str());
    naming_a_person
        || lower
            .first()
            .is_some_and(|w| BEFORE_A_QUOTED_TERM.contains(&w.as_str()))
}

/// Verbs that report a name someone was given: "called them \u{2018}X\u{2019}", "branded her \u{2018}X\u{2019}".
/// Past forms only: "staff call her \u{2018}hard to reach\u{2019}" tells of a label still in use, worth a look.
const NAMING_VERBS: &[&str] = &[
    "called",
    "labelled",
    "labeled",
    "named",
    "nicknamed",
    "dubbed",
    "branded",
];

/// Phrases that announce wording to avoid: a flagged phrase after one of them in the same sentence is an item of
/// the list it introduces, however long ("Terms to avoid include victim of, crippled by, suffering from (prefer
/// person who has); wheelchair bound, ...").
const AVOID_CUES: &[&str] = &[
    "terms to avoid",
    "words to avoid",
    "phrases to avoid",
    "language to avoid",
    "terms we avoid",
    "words we avoid",
    "terms not to use",
    "words not to use",
    "outdated terms",
    "outdated language",
    "offensive terms",
    "stigmatising terms",
    "stigmatizing terms",
    "stigmatising language",
    "stigmatizing language",
    "instead of saying",
    "do not say",
    "don't say",
    "we don't use",
    "we do not use",
];

/// Labels that open a line showing wording to avoid: "Original: She's wheelchair bound.", "Incorrect: John, a
/// diabetic", "\u{D7} Wheelchair-bound".
const AVOID_LINE_MARKERS: &[&str] = &[
    "original:",
    "incorrect:",
    "wrong:",
    "avoid:",
    "don't:",
    "do not:",
    "don't say:",
    "not:",
    "instead of:",
    "\u{D7}",
    "\u{2717}",
    "\u{2718}",
    "\u{274C}",
];

/// Whether the match stands in a line opened by a label for wording to avoid, or after a phrase that announces
/// such wording in the same sentence.
pub(super) fn after_an_avoid_cue(candidate: &Candidate) -> bool {
    const MAX_BACK: usize = 600;
    let text = candidate.original;
    let start = candidate.original_range.start;
    let from = ceil_char_boundary(text, start.saturating_sub(MAX_BACK));
    let line = match text[from..start].rfind('\n') {
        Some(i) => &text[from + i + 1..start],
        None => &text[from..start],
    };
    let opening = line
        .trim_start_matches(|c: char| c.is_whitespace() || "-*\u{2022}#>|".contains(c))
        .replace('\u{2019}', "'")
        .to_lowercase();
    if AVOID_LINE_MARKERS.iter().any(|m| opening.starts_with(m)) {
        return true;
    }
    // The sentence so far: from the last full stop, question or exclamation mark followed by a space.
    let sentence = opening
        .rmatch_indices(['.', '!', '?'])
        .find(|(i, _)| opening[i + 1..].starts_with(' '))
        .map_or(opening.as_str(), |(i, _)| &opening[i + 1..]);
    AVOID_CUES.iter().any(|cue| sentence.contains(cue))
}
