//===- ExtractTest.cpp - Safe extraction of module zips -------------------===//
//
// Part of mochi-go. The extracted tree, its permissions, and for every way
// extraction can fail: nothing left behind.
//
//===----------------------------------------------------------------------===//

#include "TestZip.h"

#include "../Common/TempDir.h"

#include "mochi-go/ModZip/ModZip.h"
#include "mochi-go/Support/FileUtil.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"

#include "gtest/gtest.h"

#include <sys/stat.h>

using namespace mochigo;
using namespace mochigo::modzip;
using namespace mochigo::testzip;
namespace fs = llvm::sys::fs;

namespace {

const module::Version kMod{"example.com/m", "v1.0.0"};
const std::string P = "example.com/m@v1.0.0/";

/// Every path under `dir` (relative, sorted, directories with a trailing
/// slash), or the names in it when `recursive` is false.
std::vector<std::string> listTree(const std::string &dir,
                                  bool recursive = true) {
  std::vector<std::string> out;
  std::error_code ec;
  if (recursive) {
    for (fs::recursive_directory_iterator it(dir, ec, /*follow=*/false), end;
         it != end && !ec; it.increment(ec)) {
      std::string rel = it->path().substr(dir.size() + 1);
      if (it->type() == fs::file_type::directory_file)
        rel += "/";
      out.push_back(rel);
    }
  } else {
    for (fs::directory_iterator it(dir, ec, false), end; it != end && !ec;
         it.increment(ec))
      out.push_back(llvm::sys::path::filename(it->path()).str());
  }
  std::sort(out.begin(), out.end());
  return out;
}

unsigned modeOf(const std::string &path) {
  struct stat st;
  if (::lstat(path.c_str(), &st) != 0)
    return 0;
  return st.st_mode & 07777;
}

class ModZipExtractTest : public testutil::TempDirTest {
protected:
  ModZipExtractTest() : TempDirTest("mochigo-extract") {}
  void SetUp() override {
    TempDirTest::SetUp();
    // Something already there, which must stay as it is.
    ASSERT_FALSE(llvm::errorToBool(writeFileAtomic(root + "/other", "x")));
  }

  /// Extract `zip` into root/dest; expect failure with `expected` in the
  /// message and the parent directory exactly as before.
  void expectFailure(const std::string &zip, const std::string &expected,
                     const module::Version &mod = kMod,
                     const std::string &dest = "dest") {
    std::vector<std::string> before = listTree(root);
    llvm::Expected<ZipArchive> z = ZipArchive::open(bytes(zip));
    ASSERT_TRUE(bool(z)) << errorText(z);
    llvm::Error err = extractZip(mod, *z, root + "/" + dest);
    std::string text = errorText(std::move(err));
    EXPECT_NE(text, "");
    EXPECT_NE(text.find(expected), std::string::npos) << text;
    EXPECT_EQ(listTree(root), before);
  }
};

TEST_F(ModZipExtractTest, ExtractsTheTreeReadOnly) {
  std::string big = genBytes(1 << 20);
  std::string zip =
      build({Entry(P, "", 0), Entry(P + "go.mod", "module m\n"),
             Entry(P + "a.go", "package m\n", 0), Entry(P + "sub/", "", 0),
             Entry(P + "sub/deep/big.bin", big, 8),
             Entry(P + "sub/b.go", "package sub\n"), Entry(P + "empty", "", 0),
             Entry(P + "emptydir/", "", 0)});
  ZipArchive z = llvm::cantFail(ZipArchive::open(bytes(zip)));
  std::string dest = root + "/example.com/m@v1.0.0";
  ASSERT_EQ(errorText(extractZip(kMod, z, dest)), "");
  EXPECT_EQ(listTree(dest), (std::vector<std::string>{
                                "a.go", "empty", "go.mod", "sub/", "sub/b.go",
                                "sub/deep/", "sub/deep/big.bin"}));
  auto content = readFile(dest + "/sub/deep/big.bin");
  ASSERT_TRUE(bool(content)) << errorText(content);
  EXPECT_TRUE(*content == big);
  auto gomod = readFile(dest + "/go.mod");
  ASSERT_TRUE(bool(gomod)) << errorText(gomod);
  EXPECT_EQ(*gomod, "module m\n");
  for (const char *f :
       {"a.go", "empty", "go.mod", "sub/b.go", "sub/deep/big.bin"})
    EXPECT_EQ(modeOf(dest + "/" + f), 0444u) << f;
  for (const char *d : {"", "/sub", "/sub/deep"})
    EXPECT_EQ(modeOf(dest + d), 0555u) << d;
  // Only the destination (and its new parent) appeared next to "other".
  EXPECT_EQ(listTree(root, false),
            (std::vector<std::string>{"example.com", "other"}));
  EXPECT_EQ(listTree(root + "/example.com", false),
            std::vector<std::string>{"m@v1.0.0"});
}

TEST_F(ModZipExtractTest, HashDirOfTheTreeEqualsHashZip) {
  std::string zip = build({Entry(P + "go.mod", "module example.com/m\n"),
                           Entry(P + "a.go", "package m\n", 0),
                           Entry(P + "docs/中文.md", "#\n"),
                           Entry(P + "x/y/z.bin", genBytes(300000), 8)});
  ZipArchive z = llvm::cantFail(ZipArchive::open(bytes(zip)));
  std::string dest = root + "/dest";
  ASSERT_EQ(errorText(extractZip(kMod, z, dest)), "");
  auto fromZip = hashZip(z);
  ASSERT_TRUE(bool(fromZip)) << errorText(fromZip);
  auto fromDir = hashDir(dest, "example.com/m@v1.0.0");
  ASSERT_TRUE(bool(fromDir)) << errorText(fromDir);
  EXPECT_EQ(*fromDir, *fromZip);
}

TEST_F(ModZipExtractTest, RefusesAnExistingDestination) {
  std::string zip = build({Entry(P + "a.go", "package m\n")});
  ASSERT_EQ(::mkdir((root + "/dest").c_str(), 0755), 0);
  expectFailure(zip, "already exists");
  EXPECT_TRUE(listTree(root + "/dest").empty());
  // A file is no better.
  expectFailure(zip, "already exists", kMod, "other");
  auto other = readFile(root + "/other");
  ASSERT_TRUE(bool(other));
  EXPECT_EQ(*other, "x");
}

TEST_F(ModZipExtractTest, RuleViolationsLeaveNothing) {
  struct {
    std::vector<Entry> entries;
    const char *expected;
  } cases[] = {
      {{Entry(P + "a.go", "x"), Entry("other@v1.0.0/a.go", "x")},
       "path does not have prefix"},
      {{Entry(P + "a.go", "x"), Entry(P + "../x", "x")},
       "invalid path element \"..\""},
      {{Entry(P + "a.go", "x"), Entry("/etc/passwd", "x")},
       "path does not have prefix"},
      {{Entry(P + "a.go", "x"), Entry(P + "/x", "x")}, "empty path element"},
      {{Entry(P + "a.go", "x"), Entry(P + "a/./b", "x")},
       "file path is not clean"},
      {{Entry(P + "a.go", "x"), Entry(P + "a*b", "x")}, "invalid char '*'"},
      {{Entry(P + "README", "x"), Entry(P + "readme", "x")},
       "case-insensitive file name collision: \"README\" and \"readme\""},
      {{Entry(P + "sub", "x"), Entry(P + "SUB/a", "x")},
       "case-insensitive file name collision"},
      {{Entry(P + "x", "x"), Entry(P + "x/y", "x")},
       "is both a file and a directory"},
      {{Entry(P + "a.go", "x"), Entry(P + "a.go", "y")},
       "multiple entries for file \"a.go\""},
      {{Entry(P + "sub/go.mod", "x")}, "go.mod file not in module root"},
      {{Entry(P + "GO.MOD", "x")}, "go.mod files must have lowercase names"},
      {{Entry(P + "a.go", "x"), Entry(P + "b.go", "y", 12)},
       "unsupported compression method 12"},
  };
  for (auto &c : cases) {
    SCOPED_TRACE(c.expected);
    expectFailure(build(c.entries), c.expected);
  }
  // Size limits, declared in the headers only.
  Entry gomod(P + "go.mod", "", 0);
  gomod.size = kMaxGoMod + 1;
  expectFailure(build({gomod}), "go.mod file too large");
  Entry license(P + "LICENSE", "", 0);
  license.size = kMaxLicense + 1;
  expectFailure(build({license}), "LICENSE file too large");
  std::vector<Entry> huge;
  for (const char *name : {"a", "b", "c"}) {
    Entry e(P + name, "", 0);
    e.size = 200 << 20;
    huge.push_back(e);
  }
  expectFailure(build(huge), "total uncompressed size of module contents too "
                             "large");
  // Module path and version.
  expectFailure(build({Entry(P + "a.go", "x")}), "not canonical",
                {"example.com/m", "v1.0"});
  expectFailure(build({Entry("Example.com/m@v1.0.0/a.go", "x")}),
                "malformed module path", {"Example.com/m", "v1.0.0"});
}

TEST_F(ModZipExtractTest, ZipLargerThanTheLimitLeavesNothing) {
  MappedZip mapped({Entry(P + "a.go", "package m\n", 0)}, kMaxZipFile + 1);
  ASSERT_TRUE(mapped.ok());
  llvm::Expected<ZipArchive> z = ZipArchive::open(mapped.bytes());
  ASSERT_TRUE(bool(z)) << errorText(z);
  std::vector<std::string> before = listTree(root);
  llvm::Error err = extractZip(kMod, *z, root + "/new/dest");
  EXPECT_NE(errorText(std::move(err)).find("module zip file is too large"),
            std::string::npos);
  EXPECT_EQ(listTree(root), before);
}

TEST_F(ModZipExtractTest, ProblemsFoundWhileInflatingLeaveNothing) {
  // Good files come first, so the failure happens after writing them.
  std::vector<Entry> good = {Entry(P + "go.mod", "module example.com/m\n"),
                             Entry(P + "sub/a.go", genBytes(200000), 8)};
  {
    auto entries = good;
    Entry bad(P + "sub/deeper/bad.go", genBytes(100000), 8);
    bad.crc = crcOf(bad.content) ^ 0x80;
    entries.push_back(bad);
    SCOPED_TRACE("CRC mismatch");
    expectFailure(build(entries), "CRC-32 mismatch");
  }
  {
    auto entries = good;
    Entry bomb(P + "bomb.bin", std::string(8 << 20, '\0'), 8);
    bomb.size = 1000;
    entries.push_back(bomb);
    SCOPED_TRACE("more than declared");
    expectFailure(build(entries), "larger than declared (1000 bytes)");
  }
  {
    auto entries = good;
    Entry shortEntry(P + "short.go", "package m\n", 8);
    shortEntry.size = 1000;
    entries.push_back(shortEntry);
    SCOPED_TRACE("less than declared");
    expectFailure(build(entries), "smaller than declared (1000 bytes)");
  }
  {
    auto entries = good;
    Entry cut(P + "cut.bin", genBytes(100000), 8);
    std::string deflated = deflateRaw(cut.content);
    cut.data = deflated.substr(0, deflated.size() / 2);
    entries.push_back(cut);
    SCOPED_TRACE("truncated deflate stream");
    expectFailure(build(entries), "\"" + P + "cut.bin\"");
  }
  {
    auto entries = good;
    Entry renamed(P + "b.go", "package m\n", 0);
    renamed.localName = P + "evil.go";
    entries.push_back(renamed);
    SCOPED_TRACE("local header disagrees");
    expectFailure(build(entries), "local header names");
  }
}

TEST_F(ModZipExtractTest, MissingParentsAreCreatedAndRemovedOnFailure) {
  std::string zip = build({Entry(P + "a.go", "x"), Entry(P + "b.go", "y", 8)});
  // Corrupt b.go's CRC after the fact: the zip's rules pass, reading fails.
  std::string broken = build({Entry(P + "a.go", "x"), [] {
                                Entry e(P + "b.go", "y", 8);
                                e.crc = 0;
                                return e;
                              }()});
  expectFailure(broken, "CRC-32 mismatch", kMod, "new/parents/dest");
  ZipArchive z = llvm::cantFail(ZipArchive::open(bytes(zip)));
  std::string dest = root + "/new/parents/dest";
  ASSERT_EQ(errorText(extractZip(kMod, z, dest)), "");
  EXPECT_EQ(listTree(dest), (std::vector<std::string>{"a.go", "b.go"}));
}

TEST_F(ModZipExtractTest, EmptyModuleGivesAnEmptyDirectory) {
  std::string zip = build({Entry(P, "", 0)});
  ZipArchive z = llvm::cantFail(ZipArchive::open(bytes(zip)));
  std::string dest = root + "/dest";
  ASSERT_EQ(errorText(extractZip(kMod, z, dest)), "");
  EXPECT_TRUE(listTree(dest).empty());
  EXPECT_EQ(modeOf(dest), 0555u);
}

} // namespace
