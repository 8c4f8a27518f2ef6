#!/usr/bin/env bash
# Scheduler benchmarks: Goro's scripts against the same programs
# in Go, run back to back in one go so that both see the same machine load.
#
#   bench/sched/run.sh [--quick] [--runs K] [--no-go] [BUILD_DIR]
#
#   spawn        ns per goroutine that sends one value and finishes
#   parked       bytes per goroutine blocked on a channel receive
#   roundtrip    ns per unbuffered ping-pong between two goroutines, at
#                GOMAXPROCS=1 and 2
#   gomaxprocs   us per runtime.GOMAXPROCS change (alternating 4 and 2)
#   fanin        ns per goroutine that sends one value to a consumer through
#                a channel of 1024 and calls wg.Done(), at GOMAXPROCS=2
#
# Every program runs with GOMAXPROCS=2 (the issue's 2 cores) except the
# GOMAXPROCS=1 round trip. Each (bench/sched/*.goro and *.go) prints one
# line "sched bench=NAME unit=U value=V ...": V is wall time (the median of
# several rounds in the process) and, for the timed ones, cpu= is the
# process's CPU time per operation (all threads, from /proc/self/stat),
# which a loaded machine disturbs much less; both are tabled. Goro's parked
# figure adds the bytes each G costs outside the collected heap
# (goro-bench-sched-parked, parked.cpp) to the script's HeapAlloc growth.
#
# --runs K (default 3; 1 with --quick) runs every program K times, each
# Goro run next to its Go run (Goro first in odd runs, Go first in even
# ones); the table shows each side's median and, as the ratio, the median
# of the K paired Goro/Go ratios. --quick runs small sizes in a few
# seconds, for ctest's sched_bench_smoke: only the exit status matters
# there, 0 when every program ran and printed its line (its CPU figures are
# below the 10 ms tick and mean nothing); timings are never checked.
#
# Needs BUILD_DIR/lang/goro and BUILD_DIR/bench/goro-bench-sched-parked
# (ninja -C BUILD_DIR goro goro-bench-sched-parked). Go (Debian's
# golang-go, see bench/setup.sh) is optional: without it, or with --no-go,
# only Goro's column is filled. Go builds offline (GOPROXY=off,
# GOTOOLCHAIN=local) with its cache under /tmp, never in $HOME.
set -uo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
quick=0
runs=""
usego=1
build=""
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) quick=1 ;;
    --runs) runs=${2:?--runs needs a count}; shift ;;
    --no-go) usego=0 ;;
    -h|--help) sed -n '2,36p' "$0"; exit 0 ;;
    -*) echo "sched/run.sh: unknown option $1" >&2; exit 2 ;;
    *) build=$1 ;;
  esac
  shift
done
build=${build:-$here/../../build}
goro=$build/lang/goro
cxx=$build/bench/goro-bench-sched-parked
for b in "$goro" "$cxx"; do
  if [ ! -x "$b" ]; then
    echo "sched/run.sh: $b not found; build it first: ninja -C $build goro goro-bench-sched-parked" >&2
    exit 1
  fi
done
if [ $quick -eq 1 ]; then runs=${runs:-1}; else runs=${runs:-3}; fi

# Sizes: N goroutines (spawn, parked), N round trips, M changes; rounds.
if [ $quick -eq 1 ]; then
  spawn_args="2000 3"; parked_n=2000; rt_args="2000 3"; gmp_args="50 3"
else
  spawn_args="100000 7"; parked_n=100000; rt_args="200000 7"; gmp_args="2000 5"
fi
if [ $quick -eq 1 ]; then fanin_args="2000 3"; else fanin_args="1000000 3"; fi
pagesize=$(getconf PAGESIZE 2>/dev/null || echo 4096)

out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

if [ $usego -eq 1 ] && ! command -v go >/dev/null 2>&1; then
  echo "sched/run.sh: no go command (bash bench/setup.sh installs golang-go): Goro only"
  usego=0
fi
if [ $usego -eq 1 ]; then
  gotmp=${TMPDIR:-/tmp}/goro-bench-go-$(id -u)
  export GOCACHE=$gotmp/cache GOPATH=$gotmp/path GOTOOLCHAIN=local GOPROXY=off GOFLAGS= GO111MODULE=auto
  for p in spawn parked roundtrip gomaxprocs fanin; do
    if ! go build -o "$out/$p" "$here/$p.go" "$here/harness.go"; then
      echo "sched/run.sh: go build $p.go failed: Goro only" >&2
      usego=0
      break
    fi
  done
  [ $usego -eq 1 ] && echo "$(go version)"
fi

status=0
# field LINE KEY: the value of KEY=... in LINE.
field() { tr ' ' '\n' <<<"$1" | sed -n "s/^$2=//p" | head -1; }
# measure SIDE NAME ENV... -- CMD...: runs it, appends its value to
# $out/SIDE.NAME, and keeps its line in $out/SIDE.NAME.line.
measure() {
  local side=$1 name=$2; shift 2
  local envs=()
  while [ "$1" != "--" ]; do envs+=("$1"); shift; done
  shift
  local line
  line=$(env "${envs[@]}" "$@" 2>"$out/err" | grep '^sched bench=' | tail -1)
  if [ -z "$line" ]; then
    echo "sched/run.sh: $side $name printed no result:" >&2
    sed 's/^/  /' "$out/err" | tail -5 >&2
    status=1
    return
  fi
  echo "  $side: $line"
  echo "$line" >"$out/$side.$name.line"
  local v
  if [ "$side" = goro ] && [ "$name" = parked ]; then
    v=$(awk -v h="$(field "$line" heap)" -v c="$cxxbytes" 'BEGIN { printf "%.0f", h + c }')
    echo "$(field "$line" rss)" >>"$out/$side.$name.rss"
  elif [ "$name" = parked ]; then
    v=$(field "$line" value)
    echo "$(field "$line" rss)" >>"$out/$side.$name.rss"
  else
    v=$(field "$line" value)
    echo "$(field "$line" cpu)" >>"$out/$side.$name.cpu"
  fi
  echo "$v" >>"$out/$side.$name"
}
median() { [ -s "$1" ] && sort -g "$1" | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }' || echo "-"; }
# pairedRatio GOROFILE GOFILE: the median over runs of Goro's value over
# Go's in the same run (each pair ran back to back, under the same load).
pairedRatio() {
  if [ ! -s "$1" ] || [ ! -s "$2" ]; then echo "-"; return; fi
  paste "$1" "$2" | awk '$2 > 0 { print $1 / $2 }' | sort -g |
    awk '{ a[NR] = $1 } END { if (NR == 0) print "-"; else print a[int((NR + 1) / 2)] }'
}

cxxline=$("$cxx" "$parked_n")
cxxbytes=$(field "$cxxline" value)
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "$cxxline"
for r in $(seq 1 "$runs"); do
  echo "run $r of $runs"
  # name  env  program  args; odd runs start with Goro, even ones with Go.
  while read -r name envv prog args; do
    if [ $usego -eq 1 ] && [ $((r % 2)) -eq 0 ]; then
      measure go "$name" $envv -- "$out/$prog" $args
    fi
    measure goro "$name" $envv -- "$goro" "$here/$prog.goro" $args
    if [ $usego -eq 1 ] && [ $((r % 2)) -eq 1 ]; then
      measure go "$name" $envv -- "$out/$prog" $args
    fi
  done <<EOT
spawn GOMAXPROCS=2 spawn $spawn_args
parked GOMAXPROCS=2 parked $parked_n $pagesize
roundtrip1 GOMAXPROCS=1 roundtrip $rt_args
roundtrip2 GOMAXPROCS=2 roundtrip $rt_args
gomaxprocs GOMAXPROCS=2 gomaxprocs $gmp_args
fanin GOMAXPROCS=2 fanin $fanin_args
EOT
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
echo

echo "== summary: medians of $runs run(s); ratio: the median of the runs' Goro / Go"
printf '%-36s %10s %10s %8s %-16s %s\n' benchmark Goro Go ratio target met?
# row NAME LABEL KIND LIMIT [SUFFIX]: KIND ratio (ratio <= LIMIT) or bytes
# (Goro <= LIMIT), on the medians of $out/SIDE.NAME$SUFFIX.
row() {
  local name=$1 label=$2 kind=$3 limit=$4 suffix=${5:-}
  local g o q
  g=$(median "$out/goro.$name$suffix"); o=$(median "$out/go.$name$suffix")
  q=$(pairedRatio "$out/goro.$name$suffix" "$out/go.$name$suffix")
  awk -v label="$label" -v g="$g" -v o="$o" -v q="$q" -v kind="$kind" -v limit="$limit" 'BEGIN {
    ratio = (q != "-") ? sprintf("%.2fx", q) : "-"
    if (kind == "ratio") {
      target = sprintf("<= %.1fx Go", limit)
      met = (ratio == "-") ? "-" : (q <= limit ? "yes" : "NO")
    } else {
      target = sprintf("<= %d B", limit)
      met = (g == "-") ? "-" : (g <= limit ? "yes" : "NO")
    }
    printf "%-36s %10s %10s %8s %-16s %s\n", label, g, o, ratio, target, met
  }'
}
row spawn "spawn, ns per goroutine" ratio 1.0
row parked "parked goroutine, bytes" bytes 700
row roundtrip1 "round trip, ns (GOMAXPROCS=1)" ratio 1.5
row roundtrip2 "round trip, ns (GOMAXPROCS=2)" ratio 1.5
row gomaxprocs "GOMAXPROCS change, us" ratio 1.0
row fanin "fan-in, ns per goroutine" ratio 1.0
echo
echo "== the same by CPU time (all threads) per operation, and the parked RSS cross-check"
printf '%-36s %10s %10s %8s %-16s %s\n' benchmark Goro Go ratio target met?
row spawn "spawn, CPU ns per goroutine" ratio 1.0 .cpu
row roundtrip1 "round trip, CPU ns (GOMAXPROCS=1)" ratio 1.5 .cpu
row roundtrip2 "round trip, CPU ns (GOMAXPROCS=2)" ratio 1.5 .cpu
row gomaxprocs "GOMAXPROCS change, CPU us" ratio 1.0 .cpu
row fanin "fan-in, CPU ns per goroutine" ratio 1.0 .cpu
row parked "parked goroutine, RSS growth, B" bytes 700 .rss
exit $status
