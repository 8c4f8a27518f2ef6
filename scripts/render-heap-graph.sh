#!/usr/bin/env bash
# Renders the heap of examples/heap_graph.goro to docs/heap-graph.svg (the
# picture in the README): runtime.HeapDump writes the live heap as Graphviz
# DOT, and Graphviz's dot (Debian package graphviz) lays it out.
#
#   scripts/render-heap-graph.sh [BUILD_DIR] [OUT.svg]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$root/build}
out=${2:-$root/docs/heap-graph.svg}
goro=$build/lang/goro
if [ ! -x "$goro" ]; then
  echo "render-heap-graph: $goro not found; build first (cmake --build $build)" >&2
  exit 1
fi
if ! command -v dot >/dev/null; then
  echo "render-heap-graph: dot not found; install Graphviz (scripts/install-deps.sh)" >&2
  exit 1
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# One P, so the runtime's own objects are few and the picture stays small.
# The dump goes to /dev/stderr, so that the path the script is given (a
# string on its heap, in the picture) is the same on every machine.
(cd "$root" && GOMAXPROCS=1 "$goro" examples/heap_graph.goro /dev/stderr 2>"$tmp/heap.dot" >/dev/null)
dot -Tsvg "$tmp/heap.dot" -o "$out"
echo "render-heap-graph: wrote $out"
