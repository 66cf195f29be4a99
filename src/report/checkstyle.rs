//! The Checkstyle XML format of `reframe check --format checkstyle`, read by Jenkins (Warnings NG), GitLab
//! (through converters) and reviewdog (`-f=checkstyle`).
//!
//! ```xml
//! <?xml version="1.0" encoding="UTF-8"?>
//! <checkstyle version="4.3">
//!   <file name="note.txt">
//!     <error line="1" column="8" severity="warning" message="“service user” ..." source="reframe.service-user"/>
//!   </file>
//! </checkstyle>
//! ```
//!
//! Severities are `error`, `warning` and `info`; columns count characters from 1. Every checked file is listed,
//! with or without findings, so that tools can clear old results.

use std::io::{self, Write};

use super::message_with_suggestions;
use crate::rules::RuleSet;
use crate::scan::check::{FileReport, Outcome};

/// Escapes text for an XML attribute value; characters XML 1.0 cannot hold become U+FFFD.
pub(crate) fn escape_xml(value: &str) -> String {
    let mut escaped = String::with_capacity(value.len());
    for c in value.chars() {
        match c {
            '&' => escaped.push_str("&amp;"),
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            '"' => escaped.push_str("&quot;"),
            '\'' => escaped.push_str("&apos;"),
            '\n' => escaped.push_str("&#10;"),
            '\r' => escaped.push_str("&#13;"),
            '\t' => escaped.push_str("&#9;"),
            c if (c as u32) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => {
                escaped.push('\u{FFFD}')
            }
            c => escaped.push(c),
        }
    }
    escaped
}

pub(super) fn write(
    reports: &[FileReport],
    rules: &RuleSet,
    out: &mut dyn Write,
) -> io::Result<()> {
    writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    writeln!(out, r#"<checkstyle version="4.3">"#)?;
    for report in reports {
        let Outcome::Checked(findings) = &report.outcome else {
            continue;
        };
        if findings.is_empty() {
            writeln!(out, r#"  <file name="{}"/>"#, escape_xml(&report.path))?;
            continue;
        }
        writeln!(out, r#"  <file name="{}">"#, escape_xml(&report.path))?;
        for f in findings {
            let message = message_with_suggestions(f);
            writeln!(
                out,
                r#"    <error line="{}" column="{}" severity="{}" message="{}" source="reframe.{}"/>"#,
                f.line,
                f.column,
                f.severity.as_str(),
                escape_xml(&message),
                escape_xml(&rules.rules[f.rule].id),
            )?;
        }
        writeln!(out, "  </file>")?;
    }
    writeln!(out, "</checkstyle>")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_quotes_and_control_characters() {
        assert_eq!(
            escape_xml("<a href=\"x\">Tom & 'Jo'</a>\n\u{1}"),
            "&lt;a href=&quot;x&quot;&gt;Tom &amp; &apos;Jo&apos;&lt;/a&gt;&#10;\u{FFFD}"
        );
    }
}
