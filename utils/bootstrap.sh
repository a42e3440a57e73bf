#!/usr/bin/env bash
# First run on a fresh Debian 12 machine: installs what is needed, builds
# mochi-go, builds the local corpus module proxy, downloads and verifies
# github.com/google/uuid through loopback servers made from it, ingests it
# and prints its GoSurface IR.
#
#   utils/bootstrap.sh [module-path]     (default: github.com/google/uuid)
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
BUILD="${BUILD_DIR:-$ROOT/build}"
MODULE="${1:-github.com/google/uuid}"

bash "$ROOT/utils/setup.sh"
cmake -G Ninja -S "$ROOT" -B "$BUILD" -DCMAKE_BUILD_TYPE=Release \
  -DCMAKE_C_COMPILER=gcc -DCMAKE_CXX_COMPILER=g++ >/dev/null
cmake --build "$BUILD" -j "$(nproc)"

export PATH="/usr/lib/go-1.23/bin:$PATH" GOCACHE="$BUILD/gocache"
OUT="$BUILD/bootstrap"
mkdir -p "$OUT"
# Download and verify the module through a loopback module proxy and checksum
# database made from the corpus (nothing leaves this machine).
MOCHIGO_LOOPBACK_ONLY=1 "$BUILD/bin/mochi-go-test-servers" -proxy "$BUILD/corpus-proxy" -- \
  "$BUILD/bin/mochi-go-mod" download -json -cache "$OUT/modcache" "$MODULE@latest"
python3 "$ROOT/utils/corpus-ingest.py" --proxy "$BUILD/corpus-proxy" \
  --ingest "$BUILD/bin/mochi-go-ingest" "$MODULE" \
  -modcache "$BUILD/gomodcache" -v -o "$OUT/apisurface.json"
"$BUILD/bin/mochi-go-translate" --import-apisurface "$OUT/apisurface.json" \
  -o "$OUT/gosurface.mlir"
cat "$OUT/gosurface.mlir"
"$BUILD/bin/mochi-go-opt" "$OUT/gosurface.mlir" --go-surface-stats -o /dev/null
