#!/usr/bin/env bash
# Set-up of the benchmarks' peers: installs Lua 5.4 (the peer of
# goro-bench-gc) when lua5.4 is missing. mimalloc, the peer of
# goro-bench-alloc, is a build dependency of Goro itself and needs nothing
# here. Runs apt-get as root, or through sudo when it is available.
set -euo pipefail

if command -v lua5.4 >/dev/null 2>&1; then
  echo "setup: $(lua5.4 -v 2>&1) already installed"
  exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then
    SUDO="sudo"
  else
    echo "setup: lua5.4 is missing and this is not root (no sudo): install the lua5.4 package" >&2
    exit 1
  fi
fi
$SUDO apt-get update
$SUDO apt-get install -y lua5.4
echo "setup: $(lua5.4 -v 2>&1) installed"
