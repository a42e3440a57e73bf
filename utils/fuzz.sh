#!/usr/bin/env bash
# Build the libFuzzer targets (clang, ASan, UBSan) and run each for a while
# over its seed corpus in test/fuzz/<target>/ (docs/Fuzzing.md).
#
#   utils/fuzz.sh [--build-dir DIR] [--seconds N] [--no-build | --build-only]
#                 [--jobs N] [TARGET...]
#
# TARGET is a name under fuzz/ (apisurface, lock, manifest, mochi, modzip, sumdb,
# goenv); none means all. New inputs a run finds go to a temporary directory,
# never into the seeds; a crash leaves its input as DIR/crashes/<target>-*
# and the script exits 1. Each target's last line is
#   fuzz <target>: <execs> runs in <s> s, cov <edges>, ft <features>, corpus <n>
# (libFuzzer's own counters). Needs clang-19 and libclang-rt-19-dev
# (utils/setup.sh installs them).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
BUILD="${BUILD_DIR:-$ROOT/build}/fuzz"
SECONDS_EACH=30
BUILD_FIRST=1
RUN=1
JOBS="${JOBS:-$(nproc)}"
TARGETS=()
while [ $# -gt 0 ]; do
  case "$1" in
    --build-dir) BUILD="$2"; shift 2 ;;
    --seconds) SECONDS_EACH="$2"; shift 2 ;;
    --no-build) BUILD_FIRST=0; shift ;;
    --build-only) RUN=0; shift ;;
    --jobs) JOBS="$2"; shift 2 ;;
    -h|--help) sed -n '2,17p' "$0"; exit 0 ;;
    -*) echo "fuzz.sh: unknown flag $1" >&2; exit 2 ;;
    *) TARGETS+=("$1"); shift ;;
  esac
done
if [ ${#TARGETS[@]} -eq 0 ]; then
  for f in "$ROOT"/fuzz/fuzz-*.cpp; do
    n="$(basename "$f" .cpp)"; TARGETS+=("${n#fuzz-}")
  done
fi

if [ "$BUILD_FIRST" = 1 ]; then
  cmake -G Ninja -S "$ROOT" -B "$BUILD" -DCMAKE_BUILD_TYPE=Release \
    -DCMAKE_C_COMPILER=clang-19 -DCMAKE_CXX_COMPILER=clang++-19 \
    -DMOCHIGO_FUZZ=ON -DMOCHIGO_BUILD_TESTS=OFF >/dev/null
  cmake --build "$BUILD" -j "$JOBS" --target fuzzers
fi
[ "$RUN" = 1 ] || exit 0

status=0
mkdir -p "$BUILD/crashes"
for t in "${TARGETS[@]}"; do
  bin="$BUILD/bin/mochi-go-fuzz-$t"
  seeds="$ROOT/test/fuzz/$t"
  if [ ! -x "$bin" ]; then
    echo "fuzz $t: no binary $bin (build without --no-build)" >&2
    status=1; continue
  fi
  work="$(mktemp -d)"
  log="$work/log"
  # -rss_limit_mb: a reader that holds a whole input many times over is a
  # finding too.
  if "$bin" -max_total_time="$SECONDS_EACH" -print_final_stats=1 \
      -rss_limit_mb=2048 -timeout=10 -artifact_prefix="$BUILD/crashes/$t-" \
      "$work" "$seeds" >"$log" 2>&1; then
    :
  else
    echo "fuzz $t: FAILED (libFuzzer log follows)" >&2
    tail -40 "$log" >&2
    status=1
  fi
  runs="$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)"
  secs="$(sed -n 's/^stat::slowest_unit_time_sec.*//p;s/.*DONE.*in \([0-9]*\) second.*/\1/p' "$log" | tail -1)"
  last="$(grep -E '^#[0-9]+' "$log" | tail -1 || true)"
  cov="$(sed -n 's/.* cov: \([0-9]*\).*/\1/p' <<<"$last")"
  ft="$(sed -n 's/.* ft: \([0-9]*\).*/\1/p' <<<"$last")"
  corp="$(sed -n 's/.* corp: \([0-9]*\).*/\1/p' <<<"$last")"
  echo "fuzz $t: ${runs:-?} runs in ${secs:-$SECONDS_EACH} s, cov ${cov:-?}, ft ${ft:-?}, corpus ${corp:-?}"
  rm -rf "$work"
done
exit $status
