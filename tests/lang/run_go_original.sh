#!/usr/bin/env bash
# tests/lang/run_go_original.sh GO NAME.go NAME.goro: runs the Go original of
# a ported example (tests/lang/examples/) with the Go toolchain and checks
# that it prints exactly the `// Output:` block of its Goro port, so the
# expected output is Go's own and not what Goro happens to print. Run by
# ctest only where `go` is installed (Debian's golang-go, Go 1.19).
set -u
go=$1
original=$2
port=$3
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT

"$(dirname "$0")/expected_output.sh" "$port" > "$dir/want.out"
# `// Stdin: LINE` comments of the port (one line each) are the input.
sed -n 's|^// Stdin: \{0,1\}||p' "$port" > "$dir/stdin"
# Module mode needs a go.mod; a single file runs in GOPATH mode. The build
# cache goes to a private directory so that a read-only home does no harm.
GO111MODULE=off GOFLAGS= GOCACHE="${GORO_GOCACHE:-$dir/cache}" \
  timeout 300 "$go" run "$original" > "$dir/got.out" 2> "$dir/got.err" < "$dir/stdin"
status=$?
if [ "$status" != 0 ]; then
  echo "FAIL: go run $original exited with status $status"
  head -n 40 "$dir/got.err"
  exit 1
fi
if ! cmp -s "$dir/want.out" "$dir/got.out"; then
  echo "FAIL: Go's output differs from the port's Output block (port vs Go):"
  diff "$dir/want.out" "$dir/got.out" | head -n 40
  exit 1
fi
exit 0
