#!/usr/bin/env bash
# tests/lang/expected_output.sh SCRIPT.goro: prints the stdout a golden
# script expects, the `// Output:` block of its comments (the format is
# described at the top of tests/lang/run_golden.sh). Shared by that runner
# and tests/lang/run_go_original.sh, so both read the block the same way.
set -u
awk '
  /^\/\/ Output:[ \t]*$/ { inout = 1; next }
  inout && /^\/\/ (Exit|Stderr|NotStderr|Args|Flags|Env|Stdin):/ { inout = 0 }
  inout && /^\/\/ / { print substr($0, 4); next }
  inout && /^\/\/$/ { print ""; next }
  inout { inout = 0 }
' "$1"
