//===- GoSumTest.cpp - go.sum reading and the go command's order ----------===//
//
// Part of mochi-go.
//
//===----------------------------------------------------------------------===//

#include "mochi-go/Fetch/GoSum.h"

#include "gtest/gtest.h"

using namespace mochigo::fetch;

namespace {

TEST(GoSumTest, FormatsInTheGoCommandsOrder) {
  auto sum = GoSum::parse("b.com/x v1.10.0 h1:B=\n"
                          "b.com/x v1.9.0/go.mod h1:A=\n"
                          "\n"
                          "b.com/x v1.9.0 h1:C=\n"
                          "a.com/y v0.1.0/go.mod h1:Z=\n"
                          "a.com/y v0.1.0 h1:Y=\n"
                          "b.com/x v1.9.0 h1:0=\n",
                          "go.sum");
  ASSERT_TRUE(bool(sum)) << llvm::toString(sum.takeError());
  EXPECT_EQ(sum->format(), "a.com/y v0.1.0 h1:Y=\n"
                           "a.com/y v0.1.0/go.mod h1:Z=\n"
                           "b.com/x v1.9.0 h1:0=\n"
                           "b.com/x v1.9.0 h1:C=\n"
                           "b.com/x v1.9.0/go.mod h1:A=\n"
                           "b.com/x v1.10.0 h1:B=\n");
  EXPECT_EQ(sum->hashes("b.com/x", "v1.9.0").size(), 2u);
  EXPECT_TRUE(sum->hashes("b.com/x", "v1.8.0").empty());
}

TEST(GoSumTest, AddIgnoresDuplicates) {
  GoSum sum;
  EXPECT_TRUE(sum.add("m.com/a", "v1.0.0", "h1:x="));
  EXPECT_FALSE(sum.add("m.com/a", "v1.0.0", "h1:x="));
  EXPECT_EQ(sum.format(), "m.com/a v1.0.0 h1:x=\n");
  EXPECT_EQ(goSumLines("m.com/a", "v1.0.0", "h1:z=", "h1:m="),
            "m.com/a v1.0.0 h1:z=\nm.com/a v1.0.0/go.mod h1:m=\n");
}

TEST(GoSumTest, MalformedLinesAreErrorsWithTheirLineNumber) {
  auto sum = GoSum::parse("a.com/y v0.1.0 h1:Y=\nonly two\n", "app/go.sum");
  ASSERT_FALSE(bool(sum));
  EXPECT_EQ(llvm::toString(sum.takeError()),
            "malformed go.sum:\napp/go.sum:2: wrong number of fields 2");
}

} // namespace
