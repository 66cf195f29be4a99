#!/usr/bin/env bash
# Speed of the reframe binary against ripgrep 15 on a deterministic ~100 MB corpus of case-note prose.
#
#   bash benches/run.sh            # build, make the corpus if needed, measure; results in target/bench-results/
#
# Builds release; writes the corpus (benches/corpus.py) into target/bench-corpus/ when it is absent or the
# enabled rules changed; installs ripgrep 15 with cargo when no `rg` 15 is found; times with hyperfine when it is
# installed (apt-get install hyperfine), otherwise with a plain loop. Peak memory comes from /usr/bin/time -v.
# It measures:
#   1. reframe check --format json on the 100 MB corpus and on its 50 MB half (wall time, peak RSS);
#   2. rg -F -i -w --no-unicode -c -f terms.txt on the same 100 MB (wall time);
#   3. reframe check --format json on one 17 KB note, process start to JSON printed (many runs, median),
#      with GNU grep -F -i -w -c -f terms.txt on the same note (C locale) as a yardstick.
# Nothing here is a test: it prints figures and never fails on them.
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$PWD
CORPUS=$ROOT/target/bench-corpus
RESULTS=$ROOT/target/bench-results
NOTE=$ROOT/benches/note-17k.txt
RUNS=${RUNS:-5}           # runs on the corpus
NOTE_RUNS=${NOTE_RUNS:-300}
mkdir -p "$RESULTS"

say() { printf '\n== %s\n' "$*"; }

say "machine"
echo "nproc: $(nproc)"
grep -m1 'model name' /proc/cpuinfo || true
echo "memory: $(awk '/MemTotal/ {printf "%.1f GiB", $2/1048576}' /proc/meminfo)"
echo "load: $(cut -d' ' -f1-3 /proc/loadavg) (1, 5, 15 min)"
echo "reframe: $(git rev-parse --short HEAD 2>/dev/null || echo '?')$(git diff --quiet 2>/dev/null || echo ' (modified)')"

say "build"
cargo build --release --quiet
BIN=$ROOT/target/release/reframe

say "corpus"
mkdir -p "$CORPUS"
"$BIN" rules --format json > "$RESULTS/rules.json"
if [[ ! -d $CORPUS/notes/b ]] || ! cmp -s "$RESULTS/rules.json" "$CORPUS/rules.json"; then
    rm -rf "$CORPUS/notes"
    cp "$RESULTS/rules.json" "$CORPUS/rules.json"
    python3 benches/corpus.py --rules "$CORPUS/rules.json" --out "$CORPUS"
fi
FULL=$CORPUS/notes
HALF=$CORPUS/notes/a
TERMS=$CORPUS/terms.txt
size_mb() { du -sb --apparent-size "$1" | awk '{printf "%.1f", $1/1e6}'; }
echo "corpus: $(find "$FULL" -name '*.txt' | wc -l) files, $(size_mb "$FULL") MB; half: $(find "$HALF" -name '*.txt' | wc -l) files, $(size_mb "$HALF") MB"
echo "terms: $(wc -l < "$TERMS") forms of $("$BIN" rules --format json | python3 -c 'import json,sys; print(sum(r["enabled"] for r in json.load(sys.stdin)))') enabled rules"

say "ripgrep"
RG=""
for candidate in "$(command -v rg || true)" "$HOME/.cargo/bin/rg"; do
    if [[ -x $candidate ]] && "$candidate" --version | grep -q '^ripgrep 15\.'; then RG=$candidate; break; fi
done
if [[ -z $RG ]]; then
    cargo install ripgrep --version '^15' --locked
    RG=$HOME/.cargo/bin/rg
fi
"$RG" --version | head -1

# The same files for both: every .txt under the corpus (rg would honour .gitignore files; there are none inside).
RG_CMD="$RG -F -i -w --no-unicode -c -f $TERMS $FULL"
REFRAME_FULL="$BIN check --format json $FULL"
REFRAME_HALF="$BIN check --format json $HALF"
NOTE_CMD="$BIN check --format json $NOTE"
GREP_CMD="grep -F -i -w -c -f $TERMS $NOTE"

say "what each finds (not the same question: rg counts lines with a term, on one line; reframe counts findings)"
echo "reframe findings: $($REFRAME_FULL | python3 -c 'import json,sys; print(json.load(sys.stdin)["summary"]["findings"])' || true)"
echo "rg matching lines: $($RG_CMD | awk -F: '{s += $NF} END {print s}')"

peak_rss() { # command... -> "wall s, peak RSS MB"
    /usr/bin/time -v "$@" 2>&1 >/dev/null | awk -F': ' '
        /Elapsed \(wall clock\)/ {wall = $2}
        /Maximum resident set size/ {rss = $2}
        END {printf "wall %s, peak RSS %.1f MB\n", wall, rss / 1024}'
}

say "peak memory (/usr/bin/time -v)"
echo "reframe, 100 MB: $(peak_rss $REFRAME_FULL)"
echo "reframe,  50 MB: $(peak_rss $REFRAME_HALF)"
echo "rg,      100 MB: $(peak_rss $RG_CMD)"
echo "reframe, 17 KB note: $(peak_rss $NOTE_CMD)"

if command -v hyperfine >/dev/null; then
    say "wall time on the corpus (hyperfine, warm cache, $RUNS runs)"
    echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
    hyperfine --style basic --warmup 1 --runs "$RUNS" -i -N \
        --export-markdown "$RESULTS/corpus.md" --export-json "$RESULTS/corpus.json" \
        -n "reframe 100 MB" "$REFRAME_FULL" -n "reframe 50 MB" "$REFRAME_HALF" -n "rg 100 MB" "$RG_CMD"
    say "one 17 KB note, start to end (hyperfine, $NOTE_RUNS runs)"
    echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
    # The C locale for grep, as GNU grep -i is ten times slower in a UTF-8 one; reframe does not read the locale.
    LC_ALL=C hyperfine --style basic --warmup 20 --runs "$NOTE_RUNS" -i -N \
        --export-markdown "$RESULTS/note.md" --export-json "$RESULTS/note.json" \
        -n "reframe 17 KB note" "$NOTE_CMD" -n "grep 17 KB note" "$GREP_CMD"
    say "medians"
    python3 - "$RESULTS/corpus.json" "$RESULTS/note.json" <<'EOF'
import json, sys
for path in sys.argv[1:]:
    for r in json.load(open(path))["results"]:
        print(f"{r['command']}: median {r['median'] * 1000:.1f} ms (min {r['min'] * 1000:.1f}, max {r['max'] * 1000:.1f})")
EOF
    echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
else
    median_ms() { # runs command... -> median wall ms
        local runs=$1; shift
        for ((i = 0; i < runs; i++)); do
            local t0 t1
            t0=$(date +%s%N); "$@" >/dev/null 2>&1 || true; t1=$(date +%s%N)
            echo $(((t1 - t0) / 1000))
        done | sort -n | awk '{a[NR] = $1} END {printf "%.2f ms\n", a[int((NR + 1) / 2)] / 1000}'
    }
    say "wall time (no hyperfine: a plain loop, median of $RUNS runs; apt-get install hyperfine for better figures)"
    median_ms 1 $REFRAME_FULL >/dev/null
    echo "reframe 100 MB: $(median_ms "$RUNS" $REFRAME_FULL)"
    echo "reframe  50 MB: $(median_ms "$RUNS" $REFRAME_HALF)"
    echo "rg      100 MB: $(median_ms "$RUNS" $RG_CMD)"
    echo "reframe 17 KB note: $(median_ms "$NOTE_RUNS" $NOTE_CMD)"
    echo "grep    17 KB note: $(LC_ALL=C median_ms "$NOTE_RUNS" $GREP_CMD)"
fi
