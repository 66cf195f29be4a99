//! The forms syntax of terms and suggestions: `(a|b|c)` picks one alternative, `(s)` is optional.
//!
//! ```
//! use reframe::rules::forms::Pattern;
//! let term = Pattern::parse("service user(s)").unwrap();
//! let forms: Vec<String> = term.expand().into_iter().map(|f| f.text).collect();
//! assert_eq!(forms, ["service user", "service users"]);
//!
//! // A suggestion's k-th group follows the alternative chosen in the term's k-th group.
//! let suggestion = Pattern::parse("(person|people) we support").unwrap();
//! assert_eq!(suggestion.render(&[1]), "people we support");
//! ```

/// One piece of a pattern.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Piece {
    Literal(String),
    Group(Vec<String>),
}

/// A parsed term or suggestion.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pattern {
    pieces: Vec<Piece>,
}

/// One expanded form of a pattern and the alternative it took in each group.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Form {
    /// The text of this form.
    pub text: String,
    /// For each group, in order, the index of the alternative taken.
    pub choices: Vec<usize>,
}

/// Why a pattern could not be parsed: a message and the byte offset in the pattern.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FormError {
    /// What is wrong.
    pub message: String,
    /// Byte offset in the pattern string.
    pub offset: usize,
}

/// The most forms one term may expand to, so that a typo cannot blow up the automaton.
pub const MAX_FORMS: usize = 256;

impl Pattern {
    /// Parses `source`. Groups may not nest; parentheses must balance.
    pub fn parse(source: &str) -> Result<Pattern, FormError> {
        let mut pieces = Vec::new();
        let mut literal = String::new();
        let mut chars = source.char_indices();
        while let Some((at, c)) = chars.next() {
            match c {
                '(' => {
                    let mut body = String::new();
                    let mut closed = false;
                    for (inner_at, inner) in chars.by_ref() {
                        match inner {
                            ')' => {
                                closed = true;
                                break;
                            }
                            '(' => {
                                return Err(FormError {
                                    message:
                                        "groups cannot nest: close the group before opening another"
                                            .into(),
                                    offset: inner_at,
                                });
                            }
                            _ => body.push(inner),
                        }
                    }
                    if !closed {
                        return Err(FormError {
                            message: "this group is not closed: add `)`".into(),
                            offset: at,
                        });
                    }
                    if !literal.is_empty() {
                        pieces.push(Piece::Literal(std::mem::take(&mut literal)));
                    }
                    let alternatives: Vec<String> = if body.contains('|') {
                        body.split('|').map(str::to_string).collect()
                    } else {
                        vec![String::new(), body]
                    };
                    pieces.push(Piece::Group(alternatives));
                }
                ')' => {
                    return Err(FormError {
                        message: "`)` without an opening `(`".into(),
                        offset: at,
                    });
                }
                _ => literal.push(c),
            }
        }
        if !literal.is_empty() {
            pieces.push(Piece::Literal(literal));
        }
        let pattern = Pattern { pieces };
        let count = pattern.form_count();
        if count > MAX_FORMS {
            return Err(FormError {
                message: format!("expands to {count} forms; at most {MAX_FORMS} are allowed"),
                offset: 0,
            });
        }
        Ok(pattern)
    }

    fn form_count(&self) -> usize {
        self.pieces
            .iter()
            .map(|p| match p {
                Piece::Literal(_) => 1,
                Piece::Group(alts) => alts.len(),
            })
            .fold(1usize, |acc, n| acc.saturating_mul(n))
    }

    /// Every form of the pattern, in order (the first alternative of each group first).
    pub fn expand(&self) -> Vec<Form> {
        let mut forms = vec![Form {
            text: String::new(),
            choices: Vec::new(),
        }];
        for piece in &self.pieces {
            match piece {
                Piece::Literal(text) => forms.iter_mut().for_each(|f| f.text.push_str(text)),
                Piece::Group(alternatives) => {
                    forms = forms
                        .into_iter()
                        .flat_map(|form| {
                            alternatives.iter().enumerate().map(move |(i, alt)| {
                                let mut next = form.clone();
                                next.text.push_str(alt);
                                next.choices.push(i);
                                next
                            })
                        })
                        .collect();
                }
            }
        }
        forms
    }

    /// The alternatives of each group, in order.
    fn groups(&self) -> Vec<&[String]> {
        self.pieces
            .iter()
            .filter_map(|p| match p {
                Piece::Group(alternatives) => Some(alternatives.as_slice()),
                Piece::Literal(_) => None,
            })
            .collect()
    }

    /// Whether this suggestion, put in place of the form of `term` that took `choices`, would drop words the
    /// form chose in an optional group of the term without a group of its own for them: "going through a lot" for
    /// "chaotic life" (the term `chaotic(| life| lives)`) would leave "a going through a lot" where "a chaotic
    /// life" stood. Suffixes ("user(s|)") are not words, and do not count.
    pub fn drops_optional_words(&self, term: &Pattern, choices: &[usize]) -> bool {
        let own = self.groups();
        term.groups().iter().enumerate().any(|(j, alternatives)| {
            let optional = alternatives.iter().any(String::is_empty);
            let chosen = choices
                .get(j)
                .and_then(|&c| alternatives.get(c))
                .map_or("", String::as_str);
            optional && chosen.starts_with(' ') && !own.contains(alternatives)
        })
    }

    /// Renders a suggestion for a form of `term` that took `choices`. A group with exactly the alternatives of a
    /// group of the term follows that group ("refuse(d|s) (help|support)" → "declined (help|support)"); other
    /// groups follow the term's groups by position, as in [`Pattern::render`].
    pub fn render_for(&self, term: &Pattern, choices: &[usize]) -> String {
        let term_groups = term.groups();
        let aligned: Vec<usize> = self
            .groups()
            .iter()
            .enumerate()
            .map(|(k, alternatives)| {
                let same = term_groups.iter().position(|g| g == alternatives);
                match same {
                    Some(j) => choices.get(j).copied().unwrap_or(0),
                    None => choices.get(k).or(choices.last()).copied().unwrap_or(0),
                }
            })
            .collect();
        self.render(&aligned)
    }

    /// Renders the pattern, taking in its k-th group the alternative `choices[k]`. Groups past the end of
    /// `choices` follow its last entry (so with a one-group term every group follows it); a group with fewer
    /// alternatives, or no `choices` at all, takes its first alternative.
    pub fn render(&self, choices: &[usize]) -> String {
        let mut out = String::new();
        let mut group = 0;
        for piece in &self.pieces {
            match piece {
                Piece::Literal(text) => out.push_str(text),
                Piece::Group(alternatives) => {
                    let pick = choices.get(group).or(choices.last()).copied().unwrap_or(0);
                    out.push_str(alternatives.get(pick).unwrap_or(&alternatives[0]));
                    group += 1;
                }
            }
        }
        // An empty alternative between two words leaves two spaces ("she (is|) clean"): keep one.
        let mut tidy = String::with_capacity(out.len());
        for c in out.trim().chars() {
            if !(c == ' ' && tidy.ends_with(' ')) {
                tidy.push(c);
            }
        }
        tidy
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_wording_without_the_terms_optional_words_drops_them() {
        let term = Pattern::parse("chaotic(| life| lives)").unwrap();
        let plain = Pattern::parse("going through a lot").unwrap();
        let slotted = Pattern::parse("unsettled(| life| lives)").unwrap();
        // "chaotic" took the empty alternative, "chaotic life" the second.
        assert!(!plain.drops_optional_words(&term, &[0]));
        assert!(plain.drops_optional_words(&term, &[1]));
        assert!(!slotted.drops_optional_words(&term, &[1]));
        // A suffix is not a word: "person we support" for "service users" drops nothing.
        let users = Pattern::parse("service user(s|)").unwrap();
        let person = Pattern::parse("person we support").unwrap();
        assert!(!person.drops_optional_words(&users, &[0]));
    }

    fn forms(source: &str) -> Vec<String> {
        Pattern::parse(source)
            .unwrap()
            .expand()
            .into_iter()
            .map(|f| f.text)
            .collect()
    }

    #[test]
    fn expands_groups_and_optional_suffixes() {
        assert_eq!(forms("addict"), ["addict"]);
        assert_eq!(forms("addict(s)"), ["addict", "addicts"]);
        assert_eq!(
            forms("fail(s|ed|ing|) to engage"),
            [
                "fails to engage",
                "failed to engage",
                "failing to engage",
                "fail to engage"
            ]
        );
        assert_eq!(
            forms("(refuse|refused) (help|support)"),
            [
                "refuse help",
                "refuse support",
                "refused help",
                "refused support"
            ]
        );
    }

    #[test]
    fn renders_suggestions_aligned_with_the_matched_form() {
        let term = Pattern::parse("service user(s)").unwrap();
        let suggestion = Pattern::parse("(person|people) we support").unwrap();
        let rendered: Vec<String> = term
            .expand()
            .iter()
            .map(|f| suggestion.render(&f.choices))
            .collect();
        assert_eq!(rendered, ["person we support", "people we support"]);
        // Fewer alternatives than the choice: the first alternative.
        assert_eq!(Pattern::parse("(a|b)").unwrap().render(&[5]), "a");
        // More groups than the term: the extra groups follow the term's last group.
        let both = Pattern::parse("(person|people) who use(s|)").unwrap();
        assert_eq!(both.render(&[0]), "person who uses");
        assert_eq!(both.render(&[1]), "people who use");
        assert_eq!(both.render(&[]), "person who uses");
        assert_eq!(Pattern::parse("plain").unwrap().render(&[1]), "plain");
        // An empty alternative between words leaves one space.
        assert_eq!(
            Pattern::parse("not (yet |)using").unwrap().render(&[1]),
            "not using"
        );
        assert_eq!(
            Pattern::parse("she (is|) well").unwrap().render(&[1]),
            "she well"
        );
    }

    #[test]
    fn rejects_broken_groups_with_their_offset() {
        assert_eq!(Pattern::parse("user(s").unwrap_err().offset, 4);
        assert_eq!(Pattern::parse("user)").unwrap_err().offset, 4);
        assert_eq!(Pattern::parse("a(b(c))").unwrap_err().offset, 3);
        let too_many = "(a|b|c|d)(a|b|c|d)(a|b|c|d)(a|b|c|d)(a|b)";
        assert!(
            Pattern::parse(too_many)
                .unwrap_err()
                .message
                .contains("512 forms")
        );
    }
}
