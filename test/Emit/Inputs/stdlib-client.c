/* The C side of go-wrapper-builds.test: calls the wrapper library of
   Inputs/stdlib.mlir through the generated header and prints what came
   back, one line per check. */
#include "mochigo_std.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static mochigo_std_string str(const char *s, size_t n) {
  mochigo_std_string r;
  r.data = (char *)s;
  r.len = (int64_t)n;
  return r;
}

static mochigo_std_string cstr(const char *s) { return str(s, strlen(s)); }

/* Print a Go string with its NULs shown as \0. */
static void show(const char *what, mochigo_std_string s) {
  printf("%s: len=%lld \"", what, (long long)s.len);
  for (int64_t i = 0; i < s.len; ++i) {
    if (s.data[i] == '\0')
      printf("\\0");
    else
      putchar(s.data[i]);
  }
  printf("\"\n");
}

static void status(const char *what, int32_t st, mochigo_std_string *err) {
  printf("%s: status=%d", what, st);
  if (st != MOCHIGO_STD_OK && err->data)
    printf(" err=\"%.*s\"", (int)err->len, err->data);
  printf("\n");
  mochigo_std_free_string(err);
}

int main(void) {
  mochigo_std_string err = {0};
  int32_t st;

  /* A string with NUL bytes inside crosses both ways intact. */
  {
    static const char in[] = "a\0b\0c";
    mochigo_std_string out;
    st = mochigo_std_strings_ToUpper(str(in, 5), &out, &err);
    status("ToUpper", st, &err);
    show("ToUpper", out);
    printf("terminated: %d\n", out.data[out.len] == '\0');
    mochigo_std_free_string(&out);
    printf("freed: %d %lld\n", out.data == NULL, (long long)out.len);
  }

  /* Lists of strings, both ways; a variadic parameter. */
  {
    mochigo_std_list_string parts;
    st = mochigo_std_strings_Split(cstr("x,y,,z"), cstr(","), &parts, &err);
    status("Split", st, &err);
    printf("Split: %lld parts:", (long long)parts.len);
    for (int64_t i = 0; i < parts.len; ++i)
      printf(" [%.*s]", (int)parts.data[i].len, parts.data[i].data);
    printf("\n");
    mochigo_std_string joined;
    st = mochigo_std_strings_Join(parts, cstr("+"), &joined, &err);
    status("Join", st, &err);
    show("Join", joined);
    mochigo_std_free_string(&joined);
    mochigo_std_free_list_string(&parts);

    mochigo_std_string pairs[] = {cstr("a"), cstr("1"), cstr("b"), cstr("2")};
    mochigo_std_list_string oldnew = {pairs, 4};
    mochigo_std_Replacer rep;
    st = mochigo_std_strings_NewReplacer(oldnew, &rep, &err);
    status("NewReplacer", st, &err);
    mochigo_std_string replaced;
    st = mochigo_std_strings_Replacer_Replace(rep, cstr("abba"), &replaced,
                                              &err);
    status("Replace", st, &err);
    show("Replace", replaced);
    mochigo_std_free_string(&replaced);

    /* A handle of another type is refused. */
    int64_t n;
    st = mochigo_std_bytes_Buffer_Len(rep, &n, &err);
    status("Buffer.Len(Replacer)", st, &err);
    st = mochigo_std_handle_release(rep, &err);
    status("release Replacer", st, &err);
  }

  /* A Go panic comes back as status 2; the process goes on. */
  {
    mochigo_std_string out = {0};
    st = mochigo_std_strings_Repeat(cstr("ab"), -1, &out, &err);
    status("Repeat(-1)", st, &err);
    printf("untouched: %d\n", out.data == NULL);
    st = mochigo_std_strings_Repeat(cstr("ab"), 3, &out, NULL);
    show("Repeat(3)", out);
    mochigo_std_free_string(&out);
    /* A NULL result pointer drops the result. */
    st = mochigo_std_strings_Repeat(cstr("ab"), 3, NULL, &err);
    status("Repeat(3, NULL)", st, &err);
  }

  /* Errors: status 1 and the message. */
  {
    int64_t v = 0;
    st = mochigo_std_strconv_Atoi(cstr("42"), &v, &err);
    status("Atoi(42)", st, &err);
    printf("Atoi: %lld\n", (long long)v);
    st = mochigo_std_strconv_Atoi(cstr("4x2"), &v, &err);
    status("Atoi(4x2)", st, &err);
    st = mochigo_std_strconv_IntSize(&v, &err);
    printf("IntSize: %lld\n", (long long)v);
  }

  /* Malformed arguments: status 4. */
  {
    mochigo_std_string out;
    st = mochigo_std_strings_ToUpper(str(NULL, 3), &out, &err);
    status("ToUpper(NULL, 3)", st, &err);
    st = mochigo_std_strings_ToUpper(str("abc", (size_t)-1), &out, &err);
    status("ToUpper(len -1)", st, &err);
    st = mochigo_std_strings_ToUpper(str(NULL, 0), &out, &err);
    status("ToUpper(NULL, 0)", st, &err);
    mochigo_std_free_string(&out);
  }

  /* 1 MiB of bytes crosses intact, both ways. */
  {
    size_t n = 1 << 20;
    uint8_t *big = (uint8_t *)malloc(n);
    for (size_t i = 0; i < n; ++i)
      big[i] = (uint8_t)(' ' + (i * 7) % 95); /* printable ASCII */
    mochigo_std_bytes in = {big, (int64_t)n}, out;
    st = mochigo_std_bytes_ToUpper(in, &out, &err);
    status("bytes.ToUpper", st, &err);
    int same = out.len == (int64_t)n;
    for (size_t i = 0; same && i < n; ++i) {
      uint8_t want = big[i] >= 'a' && big[i] <= 'z' ? big[i] - 32 : big[i];
      same = out.data[i] == want;
    }
    printf("1 MiB: len=%lld intact=%d\n", (long long)out.len, same);
    bool eq = false;
    st = mochigo_std_bytes_Equal(in, in, &eq, &err);
    printf("Equal: %d %d\n", st, eq);
    mochigo_std_free_bytes(&out);
    free(big);

    mochigo_std_bytes sum;
    st = mochigo_std_crypto_sha256_Sum256(in = (mochigo_std_bytes){
                                              (uint8_t *)"abc", 3},
                                          &sum, &err);
    status("Sum256", st, &err);
    printf("Sum256: len=%lld %02x%02x..%02x\n", (long long)sum.len,
           sum.data[0], sum.data[1], sum.data[31]);
    mochigo_std_free_bytes(&sum);
  }

  /* Handles: methods, live counts, release. */
  {
    printf("live before: %lld\n", (long long)mochigo_std_handle_live());
    mochigo_std_Buffer buf;
    st = mochigo_std_bytes_NewBufferString(cstr("hello"), &buf, &err);
    status("NewBufferString", st, &err);
    int64_t n = 0;
    st = mochigo_std_bytes_Buffer_WriteString(buf, cstr(", world"), &n, &err);
    status("WriteString", st, &err);
    printf("wrote: %lld\n", (long long)n);
    mochigo_std_string s;
    st = mochigo_std_bytes_Buffer_String(buf, &s, &err);
    show("Buffer.String", s);
    mochigo_std_free_string(&s);
    printf("live: %lld\n", (long long)mochigo_std_handle_live());
    st = mochigo_std_handle_release(buf, &err);
    status("release", st, &err);
    printf("live after release: %lld\n", (long long)mochigo_std_handle_live());
    st = mochigo_std_bytes_Buffer_Len(buf, &n, &err);
    status("Len(released)", st, &err);
    st = mochigo_std_handle_release(buf, &err);
    status("release again", st, &err);
    st = mochigo_std_handle_release(12345, &err);
    status("release never issued", st, &err);
    /* Handle 0 is a nil *bytes.Buffer; its Len is 0. */
    st = mochigo_std_bytes_Buffer_Len(0, &n, &err);
    status("Len(nil)", st, &err);

    /* A boxed value: time.Time. */
    mochigo_std_Time t, u;
    st = mochigo_std_time_Unix(86400 * 365, 0, &t, &err);
    st = mochigo_std_time_Time_UTC(t, &u, &err);
    int64_t year = 0;
    st = mochigo_std_time_Time_Year(u, &year, &err);
    printf("Year: %d %lld\n", st, (long long)year);
    mochigo_std_string layout;
    st = mochigo_std_time_RFC3339(&layout, &err);
    st = mochigo_std_time_Time_Format(u, layout, &s, &err);
    show("Format", s);
    mochigo_std_free_string(&s);
    mochigo_std_free_string(&layout);
    st = mochigo_std_time_Time_Year(0, &year, &err);
    status("Year(0)", st, &err);
    printf("live: %lld\n", (long long)mochigo_std_handle_live());
    mochigo_std_handle_release(t, NULL);
    mochigo_std_handle_release(u, NULL);
    printf("live at end: %lld\n", (long long)mochigo_std_handle_live());
    int64_t second = 0;
    st = mochigo_std_time_Second(&second, &err);
    st = mochigo_std_time_Duration_String(90 * second, &s, &err);
    show("Duration", s);
    mochigo_std_free_string(&s);
  }

  /* Records, nested records. */
  {
    mochigo_std_Point p, q, r;
    mochigo_std_image_Pt(1, 2, &p, &err);
    mochigo_std_image_Pt(10, 20, &q, &err);
    st = mochigo_std_image_Point_Add(p, q, &r, &err);
    printf("Add: %d (%lld,%lld)\n", st, (long long)r.X, (long long)r.Y);
    mochigo_std_Rectangle rect;
    st = mochigo_std_image_Rect(5, 6, 1, 2, &rect, &err);
    printf("Rect: %d (%lld,%lld)-(%lld,%lld)\n", st, (long long)rect.Min.X,
           (long long)rect.Min.Y, (long long)rect.Max.X,
           (long long)rect.Max.Y);
  }

  /* Scalars, constants. */
  {
    double d = 0;
    mochigo_std_math_Sqrt(2.25, &d, &err);
    uint32_t bits = 0;
    mochigo_std_math_Float32bits(1.0f, &bits, &err);
    uint64_t max = 0;
    mochigo_std_math_MaxUint64(&max, &err);
    printf("Sqrt: %g bits: %08x max: %llu\n", d, bits,
           (unsigned long long)max);
  }

  /* A named map with list values, both ways. */
  {
    mochigo_std_map_string_list_string m;
    st = mochigo_std_net_url_ParseQuery(cstr("a=1&b=2&a=3"), &m, &err);
    status("ParseQuery", st, &err);
    int64_t total = 0;
    for (int64_t i = 0; i < m.len; ++i)
      total += m.values[i].len;
    printf("ParseQuery: %lld keys %lld values\n", (long long)m.len,
           (long long)total);
    mochigo_std_string enc;
    st = mochigo_std_net_url_Values_Encode(m, &enc, &err);
    show("Encode", enc);
    mochigo_std_free_string(&enc);
    mochigo_std_free_map_string_list_string(&m);
    printf("map freed: %d\n", m.keys == NULL && m.values == NULL && m.len == 0);
    st = mochigo_std_net_url_ParseQuery(cstr("a=%zz"), &m, &err);
    status("ParseQuery(bad)", st, &err);
  }

  /* Named []byte, [N]byte both ways. */
  {
    mochigo_std_bytes ip;
    mochigo_std_net_IPv4(192, 168, 0, 1, &ip, &err);
    mochigo_std_string s;
    st = mochigo_std_net_IP_String(ip, &s, &err);
    show("IP", s);
    mochigo_std_free_string(&s);
    mochigo_std_free_bytes(&ip);

    uint8_t raw[16] = {0x20, 0x01, 0x0d, 0xb8};
    raw[15] = 1;
    mochigo_std_Addr a;
    st = mochigo_std_net_netip_AddrFrom16((mochigo_std_bytes){raw, 16}, &a,
                                          &err);
    st = mochigo_std_net_netip_Addr_String(a, &s, &err);
    show("Addr", s);
    mochigo_std_free_string(&s);
    mochigo_std_bytes back;
    st = mochigo_std_net_netip_Addr_As16(a, &back, &err);
    printf("As16: %d len=%lld same=%d\n", st, (long long)back.len,
           back.len == 16 && memcmp(back.data, raw, 16) == 0);
    mochigo_std_free_bytes(&back);
    mochigo_std_handle_release(a, NULL);
    st = mochigo_std_net_netip_AddrFrom16((mochigo_std_bytes){raw, 15}, &a,
                                          &err);
    status("AddrFrom16(15 bytes)", st, &err);
  }

  /* Errors as values: nil is NULL data. */
  {
    mochigo_std_string e1, e2;
    mochigo_std_errors_New(cstr("boom"), &e1, &err);
    show("errors.New", e1);
    st = mochigo_std_errors_Unwrap(e1, &e2, &err);
    printf("Unwrap: %d nil=%d\n", st, e2.data == NULL);
    mochigo_std_free_string(&e1);
    mochigo_std_io_EOF(&e1, &err);
    show("io.EOF", e1);
    mochigo_std_free_string(&e1);
  }

  /* A package variable, set and read back. */
  {
    mochigo_std_string args[] = {cstr("prog"), cstr("-v")};
    st = mochigo_std_os_SetArgs((mochigo_std_list_string){args, 2}, &err);
    mochigo_std_list_string got;
    st = mochigo_std_os_Args(&got, &err);
    printf("Args: %d %lld [%.*s]\n", st, (long long)got.len,
           (int)got.data[1].len, got.data[1].data);
    mochigo_std_free_list_string(&got);
  }
  printf("live handles at exit: %lld\n", (long long)mochigo_std_handle_live());
  return 0;
}
