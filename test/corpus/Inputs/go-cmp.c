// Differential test of github.com/google/go-cmp through the C ABI (the same
// calls as go-cmp.go, made directly in Go). A C caller can only hand cmp
// values it got from Go (handles), so the values compared are cmp options.
#include MOCHIGO_HEADER

#include <stdio.h>

static void show_options(const char *what, mochigo_go_cmp_handle *opts, int n) {
  mochigo_go_cmp_list_handle list = {opts, n};
  mochigo_go_cmp_string s = {0}, err = {0};
  if (mochigo_go_cmp_cmp_Options_String(list, &s, &err) != MOCHIGO_GO_CMP_OK) {
    printf("%s: status error %.*s\n", what, (int)err.len, err.data);
    mochigo_go_cmp_free_string(&err);
    return;
  }
  printf("%s: %.*s\n", what, (int)s.len, s.data);
  mochigo_go_cmp_free_string(&s);
}

int main(void) {
  mochigo_go_cmp_cmp_Option ignore = 0, empty = 0, nans = 0, approx = 0;
  mochigo_go_cmp_cmp_Ignore(&ignore, NULL);
  mochigo_go_cmp_cmp_cmpopts_EquateEmpty(&empty, NULL);
  mochigo_go_cmp_cmp_cmpopts_EquateNaNs(&nans, NULL);
  mochigo_go_cmp_cmp_cmpopts_EquateApprox(0.01, 0.5, &approx, NULL);
  mochigo_go_cmp_handle one[] = {ignore};
  mochigo_go_cmp_handle all[] = {ignore, empty, nans, approx};
  show_options("Options{Ignore}", one, 1);
  show_options("Options{4}", all, 4);
  show_options("Options{}", NULL, 0);

  // Equal and Diff on the same handle: identical values.
  mochigo_go_cmp_list_handle noopts = {NULL, 0};
  bool eq = false;
  mochigo_go_cmp_string diff = {0}, err = {0};
  mochigo_go_cmp_cmp_Equal(0, 0, noopts, &eq, NULL);
  printf("Equal(nil, nil): %d\n", eq);
  int32_t status = mochigo_go_cmp_cmp_Equal(ignore, ignore, noopts, &eq, &err);
  if (status == MOCHIGO_GO_CMP_OK)
    printf("Equal(ignore, ignore): %d\n", eq);
  else
    printf("Equal(ignore, ignore): status %d: %.*s\n", status, (int)err.len,
           err.data);
  mochigo_go_cmp_free_string(&err);
  mochigo_go_cmp_cmp_Diff(0, 0, noopts, &diff, NULL);
  printf("Diff(nil, nil): [%.*s]\n", (int)diff.len, diff.data);
  mochigo_go_cmp_free_string(&diff);

  // Equal of boxed C values: same type and value, different values,
  // different types, bytes, and a boxed handle against itself.
  mochigo_go_cmp_Any a = 0, b = 0, c = 0, d = 0, e = 0, f = 0, g = 0;
  uint8_t raw[] = {1, 2, 3};
  mochigo_go_cmp_bytes rawb = {raw, 3};
  mochigo_go_cmp_string sa = {"x", 1}, sb = {"y", 1};
  mochigo_go_cmp_box_int(3, &a, NULL);
  mochigo_go_cmp_box_int(3, &b, NULL);
  mochigo_go_cmp_box_string(sa, &c, NULL);
  mochigo_go_cmp_box_string(sb, &d, NULL);
  mochigo_go_cmp_box_float(3, &e, NULL);
  mochigo_go_cmp_box_bytes(rawb, &f, NULL);
  mochigo_go_cmp_box_bytes(rawb, &g, NULL);
  mochigo_go_cmp_cmp_Equal(a, b, noopts, &eq, NULL);
  printf("Equal(3, 3): %d\n", eq);
  mochigo_go_cmp_cmp_Equal(c, d, noopts, &eq, NULL);
  printf("Equal(x, y): %d\n", eq);
  mochigo_go_cmp_cmp_Equal(a, e, noopts, &eq, NULL);
  printf("Equal(3, 3.0): %d\n", eq);
  mochigo_go_cmp_cmp_Equal(f, g, noopts, &eq, NULL);
  printf("Equal(bytes, bytes): %d\n", eq);
  mochigo_go_cmp_handle eopt[] = {empty};
  mochigo_go_cmp_list_handle withEmpty = {eopt, 1};
  mochigo_go_cmp_Any h = 0;
  mochigo_go_cmp_bytes nob = {NULL, 0};
  mochigo_go_cmp_box_bytes(nob, &h, NULL);
  mochigo_go_cmp_cmp_Equal(f, h, withEmpty, &eq, NULL);
  printf("Equal(bytes, nil, EquateEmpty): %d\n", eq);
  mochigo_go_cmp_Any boxes[] = {a, b, c, d, e, f, g, h};
  for (int i = 0; i < 8; ++i)
    mochigo_go_cmp_handle_release(boxes[i], NULL);

  mochigo_go_cmp_handle hs[] = {ignore, empty, nans, approx};
  for (int i = 0; i < 4; ++i)
    mochigo_go_cmp_handle_release(hs[i], NULL);
  printf("live: %lld\n", (long long)mochigo_go_cmp_handle_live());
  return 0;
}
