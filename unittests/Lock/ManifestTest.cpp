//===- ManifestTest.cpp - mochi.toml --------------------------------------===//
//
// Part of mochi-go.
//
//===----------------------------------------------------------------------===//

#include "mochi-go/Lock/Manifest.h"

#include "gtest/gtest.h"

using namespace mochigo::lock;

namespace {

std::string errorOf(llvm::StringRef text) {
  auto m = parseManifest(text, "mochi.toml");
  if (m)
    return "";
  return llvm::toString(m.takeError());
}

TEST(ManifestTest, RequiresAndReplacements) {
  auto m = parseManifest(R"(
[go-dependencies]
"github.com/spf13/pflag" = "v1.0.6"

[go.replace]
"github.com/mattn/go-isatty" = "github.com/mattn/go-isatty@v0.0.20"
"example.com/local" = "../local"
)",
                         "mochi.toml");
  ASSERT_TRUE(bool(m)) << llvm::toString(m.takeError());
  ASSERT_EQ(m->requires_.size(), 1u);
  EXPECT_EQ(m->requires_[0].path, "github.com/spf13/pflag");
  EXPECT_EQ(m->requires_[0].version, "v1.0.6");
  EXPECT_EQ(m->requires_[0].where, "mochi.toml:3:28");
  ASSERT_EQ(m->replaces.size(), 2u);
  EXPECT_EQ(m->replaces[0].path, "example.com/local");
  EXPECT_TRUE(m->replaces[0].isLocal());
  EXPECT_EQ(m->replaces[0].dir, "../local");
  EXPECT_EQ(m->replaces[1].newPath, "github.com/mattn/go-isatty");
  EXPECT_EQ(m->replaces[1].newVersion, "v0.0.20");
  EXPECT_EQ(m->replacementOf("github.com/mattn/go-isatty"), &m->replaces[1]);
  EXPECT_EQ(m->replacementOf("github.com/x/y"), nullptr);
}

TEST(ManifestTest, OneFileForBothDirections) {
  // A package that is published (docs/Publish.md: [package], go.module,
  // go.go) and imports Go modules reads the same mochi.toml.
  auto m = parseManifest(R"(
[package]
name = "strs"
version = "v0.1.0"

[go]
module = "example.com/mochi/strs"
go = "1.22"

[go.replace]
"example.com/local" = "../local"

[go-dependencies]
"github.com/spf13/pflag" = "v1.0.6"
)",
                         "mochi.toml");
  ASSERT_TRUE(bool(m)) << llvm::toString(m.takeError());
  EXPECT_EQ(m->requires_.size(), 1u);
  EXPECT_EQ(m->replaces.size(), 1u);
}

TEST(ManifestTest, Profile) {
  llvm::Expected<Manifest> none = parseManifest("", "mochi.toml");
  ASSERT_TRUE(bool(none)) << llvm::toString(none.takeError());
  EXPECT_EQ(none->profile, "");
  llvm::Expected<Manifest> m =
      parseManifest("[go]\nprofile = \"embedded\"\n", "mochi.toml");
  ASSERT_TRUE(bool(m)) << llvm::toString(m.takeError());
  EXPECT_EQ(m->profile, "embedded");
  EXPECT_EQ(errorOf("[go]\nprofile = \"tinygo\"\n"),
            "mochi.toml:2:11: error: go.profile: \"tinygo\" is not a profile "
            "(want \"cgo\" or \"embedded\")");
  EXPECT_EQ(errorOf("[go]\nprofile = 1\n"),
            "mochi.toml:2:11: error: go.profile: expected a string");
}

TEST(ManifestTest, EveryProblemWithItsPosition) {
  EXPECT_EQ(errorOf(R"([go-dependencies]
"github.com/a/b" = "v1.2"
"uuid" = "v1.0.0"
"github.com/a/c/v2" = "v1.0.0"
"github.com/a/d" = 3
[go.replace]
"github.com/a/e" = "github.com/a/e"
"github.com/a/f" = "github.com/a/f@latest"
[go.other]
[extra]
)"),
            "mochi.toml:2:20: error: go-dependencies.\"github.com/a/b\": "
            "\"v1.2\" is not canonical (want \"v1.2.0\")\n"
            "mochi.toml:3:10: error: go-dependencies.\"uuid\": malformed "
            "module path \"uuid\": missing dot in first path element\n"
            "mochi.toml:4:23: error: go-dependencies.\"github.com/a/c/v2\": "
            "version \"v1.0.0\" invalid: should be v2, not v1\n"
            "mochi.toml:5:20: error: go-dependencies.\"github.com/a/d\": "
            "expected a string\n"
            "mochi.toml:7:20: error: go.replace.\"github.com/a/e\": "
            "\"github.com/a/e\" is neither module@version nor a local path "
            "(./dir, ../dir or /dir)\n"
            "mochi.toml:8:20: error: go.replace.\"github.com/a/f\": "
            "\"latest\" is not a semantic version\n"
            "mochi.toml:9:1: error: go.other: unknown key (want \"profile\" "
            "or \"replace\")\n"
            "mochi.toml:10:1: error: \"extra\": unknown table (want "
            "\"go-dependencies\" or \"go.replace\")");
  EXPECT_EQ(errorOf("[go-dependencies\n"),
            "mochi.toml:1:17: error: invalid TOML: Error while parsing table "
            "header: expected ']', saw '\\n'");
}

} // namespace
