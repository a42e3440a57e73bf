//===- HashTest.cpp - h1 hashes of files, zips, go.mod and trees ----------===//
//
// Part of mochi-go. Known answers computed independently from the dirhash
// definition; VectorTest.cpp compares with x/mod's dirhash itself.
//
//===----------------------------------------------------------------------===//

#include "TestZip.h"

#include "mochi-go/ModZip/ModZip.h"
#include "mochi-go/Support/Base64.h"
#include "mochi-go/Support/FileUtil.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"

#include "gtest/gtest.h"

#include <sys/stat.h>
#include <unistd.h>

using namespace mochigo;
using namespace mochigo::modzip;
using namespace mochigo::testzip;
namespace fs = llvm::sys::fs;

namespace {

/// dirhash.Hash1 spelled out: "h1:" + base64(sha256(lines)), one line
/// "<hex sha256>  <name>\n" per file, lines sorted by name (the caller
/// passes them sorted).
std::string expectedH1(
    const std::vector<std::pair<std::string, std::string>> &sortedFiles) {
  std::string lines;
  for (const auto &[name, content] : sortedFiles)
    lines += toHex(Sha256::hash(llvm::StringRef(content))) + "  " + name + "\n";
  Sha256Digest sum = Sha256::hash(llvm::StringRef(lines));
  return "h1:" + base64Encode(sum);
}

TEST(ModZipHashTest, HashGoModIndependently) {
  // h1 of a lone go.mod: base64(sha256(hex(sha256(content)) + "  go.mod\n")).
  std::string gomod = "module example.com/m\n";
  std::string line = toHex(Sha256::hash(llvm::StringRef(gomod))) + "  go.mod\n";
  Sha256Digest sum = Sha256::hash(llvm::StringRef(line));
  EXPECT_EQ(hashGoMod(gomod), "h1:" + base64Encode(sum));
  // The value dirhash gives for it (see Inputs/modzip-vectors.txt).
  EXPECT_EQ(hashGoMod(gomod),
            "h1:flS2VctbRrTv+sBE+VKgxx6hlkMGPVz9MGOmzMYFg3k=");
  EXPECT_NE(hashGoMod(gomod), hashGoMod("module example.com/n\n"));
}

TEST(ModZipHashTest, Hash1SortsNames) {
  std::vector<std::pair<std::string, Sha256Digest>> files = {
      {"m@v1/b", Sha256::hash(llvm::StringRef("bee"))},
      {"m@v1/a", Sha256::hash(llvm::StringRef("ay"))},
      {"m@v1/B", Sha256::hash(llvm::StringRef("big bee"))},
      {"m@v1/\xc3\xa9", Sha256::hash(llvm::StringRef("e acute"))},
  };
  auto h = hash1(files);
  ASSERT_TRUE(bool(h)) << errorText(h);
  // Byte order: "B" < "a" < "b" < "\xc3\xa9".
  EXPECT_EQ(*h, expectedH1({{"m@v1/B", "big bee"},
                            {"m@v1/a", "ay"},
                            {"m@v1/b", "bee"},
                            {"m@v1/\xc3\xa9", "e acute"}}));
  std::reverse(files.begin(), files.end());
  auto again = hash1(files);
  ASSERT_TRUE(bool(again)) << errorText(again);
  EXPECT_EQ(*again, *h);
  // No files: the hash of nothing.
  auto none = hash1({});
  ASSERT_TRUE(bool(none)) << errorText(none);
  EXPECT_EQ(*none, expectedH1({}));
}

TEST(ModZipHashTest, Hash1RefusesNewlines) {
  auto h = hash1({{"m@v1/a\nb", Sha256::hash(llvm::StringRef(""))}});
  std::string text = errorText(h);
  EXPECT_NE(text.find("\"m@v1/a\\nb\""), std::string::npos) << text;
  EXPECT_NE(text.find("newline"), std::string::npos) << text;
}

TEST(ModZipHashTest, HashZipNamesEveryEntry) {
  std::string big = genBytes(1 << 20);
  std::string zip =
      build({Entry("m@v1.0.0/go.mod", "module m\n", 0),
             Entry("m@v1.0.0/big.bin", big, 8), Entry("m@v1.0.0/dir/", "", 0),
             Entry("m@v1.0.0/dir/x.go", "package dir\n", 8)});
  ZipArchive z = llvm::cantFail(ZipArchive::open(bytes(zip)));
  auto h = hashZip(z);
  ASSERT_TRUE(bool(h)) << errorText(h);
  EXPECT_EQ(*h, expectedH1({{"m@v1.0.0/big.bin", big},
                            {"m@v1.0.0/dir/", ""},
                            {"m@v1.0.0/dir/x.go", "package dir\n"},
                            {"m@v1.0.0/go.mod", "module m\n"}}));
}

TEST(ModZipHashTest, HashZipOfManyLargeEntries) {
  // Enough data for the entries to be hashed on several threads.
  std::vector<Entry> entries;
  std::vector<std::pair<std::string, std::string>> files;
  for (int i = 0; i < 24; ++i) {
    std::string name = "m@v1/f" + std::to_string(100 + i);
    std::string content = genBytes(size_t(100000) * (i % 5 + 1) + i);
    entries.emplace_back(name, content, i % 3 ? 8 : 0);
    files.emplace_back(name, content);
  }
  std::sort(files.begin(), files.end());
  std::string zip = build(entries);
  ZipArchive z = llvm::cantFail(ZipArchive::open(bytes(zip)));
  auto h = hashZip(z);
  ASSERT_TRUE(bool(h)) << errorText(h);
  EXPECT_EQ(*h, expectedH1(files));
  // One broken entry among them is reported by name.
  entries[17].crc = 0;
  std::string broken = build(entries);
  ZipArchive zb = llvm::cantFail(ZipArchive::open(bytes(broken)));
  auto hb = hashZip(zb);
  std::string text = errorText(hb);
  EXPECT_NE(text.find("\"m@v1/f117\": CRC-32 mismatch"), std::string::npos)
      << text;
}

TEST(ModZipHashTest, HashZipDuplicateNamesUseTheLastEntry) {
  std::string zip =
      build({Entry("m@v1/a", "first"), Entry("m@v1/a", "second")});
  ZipArchive z = llvm::cantFail(ZipArchive::open(bytes(zip)));
  auto h = hashZip(z);
  ASSERT_TRUE(bool(h)) << errorText(h);
  EXPECT_EQ(*h, expectedH1({{"m@v1/a", "second"}, {"m@v1/a", "second"}}));
}

TEST(ModZipHashTest, HashZipReportsBrokenEntries) {
  Entry bad("m@v1/bad.go", "package m\n", 8);
  bad.crc = 0;
  std::string zip = build({Entry("m@v1/ok.go", "package m\n"), bad});
  ZipArchive z = llvm::cantFail(ZipArchive::open(bytes(zip)));
  auto h = hashZip(z);
  std::string text = errorText(h);
  EXPECT_NE(text.find("\"m@v1/bad.go\""), std::string::npos) << text;
  EXPECT_NE(text.find("CRC-32"), std::string::npos) << text;
}

class ModZipHashDirTest : public ::testing::Test {
protected:
  void SetUp() override {
    llvm::SmallString<128> dir;
    ASSERT_FALSE(fs::createUniqueDirectory("mochigo-hashdir", dir));
    root = std::string(dir.str());
  }
  void TearDown() override { llvm::consumeError(removeTree(root)); }
  void write(const std::string &rel, const std::string &content) {
    std::string path = root + "/" + rel;
    llvm::SmallString<256> parent(path);
    llvm::sys::path::remove_filename(parent);
    ASSERT_FALSE(fs::create_directories(parent));
    ASSERT_FALSE(llvm::errorToBool(writeFileAtomic(path, content)));
  }
  std::string root;
};

TEST_F(ModZipHashDirTest, HashesEveryFileWithThePrefix) {
  std::string big = genBytes(700000);
  write("go.mod", "module m\n");
  write("a/b/c.go", "package b\n");
  write("a/big.bin", big);
  write("empty", "");
  ASSERT_EQ(::mkdir((root + "/emptydir").c_str(), 0755), 0);
  auto h = hashDir(root, "m@v1.0.0");
  ASSERT_TRUE(bool(h)) << errorText(h);
  EXPECT_EQ(*h, expectedH1({{"m@v1.0.0/a/b/c.go", "package b\n"},
                            {"m@v1.0.0/a/big.bin", big},
                            {"m@v1.0.0/empty", ""},
                            {"m@v1.0.0/go.mod", "module m\n"}}));
  // A trailing slash on the directory changes nothing; no prefix means
  // bare relative names.
  auto slash = hashDir(root + "/", "m@v1.0.0");
  ASSERT_TRUE(bool(slash)) << errorText(slash);
  EXPECT_EQ(*slash, *h);
  auto bare = hashDir(root, "");
  ASSERT_TRUE(bool(bare)) << errorText(bare);
  EXPECT_EQ(*bare, expectedH1({{"a/b/c.go", "package b\n"},
                               {"a/big.bin", big},
                               {"empty", ""},
                               {"go.mod", "module m\n"}}));
}

TEST_F(ModZipHashDirTest, ManyLargeFiles) {
  std::vector<std::pair<std::string, std::string>> files;
  for (int i = 0; i < 20; ++i) {
    std::string rel = "d" + std::to_string(i % 3) + "/f" + std::to_string(i);
    std::string content = genBytes(size_t(300000) + i * 1000);
    write(rel, content);
    files.emplace_back("p/" + rel, content);
  }
  std::sort(files.begin(), files.end());
  auto h = hashDir(root, "p");
  ASSERT_TRUE(bool(h)) << errorText(h);
  EXPECT_EQ(*h, expectedH1(files));
}

TEST_F(ModZipHashDirTest, FollowsSymlinksToFilesLikeDirhash) {
  write("real.txt", "real");
  ASSERT_EQ(::symlink("real.txt", (root + "/link.txt").c_str()), 0);
  auto h = hashDir(root, "p");
  ASSERT_TRUE(bool(h)) << errorText(h);
  EXPECT_EQ(*h, expectedH1({{"p/link.txt", "real"}, {"p/real.txt", "real"}}));
}

TEST_F(ModZipHashDirTest, ErrorsNameThePath) {
  auto missing = hashDir(root + "/nope", "p");
  std::string text = errorText(missing);
  EXPECT_NE(text.find(root + "/nope"), std::string::npos) << text;
  write("f", "x");
  auto notDir = hashDir(root + "/f", "p");
  text = errorText(notDir);
  EXPECT_NE(text.find("not a directory"), std::string::npos) << text;
  ASSERT_EQ(::symlink("nowhere", (root + "/dangling").c_str()), 0);
  auto dangling = hashDir(root, "p");
  text = errorText(dangling);
  EXPECT_NE(text.find(root + "/dangling"), std::string::npos) << text;
}

} // namespace
