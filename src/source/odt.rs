//! OpenDocument text (.odt, what LibreOffice saves): paragraphs and headings with their spans, tables, notes,
//! text boxes, and headers and footers (from styles.xml).
//!
//! As in Word documents, each paragraph is one segment, its text joined across spans. Tracked changes keep deleted
//! text apart (`text:tracked-changes`), so it is not read; inserted text is. Comments (`office:annotation`) are
//! not checked; one whose text starts with `reframe-ignore` silences the text it is anchored on (or, with no
//! range, its paragraph).

use std::collections::BTreeMap;

use quick_xml::events::BytesStart;

use super::suppress::{self, Kind};
use super::xml::{Step, attribute, walk_outside};
use super::zipped::Archive;
use super::{Document, Limits, Segment, SourceError, Suppression};

/// Elements whose text is not the document's current text.
const SKIPPED: &[&str] = &["text:tracked-changes", "text:note-citation"];

/// Reads an OpenDocument text.
pub fn read(bytes: &[u8], limits: &Limits) -> Result<Document, SourceError> {
    let mut archive = Archive::open(bytes, limits, "OpenDocument text (.odt)")?;
    if archive
        .part("META-INF/manifest.xml")?
        .is_some_and(|m| m.contains("encryption-data"))
    {
        return Err(SourceError::Document(
            "it is encrypted (password-protected); save it without a password to check it".into(),
        ));
    }
    let Some(content) = archive.part("content.xml")? else {
        return Err(SourceError::Document(
            "not an OpenDocument text: it has no content.xml (is it another kind of file renamed .odt?)"
                .into(),
        ));
    };
    let mut segments = Vec::new();
    Paragraphs::new(false).read(&content, "content.xml", limits, &mut segments)?;
    if let Some(styles) = archive.part("styles.xml")? {
        Paragraphs::new(true).read(&styles, "styles.xml", limits, &mut segments)?;
    }
    Ok(Document {
        segments,
        ..Document::default()
    })
}

struct Open {
    text: String,
    location: String,
    suppressions: Vec<Suppression>,
}

struct Annotation {
    name: Option<String>,
    text: String,
    at: usize,
    /// Inside one of the annotation's paragraphs (its author and date are not its text).
    in_paragraph: bool,
}

struct Paragraphs {
    /// Reading styles.xml: only headers and footers hold text.
    styles: bool,
    /// In styles.xml, the header or footer being read.
    page_part: Option<String>,
    page_parts: BTreeMap<&'static str, usize>,
    count: usize,
    stack: Vec<Open>,
    tables: super::Tables,
    /// Notes being read: their label, and the paragraph count outside them.
    notes: Vec<(String, usize)>,
    note_count: BTreeMap<String, usize>,
    frames: usize,
    annotation: Option<Annotation>,
    /// Ignore annotations whose range is open: name to (start in the innermost paragraph, rule ids).
    open_ignores: BTreeMap<String, (usize, Vec<String>)>,
}

impl Paragraphs {
    fn new(styles: bool) -> Self {
        Paragraphs {
            styles,
            page_part: None,
            page_parts: BTreeMap::new(),
            count: 0,
            stack: Vec::new(),
            tables: super::Tables::default(),
            notes: Vec::new(),
            note_count: BTreeMap::new(),
            frames: 0,
            annotation: None,
            open_ignores: BTreeMap::new(),
        }
    }

    fn location(&self) -> String {
        let mut label = String::new();
        if let Some(part) = &self.page_part {
            label.push_str(part);
            label.push_str(", ");
        }
        if let Some((note, _)) = self.notes.last() {
            label.push_str(note);
            label.push_str(", ");
        }
        if self.frames > 0 {
            label.push_str("text box, ");
        }
        label.push_str(&format!("paragraph {}", self.count));
        label.push_str(&self.tables.label());
        label
    }

    fn push(&mut self, text: &str) {
        if let Some(a) = &mut self.annotation {
            if a.in_paragraph {
                a.text.push_str(text);
            }
        } else if let Some(open) = self.stack.last_mut() {
            open.text.push_str(text);
        }
    }

    fn read(
        mut self,
        xml: &str,
        part: &str,
        limits: &Limits,
        segments: &mut Vec<Segment>,
    ) -> Result<(), SourceError> {
        walk_outside(xml, part, limits, SKIPPED, |step| {
            match step {
                Step::Start(
                    kind @ ("style:header" | "style:footer" | "style:header-left"
                    | "style:footer-left" | "style:header-first" | "style:footer-first"),
                    _,
                ) => self.start_page_part(kind),
                Step::End(
                    "style:header" | "style:footer" | "style:header-left" | "style:footer-left"
                    | "style:header-first" | "style:footer-first",
                ) => {
                    self.page_part = None;
                }
                _ if self.styles && self.page_part.is_none() => {}
                Step::Start("office:annotation", e) => self.start_annotation(e),
                Step::End("office:annotation") => self.end_annotation(),
                Step::Start("office:annotation-end", e) => self.annotation_end(e),
                Step::Start("text:p" | "text:h", _) if self.annotation.is_some() => {
                    if let Some(a) = &mut self.annotation {
                        a.in_paragraph = true;
                        a.text.push(' ');
                    }
                }
                Step::End("text:p" | "text:h") if self.annotation.is_some() => {
                    if let Some(a) = &mut self.annotation {
                        a.in_paragraph = false;
                    }
                }
                Step::Start("text:p" | "text:h", _) => self.start_paragraph(),
                Step::End("text:p" | "text:h") => self.end_paragraph(segments),
                Step::Start("table:table", _) => self.tables.start_table(),
                Step::End("table:table") => self.tables.end_table(),
                Step::Start("table:table-row", _) => self.tables.start_row(),
                Step::Start("table:table-cell" | "table:covered-table-cell", _) => {
                    self.tables.start_cell()
                }
                Step::Start("text:note", e) => self.start_note(e),
                Step::End("text:note") => {
                    if let Some((_, count)) = self.notes.pop() {
                        self.count = count;
                    }
                }
                Step::Start("draw:text-box", _) => self.frames += 1,
                Step::End("draw:text-box") => self.frames = self.frames.saturating_sub(1),
                Step::Start("text:s", e) => {
                    let n: usize = attribute(e, "text:c")
                        .and_then(|c| c.parse().ok())
                        .unwrap_or(1);
                    self.push(&" ".repeat(n.min(1000)));
                }
                Step::Start("text:tab", _) => self.push("\t"),
                Step::Start("text:line-break", _) => self.push("\n"),
                Step::Text(t) => self.push(t),
                _ => {}
            }
            Ok(())
        })
    }

    /// Takes the name of a header or footer element; numbers it and starts counting its paragraphs.
    fn start_page_part(&mut self, kind: &str) {
        let word = if kind.contains("header") {
            "header"
        } else {
            "footer"
        };
        let n = self.page_parts.entry(word).or_default();
        *n += 1;
        self.page_part = Some(format!("{word} {n}"));
        self.count = 0;
    }

    /// Takes an `office:annotation` element; starts reading the annotation, anchored where the paragraph is.
    fn start_annotation(&mut self, e: &BytesStart) {
        let at = self.stack.last().map_or(0, |o| o.text.len());
        self.annotation = Some(Annotation {
            name: attribute(e, "office:name"),
            text: String::new(),
            at,
            in_paragraph: false,
        });
    }

    /// Opens a paragraph: counts it and records where it is.
    fn start_paragraph(&mut self) {
        self.count += 1;
        let location = self.location();
        self.stack.push(Open {
            text: String::new(),
            location,
            suppressions: Vec::new(),
        });
    }

    /// Closes the annotation being read; an ignore directive opens a range (named) or silences the paragraph.
    fn end_annotation(&mut self) {
        let Some(annotation) = self.annotation.take() else {
            return;
        };
        if let Some((Kind::Ignore, rules)) = suppress::directive(&annotation.text) {
            match annotation.name {
                Some(name) => {
                    self.open_ignores.insert(name, (annotation.at, rules));
                }
                None => {
                    if let Some(open) = self.stack.last_mut() {
                        open.suppressions.push(Suppression {
                            range: 0..usize::MAX,
                            rules,
                            comment: annotation.at..annotation.at,
                        });
                    }
                }
            }
        }
    }

    /// Takes an `office:annotation-end` element; closes the ignore range it names, if one is open.
    fn annotation_end(&mut self, e: &BytesStart) {
        if let Some(name) = attribute(e, "office:name")
            && let Some((start, rules)) = self.open_ignores.remove(&name)
            && let Some(open) = self.stack.last_mut()
        {
            open.suppressions.push(Suppression {
                range: start..open.text.len(),
                rules,
                comment: start..open.text.len(),
            });
        }
    }

    /// Closes the innermost paragraph: open ignore ranges run to its end, and its text, if any, becomes a segment.
    fn end_paragraph(&mut self, segments: &mut Vec<Segment>) {
        if let Some(mut open) = self.stack.pop() {
            for (start, rules) in self.open_ignores.values_mut() {
                open.suppressions.push(Suppression {
                    range: *start..open.text.len(),
                    rules: rules.clone(),
                    comment: *start..open.text.len(),
                });
                *start = 0;
            }
            let len = open.text.len();
            for s in &mut open.suppressions {
                s.range.end = s.range.end.min(len);
            }
            if !open.text.trim().is_empty() {
                segments.push(Segment::paragraph(
                    open.text,
                    open.location,
                    open.suppressions,
                ));
            }
        }
    }

    /// Takes a `text:note` element; labels the note by its class and number and counts its paragraphs apart.
    fn start_note(&mut self, e: &BytesStart) {
        let class = attribute(e, "text:note-class").unwrap_or_else(|| "footnote".into());
        let n = self.note_count.entry(class.clone()).or_default();
        *n += 1;
        let label = format!("{class} {n}");
        self.notes.push((label, self.count));
        self.count = 0;
    }
}
