#!/usr/bin/env bash
# Builds Goro and runs its tests:
#   build/        the normal build (RelWithDebInfo): every test, then the
#                 stress slice (stress/ci-slice.sh: allp-race in every mode,
#                 a minute of churn under goro-stress)
#   build-asan/   address + undefined-behaviour sanitizers: every test, with
#                 the interpreter's switch dispatch (GORO_SWITCH_DISPATCH),
#                 so the fallback is tested without a fourth build, then
#                 allp-race -mode stack, reported by the sanitizer itself
#                 (not the docs tests: a walkthrough shows the normal
#                 build's output, where the runtime's own check reports),
#                 and the sanitized stress slice (about 20 s)
#   build-tsan/   thread sanitizer: the runtime, allocator, collector and
#                 scheduler unit tests (the code that runs on many threads)
#                 and the concurrency scripts (tests/lang/goports and
#                 golden/concurrency) run by the interpreter, then the
#                 sanitized stress slice (about 20 s; stress/ci-slice.sh)
#   build-fuzz/   clang with libFuzzer (scripts/fuzz-ci.sh): the fuzz
#                 targets' regression inputs, then a minute of fuzzing per
#                 target (fuzz/README.md)
# Usage: scripts/test.sh [--quick]   (--quick: the normal build only)
set -euo pipefail
cd "$(dirname "$0")/.."
jobs=$(nproc)
# run_build DIR "CMAKE ARGS" [CTEST ARGS...]
run_build() {
  local dir=$1 cmake_args=$2; shift 2
  # shellcheck disable=SC2086
  cmake -S . -B "$dir" -G Ninja $cmake_args >/dev/null
  cmake --build "$dir" -j "$jobs"
  ctest --test-dir "$dir" --output-on-failure -j "$jobs" "$@"
}
echo "== normal build"
run_build build ""
echo "== stress slice (stress/ci-slice.sh)"
bash stress/ci-slice.sh build
if [ "${1:-}" != "--quick" ]; then
  # The collected heap is mimalloc memory, which LeakSanitizer does not see;
  # the runtime's own never-freed singletons are intentional.
  export ASAN_OPTIONS=detect_leaks=0
  echo "== address+undefined sanitizer build"
  run_build build-asan "-DGORO_SANITIZE=address,undefined -DGORO_SWITCH_DISPATCH=ON" -LE 'bench|docs'
  bash stress/ci-slice.sh build-asan --sanitizer
  echo "== thread sanitizer build"
  run_build build-tsan "-DGORO_SANITIZE=thread" -L 'runtime|alloc|gc|sched|concurrency' -LE gcstress
  bash stress/ci-slice.sh build-tsan --thread-sanitizer
  # The fuzz targets' own memory is malloc's: leaks there are bugs, and
  # libFuzzer looks for them after an input that allocated more than it freed.
  echo "== fuzzing (scripts/fuzz-ci.sh)"
  env -u ASAN_OPTIONS bash scripts/fuzz-ci.sh
fi
