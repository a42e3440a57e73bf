//===- CheckZipTest.cpp - The rules of module zips ------------------------===//
//
// Part of mochi-go. One zip per rule of golang.org/x/mod/zip's CheckZip,
// and one with every problem at once.
//
//===----------------------------------------------------------------------===//

#include "TestZip.h"

#include "mochi-go/ModZip/ModZip.h"

#include "llvm/Support/FileSystem.h"

#include "gtest/gtest.h"

using namespace mochigo;
using namespace mochigo::modzip;
using namespace mochigo::testzip;

namespace {

const module::Version kMod{"example.com/m", "v1.0.0"};
const std::string P = "example.com/m@v1.0.0/";

/// checkZip of `entries` for kMod; the zip must open and the module check
/// pass.
CheckResult check(const std::vector<Entry> &entries,
                  const module::Version &mod = kMod) {
  std::string zip = build(entries);
  ZipArchive z = llvm::cantFail(ZipArchive::open(bytes(zip)));
  llvm::Expected<CheckResult> r = checkZip(mod, z);
  if (!r) {
    ADD_FAILURE() << llvm::toString(r.takeError());
    return CheckResult();
  }
  return std::move(*r);
}

/// The single problem found, as "name: reason".
std::string onlyProblem(const CheckResult &r) {
  if (r.invalid.size() != 1)
    return "expected one problem, got " + std::to_string(r.invalid.size());
  return r.invalid[0].name + ": " + r.invalid[0].reason;
}

/// An entry declaring `size` bytes without carrying them.
Entry lie(const std::string &name, uint64_t size) {
  Entry e(name, "", 0);
  e.size = size;
  return e;
}

TEST(CheckZipTest, ValidModule) {
  CheckResult r =
      check({Entry(P + "go.mod", "module example.com/m\n"),
             Entry(P + "LICENSE", "license"), Entry(P + "a.go", "package m\n"),
             Entry(P + "sub/b.go", "package sub\n"),
             Entry(P + "docs/中文.md", "#\n")});
  EXPECT_TRUE(r.invalid.empty());
  EXPECT_EQ(r.sizeError, "");
  EXPECT_EQ(r.valid,
            (std::vector<std::string>{P + "go.mod", P + "LICENSE", P + "a.go",
                                      P + "sub/b.go", P + "docs/中文.md"}));
  EXPECT_EQ(errorText(r.takeError()), "");
}

TEST(CheckZipTest, DirectoryEntriesAreTolerated) {
  CheckResult r = check({Entry(P, "", 0), Entry(P + "sub/", "", 0),
                         Entry(P + "empty/", "", 0), Entry(P + "sub/x.go", "x"),
                         Entry(P + "sub/", "", 0)});
  EXPECT_TRUE(r.invalid.empty()) << errorText(r.takeError());
  EXPECT_EQ(r.valid, std::vector<std::string>{P + "sub/x.go"});
}

TEST(CheckZipTest, EntryWithoutThePrefix) {
  CheckResult r = check({Entry("example.com/other@v1.0.0/a.go", "x")});
  EXPECT_EQ(onlyProblem(r), "example.com/other@v1.0.0/a.go: path does not "
                            "have prefix \"example.com/m@v1.0.0/\"");
  r = check({Entry("/etc/passwd", "x")});
  EXPECT_EQ(onlyProblem(r), "/etc/passwd: path does not have prefix "
                            "\"example.com/m@v1.0.0/\"");
}

TEST(CheckZipTest, DotDotPaths) {
  CheckResult r = check({Entry(P + "../x", "x")});
  EXPECT_EQ(onlyProblem(r), P + "../x: malformed file path \"../x\": invalid "
                                "path element \"..\"");
  r = check({Entry(P + "a/../../x", "x")});
  EXPECT_EQ(onlyProblem(r), P + "a/../../x: file path is not clean");
}

TEST(CheckZipTest, AbsolutePaths) {
  CheckResult r = check({Entry(P + "/x", "x")});
  EXPECT_EQ(onlyProblem(r),
            P + "/x: malformed file path \"/x\": empty path element");
}

TEST(CheckZipTest, NonCleanPaths) {
  for (const char *name : {"a/./b", "a//b", "a/../b", "./a"}) {
    CheckResult r = check({Entry(P + name, "x")});
    EXPECT_EQ(onlyProblem(r), P + name + ": file path is not clean") << name;
  }
}

TEST(CheckZipTest, BadFileNames) {
  CheckResult r = check({Entry(P + "a*b", "x")});
  EXPECT_EQ(onlyProblem(r),
            P + "a*b: malformed file path \"a*b\": invalid char '*'");
  r = check({Entry(P + "sub/con.go", "x")});
  EXPECT_EQ(onlyProblem(r), P + "sub/con.go: malformed file path "
                                "\"sub/con.go\": \"con\" disallowed as path "
                                "element component on Windows");
  r = check({Entry(P + "a\xff", "x")});
  EXPECT_EQ(onlyProblem(r),
            P + "a\xff: malformed file path \"a\\xff\": invalid UTF-8");
}

TEST(CheckZipTest, CaseInsensitiveCollision) {
  CheckResult r = check({Entry(P + "README", "a"), Entry(P + "readme", "b")});
  EXPECT_EQ(onlyProblem(r), P + "readme: case-insensitive file name "
                                "collision: \"README\" and \"readme\"");
  EXPECT_EQ(r.valid, std::vector<std::string>{P + "README"});
  // Unicode simple folding: the Kelvin sign collides with k.
  r = check({Entry(P + "k.go", "a"), Entry(P + "\u212A.go", "b")});
  EXPECT_EQ(onlyProblem(r), P + "\u212A.go: case-insensitive file name "
                                "collision: \"k.go\" and \"\u212A.go\"");
}

TEST(CheckZipTest, FileAndDirectoryOfTheSameFoldedName) {
  CheckResult r = check({Entry(P + "sub", "file"), Entry(P + "SUB/x.go", "x")});
  EXPECT_EQ(onlyProblem(r), P + "SUB/x.go: case-insensitive file name "
                                "collision: \"sub\" and \"SUB\"");
  r = check({Entry(P + "x", "file"), Entry(P + "x/y", "file")});
  EXPECT_EQ(onlyProblem(r),
            P + "x/y: entry \"x\" is both a file and a directory");
  r = check({Entry(P + "d/", "", 0), Entry(P + "d", "file")});
  EXPECT_EQ(onlyProblem(r),
            P + "d: entry \"d\" is both a file and a directory");
}

TEST(CheckZipTest, DuplicateEntries) {
  CheckResult r = check({Entry(P + "a.go", "one"), Entry(P + "a.go", "two")});
  EXPECT_EQ(onlyProblem(r), P + "a.go: multiple entries for file \"a.go\"");
}

TEST(CheckZipTest, GoModNotAtTheRoot) {
  CheckResult r = check({Entry(P + "sub/go.mod", "module x\n")});
  EXPECT_EQ(onlyProblem(r),
            P + "sub/go.mod: go.mod file not in module root directory");
}

TEST(CheckZipTest, GoModSpelledInUpperCase) {
  CheckResult r = check({Entry(P + "GO.MOD", "module x\n")});
  EXPECT_EQ(onlyProblem(r),
            P + "GO.MOD: go.mod files must have lowercase names");
  r = check({Entry(P + "Go.Mod", "module x\n")});
  EXPECT_EQ(onlyProblem(r),
            P + "Go.Mod: go.mod files must have lowercase names");
}

TEST(CheckZipTest, GoModTooLarge) {
  CheckResult r = check({lie(P + "go.mod", kMaxGoMod + 1)});
  EXPECT_EQ(onlyProblem(r),
            P + "go.mod: go.mod file too large (max size is 16777216 bytes)");
  EXPECT_TRUE(check({lie(P + "go.mod", kMaxGoMod)}).invalid.empty());
}

TEST(CheckZipTest, LicenseTooLarge) {
  CheckResult r = check({lie(P + "LICENSE", kMaxLicense + 1),
                         lie(P + "sub/LICENSE", kMaxLicense + 1)});
  EXPECT_EQ(onlyProblem(r),
            P + "LICENSE: LICENSE file too large (max size is 16777216 bytes)");
  EXPECT_EQ(r.valid, std::vector<std::string>{P + "sub/LICENSE"});
}

TEST(CheckZipTest, TotalDeclaredSizeTooLarge) {
  // 600 MiB declared in the headers; nothing of it is allocated.
  CheckResult r =
      check({lie(P + "a.bin", 200 << 20), lie(P + "b.bin", 200 << 20),
             lie(P + "c.bin", 200 << 20)});
  EXPECT_EQ(r.sizeError, "total uncompressed size of module contents too "
                         "large (max size is 524288000 bytes)");
  EXPECT_TRUE(r.invalid.empty());
  EXPECT_EQ(errorText(r.takeError()), r.sizeError);
  // Exactly at the limit is fine; also sizes that overflow 64 bits.
  EXPECT_EQ(check({lie(P + "a.bin", 250 << 20), lie(P + "b.bin", 250 << 20)})
                .sizeError,
            "");
  EXPECT_NE(
      check({lie(P + "a.bin", 1), lie(P + "b.bin", UINT64_MAX)}).sizeError, "");
}

TEST(CheckZipTest, ZipLargerThanTheLimitIsRefusedBySize) {
  // A zip of 500 MiB + 1 byte, mapped but never touched except at both
  // ends: the entry at the start, the central directory at the end.
  const uint64_t total = kMaxZipFile + 1;
  MappedZip mapped({Entry(P + "a.go", "package m\n", 0)}, total);
  ASSERT_TRUE(mapped.ok());
  {
    llvm::Expected<ZipArchive> z = ZipArchive::open(mapped.bytes());
    ASSERT_TRUE(bool(z)) << errorText(z);
    EXPECT_EQ(z->size(), total);
    auto r = checkZip(kMod, *z);
    ASSERT_TRUE(bool(r)) << errorText(r);
    EXPECT_EQ(r->sizeError, "module zip file is too large (524288001 bytes; "
                            "limit is 524288000 bytes)");
    EXPECT_TRUE(r->valid.empty());
    std::string text = errorText(r->takeError());
    EXPECT_EQ(text, r->sizeError);
    // Extraction refuses it too, before writing anything.
    llvm::Error err = extractZip(kMod, *z, "/nonexistent-mochigo-dir/x");
    EXPECT_EQ(errorText(std::move(err)), r->sizeError);
    EXPECT_FALSE(llvm::sys::fs::exists("/nonexistent-mochigo-dir"));
  }
}

TEST(CheckZipTest, EveryProblemIsListed) {
  CheckResult r = check({
      Entry(P + "go.mod", "module example.com/m\n"),
      Entry(P + "ok.go", "package m\n"),
      Entry("other@v1.0.0/x", "x"),
      Entry(P + "../x", "x"),
      Entry(P + "a/./b", "x"),
      Entry(P + "a*b", "x"),
      Entry(P + "README", "x"),
      Entry(P + "readme", "x"),
      Entry(P + "ok.go", "again"),
      Entry(P + "sub/go.mod", "x"),
      Entry(P + "GO.MOD", "x"),
      lie(P + "LICENSE", kMaxLicense + 1),
      lie(P + "huge.bin", 600 << 20),
  });
  EXPECT_EQ(r.valid, (std::vector<std::string>{P + "go.mod", P + "ok.go",
                                               P + "README", P + "huge.bin"}));
  std::vector<std::string> names;
  for (const FileProblem &p : r.invalid)
    names.push_back(p.name);
  EXPECT_EQ(names, (std::vector<std::string>{
                       "other@v1.0.0/x", P + "../x", P + "a/./b", P + "a*b",
                       P + "readme", P + "ok.go", P + "sub/go.mod",
                       P + "GO.MOD", P + "LICENSE"}));
  EXPECT_NE(r.sizeError, "");
  // The error lists the size problem and every entry, one per line.
  std::string text = errorText(r.takeError());
  EXPECT_EQ(std::count(text.begin(), text.end(), '\n'), 9) << text;
  EXPECT_EQ(text.rfind(r.sizeError, 0), 0u) << text;
  for (const FileProblem &p : r.invalid)
    EXPECT_NE(text.find(p.name + ": " + p.reason), std::string::npos) << p.name;
}

TEST(CheckZipTest, ModulePathAndVersionAreCheckedFirst) {
  std::string zip = build({Entry(P + "a.go", "x")});
  ZipArchive z = llvm::cantFail(ZipArchive::open(bytes(zip)));
  auto notCanonical = checkZip({"example.com/m", "v1.0"}, z);
  EXPECT_EQ(errorText(notCanonical),
            "version \"v1.0\" is not canonical (should be \"v1.0.0\")");
  auto badPath = checkZip({"example/m", "v1.0.0"}, z);
  EXPECT_EQ(errorText(badPath), "malformed module path \"example/m\": missing "
                                "dot in first path element");
  auto major = checkZip({"example.com/m/v2", "v1.0.0"}, z);
  EXPECT_EQ(errorText(major), "example.com/m/v2@v1.0.0: invalid version: "
                              "should be v2, not v1");
}

} // namespace
