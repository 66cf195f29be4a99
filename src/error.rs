//! The library's error types.
//!
//! Errors that point at a place in a file (a rule pack, later a config file) carry the path, the 1-based line
//! and column, the offending line and a message, so they can be printed like findings.

use std::fmt;
use std::path::PathBuf;

/// An error at a place in a text file, such as a rule pack.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LocatedError {
    /// The file, as the user named it (`<built-in>/core.toml` for embedded packs).
    pub path: String,
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
    /// The whole line the error points into, without its line ending.
    pub line_text: String,
    /// What is wrong, in plain words.
    pub message: String,
}

impl LocatedError {
    /// Builds an error at byte `offset` of `source`.
    pub fn at(path: &str, source: &str, offset: usize, message: impl Into<String>) -> Self {
        let mut offset = offset.min(source.len());
        // An error at the `\n` of a `\r\n` line ending points at the end of the line, as an error at a `\n` does:
        // the `\r` is not part of the line shown.
        if source[..offset].ends_with('\r') && source[offset..].starts_with('\n') {
            offset -= 1;
        }
        let pos = crate::text::LineIndex::new(source).position(source, offset);
        let line_text = source[pos.line_start..]
            .lines()
            .next()
            .unwrap_or("")
            .to_string();
        LocatedError {
            path: path.to_string(),
            line: pos.line,
            column: pos.column,
            line_text,
            message: message.into(),
        }
    }
}

impl fmt::Display for LocatedError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}:{}: {}",
            self.path, self.line, self.column, self.message
        )
    }
}

/// Everything that went wrong while loading rule packs: all errors of all packs at once.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct PackErrors(pub Vec<LocatedError>);

impl fmt::Display for PackErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, e) in self.0.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{e}")?;
        }
        Ok(())
    }
}

/// An error reading one input file; the run goes on with the other files.
#[derive(Debug, thiserror::Error)]
pub enum InputError {
    /// The file could not be read.
    #[error("could not read the file: {0}")]
    Io(#[from] std::io::Error),
    /// A directory walk failed at some entry.
    #[error("{0}")]
    Walk(String),
    /// The path does not exist.
    #[error("no such file or folder")]
    NotFound,
}

/// An error loading rule packs from the user's paths (before any pack is parsed).
#[derive(Debug, thiserror::Error)]
pub enum PackPathError {
    /// A `--rules` path could not be read.
    #[error("{path}: could not read the rule pack: {source}")]
    Io {
        /// The path the user gave.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_error_at_a_crlf_line_ending_points_just_past_the_line() {
        // Found by fuzzing a rule pack `"\r\n`: the column was 3, one past the end of the one-character line.
        let error = LocatedError::at("pack.toml", "\"\r\n", 2, "unterminated string");
        assert_eq!((error.line, error.column), (1, 2));
        assert_eq!(error.line_text, "\"");
        let lf = LocatedError::at("pack.toml", "\"\n", 1, "unterminated string");
        assert_eq!((lf.line, lf.column), (1, 2));
    }

    #[test]
    fn an_error_on_the_second_crlf_line_counts_characters_from_its_start() {
        let error = LocatedError::at("pack.toml", "a = 1\r\nbé = \r\n", 13, "missing value");
        assert_eq!((error.line, error.column), (2, 6));
        assert_eq!(error.line_text, "bé = ");
    }
}
