#!/usr/bin/env bash
# Sets up the machine (idempotent), builds everything and runs the whole test
# suite with ctest: lit (dialect, importer, tools, the 24 corpus modules),
# GoogleTest unit tests, the Go helpers' tests and short libFuzzer runs.
# Ends with ctest's summary.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
BUILD="${BUILD_DIR:-$ROOT/build}"
JOBS="${JOBS:-$(nproc)}"

bash "$ROOT/utils/setup.sh"
cmake -G Ninja -S "$ROOT" -B "$BUILD" -DCMAKE_BUILD_TYPE=Release \
  -DCMAKE_C_COMPILER=gcc -DCMAKE_CXX_COMPILER=g++ >/dev/null
cmake --build "$BUILD" -j "$JOBS"
# The libFuzzer targets: their own clang configuration in $BUILD/fuzz.
BUILD_DIR="$BUILD" JOBS="$JOBS" bash "$ROOT/utils/fuzz.sh" --build-only
cd "$BUILD"
ctest -j "$JOBS" --output-on-failure
