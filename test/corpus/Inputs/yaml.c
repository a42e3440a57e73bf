// Differential test of gopkg.in/yaml.v3 through the C ABI (the same calls as
// yaml.go, made directly in Go): decode into a yaml.Node made with the
// generated constructor, read it, and encode it back.
#include MOCHIGO_HEADER

#include <stdio.h>
#include <string.h>

static void print_string(const char *what, mochigo_yaml_string s) {
  printf("%s: %.*s\n", what, (int)s.len, s.data);
}

int main(void) {
  const char *docs[] = {"a: 1\nb: [x, y]\n", "- 1\n- two\n- 3.5\n",
                        "plain scalar", "key: [unclosed\n"};
  for (size_t i = 0; i < sizeof docs / sizeof docs[0]; ++i) {
    mochigo_yaml_Node node = 0;
    mochigo_yaml_string err = {0}, tag = {0};
    if (mochigo_yaml_Node_new(&node, &err))
      return 1;
    mochigo_yaml_bytes in = {(uint8_t *)docs[i], (int64_t)strlen(docs[i])};
    int32_t status = mochigo_yaml_Unmarshal(in, node, &err);
    if (status == MOCHIGO_YAML_ERROR) {
      print_string("Unmarshal error", err);
      mochigo_yaml_free_string(&err);
    } else if (status == MOCHIGO_YAML_OK) {
      bool zero = true;
      mochigo_yaml_Node_IsZero(node, &zero, NULL);
      mochigo_yaml_Node_ShortTag(node, &tag, NULL);
      printf("IsZero: %d\n", zero);
      print_string("ShortTag", tag);
      mochigo_yaml_free_string(&tag);
      mochigo_yaml_bytes out = {0};
      if (mochigo_yaml_Marshal(node, &out, &err))
        return 1;
      printf("Marshal: %.*s", (int)out.len, (const char *)out.data);
      mochigo_yaml_free_bytes(&out);
    } else {
      return 1;
    }
    mochigo_yaml_handle_release(node, NULL);
  }
  // A node set from C, with a string that needs quoting.
  mochigo_yaml_Node node = 0;
  mochigo_yaml_Node_new(&node, NULL);
  mochigo_yaml_string s = {"yes: no\nmulti", 13};
  mochigo_yaml_Node_SetString(node, s, NULL);
  mochigo_yaml_bytes out = {0};
  mochigo_yaml_Marshal(node, &out, NULL);
  printf("SetString: %.*s", (int)out.len, (const char *)out.data);
  mochigo_yaml_free_bytes(&out);
  mochigo_yaml_handle_release(node, NULL);
  uint32_t mapping = 0;
  mochigo_yaml_MappingNode_get(&mapping, NULL);
  printf("MappingNode: %u\n", mapping);
  printf("live: %lld\n", (long long)mochigo_yaml_handle_live());
  return 0;
}
