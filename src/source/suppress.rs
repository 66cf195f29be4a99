//! Suppression comments: `reframe-disable`, `reframe-enable` and `reframe-disable-next-line`, each optionally
//! followed by rule ids, and Word's `reframe-ignore` comments.

/// What a suppression comment does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Silence from here to the next `reframe-enable` (or the end).
    Disable,
    /// End a `reframe-disable`.
    Enable,
    /// Silence the next line.
    NextLine,
    /// Silence the text a Word or OpenDocument comment is anchored on.
    Ignore,
}

/// Parses the text of a comment (without its `<!--` `-->`): the directive and the rule ids after it, or `None` if
/// it is not a reframe directive.
pub fn directive(text: &str) -> Option<(Kind, Vec<String>)> {
    let text = text.trim();
    let mut words = text.split(|c: char| c.is_whitespace() || c == ',');
    let kind = match words.next()? {
        "reframe-disable" => Kind::Disable,
        "reframe-enable" => Kind::Enable,
        "reframe-disable-next-line" => Kind::NextLine,
        "reframe-ignore" => Kind::Ignore,
        _ => return None,
    };
    let rules = words
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect();
    Some((kind, rules))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_directives_with_and_without_rule_ids() {
        assert_eq!(
            directive(" reframe-disable "),
            Some((Kind::Disable, vec![]))
        );
        assert_eq!(
            directive("reframe-disable-next-line service-user, chaotic"),
            Some((
                Kind::NextLine,
                vec!["service-user".to_string(), "chaotic".to_string()]
            ))
        );
        assert_eq!(
            directive("reframe-ignore quoting the policy").map(|d| d.0),
            Some(Kind::Ignore)
        );
        assert_eq!(directive("a note"), None);
        assert_eq!(directive("reframe-disabled"), None);
    }
}
