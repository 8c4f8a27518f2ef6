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
# fuzz_run makes each child's file system read-only (a mount namespace); a
# machine that allows no namespace (a container without the privilege)
# runs the short CI slice without it rather than failing: its mutants come
# from tests/lang's programs and run in a temporary directory.
if ! unshare -m true 2>/dev/null && ! unshare -Urm true 2>/dev/null; then
  echo "fuzz-ci: no mount namespace here; fuzz_run's children run without the read-only file system"
  export FUZZ_RUN_NO_SANDBOX=1
fi
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
