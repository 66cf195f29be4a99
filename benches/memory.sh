#!/usr/bin/env bash
# Peak memory and time of `reframe check --format json` on inputs built to be hard: one long line full of
# findings (2 MB and 4 MB: both should take about the same memory per finding and time per byte), many short
# lines of the same text, a 1 GB sparse file (refused by size at once), /dev/zero and a FIFO with no writer
# (refused: not regular files), and three readers' worst cases (bare URLs, <script> elements, suppression
# comments), which were quadratic. Prints one line per input; nothing here is a test and it never fails on figures.
#
#   bash benches/memory.sh
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet
BIN=$PWD/target/release/reframe
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

python3 - "$WORK" <<'PY'
import random, sys
work = sys.argv[1]
random.seed(7)
words = ["word", "the", "service", "user", "addict", "and", "chaotic", "family", "was", "seen"]
for name, count in [("line-2mb.txt", 400_000), ("line-4mb.txt", 800_000)]:
    with open(f"{work}/{name}", "w") as f:
        f.write(" ".join(random.choice(words) for _ in range(count)) + "\n")
with open(f"{work}/urls-2mb.md", "w") as f:
    f.write(" ".join(f"https://example.org/a{i} service user" for i in range(60_000)))
with open(f"{work}/scripts-2mb.html", "w") as f:
    f.write("".join(f"<script>var x={i};</script><p>service user</p>" for i in range(40_000)))
with open(f"{work}/suppressions-2mb.md", "w") as f:
    f.write("<!-- reframe-disable-next-line -->\nA service user.\n" * 40_000)
with open(f"{work}/lines-2mb.txt", "w") as f:
    for _ in range(33_000):
        f.write(" ".join(random.choice(words) for _ in range(12)) + "\n")
PY
truncate -s 1G "$WORK/sparse-1gb.txt"
mkfifo "$WORK/fifo.txt"

measure() {
    local label=$1; shift
    /usr/bin/time -f "%e %M" -o "$WORK/time" "$BIN" check --no-config --format json "$@" > "$WORK/out.json" 2> /dev/null || true
    read -r seconds kb < <(tail -n 1 "$WORK/time")
    local findings
    findings=$(grep -c '"rule":' "$WORK/out.json" || true)
    printf '%-34s %8s s %8s MB peak %8s findings\n' "$label" "$seconds" "$((kb / 1024))" "$findings"
}

echo "machine: $(nproc) cores; reframe $(git rev-parse --short HEAD)"
measure "one line, 2 MB" "$WORK/line-2mb.txt"
measure "one line, 4 MB" "$WORK/line-4mb.txt"
measure "33,000 short lines, 2 MB" "$WORK/lines-2mb.txt"
measure "Markdown, 60,000 bare URLs" "$WORK/urls-2mb.md"
measure "HTML, 40,000 <script> elements" "$WORK/scripts-2mb.html"
measure "Markdown, 40,000 suppressions" "$WORK/suppressions-2mb.md"
measure "sparse file, 1 GB" "$WORK/sparse-1gb.txt"
measure "/dev/zero" /dev/zero
measure "FIFO, no writer" "$WORK/fifo.txt"
