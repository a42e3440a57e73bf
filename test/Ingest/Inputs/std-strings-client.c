/* The C side of std-wrapper-builds.test: calls the wrapper library of the
   standard-library package strings (mochi-go-ingest -std strings, default
   prefix mochigo_strings) through the generated header. */
#include "mochigo_strings.h"

#include <stdio.h>
#include <string.h>

static mochigo_strings_string cstr(const char *s) {
  mochigo_strings_string r;
  r.data = (char *)s;
  r.len = (int64_t)strlen(s);
  return r;
}

static void show(const char *what, int32_t st, mochigo_strings_string s,
                 mochigo_strings_string *err) {
  printf("%s: status=%d", what, st);
  if (st == MOCHIGO_STRINGS_OK)
    printf(" \"%.*s\"", (int)s.len, s.data);
  else if (err->data)
    printf(" err=\"%.*s\"", (int)err->len, err->data);
  printf("\n");
  mochigo_strings_free_string(err);
}

int main(void) {
  mochigo_strings_string err = {0}, out = {0};
  int32_t st;

  st = mochigo_strings_ToUpper(cstr("hello, gopher"), &out, &err);
  show("ToUpper", st, out, &err);
  mochigo_strings_free_string(&out);

  /* A Go panic is status 2. */
  st = mochigo_strings_Repeat(cstr("ab"), -1, &out, &err);
  show("Repeat(-1)", st, out, &err);

  /* A handle: *strings.Replacer, used and released. */
  mochigo_strings_string pairs[] = {cstr("a"), cstr("1"), cstr("b"), cstr("2")};
  mochigo_strings_list_string oldnew = {pairs, 4};
  mochigo_strings_Replacer rep;
  st = mochigo_strings_NewReplacer(oldnew, &rep, &err);
  printf("NewReplacer: status=%d live=%lld\n", st,
         (long long)mochigo_strings_handle_live());
  st = mochigo_strings_Replacer_Replace(rep, cstr("abba"), &out, &err);
  show("Replace", st, out, &err);
  mochigo_strings_free_string(&out);
  st = mochigo_strings_handle_release(rep, &err);
  printf("release: status=%d live=%lld\n", st,
         (long long)mochigo_strings_handle_live());
  return 0;
}
