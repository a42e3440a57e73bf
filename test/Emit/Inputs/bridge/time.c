/* time.After and a Timer's channel from C: a <-chan time.Time handle
   received with a timeout, and the Time it carries used through its
   methods. */
#include "mochigo_time.h"

#include <stdio.h>
#include <stdlib.h>

#define P(name) mochigo_time_##name

int main(void) {
  P(string) err = {0};
  P(RecvChan_Time) after;
  /* 50 ms, as a time.Duration in nanoseconds. */
  if (P(After)(50 * 1000 * 1000, &after, NULL) != MOCHIGO_TIME_OK)
    return 1;
  P(Time) t;
  int32_t st = P(RecvChan_Time_try_recv)(after, &t, NULL);
  printf("try_recv at once: status=%d\n", st);
  st = P(RecvChan_Time_recv)(after, 1, &t, &err);
  printf("recv 1ms: status=%d err=%.*s\n", st, (int)err.len, err.data);
  P(free_string)(&err);
  st = P(RecvChan_Time_recv)(after, 5000, &t, NULL);
  bool zero = true;
  P(Time_IsZero)(t, &zero, NULL);
  printf("recv 5s: status=%d zero=%d\n", st, zero);
  int64_t cap = -1;
  P(RecvChan_Time_cap)(after, &cap, NULL);
  printf("cap=%lld\n", (long long)cap);
  P(handle_release)(t, NULL);
  P(handle_release)(after, NULL);

  /* A stopped Timer never fires: its C times out. */
  P(Timer) timer;
  P(NewTimer)(1000 * 1000, &timer, NULL);
  bool stopped = false;
  P(Timer_Stop)(timer, &stopped, NULL);
  P(RecvChan_Time) c;
  P(Timer_C_get)(timer, &c, NULL);
  st = P(RecvChan_Time_recv)(c, 30, &t, NULL);
  printf("stopped timer: stopped=%d status=%d\n", stopped, st);
  P(handle_release)(c, NULL);
  P(handle_release)(timer, NULL);
  printf("live: %lld\n", (long long)P(handle_live)());
  return 0;
}
