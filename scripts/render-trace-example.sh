#!/usr/bin/env bash
# Draws the trace of examples/trace_timeline.goro as docs/trace-example.svg
# (the picture in the README and docs/trace.md): `goro run --trace` records
# the run, `goro trace view` draws it.
#
#   scripts/render-trace-example.sh [BUILD_DIR] [OUT.svg]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-$root/build}
out=$(realpath -m "${2:-$root/docs/trace-example.svg}")
goro=$build/lang/goro
if [ ! -x "$goro" ]; then
  echo "render-trace-example: $goro not found; build first (cmake --build $build)" >&2
  exit 1
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$goro" run --trace "$tmp/trace.json" "$root/examples/trace_timeline.goro" >/dev/null
# Drawn from inside the folder, so the picture's title names the file alone
# rather than a temporary path.
(cd "$tmp" && "$goro" trace view trace.json -o "$out")
echo "render-trace-example: wrote $out"
