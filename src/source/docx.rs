//! Word documents (.docx): the body, tables, headers and footers, footnotes and endnotes, and text boxes.
//!
//! Each paragraph is one segment, its text joined from all its runs, so a phrase split across runs (bold on one
//! word, a spell-check mark or a revision boundary in the middle) is found. Tracked insertions are read as text;
//! tracked deletions (and moved-from text) are not. Comments are not checked; a comment whose text starts with
//! `reframe-ignore` (optionally followed by rule ids) silences the text it is anchored on. Field codes and the
//! fallback copies of text boxes that Word keeps for old readers are skipped.

use std::collections::BTreeMap;

use quick_xml::events::BytesStart;

use super::suppress::{self, Kind};
use super::xml::{Step, attribute, walk, walk_outside};
use super::zipped::Archive;
use super::{Document, Limits, Segment, SourceError, Suppression};

/// Elements whose text is not the document's current text.
const SKIPPED: &[&str] = &[
    "w:del",
    "w:moveFrom",
    "mc:Fallback",
    "w:instrText",
    "w:delText",
];

/// Reads a Word document.
pub fn read(bytes: &[u8], limits: &Limits) -> Result<Document, SourceError> {
    let mut archive = Archive::open(bytes, limits, "Word document (.docx)")?;
    let Some(body) = archive.part("word/document.xml")? else {
        return Err(SourceError::Document(
            "not a Word document: it has no word/document.xml (is it another kind of file renamed .docx?)"
                .into(),
        ));
    };
    let ignores = match archive.part("word/comments.xml")? {
        Some(xml) => ignore_comments(&xml, limits)?,
        None => BTreeMap::new(),
    };
    let mut segments = Vec::new();
    Paragraphs::new("", &ignores).read(&body, "word/document.xml", limits, &mut segments)?;
    let mut names = archive.names();
    names.sort_by_key(|n| (n.len(), n.clone()));
    for (prefix, kind) in [("word/header", "header"), ("word/footer", "footer")] {
        let mut count = 0;
        for name in names
            .iter()
            .filter(|n| n.starts_with(prefix) && n.ends_with(".xml"))
        {
            count += 1;
            if let Some(xml) = archive.part(name)? {
                Paragraphs::new(&format!("{kind} {count}, "), &ignores).read(
                    &xml,
                    name,
                    limits,
                    &mut segments,
                )?;
            }
        }
    }
    for name in ["word/footnotes.xml", "word/endnotes.xml"] {
        if let Some(xml) = archive.part(name)? {
            Paragraphs::new("", &ignores).read(&xml, name, limits, &mut segments)?;
        }
    }
    Ok(Document {
        segments,
        ..Document::default()
    })
}

/// The comments whose text starts with `reframe-ignore`: comment id to the rule ids they name.
fn ignore_comments(
    xml: &str,
    limits: &Limits,
) -> Result<BTreeMap<String, Vec<String>>, SourceError> {
    let mut comments = BTreeMap::new();
    let mut current: Option<(String, String)> = None;
    let mut in_text = false;
    walk(xml, "word/comments.xml", limits, |step| {
        match step {
            Step::Start("w:comment", e) => {
                current = Some((attribute(e, "w:id").unwrap_or_default(), String::new()));
            }
            Step::Start("w:t", _) => in_text = true,
            Step::End("w:t") => in_text = false,
            Step::Start("w:p", _) => {
                if let Some((_, text)) = &mut current {
                    text.push(' ');
                }
            }
            Step::Text(t) if in_text => {
                if let Some((_, text)) = &mut current {
                    text.push_str(t);
                }
            }
            Step::End("w:comment") => {
                if let Some((id, text)) = current.take()
                    && let Some((Kind::Ignore, rules)) = suppress::directive(&text)
                {
                    comments.insert(id, rules);
                }
            }
            _ => {}
        }
        Ok(())
    })?;
    Ok(comments)
}

/// A paragraph being read.
struct Open {
    text: String,
    location: String,
    suppressions: Vec<Suppression>,
}

/// Reads the paragraphs of one part.
struct Paragraphs<'a> {
    prefix: String,
    ignores: &'a BTreeMap<String, Vec<String>>,
    count: usize,
    stack: Vec<Open>,
    /// Tables being read: number, row, cell.
    tables: super::Tables,
    note: Option<String>,
    notes: usize,
    in_text: bool,
    /// Inside a run (`w:tab` elsewhere is a tab stop's definition, not a tab).
    in_run: usize,
    /// Ignore comments whose range is open: id to the offset in the innermost paragraph where it starts.
    open_ignores: BTreeMap<String, usize>,
}

impl<'a> Paragraphs<'a> {
    fn new(prefix: &str, ignores: &'a BTreeMap<String, Vec<String>>) -> Self {
        Paragraphs {
            prefix: prefix.to_string(),
            ignores,
            count: 0,
            stack: Vec::new(),
            tables: super::Tables::default(),
            note: None,
            notes: 0,
            in_text: false,
            in_run: 0,
            open_ignores: BTreeMap::new(),
        }
    }

    fn location(&self) -> String {
        let mut label = self.prefix.clone();
        if let Some(note) = &self.note {
            label.push_str(note);
            label.push_str(", ");
        }
        if !self.stack.is_empty() {
            label.push_str("text box, ");
        }
        label.push_str(&format!("paragraph {}", self.count));
        label.push_str(&self.tables.label());
        label
    }

    fn push(&mut self, text: &str) {
        if let Some(open) = self.stack.last_mut() {
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
                Step::Start("w:p", _) => self.start_paragraph(),
                Step::End("w:p") => self.end_paragraph(segments),
                Step::Start("w:tbl", _) => self.tables.start_table(),
                Step::End("w:tbl") => self.tables.end_table(),
                Step::Start("w:tr", _) => self.tables.start_row(),
                Step::Start("w:tc", _) => self.tables.start_cell(),
                Step::Start(kind @ ("w:footnote" | "w:endnote"), e) => self.start_note(kind, e),
                Step::End("w:footnote" | "w:endnote") => self.note = None,
                Step::Start("w:t", _) => self.in_text = true,
                Step::End("w:t") => self.in_text = false,
                Step::Text(t) if self.in_text => self.push(t),
                Step::Start("w:r", _) => self.in_run += 1,
                Step::End("w:r") => self.in_run = self.in_run.saturating_sub(1),
                Step::Start("w:tab" | "w:ptab", _) if self.in_run > 0 => self.push("\t"),
                Step::Start("w:br" | "w:cr", _) if self.in_run > 0 => self.push("\n"),
                Step::Start("w:noBreakHyphen", _) if self.in_run > 0 => self.push("-"),
                Step::Start("w:commentRangeStart", e) => {
                    if let Some(id) =
                        attribute(e, "w:id").filter(|id| self.ignores.contains_key(id))
                    {
                        let at = self.stack.last().map_or(0, |o| o.text.len());
                        self.open_ignores.insert(id, at);
                    }
                }
                Step::Start("w:commentRangeEnd", e) => self.comment_range_end(e),
                _ => {}
            }
            Ok(())
        })
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

    /// Closes the innermost paragraph: open ignore ranges run to its end, and its text, if any, becomes a segment.
    fn end_paragraph(&mut self, segments: &mut Vec<Segment>) {
        if let Some(mut open) = self.stack.pop() {
            for (id, start) in &mut self.open_ignores {
                open.suppressions.push(Suppression {
                    range: *start..open.text.len(),
                    rules: self.ignores[id].clone(),
                    comment: *start..open.text.len(),
                });
                *start = 0;
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

    /// Takes a footnote or endnote element and its name; labels the note and counts its paragraphs apart.
    fn start_note(&mut self, kind: &str, e: &BytesStart) {
        // Separators have a type; the notes people write are numbered in order without them.
        if attribute(e, "w:type").is_none_or(|t| t == "normal") {
            self.notes += 1;
        }
        let word = if kind == "w:footnote" {
            "footnote"
        } else {
            "endnote"
        };
        self.note = Some(format!("{word} {}", self.notes));
        self.count = 0;
    }

    /// Takes a `w:commentRangeEnd` element; closes the ignore range of its comment, if one is open.
    fn comment_range_end(&mut self, e: &BytesStart) {
        if let Some(id) = attribute(e, "w:id")
            && let Some(start) = self.open_ignores.remove(&id)
            && let Some(open) = self.stack.last_mut()
        {
            open.suppressions.push(Suppression {
                range: start..open.text.len(),
                rules: self.ignores[&id].clone(),
                comment: start..open.text.len(),
            });
        }
    }
}
