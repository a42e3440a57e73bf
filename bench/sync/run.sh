#!/bin/sh
# Cold versus warm `mochi-go sync` of a program importing uuid, xxhash/v2
# and yaml.v3, against the loopback proxy and checksum database.
#
#   bench/sync/run.sh BUILD_DIR [ROUNDS]
#
# cold:       empty mochi-go cache and empty Go build cache (GOCACHE): every
#             module is downloaded, verified, type-checked, lowered, printed,
#             and the archive is compiled from scratch;
# cold-gocache: empty mochi-go cache, Go build cache kept from the previous
#             round (what a second project on the same machine sees);
# warm:       nothing changed since the last sync (no request, no Go).
# Each is run ROUNDS times (default 3); the best time of each is reported,
# with the ratios cold/warm and cold-gocache/warm.
set -eu
build=$(cd "$1" && pwd)
rounds=${2:-3}
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'chmod -R u+w "$work" 2>/dev/null; rm -rf "$work"' EXIT
export PATH="/usr/lib/go-1.23/bin:$PATH" MOCHIGO_LOOPBACK_ONLY=1
mkdir -p "$work/app"
python3 "$here/../../test/Driver/Inputs/make-app.py" "$build/corpus-proxy" \
  "$here/../../test/Driver/Inputs/app.mochi.in" "$work/app/app.mochi"

# One sync under fresh loopback servers; prints its wall time in seconds
# (the servers' start-up, which hashes the corpus, is not counted).
sync_once() {
  "$build/bin/mochi-go-test-servers" -proxy "$build/corpus-proxy" -- \
    sh -c 't0=$(date +%s%N); "$0" sync --cache-dir "$1" "$2" >/dev/null 2>&1 || exit 1;
           t1=$(date +%s%N); echo "$(( (t1 - t0) / 1000 ))e-6"' \
    "$build/bin/mochi-go" "$work/cache" "$work/app/app.mochi"
}
best() { sort -g | head -1; }

: > "$work/cold"; : > "$work/coldgc"; : > "$work/warm"
for i in $(seq "$rounds"); do
  chmod -R u+w "$work/cache" "$work/gocache" 2>/dev/null || true
  rm -rf "$work/cache" "$work/gocache" "$work/app/mochi.lock" "$work/app/.mochi-go"
  GOCACHE="$work/gocache" sync_once >> "$work/cold"
  chmod -R u+w "$work/cache" 2>/dev/null || true
  rm -rf "$work/cache" "$work/app/mochi.lock" "$work/app/.mochi-go"
  GOCACHE="$work/gocache" sync_once >> "$work/coldgc"
  GOCACHE="$work/gocache" sync_once >> "$work/warm"
done
cold=$(best < "$work/cold"); coldgc=$(best < "$work/coldgc"); warm=$(best < "$work/warm")
python3 - "$cold" "$coldgc" "$warm" "$rounds" <<'PY'
import sys
cold, coldgc, warm, rounds = map(float, sys.argv[1:5])
print("mochi-go sync, 3 modules, best of %d:" % rounds)
print("  cold (empty caches)         %.3f s" % cold)
print("  cold (Go build cache kept)  %.3f s" % coldgc)
print("  warm (nothing changed)      %.3f s" % warm)
print("  cold / warm                 %.1fx" % (cold / warm))
print("  cold (GOCACHE kept) / warm  %.1fx" % (coldgc / warm))
PY
