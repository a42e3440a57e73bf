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

  mochigo_go_cmp_handle hs[] = {ignore, empty, nans, approx};
  for (int i = 0; i < 4; ++i)
    mochigo_go_cmp_handle_release(hs[i], NULL);
  printf("live: %lld\n", (long long)mochigo_go_cmp_handle_live());
  return 0;
}
