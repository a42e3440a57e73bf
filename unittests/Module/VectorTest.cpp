//===- VectorTest.cpp - Compare with golang.org/x/mod's own answers -------===//
//
// Part of mochi-go. Inputs/module-vectors.txt holds what x/mod v0.7.0,
// path.Match, strings.EqualFold and strconv.Quote answer for a few thousand
// inputs (Inputs/modulevectors.go writes it; see there how to rerun it).
// Every line is a kind and Go-quoted fields separated by tabs.
//
//===----------------------------------------------------------------------===//

#include "mochi-go/Module/Module.h"
#include "mochi-go/Module/Semver.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/Support/MemoryBuffer.h"

#include "../Common/GoStrings.h"

#include "gtest/gtest.h"

#include <map>
#include <set>

using namespace mochigo;
using llvm::StringRef;

using mochigo::testvectors::appendUTF8;
using mochigo::testvectors::unquote;

namespace {

std::string errorText(llvm::Error err) {
  return err ? llvm::toString(std::move(err)) : std::string();
}

template <typename T> std::string errorText(llvm::Expected<T> &value) {
  return value ? std::string() : llvm::toString(value.takeError());
}

template <typename T> std::string valueOr(llvm::Expected<T> &value) {
  return value ? *value : std::string();
}

using Record = std::vector<std::string>;

/// The vector file, by kind.
const std::map<std::string, std::vector<Record>> &vectors() {
  static const std::map<std::string, std::vector<Record>> all = [] {
    std::map<std::string, std::vector<Record>> byKind;
    auto buf = llvm::MemoryBuffer::getFile(MOCHIGO_MODULE_VECTORS);
    if (!buf)
      return byKind;
    llvm::SmallVector<StringRef, 0> lines;
    (*buf)->getBuffer().split(lines, '\n', -1, /*KeepEmpty=*/false);
    for (StringRef line : lines) {
      llvm::SmallVector<StringRef, 16> fields;
      line.split(fields, '\t');
      Record rec;
      for (size_t i = 1; i < fields.size(); ++i) {
        std::string s;
        if (!unquote(fields[i], s))
          ADD_FAILURE() << "bad field in vector line: " << line.str();
        rec.push_back(std::move(s));
      }
      byKind[fields[0].str()].push_back(std::move(rec));
    }
    return byKind;
  }();
  return all;
}

const std::vector<Record> &records(const char *kind, size_t fields) {
  static const std::vector<Record> none;
  auto it = vectors().find(kind);
  if (it == vectors().end()) {
    ADD_FAILURE() << "no '" << kind << "' vectors in " MOCHIGO_MODULE_VECTORS;
    return none;
  }
  for (const Record &r : it->second)
    if (r.size() != fields)
      ADD_FAILURE() << kind << " record with " << r.size() << " fields";
  return it->second;
}

bool validUTF8(StringRef s) {
  // Go quotes invalid bytes as \x..; a valid string survives a round trip
  // through quote() without any \x escape above 0x7f.
  std::string q = module::quote(s);
  for (size_t i = 0; i + 3 < q.size(); ++i)
    if (q[i] == '\\' && q[i + 1] == 'x' && q[i + 2] >= '8')
      return false;
  return true;
}

TEST(ModuleVectorTest, Semver) {
  const auto &recs = records("semver", 8);
  EXPECT_GT(recs.size(), 50u);
  for (const Record &r : recs) {
    StringRef v = r[0];
    EXPECT_EQ(semver::isValid(v) ? "true" : "false", r[1]) << v.str();
    EXPECT_EQ(semver::canonical(v), r[2]) << v.str();
    EXPECT_EQ(semver::major(v), r[3]) << v.str();
    EXPECT_EQ(semver::majorMinor(v), r[4]) << v.str();
    EXPECT_EQ(semver::prerelease(v), r[5]) << v.str();
    EXPECT_EQ(semver::build(v), r[6]) << v.str();
    EXPECT_EQ(module::canonicalVersion(v), r[7]) << v.str();
  }
}

TEST(ModuleVectorTest, Compare) {
  const auto &recs = records("compare", 3);
  EXPECT_GT(recs.size(), 1000u);
  for (const Record &r : recs)
    EXPECT_EQ(std::to_string(semver::compare(r[0], r[1])), r[2])
        << r[0] << " vs " << r[1];
}

TEST(ModuleVectorTest, SemverSort) {
  const auto &recs = records("semversort", records("semver", 8).size());
  ASSERT_EQ(recs.size(), 1u);
  std::vector<std::string> list;
  for (const Record &r : records("semver", 8))
    list.push_back(r[0]);
  std::reverse(list.begin(), list.end());
  semver::sort(list);
  EXPECT_EQ(list, recs[0]);
}

TEST(ModuleVectorTest, PseudoVersions) {
  const auto &recs = records("pseudo", 8);
  EXPECT_GT(recs.size(), 40u);
  for (const Record &r : recs) {
    StringRef v = r[0];
    EXPECT_EQ(semver::isPseudoVersion(v) ? "true" : "false", r[1]) << v.str();
    auto t = semver::pseudoVersionTime(v);
    EXPECT_EQ(errorText(t), r[3]) << v.str();
    EXPECT_EQ(valueOr(t), r[2]) << v.str();
    auto rev = semver::pseudoVersionRev(v);
    EXPECT_EQ(errorText(rev), r[5]) << v.str();
    EXPECT_EQ(valueOr(rev), r[4]) << v.str();
    auto base = semver::pseudoVersionBase(v);
    EXPECT_EQ(errorText(base), r[7]) << v.str();
    EXPECT_EQ(valueOr(base), r[6]) << v.str();
  }
}

TEST(ModuleVectorTest, Paths) {
  const auto &recs = records("path", 9);
  EXPECT_GT(recs.size(), 100u);
  for (const Record &r : recs) {
    StringRef p = r[0];
    EXPECT_EQ(errorText(module::checkPath(p)), r[1]) << p.str();
    EXPECT_EQ(errorText(module::checkImportPath(p)), r[2]) << p.str();
    EXPECT_EQ(errorText(module::checkFilePath(p)), r[3]) << p.str();
    module::SplitPath s = module::splitPathVersion(p);
    EXPECT_EQ(s.prefix, r[4]) << p.str();
    EXPECT_EQ(s.pathMajor, r[5]) << p.str();
    EXPECT_EQ(s.ok ? "true" : "false", r[6]) << p.str();
    auto e = module::escapePath(p);
    EXPECT_EQ(errorText(e), r[8]) << p.str();
    EXPECT_EQ(valueOr(e), r[7]) << p.str();
  }
}

TEST(ModuleVectorTest, UnescapePath) {
  const auto &recs = records("unescapepath", 3);
  EXPECT_GT(recs.size(), 100u);
  for (const Record &r : recs) {
    auto u = module::unescapePath(r[0]);
    EXPECT_EQ(errorText(u), r[2]) << r[0];
    EXPECT_EQ(valueOr(u), r[1]) << r[0];
  }
}

TEST(ModuleVectorTest, Versions) {
  const auto &recs = records("version", 5);
  EXPECT_GT(recs.size(), 50u);
  for (const Record &r : recs) {
    auto e = module::escapeVersion(r[0]);
    std::string eerr = errorText(e);
    // x/mod reports non-ASCII versions as an internal error; this library
    // gives the usual refusal.
    if (StringRef(r[2]).contains("internal error"))
      EXPECT_NE(eerr.find("disallowed version string"), std::string::npos)
          << r[0];
    else
      EXPECT_EQ(eerr, r[2]) << r[0];
    EXPECT_EQ(valueOr(e), r[1]) << r[0];
    auto u = module::unescapeVersion(r[0]);
    EXPECT_EQ(errorText(u), r[4]) << r[0];
    EXPECT_EQ(valueOr(u), r[3]) << r[0];
  }
}

TEST(ModuleVectorTest, PathMajor) {
  const auto &recs = records("pathmajor", 3);
  EXPECT_GT(recs.size(), 500u);
  for (const Record &r : recs)
    EXPECT_EQ(errorText(module::checkPathMajor(r[0], r[1])), r[2])
        << r[0] << " " << r[1];
}

TEST(ModuleVectorTest, Check) {
  const auto &recs = records("check", 3);
  EXPECT_GT(recs.size(), 500u);
  for (const Record &r : recs)
    EXPECT_EQ(errorText(module::check(r[0], r[1])), r[2])
        << r[0] << " " << r[1];
}

TEST(ModuleVectorTest, MatchPrefixPatterns) {
  const auto &recs = records("prefix", 3);
  EXPECT_GT(recs.size(), 400u);
  for (const Record &r : recs)
    EXPECT_EQ(module::matchPrefixPatterns(r[0], r[1]) ? "true" : "false", r[2])
        << r[0] << " | " << r[1];
}

TEST(ModuleVectorTest, PathMatch) {
  const auto &recs = records("match", 4);
  EXPECT_GT(recs.size(), 500u);
  for (const Record &r : recs) {
    bool malformed = false;
    bool ok = module::pathMatch(r[0], r[1], &malformed);
    EXPECT_EQ(ok ? "true" : "false", r[2]) << r[0] << " | " << r[1];
    EXPECT_EQ(malformed ? "true" : "false", r[3]) << r[0] << " | " << r[1];
  }
}

module::Version parseEntry(StringRef s) {
  auto [path, version] = s.split(' ');
  return {path.str(), version.str()};
}

TEST(ModuleVectorTest, GoSumOrder) {
  auto in = vectors().find("modsortin"), out = vectors().find("modsortout");
  ASSERT_TRUE(in != vectors().end() && out != vectors().end());
  std::vector<module::Version> list;
  for (const std::string &s : in->second.at(0))
    list.push_back(parseEntry(s));
  module::sortVersions(list);
  std::vector<std::string> got;
  for (const module::Version &v : list)
    got.push_back(v.path + " " + v.version);
  EXPECT_EQ(got, out->second.at(0));
}

TEST(ModuleVectorTest, FoldPairs) {
  const auto &recs = records("fold", 3);
  EXPECT_GT(recs.size(), 1000u);
  for (const Record &r : recs) {
    // The documented exception: invalid bytes are kept, so they do not fold
    // with U+FFFD or with other invalid bytes as in strings.EqualFold.
    if (!validUTF8(r[0]) || !validUTF8(r[1]))
      continue;
    bool same = module::foldString(r[0]) == module::foldString(r[1]);
    EXPECT_EQ(same ? "true" : "false", r[2]) << r[0] << " | " << r[1];
  }
}

// Every case-fold class of Go's tables folds to one string, and different
// classes (and runes outside any class) to different strings.
TEST(ModuleVectorTest, FoldClasses) {
  const auto &recs = vectors().at("foldclass");
  EXPECT_GT(recs.size(), 1000u);
  std::map<std::string, size_t> classOf;
  std::set<std::string> members;
  for (size_t i = 0; i < recs.size(); ++i) {
    std::string folded = module::foldString(recs[i][0]);
    for (const std::string &m : recs[i]) {
      EXPECT_EQ(module::foldString(m), folded) << m;
      members.insert(m);
    }
    auto [it, inserted] = classOf.emplace(folded, i);
    EXPECT_TRUE(inserted) << "classes " << it->second << " and " << i
                          << " fold to the same string";
  }
  for (uint32_t r = 0; r <= 0x10FFFF; ++r) {
    if (r >= 0xD800 && r <= 0xDFFF)
      continue;
    std::string s;
    appendUTF8(s, r);
    if (members.count(s))
      continue;
    std::string folded = module::foldString(s);
    if (folded != s)
      ADD_FAILURE() << "U+" << llvm::utohexstr(r) << " is in no fold class";
  }
}

TEST(ModuleVectorTest, Letters) {
  const auto &recs = vectors().at("letters");
  ASSERT_EQ(recs.size(), 1u);
  EXPECT_GT(recs[0].size(), 500u);
  for (const std::string &item : recs[0]) {
    auto [num, want] = StringRef(item).split(':');
    long long r;
    ASSERT_FALSE(num.getAsInteger(10, r)) << item;
    if (r < 0)
      continue;
    EXPECT_EQ(module::isLetter(uint32_t(r)) ? "true" : "false", want) << item;
  }
}

TEST(ModuleVectorTest, Quote) {
  const auto &recs = records("quote", 2);
  EXPECT_GT(recs.size(), 100u);
  for (const Record &r : recs)
    EXPECT_EQ(module::quote(r[0]), r[1]);
}

} // namespace
