#!/usr/bin/env bash
# Scheduler benchmarks: Goro's scripts against the same programs in Go,
# each pair run under hyperfine in alternated rounds, and the table the
# README shows (bench/report.py makes it).
#
#   bench/sched/run.sh [--quick] [--runs K] [--warmup W] [--no-go]
#                      [--out DIR] [BUILD_DIR]
#
#   spawn        ns per goroutine that sends one value and finishes
#   parked       bytes per goroutine blocked on a channel receive
#   roundtrip    ns per unbuffered ping-pong between two goroutines, at
#                GOMAXPROCS=1 and 2
#   gomaxprocs   us per runtime.GOMAXPROCS change (alternating 4 and 2)
#   fanin        (when bench/sched/fanin.goro and fanin.go exist) 1M
#                goroutines, each sending one value into a channel of 1024
#                read by one consumer and calling wg.Done(), at GOMAXPROCS=2
#                and 1, one round per process: the issue's program, timed
#                as a whole process, and its own ns per goroutine
#
# Two measures of every run. Each program (bench/sched/*.goro and *.go)
# prints one line "sched bench=NAME unit=U value=V ...": V is the median
# of its rounds inside the process, per operation, with its warm-up and
# start-up left out, and cpu= is the process's CPU time per operation (all
# threads, /proc/self/stat). That line is the figure of the table, since it
# is what the benchmark is about (nanoseconds per spawn, bytes per parked
# goroutine). hyperfine times the same runs as whole processes, start-up
# and set-up included; those times go in the detailed table, and they are
# the main figure of fanin, whose shape is the whole program.
#
# Rounds: K calls of `hyperfine -N --runs 1 --output inherit` per program,
# each with the Goro and the Go command (Goro first in odd rounds, Go first
# in even ones), so every Goro run has a Go run beside it under the same
# load; the printed lines are read from hyperfine's output in the order it
# ran the commands. The first round adds W warm-up runs of each. The table
# gives each side's median over the rounds with the range, and as the ratio
# the median of the per-round Goro/Go ratios. Every program runs with
# GOMAXPROCS=2 except the GOMAXPROCS=1 rows. Goro's parked figure adds the
# bytes each G costs outside the collected heap (goro-bench-sched-parked,
# parked.cpp) to the script's HeapAlloc growth.
#
# Defaults: K=5, W=1, about two minutes. --quick runs small sizes, K=1,
# W=0, in a few seconds, for ctest's sched_bench_smoke: only the exit status
# matters there, 0 when every program ran and printed its line.
#
# Writes into DIR/sched (DIR defaults to bench/results, ignored by git):
# meta.json, raw/ (hyperfine's JSON and the printed lines of every round)
# and table.md; `python3 bench/report.py update README.md
# docs/benchmarks.md` puts the tables into the documents. Needs hyperfine,
# BUILD_DIR/lang/goro and BUILD_DIR/bench/goro-bench-sched-parked (ninja -C
# BUILD_DIR goro goro-bench-sched-parked). Go (Debian's golang-go, see
# bench/setup.sh) is optional: without it, or with --no-go, only Goro's
# column is filled. Go builds offline (GOPROXY=off, GOTOOLCHAIN=local) with
# its cache under /tmp, never in $HOME.
set -uo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
bench=$(dirname "$here")
quick=0 runs="" warmup="" usego=1 build="" results=""
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) quick=1 ;;
    --runs) runs=${2:?--runs needs a count}; shift ;;
    --warmup) warmup=${2:?--warmup needs a count}; shift ;;
    --no-go) usego=0 ;;
    --out) results=${2:?--out needs a directory}; shift ;;
    -h|--help) sed -n '2,51p' "$0"; exit 0 ;;
    -*) echo "sched/run.sh: unknown option $1" >&2; exit 2 ;;
    *) build=$1 ;;
  esac
  shift
done
build=${build:-$bench/../build}
results=${results:-$bench/results}
goro=$build/lang/goro
cxx=$build/bench/goro-bench-sched-parked
for b in "$goro" "$cxx"; do
  if [ ! -x "$b" ]; then
    echo "sched/run.sh: $b not found; build it first: ninja -C $build goro goro-bench-sched-parked" >&2
    exit 1
  fi
done
command -v hyperfine >/dev/null || { echo "sched/run.sh: no hyperfine (bash bench/setup.sh installs it)" >&2; exit 1; }
if [ $quick -eq 1 ]; then runs=${runs:-1}; warmup=${warmup:-0}; else runs=${runs:-5}; warmup=${warmup:-1}; fi
for n in "$runs" "$warmup"; do
  [[ "$n" =~ ^[0-9]+$ ]] || { echo "sched/run.sh: counts are whole numbers, not '$n'" >&2; exit 2; }
done
[ "$runs" -ge 1 ] || { echo "sched/run.sh: --runs must be at least 1" >&2; exit 2; }

# Sizes: N goroutines (spawn, parked), N round trips, M changes; rounds.
if [ $quick -eq 1 ]; then
  spawn_args="2000 3"; parked_n=2000; rt_args="2000 3"; gmp_args="50 3"; fanin_args="2000 1"
else
  spawn_args="100000 7"; parked_n=100000; rt_args="200000 7"; gmp_args="2000 5"; fanin_args="1000000 1"
fi
pagesize=$(getconf PAGESIZE 2>/dev/null || echo 4096)

bin=$(mktemp -d)
trap 'rm -rf "$bin"' EXIT
out=$results/sched
rm -rf "$out/raw" "$out/table.md"
mkdir -p "$out/raw"

programs=(spawn parked roundtrip gomaxprocs)
fanin=0
if [ -f "$here/fanin.goro" ] && [ -f "$here/fanin.go" ]; then fanin=1; programs+=(fanin); fi

if [ $usego -eq 1 ] && ! command -v go >/dev/null 2>&1; then
  echo "sched/run.sh: no go command (bash bench/setup.sh installs golang-go): Goro only"
  usego=0
fi
if [ $usego -eq 1 ]; then
  gotmp=${TMPDIR:-/tmp}/goro-bench-go-$(id -u)
  export GOCACHE=$gotmp/cache GOPATH=$gotmp/path GOTOOLCHAIN=local GOPROXY=off GOFLAGS= GO111MODULE=auto
  for p in "${programs[@]}"; do
    # Each program is built with the shared harness.go unless it stands alone.
    if ! go build -o "$bin/$p" "$here/$p.go" "$here/harness.go" 2>"$bin/err" &&
       ! go build -o "$bin/$p" "$here/$p.go" 2>>"$bin/err"; then
      echo "sched/run.sh: go build $p.go failed: Goro only" >&2
      sed 's/^/  /' "$bin/err" | tail -5 >&2
      usego=0
      break
    fi
  done
  [ $usego -eq 1 ] && go version
fi
python3 "$bench/report.py" meta "$out" --build "$build" --suite sched --set runs="$runs" \
  --set warmup="$warmup" --set quick="$quick" \
  --set peers="$( [ $usego -eq 1 ] && go version)" || exit 1

status=0
cmdline() { printf '%q ' "$@"; }
# measure NAME LINE_NEEDED ENV PROG ARGS...: K rounds of hyperfine with Goro
# and Go (when there is Go); each round's JSON and the printed lines go to
# raw/NAME.rNN.{json,lines}.
measure() {
  local name=$1 needline=$2 envv=$3 prog=$4; shift 4
  local gcmd ocmd r w tag cmds sides out1 lines i side
  gcmd=$(cmdline "$goro" "$here/$prog.goro" "$@")
  ocmd=$(cmdline "$bin/$prog" "$@")
  for r in $(seq 1 "$runs"); do
    w=0; [ "$r" -eq 1 ] && w=$warmup
    tag=$out/raw/$name.r$(printf %02d "$r")
    if [ $usego -eq 0 ]; then
      cmds=(-n goro "$gcmd"); sides=(goro)
    elif [ $((r % 2)) -eq 1 ]; then
      cmds=(-n goro "$gcmd" -n go "$ocmd"); sides=(goro go)
    else
      cmds=(-n go "$ocmd" -n goro "$gcmd"); sides=(go goro)
    fi
    if ! out1=$(env $envv hyperfine -N --style none --output inherit --warmup "$w" --runs 1 \
        --export-json "$tag.json" "${cmds[@]}" 2>"$bin/err"); then
      echo "sched/run.sh: $name failed in round $r:" >&2
      sed 's/^/  /' "$bin/err" | tail -5 >&2
      status=1
      return
    fi
    # Each command printed its line once per run, warm-ups first; the last
    # line of each command's block is the timed run's.
    mapfile -t lines < <(grep '^sched bench=' <<<"$out1")
    if [ "${#lines[@]}" -ne $(( ${#sides[@]} * (w + 1) )) ]; then
      if [ "$needline" = line ]; then
        echo "sched/run.sh: $name printed ${#lines[@]} result lines in round $r, not $(( ${#sides[@]} * (w + 1) ))" >&2
        sed 's/^/  /' "$bin/err" | tail -5 >&2
        status=1
        return
      fi
      continue
    fi
    : >"$tag.lines"
    for i in "${!sides[@]}"; do
      side=${sides[$i]}
      echo "$side ${lines[$(( (i + 1) * (w + 1) - 1 ))]}" >>"$tag.lines"
      echo "  $side: ${lines[$(( (i + 1) * (w + 1) - 1 ))]}"
    done
  done
}

cxxline=$("$cxx" "$parked_n") || { echo "sched/run.sh: $cxx failed" >&2; exit 1; }
echo "$cxxline" >"$out/raw/parked.cxx"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "$cxxline"
# name  line?  env  program  args
while read -r name needline envv prog args; do
  echo "$name ($envv): $runs round(s)"
  measure "$name" "$needline" "$envv" "$prog" $args
done <<EOT
spawn line GOMAXPROCS=2 spawn $spawn_args
parked line GOMAXPROCS=2 parked $parked_n $pagesize
roundtrip1 line GOMAXPROCS=1 roundtrip $rt_args
roundtrip2 line GOMAXPROCS=2 roundtrip $rt_args
gomaxprocs line GOMAXPROCS=2 gomaxprocs $gmp_args
EOT
# fanin (bench/sched/fanin.goro [N] [ROUNDS]): with one round the whole
# process is the issue's program.
if [ $fanin -eq 1 ]; then
  for procs in 2 1; do
    echo "fanin$procs (GOMAXPROCS=$procs): $runs round(s)"
    measure "fanin$procs" line "GOMAXPROCS=$procs" fanin $fanin_args
  done
fi
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
python3 "$bench/report.py" meta "$out" --finish || exit 1
python3 "$bench/report.py" table sched sched-detail --results "$results" >"$out/table.md" || status=1
echo
cat "$out/table.md"
echo
echo "(recorded in $out; python3 bench/report.py update README.md docs/benchmarks.md puts the tables in)"
exit $status
