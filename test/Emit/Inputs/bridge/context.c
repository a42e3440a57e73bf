/* context from C: ctx.Done() is a <-chan struct{} (RecvChan_struct), which
   is closed when the context ends, so waiting on it gives
   MOCHIGO_CONTEXT_CLOSED; a CancelFunc is called through its `call`
   export, and one made from a C callback is a CancelFunc too. */
#include "mochigo_context.h"

#include <stdio.h>

#define P(name) mochigo_context_##name

static int32_t note(void *user, P(string) * err) {
  (void)err;
  ++*(int *)user;
  return 0;
}

int main(void) {
  P(string) err = {0};
  P(Context) bg, ctx;
  P(CancelFunc) cancel;
  P(RecvChan_struct) done;
  P(Background)(&bg, NULL);
  P(WithCancel)(bg, &ctx, &cancel, NULL);
  P(Context_Done)(ctx, &done, NULL);
  int32_t st = P(RecvChan_struct_try_recv)(done, NULL);
  printf("before cancel: status=%d\n", st);
  P(CancelFunc_call)(cancel, NULL);
  st = P(RecvChan_struct_recv)(done, 1000, &err);
  printf("after cancel: status=%d err=%.*s\n", st, (int)err.len, err.data);
  P(free_string)(&err);
  P(Context_Err)(ctx, &err);
  printf("Err: %.*s\n", (int)err.len, err.data);
  P(free_string)(&err);
  P(handle_release)(done, NULL);
  P(handle_release)(cancel, NULL);
  P(handle_release)(ctx, NULL);

  /* A deadline: Done is closed by a Go timer. */
  P(WithTimeout)(bg, 30 * 1000 * 1000, &ctx, &cancel, NULL);
  P(Context_Done)(ctx, &done, NULL);
  st = P(RecvChan_struct_recv)(done, 5000, NULL);
  P(Context_Err)(ctx, &err);
  printf("deadline: status=%d err=%.*s\n", st, (int)err.len, err.data);
  P(free_string)(&err);
  P(CancelFunc_call)(cancel, NULL);
  P(handle_release)(done, NULL);
  P(handle_release)(cancel, NULL);
  P(handle_release)(ctx, NULL);

  /* A CancelFunc from C, called by C through Go. */
  int calls = 0;
  P(CancelFunc) mine;
  st = P(CancelFunc_callback)(note, &calls, &mine, NULL);
  int32_t st1 = P(CancelFunc_call)(mine, NULL);
  int32_t st2 = P(CancelFunc_call)(mine, NULL);
  printf("C CancelFunc: status=%d,%d,%d calls=%d\n", st, st1, st2, calls);
  P(handle_release)(mine, NULL);
  P(handle_release)(bg, NULL);
  printf("live: %lld\n", (long long)P(handle_live)());
  return 0;
}
