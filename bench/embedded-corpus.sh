#!/usr/bin/env bash
# The embedded profile over the corpus: for every module of
# test/corpus/modules.txt, ingest it through the corpus proxy, lower it with
# --linkname, print its wasip1 wrapper and build it with the newest Go
# (GOOS=wasip1 GOARCH=wasm CGO_ENABLED=0 -buildmode=c-shared, every module
# the proxy serves pinned as build-wrapper.py pins them). One line each:
# exports kept, funcs+methods coverage, the four embedded skip counts, and
# whether the module builds (its size) or the go command's first error.
#
#   bench/embedded-corpus.sh [BUILD_DIR] [GO]
set -uo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
BUILD="${1:-$ROOT/build}"
GO="${2:-/usr/local/go/bin/go}"
BIN="$BUILD/bin"
PROXY="$BUILD/corpus-proxy"
WORK="$(mktemp -d)"
trap 'chmod -R u+w "$WORK" 2>/dev/null; rm -rf "$WORK"' EXIT
export GOPROXY="file://$PROXY" GOSUMDB=off GOFLAGS=-mod=mod GOTOOLCHAIN=local \
  GOWORK=off GOMODCACHE="$WORK/modcache" GOCACHE="$BUILD/gocache"
SPLIT="$(command -v split-file || echo /usr/lib/llvm-19/bin/split-file)"

cd "$WORK"
for m in $(cat "$ROOT/test/corpus/modules.txt"); do
  n=$(echo "$m" | tr '/' '_')
  if ! python3 "$ROOT/utils/corpus-ingest.py" --proxy "$PROXY" \
      --ingest "$BIN/mochi-go-ingest" "$m" -o "$n.json" >/dev/null 2>&1; then
    echo "$m: ingest failed"; continue
  fi
  if ! "$BIN/mochi-go-translate" --import-apisurface "$n.json" |
      "$BIN/mochi-go-opt" --typemap --handle-pool --linkname -o "$n.mlir"; then
    echo "$m: lowering failed"; continue
  fi
  summary=$("$BIN/mochi-go-translate" --emit-skip-report "$n.mlir" | grep '^summary')
  cov=$(echo "$summary" | grep -o 'coverage=[^ ]*')
  reasons=$(echo "$summary" | grep -o 'cgo_package=.*')
  exports=$(grep -c 'cabi.export' "$n.mlir")
  if ! "$BIN/mochi-go-translate" --emit-go-wasm-wrapper "$n.mlir" -o "$n.txt"; then
    echo "$m: printing failed"; continue
  fi
  "$SPLIT" "$n.txt" "$n"
  { echo; echo "replace ("
    grep -v '^#' "$PROXY/pins.txt" | while read -r mod ver; do
      [ -n "$mod" ] && printf '\t%s => %s %s\n' "$mod" "$mod" "$ver"
    done
    echo ")"; } >> "$n/go.mod"
  if (cd "$n" && GOOS=wasip1 GOARCH=wasm CGO_ENABLED=0 \
      "$GO" build -buildmode=c-shared -o "../$n.wasm" .) > "$n.err" 2>&1; then
    built="builds ($(stat -c %s "$n.wasm") bytes)"
  else
    built="does not build: $(grep -m1 -v '^#' "$n.err" | sed "s|$WORK/||" | cut -c1-160)"
  fi
  echo "$m: exports=$exports $cov $reasons; $built"
done
