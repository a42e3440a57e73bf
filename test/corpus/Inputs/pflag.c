// Differential test of github.com/spf13/pflag through the C ABI (the same
// calls as pflag.go, made directly in Go): define flags on a FlagSet, parse
// argument lists, read the values back.
#include MOCHIGO_HEADER

#include <stdio.h>
#include <string.h>

static mochigo_pflag_string S(const char *s) {
  mochigo_pflag_string r = {(char *)s, (int64_t)strlen(s)};
  return r;
}

// VisitAll's callback (the goroutine bridge's callback export): the *Flag
// handle is borrowed for the call; Go releases it when the callback returns.
static int32_t visit(void *user, mochigo_pflag_Flag f, mochigo_pflag_string *err) {
  const char *label = user;
  mochigo_pflag_string name = {0};
  bool changed = false;
  int32_t st = mochigo_pflag_Flag_Name_get(f, &name, err);
  if (st != MOCHIGO_PFLAG_OK)
    return st;
  mochigo_pflag_Flag_Changed_get(f, &changed, NULL);
  printf("%s: visit %.*s changed=%d\n", label, (int)name.len, name.data,
         changed);
  mochigo_pflag_free_string(&name);
  return MOCHIGO_PFLAG_OK;
}

static int run(const char *label, const char **argv, int argc) {
  mochigo_pflag_FlagSet fs = 0;
  mochigo_pflag_handle p1 = 0, p2 = 0, p3 = 0, p4 = 0;
  mochigo_pflag_string err = {0};
  if (mochigo_pflag_NewFlagSet(S("demo"), 0, &fs, NULL))
    return 1;
  mochigo_pflag_string defaults[] = {S("a"), S("b")};
  mochigo_pflag_list_string def = {defaults, 2};
  mochigo_pflag_FlagSet_Int(fs, S("count"), 3, S("how many"), &p1, NULL);
  mochigo_pflag_FlagSet_String(fs, S("name"), S("anon"), S("who"), &p2, NULL);
  mochigo_pflag_FlagSet_Bool(fs, S("verbose"), false, S("talk"), &p3, NULL);
  mochigo_pflag_FlagSet_StringSlice(fs, S("tags"), def, S("tags"), &p4, NULL);
  mochigo_pflag_string args[8];
  for (int i = 0; i < argc; ++i)
    args[i] = S(argv[i]);
  mochigo_pflag_list_string list = {args, argc};
  int32_t status = mochigo_pflag_FlagSet_Parse(fs, list, &err);
  if (status == MOCHIGO_PFLAG_ERROR) {
    printf("%s: parse error: %.*s\n", label, (int)err.len, err.data);
    mochigo_pflag_free_string(&err);
  } else if (status == MOCHIGO_PFLAG_OK) {
    int64_t count = 0, nargs = 0;
    bool verbose = false, changed = false;
    mochigo_pflag_string name = {0};
    mochigo_pflag_list_string tags = {0}, rest = {0};
    mochigo_pflag_FlagSet_GetInt(fs, S("count"), &count, NULL);
    mochigo_pflag_FlagSet_GetString(fs, S("name"), &name, NULL);
    mochigo_pflag_FlagSet_GetBool(fs, S("verbose"), &verbose, NULL);
    mochigo_pflag_FlagSet_Changed(fs, S("count"), &changed, NULL);
    mochigo_pflag_FlagSet_GetStringSlice(fs, S("tags"), &tags, NULL);
    mochigo_pflag_FlagSet_NArg(fs, &nargs, NULL);
    mochigo_pflag_FlagSet_Args(fs, &rest, NULL);
    printf("%s: count=%lld changed=%d name=%.*s verbose=%d tags=", label,
           (long long)count, changed, (int)name.len, name.data, verbose);
    for (int64_t i = 0; i < tags.len; ++i)
      printf("%s%.*s", i ? "," : "", (int)tags.data[i].len, tags.data[i].data);
    printf(" nargs=%lld args=", (long long)nargs);
    for (int64_t i = 0; i < rest.len; ++i)
      printf("%s%.*s", i ? "," : "", (int)rest.data[i].len, rest.data[i].data);
    printf("\n");
    mochigo_pflag_free_string(&name);
    mochigo_pflag_free_list_string(&tags);
    mochigo_pflag_free_list_string(&rest);
    // Lookup gives a *Flag handle, or 0 (nil) for an undefined name.
    mochigo_pflag_Flag f1 = 0, f2 = 0;
    int64_t nflag = 0, dash = 0;
    mochigo_pflag_FlagSet_Lookup(fs, S("count"), &f1, NULL);
    mochigo_pflag_FlagSet_Lookup(fs, S("nope"), &f2, NULL);
    mochigo_pflag_FlagSet_NFlag(fs, &nflag, NULL);
    mochigo_pflag_FlagSet_ArgsLenAtDash(fs, &dash, NULL);
    printf("%s: lookup(count)=%d lookup(nope)=%d nflag=%lld dash=%lld\n", label,
           f1 != 0, f2 != 0, (long long)nflag, (long long)dash);
    // The fields of the *Flag, through the generated getters and a setter.
    if (f1) {
      mochigo_pflag_string fname = {0}, usage = {0}, def = {0}, value = {0};
      bool fchanged = false;
      mochigo_pflag_Value v = 0;
      mochigo_pflag_Flag_Name_get(f1, &fname, NULL);
      mochigo_pflag_Flag_Usage_get(f1, &usage, NULL);
      mochigo_pflag_Flag_DefValue_get(f1, &def, NULL);
      mochigo_pflag_Flag_Changed_get(f1, &fchanged, NULL);
      mochigo_pflag_Flag_Value_get(f1, &v, NULL);
      mochigo_pflag_Value_String(v, &value, NULL);
      printf("%s: Flag.Name=%.*s Usage=%.*s DefValue=%.*s Changed=%d Value=%.*s\n",
             label, (int)fname.len, fname.data, (int)usage.len, usage.data,
             (int)def.len, def.data, fchanged, (int)value.len, value.data);
      mochigo_pflag_Flag_Usage_set(f1, S("how many, really"), NULL);
      mochigo_pflag_free_string(&usage);
      mochigo_pflag_Flag_Usage_get(f1, &usage, NULL);
      printf("%s: Flag.Usage after set=%.*s\n", label, (int)usage.len,
             usage.data);
      mochigo_pflag_free_string(&fname);
      mochigo_pflag_free_string(&usage);
      mochigo_pflag_free_string(&def);
      mochigo_pflag_free_string(&value);
      mochigo_pflag_handle_release(v, NULL);
      mochigo_pflag_handle_release(f1, NULL);
    }
    // Every flag, in lexical order, through a C callback.
    mochigo_pflag_Func_ptr_Flag fn = 0;
    if (mochigo_pflag_Func_ptr_Flag_callback(visit, (void *)label, &fn, NULL) ||
        mochigo_pflag_FlagSet_VisitAll(fs, fn, NULL))
      return 1;
    mochigo_pflag_handle_release(fn, NULL);
    // Set after parsing: a good value, then a bad one.
    if (mochigo_pflag_FlagSet_Set(fs, S("count"), S("42"), NULL) ==
        MOCHIGO_PFLAG_OK) {
      mochigo_pflag_FlagSet_GetInt(fs, S("count"), &count, NULL);
      printf("%s: Set(count, 42): %lld\n", label, (long long)count);
    }
    if (mochigo_pflag_FlagSet_Set(fs, S("count"), S("x"), &err) ==
        MOCHIGO_PFLAG_ERROR) {
      printf("%s: Set(count, x): %.*s\n", label, (int)err.len, err.data);
      mochigo_pflag_free_string(&err);
    }
    // A flag that was never defined is an error value, not a crash.
    int64_t none = 0;
    if (mochigo_pflag_FlagSet_GetInt(fs, S("missing"), &none, &err) ==
        MOCHIGO_PFLAG_ERROR) {
      printf("%s: GetInt(missing): %.*s\n", label, (int)err.len, err.data);
      mochigo_pflag_free_string(&err);
    }
  } else {
    return 1;
  }
  mochigo_pflag_handle hs[] = {fs, p1, p2, p3, p4};
  for (int i = 0; i < 5; ++i)
    mochigo_pflag_handle_release(hs[i], NULL);
  return 0;
}

int main(void) {
  const char *a[] = {"--count=7", "--name", "gopher", "-", "x", "--", "--verbose"};
  const char *b[] = {"--verbose", "--tags=x,y,z", "file1", "file2"};
  const char *c[] = {"--count=notanumber"};
  const char *d[] = {"--unknown"};
  if (run("a", a, 7) || run("b", b, 4) || run("c", c, 1) || run("d", d, 1))
    return 1;
  printf("live: %lld\n", (long long)mochigo_pflag_handle_live());
  return 0;
}
