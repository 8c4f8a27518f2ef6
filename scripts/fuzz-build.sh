#!/usr/bin/env bash
# Configures and builds the fuzz targets (fuzz/README.md) with clang in
# build-fuzz/ (or the directory given), and collects the seed corpus into
# BUILD_DIR/fuzz-seeds. Shared by fuzz-ci.sh and fuzz-long.sh.
# Usage: scripts/fuzz-build.sh [BUILD_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
dir=${1:-build-fuzz}
launcher=()
command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache -DCMAKE_C_COMPILER_LAUNCHER=ccache)
cmake -S . -B "$dir" -G Ninja -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++ -DGORO_FUZZ=ON "${launcher[@]}" >/dev/null
cmake --build "$dir" -j "$(nproc)" --target fuzz_parse fuzz_compile fuzz_run statement_splicer_test goro
rm -rf "$dir/fuzz-seeds"
bash fuzz/make-corpus.sh "$dir/fuzz-seeds"
