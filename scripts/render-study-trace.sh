#!/usr/bin/env bash
# Draws the trace of Go issue 74414's interleaving in stack mode as
# docs/study-74414-trace.svg (the picture in docs/study-74414.md):
# `goro-stress scenario allp-race -mode stack -trace` records the six steps,
# `goro trace view` draws them.
#
#   scripts/render-study-trace.sh [BUILD_DIR] [OUT.svg]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$root/build}
out=$(realpath -m "${2:-$root/docs/study-74414-trace.svg}")
for tool in lang/goro stress/goro-stress; do
  if [ ! -x "$build/$tool" ]; then
    echo "render-study-trace: $build/$tool not found; build first (cmake --build $build)" >&2
    exit 1
  fi
done
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$build/stress/goro-stress" scenario allp-race -mode stack -trace "$tmp/allp-race-stack.json" >/dev/null
# Drawn from inside the folder, so the picture's title names the file alone.
(cd "$tmp" && "$build/lang/goro" trace view allp-race-stack.json -o "$out")
echo "render-study-trace: wrote $out"
