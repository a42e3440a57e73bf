#!/usr/bin/env bash
# First run on a fresh Debian 12 machine: installs what is needed, builds
# mochi-go and the local corpus module proxy, then runs the main job on a
# real program: `mochi-go sync examples/hello/app.mochi` downloads and
# verifies github.com/google/uuid, github.com/cespare/xxhash/v2 and
# gopkg.in/yaml.v3 through loopback servers made from the corpus (nothing
# leaves this machine), binds them, builds the c-archive and writes
# mochi.lock; a C program (examples/hello/main.c) is linked against the
# archive with the generated pkg-config file and run.
#
#   utils/bootstrap.sh        (BUILD_DIR: default build/)
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
BUILD="${BUILD_DIR:-$ROOT/build}"

bash "$ROOT/utils/setup.sh"
cmake -G Ninja -S "$ROOT" -B "$BUILD" -DCMAKE_BUILD_TYPE=Release \
  -DCMAKE_C_COMPILER=gcc -DCMAKE_CXX_COMPILER=g++ >/dev/null
cmake --build "$BUILD" -j "$(nproc)"

export PATH="/usr/lib/go-1.23/bin:$PATH" GOCACHE="$BUILD/gocache"
OUT="$BUILD/bootstrap"
rm -rf "$OUT/hello" && mkdir -p "$OUT/hello"
cp "$ROOT/examples/hello/app.mochi" "$OUT/hello/"
MOCHIGO_LOOPBACK_ONLY=1 "$BUILD/bin/mochi-go-test-servers" -proxy "$BUILD/corpus-proxy" -- \
  "$BUILD/bin/mochi-go" sync --verbose --cache-dir "$OUT/cache" "$OUT/hello/app.mochi"
cat "$OUT/hello/mochi.lock"
PC="$OUT/hello/.mochi-go/mochigo_app.pc"
cc -std=c99 -Wall -Werror $(pkg-config --cflags "$PC") "$ROOT/examples/hello/main.c" \
  $(pkg-config --libs "$PC") -o "$OUT/hello/main"
"$OUT/hello/main"
