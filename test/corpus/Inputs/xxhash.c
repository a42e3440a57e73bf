// Differential test of github.com/cespare/xxhash/v2 through the C ABI (the
// same calls as xxhash.go, made directly in Go).
#include MOCHIGO_HEADER

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(void) {
  const char *inputs[] = {"", "a", "hello, world", "The quick brown fox"};
  for (size_t i = 0; i < sizeof inputs / sizeof inputs[0]; ++i) {
    uint64_t a = 0, b = 0;
    mochigo_xxhash_string s = {(char *)inputs[i], (int64_t)strlen(inputs[i])};
    mochigo_xxhash_bytes bs = {(uint8_t *)inputs[i], (int64_t)strlen(inputs[i])};
    if (mochigo_xxhash_Sum64String(s, &a, NULL) ||
        mochigo_xxhash_Sum64(bs, &b, NULL))
      return 1;
    printf("Sum64(%s) = %llu %llu\n", inputs[i], (unsigned long long)a,
           (unsigned long long)b);
  }
  // 1 MiB of bytes (with NULs) through Sum64 and through a Digest in parts.
  size_t n = 1 << 20;
  uint8_t *big = malloc(n);
  for (size_t i = 0; i < n; ++i)
    big[i] = (uint8_t)(i * 31 % 251);
  uint64_t whole = 0, parts = 0;
  mochigo_xxhash_bytes all = {big, (int64_t)n};
  mochigo_xxhash_Sum64(all, &whole, NULL);
  mochigo_xxhash_Digest d = 0;
  if (mochigo_xxhash_New(&d, NULL))
    return 1;
  for (size_t off = 0; off < n; off += 65536) {
    mochigo_xxhash_bytes part = {big + off, 65536};
    int64_t written = 0;
    mochigo_xxhash_Digest_Write(d, part, &written, NULL);
    if (written != 65536)
      return 1;
  }
  mochigo_xxhash_Digest_Sum64(d, &parts, NULL);
  printf("1MiB: %llu %llu\n", (unsigned long long)whole,
         (unsigned long long)parts);
  int64_t size = 0;
  mochigo_xxhash_Digest_Size(d, &size, NULL);
  printf("Size: %lld\n", (long long)size);
  mochigo_xxhash_Digest_Reset(d, NULL);
  mochigo_xxhash_Digest_WriteString(d, (mochigo_xxhash_string){"a", 1}, NULL,
                                    NULL);
  mochigo_xxhash_Digest_Sum64(d, &parts, NULL);
  printf("after Reset: %llu\n", (unsigned long long)parts);
  mochigo_xxhash_string err = {0};
  printf("release: %d\n", mochigo_xxhash_handle_release(d, &err));
  printf("release again: %d\n", mochigo_xxhash_handle_release(d, &err));
  mochigo_xxhash_free_string(&err);
  printf("live: %lld\n", (long long)mochigo_xxhash_handle_live());
  free(big);
  return 0;
}
