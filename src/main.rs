//! The `reframe` binary: parse the arguments, set up colour, run, exit with the code the run chose.

use std::process::ExitCode;

use clap::Parser;
use reframe::app::{self, Streams};
use reframe::cli::{Cli, ColorWhen};

fn main() -> ExitCode {
    let cli = Cli::parse();
    let choice = match cli.color {
        ColorWhen::Auto => anstream::ColorChoice::Auto,
        ColorWhen::Always => anstream::ColorChoice::Always,
        ColorWhen::Never => anstream::ColorChoice::Never,
    };
    let mut out = anstream::AutoStream::new(std::io::stdout().lock(), choice);
    // Standard error is not locked for the whole run: the progress bar draws on it from worker threads.
    let mut err = anstream::AutoStream::new(std::io::stderr(), choice);
    let styled = !matches!(out.current_choice(), anstream::ColorChoice::Never);
    let code = app::run(
        cli,
        &mut Streams {
            out: &mut out,
            err: &mut err,
            styled,
        },
    );
    ExitCode::from(code)
}
