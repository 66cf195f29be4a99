#!/bin/sh
# Runs the fuzz targets one at a time: fuzz/run.sh SECONDS [TARGET...] (all targets when none is named).
#
# Needs the nightly toolchain and cargo-fuzz (cargo install cargo-fuzz --locked). Each target starts from its
# committed seeds in fuzz/corpus/<target>/ (read only) and writes the inputs it finds to $FUZZ_WORK/<target>
# (default /tmp/fuzz-work), outside the repository; a crash goes to fuzz/artifacts/<target>/. Prints one line per
# target and exits non-zero if any target failed.
set -u

if [ $# -lt 1 ]; then
    echo "usage: $0 SECONDS [TARGET...]" >&2
    exit 2
fi
seconds=$1
shift
cd "$(dirname "$0")" || exit 2
all="normalise_match plain markdown html docx odt pack config"
targets=${*:-$all}
work=${FUZZ_WORK:-/tmp/fuzz-work}
flags="-O"

# The largest input worth trying, per target.
max_len() {
    case $1 in
        pack) echo 16384 ;;
        config) echo 8192 ;;
        *) echo 65536 ;;
    esac
}

for target in $targets; do
    case " $all " in
        *" $target "*) ;;
        *) echo "unknown target $target (targets: $all)" >&2; exit 2 ;;
    esac
done

echo "building: $targets"
# shellcheck disable=SC2086
for target in $targets; do
    cargo +nightly fuzz build $flags "$target" || exit 1
done

failed=0
for target in $targets; do
    mkdir -p "$work/$target" "artifacts/$target"
    log="$work/$target.log"
    # One process, one job: never more than one core.
    # shellcheck disable=SC2086
    cargo +nightly fuzz run $flags "$target" "$work/$target" "corpus/$target" -- \
        -max_total_time="$seconds" -rss_limit_mb=2048 -max_len="$(max_len "$target")" -timeout=10 \
        -print_final_stats=1 >"$log" 2>&1
    status=$?
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
    if [ -z "$runs" ]; then
        runs=$(grep -o '^#[0-9]*' "$log" | tail -n 1 | tr -d '#')
    fi
    if [ "$status" -eq 0 ]; then
        result=ok
    else
        result="FAILED (exit $status; see $log and fuzz/artifacts/$target/)"
        failed=1
    fi
    echo "$target: ${runs:-0} runs in ${seconds}s: $result"
done
exit $failed
