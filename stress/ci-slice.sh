#!/usr/bin/env bash
# stress/ci-slice.sh BUILD_DIR [--sanitizer]: the bounded slice of stress
# runs that CI makes (about two minutes in all), through goro-stress itself.
#
#   normal build: allp-race in every mode (m and persistent must survive, m
#                 naming the roots that kept the array; stack must be caught)
#                 and one minute of churn in m mode with findrunnabledelay,
#                 two runs at a time under the runner;
#   --sanitizer:  allp-race -mode stack in an address-sanitizer build, where
#                 the sanitizer itself must report the heap-use-after-free,
#                 then the sanitized slice below;
#   --thread-sanitizer: the sanitized slice below in a thread-sanitizer
#                 build (stack mode's stale read is no data race, and TSan
#                 does not see reads of freed memory: not run there).
#
# The sanitized slice (about 20 s in either build, 2 cores, loaded):
# allp-race -mode m and -mode persistent, which must survive, and 20 s of
# churn in m mode (runs of 5 s, two at a time, under the runner). Any
# sanitizer report fails it: ASan and UBSan end the process
# (-fno-sanitize-recover), and so does TSan with halt_on_error=1, added to
# TSAN_OPTIONS here (a process that ends by _exit never gets to TSan's exit
# code 66 for "reports were made"); allp-race's output is also searched
# for a report, since there the child that reads is not the process that
# exits.
set -euo pipefail
build=$1
stress=$build/stress/goro-stress
fail() { echo "ci-slice: $*" >&2; exit 1; }

# The slice for the sanitizer builds (see above).
sanitized_slice() {
  local mode out
  for mode in m persistent; do
    out=$("$stress" scenario allp-race -mode "$mode" 2>&1) || { echo "$out"; fail "allp-race -mode $mode failed"; }
    ! echo "$out" | grep -q "WARNING: ThreadSanitizer" || { echo "$out"; fail "allp-race -mode $mode: a TSan report"; }
    echo "allp-race -mode $mode: $(echo "$out" | tail -n 1)"
  done
  out=$("$stress" -p 2 -duration 20s -timeout 2m -- \
    "$stress" scenario churn -mode m -duration 5s -grow-to 32 -max-procs 32 -gc-every 20 2>&1) ||
    { echo "$out"; fail "churn in m mode failed"; }
  echo "churn -mode m: $(echo "$out" | tail -n 1)"
}

if [ "${2:-}" = "--sanitizer" ]; then
  out=$("$stress" scenario allp-race -mode stack -reuse=false 2>&1) || { echo "$out"; fail "allp-race -mode stack failed"; }
  echo "$out" | tail -n 1
  echo "$out" | grep -q "detected by AddressSanitizer (heap-use-after-free)" ||
    { echo "$out"; fail "the sanitizer did not report the stale read"; }
  sanitized_slice
  exit 0
fi
if [ "${2:-}" = "--thread-sanitizer" ]; then
  export TSAN_OPTIONS="${TSAN_OPTIONS:-} halt_on_error=1"
  sanitized_slice
  exit 0
fi

for mode in m persistent stack; do
  out=$("$stress" scenario allp-race -mode "$mode" 2>&1) || { echo "$out"; fail "allp-race -mode $mode failed"; }
  echo "allp-race -mode $mode: $(echo "$out" | tail -n 1)"
done
"$stress" -p 2 -duration 60s -timeout 2m -- \
  "$stress" scenario churn -mode m -findrunnabledelay 50 -duration 10s -grow-to 200 -max-procs 64 -gc-every 20 \
  || fail "churn in m mode failed"
