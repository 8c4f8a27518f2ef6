#!/usr/bin/env bash
# Fuzzes one target of an already built fuzz tree (scripts/fuzz-build.sh)
# for SECONDS, at low priority. The corpus grows in BUILD_DIR/fuzz-corpus/
# TARGET (the seeds in BUILD_DIR/fuzz-seeds are read, never written); a
# crashing input is saved as BUILD_DIR/fuzz-artifacts/TARGET/crash-*, and
# the log as BUILD_DIR/fuzz-logs/TARGET-<time>.log, whose last lines are
# libFuzzer's final figures (executions per second, coverage, corpus).
# Exits non-zero when the target found a crash. FUZZ_CORPUS_ROOT replaces
# BUILD_DIR/fuzz-corpus (fuzz-ci.sh starts from an empty one).
# Usage: scripts/fuzz-run.sh BUILD_DIR TARGET SECONDS [libFuzzer flags...]
set -uo pipefail
cd "$(dirname "$0")/.."
dir=$1 target=$2 seconds=$3
shift 3
corpus=${FUZZ_CORPUS_ROOT:-$dir/fuzz-corpus}/$target
artifacts=$dir/fuzz-artifacts/$target
mkdir -p "$corpus" "$artifacts" "$dir/fuzz-logs"
log=$dir/fuzz-logs/$target-$(date -u +%Y%m%dT%H%M%SZ).log
# The parser's and compiler's inputs are small; the programs fuzz_run runs
# are the size of the seeds, up to 16 KiB. -timeout is per input (fuzz_run's
# child has its own limits, well under it).
max_len=4096
[ "$target" = fuzz_run ] && max_len=16384
nice -n 5 "$dir/fuzz/$target" -max_total_time="$seconds" -timeout=60 -rss_limit_mb=4096 -max_len=$max_len \
  -print_final_stats=1 -artifact_prefix="$artifacts/" "$@" "$corpus" "$dir/fuzz-seeds" >"$log" 2>&1
status=$?
echo "== $target: $log"
grep -E '^#[0-9]+.*(DONE|cov:)' "$log" | tail -1
grep -E '^stat::|^fuzz_run:' "$log"
if [ $status -ne 0 ]; then
  echo "== $target FAILED (status $status):"
  grep -E 'ERROR|BUG|Test unit written|fatal error' "$log" | head -20
fi
exit $status
