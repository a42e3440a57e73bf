/* C functions as Go func values (the callback exports): called from the
   goroutines Go starts (10,000 calls from 8 goroutines at once), calling
   the wrapper again from inside (re-entrancy), reporting failures as
   errors or panics, and a Go panic around a callback as status 2. Every
   handle is released: the live count ends at 0. */
#include "mochigo_bridgefix.h"

#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define P(name) mochigo_bridgefix_##name
#define OK MOCHIGO_BRIDGEFIX_OK

static void expect(int32_t got, int32_t want, const char *what) {
  if (got != want) {
    fprintf(stderr, "%s: status %d, want %d\n", what, got, want);
    exit(1);
  }
}

static P(string) str(const char *s) {
  P(string) v = {(char *)s, (int64_t)strlen(s)};
  return v;
}

/* 3*x + 1, counting calls. */
static int32_t affine(void *user, int64_t x, int64_t *r, P(string) * err) {
  (void)err;
  atomic_fetch_add((atomic_long *)user, 1);
  *r = 3 * x + 1;
  return OK;
}

/* Wraps its argument in brackets and, re-entering the wrapper, calls the
   Go func in *user (an Adder) on its length. */
static int32_t bracket(void *user, P(string) s, P(string) * r,
                       P(string) * err) {
  P(Func_int_to_int) add = *(P(Func_int_to_int) *)user;
  int64_t n;
  int32_t st = P(Func_int_to_int_call)(add, s.len, &n, err);
  if (st != OK)
    return st;
  char buf[128];
  int len = snprintf(buf, sizeof buf, "[%.*s:%lld]", (int)s.len, s.data,
                     (long long)n);
  r->data = malloc(len + 1);
  memcpy(r->data, buf, len + 1);
  r->len = len;
  return OK;
}

/* Fails on "bad" with a message allocated for Go to free. */
static int32_t picky(void *user, P(string) s, int64_t *r, P(string) * err) {
  (void)user;
  if (s.len == 3 && memcmp(s.data, "bad", 3) == 0) {
    err->data = malloc(16);
    strcpy(err->data, "picky: bad");
    err->len = 10;
    return MOCHIGO_BRIDGEFIX_ERROR;
  }
  *r = s.len * 10;
  return OK;
}

/* Fails without an error result to carry it: a Go panic. */
static int32_t refuse(void *user, P(string) s, P(string) * r, P(string) * err) {
  (void)user;
  (void)s;
  (void)r;
  (void)err;
  return MOCHIGO_BRIDGEFIX_ERROR;
}

int main(void) {
  P(string) err = {0};
  int64_t v;

  /* 10,000 calls from 8 goroutines at once. */
  atomic_long calls = 0;
  P(Func_int_to_int) f;
  expect(P(Func_int_to_int_callback)(affine, &calls, &f, NULL), OK, "callback");
  expect(P(Fan)(f, 10000, 8, &v, NULL), OK, "Fan");
  /* sum of 3i+1 for i < 10000 */
  printf("Fan: sum=%lld want=%lld calls=%ld\n", (long long)v,
         3LL * 9999 * 10000 / 2 + 10000, (long)calls);
  /* The same func value called from C through Go. */
  expect(P(Func_int_to_int_call)(f, 7, &v, NULL), OK, "call callback");
  printf("call: %lld\n", (long long)v);

  /* Re-entrancy: the callback calls back into the wrapper. */
  P(Func_int_to_int) add;
  expect(P(Adder)(100, &add, NULL), OK, "Adder");
  P(Func_string_to_string) br;
  expect(P(Func_string_to_string_callback)(bracket, &add, &br, NULL), OK,
         "callback bracket");
  P(string) out;
  expect(P(Twice)(br, str("go"), &out, NULL), OK, "Twice");
  printf("Twice: %.*s\n", (int)out.len, out.data);
  P(free_string)(&out);

  /* A failing callback: an error for a func with an error result, a panic
     (status 2) for one without. */
  P(Func_string_to_int_error) pk;
  expect(P(Func_string_to_int_error_callback)(picky, NULL, &pk, NULL), OK,
         "callback picky");
  expect(P(Try)(pk, str("good"), &v, NULL), OK, "Try good");
  printf("Try(good): %lld\n", (long long)v);
  int32_t st = P(Try)(pk, str("bad"), &v, &err);
  printf("Try(bad): status=%d err=%.*s\n", st, (int)err.len, err.data);
  P(free_string)(&err);
  P(Func_string_to_string) rf;
  expect(P(Func_string_to_string_callback)(refuse, NULL, &rf, NULL), OK,
         "callback refuse");
  st = P(Twice)(rf, str("x"), &out, &err);
  printf("Twice(refuse): status=%d err=%.*s\n", st, (int)err.len, err.data);
  P(free_string)(&err);

  /* A Go panic after the callback ran. */
  calls = 0;
  st = P(ThenPanic)(f, &err);
  printf("ThenPanic: status=%d err=%.*s calls=%ld\n", st, (int)err.len,
         err.data, (long)calls);
  P(free_string)(&err);

  /* A NULL function is a bad argument. */
  P(Func_int_to_int) none;
  st = P(Func_int_to_int_callback)(NULL, NULL, &none, &err);
  printf("NULL fn: status=%d err=%.*s\n", st, (int)err.len, err.data);
  P(free_string)(&err);

  printf("live before release: %lld\n", (long long)P(handle_live)());
  P(handle_release)(f, NULL);
  P(handle_release)(add, NULL);
  P(handle_release)(br, NULL);
  P(handle_release)(pk, NULL);
  P(handle_release)(rf, NULL);
  printf("live: %lld\n", (long long)P(handle_live)());
  return 0;
}
