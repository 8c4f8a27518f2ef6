#!/usr/bin/env bash
# stress/ci-slice.sh BUILD_DIR [--sanitizer]: the bounded slice of stress
# runs that CI makes (about two minutes in all), through goro-stress itself.
#
#   normal build: allp-race in every mode (m and persistent must survive, m
#                 naming the roots that kept the array; stack must be caught)
#                 and one minute of churn in m mode with findrunnabledelay,
#                 two runs at a time under the runner;
#   --sanitizer:  allp-race -mode stack in an address-sanitizer build, where
#                 the sanitizer itself must report the heap-use-after-free.
set -euo pipefail
build=$1
stress=$build/stress/goro-stress
fail() { echo "ci-slice: $*" >&2; exit 1; }

if [ "${2:-}" = "--sanitizer" ]; then
  out=$("$stress" scenario allp-race -mode stack -reuse=false 2>&1) || { echo "$out"; fail "allp-race -mode stack failed"; }
  echo "$out" | tail -n 1
  echo "$out" | grep -q "detected by AddressSanitizer (heap-use-after-free)" ||
    { echo "$out"; fail "the sanitizer did not report the stale read"; }
  exit 0
fi

for mode in m persistent stack; do
  out=$("$stress" scenario allp-race -mode "$mode" 2>&1) || { echo "$out"; fail "allp-race -mode $mode failed"; }
  echo "allp-race -mode $mode: $(echo "$out" | tail -n 1)"
done
"$stress" -p 2 -duration 60s -timeout 2m -- \
  "$stress" scenario churn -mode m -findrunnabledelay 50 -duration 10s -grow-to 200 -max-procs 64 -gc-every 20 \
  || fail "churn in m mode failed"
