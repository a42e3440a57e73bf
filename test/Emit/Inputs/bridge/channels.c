/* Channels of the fixture module (fix/fix.go) driven from C: values made
   and sent by goroutines, received with and without timeouts, closed
   channels reported by status, direction conversions, a C thread sending
   while a goroutine sends and C drains, and func values called. Every
   handle is released: the live count ends at 0. */
#include "mochigo_bridgefix.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define P(name) mochigo_bridgefix_##name
#define OK MOCHIGO_BRIDGEFIX_OK

static P(string) str(const char *s) {
  P(string) v = {(char *)s, (int64_t)strlen(s)};
  return v;
}

static void expect(int32_t got, int32_t want, const char *what) {
  if (got != want) {
    fprintf(stderr, "%s: status %d, want %d\n", what, got, want);
    exit(1);
  }
}

static void release(P(handle) h) {
  expect(P(handle_release)(h, NULL), OK, "release");
}

#define N 2000

struct sender {
  P(Chan_int) ch;
};

static void *send_from_c(void *arg) {
  struct sender *s = arg;
  for (int64_t i = N; i < 2 * N; i++)
    expect(P(Chan_int_send)(s->ch, i, -1, NULL), OK, "C send");
  return NULL;
}

int main(void) {
  P(string) err = {0};

  /* A goroutine counts to 5 and closes the channel: receive until closed. */
  P(RecvChan_int) counted;
  expect(P(Count)(5, &counted, NULL), OK, "Count");
  int64_t v;
  int32_t st;
  printf("Count:");
  while ((st = P(RecvChan_int_recv)(counted, -1, &v, &err)) == OK)
    printf(" %lld", (long long)v);
  printf(" -> status=%d err=%.*s\n", st, (int)err.len, err.data);
  P(free_string)(&err);
  /* Closed stays closed, also for the try form. */
  st = P(RecvChan_int_try_recv)(counted, &v, NULL);
  printf("try_recv after close: status=%d\n", st);
  release(counted);

  /* Strings, buffered and closed by Go. */
  P(string) words[] = {str("alpha"), str("beta")};
  P(list_string) list = {words, 2};
  P(RecvChan_string) ws;
  expect(P(Words)(list, &ws, NULL), OK, "Words");
  int64_t n = -1, c = -1;
  P(RecvChan_string_len)(ws, &n, NULL);
  P(RecvChan_string_cap)(ws, &c, NULL);
  printf("Words: len=%lld cap=%lld\n", (long long)n, (long long)c);
  P(string) w;
  while (P(RecvChan_string_recv)(ws, 100, &w, NULL) == OK) {
    printf("word: %.*s\n", (int)w.len, w.data);
    P(free_string)(&w);
  }
  release(ws);

  /* A channel made from C: capacity, try forms, timeouts, close. */
  P(Chan_int) ch;
  expect(P(Chan_int_make)(2, &ch, NULL), OK, "make");
  expect(P(Chan_int_try_send)(ch, 1, NULL), OK, "try_send 1");
  expect(P(Chan_int_send)(ch, 2, 0, NULL), OK, "send 2");
  P(Chan_int_len)(ch, &n, NULL);
  P(Chan_int_cap)(ch, &c, NULL);
  printf("made: len=%lld cap=%lld\n", (long long)n, (long long)c);
  st = P(Chan_int_try_send)(ch, 3, &err);
  printf("try_send full: status=%d err=%.*s\n", st, (int)err.len, err.data);
  P(free_string)(&err);
  st = P(Chan_int_send)(ch, 3, 20, &err);
  printf("send full 20ms: status=%d err=%.*s\n", st, (int)err.len, err.data);
  P(free_string)(&err);
  expect(P(Chan_int_close)(ch, NULL), OK, "close");
  st = P(Chan_int_close)(ch, NULL);
  printf("close again: status=%d\n", st);
  st = P(Chan_int_send)(ch, 4, -1, &err);
  printf("send on closed: status=%d err=%.*s\n", st, (int)err.len, err.data);
  P(free_string)(&err);
  printf("drain:");
  while ((st = P(Chan_int_recv)(ch, 0, &v, NULL)) == OK)
    printf(" %lld", (long long)v);
  printf(" -> status=%d\n", st);
  release(ch);

  /* An empty channel times out; a negative capacity is a bad argument;
     handle 0 is a nil channel. */
  expect(P(Chan_int_make)(0, &ch, NULL), OK, "make 0");
  st = P(Chan_int_recv)(ch, 30, &v, NULL);
  printf("recv empty 30ms: status=%d\n", st);
  st = P(Chan_int_try_recv)(ch, &v, NULL);
  printf("try_recv empty: status=%d\n", st);
  release(ch);
  st = P(Chan_int_make)(-1, &ch, &err);
  printf("make(-1): status=%d err=%.*s\n", st, (int)err.len, err.data);
  P(free_string)(&err);
  st = P(Chan_int_recv)(0, -1, &v, &err);
  printf("recv handle 0: status=%d err=%.*s\n", st, (int)err.len, err.data);
  P(free_string)(&err);

  /* A goroutine (Feed) and a C thread send on one unbuffered channel while
     C drains it: every value arrives once. Feed takes a chan<- int: the
     chan int handle is accepted, as Go assigns it. */
  expect(P(Chan_int_make)(0, &ch, NULL), OK, "make shared");
  expect(P(Feed)(ch, 0, N, NULL), OK, "Feed");
  struct sender s = {ch};
  pthread_t t;
  pthread_create(&t, NULL, send_from_c, &s);
  static char seen[2 * N];
  int64_t sum = 0, got = 0;
  for (; got < 2 * N; got++) {
    expect(P(Chan_int_recv)(ch, 5000, &v, NULL), OK, "drain shared");
    if (v < 0 || v >= 2 * N || seen[v]) {
      fprintf(stderr, "bad or repeated value %lld\n", (long long)v);
      return 1;
    }
    seen[v] = 1;
    sum += v;
  }
  pthread_join(t, NULL);
  printf("shared: got=%lld sum=%lld want=%lld\n", (long long)got,
         (long long)sum, (long long)(2 * N) * (2 * N - 1) / 2);
  release(ch);

  /* A send-only channel from Go, drained by a goroutine. */
  P(SendChan_float64) in;
  P(RecvChan_float64) done;
  expect(P(Sink)(&in, &done, NULL), OK, "Sink");
  for (int i = 1; i <= 4; i++)
    expect(P(SendChan_float64_send)(in, i * 0.5, 1000, NULL), OK, "sink send");
  expect(P(SendChan_float64_close)(in, NULL), OK, "sink close");
  double total;
  expect(P(RecvChan_float64_recv)(done, 1000, &total, NULL), OK, "sink done");
  printf("Sink: total=%g\n", total);
  release(in);
  release(done);

  /* Func values returned by Go, called from C. */
  P(Func_int_to_int) add;
  expect(P(Adder)(5, &add, NULL), OK, "Adder");
  expect(P(Func_int_to_int_call)(add, 10, &v, NULL), OK, "call add");
  printf("Adder(5)(10) = %lld\n", (long long)v);
  release(add);
  P(Func_string_to_int_error) fail;
  expect(P(Failer)(&fail, NULL), OK, "Failer");
  expect(P(Func_string_to_int_error_call)(fail, str("abc"), &v, NULL), OK,
         "call fail abc");
  printf("Failer()(abc) = %lld\n", (long long)v);
  st = P(Func_string_to_int_error_call)(fail, str(""), &v, &err);
  printf("Failer()(\"\"): status=%d err=%.*s\n", st, (int)err.len, err.data);
  P(free_string)(&err);
  release(fail);
  st = P(Func_int_to_int_call)(0, 1, &v, &err);
  printf("call handle 0: status=%d err=%.*s\n", st, (int)err.len, err.data);
  P(free_string)(&err);

  printf("live: %lld\n", (long long)P(handle_live)());
  return 0;
}
