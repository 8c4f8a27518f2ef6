#!/usr/bin/env bash
# Runs the fuzz_run regression inputs with the goro command of a normal
# build: each must end as a program does (any exit status, a panic, a
# deadlock, a compile error), never by a crash signal or a runtime throw
# ("runtime stack:" in its report, other than the heap limit's
# "fatal error: out of memory"). A program still running after 10 s is
# stopped and passes: without fuzz_run's step budget a fuzzed program may
# well run forever by its own logic (goroutine_chain_takes_no_steps.goro
# does), and fuzz_run is where hangs are judged. Each runs in a temporary
# directory with stdin from /dev/null.
# Usage: fuzz/check-with-goro.sh GORO DIR
set -uo pipefail
goro=$1 dir=$2
shopt -s nullglob
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failed=0 count=0
for input in "$dir"/*; do
  count=$((count + 1))
  (cd "$work" && timeout 10 "$goro" run --max-stack 8000000 --max-heap 64MiB "$input" </dev/null >/dev/null 2>"$work/stderr")
  status=$?
  why=""
  if [ $status -eq 124 ]; then
    echo "ok   $input (still running after 10 s: stopped)"
    continue
  elif [ $status -eq 126 ] || [ $status -eq 127 ]; then
    why="$goro could not be run"
  elif [ $status -gt 128 ]; then
    why="killed by signal $((status - 128))"
  elif grep -q '^\[signal ' "$work/stderr"; then
    why="a crash signal"
  elif grep -q '^runtime stack:' "$work/stderr" && ! grep -q '^fatal error: out of memory' "$work/stderr"; then
    why="a runtime throw"
  fi
  if [ -n "$why" ]; then
    echo "FAIL $input: $why (status $status)"
    head -c 4000 "$work/stderr"
    failed=1
  else
    echo "ok   $input (status $status)"
  fi
done
echo "$count inputs checked"
exit $failed
