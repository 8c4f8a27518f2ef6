#!/usr/bin/env bash
# The language benchmarks in Goro, Lua 5.4, LuaJIT's interpreter and
# Python 3, timed with hyperfine (whole process, wall and CPU time), and the
# table the README shows (bench/report.py makes it from hyperfine's JSON).
#
#   bench/lang/run.sh [--quick] [--runs K] [--warmup W] [--python-runs P]
#                     [--no-python] [--out DIR] [BUILD_DIR]
#
# First every program runs once in each language and the outputs are
# compared (whitespace-normalised): a program whose answer differs from
# Goro's is reported and not timed, so a wrong answer never passes for a
# fast one. LuaJIT runs the same .lua files with its compiler off
# (`luajit -joff`, the interpreter: the peer of the fib target), where it
# can: it has no integers (the loop's i*i passes 2^53 and its sum comes
# out wrong) and no Lua 5.4 syntax (binary-trees' <const>), so a program
# whose LuaJIT output differs only loses that column (raw/NAME.luajit
# says why). Then, per program, K rounds: each round is one call of
# `hyperfine -N --runs 1` with Goro, Lua and LuaJIT, their order rotated
# by one each round, so that each Goro run has its peers' runs taken next
# to it, under the same load; the first round adds W warm-up runs of each
# (hyperfine's --warmup). The table gives each side's median over the
# rounds with the range, and Goro/Lua and Goro/LuaJIT as the medians of
# the per-round ratios. Python 3 is context, not a peer, and slow (the loop
# takes 20 s): it is timed apart, in one hyperfine call of P runs
# (default 1).
#
# Defaults: K=5, W=1, about 7 minutes on the 2-core machine (binary-trees in
# Lua is most of it). --quick: fib and binary-trees at depth 12, K=2, W=0,
# a few seconds; its figures mean nothing.
#
# Writes into DIR/lang (DIR defaults to bench/results, which git ignores):
# meta.json (processor, build type, commit, date, load average before and
# after), raw/ (hyperfine's JSON of every round, the output checks) and
# table.md; `python3 bench/report.py update README.md docs/benchmarks.md`
# then puts the tables into the documents. Needs hyperfine, lua5.4, luajit
# and python3 (bash bench/setup.sh installs them); without lua5.4, luajit
# or python3 their columns stay empty. Exit status 1 when Lua's or
# Python's output differs from Goro's, or a run fails.
set -uo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
bench=$(dirname "$here")
quick=0 runs="" warmup="" pyruns=1 usepy=1 results="" build=""
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) quick=1 ;;
    --runs) runs=${2:?--runs needs a count}; shift ;;
    --warmup) warmup=${2:?--warmup needs a count}; shift ;;
    --python-runs) pyruns=${2:?--python-runs needs a count}; shift ;;
    --no-python) usepy=0 ;;
    --out) results=${2:?--out needs a directory}; shift ;;
    -h|--help) sed -n '2,38p' "$0"; exit 0 ;;
    -*) echo "lang/run.sh: unknown option $1" >&2; exit 2 ;;
    *) build=$1 ;;
  esac
  shift
done
build=${build:-$bench/../build}
results=${results:-$bench/results}
goro=$build/lang/goro
[ -x "$goro" ] || { echo "lang/run.sh: $goro not built (ninja -C $build goro)" >&2; exit 1; }
command -v hyperfine >/dev/null || { echo "lang/run.sh: no hyperfine (bash bench/setup.sh installs it)" >&2; exit 1; }
if [ $quick -eq 1 ]; then runs=${runs:-2}; warmup=${warmup:-0}; else runs=${runs:-5}; warmup=${warmup:-1}; fi
for n in "$runs" "$warmup" "$pyruns"; do
  [[ "$n" =~ ^[0-9]+$ ]] || { echo "lang/run.sh: counts are whole numbers, not '$n'" >&2; exit 2; }
done
[ "$runs" -ge 1 ] || { echo "lang/run.sh: --runs must be at least 1" >&2; exit 2; }
uselua=1
command -v lua5.4 >/dev/null || { echo "lang/run.sh: no lua5.4: no Lua column"; uselua=0; }
usejit=1
command -v luajit >/dev/null || { echo "lang/run.sh: no luajit: no LuaJIT column"; usejit=0; }
if [ $usepy -eq 1 ] && ! command -v python3 >/dev/null; then usepy=0; fi
if [ $usepy -eq 1 ] && [ "$pyruns" -eq 0 ]; then usepy=0; fi

if [ $quick -eq 1 ]; then
  programs=("fib" "binary_trees 12")
else
  programs=("fib" "loop" "loop_toplevel" "binary_trees 17" "nbody" "strmap")
fi

out=$results/lang
rm -rf "$out/raw" "$out/table.md"
mkdir -p "$out/raw"
peers="$( [ $uselua -eq 1 ] && lua5.4 -v 2>&1 | head -1 | cut -d' ' -f1-2); $( [ $usejit -eq 1 ] && luajit -v 2>&1 | head -1 | cut -d' ' -f1-2) -joff; $( [ $usepy -eq 1 ] && python3 --version)"
python3 "$bench/report.py" meta "$out" --build "$build" --suite lang --set runs="$runs" \
  --set warmup="$warmup" --set quick="$quick" --set python_runs="$pyruns" --set peers="$peers" || exit 1
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"

# cmdline PROGRAM ARGS...: one hyperfine -N command line (hyperfine splits
# it as a POSIX shell would, so the words are quoted).
cmdline() { printf '%q ' "$@"; }
# output PROGRAM ARGS...: the program's stdout, whitespace-normalised.
output() { "$@" 2>/dev/null | tr -s ' \t' '  '; }

status=0
for p in "${programs[@]}"; do
  read -r name arg <<<"$p"
  args=(); [ -n "${arg:-}" ] && args=("$arg")
  gcmd=("$goro" "$here/$name.goro" "${args[@]}")
  lcmd=(lua5.4 "$here/$name.lua" "${args[@]}")
  jcmd=(luajit -joff "$here/$name.lua" "${args[@]}")
  pcmd=(python3 "$here/$name.py" "${args[@]}")

  gout=$(output "${gcmd[@]}"); grc=$?
  check=ok
  if [ $grc -ne 0 ] || [ -z "$gout" ]; then check="goro failed or printed nothing"; fi
  if [ "$check" = ok ] && [ $uselua -eq 1 ] && [ "$(output "${lcmd[@]}")" != "$gout" ]; then
    check="output differs from Lua's"
  fi
  if [ "$check" = ok ] && [ $usepy -eq 1 ] && [ "$(output "${pcmd[@]}")" != "$gout" ]; then
    check="output differs from Python's"
  fi
  echo "$check" >"$out/raw/$name.check"
  echo "${arg:-}" >"$out/raw/$name.args"
  if [ "$check" != ok ]; then
    echo "$name: $check: not timed" >&2
    status=1
    continue
  fi

  # LuaJIT is a peer of this program only when its answer is Goro's.
  jit=0
  if [ $usejit -eq 1 ]; then
    if [ "$(output "${jcmd[@]}")" = "$gout" ]; then
      jit=1; echo ok >"$out/raw/$name.luajit"
    else
      echo "output differs from Goro's" >"$out/raw/$name.luajit"
    fi
  fi

  echo "$name: $runs round(s)"
  sides=(goro); [ $uselua -eq 1 ] && sides+=(lua5.4); [ $jit -eq 1 ] && sides+=(luajit)
  for r in $(seq 1 "$runs"); do
    cmds=()
    for j in $(seq 0 $((${#sides[@]} - 1))); do
      side=${sides[$(((j + r - 1) % ${#sides[@]}))]}
      case $side in
        goro) cmds+=(-n goro "$(cmdline "${gcmd[@]}")") ;;
        lua5.4) cmds+=(-n lua5.4 "$(cmdline "${lcmd[@]}")") ;;
        luajit) cmds+=(-n luajit "$(cmdline "${jcmd[@]}")") ;;
      esac
    done
    w=0; [ "$r" -eq 1 ] && w=$warmup
    if ! hyperfine -N --style none --warmup "$w" --runs 1 \
        --export-json "$out/raw/$name.r$(printf %02d "$r").json" "${cmds[@]}"; then
      echo "$name: a run failed in round $r" >&2
      status=1
      break
    fi
  done
  if [ $usepy -eq 1 ]; then
    hyperfine -N --style none --runs "$pyruns" --export-json "$out/raw/$name.extra.json" \
      -n python3 "$(cmdline "${pcmd[@]}")" || { echo "$name: python3 failed" >&2; status=1; }
  fi
done

echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
python3 "$bench/report.py" meta "$out" --finish || exit 1
python3 "$bench/report.py" table lang lang-detail --results "$results" >"$out/table.md" || status=1
echo
cat "$out/table.md"
echo
echo "(recorded in $out; python3 bench/report.py update README.md docs/benchmarks.md puts the tables in)"
exit $status
