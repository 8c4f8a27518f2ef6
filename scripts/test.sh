#!/usr/bin/env bash
# Builds Goro twice and runs every test in both builds:
#   build/        the normal build (RelWithDebInfo)
#   build-asan/   address + undefined-behaviour sanitizers
# Usage: scripts/test.sh [--quick]   (--quick: the normal build only)
set -euo pipefail
cd "$(dirname "$0")/.."
jobs=$(nproc)
run_build() {
  local dir=$1; shift
  cmake -S . -B "$dir" -G Ninja "$@" >/dev/null
  cmake --build "$dir" -j "$jobs"
  ctest --test-dir "$dir" --output-on-failure -j "$jobs"
}
echo "== normal build"
run_build build
if [ "${1:-}" != "--quick" ]; then
  echo "== address+undefined sanitizer build"
  ASAN_OPTIONS=detect_leaks=0 run_build build-asan -DGORO_SANITIZE=address,undefined
fi
