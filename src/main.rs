//! The `reframe` binary: parse the arguments, set up colour, run, exit with the code the run chose.

use std::io::Write;
use std::process::ExitCode;

use clap::Parser;
use reframe::cli::args::{Cli, ColorWhen};
use reframe::cli::{self, Streams};

fn main() -> ExitCode {
    let cli = Cli::parse();
    let choice = match cli.color {
        ColorWhen::Auto => anstream::ColorChoice::Auto,
        ColorWhen::Always => anstream::ColorChoice::Always,
        ColorWhen::Never => anstream::ColorChoice::Never,
    };
    // Reports are written through a buffer (a JSON report of thousands of findings is many small writes); the
    // interactive review flushes before it waits for a key.
    let stdout = anstream::AutoStream::new(std::io::stdout().lock(), choice);
    let styled = !matches!(stdout.current_choice(), anstream::ColorChoice::Never);
    let mut out = std::io::BufWriter::with_capacity(64 * 1024, stdout);
    // Standard error is not locked for the whole run: the progress bar draws on it from worker threads.
    let mut err = anstream::AutoStream::new(std::io::stderr(), choice);
    let code = cli::run(
        cli,
        &mut Streams {
            out: &mut out,
            err: &mut err,
            styled,
        },
    );
    // A reader that went away (`reframe check | head`) is not an error worth a message.
    let _ = out.flush();
    ExitCode::from(code)
}
