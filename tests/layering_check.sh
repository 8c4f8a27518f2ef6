#!/usr/bin/env bash
# Fails when a file includes a header from a higher layer than its own
# (DESIGN.md: runtime < alloc < gc < sched < lang < stress; tests and bench
# may include anything).
set -euo pipefail
root=${1:-.}
rank() {
  case $1 in
    runtime) echo 0 ;; alloc) echo 1 ;; gc) echo 2 ;; sched) echo 3 ;; lang) echo 4 ;; stress) echo 5 ;;
    *) echo 99 ;;
  esac
}
bad=0
for dir in runtime alloc gc sched lang stress; do
  [ -d "$root/$dir" ] || continue
  mine=$(rank "$dir")
  while IFS=: read -r file _ line; do
    inc=$(sed -E 's/.*#include "([a-z]+)\/.*/\1/' <<<"$line")
    theirs=$(rank "$inc")
    if [ "$theirs" -ne 99 ] && [ "$theirs" -gt "$mine" ]; then
      echo "layering violation: $file includes $inc/ (a higher layer): $line"
      bad=1
    fi
  done < <(grep -rn '#include "' "$root/$dir" --include='*.h' --include='*.cpp' || true)
done
[ "$bad" -eq 0 ] && echo "layering: ok"
exit "$bad"
