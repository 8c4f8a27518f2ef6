#!/usr/bin/env bash
# tests/lang/run_golden.sh GORO SCRIPT.goro: runs one golden script and
# checks it against the expectations written in its comments, as Go's
# examples carry theirs:
#
#   // Output:            the following `// ` lines are the exact stdout
#   // hello              (a bare `//` is an empty line); the block ends at
#   //                    the first line that is not a comment, or at one
#   // Exit: 2            of these: the expected exit status (default 0),
#   // Stderr: REGEX      an extended regex that some stderr line must match
#                         (repeatable; with none, stderr must be empty),
#   // NotStderr: REGEX   an extended regex that no stderr line may match
#                         (repeatable),
#   // Args: a b c        arguments passed after the script (os.Args),
#   // Flags: --max-stack 65536   goro flags passed before the script,
#   // Env: NAME=VALUE    environment for goro (repeatable),
#   // Stdin: TEXT        a line of goro's standard input, TEXT and a newline
#                         (repeatable, in order; `// Stdin:` alone is an
#                         empty line). Without one, stdin is left as given.
#
# A process killed by a signal has exit status 128+N (SIGABRT: 134); no
# core file is written (ulimit -c 0).
#
# Extra environment for goro can be given to ctest (GORO_GC_STRESS=1 runs
# the same script with a collection at every allocation).
set -u
goro=$1
script=$2
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT

"$(dirname "$0")/expected_output.sh" "$script" > "$dir/want.out"
want_exit=$(sed -n 's|^// Exit: *\([0-9]*\).*|\1|p' "$script" | head -n1)
want_exit=${want_exit:-0}
args=$(sed -n 's|^// Args: *||p' "$script" | head -n1)
flags=$(sed -n 's|^// Flags: *||p' "$script" | head -n1)
grep '^// Stderr: ' "$script" | sed 's|^// Stderr: ||' > "$dir/want.err"
grep '^// NotStderr: ' "$script" | sed 's|^// NotStderr: ||' > "$dir/unwanted.err"
envs=()
while IFS= read -r e; do envs+=("$e"); done < <(sed -n 's|^// Env: *||p' "$script")

ulimit -c 0
run_goro() {
  # shellcheck disable=SC2086
  env "${envs[@]}" timeout 120 "$goro" $flags "$script" $args > "$dir/got.out" 2> "$dir/got.err"
}
if grep -q '^// Stdin:' "$script"; then
  sed -n 's|^// Stdin: \{0,1\}||p' "$script" > "$dir/stdin"
  run_goro < "$dir/stdin"
else
  run_goro
fi
got_exit=$?

fail=0
if ! cmp -s "$dir/want.out" "$dir/got.out"; then
  echo "FAIL: stdout differs (want vs got):"
  diff "$dir/want.out" "$dir/got.out" | head -n 40
  fail=1
fi
if [ "$got_exit" != "$want_exit" ]; then
  echo "FAIL: exit status $got_exit, want $want_exit"
  fail=1
fi
if [ -s "$dir/want.err" ]; then
  while IFS= read -r re; do
    if ! grep -Eq -- "$re" "$dir/got.err"; then
      echo "FAIL: no stderr line matches: $re"
      fail=1
    fi
  done < "$dir/want.err"
elif [ -s "$dir/got.err" ]; then
  echo "FAIL: unexpected stderr"
  fail=1
fi
while IFS= read -r re; do
  if grep -Eq -- "$re" "$dir/got.err"; then
    echo "FAIL: a stderr line matches: $re"
    fail=1
  fi
done < "$dir/unwanted.err"

if [ "$fail" != 0 ]; then
  echo "--- stderr:"
  head -n 40 "$dir/got.err"
  exit 1
fi
exit 0
