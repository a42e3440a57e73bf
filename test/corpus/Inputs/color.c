// Differential test of github.com/fatih/color through the C ABI (the same
// calls as color.go, made directly in Go). Escape bytes are printed as \xNN.
#include MOCHIGO_HEADER

#include <stdio.h>
#include <string.h>

static mochigo_color_string S(const char *s) {
  mochigo_color_string r = {(char *)s, (int64_t)strlen(s)};
  return r;
}

static void show(const char *what, mochigo_color_string s) {
  printf("%s: ", what);
  for (int64_t i = 0; i < s.len; ++i) {
    unsigned char c = (unsigned char)s.data[i];
    if (c < 0x20)
      printf("\\x%02x", c);
    else
      putchar(c);
  }
  printf("\n");
}

int main(void) {
  // Colors on, whatever the terminal.
  mochigo_color_NoColor_set(false, NULL);
  int64_t red = 0, bold = 0, underline = 0;
  mochigo_color_FgRed_get(&red, NULL);
  mochigo_color_Bold_get(&bold, NULL);
  mochigo_color_Underline_get(&underline, NULL);
  printf("FgRed=%lld Bold=%lld Underline=%lld\n", (long long)red,
         (long long)bold, (long long)underline);

  int64_t attrs[] = {red, bold};
  mochigo_color_list_int64 list = {attrs, 2};
  mochigo_color_list_handle none = {NULL, 0};
  mochigo_color_Color c = 0, plain = 0, more = 0;
  if (mochigo_color_New(list, &c, NULL))
    return 1;
  mochigo_color_string out = {0};
  mochigo_color_Color_Sprintf(c, S("hello, world"), none, &out, NULL);
  show("red bold", out);
  mochigo_color_free_string(&out);

  mochigo_color_list_int64 one = {attrs, 1};
  mochigo_color_New(one, &plain, NULL);
  bool eq = true;
  mochigo_color_Color_Equals(c, plain, &eq, NULL);
  printf("Equals(red bold, red): %d\n", eq);
  int64_t u[] = {underline};
  mochigo_color_list_int64 ul = {u, 1};
  mochigo_color_Color_Add(plain, ul, &more, NULL);
  mochigo_color_Color_Sprintf(more, S("added"), none, &out, NULL);
  show("red + underline", out);
  mochigo_color_free_string(&out);

  mochigo_color_Color_DisableColor(c, NULL);
  mochigo_color_Color_Sprintf(c, S("disabled"), none, &out, NULL);
  show("disabled", out);
  mochigo_color_free_string(&out);

  mochigo_color_Color_EnableColor(c, NULL);
  mochigo_color_Color_Sprintf(c, S("enabled again"), none, &out, NULL);
  show("enabled", out);
  mochigo_color_free_string(&out);

  mochigo_color_Color_Sprintln(more, none, &out, NULL);
  show("Sprintln()", out);
  mochigo_color_free_string(&out);

  // SprintFunc gives a func handle (func(a ...interface{}) string), which C
  // calls through its `call` export (the goroutine bridge).
  mochigo_color_Func_2b79b829 fn = 0;
  mochigo_color_Color_SprintFunc(c, &fn, NULL);
  printf("SprintFunc: %d\n", fn != 0);
  mochigo_color_Any word = 0;
  mochigo_color_box_string(S("called"), &word, NULL);
  mochigo_color_list_handle words = {&word, 1};
  if (mochigo_color_Func_2b79b829_call(fn, words, &out, NULL) ==
      MOCHIGO_COLOR_OK) {
    show("SprintFunc()(called)", out);
    mochigo_color_free_string(&out);
  }
  mochigo_color_handle_release(word, NULL);
  mochigo_color_handle_release(fn, NULL);

  bool nocolor = true;
  mochigo_color_NoColor_get(&nocolor, NULL);
  printf("NoColor: %d\n", nocolor);

  mochigo_color_RedString(S("100%% red"), none, &out, NULL);
  show("RedString", out);
  mochigo_color_free_string(&out);

  // Sprint(...any) with boxed C values of every form.
  mochigo_color_Any args[6] = {0};
  uint8_t raw[] = {'h', 'i'};
  mochigo_color_bytes rawb = {raw, 2};
  mochigo_color_box_string(S("n="), &args[0], NULL);
  mochigo_color_box_int(42, &args[1], NULL);
  mochigo_color_box_float(2.5, &args[2], NULL);
  mochigo_color_box_bool(true, &args[3], NULL);
  mochigo_color_box_bytes(rawb, &args[4], NULL);
  mochigo_color_box_handle(args[0], &args[5], NULL);
  mochigo_color_list_handle mixed = {args, 6};
  mochigo_color_Color_Sprint(c, mixed, &out, NULL);
  show("Sprint(mixed)", out);
  mochigo_color_free_string(&out);
  printf("live with boxes: %lld\n", (long long)mochigo_color_handle_live());
  for (int i = 0; i < 6; ++i)
    mochigo_color_handle_release(args[i], NULL);

  mochigo_color_handle hs[] = {c, plain, more};
  for (int i = 0; i < 3; ++i)
    mochigo_color_handle_release(hs[i], NULL);
  printf("live: %lld\n", (long long)mochigo_color_handle_live());
  return 0;
}
