/* strings.Map with a C callback (func(rune) rune): rot13 on letters, and a
   negative result drops the rune, as Go documents. */
#include "mochigo_strings.h"

#include <stdio.h>
#include <string.h>

#define P(name) mochigo_strings_##name

static int32_t rot13(void *user, int32_t r, int32_t *out, P(string) * err) {
  (void)err;
  ++*(int *)user;
  if (r >= 'a' && r <= 'z')
    *out = 'a' + (r - 'a' + 13) % 26;
  else if (r >= 'A' && r <= 'Z')
    *out = 'A' + (r - 'A' + 13) % 26;
  else if (r == '!')
    *out = -1;
  else
    *out = r;
  return 0;
}

int main(void) {
  int calls = 0;
  P(Func_rune_to_rune) f;
  if (P(Func_rune_to_rune_callback)(rot13, &calls, &f, NULL))
    return 1;
  const char *in = "Hello, Gopher! \xc3\xa9t\xc3\xa9";
  P(string) s = {(char *)in, (int64_t)strlen(in)}, out;
  int32_t st = P(Map)(f, s, &out, NULL);
  printf("Map: status=%d %.*s calls=%d\n", st, (int)out.len, out.data, calls);
  P(free_string)(&out);
  P(handle_release)(f, NULL);
  printf("live: %lld\n", (long long)P(handle_live)());
  return 0;
}
