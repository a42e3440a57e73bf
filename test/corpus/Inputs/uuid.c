// Differential test of github.com/google/uuid: the same calls as uuid.go,
// through the generated C ABI. Build: utils/build-wrapper.py --c-test.
#include MOCHIGO_HEADER

#include <stdio.h>
#include <string.h>

static mochigo_uuid_string str(const char *s) {
  mochigo_uuid_string r = {(char *)s, (int64_t)strlen(s)};
  return r;
}

static void show(const char *what, mochigo_uuid_bytes id) {
  mochigo_uuid_string s = {0}, urn = {0}, err = {0};
  uint8_t version = 0, variant = 0;
  if (mochigo_uuid_UUID_String(id, &s, &err) ||
      mochigo_uuid_UUID_URN(id, &urn, &err) ||
      mochigo_uuid_UUID_Version(id, &version, &err) ||
      mochigo_uuid_UUID_Variant(id, &variant, &err)) {
    printf("%s: unexpected error %.*s\n", what, (int)err.len, err.data);
    return;
  }
  printf("%s: %.*s %.*s version=%u variant=%u\n", what, (int)s.len, s.data,
         (int)urn.len, urn.data, version, variant);
  mochigo_uuid_free_string(&s);
  mochigo_uuid_free_string(&urn);
}

int main(void) {
  const char *inputs[] = {"6ba7b810-9dad-11d1-80b4-00c04fd430c8",
                          "urn:uuid:123e4567-e89b-12d3-a456-426614174000",
                          "{f47ac10b-58cc-4372-a567-0e02b2c3d479}",
                          "not-a-uuid", "6ba7b810-9dad-11d1-80b4-00c04fd430c"};
  for (size_t i = 0; i < sizeof inputs / sizeof inputs[0]; ++i) {
    mochigo_uuid_bytes id = {0};
    mochigo_uuid_string err = {0};
    int32_t status = mochigo_uuid_Parse(str(inputs[i]), &id, &err);
    if (status == MOCHIGO_UUID_ERROR) {
      printf("Parse(%s): error: %.*s\n", inputs[i], (int)err.len, err.data);
      mochigo_uuid_free_string(&err);
      continue;
    }
    if (status != MOCHIGO_UUID_OK)
      return 1;
    show("Parse", id);
    mochigo_uuid_free_bytes(&id);
  }
  // Name-based UUIDs from a namespace variable.
  mochigo_uuid_bytes dns = {0}, sha = {0}, md5 = {0};
  mochigo_uuid_NameSpaceDNS_get(&dns, NULL);
  mochigo_uuid_bytes name = {(uint8_t *)"example.com", 11};
  mochigo_uuid_NewSHA1(dns, name, &sha, NULL);
  mochigo_uuid_NewMD5(dns, name, &md5, NULL);
  show("NewSHA1", sha);
  show("NewMD5", md5);
  // FromBytes checks the length.
  mochigo_uuid_bytes out = {0};
  mochigo_uuid_string err = {0};
  if (mochigo_uuid_FromBytes(sha, &out, &err) == MOCHIGO_UUID_OK)
    show("FromBytes", out);
  mochigo_uuid_bytes shortb = {sha.data, 5};
  if (mochigo_uuid_FromBytes(shortb, &out, &err) == MOCHIGO_UUID_ERROR)
    printf("FromBytes(5 bytes): error: %.*s\n", (int)err.len, err.data);
  mochigo_uuid_free_string(&err);
  mochigo_uuid_free_bytes(&dns);
  mochigo_uuid_free_bytes(&sha);
  mochigo_uuid_free_bytes(&md5);
  mochigo_uuid_free_bytes(&out);
  // A pointer-receiver method on the copied UUID: the value goes in, the
  // updated value comes out first (inout_receiver), no handle involved.
  const char *texts[] = {"6ba7b810-9dad-11d1-80b4-00c04fd430c8", "nope"};
  for (int i = 0; i < 2; ++i) {
    uint8_t zero[16] = {0};
    mochigo_uuid_bytes self = {zero, 16}, updated = {0};
    mochigo_uuid_bytes text = {(uint8_t *)texts[i], (int64_t)strlen(texts[i])};
    int32_t status =
        mochigo_uuid_UUID_UnmarshalText(self, text, &updated, &err);
    if (status == MOCHIGO_UUID_OK) {
      show("UnmarshalText", updated);
      mochigo_uuid_free_bytes(&updated);
    } else {
      printf("UnmarshalText(%s): error: %.*s (written: %d)\n", texts[i],
             (int)err.len, err.data, updated.data != NULL);
      mochigo_uuid_free_string(&err);
    }
  }
  printf("live handles: %lld\n", (long long)mochigo_uuid_handle_live());
  return 0;
}
