#!/usr/bin/env bash
# A long fuzzing run of one target (fuzz/README.md): builds the fuzz
# targets if needed, then fuzzes TARGET for MINUTES, keeping its corpus in
# build-fuzz/fuzz-corpus/TARGET across runs. JOBS > 1 runs that many
# libFuzzer processes on the shared corpus (each a worker with its own log,
# fuzz-<n>.log in the current directory, as libFuzzer's -jobs does).
# Usage: scripts/fuzz-long.sh TARGET MINUTES [JOBS]
set -euo pipefail
cd "$(dirname "$0")/.."
target=$1 minutes=$2 jobs=${3:-1}
case $target in
  fuzz_parse | fuzz_compile | fuzz_run) ;;
  *) echo "usage: scripts/fuzz-long.sh fuzz_parse|fuzz_compile|fuzz_run MINUTES [JOBS]" >&2; exit 2 ;;
esac
bash scripts/fuzz-build.sh build-fuzz >/dev/null
flags=()
[ "$jobs" -gt 1 ] && flags=(-jobs="$jobs" -workers="$jobs")
bash scripts/fuzz-run.sh build-fuzz "$target" $((minutes * 60)) "${flags[@]}"
