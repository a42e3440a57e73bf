//===- SemverTest.cpp - Go semantic versions and pseudo-versions ----------===//
//
// Part of mochi-go. Hand-written cases: the semver 2.0.0 examples, the
// go command's shorthands, and the pseudo-version forms of the Go modules
// reference (https://go.dev/ref/mod#pseudo-versions).
//
//===----------------------------------------------------------------------===//

#include "mochi-go/Module/Semver.h"

#include "gtest/gtest.h"

using namespace mochigo;

namespace {

template <typename T> std::string errorText(llvm::Expected<T> &value) {
  return value ? std::string() : llvm::toString(value.takeError());
}

TEST(SemverTest, ValidVersions) {
  for (const char *v :
       {"v0.0.0", "v1", "v1.2", "v1.2.3", "v10.20.30", "v1.2.3-pre",
        "v1.2.3-pre.1", "v1.2.3-0", "v1.2.3-0a", "v1.2.3-x-y.z--",
        "v1.2.3+meta", "v1.2.3+01", "v1.2.3+meta.1-x", "v1.2.3-pre+meta",
        "v2.0.0+incompatible", "v18446744073709551616.0.0"})
    EXPECT_TRUE(semver::isValid(v)) << v;
}

TEST(SemverTest, InvalidVersions) {
  for (const char *v :
       {"",          "v",          "1.2.3",         "V1.2.3",
        "v1.2.3.4",  "v01.2.3",    "v1.02.3",       "v1.2.03",
        "v1.2.3-",   "v1.2.3-01",  "v1.2.3-pre.01", "v1.2.3-pre..1",
        "v1.2.3-.a", "v1.2.3-a.",  "v1.2.3+",       "v1.2.3+a..b",
        "v1.2.3+a.", "v1.2.3-a_b", "v1.2.3+a+b",    "v1.2-pre",
        "v1+meta",   "v1.",        "v1.2.",         "v-1",
        "v1.2.3 ",   " v1.2.3",    "v1.2.3-é"})
    EXPECT_FALSE(semver::isValid(v)) << v;
}

TEST(SemverTest, Canonical) {
  EXPECT_EQ(semver::canonical("v1"), "v1.0.0");
  EXPECT_EQ(semver::canonical("v1.2"), "v1.2.0");
  EXPECT_EQ(semver::canonical("v1.2.3"), "v1.2.3");
  EXPECT_EQ(semver::canonical("v1.2.3+meta"), "v1.2.3");
  EXPECT_EQ(semver::canonical("v1.2.3-pre+meta"), "v1.2.3-pre");
  EXPECT_EQ(semver::canonical("v2.0.0+incompatible"), "v2.0.0");
  EXPECT_EQ(semver::canonical("1.2.3"), "");
  EXPECT_EQ(semver::canonical("v1.2.3-"), "");
}

TEST(SemverTest, Parts) {
  EXPECT_EQ(semver::major("v2.1.0"), "v2");
  EXPECT_EQ(semver::major("v2"), "v2");
  EXPECT_EQ(semver::major("v0.1.0-pre"), "v0");
  EXPECT_EQ(semver::major("2.1.0"), "");
  EXPECT_EQ(semver::majorMinor("v2.1.0"), "v2.1");
  EXPECT_EQ(semver::majorMinor("v2"), "v2.0");
  EXPECT_EQ(semver::majorMinor("v2.3"), "v2.3");
  EXPECT_EQ(semver::majorMinor("v2.3.4-pre+b"), "v2.3");
  EXPECT_EQ(semver::majorMinor("v2.3.4.5"), "");
  EXPECT_EQ(semver::prerelease("v1.2.3-pre+meta"), "-pre");
  EXPECT_EQ(semver::prerelease("v1.2.3-pre.1.x"), "-pre.1.x");
  EXPECT_EQ(semver::prerelease("v1.2.3+meta"), "");
  EXPECT_EQ(semver::prerelease("v1.2.3-01"), "");
  EXPECT_EQ(semver::build("v1.2.3-pre+meta"), "+meta");
  EXPECT_EQ(semver::build("v1.2.3+meta.1"), "+meta.1");
  EXPECT_EQ(semver::build("v1.2.3-pre"), "");
  EXPECT_EQ(semver::build("v1.2.3+"), "");
}

// The precedence example of semver 2.0.0, section 11.
TEST(SemverTest, SpecOrdering) {
  const std::vector<std::string> order = {
      "v1.0.0-alpha",  "v1.0.0-alpha.1", "v1.0.0-alpha.beta", "v1.0.0-beta",
      "v1.0.0-beta.2", "v1.0.0-beta.11", "v1.0.0-rc.1",       "v1.0.0"};
  for (size_t i = 0; i < order.size(); ++i)
    for (size_t j = 0; j < order.size(); ++j)
      EXPECT_EQ(semver::compare(order[i], order[j]), i < j ? -1 : (i > j))
          << order[i] << " vs " << order[j];
  // And 1.0.0 < 2.0.0 < 2.1.0 < 2.1.1.
  EXPECT_EQ(semver::compare("v1.0.0", "v2.0.0"), -1);
  EXPECT_EQ(semver::compare("v2.0.0", "v2.1.0"), -1);
  EXPECT_EQ(semver::compare("v2.1.0", "v2.1.1"), -1);
  EXPECT_EQ(semver::compare("v2.1.1", "v2.1.0"), 1);
}

TEST(SemverTest, CompareIdentifiers) {
  // Numeric identifiers compare as numbers and sort before alphanumeric ones.
  EXPECT_EQ(semver::compare("v1.0.0-2", "v1.0.0-10"), -1);
  EXPECT_EQ(semver::compare("v1.0.0-10", "v1.0.0-a"), -1);
  EXPECT_EQ(semver::compare("v1.0.0-a", "v1.0.0-1"), 1);
  EXPECT_EQ(semver::compare("v1.0.0-a10", "v1.0.0-a9"), -1); // as text
  EXPECT_EQ(semver::compare("v1.0.0-A", "v1.0.0-a"), -1);    // ASCII order
  EXPECT_EQ(semver::compare("v1.0.0-a.b", "v1.0.0-a"), 1);
  // Numbers are compared by length first: no 64-bit overflow.
  EXPECT_EQ(semver::compare("v18446744073709551616.0.0", "v9.0.0"), 1);
  EXPECT_EQ(semver::compare("v1.10.0", "v1.9.0"), 1);
  // Build metadata is ignored; shorthands equal their completions.
  EXPECT_EQ(semver::compare("v1.0.0+a", "v1.0.0+b"), 0);
  EXPECT_EQ(semver::compare("v1.0.0-rc+a", "v1.0.0-rc"), 0);
  EXPECT_EQ(semver::compare("v1", "v1.0.0"), 0);
  EXPECT_EQ(semver::compare("v1.2", "v1.2.0"), 0);
  EXPECT_EQ(semver::compare("v1.2", "v1.2.1"), -1);
}

TEST(SemverTest, InvalidSortsBelowValid) {
  EXPECT_EQ(semver::compare("bad", "v0.0.0"), -1);
  EXPECT_EQ(semver::compare("v0.0.0-0", "1.0.0"), 1);
  EXPECT_EQ(semver::compare("bad", "also bad"), 0);
  EXPECT_EQ(semver::compare("", "v1.2.3-"), 0);
}

TEST(SemverTest, Max) {
  EXPECT_EQ(semver::max("v1.2.3", "v1.10.0"), "v1.10.0");
  EXPECT_EQ(semver::max("v2.0.0", "v1.10.0"), "v2.0.0");
  EXPECT_EQ(semver::max("bad", "v0.0.1"), "v0.0.1");
  // Equal by precedence: the first.
  EXPECT_EQ(semver::max("v1.0.0+a", "v1.0.0+b"), "v1.0.0+a");
  EXPECT_EQ(semver::max("v1", "v1.0.0"), "v1");
}

TEST(SemverTest, Sort) {
  std::vector<std::string> list = {"v1.10.0",  "bad",         "v1.0.0+b",
                                   "v1.9.0",   "v1.0.0-rc.1", "v1.0.0",
                                   "v1.0.0+a", "another",     "v1"};
  semver::sort(list);
  std::vector<std::string> want = {"another",  "bad",    "v1.0.0-rc.1",
                                   "v1",       "v1.0.0", "v1.0.0+a",
                                   "v1.0.0+b", "v1.9.0", "v1.10.0"};
  EXPECT_EQ(list, want);
}

TEST(SemverTest, PseudoVersionForms) {
  // vX.0.0-yyyymmddhhmmss-abcdefabcdef: no base version.
  for (const char *v : {"v0.0.0-20191109021931-daa7c04131f5",
                        "v1.0.0-20191109021931-daa7c04131f5",
                        "v2.0.0-20191109021931-daa7c04131f5+incompatible"})
    EXPECT_TRUE(semver::isPseudoVersion(v)) << v;
  // vX.Y.Z-pre.0.yyyymmddhhmmss-abcdefabcdef: after a pre-release.
  EXPECT_TRUE(
      semver::isPseudoVersion("v1.2.3-pre.0.20191109021931-daa7c04131f5"));
  EXPECT_TRUE(
      semver::isPseudoVersion("v1.2.3-rc.1.0.20191109021931-daa7c04131f5"));
  // vX.Y.(Z+1)-0.yyyymmddhhmmss-abcdefabcdef: after a release.
  EXPECT_TRUE(semver::isPseudoVersion("v1.2.4-0.20191109021931-daa7c04131f5"));
  EXPECT_TRUE(semver::isPseudoVersion(
      "v1.2.4-0.20191109021931-daa7c04131f5+incompatible"));
}

TEST(SemverTest, PseudoVersionLookAlikes) {
  for (const char *v : {
           "v1.2.3",
           "v1.2.3-pre",
           "v0.0.0-2019110902193-daa7c04131f5",    // 13 digits
           "v0.0.0-201911090219311-daa7c04131f5",  // 15 digits
           "v0.0.0-20191109021931",                // no revision
           "v0.0.0-20191109021931-",               // empty revision
           "v0.0.0-20191109021931-daa7c04131f5-x", // '-' in the revision
           "v1.2.3-20191109021931-daa7c04131f5",   // no "0." before the time
           "v1.2.3-pre.1.20191109021931-daa7c04131f5", // ".1." not ".0."
           "v1.2-0.20191109021931-daa7c04131f5",       // not valid semver
           "v0.0.0-20191109021931-daa7c04131f5+",      // empty build
           "0.0.0-20191109021931-daa7c04131f5",
       })
    EXPECT_FALSE(semver::isPseudoVersion(v)) << v;
}

TEST(SemverTest, PseudoVersionParts) {
  auto t = semver::pseudoVersionTime("v0.0.0-20191109021931-daa7c04131f5");
  ASSERT_TRUE(bool(t)) << errorText(t);
  EXPECT_EQ(*t, "20191109021931");
  auto rev = semver::pseudoVersionRev("v1.2.4-0.20191109021931-daa7c04131f5");
  ASSERT_TRUE(bool(rev)) << errorText(rev);
  EXPECT_EQ(*rev, "daa7c04131f5");
  auto rev2 = semver::pseudoVersionRev(
      "v2.0.0-20191109021931-daa7c04131f5+incompatible");
  ASSERT_TRUE(bool(rev2)) << errorText(rev2);
  EXPECT_EQ(*rev2, "daa7c04131f5");

  struct {
    const char *v, *base;
  } bases[] = {
      {"v0.0.0-20191109021931-daa7c04131f5", ""},
      {"v1.0.0-20191109021931-daa7c04131f5", ""},
      {"v1.2.4-0.20191109021931-daa7c04131f5", "v1.2.3"},
      {"v1.2.10-0.20191109021931-daa7c04131f5", "v1.2.9"},
      {"v1.2.100-0.20191109021931-daa7c04131f5", "v1.2.99"},
      {"v1.2.4-0.20191109021931-daa7c04131f5+incompatible",
       "v1.2.3+incompatible"},
      {"v1.2.3-pre.0.20191109021931-daa7c04131f5", "v1.2.3-pre"},
      {"v1.2.3-rc.1.0.20191109021931-daa7c04131f5", "v1.2.3-rc.1"},
  };
  for (auto &c : bases) {
    auto base = semver::pseudoVersionBase(c.v);
    ASSERT_TRUE(bool(base)) << c.v << ": " << errorText(base);
    EXPECT_EQ(*base, c.base) << c.v;
  }
}

TEST(SemverTest, PseudoVersionErrors) {
  auto t = semver::pseudoVersionTime("v1.2.3");
  EXPECT_EQ(errorText(t), "pseudo-version \"v1.2.3\" invalid: syntax error");
  auto rev = semver::pseudoVersionRev("v1.2.3-pre");
  EXPECT_EQ(errorText(rev),
            "pseudo-version \"v1.2.3-pre\" invalid: syntax error");
  // Syntactically a pseudo-version, but not a time.
  auto month = semver::pseudoVersionTime("v0.0.0-20191309021931-abcdef123456");
  EXPECT_EQ(errorText(month), "pseudo-version "
                              "\"v0.0.0-20191309021931-abcdef123456\" "
                              "invalid: malformed time \"20191309021931\"");
  EXPECT_FALSE(bool(semver::pseudoVersionTime(
      "v0.0.0-20190230000000-abcdef123456"))); // 30 February
  auto leap = semver::pseudoVersionTime("v0.0.0-20200229000000-abcdef123456");
  EXPECT_TRUE(bool(leap)) << errorText(leap);
  auto negative =
      semver::pseudoVersionBase("v1.2.0-0.20191109021931-daa7c04131f5");
  EXPECT_EQ(errorText(negative),
            "pseudo-version \"v1.2.0-0.20191109021931-daa7c04131f5\" invalid: "
            "version before v1.2.0 would have negative patch number");
  auto build = semver::pseudoVersionBase(
      "v2.0.0-20191109021931-daa7c04131f5+incompatible");
  EXPECT_EQ(errorText(build),
            "pseudo-version \"v2.0.0-20191109021931-daa7c04131f5+"
            "incompatible\" invalid: lacks base version, but has build "
            "metadata \"+incompatible\"");
}

} // namespace
