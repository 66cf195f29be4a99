//! HTML.
use super::{Document, SourceError, plain};

/// Reads an HTML file.
pub fn read(bytes: Vec<u8>) -> Result<Document, SourceError> {
    plain::read(bytes)
}
