//! `reframe fix`: takes paths (or standard input) and the command line, applies the safe rewordings (or, with
//! `--interactive`, the ones the person accepts) file by file, writes each file atomically (or shows a diff) and
//! gives the exit code.

use std::collections::HashSet;
use std::io::{self, BufRead, IsTerminal};
use std::path::{Path, PathBuf};

use crate::cli::args::{Cli, FixArgs};
use crate::cli::run::{CONFIG_BROKEN, Run};
use crate::cli::settings::FileSettings;
use crate::cli::{EXIT_CLEAN, EXIT_ERROR, EXIT_FINDINGS, Streams, plural};
use crate::fix::{self, review};
use crate::scan::check::{Outcome, read_input};
use crate::scan::finding::Finding;
use crate::source::walk::{Input, display_path};

/// Extensions `reframe fix` refuses: documents whose text is not stored as plain text.
const NOT_FIXABLE: &[&str] = &["docx", "odt", "html", "htm"];

/// What a whole `fix` run did, for the closing line and the exit code.
#[derive(Default)]
struct Tally {
    fixed_phrases: usize,
    fixed_files: usize,
    /// Findings left after the fixes.
    remaining: usize,
    /// Whether a finding left is at or above its file's failure level.
    failing: bool,
    /// Files that could not be fixed.
    errors: usize,
    /// Folders already cleared of stale temporary files.
    swept_folders: HashSet<PathBuf>,
}

/// Runs `reframe fix`.
pub fn command(cli: &Cli, args: &FixArgs, streams: &mut Streams) -> io::Result<u8> {
    if args.interactive && !std::io::stdin().is_terminal() {
        writeln!(
            streams.err,
            "error: reframe fix --interactive needs a terminal to ask you about each phrase; \
             run it in a terminal, or use reframe fix --diff"
        )?;
        return Ok(EXIT_ERROR);
    }
    let run = match Run::prepare(
        cli,
        &args.paths,
        args.fail_on,
        args.stdin_filename.as_deref(),
        args.force_exclude,
        streams,
    )? {
        Ok(run) => run,
        Err(code) => return Ok(code),
    };
    if !args.diff {
        fix::interrupt::install();
    }
    // Locked only for an interactive review: a locked stdin would block reading standard input as the text.
    let mut terminal = args.interactive.then(|| std::io::stdin().lock());
    let mut tally = Tally {
        errors: run.walk_errors.len(),
        ..Tally::default()
    };
    for (path, e) in &run.walk_errors {
        writeln!(streams.err, "error: {path}: {e}")?;
    }
    for (input, file_settings) in run.inputs.iter().zip(&run.settings) {
        let path = run.display_name(input);
        let result = match file_settings {
            None => Err(format!("{path}: {CONFIG_BROKEN}")),
            Some(file_settings) => {
                let keys = terminal.as_mut().map(|t| t as &mut dyn BufRead);
                let file = FileToFix {
                    run: &run,
                    input,
                    path: &path,
                    settings: file_settings,
                };
                fix_file(&file, args, keys, streams, &mut tally)?
            }
        };
        match result {
            Ok(Continue::Next) => {}
            Ok(Continue::Quit) => break,
            Err(message) => {
                writeln!(streams.err, "error: {message}")?;
                tally.errors += 1;
            }
        }
        // Ctrl-C or a kill during a write: that file was finished or left as it was; stop here.
        if let Some(signal) = fix::interrupt::received() {
            writeln!(
                streams.err,
                "interrupted: fixed {} in {} before stopping; every other file is as it was",
                plural(tally.fixed_phrases, "phrase"),
                plural(tally.fixed_files, "file")
            )?;
            streams.err.flush()?;
            fix::interrupt::end_by(signal);
        }
    }
    let verb = if args.diff { "would fix" } else { "fixed" };
    writeln!(
        streams.err,
        "{verb} {} in {}; {} left to review with reframe check",
        plural(tally.fixed_phrases, "phrase"),
        plural(tally.fixed_files, "file"),
        plural(tally.remaining, "finding")
    )?;
    Ok(if tally.errors > 0 || run.config_errors {
        EXIT_ERROR
    } else if (args.diff && tally.fixed_phrases > 0) || tally.failing {
        EXIT_FINDINGS
    } else {
        EXIT_CLEAN
    })
}

/// One input to fix, with its settings.
struct FileToFix<'a> {
    run: &'a Run,
    input: &'a Input,
    path: &'a str,
    settings: &'a FileSettings,
}

/// Whether to go on to the next file after one is done.
enum Continue {
    Next,
    /// The person quit the interactive review.
    Quit,
}

/// Fixes one file: reads and decodes it, finds the edits (safe ones, or those accepted in the review), applies
/// them, and writes the file back in its own encoding (or prints the diff, or the text for standard input).
/// `Err` is the message of an error for this file; the run goes on with the next.
fn fix_file(
    file: &FileToFix,
    args: &FixArgs,
    keys: Option<&mut dyn BufRead>,
    streams: &mut Streams,
    tally: &mut Tally,
) -> io::Result<Result<Continue, String>> {
    let (run, input, path) = (file.run, file.input, file.path);
    let (original, working, transcoded) = match read_for_fix(input, path) {
        Ok(read) => (read.original, read.working, read.transcoded),
        Err(message) => return Ok(Err(message)),
    };
    let findings = match fixable_findings(file, &working) {
        Ok(Some(findings)) => findings,
        Ok(None) => return Ok(Ok(Continue::Next)),
        Err(message) => return Ok(Err(message)),
    };
    let mut next = Continue::Next;
    let edits = match keys {
        Some(_) if *input == Input::Stdin => {
            return Ok(Err(
                "reframe fix --interactive works on files, not standard input".into(),
            ));
        }
        Some(keys) => {
            let review = review::review_file(path, &findings, &run.rules, keys, streams.out)?;
            if review.quit {
                next = Continue::Quit;
            }
            review.edits
        }
        None => fix::safe_edits(&findings, &run.rules),
    };
    let fixed_text = fix::apply_edits(&working, &edits);
    let left = match run.check_bytes(input, fixed_text.clone(), file.settings) {
        Outcome::Checked(findings) => findings,
        _ => Vec::new(),
    };
    tally.remaining += left.len();
    tally.failing |= left.iter().any(|f| f.severity >= file.settings.fail_on);
    if edits.is_empty() {
        if *input == Input::Stdin && !args.diff {
            streams.out.write_all(&original)?;
        }
        return Ok(Ok(next));
    }
    let fixed = match &transcoded {
        Some(transcoded) => match transcoded.encode(&fixed_text) {
            Ok(bytes) => bytes,
            Err(e) => return Ok(Err(format!("{path}: {e}"))),
        },
        None => fixed_text.clone(),
    };
    // Counted only once written (or shown): a write that fails is that file's error, not a fix.
    let count = |tally: &mut Tally| {
        tally.fixed_phrases += edits.len();
        tally.fixed_files += 1;
    };
    if args.diff {
        count(tally);
        let before = String::from_utf8_lossy(&working);
        let after = String::from_utf8_lossy(&fixed_text);
        write!(streams.out, "{}", fix::unified_diff(path, &before, &after))?;
        return Ok(Ok(next));
    }
    match input {
        Input::Stdin => {
            streams.out.write_all(&fixed)?;
            count(tally);
        }
        Input::File(target) => {
            remove_stale_temporaries_once(target, &mut tally.swept_folders, streams)?;
            if let Err(e) = fix::write_atomically(target, &original, &fixed, args.force) {
                return Ok(Err(format!("{path}: {e}")));
            }
            count(tally);
            say_fixed(path, edits.len(), left.len(), streams)?;
        }
    }
    Ok(Ok(next))
}

/// Before the first write into a folder: removes the temporary files an interrupted fix left there, and says so.
fn remove_stale_temporaries_once(
    target: &Path,
    swept: &mut HashSet<PathBuf>,
    streams: &mut Streams,
) -> io::Result<()> {
    let Ok(target) = fix::write::target_of(target) else {
        return Ok(());
    };
    let folder = match target.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    if swept.insert(folder.clone()) {
        for path in fix::remove_stale_temporaries(&folder) {
            writeln!(
                streams.err,
                "note: removed {}, a temporary file left by an interrupted reframe fix",
                display_path(&path)
            )?;
        }
    }
    Ok(())
}

/// One input as read for fixing.
struct ToFix {
    /// The bytes as read.
    original: Vec<u8>,
    /// The UTF-8 text to fix.
    working: Vec<u8>,
    /// For a file in another encoding, how to write it back.
    transcoded: Option<fix::Transcoded>,
}

/// Takes one input and its path as shown; gives it read for fixing. `Err` is the message for a file that cannot
/// be fixed or read.
fn read_for_fix(input: &Input, path: &str) -> Result<ToFix, String> {
    if let Input::File(file) = input
        && let Some(ext) = file.extension().and_then(|e| e.to_str())
        && NOT_FIXABLE.iter().any(|x| x.eq_ignore_ascii_case(ext))
    {
        return Err(format!(
            "{path}: not fixed: reframe fix changes plain text and Markdown files only; \
             use reframe check and change the document in its own editor"
        ));
    }
    let original = match read_input(input) {
        Ok(bytes) => bytes,
        Err(e) => return Err(format!("{path}: could not read the file: {e}")),
    };
    // UTF-16 and Windows-1252 files are fixed as UTF-8 text and written back in their own encoding.
    match fix::Transcoded::decode(&original) {
        Ok(Some((working, transcoded))) => Ok(ToFix {
            original,
            working,
            transcoded: Some(transcoded),
        }),
        Ok(None) => Ok(ToFix {
            working: original.clone(),
            original,
            transcoded: None,
        }),
        Err(e) => Err(format!("{path}: {e}")),
    }
}

/// Takes a file's path, the phrases fixed and the findings left; says on standard error what was fixed.
fn say_fixed(path: &str, fixed: usize, left: usize, streams: &mut Streams) -> io::Result<()> {
    let to_review = if left == 0 {
        String::new()
    } else {
        format!("; {} to review", plural(left, "finding"))
    };
    writeln!(
        streams.err,
        "{path}: fixed {}{to_review}",
        plural(fixed, "phrase")
    )
}

/// The findings a fix may change: not those in quotation marks (the person's own words), nor phrases with markup
/// inside them (`**service** user`), which a replacement would destroy. `None` for a file skipped on purpose.
fn fixable_findings(file: &FileToFix, working: &[u8]) -> Result<Option<Vec<Finding>>, String> {
    match file
        .run
        .check_bytes(file.input, working.to_vec(), file.settings)
    {
        Outcome::Checked(findings) => Ok(Some(
            findings
                .into_iter()
                .filter(|f| !f.quoted && working.get(f.bytes.clone()) == Some(f.text.as_bytes()))
                .collect(),
        )),
        Outcome::Skipped(_) => Ok(None),
        Outcome::Failed(message) => Err(format!("{}: {message}", file.path)),
    }
}
