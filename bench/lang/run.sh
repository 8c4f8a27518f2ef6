#!/usr/bin/env bash
# Runs the language benchmarks in Goro, Lua 5.4 and Python 3 in one go and
# prints each time and the ratio Goro/Lua (the targets: fib and loop <= 1.0,
# binary-trees <= 0.7). Outputs are compared across the three
# (whitespace-normalised) so a wrong answer is not timed as a fast one.
#
# Usage: bench/lang/run.sh [--quick] [BUILD_DIR]
#   --quick  only fib, with binary-trees at depth 12 (a few seconds)
# Install the peers first with bench/setup.sh.
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
quick=0
if [ "${1:-}" = "--quick" ]; then quick=1; shift; fi
build=${1:-$here/../../build}
goro=$build/lang/goro
[ -x "$goro" ] || { echo "bench/lang: $goro not built" >&2; exit 1; }

now() { date +%s.%N; }
# run LABEL CMD... : prints seconds, leaves stdout in $out
run() {
  local t0 t1
  t0=$(now)
  out=$("$@" 2>/dev/null | tr -s ' \t' '  ')
  local rc=${PIPESTATUS[0]}
  t1=$(now)
  secs=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", b - a }')
  return "$rc"
}

if [ $quick -eq 1 ]; then
  programs=("fib" "binary_trees 12")
else
  programs=("fib" "loop" "binary_trees 17" "nbody" "strmap")
fi
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-16s %9s %9s %9s %10s %s\n' program goro lua5.4 python3 goro/lua check
status=0
for p in "${programs[@]}"; do
  read -r name arg <<<"$p"
  args=(); [ -n "${arg:-}" ] && args=("$arg")
  run "$goro" "$here/$name.goro" "${args[@]}"; g=$secs; gout=$out
  l="-"; lout=""; py="-"; pout=""
  if command -v lua5.4 >/dev/null; then run lua5.4 "$here/$name.lua" "${args[@]}"; l=$secs; lout=$out; fi
  if command -v python3 >/dev/null; then run python3 "$here/$name.py" "${args[@]}"; py=$secs; pout=$out; fi
  check=ok
  if [ -n "$lout" ] && [ "$gout" != "$lout" ]; then check="MISMATCH with lua"; status=1; fi
  if [ -n "$pout" ] && [ "$gout" != "$pout" ]; then check="MISMATCH with python"; status=1; fi
  ratio=$(awk -v g="$g" -v l="$l" 'BEGIN { if (l == "-" || l == 0) print "-"; else printf "%.2fx", g / l }')
  printf '%-16s %9s %9s %9s %10s %s\n' "$name${arg:+($arg)}" "$g" "$l" "$py" "$ratio" "$check"
done
exit $status
