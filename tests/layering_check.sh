#!/usr/bin/env bash
# Fails when a file includes a header from a higher layer than its own
# (docs/design.md: runtime < alloc < gc < sched < lang < stress; tests and
# bench may include anything). Inside lang/, the rooms are layers of their
# own, in the order of the pipeline (lang/README.md):
#   lang/syntax < lang/value < lang/lib < lang/compiler < lang/vm
#     < lang (the driver) < lang/cmd
set -euo pipefail
root=${1:-.}
cd "$root"
grep -rn '#include "' runtime alloc gc sched lang stress --include='*.h' --include='*.cpp' 2>/dev/null |
  awk -F: '
    BEGIN {
      n = split("runtime alloc gc sched lang/syntax lang/value lang/lib lang/compiler lang/vm lang lang/cmd stress", order, " ")
      for (i = 1; i <= n; i++) rank[order[i]] = i
    }
    # The unit of a path: lang/<room> for a file in a room of lang/
    # (lang/vm/calls.cpp: lang/vm), else its top-level folder.
    function unit(path,   parts, n) {
      n = split(path, parts, "/")
      if (parts[1] == "lang" && n >= 3) return parts[1] "/" parts[2]
      return parts[1]
    }
    {
      file = $1
      line = $0; sub(/^[^:]*:[^:]*:/, "", line)
      inc = line; sub(/^[^"]*"/, "", inc); sub(/".*$/, "", inc)
      mine = unit(file); theirs = unit(inc)
      if ((theirs in rank) && (mine in rank) && rank[theirs] > rank[mine]) {
        print "layering violation: " file " includes " inc " (a higher layer)"
        bad = 1
      }
    }
    END {
      if (bad) exit 1
      print "layering: ok"
    }'
