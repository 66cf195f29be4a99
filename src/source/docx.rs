//! Word documents (.docx).
use super::{Document, Limits, SourceError};

/// Reads a Word document.
pub fn read(_bytes: &[u8], _limits: &Limits) -> Result<Document, SourceError> {
    Err(SourceError::Document(
        "Word documents are not read yet".into(),
    ))
}
