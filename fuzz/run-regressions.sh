#!/usr/bin/env bash
# Runs every input kept in a regression folder through a fuzz target once
# (libFuzzer runs the files given as arguments and does not fuzz).
# Usage: fuzz/run-regressions.sh TARGET_BINARY DIR
set -euo pipefail
target=$1 dir=$2
shopt -s nullglob
inputs=("$dir"/*)
if [ ${#inputs[@]} -eq 0 ]; then
  echo "no regression inputs in $dir"
  exit 0
fi
# The inputs run in a temporary directory: a target that crashed would
# write its artifact there, not into the source tree.
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
exec "$target" -artifact_prefix="$work/" "${inputs[@]}"
