//! Progress for long runs: a bar on standard error, drawn only when standard error is a terminal and the run
//! has already taken [`DELAY`], and cleared at the end. A short run, a pipe, a file or CI sees nothing at all.
//!
//! The environment variable `REFRAME_PROGRESS_DELAY_MS` changes the delay (the tests set it to 0 to see the bar
//! on a small run).

use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// How long a run goes before the bar appears.
pub const DELAY: Duration = Duration::from_secs(1);

/// Counts checked files; draws once the run is long.
#[derive(Debug)]
pub struct Progress {
    bar: ProgressBar,
    enabled: bool,
    delay: Duration,
    shown: AtomicBool,
}

/// The delay before the bar appears: [`DELAY`], unless `REFRAME_PROGRESS_DELAY_MS` says otherwise.
pub fn delay() -> Duration {
    std::env::var("REFRAME_PROGRESS_DELAY_MS")
        .ok()
        .and_then(|ms| ms.parse().ok())
        .map_or(DELAY, Duration::from_millis)
}

impl Progress {
    /// Progress over `len` files, drawn after `delay`; `enabled` says whether it may ever be drawn (standard
    /// error is a terminal).
    pub fn new(len: usize, enabled: bool, delay: Duration) -> Progress {
        let bar = ProgressBar::with_draw_target(Some(len as u64), ProgressDrawTarget::hidden());
        if let Ok(style) =
            ProgressStyle::with_template("{spinner} checked {pos}/{len} files {wide_bar} {eta}")
        {
            bar.set_style(style);
        }
        Progress {
            bar,
            enabled,
            delay,
            shown: AtomicBool::new(false),
        }
    }

    /// One more file checked (from any thread).
    pub fn tick(&self) {
        self.bar.inc(1);
        if self.enabled
            && self.bar.elapsed() >= self.delay
            && !self.shown.swap(true, Ordering::Relaxed)
        {
            self.bar.set_draw_target(ProgressDrawTarget::stderr());
        }
    }

    /// Whether the bar has been drawn.
    pub fn is_shown(&self) -> bool {
        self.shown.load(Ordering::Relaxed)
    }

    /// Removes the bar, leaving the terminal as it was.
    pub fn finish(&self) {
        self.bar.finish_and_clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nothing_is_drawn_when_disabled_or_short() {
        let off = Progress::new(3, false, Duration::ZERO);
        let short = Progress::new(3, true, DELAY);
        for _ in 0..3 {
            off.tick();
            short.tick();
        }
        assert!(!off.is_shown());
        assert!(
            !short.is_shown(),
            "a run shorter than the delay draws nothing"
        );
        off.finish();
        short.finish();
    }
}
