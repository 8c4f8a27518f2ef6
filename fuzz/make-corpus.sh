#!/usr/bin/env bash
# Collects the seed corpus of the fuzz targets: every Goro program of the
# repository (the golden scripts, the ports of Go's runtime tests and the
# examples), copied into OUT_DIR under names made from their paths. The
# seeds are not committed; this makes them afresh.
# Usage: fuzz/make-corpus.sh OUT_DIR
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
out=$1
mkdir -p "$out"
count=0
while IFS= read -r -d '' file; do
  rel=${file#"$root"/}
  cp "$file" "$out/${rel//\//_}"
  count=$((count + 1))
done < <(find "$root/tests/lang/golden" "$root/tests/lang/goports" "$root/examples" -name '*.goro' -print0 | sort -z)
echo "make-corpus: $count seeds in $out"
