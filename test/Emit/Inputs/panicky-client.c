// Results are written last: Mixed(3) panics while converting its last
// result, after a handle, a list of strings and a list of handles were
// converted; the caller must see status 2, its result variables untouched,
// and no new live handle.
#include "mochigo_panicky.h"

#include <stdio.h>

static void call(int64_t n) {
  mochigo_panicky_Thing t = 777;
  mochigo_panicky_list_string s = {NULL, -1};
  mochigo_panicky_list_handle things = {NULL, -1};
  mochigo_panicky_list_error errs = {NULL, -1};
  mochigo_panicky_string err = {0};
  int64_t before = mochigo_panicky_handle_live();
  int32_t status = mochigo_panicky_Mixed(n, &t, &s, &things, &errs, &err);
  int64_t after = mochigo_panicky_handle_live();
  printf("Mixed(%lld): status=%d", (long long)n, status);
  if (status != MOCHIGO_PANICKY_OK) {
    printf(" err=\"%.*s\" untouched=%d live before=%lld after=%lld\n",
           (int)err.len, err.data,
           t == 777 && s.data == NULL && s.len == -1 && things.len == -1 &&
               errs.len == -1,
           (long long)before, (long long)after);
    mochigo_panicky_free_string(&err);
    return;
  }
  printf(" strings=%lld things=%lld errs=", (long long)s.len,
         (long long)things.len);
  for (int64_t i = 0; i < errs.len; ++i)
    printf("[%.*s]", (int)errs.data[i].len, errs.data[i].data);
  printf(" live before=%lld after=%lld\n", (long long)before,
         (long long)after);
  for (int64_t i = 0; i < things.len; ++i) {
    int64_t k = 0;
    mochigo_panicky_Thing_N(things.data[i], &k, NULL);
    printf("thing %lld: %lld\n", (long long)i, (long long)k);
    mochigo_panicky_handle_release(things.data[i], NULL);
  }
  mochigo_panicky_handle_release(t, NULL);
  mochigo_panicky_free_list_string(&s);
  mochigo_panicky_free_list_handle(&things);
  mochigo_panicky_free_list_error(&errs);
}

int main(void) {
  call(2);
  call(3);
  call(2);
  printf("live: %lld\n", (long long)mochigo_panicky_handle_live());
  return 0;
}
