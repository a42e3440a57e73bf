// Times, best of 5 rounds of N each, in one process: a bare cgo call (the
// baseline), a wrapper call, a C -> Go -> C callback round trip
// (bridge.Apply with a C callback), and a channel send + receive pair on a
// buffered channel from one thread. Prints ns per operation and the ratio
// to the bare call. Usage: bench [N]
#include "mochigo_bridge.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

int64_t bench_bare_add(int64_t a, int64_t b);

static double now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec + ts.tv_nsec * 1e-9;
}

static int32_t inc(void *user, int64_t x, int64_t *r,
                   mochigo_bridge_string *err) {
  (void)user;
  (void)err;
  *r = x + 1;
  return 0;
}

#define CHECK(call)                                                            \
  if ((call) != MOCHIGO_BRIDGE_OK) {                                           \
    fprintf(stderr, "failed: %s\n", #call);                                    \
    return 1;                                                                  \
  }

int main(int argc, char **argv) {
  long n = argc > 1 ? atol(argv[1]) : 200000;
  int64_t sum = 0, r = 0;
  mochigo_bridge_Func_int64_to_int64 f;
  mochigo_bridge_Chan_int64 ch;
  CHECK(mochigo_bridge_Func_int64_to_int64_callback(inc, NULL, &f, NULL));
  CHECK(mochigo_bridge_Pipe(1, &ch, NULL));
  double best[4] = {1e9, 1e9, 1e9, 1e9};
  for (int round = 0; round < 6; ++round) {
    double t[5];
    t[0] = now();
    for (long i = 0; i < n; ++i)
      sum += bench_bare_add(i, 1);
    t[1] = now();
    for (long i = 0; i < n; ++i) {
      CHECK(mochigo_bridge_Add(i, 1, &r, NULL));
      sum += r;
    }
    t[2] = now();
    for (long i = 0; i < n; ++i) {
      CHECK(mochigo_bridge_Apply(f, i, &r, NULL));
      sum += r;
    }
    t[3] = now();
    for (long i = 0; i < n; ++i) {
      CHECK(mochigo_bridge_Chan_int64_send(ch, i, -1, NULL));
      CHECK(mochigo_bridge_Chan_int64_recv(ch, -1, &r, NULL));
      sum += r;
    }
    t[4] = now();
    if (round == 0)
      continue; // warm-up: the first cgo call starts the Go runtime
    for (int k = 0; k < 4; ++k)
      if (t[k + 1] - t[k] < best[k])
        best[k] = t[k + 1] - t[k];
  }
  const char *names[] = {"bare", "wrapper", "callback", "chan"};
  for (int k = 0; k < 4; ++k)
    printf("%s ns=%.1f ratio=%.2f\n", names[k], best[k] / n * 1e9,
           best[k] / best[0]);
  mochigo_bridge_handle_release(f, NULL);
  mochigo_bridge_handle_release(ch, NULL);
  printf("live=%lld checksum=%lld\n", (long long)mochigo_bridge_handle_live(),
         (long long)sum);
  return 0;
}
