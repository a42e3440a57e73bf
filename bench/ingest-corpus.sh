#!/usr/bin/env bash
# Ingests all corpus modules twice through the local corpus proxy: once cold
# (empty Go build cache and module cache) and once warm (same caches), and
# reports both wall times and their ratio, plus the per-kind declaration
# counts of every module (the go-surface-stats line).
#
#   bench/ingest-corpus.sh [BUILD_DIR]
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
BUILD="${1:-$ROOT/build}"
export PATH="/usr/lib/go-1.23/bin:$PATH"
WORK="$(mktemp -d)"
trap 'chmod -R u+w "$WORK" 2>/dev/null; rm -rf "$WORK"' EXIT
export GOCACHE="$WORK/gocache"

run_all() {
  local tag=$1
  for m in $(cat "$ROOT/test/corpus/modules.txt"); do
    n=$(echo "$m" | tr '/' '_')
    python3 "$ROOT/utils/corpus-ingest.py" --proxy "$BUILD/corpus-proxy" \
      --ingest "$BUILD/bin/mochi-go-ingest" "$m" -modcache "$WORK/modcache" \
      -o "$WORK/$tag-$n.json"
  done
}

now() { date +%s.%N; }
t0=$(now); run_all cold; t1=$(now); run_all warm; t2=$(now)
cold=$(echo "$t1 - $t0" | bc); warm=$(echo "$t2 - $t1" | bc)
for m in $(cat "$ROOT/test/corpus/modules.txt"); do
  n=$(echo "$m" | tr '/' '_')
  cmp -s "$WORK/cold-$n.json" "$WORK/warm-$n.json" || echo "NOT DETERMINISTIC: $m"
  "$BUILD/bin/mochi-go-translate" --import-apisurface "$WORK/warm-$n.json" -o "$WORK/$n.mlir"
  "$BUILD/bin/mochi-go-opt" "$WORK/$n.mlir" --go-surface-stats -o /dev/null
done
printf 'ingest of %d modules: cold %.1f s, warm %.1f s, warm/cold = %.3f\n' \
  "$(wc -l < "$ROOT/test/corpus/modules.txt")" "$cold" "$warm" "$(echo "$warm / $cold" | bc -l)"
