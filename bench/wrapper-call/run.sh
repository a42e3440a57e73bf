#!/bin/sh
# The cost of one wrapper call: a trivial Go function called from C through
# the generated wrapper, against the same function behind a hand-written
# //export, in one process (bench.c prints the ratio).
#
#   bench/wrapper-call/run.sh BUILD_DIR [CALLS]
set -eu
build=$(cd "$1" && pwd)
calls=${2:-2000000}
here=$(cd "$(dirname "$0")" && pwd)
go=${GO:-$(command -v go || echo /usr/lib/go-1.23/bin/go)}
splitfile=${SPLIT_FILE:-$(command -v split-file || echo /usr/lib/llvm-19/bin/split-file)}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

"$build/bin/mochi-go-opt" "$here/trivial.mlir" --typemap --handle-pool \
  --cgo-export -o "$work/lowered.mlir"
"$build/bin/mochi-go-translate" --emit-go-wrapper "$work/lowered.mlir" \
  -o "$work/wrapper.txt"
"$build/bin/mochi-go-translate" --emit-c-header "$work/lowered.mlir" \
  -o "$work/mochigo_trivial.h"
"$splitfile" "$work/wrapper.txt" "$work/wrap"
cp -r "$here/trivial" "$work/trivial"
cp "$here/hand.go" "$work/wrap/hand.go"
printf '\nreplace mochigo.bench/trivial => ../trivial\n' >> "$work/wrap/go.mod"
(cd "$work/wrap" && GOFLAGS=-mod=mod GOPROXY=off GOWORK=off GOTOOLCHAIN=local \
  "$go" build -buildmode=c-archive -o "$work/libtrivial.a" .)
cc -O2 -I "$work" "$here/bench.c" "$work/libtrivial.a" -lpthread -o "$work/bench"
"$work/bench" "$calls"
