//! Speed of reframe: matcher throughput on non-ASCII prose, start-up (packs parsed, automaton built), and one
//! 17 KB note checked end to end in-process, as `reframe check --format json NOTE` does it.
//!
//! `cargo bench --bench reframe`; benches/run.sh measures the binary against ripgrep on a 100 MB corpus.
//! The note is benches/note-17k.txt (made by `benches/corpus.py --note`): hard-wrapped prose with curly quotes,
//! apostrophes, dashes and accented names, and a few deficit terms.

use std::hint::black_box;
use std::path::Path;
use std::time::Duration;

use clap::Parser;
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use reframe::cli::args::Cli;
use reframe::cli::{self, Streams};
use reframe::rules::{PackSelection, RuleSet};
use reframe::scan::check::check_text;
use reframe::scan::matcher::Matcher;
use reframe::text::Normalized;

const NOTE: &str = include_str!("note-17k.txt");

/// About 1 MB of the note's prose, repeated.
fn prose() -> String {
    NOTE.repeat(1_000_000 / NOTE.len() + 1)
}

fn matcher(c: &mut Criterion) {
    let rules = RuleSet::load(&PackSelection::default()).expect("the built-in packs load");
    let matcher = Matcher::new(&rules, &[]);
    let text = prose();
    let mut group = c.benchmark_group("matcher");
    group.throughput(Throughput::Bytes(text.len() as u64));
    group.bench_function("normalise 1 MB non-ASCII prose", |b| {
        b.iter(|| Normalized::new(black_box(&text), true))
    });
    group.bench_function("find in 1 MB non-ASCII prose", |b| {
        b.iter(|| matcher.find(black_box(&text)))
    });
    group.bench_function("check_text 1 MB non-ASCII prose", |b| {
        b.iter(|| check_text(black_box(&text), 0, &matcher, &rules))
    });
    group.finish();
}

fn startup(c: &mut Criterion) {
    let mut group = c.benchmark_group("startup");
    group.bench_function("load built-in packs", |b| {
        b.iter(|| RuleSet::load(black_box(&PackSelection::default())).expect("packs load"))
    });
    let rules = RuleSet::load(&PackSelection::default()).expect("packs load");
    group.bench_function("build matcher", |b| {
        b.iter(|| Matcher::new(black_box(&rules), &[]))
    });
    group.finish();
}

fn end_to_end(c: &mut Criterion) {
    let note = Path::new(env!("CARGO_MANIFEST_DIR")).join("benches/note-17k.txt");
    let note = note.to_str().expect("a UTF-8 path");
    let mut group = c.benchmark_group("end_to_end");
    group.throughput(Throughput::Bytes(NOTE.len() as u64));
    group.bench_function("check --format json one 17 KB note", |b| {
        b.iter(|| {
            let cli = Cli::parse_from(["reframe", "check", "--format", "json", note]);
            let (mut out, mut err) = (Vec::new(), Vec::new());
            let code = cli::run(
                cli,
                &mut Streams {
                    out: &mut out,
                    err: &mut err,
                    styled: false,
                },
            );
            assert!(err.is_empty(), "{}", String::from_utf8_lossy(&err));
            black_box((code, out))
        })
    });
    group.finish();
}

fn config() -> Criterion {
    // Short runs: the machine is small and shared.
    Criterion::default()
        .sample_size(20)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3))
}

criterion_group! {
    name = benches;
    config = config();
    targets = matcher, startup, end_to_end
}
criterion_main!(benches);
