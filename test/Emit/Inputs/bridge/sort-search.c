/* sort.Search and sort.SliceIsSorted with C callbacks. sort.Slice itself
   cannot be driven from C: the slice it sorts would be a Go copy (an `any`
   made by box_bytes), and nothing gives the sorted copy back, so a C less
   would compare stale elements; SliceIsSorted only reads, so a C less over
   C's own array agrees with Go's copy. */
#include "mochigo_sort.h"

#include <stdio.h>
#include <string.h>

#define P(name) mochigo_sort_##name

static const uint8_t data[] = {2, 3, 5, 7, 11, 13, 17, 19, 23, 29};

/* f(i) = data[i] >= *target */
static int32_t at_least(void *user, int64_t i, bool *r, P(string) * err) {
  (void)err;
  *r = data[i] >= *(const uint8_t *)user;
  return 0;
}

static int32_t less(void *user, int64_t i, int64_t j, bool *r,
                    P(string) * err) {
  (void)err;
  const uint8_t *xs = user;
  *r = xs[i] < xs[j];
  return 0;
}

int main(void) {
  uint8_t target = 12;
  P(Func_int_to_bool) f;
  if (P(Func_int_to_bool_callback)(at_least, &target, &f, NULL))
    return 1;
  int64_t i = -1;
  P(Search)(10, f, &i, NULL);
  printf("Search(>=12): %lld\n", (long long)i);
  target = 100;
  P(Search)(10, f, &i, NULL);
  printf("Search(>=100): %lld\n", (long long)i);

  uint8_t unsorted[] = {3, 1, 2};
  P(Func_int_int_to_bool) l1, l2;
  P(Func_int_int_to_bool_callback)(less, (void *)data, &l1, NULL);
  P(Func_int_int_to_bool_callback)(less, unsorted, &l2, NULL);
  P(bytes) b1 = {(uint8_t *)data, 10}, b2 = {unsorted, 3};
  P(Any) x1, x2;
  P(box_bytes)(b1, &x1, NULL);
  P(box_bytes)(b2, &x2, NULL);
  bool s1 = false, s2 = true;
  P(SliceIsSorted)(x1, l1, &s1, NULL);
  P(SliceIsSorted)(x2, l2, &s2, NULL);
  printf("SliceIsSorted: primes=%d unsorted=%d\n", s1, s2);
  P(handle) hs[] = {f, l1, l2, x1, x2};
  for (int k = 0; k < 5; ++k)
    P(handle_release)(hs[k], NULL);
  printf("live: %lld\n", (long long)P(handle_live)());
  return 0;
}
