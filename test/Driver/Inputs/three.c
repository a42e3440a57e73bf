// Stands in for the compiled Mochi program of app.mochi: links the archive
// `mochi-go sync` built and calls one function of each imported module.
#include "mochigo_strings.h"
#include "mochigo_uuid.h"
#include "mochigo_xxhash.h"
#include "mochigo_yaml.h"

#include <stdio.h>
#include <string.h>

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

  // xxhash: the 64-bit hash of a string.
  uint64_t sum = 0;
  mochigo_xxhash_string s = {"hello, world", 12};
  if (mochigo_xxhash_Sum64String(s, &sum, NULL))
    return 1;
  printf("xxhash.Sum64String: %llu\n", (unsigned long long)sum);

  // yaml: a scalar node set from C, its tag.
  mochigo_yaml_Node node = 0;
  mochigo_yaml_string value = {"yes", 3}, tag = {0};
  if (mochigo_yaml_Node_new(&node, NULL) ||
      mochigo_yaml_Node_SetString(node, value, NULL) ||
      mochigo_yaml_Node_ShortTag(node, &tag, NULL))
    return 1;
  printf("yaml.Node.ShortTag: %.*s\n", (int)tag.len, tag.data);
  mochigo_yaml_free_string(&tag);
  mochigo_yaml_handle_release(node, NULL);

  // strings (the standard library): upper case.
  mochigo_strings_string lower = {"mochi", 5}, upper = {0};
  if (mochigo_strings_ToUpper(lower, &upper, NULL))
    return 1;
  printf("strings.ToUpper: %.*s\n", (int)upper.len, upper.data);
  mochigo_strings_free_string(&upper);

  printf("live handles: %lld %lld %lld\n",
         (long long)mochigo_uuid_handle_live(),
         (long long)mochigo_xxhash_handle_live(),
         (long long)mochigo_yaml_handle_live());
  return 0;
}
