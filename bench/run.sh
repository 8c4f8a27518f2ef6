#!/usr/bin/env bash
# Runs Goro's benchmarks against their peers and prints a summary table.
#
#   bench/run.sh [--quick] [BUILD_DIR]      (BUILD_DIR defaults to build/)
#
# Builds nothing: the binaries goro-bench-alloc and goro-bench-gc must exist
# in BUILD_DIR/bench (ninja -C build goro-bench-alloc goro-bench-gc). The Lua
# peer of goro-bench-gc needs lua5.4 (bench/setup.sh installs it); without it
# that column is skipped. The default run takes under a minute; --quick runs
# a small slice in a few seconds, for CI (bench_smoke in ctest), where only
# the exit status matters: 0 when every benchmark ran. Timings are printed,
# never checked.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(dirname "$HERE")"
QUICK=""
BUILD=""
for a in "$@"; do
  case "$a" in
    --quick) QUICK="--quick" ;;
    -h|--help) sed -n '2,12p' "$0"; exit 0 ;;
    -*) echo "run.sh: unknown option $a" >&2; exit 2 ;;
    *) BUILD="$a" ;;
  esac
done
BUILD="${BUILD:-$ROOT/build}"
ALLOC="$BUILD/bench/goro-bench-alloc"
GC="$BUILD/bench/goro-bench-gc"
for b in "$ALLOC" "$GC"; do
  if [ ! -x "$b" ]; then
    echo "run.sh: $b not found; build it first: ninja -C $BUILD goro-bench-alloc goro-bench-gc" >&2
    exit 1
  fi
done

OUT="$(mktemp -d)"
trap 'rm -rf "$OUT"' EXIT

echo "== goro-bench-alloc $QUICK"
"$ALLOC" $QUICK --csv | tee "$OUT/alloc.txt" | grep -v '^csv,'
echo
echo "== goro-bench-gc $QUICK"
"$GC" $QUICK --lua-script="$HERE/lua/gc_collect.lua" | tee "$OUT/gc.txt"
echo

echo "== summary (ns per object for allocation, ms per collection; ratio = goro / peer)"
printf '%-40s %10s %10s %8s\n' "figure" "goro" "peer" "ratio"
# csv,size,goro_alloc,goro_total,goro_paced,mi_alloc,mi_total,mi_zalloc,mi_zalloc_total
awk -F, 'function row(name, g, p) { printf "%-40s %10.2f %10.2f %7.2fx\n", name, g, p, (p > 0 ? g / p : 0) }
/^csv,[0-9]/ {
  row("alloc " $2 "B (peer mi_malloc)", $3, $6)
  row("alloc " $2 "B (peer mi_zalloc)", $3, $8)
  row("alloc+reclaim " $2 "B (peer mi_malloc+free)", $4, $7)
}' "$OUT/alloc.txt"
awk '/^summary shape=/ {
  for (i = 2; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] }
  if (v["lua_ms"] > 0)
    printf "%-40s %10.2f %10.2f %7.2fx\n", "gc " v["shape"] " collect ms (peer lua5.4)", v["goro_ms"], v["lua_ms"], v["goro_ms"] / v["lua_ms"]
  else
    printf "%-40s %10.2f %10s %8s\n", "gc " v["shape"] " collect ms (no lua)", v["goro_ms"], "-", "-"
  printf "%-40s %10.2f %10s %8s\n", "  goro mark ms / sweep ms", v["mark_ms"], v["sweep_ms"], ""
}' "$OUT/gc.txt"
grep -h '^target' "$OUT/alloc.txt" "$OUT/gc.txt" || true
