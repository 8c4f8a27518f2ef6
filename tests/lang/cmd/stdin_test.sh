#!/usr/bin/env bash
# tests/lang/cmd/stdin_test.sh GORO: programs read from standard input,
# `goro -` and `goro` with no arguments when standard input is not a
# terminal (lang/cmd/goro.cpp). Each case gives the program on standard
# input and checks, as run_golden.sh does for scripts, the exact standard
# output, the exit status, and an extended regex that some line of standard
# error must match (or that standard error is empty).
set -u
goro=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")  # absolute: one case runs elsewhere
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
failures=0
cases=0

# check NAME STATUS STDOUT STDERR_REGEX COMMAND... < program
#   STDERR_REGEX "" means standard error must be empty.
check() {
  local name=$1 want_status=$2 want_out=$3 want_err=$4
  shift 4
  cases=$((cases + 1))
  timeout 60 "$@" > "$dir/out" 2> "$dir/err"
  local status=$? fail=0
  if [ "$(cat "$dir/out")" != "$want_out" ]; then
    echo "FAIL $name: stdout differs, want:"; echo "$want_out"; echo "got:"; cat "$dir/out"; fail=1
  fi
  if [ "$status" != "$want_status" ]; then
    echo "FAIL $name: exit status $status, want $want_status"; fail=1
  fi
  if [ -z "$want_err" ]; then
    if [ -s "$dir/err" ]; then echo "FAIL $name: unexpected stderr:"; cat "$dir/err"; fail=1; fi
  elif ! grep -Eq -- "$want_err" "$dir/err"; then
    echo "FAIL $name: no stderr line matches $want_err; stderr:"; cat "$dir/err"; fail=1
  fi
  [ "$fail" = 0 ] && echo "ok   $name" || failures=$((failures + 1))
}

cat > "$dir/args.goro" <<'EOF'
func main() {
	fmt.Println("args", os.Args, len(os.Args))
	sum := 0
	for i := 1; i <= 10; i++ {
		sum += i
	}
	fmt.Println("sum", sum)
}
EOF
check "goro - passes the arguments after it as os.Args" 0 $'args [a b] 2\nsum 55' "" \
  "$goro" - a b < "$dir/args.goro"
check "goro with no arguments runs a piped program" 0 $'args [] 0\nsum 55' "" \
  bash -c '"$0" < "$1"' "$goro" "$dir/args.goro"
check "a pipe works as a redirection does" 0 $'args [] 0\nsum 55' "" \
  bash -c 'cat "$1" | "$0"' "$goro" "$dir/args.goro"
check "goro run - and flags before it" 0 $'3' "" \
  bash -c 'echo "fmt.Println(runtime.GOMAXPROCS(0))" | "$0" run --gomaxprocs 3 -' "$goro"
check "an empty standard input is an empty program" 0 "" "" \
  "$goro" < /dev/null

printf 'x := 1\nfmt.Println(x +)\n' > "$dir/syntax.goro"
check "a syntax error names <stdin> and exits 2" 2 "" '^<stdin>:2:[0-9]+: syntax error: ' \
  "$goro" - < "$dir/syntax.goro"
check "the same without -" 2 "" '^<stdin>:2:[0-9]+: syntax error: ' \
  bash -c '"$0" < "$1"' "$goro" "$dir/syntax.goro"
printf 'fmt.Println(undefinedName)\n' > "$dir/undefined.goro"
check "a compile error names <stdin>" 2 "" '^<stdin>:1:13: undefined: undefinedName$' \
  "$goro" - < "$dir/undefined.goro"

cat > "$dir/panic.goro" <<'EOF'
fmt.Println("before")
func fail() {
	panic("from standard input")
}
fail()
EOF
check "a panic's traceback names <stdin>" 2 "before" '^	<stdin>:3' \
  "$goro" - < "$dir/panic.goro"
check "the panic message" 2 "before" '^panic: from standard input' \
  "$goro" - < "$dir/panic.goro"

check "goro disasm - lists the program read from standard input" 0 \
  "$(cd "$dir" && "$goro" disasm args.goro)" "" \
  "$goro" disasm - < "$dir/args.goro"
check "goro disasm without a file is a usage error" 2 "" '^goro: disasm needs a FILE' \
  "$goro" disasm

echo "$((cases - failures)) passed, $failures failed"
[ "$failures" = 0 ]
