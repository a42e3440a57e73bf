//===- JsonLocatorTest.cpp - Finding values in JSON text ------------------===//
//
// Part of mochi-go.
//
//===----------------------------------------------------------------------===//

#include "mochi-go/Ingest/JsonLocator.h"

#include "gtest/gtest.h"

using namespace mochigo::ingest;

namespace {

TEST(JsonLocatorTest, FindsNestedValues) {
  std::string text = R"({"a": 1, "b": {"c": [10, {"d": "x"}, 30]}, "e": "}"})";
  JsonLocator loc(text);
  EXPECT_EQ(*loc.find({}), 0u);
  EXPECT_EQ(text.substr(*loc.find({std::string("a")}), 1), "1");
  size_t d = *loc.find({std::string("b"), std::string("c"), size_t(1),
                        std::string("d")});
  EXPECT_EQ(text.substr(d, 3), "\"x\"");
  EXPECT_EQ(text.substr(*loc.find({std::string("b"), std::string("c"),
                                   size_t(2)}),
                        2),
            "30");
  // A string holding a brace does not confuse the walk.
  EXPECT_EQ(text.substr(*loc.find({std::string("e")}), 3), "\"}\"");
}

TEST(JsonLocatorTest, MissingPathsStopAtTheDeepestPrefix) {
  std::string text = R"({"a": {"b": 1}})";
  JsonLocator loc(text);
  size_t a = *loc.find({std::string("a")});
  EXPECT_EQ(*loc.find({std::string("a"), std::string("zzz")}), a);
  EXPECT_EQ(*loc.find({std::string("a"), size_t(3)}), a);
}

TEST(JsonLocatorTest, SkipsLineComments) {
  std::string text = "// comment {\n{\"a\": // more\n 7}";
  JsonLocator loc(text);
  EXPECT_EQ(text[*loc.find({std::string("a")})], '7');
}

TEST(JsonLocatorTest, RendersPaths) {
  EXPECT_EQ(JsonLocator::render({std::string("packages"), size_t(3),
                                 std::string("decls"), size_t(0),
                                 std::string("type")}),
            "packages[3].decls[0].type");
  EXPECT_EQ(JsonLocator::render({}), "<document>");
}

} // namespace
