//===- VectorTest.cpp - Compare with golang.org/x/mod/zip and dirhash -----===//
//
// Part of mochi-go. Inputs/modzip-vectors.txt describes module zips and
// what x/mod v0.7.0 answers for them (Inputs/modzipvectors.go writes it;
// see there how to rerun it). The tests build the same zips with TestZip.h
// and compare hashZip, checkZip, and extractZip + hashDir.
//
//===----------------------------------------------------------------------===//

#include "TestZip.h"

#include "mochi-go/ModZip/ModZip.h"
#include "mochi-go/Support/FileUtil.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"

#include "../Common/GoStrings.h"

#include "gtest/gtest.h"

using namespace mochigo;
using namespace mochigo::modzip;
using namespace mochigo::testzip;
using llvm::StringRef;
namespace fs = llvm::sys::fs;

using mochigo::testvectors::unquote;

namespace {

struct VectorFile {
  std::string name, content;
  uint16_t method;
  int64_t declared;
  size_t gen;
};

struct VectorCase {
  std::string name, path, version;
  std::vector<VectorFile> files;
  std::string hashZip, hashZipError;
  std::string checkError, sizeError;
  std::vector<std::string> valid;
  std::vector<std::pair<std::string, std::string>> invalid;
  std::optional<std::string> hashDir;
};

struct Vectors {
  std::vector<std::pair<std::string, std::string>> gomods;
  std::vector<VectorCase> cases;
};

const Vectors &vectors() {
  static const Vectors all = [] {
    Vectors v;
    auto buf = llvm::MemoryBuffer::getFile(MOCHIGO_MODZIP_VECTORS);
    if (!buf) {
      ADD_FAILURE() << "cannot read " MOCHIGO_MODZIP_VECTORS;
      return v;
    }
    llvm::SmallVector<StringRef, 0> lines;
    (*buf)->getBuffer().split(lines, '\n', -1, /*KeepEmpty=*/false);
    VectorCase *cur = nullptr;
    for (StringRef line : lines) {
      llvm::SmallVector<StringRef, 8> parts;
      line.split(parts, '\t');
      std::vector<std::string> f;
      for (size_t i = 1; i < parts.size(); ++i) {
        std::string s;
        if (!unquote(parts[i], s))
          ADD_FAILURE() << "bad field: " << line.str();
        f.push_back(s);
      }
      StringRef kind = parts[0];
      auto need = [&](size_t n) {
        if (f.size() != n) {
          ADD_FAILURE() << "bad line: " << line.str();
          return false;
        }
        if (kind != "gomod" && kind != "case" && !cur) {
          ADD_FAILURE() << "line outside a case: " << line.str();
          return false;
        }
        return true;
      };
      if (kind == "gomod" && need(2)) {
        v.gomods.emplace_back(f[0], f[1]);
      } else if (kind == "case" && need(3)) {
        v.cases.emplace_back();
        cur = &v.cases.back();
        cur->name = f[0];
        cur->path = f[1];
        cur->version = f[2];
      } else if (kind == "file" && need(5)) {
        cur->files.push_back({f[0], f[1], uint16_t(std::stoi(f[2])),
                              std::stoll(f[3]), size_t(std::stoul(f[4]))});
      } else if (kind == "hashzip" && need(2)) {
        cur->hashZip = f[0];
        cur->hashZipError = f[1];
      } else if (kind == "check" && need(2)) {
        cur->checkError = f[0];
        cur->sizeError = f[1];
      } else if (kind == "valid" && need(1)) {
        cur->valid.push_back(f[0]);
      } else if (kind == "invalid" && need(2)) {
        cur->invalid.emplace_back(f[0], f[1]);
      } else if (kind == "hashdir" && need(1)) {
        cur->hashDir = f[0];
      } else if (kind == "end" && need(0)) {
        cur = nullptr;
      }
    }
    return v;
  }();
  return all;
}

/// The zip a case describes, built by TestZip.h.
std::string buildCase(const VectorCase &c) {
  std::vector<Entry> entries;
  for (const VectorFile &f : c.files) {
    std::string content = f.gen ? genBytes(f.gen) : f.content;
    Entry e(f.name, content, f.method);
    if (f.declared >= 0) {
      e.method = 0;
      e.size = uint64_t(f.declared);
    }
    entries.push_back(std::move(e));
  }
  return build(entries);
}

TEST(ModZipVectorTest, GoModHashes) {
  ASSERT_GE(vectors().gomods.size(), 3u);
  for (const auto &[content, h1] : vectors().gomods)
    EXPECT_EQ(hashGoMod(content), h1) << content;
}

TEST(ModZipVectorTest, HashZip) {
  ASSERT_GT(vectors().cases.size(), 30u);
  for (const VectorCase &c : vectors().cases) {
    std::string zip = buildCase(c);
    llvm::Expected<ZipArchive> z = ZipArchive::open(bytes(zip));
    ASSERT_TRUE(bool(z)) << c.name << ": " << errorText(z);
    auto h = hashZip(*z);
    if (c.hashZipError.empty()) {
      ASSERT_TRUE(bool(h)) << c.name << ": " << errorText(h);
      EXPECT_EQ(*h, c.hashZip) << c.name;
    } else {
      // x/mod says "unexpected EOF"; any refusal will do.
      EXPECT_NE(errorText(h), "") << c.name;
    }
  }
}

TEST(ModZipVectorTest, CheckZip) {
  for (const VectorCase &c : vectors().cases) {
    std::string zip = buildCase(c);
    ZipArchive z = llvm::cantFail(ZipArchive::open(bytes(zip)));
    llvm::Expected<CheckResult> r = checkZip({c.path, c.version}, z);
    if (!c.checkError.empty()) {
      EXPECT_EQ(errorText(r), c.checkError) << c.name;
      continue;
    }
    ASSERT_TRUE(bool(r)) << c.name << ": " << errorText(r);
    EXPECT_EQ(r->sizeError, c.sizeError) << c.name;
    EXPECT_EQ(r->valid, c.valid) << c.name;
    std::vector<std::pair<std::string, std::string>> invalid;
    for (const FileProblem &p : r->invalid)
      invalid.emplace_back(p.name, p.reason);
    EXPECT_EQ(invalid, c.invalid) << c.name;
    bool ok = c.sizeError.empty() && c.invalid.empty();
    EXPECT_EQ(errorText(r->takeError()).empty(), ok) << c.name;
  }
}

// Where x/mod's Unzip succeeds, extractZip must too, and the tree must hash
// as x/mod's HashDir hashed it; where Unzip fails, extractZip fails and
// leaves nothing.
class ModZipExtractVectorTest : public ::testing::Test {
protected:
  void SetUp() override {
    llvm::SmallString<128> tmp;
    ASSERT_FALSE(fs::createUniqueDirectory("mochigo-modzip-vectors", tmp));
    root = std::string(tmp.str());
  }
  void TearDown() override { llvm::consumeError(removeTree(root)); }
  std::string root;
};

TEST_F(ModZipExtractVectorTest, ExtractAndHashDir) {
  for (size_t i = 0; i < vectors().cases.size(); ++i) {
    const VectorCase &c = vectors().cases[i];
    std::string zip = buildCase(c);
    ZipArchive z = llvm::cantFail(ZipArchive::open(bytes(zip)));
    std::string dest = root + "/" + std::to_string(i);
    llvm::Error err = extractZip({c.path, c.version}, z, dest);
    if (!c.hashDir) {
      EXPECT_NE(errorText(std::move(err)), "") << c.name;
      EXPECT_FALSE(fs::exists(dest)) << c.name;
      continue;
    }
    ASSERT_EQ(errorText(std::move(err)), "") << c.name;
    auto h = hashDir(dest, c.path + "@" + c.version);
    ASSERT_TRUE(bool(h)) << c.name << ": " << errorText(h);
    EXPECT_EQ(*h, *c.hashDir) << c.name;
  }
  std::error_code ec;
  size_t left = 0;
  for (fs::directory_iterator it(root, ec), end; it != end && !ec;
       it.increment(ec)) {
    StringRef name = llvm::sys::path::filename(it->path());
    EXPECT_FALSE(name.contains("tmp")) << "left behind: " << name.str();
    ++left;
  }
  size_t extracted = 0;
  for (const VectorCase &c : vectors().cases)
    extracted += c.hashDir.has_value();
  EXPECT_EQ(left, extracted);
  EXPECT_GT(extracted, 5u);
}

} // namespace
