//! Markdown: the prose only, through pulldown-cmark's events and their offsets in the file.
//!
//! Checked: paragraphs, headings, list items, block quotes, table cells, link text and image alt text.
//! Not checked: fenced and indented code, inline code, link destinations and autolinks, bare URLs, HTML (tags and
//! comments), and front matter (`---` YAML or `+++` TOML at the top). Comments `<!-- reframe-disable [ids] -->`,
//! `<!-- reframe-enable -->` and `<!-- reframe-disable-next-line [ids] -->` silence findings.

use pulldown_cmark::{Event, LinkType, Options, Parser, Tag, TagEnd};

use super::suppress::{self, Kind};
use super::word_lists::WordLists;
use super::{BLOCK_BREAK, Document, SEPARATOR, Segment, SourceError, Suppression, plain};

/// Builds a segment's text piece by piece, keeping the map back to the original.
#[derive(Default)]
pub(crate) struct Builder {
    pub(crate) segment: Segment,
}

impl Builder {
    /// Appends `text`, found verbatim at `at` in the original.
    pub(crate) fn verbatim(&mut self, text: &str, at: usize) {
        let start = self.segment.text.len();
        self.segment.text.push_str(text);
        self.segment.map.verbatim(start, at, text.len());
    }

    /// Appends `text`, which stands for the original range `original`.
    pub(crate) fn replaced(&mut self, text: &str, original: std::ops::Range<usize>) {
        let start = self.segment.text.len();
        self.segment.text.push_str(text);
        self.segment.map.replaced(start, text.len(), original);
    }

    /// Ends a block, unless the text already ends with one.
    pub(crate) fn block_break(&mut self, at: usize) {
        if !self.segment.text.is_empty() && !self.segment.text.ends_with(BLOCK_BREAK) {
            self.replaced(BLOCK_BREAK, at..at);
        }
    }

    /// Appends prose found at `at`, with any URL in it replaced by a separator.
    pub(crate) fn prose(&mut self, text: &str, at: usize) {
        let mut rest = 0;
        for (start, end) in urls(text) {
            self.verbatim(&text[rest..start], at + rest);
            let mut sep = [0; 3];
            self.replaced(SEPARATOR.encode_utf8(&mut sep), at + start..at + end);
            rest = end;
        }
        self.verbatim(&text[rest..], at + rest);
    }
}

/// The byte ranges of what look like URLs (`http://`, `https://`, `www.`, `mailto:`) in `text`: from the prefix to
/// the first space, `)`, `>`, `]`, `"` or `<`. One pass over the text, however many URLs it holds.
fn urls(text: &str) -> Vec<(usize, usize)> {
    static URL: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(r#"(?:https?://|www\.|mailto:)[^\s)>\]"<]*"#).expect("a valid pattern")
    });
    URL.find_iter(text).map(|m| (m.start(), m.end())).collect()
}

/// Where suppression comments open and close while a segment is built.
#[derive(Default)]
pub(crate) struct Suppressions {
    open: Option<(usize, Vec<String>, std::ops::Range<usize>)>,
    next_line: Vec<(usize, Vec<String>, std::ops::Range<usize>)>,
    list: Vec<Suppression>,
}

impl Suppressions {
    /// Handles an HTML comment (`<!-- ... -->`) at `original` in the source, with the text built so far at
    /// `text_at`. Returns whether it was a directive.
    pub(crate) fn comment(
        &mut self,
        html: &str,
        original: std::ops::Range<usize>,
        text_at: usize,
    ) -> bool {
        let Some(inner) = html
            .trim()
            .strip_prefix("<!--")
            .and_then(|h| h.strip_suffix("-->"))
        else {
            return false;
        };
        let Some((kind, rules)) = suppress::directive(inner) else {
            return false;
        };
        match kind {
            Kind::Disable => self.open = Some((text_at, rules, original)),
            Kind::Enable => {
                if let Some((start, rules, comment)) = self.open.take() {
                    self.list.push(Suppression {
                        range: start..text_at,
                        rules,
                        comment,
                    });
                }
            }
            Kind::NextLine => {
                let after = original.start + html.rfind("-->").map_or(html.len(), |i| i + 3);
                self.next_line
                    .push((after.min(original.end), rules, original));
            }
            Kind::Ignore => return false,
        }
        true
    }

    /// The suppressions of a finished segment, with `source` the original text.
    pub(crate) fn finish(mut self, segment: &Segment, source: &str) -> Vec<Suppression> {
        if let Some((start, rules, comment)) = self.open.take() {
            self.list.push(Suppression {
                range: start..segment.text.len(),
                rules,
                comment,
            });
        }
        for (after, rules, comment) in self.next_line {
            // The next line is the line after the comment's line.
            let line_end = source[after..]
                .find('\n')
                .map_or(source.len(), |i| after + i + 1);
            let next_end = source[line_end..]
                .find('\n')
                .map_or(source.len(), |i| line_end + i);
            self.list.push(Suppression {
                range: segment.map.text_range(line_end..next_end),
                rules,
                comment,
            });
        }
        self.list.sort_by_key(|s| s.range.start);
        self.list
    }
}

/// Reads a Markdown file.
pub fn read(bytes: Vec<u8>) -> Result<Document, SourceError> {
    let (source, encoding, base) = plain::decode(&bytes)?;
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS
        | Options::ENABLE_PLUSES_DELIMITED_METADATA_BLOCKS;
    let mut out = Builder::default();
    let mut suppressions = Suppressions::default();
    let mut word_lists = WordLists::default();
    // Depth inside things whose text is not prose: code blocks, front matter, autolinks.
    let mut hidden = 0usize;
    for (event, range) in Parser::new_ext(&source, options).into_offset_iter() {
        match event {
            Event::Start(Tag::CodeBlock(_) | Tag::MetadataBlock(_)) => {
                hidden += 1;
                out.block_break(range.start);
            }
            Event::End(TagEnd::CodeBlock | TagEnd::MetadataBlock(_)) => {
                hidden = hidden.saturating_sub(1);
                out.block_break(range.end);
            }
            Event::Start(Tag::Link {
                link_type: LinkType::Autolink | LinkType::Email,
                ..
            }) => {
                hidden += 1;
                out.replaced("\u{FFFC}", range);
            }
            Event::End(TagEnd::Link) if hidden > 0 => hidden -= 1,
            Event::Text(text) if hidden == 0 => {
                if source.get(range.clone()) == Some(&*text) {
                    out.prose(&text, range.start);
                } else {
                    out.replaced(&text, range);
                }
            }
            Event::Code(_) | Event::InlineMath(_) | Event::DisplayMath(_) => {
                out.replaced("\u{FFFC}", range);
            }
            Event::SoftBreak | Event::HardBreak if hidden == 0 => out.replaced("\n", range),
            Event::Html(html) | Event::InlineHtml(html) => {
                // A tag between words joins them ("<b>service</b> user"); a comment may be a directive.
                suppressions.comment(&html, range, out.segment.text.len());
            }
            Event::Start(Tag::Heading { level, .. }) => {
                out.block_break(range.start);
                word_lists.start_heading(level as u8, out.segment.text.len());
            }
            Event::End(TagEnd::Heading(_)) => {
                word_lists.end_heading(&out.segment.text);
                out.block_break(range.end);
            }
            Event::Start(Tag::Table(_)) => word_lists.start_table(),
            Event::Start(Tag::TableHead) => word_lists.table_head(true),
            Event::End(TagEnd::TableHead) => word_lists.table_head(false),
            Event::Start(Tag::TableRow) => word_lists.start_row(),
            Event::Start(Tag::TableCell) => {
                out.block_break(range.start);
                word_lists.start_cell(out.segment.text.len());
            }
            Event::End(TagEnd::TableCell) => {
                word_lists.end_cell(&out.segment.text);
                out.block_break(range.end);
            }
            Event::Start(
                Tag::Paragraph
                | Tag::BlockQuote(_)
                | Tag::Item
                | Tag::FootnoteDefinition(_)
                | Tag::HtmlBlock,
            ) => out.block_break(range.start),
            Event::End(
                TagEnd::Paragraph
                | TagEnd::BlockQuote(_)
                | TagEnd::Item
                | TagEnd::FootnoteDefinition
                | TagEnd::HtmlBlock,
            )
            | Event::Rule => out.block_break(range.end),
            _ => {}
        }
    }
    let mut segment = out.segment;
    segment.suppressions = suppressions.finish(&segment, &source);
    segment.word_lists = word_lists.finish(segment.text.len());
    Ok(Document {
        original: Some(source),
        encoding,
        base,
        segments: vec![segment],
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn prose(markdown: &str) -> String {
        let doc = read(markdown.as_bytes().to_vec()).unwrap();
        doc.segments[0]
            .text
            .replace(BLOCK_BREAK, " | ")
            .replace(SEPARATOR, "#")
    }

    #[test]
    fn keeps_prose_and_drops_code_urls_and_front_matter() {
        let md = "---\ntitle: service user\n---\n# A *service* user\n\nSee [the service user page](https://x.org/service-user) \
                  and `service user` and https://service-user.org now.\n\n```\nservice user\n```\n\n    indented service user\n\n\
                  ![service user photo](a.png) <!-- service user -->\n";
        assert_eq!(
            prose(md),
            "A service user | See the service user page and # and # now. | service user photo  | "
        );
    }

    #[test]
    fn finds_the_wording_to_avoid_in_tables_and_sections() {
        let md = "| Instead of | Try |\n|---|---|\n| addict | person who uses drugs |\n\n\
                  Text.\n\n## Outdated terms\n\n- cripple\n\n### More\n\nlame\n\n## Next\n\nchaotic\n";
        let doc = read(md.as_bytes().to_vec()).unwrap();
        let seg = &doc.segments[0];
        let shown: Vec<String> = seg
            .word_lists
            .iter()
            .map(|r| {
                seg.text[r.clone()]
                    .replace(BLOCK_BREAK, "|")
                    .trim_matches('|')
                    .to_string()
            })
            .collect();
        assert_eq!(shown, ["addict", "cripple|More|lame"]);
        let at = |word: &str| {
            let start = seg.text.find(word).unwrap();
            start..start + word.len()
        };
        assert!(seg.in_word_list(&at("addict")));
        assert!(!seg.in_word_list(&at("person who uses")));
        assert!(seg.in_word_list(&at("lame")));
        assert!(!seg.in_word_list(&at("chaotic")));
    }

    #[test]
    fn maps_text_back_to_the_file() {
        let md = "> one **service**\n> user here\n";
        let doc = read(md.as_bytes().to_vec()).unwrap();
        let seg = &doc.segments[0];
        let at = seg.text.find("service").unwrap();
        let end = seg.text.find("user").unwrap() + 4;
        let range = seg.map.original_range(at..end);
        assert_eq!(&md[range], "service**\n> user");
    }

    #[test]
    fn reads_suppression_comments() {
        let md = "<!-- reframe-disable service-user -->\nA service user.\n<!-- reframe-enable -->\n\n\
                  <!-- reframe-disable-next-line -->\nchaotic\n\nchaotic again\n";
        let doc = read(md.as_bytes().to_vec()).unwrap();
        let seg = &doc.segments[0];
        let s = &seg.suppressions;
        assert_eq!(s.len(), 2);
        assert_eq!(s[0].rules, ["service-user"]);
        assert!(seg.text[s[0].range.clone()].contains("A service user."));
        assert_eq!(seg.text[s[1].range.clone()].trim(), "chaotic");
    }
}
