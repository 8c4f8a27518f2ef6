#!/usr/bin/env bash
# Installs the Debian packages Goro needs to build and test, skipping the
# install when they are all present. Run as root (or with sudo available).
set -euo pipefail
packages=(cmake ninja-build g++ pkg-config libmimalloc-dev libgtest-dev libgmock-dev
          libunwind-dev libbenchmark-dev libcli11-dev libedit-dev libre2-dev
          nlohmann-json3-dev python3 graphviz
          hyperfine gnuplot-nox       # the benchmark scripts' timing and the curves (bench/, ctest -L bench)
          chromium fonts-dejavu-core  # goro trace view's screenshot test
          clang libclang-rt-14-dev    # the fuzz targets (fuzz/README.md): clang and its libFuzzer runtime
          dpkg-dev file groff-base)   # cpack -G DEB's dependencies (dpkg-shlibdeps, file) and the man pages' test
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all packages present"
  exit 0
fi
echo "install-deps: installing ${missing[*]}"
sudo=""
[ "$(id -u)" -ne 0 ] && sudo="sudo"
$sudo apt-get update
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y --no-install-recommends "${missing[@]}"
