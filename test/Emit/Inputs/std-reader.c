// io.Reader.Read on a handle from strings.NewReader (Inputs/std-reader.mlir),
// and the same reader behind bufio; std-reader.go makes the same calls in Go.
// A []byte parameter is copied in (docs/CAbi.md), so C sees how many bytes
// each Read took, not the bytes: the reader's Len shows where it stands.
#include "mochigo_std.h"

#include <stdio.h>
#include <string.h>

int main(void) {
  const char *text = "hello, reader\nsecond line\n";
  mochigo_std_string s = {(char *)text, (int64_t)strlen(text)};
  mochigo_std_strings_Reader r = 0;
  mochigo_std_strings_NewReader(s, &r, NULL);
  uint8_t buf[10];
  mochigo_std_bytes p = {buf, sizeof buf};
  for (;;) {
    int64_t n = 0, left = 0;
    mochigo_std_string err = {0};
    // The strings.Reader handle is passed as an io.Reader handle: the pool
    // checks that the value it holds implements io.Reader.
    int32_t status = mochigo_std_io_Reader_Read(r, p, &n, &err);
    mochigo_std_strings_Reader_Len(r, &left, NULL);
    if (status != MOCHIGO_STD_OK) {
      printf("Read: status=%d err=%.*s\n", status, (int)err.len, err.data);
      mochigo_std_free_string(&err);
      break;
    }
    printf("Read: n=%lld left=%lld\n", (long long)n, (long long)left);
  }
  mochigo_std_handle_release(r, NULL);

  mochigo_std_strings_NewReader(s, &r, NULL);
  mochigo_std_bufio_Reader b = 0;
  mochigo_std_bufio_NewReader(r, &b, NULL);
  for (;;) {
    mochigo_std_string line = {0}, err = {0};
    if (mochigo_std_bufio_Reader_ReadString(b, '\n', &line, &err) !=
        MOCHIGO_STD_OK) {
      printf("ReadString: err=%.*s\n", (int)err.len, err.data);
      mochigo_std_free_string(&err);
      break;
    }
    printf("ReadString: %.*s", (int)line.len, line.data);
    mochigo_std_free_string(&line);
  }
  mochigo_std_handle_release(b, NULL);
  mochigo_std_handle_release(r, NULL);

  // Any handle whose value implements io.Reader will do: a zero
  // bufio.Reader (from the generated constructor) panics when read, status 2.
  mochigo_std_bufio_Reader_new(&b, NULL);
  int64_t n = 0;
  mochigo_std_string err = {0};
  mochigo_std_handle notReader = b;
  int32_t status = mochigo_std_io_Reader_Read(notReader, p, &n, &err);
  printf("Read(nil bufio.Reader): status=%d\n", status);
  mochigo_std_free_string(&err);
  mochigo_std_handle_release(b, NULL);
  printf("live: %lld\n", (long long)mochigo_std_handle_live());
  return 0;
}
