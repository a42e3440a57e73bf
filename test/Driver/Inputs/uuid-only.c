// The uuid part of examples/hello/main.c, against a library bound with mochi-go bind.
#include "mochigo_uuid.h"

#include <stdio.h>

int main(void) {
  // uuid: a name-based UUID (deterministic).
  mochigo_uuid_bytes dns = {0}, id = {0};
  mochigo_uuid_bytes name = {(uint8_t *)"example.com", 11};
  mochigo_uuid_string text = {0};
  if (mochigo_uuid_NameSpaceDNS_get(&dns, NULL) ||
      mochigo_uuid_NewSHA1(dns, name, &id, NULL) ||
      mochigo_uuid_UUID_String(id, &text, NULL))
    return 1;
  printf("uuid.NewSHA1: %.*s\n", (int)text.len, text.data);
  mochigo_uuid_free_string(&text);
  mochigo_uuid_free_bytes(&id);
  mochigo_uuid_free_bytes(&dns);
  return mochigo_uuid_handle_live() == 0 ? 0 : 1;
}
