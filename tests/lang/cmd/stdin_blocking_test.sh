#!/usr/bin/env bash
# tests/lang/cmd/stdin_blocking_test.sh GORO: a goroutine waiting in
# bufio.Scanner's read of standard input gives its P to the others
# (lang/lib/bufio.cpp, BlockingCall). With GOMAXPROCS 1, main can only
# print its line while the reader waits if the read freed the one P; the
# test reads that line before it writes anything to goro's standard input,
# so a read that held the P would hang (and time out) instead.
set -u
goro=$1
dir=$(mktemp -d)
pid=""
trap 'rm -rf "$dir"; [ -n "$pid" ] && kill "$pid" 2> /dev/null' EXIT
cat > "$dir/prog.goro" <<'GORO'
runtime.GOMAXPROCS(1)
got := make(chan)
go func() {
    sc := bufio.NewScanner(os.Stdin)
    sc.Scan()
    got <- sc.Text()
}()
for i := 0; i < 100; i++ { runtime.Gosched() }
println("main runs while the reader waits")
fmt.Println("read:", <-got)
GORO
coproc { "$goro" "$dir/prog.goro" 2>&1; }
pid=$COPROC_PID
# Our own copies: bash forgets COPROC's descriptors once goro exits.
exec {from_goro}<&"${COPROC[0]}" {to_goro}>&"${COPROC[1]}"
if ! IFS= read -r -t 60 line <&"$from_goro"; then
  echo "FAIL: no line from main within 60s: the read held the P"
  exit 1
fi
if [ "$line" != "main runs while the reader waits" ]; then
  echo "FAIL: unexpected first line: $line"
  exit 1
fi
echo "hello" >&"$to_goro"
if ! IFS= read -r -t 60 line <&"$from_goro" || [ "$line" != "read: hello" ]; then
  echo "FAIL: want 'read: hello', got '${line:-}'"
  exit 1
fi
wait "$pid" || { echo "FAIL: goro exited with status $?"; exit 1; }
echo "ok: main ran while the reader waited in read(2)"
