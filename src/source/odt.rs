//! OpenDocument text (.odt).
use super::{Document, Limits, SourceError};

/// Reads an OpenDocument text.
pub fn read(_bytes: &[u8], _limits: &Limits) -> Result<Document, SourceError> {
    Err(SourceError::Document(
        "OpenDocument files are not read yet".into(),
    ))
}
