#!/usr/bin/env bash
# tests/lang/cmd/sigquit_test.sh GORO: SIGQUIT sent to a goro process with
# several Ms (four goroutines spinning on four Ps, main blocked in a select
# with no cases) dumps, as Go does: `SIGQUIT: quit`, every goroutine with
# its status, then each M's native stack under its header line, and exits
# with status 2. Every M of the process, sysmon included, must appear with
# at least one frame, and none may have failed to answer.
set -u
goro=$1
dir=$(mktemp -d)
pid=
trap '[ -n "$pid" ] && kill -KILL "$pid" 2>/dev/null; rm -rf "$dir"' EXIT

cat > "$dir/spin.goro" <<'GORO'
func spin() {
    n := 0
    for {
        n++
    }
}

func main() {
    runtime.GOMAXPROCS(4)
    for range 4 {
        go spin()
    }
    select {}
}
GORO

fail() {
  echo "FAIL: $*"
  echo "--- stderr:"
  head -n 80 "$dir/err"
  exit 1
}

"$goro" "$dir/spin.goro" > "$dir/out" 2> "$dir/err" &
pid=$!
# Wait until the four spinners have their Ms: M0, sysmon and at least three
# more threads (the spinners' Ms besides M0).
for _ in $(seq 1 200); do
  threads=$(ls "/proc/$pid/task" 2>/dev/null | wc -l)
  [ "$threads" -ge 5 ] && break
  sleep 0.05
done
[ "${threads:-0}" -ge 5 ] || fail "only ${threads:-0} threads after 10 s"
sleep 0.2
kill -QUIT "$pid"
wait "$pid"
status=$?
pid=
[ "$status" = 2 ] || fail "exit status $status, want 2"

grep -q '^SIGQUIT: quit$' "$dir/err" || fail "no SIGQUIT header"
grep -q '^goroutine 1 \[select (no cases)\]:$' "$dir/err" || fail "no goroutine 1 [select (no cases)]"
grep -Eq '^goroutine [0-9]+ \[(running|runnable)\]:$' "$dir/err" || fail "no running or runnable spinner"
grep -q '^created by main\.main in goroutine 1$' "$dir/err" || fail "no created-by line"
grep -q 'did not answer\|did not finish' "$dir/err" && fail "an M did not answer"

# Every M id from 0 to the highest printed has a header and a frame below it.
ids=$(sed -nE 's/^M([0-9]+) \(thread [0-9]+, .*\):$/\1/p' "$dir/err" | sort -n)
count=$(echo "$ids" | grep -c .)
[ "$count" -ge 4 ] || fail "only $count M headers"
max=$(echo "$ids" | tail -n1)
[ "$count" = $((max + 1)) ] || fail "M headers $(echo $ids) are not M0..M$max"
grep -Eq '^M[0-9]+ \(thread [0-9]+, sysmon\):$' "$dir/err" || fail "no sysmon header"
awk '
  /^M[0-9]+ \(thread / { if (m != "" && !frames) { print "no frames under " m; bad = 1 } m = $1; frames = 0; next }
  m != "" && /^\tpc=0x/ { frames = 1 }
  /^runtime stack:$/ { if (m != "" && !frames) { print "no frames under " m; bad = 1 } m = "" }
  END { exit bad }
' "$dir/err" || fail "an M header without frames"
echo "ok: $count Ms dumped"
exit 0
