#!/usr/bin/env bash
# First run on a fresh Debian 12 machine: installs what is needed, builds
# mochi-go, then runs the main job on a real program with real modules:
# `mochi-go sync examples/hello/app.mochi` downloads
# github.com/google/uuid, github.com/cespare/xxhash/v2 and gopkg.in/yaml.v3
# through the machine's own go settings (`go env GOPROXY GOSUMDB`), verifies
# them against the checksum database, binds them, builds the c-archive with
# the machine's go command and writes mochi.lock; a C program
# (examples/hello/main.c) is linked against the archive with the generated
# pkg-config file and run. (The test suite uses loopback servers made from
# Debian's Go sources instead, and is offline but for its `live` label.)
#
#   utils/bootstrap.sh        (BUILD_DIR: default build/)
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
BUILD="${BUILD_DIR:-$ROOT/build}"

bash "$ROOT/utils/setup.sh"
cmake -G Ninja -S "$ROOT" -B "$BUILD" -DCMAKE_BUILD_TYPE=Release \
  -DCMAKE_C_COMPILER=gcc -DCMAKE_CXX_COMPILER=g++ >/dev/null
cmake --build "$BUILD" -j "$(nproc)"

export GOCACHE="$BUILD/gocache"
OUT="$BUILD/bootstrap"
rm -rf "$OUT/hello" && mkdir -p "$OUT/hello"
cp "$ROOT/examples/hello/app.mochi" "$OUT/hello/"
"$BUILD/bin/mochi-go" sync --verbose --go "$(command -v go)" \
  --cache-dir "$OUT/cache" "$OUT/hello/app.mochi"
cat "$OUT/hello/mochi.lock"
PC="$OUT/hello/.mochi-go/mochigo_app.pc"
cc -std=c99 -Wall -Werror $(pkg-config --cflags "$PC") "$ROOT/examples/hello/main.c" \
  $(pkg-config --libs "$PC") -o "$OUT/hello/main"
"$OUT/hello/main"
