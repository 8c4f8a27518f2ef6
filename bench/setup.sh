#!/usr/bin/env bash
# Set-up of the benchmarks' peers and tools: installs Lua 5.4 (the peer of
# goro-bench-gc, bench/lang and bench/curves), LuaJIT (its interpreter, with
# -joff, is bench/lang's second peer), Python 3 (bench/lang, and
# bench/report.py and bench/curves/run.py run in it), Go 1.19 from Debian's
# golang-go (bench/sched, bench/curves), hyperfine (the timing of
# bench/lang/run.sh and bench/sched/run.sh) and gnuplot-nox (the plots of
# bench/curves) when missing.
# mimalloc, the peer of goro-bench-alloc, is a build dependency of Goro
# itself. Runs apt-get as root, or through sudo when it is available.
set -euo pipefail

missing=()
command -v lua5.4 >/dev/null 2>&1 || missing+=(lua5.4)
command -v luajit >/dev/null 2>&1 || missing+=(luajit)
command -v python3 >/dev/null 2>&1 || missing+=(python3)
command -v go >/dev/null 2>&1 || missing+=(golang-go)
command -v hyperfine >/dev/null 2>&1 || missing+=(hyperfine)
command -v gnuplot >/dev/null 2>&1 || missing+=(gnuplot-nox)
if [ ${#missing[@]} -eq 0 ]; then
  echo "setup: $(lua5.4 -v 2>&1 | head -1), $(luajit -v 2>&1 | head -1), $(python3 --version), $(go version), $(hyperfine --version) and $(gnuplot --version) already installed"
  exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then
    SUDO="sudo"
  else
    echo "setup: ${missing[*]} missing and this is not root (no sudo): install them" >&2
    exit 1
  fi
fi
$SUDO apt-get update
$SUDO apt-get install -y "${missing[@]}"
echo "setup: installed ${missing[*]}"
