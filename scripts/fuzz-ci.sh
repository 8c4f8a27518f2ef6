#!/usr/bin/env bash
# The short fuzzing run of CI (fuzz/README.md): builds the fuzz targets
# with clang in build-fuzz/, runs every kept regression input through them
# (ctest -L fuzz), then fuzzes each target for about a minute from the seed
# corpus (tests/lang's programs). Fails on any crash.
# Usage: scripts/fuzz-ci.sh [SECONDS_PER_TARGET]   (default 60)
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
bash scripts/fuzz-build.sh build-fuzz
ctest --test-dir build-fuzz -L fuzz --output-on-failure
# A fresh corpus each time, so the run stays bounded: libFuzzer first runs
# every input of its corpus, which for fuzz_run, a child process per input,
# takes minutes once a long run has grown it (scripts/fuzz-long.sh keeps
# its own in build-fuzz/fuzz-corpus).
export FUZZ_CORPUS_ROOT=build-fuzz/fuzz-corpus-ci
rm -rf "$FUZZ_CORPUS_ROOT"
for target in fuzz_parse fuzz_compile fuzz_run; do
  bash scripts/fuzz-run.sh build-fuzz "$target" "$seconds"
done
