//! A small, bounded walk over an XML part of a document: elements by qualified name, attributes and text with
//! entities resolved. A DOCTYPE (where entities are declared, and where "billion laughs" attacks live) is refused,
//! as is nesting deeper than [`Limits::max_depth`]; Word and LibreOffice never write either.

use quick_xml::events::{BytesStart, Event};
use quick_xml::{Reader, XmlVersion};

use super::{Limits, SourceError};

/// One step of the walk.
pub(super) enum Step<'a> {
    /// An element opens (an empty element is a `Start` and an `End`).
    Start(&'a str, &'a BytesStart<'a>),
    /// An element closes.
    End(&'a str),
    /// Text, entities resolved.
    Text(&'a str),
}

/// The value of attribute `name` of `element`, entities resolved.
pub(super) fn attribute(element: &BytesStart, name: &str) -> Option<String> {
    element
        .attributes()
        .flatten()
        .find(|a| a.key.as_ref() == name.as_bytes())
        .and_then(|a| a.normalized_value(XmlVersion::Implicit1_0).ok())
        .map(|v| v.into_owned())
}

fn broken(part: &str, what: impl std::fmt::Display) -> SourceError {
    SourceError::Document(format!(
        "damaged: its part {part} is not valid XML ({what})"
    ))
}

/// Walks `xml` (the part named `part`), calling `step` for each element and text.
pub(super) fn walk(
    xml: &str,
    part: &str,
    limits: &Limits,
    mut step: impl FnMut(Step) -> Result<(), SourceError>,
) -> Result<(), SourceError> {
    let mut reader = Reader::from_str(xml);
    reader.config_mut().trim_text(false);
    let mut depth = 0usize;
    loop {
        let event = reader.read_event().map_err(|e| broken(part, e))?;
        match event {
            Event::Start(e) => {
                depth += 1;
                if depth > limits.max_depth {
                    return Err(SourceError::Document(format!(
                        "its part {part} nests elements more than {} deep; not read, to keep memory bounded",
                        limits.max_depth
                    )));
                }
                let name = String::from_utf8_lossy(e.name().as_ref()).into_owned();
                step(Step::Start(&name, &e))?;
            }
            Event::Empty(e) => {
                let name = String::from_utf8_lossy(e.name().as_ref()).into_owned();
                step(Step::Start(&name, &e))?;
                step(Step::End(&name))?;
            }
            Event::End(e) => {
                depth = depth.saturating_sub(1);
                step(Step::End(&String::from_utf8_lossy(e.name().as_ref())))?;
            }
            Event::Text(t) => step(Step::Text(&t.xml10_content().map_err(|e| broken(part, e))?))?,
            Event::CData(t) => step(Step::Text(&String::from_utf8_lossy(&t)))?,
            Event::GeneralRef(r) => {
                let resolved = match r.resolve_char_ref().map_err(|e| broken(part, e))? {
                    Some(c) => c.to_string(),
                    None => {
                        let name = r.decode().map_err(|e| broken(part, e))?;
                        match &*name {
                            "amp" => "&".into(),
                            "lt" => "<".into(),
                            "gt" => ">".into(),
                            "quot" => "\"".into(),
                            "apos" => "'".into(),
                            other => {
                                return Err(broken(
                                    part,
                                    format!(
                                        "it uses the entity &{other}; which XML does not define"
                                    ),
                                ));
                            }
                        }
                    }
                };
                step(Step::Text(&resolved))?;
            }
            Event::DocType(_) => {
                return Err(SourceError::Document(format!(
                    "its part {part} declares a DOCTYPE (entities), which Word and LibreOffice never write; \
                     not read, to keep memory bounded"
                )));
            }
            Event::Eof => return Ok(()),
            _ => {}
        }
    }
}

/// Like [`walk`], but elements named in `skipped` are passed over with everything inside them (Word's deleted
/// text and fallback copies, OpenDocument's tracked changes): `step` sees only what is outside them.
pub(super) fn walk_outside(
    xml: &str,
    part: &str,
    limits: &Limits,
    skipped: &[&str],
    mut step: impl FnMut(Step) -> Result<(), SourceError>,
) -> Result<(), SourceError> {
    let mut inside_skipped = 0usize;
    walk(xml, part, limits, |event| {
        match event {
            Step::Start(name, _) if skipped.contains(&name) => inside_skipped += 1,
            Step::End(name) if skipped.contains(&name) => {
                inside_skipped = inside_skipped.saturating_sub(1)
            }
            _ if inside_skipped > 0 => {}
            event => step(event)?,
        }
        Ok(())
    })
}
