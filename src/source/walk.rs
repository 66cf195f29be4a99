//! Expanding the user's paths into the files to check: directories are walked with the `ignore` crate
//! (`.gitignore`, `.ignore` and hidden files respected), keeping files with the checked extensions.

use std::path::{Path, PathBuf};

use crate::error::InputError;

/// The extensions checked when walking a directory (a file named explicitly is always checked).
pub const DEFAULT_EXTENSIONS: &[&str] = &[
    "txt", "text", "md", "markdown", "html", "htm", "docx", "odt",
];

/// One thing to check.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Input {
    /// Standard input (`-`).
    Stdin,
    /// A file on disk.
    File(PathBuf),
}

impl Input {
    /// The name shown in reports.
    pub fn display_name(&self) -> String {
        match self {
            Input::Stdin => "<stdin>".to_string(),
            Input::File(path) => display_path(path),
        }
    }
}

/// A path as shown in reports: as the user gave it, with a leading `./` dropped and `/` separators, and control
/// characters and bidirectional overrides shown as escapes (`\x1b`, `\u{202e}`), so that a crafted file name
/// cannot retitle, recolour or rewrite the terminal, nor make one name look like another.
pub fn display_path(path: &Path) -> String {
    let shown = path.strip_prefix(".").unwrap_or(path);
    let mut out = String::new();
    for c in shown.to_string_lossy().chars() {
        match c {
            '\\' => out.push('/'),
            c if (c as u32) < 0x80 && c.is_control() => {
                out.push_str(&format!("\\x{:02x}", c as u32))
            }
            c if c.is_control()
                || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}') =>
            {
                out.push_str(&format!("\\u{{{:x}}}", c as u32))
            }
            c => out.push(c),
        }
    }
    out
}

/// The files under the given paths with one of `extensions`, and an error for each path or entry that could not
/// be read. `-` stands for standard input. The files come back sorted by path.
pub fn collect_inputs(
    paths: &[PathBuf],
    extensions: &[&str],
) -> (Vec<Input>, Vec<(String, InputError)>) {
    collect_inputs_with(paths, &mut |path: &Path| {
        path.extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| extensions.iter().any(|x| x.eq_ignore_ascii_case(e)))
    })
}

/// Like [`collect_inputs`], with `wanted` deciding which files found by walking a folder are checked (files
/// named on the command line always are).
pub fn collect_inputs_with(
    paths: &[PathBuf],
    wanted: &mut dyn FnMut(&Path) -> bool,
) -> (Vec<Input>, Vec<(String, InputError)>) {
    let mut inputs = Vec::new();
    let mut errors = Vec::new();
    for path in paths {
        if path.as_os_str() == "-" {
            inputs.push(Input::Stdin);
            continue;
        }
        if !path.exists() {
            errors.push((display_path(path), InputError::NotFound));
            continue;
        }
        if !path.is_dir() {
            inputs.push(Input::File(path.clone()));
            continue;
        }
        let walker = ignore::WalkBuilder::new(path).require_git(false).build();
        for entry in walker {
            match entry {
                Ok(entry) => {
                    let is_file = entry.file_type().is_some_and(|t| t.is_file());
                    if is_file && wanted(entry.path()) {
                        inputs.push(Input::File(entry.into_path()));
                    }
                }
                Err(e) => {
                    let shown = match &e {
                        ignore::Error::WithPath { path, .. } => display_path(path),
                        _ => display_path(path),
                    };
                    errors.push((shown, InputError::Walk(e.to_string())));
                }
            }
        }
    }
    inputs.sort();
    inputs.dedup();
    (inputs, errors)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_in_file_names_are_shown_as_escapes() {
        assert_eq!(
            display_path(Path::new("./notes/\u{1b}]0;owned\u{7}x.txt")),
            "notes/\\x1b]0;owned\\x07x.txt"
        );
        assert_eq!(
            display_path(Path::new("a\u{202e}txt.exe\u{85}")),
            "a\\u{202e}txt.exe\\u{85}"
        );
        assert_eq!(
            display_path(Path::new("./Case notes/Sam’s.md")),
            "Case notes/Sam’s.md"
        );
        assert_eq!(display_path(Path::new("dir\\note.txt")), "dir/note.txt");
    }
}
