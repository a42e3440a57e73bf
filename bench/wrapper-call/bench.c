// Times N calls of a trivial Go function through the generated wrapper and
// through a hand-written //export, in the same process, and prints the
// ratio. Usage: bench [N]
#include "mochigo_trivial.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

int64_t bench_hand_add(int64_t a, int64_t b);

static double now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec + ts.tv_nsec * 1e-9;
}

int main(int argc, char **argv) {
  long n = argc > 1 ? atol(argv[1]) : 2000000;
  int64_t sum = 0, r = 0;
  // Warm up both paths (first cgo call starts the Go runtime).
  for (long i = 0; i < 1000; ++i) {
    sum += bench_hand_add(i, 1);
    mochigo_trivial_Add(i, 1, &r, NULL);
    sum += r;
  }
  double best_hand = 1e9, best_wrap = 1e9;
  for (int round = 0; round < 5; ++round) {
    double t0 = now();
    for (long i = 0; i < n; ++i)
      sum += bench_hand_add(i, 1);
    double t1 = now();
    for (long i = 0; i < n; ++i) {
      if (mochigo_trivial_Add(i, 1, &r, NULL) != MOCHIGO_TRIVIAL_OK)
        return 1;
      sum += r;
    }
    double t2 = now();
    if (t1 - t0 < best_hand)
      best_hand = t1 - t0;
    if (t2 - t1 < best_wrap)
      best_wrap = t2 - t1;
  }
  printf("calls=%ld hand_ns_per_call=%.1f wrapper_ns_per_call=%.1f "
         "ratio=%.2f (checksum %lld)\n",
         n, best_hand / n * 1e9, best_wrap / n * 1e9, best_wrap / best_hand,
         (long long)sum);
  return 0;
}
