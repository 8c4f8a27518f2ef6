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
for target in fuzz_parse fuzz_compile fuzz_run; do
  bash scripts/fuzz-run.sh build-fuzz "$target" "$seconds"
done
