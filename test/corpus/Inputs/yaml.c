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

  // A map built from C: a mapping node whose Content (key, value, ...) is
  // set through the field setters, boxed, and marshalled.
  mochigo_yaml_Node m = 0, kv[4] = {0};
  mochigo_yaml_Node_new(&m, NULL);
  mochigo_yaml_Node_Kind_set(m, mapping, NULL);
  const char *texts[] = {"name", "gopher", "count", NULL};
  for (int i = 0; i < 4; ++i) {
    mochigo_yaml_Node_new(&kv[i], NULL);
    if (texts[i]) {
      mochigo_yaml_string t = {(char *)texts[i], (int64_t)strlen(texts[i])};
      mochigo_yaml_Node_SetString(kv[i], t, NULL);
    }
  }
  uint32_t scalar = 0;
  mochigo_yaml_ScalarNode_get(&scalar, NULL);
  mochigo_yaml_Node_Kind_set(kv[3], scalar, NULL);
  mochigo_yaml_string inttag = {"!!int", 5}, fortytwo = {"42", 2};
  mochigo_yaml_Node_Tag_set(kv[3], inttag, NULL);
  mochigo_yaml_Node_Value_set(kv[3], fortytwo, NULL);
  mochigo_yaml_list_handle content = {kv, 4};
  mochigo_yaml_Node_Content_set(m, content, NULL);
  uint32_t kind = 0;
  mochigo_yaml_list_handle got = {0};
  mochigo_yaml_Node_Kind_get(m, &kind, NULL);
  mochigo_yaml_Node_Content_get(m, &got, NULL);
  printf("built: Kind=%u len(Content)=%lld\n", kind, (long long)got.len);
  for (int64_t i = 0; i < got.len; ++i)
    mochigo_yaml_handle_release(got.data[i], NULL);
  mochigo_yaml_free_list_handle(&got);
  mochigo_yaml_Any boxed = 0;
  mochigo_yaml_box_handle(m, &boxed, NULL);
  mochigo_yaml_Marshal(boxed, &out, NULL);
  printf("Marshal(boxed map): %.*s", (int)out.len, (const char *)out.data);
  mochigo_yaml_free_bytes(&out);
  mochigo_yaml_handle_release(boxed, NULL);
  mochigo_yaml_handle_release(m, NULL);
  for (int i = 0; i < 4; ++i)
    mochigo_yaml_handle_release(kv[i], NULL);

  // Scalars boxed from C.
  mochigo_yaml_Any sc[5] = {0};
  mochigo_yaml_string hello = {"hello: world", 12};
  mochigo_yaml_bytes hi = {(uint8_t *)"hi", 2};
  mochigo_yaml_box_string(hello, &sc[0], NULL);
  mochigo_yaml_box_int(-7, &sc[1], NULL);
  mochigo_yaml_box_float(1.5, &sc[2], NULL);
  mochigo_yaml_box_bool(true, &sc[3], NULL);
  mochigo_yaml_box_bytes(hi, &sc[4], NULL);
  for (int i = 0; i < 5; ++i) {
    mochigo_yaml_Marshal(sc[i], &out, NULL);
    printf("Marshal(boxed %d): %.*s", i, (int)out.len, (const char *)out.data);
    mochigo_yaml_free_bytes(&out);
    mochigo_yaml_handle_release(sc[i], NULL);
  }
  printf("live: %lld\n", (long long)mochigo_yaml_handle_live());
  return 0;
}
