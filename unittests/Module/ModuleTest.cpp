//===- ModuleTest.cpp - Module paths, encodings, globs, go.sum order ------===//
//
// Part of mochi-go. Hand-written cases for every rule of
// golang.org/x/mod/module and path.Match; VectorTest.cpp compares many more
// inputs with the answers of x/mod itself.
//
//===----------------------------------------------------------------------===//

#include "mochi-go/Module/Module.h"

#include "gtest/gtest.h"

using namespace mochigo;
using namespace mochigo::module;

namespace {

std::string errorText(llvm::Error err) {
  return err ? llvm::toString(std::move(err)) : std::string();
}

template <typename T> std::string errorText(llvm::Expected<T> &value) {
  return value ? std::string() : llvm::toString(value.takeError());
}

TEST(ModuleTest, VersionString) {
  EXPECT_EQ((Version{"example.com/m", "v1.0.0"}).str(), "example.com/m@v1.0.0");
  EXPECT_EQ((Version{"example.com/m", ""}).str(), "example.com/m");
  EXPECT_TRUE((Version{"a.b", "v1"}) == (Version{"a.b", "v1"}));
  EXPECT_FALSE((Version{"a.b", "v1"}) == (Version{"a.b", "v2"}));
}

TEST(ModuleTest, ParseModuleArg) {
  auto v = parseModuleArg("golang.org/x/mod@v0.7.0");
  ASSERT_TRUE(bool(v)) << errorText(v);
  EXPECT_EQ(v->path, "golang.org/x/mod");
  EXPECT_EQ(v->version, "v0.7.0");
  auto latest = parseModuleArg("rsc.io/quote@latest");
  ASSERT_TRUE(bool(latest)) << errorText(latest);
  EXPECT_EQ(latest->version, "latest");

  auto noVersion = parseModuleArg("rsc.io/quote");
  EXPECT_NE(errorText(noVersion).find("\"rsc.io/quote\""), std::string::npos);
  auto empty = parseModuleArg("rsc.io/quote@");
  EXPECT_NE(errorText(empty).find("\"rsc.io/quote@\""), std::string::npos);
  auto twice = parseModuleArg("rsc.io/quote@v1@v2");
  EXPECT_NE(errorText(twice).find("\"rsc.io/quote@v1@v2\""), std::string::npos);
  auto badPath = parseModuleArg("quote@v1.0.0");
  EXPECT_NE(errorText(badPath).find("missing dot in first path element"),
            std::string::npos);
}

// The examples of the Go modules reference.
TEST(ModuleTest, EscapePathExamples) {
  struct {
    const char *path, *escaped;
  } cases[] = {
      {"github.com/Azure/azure-sdk-for-go",
       "github.com/!azure/azure-sdk-for-go"},
      {"github.com/GoogleCloudPlatform/cloudsql-proxy",
       "github.com/!google!cloud!platform/cloudsql-proxy"},
      {"github.com/Sirupsen/logrus", "github.com/!sirupsen/logrus"},
      {"golang.org/x/mod", "golang.org/x/mod"},
  };
  for (auto &c : cases) {
    auto e = escapePath(c.path);
    ASSERT_TRUE(bool(e)) << errorText(e);
    EXPECT_EQ(*e, c.escaped);
    auto u = unescapePath(c.escaped);
    ASSERT_TRUE(bool(u)) << errorText(u);
    EXPECT_EQ(*u, c.path);
  }
}

TEST(ModuleTest, EscapeVersion) {
  auto e = escapeVersion("v1.0.0-RC1");
  ASSERT_TRUE(bool(e)) << errorText(e);
  EXPECT_EQ(*e, "v1.0.0-!r!c1");
  auto u = unescapeVersion("v1.0.0-!r!c1");
  ASSERT_TRUE(bool(u)) << errorText(u);
  EXPECT_EQ(*u, "v1.0.0-RC1");
  // Not semver, but a fine file name.
  auto branch = escapeVersion("Master");
  ASSERT_TRUE(bool(branch)) << errorText(branch);
  EXPECT_EQ(*branch, "!master");

  for (const char *bad : {"v1.0.0-!", "v1/x", "", "..", "v1*", "con"}) {
    auto r = escapeVersion(bad);
    EXPECT_NE(errorText(r).find("disallowed version string"), std::string::npos)
        << bad;
  }
  auto nonASCII = escapeVersion("v1.0.0-é");
  EXPECT_FALSE(bool(nonASCII));
  llvm::consumeError(nonASCII.takeError());
}

TEST(ModuleTest, UnescapeRefusals) {
  // '!' must be followed by a lower-case letter.
  for (const char *bad : {"github.com/!A", "github.com/!!a", "github.com/a!",
                          "github.com/!0", "github.com/!-"}) {
    auto r = unescapePath(bad);
    EXPECT_EQ(errorText(r), "invalid escaped module path " + quote(bad)) << bad;
  }
  // Upper case never appears in an escaped string.
  auto upper = unescapePath("github.com/Azure/x");
  EXPECT_EQ(errorText(upper),
            "invalid escaped module path \"github.com/Azure/x\"");
  // A well-formed escape of an invalid path.
  auto invalid = unescapePath("!github.com/x");
  EXPECT_EQ(errorText(invalid),
            "invalid escaped module path \"!github.com/x\": malformed module "
            "path \"Github.com/x\": invalid char 'G' in first path element");
  auto notPath = escapePath("github.com/a b");
  EXPECT_EQ(errorText(notPath),
            "malformed module path \"github.com/a b\": invalid char ' '");
  for (const char *bad : {"v1.0.0-!R", "v1.0.0-!", "!", "v1.0.0-A"}) {
    auto r = unescapeVersion(bad);
    EXPECT_FALSE(bool(r)) << bad;
    llvm::consumeError(r.takeError());
  }
  auto badFile = unescapeVersion("v1/x");
  EXPECT_EQ(errorText(badFile),
            "invalid escaped version \"v1/x\": invalid char '/'");
}

TEST(ModuleTest, CheckPathGood) {
  for (const char *p :
       {"example.com", "example.com/m", "github.com/Azure/azure-sdk-for-go",
        "x.y/a_b-c~d.e", "gopkg.in/yaml.v2", "gopkg.in/yaml.v0",
        "rsc.io/quote/v17", "x.y/v2/v3", "x.y/z/v2", "a-b.c/d", "x.y/a..b"})
    EXPECT_EQ(errorText(checkPath(p)), "") << p;
}

TEST(ModuleTest, CheckPathRules) {
  struct {
    const char *path, *reason;
  } cases[] = {
      {"", "empty string"},
      {"x", "missing dot in first path element"},
      {"x/y.z", "missing dot in first path element"},
      {"-x.y", "leading dash"},
      {"X.y/z", "invalid char 'X' in first path element"},
      {"x_y.com/z", "invalid char '_' in first path element"},
      {"/x.y", "empty path element"},
      {"x.y/", "trailing slash"},
      {"x.y//z", "double slash"},
      {"x.y/..", "invalid path element \"..\""},
      {"x.y/../z", "invalid path element \"..\""},
      {"x.y/.z", "leading dot in path element"},
      {".x.y", "leading dot in path element"},
      {"x.y/z.", "trailing dot in path element"},
      {"x.y/a b", "invalid char ' '"},
      {"x.y/a+b", "invalid char '+'"},
      {"x.y/é", "invalid char 'é'"},
      {"x.y/\xff", "invalid UTF-8"},
      {"x.y/CON", "\"CON\" disallowed as path element component on Windows"},
      {"x.y/com1.txt",
       "\"com1\" disallowed as path element component on Windows"},
      {"x.y/aux.go", "\"aux\" disallowed as path element component on Windows"},
      {"x.y/GOPATH~1", "trailing tilde and digits in path element"},
      {"x.y/z/v1", "invalid version"},
      {"x.y/z/v0", "invalid version"},
      {"x.y/z/v02", "invalid version"},
      {"x.y/z/v2.0", "invalid version"},
      {"gopkg.in/yaml", "invalid version"},
      {"gopkg.in/yaml.v02", "invalid version"},
  };
  for (auto &c : cases) {
    llvm::Error err = checkPath(c.path);
    std::string text = errorText(std::move(err));
    EXPECT_EQ(text, "malformed module path " + quote(c.path) + ": " + c.reason)
        << c.path;
  }
}

TEST(ModuleTest, CheckImportPath) {
  for (const char *p : {"fmt", "net/http", "x.y/c++", "x.y/.z", "a/GOPATH~x",
                        "example.com/m/v1"})
    EXPECT_EQ(errorText(checkImportPath(p)), "") << p;
  struct {
    const char *path, *reason;
  } cases[] = {
      {"-x", "leading dash"},
      {"a//b", "double slash"},
      {"a/", "trailing slash"},
      {"a/b.", "trailing dot in path element"},
      {"a/...", "invalid path element \"...\""},
      {"a/b@c", "invalid char '@'"},
      {"a/GOPATH~1", "trailing tilde and digits in path element"},
      {"a/z~1.go", "trailing tilde and digits in path element"},
      {"a/Lpt3", "\"Lpt3\" disallowed as path element component on Windows"},
  };
  for (auto &c : cases)
    EXPECT_EQ(errorText(checkImportPath(c.path)),
              "malformed import path " + quote(c.path) + ": " + c.reason)
        << c.path;
}

TEST(ModuleTest, CheckFilePath) {
  // Unicode letters, spaces, most punctuation, leading dashes and dots,
  // and Windows short names are fine in file names.
  for (const char *p : {"go.mod", "a/b/c.go", "docs/中文.md", "é/ß.txt",
                        "a b/c d", "-x", ".github/workflows/ci.yml", "GOPATH~1",
                        "x/!#$%&()+,-.=@[]^_{}~", "README", "conx/lpt0"})
    EXPECT_EQ(errorText(checkFilePath(p)), "") << p;
  struct {
    const char *path, *reason;
  } cases[] = {
      {"", "empty string"},
      {"/etc/passwd", "empty path element"},
      {"a//b", "double slash"},
      {"a/", "trailing slash"},
      {"..", "invalid path element \"..\""},
      {"../x", "invalid path element \"..\""},
      {"a/./b", "invalid path element \".\""},
      {"a.", "trailing dot in path element"},
      {"con", "\"con\" disallowed as path element component on Windows"},
      {"dir/NUL.tar.gz",
       "\"NUL\" disallowed as path element component on Windows"},
      {"a\"b", "invalid char '\"'"},
      {"a'b", "invalid char '\\''"},
      {"a*b", "invalid char '*'"},
      {"a<b", "invalid char '<'"},
      {"a>b", "invalid char '>'"},
      {"a?b", "invalid char '?'"},
      {"a`b", "invalid char '`'"},
      {"a|b", "invalid char '|'"},
      {"a\\b", "invalid char '\\\\'"},
      {"a:b", "invalid char ':'"},
      {"a;b", "invalid char ';'"},
      {"a\tb", "invalid char '\\t'"},
      {"a\u0301", "invalid char '\u0301'"}, // a combining mark is no letter
      {"a\u200bb", "invalid char '\\u200b'"},
      {"a\xc3", "invalid UTF-8"},
  };
  for (auto &c : cases)
    EXPECT_EQ(errorText(checkFilePath(c.path)),
              "malformed file path " + quote(c.path) + ": " + c.reason)
        << c.path;
}

TEST(ModuleTest, SplitPathVersion) {
  struct {
    const char *path, *prefix, *major;
    bool ok;
  } cases[] = {
      {"a.com/m/v2", "a.com/m", "/v2", true},
      {"a.com/m/v10", "a.com/m", "/v10", true},
      {"a.com/m", "a.com/m", "", true},
      {"a.com/m/v", "a.com/m/v", "", true},
      {"a.com/mv2", "a.com/mv2", "", true},
      {"a.com/m/v1", "a.com/m/v1", "", false},
      {"a.com/m/v02", "a.com/m/v02", "", false},
      {"a.com/m/v2.1", "a.com/m/v2.1", "", false},
      {"gopkg.in/yaml.v3", "gopkg.in/yaml", ".v3", true},
      {"gopkg.in/yaml.v0", "gopkg.in/yaml", ".v0", true},
      {"gopkg.in/yaml.v1", "gopkg.in/yaml", ".v1", true},
      {"gopkg.in/user/yaml.v2", "gopkg.in/user/yaml", ".v2", true},
      {"gopkg.in/yaml.v2-unstable", "gopkg.in/yaml", ".v2-unstable", true},
      {"gopkg.in/yaml", "gopkg.in/yaml", "", false},
      {"gopkg.in/yaml.v02", "gopkg.in/yaml.v02", "", false},
  };
  for (auto &c : cases) {
    SplitPath s = splitPathVersion(c.path);
    EXPECT_EQ(s.prefix, c.prefix) << c.path;
    EXPECT_EQ(s.pathMajor, c.major) << c.path;
    EXPECT_EQ(s.ok, c.ok) << c.path;
  }
}

TEST(ModuleTest, CheckPathMajor) {
  struct {
    const char *version, *major;
    bool ok;
  } cases[] = {
      {"v0.1.0", "", true},
      {"v1.2.3", "", true},
      {"v2.0.0", "", false},
      {"v2.0.0+incompatible", "", true},
      {"v2.0.0-pre+incompatible", "", true},
      {"v2.0.0", "/v2", true},
      {"v2.5.0-pre", "/v2", true},
      {"v3.0.0", "/v2", false},
      {"v1.0.0", "/v2", false},
      {"v2.0.0+incompatible", "/v2", true},
      {"v0.8.0", ".v0", true},
      {"v1.0.0", ".v0", false},
      {"v1.0.0", ".v1", true},
      {"v0.8.0", ".v1", false},
      // The old gopkg.in .v1 pseudo-versions are accepted...
      {"v0.0.0-20160102150405-abcdef123456", ".v1", true},
      // ...but not plain v0.0.0, and not for other majors.
      {"v0.0.0", ".v1", false},
      {"v0.0.0-20160102150405-abcdef123456", ".v2", false},
      {"v2.1.0", ".v2-unstable", true},
  };
  for (auto &c : cases) {
    std::string text = errorText(checkPathMajor(c.version, c.major));
    EXPECT_EQ(text.empty(), c.ok)
        << c.version << " " << c.major << ": " << text;
  }
  EXPECT_EQ(errorText(checkPathMajor("v2.0.0", "")),
            "version \"v2.0.0\" invalid: should be v0 or v1, not v2");
  EXPECT_EQ(errorText(checkPathMajor("v3.0.0", "/v2")),
            "version \"v3.0.0\" invalid: should be v2, not v3");
}

TEST(ModuleTest, Check) {
  EXPECT_EQ(errorText(check("github.com/go-yaml/yaml", "v1.0.0")), "");
  EXPECT_EQ(errorText(check("github.com/go-yaml/yaml/v2", "v2.1.5")), "");
  EXPECT_EQ(errorText(check("rsc.io/quote", "v17.0.0+incompatible")), "");
  EXPECT_EQ(errorText(check("gopkg.in/check.v1",
                            "v0.0.0-20160102150405-abcdef123456")),
            "");
  EXPECT_EQ(errorText(check("rsc.io/quote", "v17.0.0")),
            "rsc.io/quote@v17.0.0: invalid version: should be v0 or v1, not "
            "v17");
  EXPECT_EQ(errorText(check("github.com/go-yaml/yaml/v2", "v1.0.0")),
            "github.com/go-yaml/yaml/v2@v1.0.0: invalid version: should be "
            "v2, not v1");
  EXPECT_EQ(errorText(check("rsc.io/quote", "0.1.0")),
            "rsc.io/quote@0.1.0: invalid version: not a semantic version");
  EXPECT_EQ(errorText(check("rsc io/quote", "v1.0.0")),
            "malformed module path \"rsc io/quote\": invalid char ' '");
  EXPECT_EQ(errorText(check("gopkg.in/yaml.v1", "v0.8.0")),
            "gopkg.in/yaml.v1@v0.8.0: invalid version: should be v1, not v0");
}

TEST(ModuleTest, CanonicalVersion) {
  EXPECT_EQ(canonicalVersion("v1"), "v1.0.0");
  EXPECT_EQ(canonicalVersion("v1.2.3+meta"), "v1.2.3");
  EXPECT_EQ(canonicalVersion("v2.0.0+incompatible"), "v2.0.0+incompatible");
  EXPECT_EQ(canonicalVersion("v2+incompatible"), "");
  EXPECT_EQ(canonicalVersion("bad"), "");
}

TEST(ModuleTest, MatchPrefixPatternsLikeGOPRIVATE) {
  const char *goprivate = "*.corp.example.com,rsc.io/private";
  EXPECT_TRUE(matchPrefixPatterns(goprivate, "git.corp.example.com/x/y"));
  EXPECT_TRUE(matchPrefixPatterns(goprivate, "rsc.io/private"));
  EXPECT_TRUE(matchPrefixPatterns(goprivate, "rsc.io/private/quux"));
  EXPECT_FALSE(matchPrefixPatterns(goprivate, "rsc.io/privateer"));
  EXPECT_FALSE(matchPrefixPatterns(goprivate, "rsc.io"));
  EXPECT_FALSE(matchPrefixPatterns(goprivate, "corp.example.com/x"));
  EXPECT_FALSE(matchPrefixPatterns(goprivate, "golang.org/x/mod"));
  // Empty entries and trailing slashes are ignored.
  EXPECT_TRUE(matchPrefixPatterns(",,rsc.io/private/,", "rsc.io/private/x"));
  EXPECT_FALSE(matchPrefixPatterns("", "rsc.io/private"));
  EXPECT_FALSE(matchPrefixPatterns(",", "rsc.io/private"));
  // A pattern of two elements needs two elements of the target.
  EXPECT_TRUE(matchPrefixPatterns("*/*", "a/b/c"));
  EXPECT_FALSE(matchPrefixPatterns("*/*", "a"));
  // A malformed pattern matches nothing; the others still apply.
  EXPECT_FALSE(matchPrefixPatterns("rsc.io/[", "rsc.io/["));
  EXPECT_TRUE(matchPrefixPatterns("rsc.io/[,rsc.io/private", "rsc.io/private"));
  // Case matters.
  EXPECT_FALSE(matchPrefixPatterns("RSC.io/private", "rsc.io/private"));
}

TEST(ModuleTest, PathMatch) {
  EXPECT_TRUE(pathMatch("abc", "abc"));
  EXPECT_TRUE(pathMatch("a*", "abc"));
  EXPECT_FALSE(pathMatch("a*", "ab/c")); // '*' stops at '/'
  EXPECT_TRUE(pathMatch("a*/b", "abc/b"));
  EXPECT_TRUE(pathMatch("a?c", "abc"));
  EXPECT_FALSE(pathMatch("a?c", "a/c"));
  EXPECT_TRUE(pathMatch("a?b", "a☺b")); // '?' is one rune
  EXPECT_TRUE(pathMatch("ab[c]", "abc"));
  EXPECT_TRUE(pathMatch("ab[b-d]", "abc"));
  EXPECT_FALSE(pathMatch("ab[e-g]", "abc"));
  EXPECT_FALSE(pathMatch("ab[^c]", "abc"));
  EXPECT_TRUE(pathMatch("ab[^e-g]", "abc"));
  EXPECT_TRUE(pathMatch("[a-ζ]*", "α"));
  EXPECT_TRUE(pathMatch("a\\*b", "a*b"));
  EXPECT_FALSE(pathMatch("a\\*b", "ab"));
  EXPECT_TRUE(pathMatch("[\\]a]", "]"));
  EXPECT_TRUE(pathMatch("[\\-]", "-"));
  EXPECT_TRUE(pathMatch("a*b*c*d*e*/f", "axbxcxdxexxx/f"));
  EXPECT_FALSE(pathMatch("a*b*c*d*e*/f", "axbxcxdxe/xxx/f"));
  EXPECT_TRUE(pathMatch("*", ""));
  EXPECT_FALSE(pathMatch("?", ""));

  for (const char *bad : {"[", "[^", "[^bc", "a[", "\\", "a\\", "[]", "[-]",
                          "[x-]", "[-x]", "[a-b-c]", "[\xff]"}) {
    bool malformed = false;
    EXPECT_FALSE(pathMatch(bad, "a", &malformed)) << bad;
    EXPECT_TRUE(malformed) << bad;
  }
  // Found even when an earlier chunk already failed to match.
  bool malformed = false;
  EXPECT_FALSE(pathMatch("x*[", "abc", &malformed));
  EXPECT_TRUE(malformed);
  malformed = true;
  EXPECT_FALSE(pathMatch("x*y", "abc", &malformed));
  EXPECT_FALSE(malformed);
}

TEST(ModuleTest, CheckPrefixPatterns) {
  EXPECT_EQ(errorText(checkPrefixPatterns("")), "");
  EXPECT_EQ(errorText(checkPrefixPatterns("*.corp.example.com,rsc.io/private")),
            "");
  EXPECT_EQ(errorText(checkPrefixPatterns(",,x/[a-z]*/,")), "");
  std::string text = errorText(checkPrefixPatterns("rsc.io/ok,x/[a-,y/\\"));
  EXPECT_NE(text.find("\"x/[a-\""), std::string::npos) << text;
  EXPECT_EQ(text.find("y/"), text.find("y/\\")) << text;
}

TEST(ModuleTest, SortVersionsGoSumOrder) {
  std::vector<Version> list = {
      {"x.y/b", "v1.0.0"},
      {"x.y/a", "v1.10.0/go.mod"},
      {"x.y/a", "v1.10.0"},
      {"x.y/a", "v1.9.0"},
      {"x.y/a", "v1.0.0/go.mod"},
      {"x.y/a", "v1.0.0"},
      {"x.y/a", "v1.0.0-rc.1"},
      {"x.y/a", "v1.9.0/go.mod"},
      {"x.y/a/v2", "v2.0.0"},
      {"x.y/a", "v0.0.0-20191109021931-daa7c04131f5"},
  };
  sortVersions(list);
  std::vector<Version> want = {
      {"x.y/a", "v0.0.0-20191109021931-daa7c04131f5"},
      {"x.y/a", "v1.0.0-rc.1"},
      {"x.y/a", "v1.0.0"},
      {"x.y/a", "v1.0.0/go.mod"},
      {"x.y/a", "v1.9.0"},
      {"x.y/a", "v1.9.0/go.mod"},
      {"x.y/a", "v1.10.0"},
      {"x.y/a", "v1.10.0/go.mod"},
      {"x.y/a/v2", "v2.0.0"},
      {"x.y/b", "v1.0.0"},
  };
  ASSERT_EQ(list.size(), want.size());
  for (size_t i = 0; i < want.size(); ++i)
    EXPECT_EQ(list[i].str(), want[i].str()) << i;
}

TEST(ModuleTest, FoldString) {
  EXPECT_EQ(foldString("readme"), "readme");
  EXPECT_EQ(foldString("README"), foldString("readme"));
  EXPECT_EQ(foldString("Go.Mod"), "go.mod");
  // K, k and the Kelvin sign are one class; so are S, s and long s.
  EXPECT_EQ(foldString("\u212A"), foldString("k"));
  EXPECT_EQ(foldString("\u212A"), foldString("K"));
  EXPECT_EQ(foldString("\u017F"), foldString("s"));
  EXPECT_EQ(foldString("Σ"), foldString("σ"));
  EXPECT_EQ(foldString("Σ"), foldString("ς"));
  EXPECT_EQ(foldString("É"), foldString("é"));
  EXPECT_EQ(foldString("ǅ"), foldString("ǆ"));
  EXPECT_EQ(foldString("ǅ"), foldString("Ǆ"));
  // Simple folding only: ß is not "ss", İ is not "i", é is not e + U+0301.
  EXPECT_NE(foldString("ß"), foldString("ss"));
  EXPECT_NE(foldString("İ"), foldString("i"));
  EXPECT_NE(foldString("é"), foldString("e\u0301"));
  EXPECT_NE(foldString("a"), foldString("b"));
  // Invalid bytes are kept.
  EXPECT_EQ(foldString("A\xff"), "a\xff");
}

TEST(ModuleTest, IsLetter) {
  for (uint32_t r : {uint32_t('a'), uint32_t('Z'), 0xE9u, 0x4E2Du, 0x212Au,
                     0x1C5u, 0x10400u, 0x2B81Du})
    EXPECT_TRUE(isLetter(r)) << r;
  for (uint32_t r : {uint32_t('0'), uint32_t('_'), uint32_t(' '), 0x301u,
                     0x200Bu, 0x1F600u, 0xFFFDu, 0x110000u})
    EXPECT_FALSE(isLetter(r)) << r;
}

TEST(ModuleTest, Quote) {
  EXPECT_EQ(quote("abc"), "\"abc\"");
  EXPECT_EQ(quote("a\"b\\c"), "\"a\\\"b\\\\c\"");
  EXPECT_EQ(quote("a'b"), "\"a'b\"");
  EXPECT_EQ(quote("\n\t\x01\x7f"), "\"\\n\\t\\x01\\x7f\"");
  EXPECT_EQ(quote("é中"), "\"é中\"");
  EXPECT_EQ(quote("\xff"), "\"\\xff\"");
  EXPECT_EQ(quote("\u200b"), "\"\\u200b\"");
  EXPECT_EQ(quote("\U000E0001"), "\"\\U000e0001\"");
}

} // namespace

TEST(ModuleTest, QuoteIsBounded) {
  EXPECT_EQ(quote("abc"), "\"abc\"");
  std::string big(1000, 'a');
  EXPECT_EQ(quote(big), "\"" + std::string(200, 'a') + "\"... (1000 bytes)");
  // Never cut inside a rune: 199 ASCII bytes and a 2-byte rune straddling
  // the limit keep 199 bytes.
  std::string straddle = std::string(199, 'a') + "\xc3\xa9" + "tail";
  EXPECT_EQ(quote(straddle),
            "\"" + std::string(199, 'a') + "\"... (205 bytes)");
}

TEST(ModuleTest, PathAndVersionLengthLimits) {
  std::string longPath = "example.com/" + std::string(1100, 'a');
  llvm::Error err = checkPath(longPath);
  ASSERT_TRUE(bool(err));
  std::string msg = llvm::toString(std::move(err));
  EXPECT_NE(msg.find("path is 1112 bytes long (the limit is 1024)"),
            std::string::npos)
      << msg;
  EXPECT_LT(msg.size(), 400u);
  // Capitals are escaped in the cache ('!' and the letter): 130 of them
  // make a 260-byte element.
  EXPECT_TRUE(
      llvm::errorToBool(checkPath("example.com/" + std::string(130, 'A'))));
  EXPECT_FALSE(
      llvm::errorToBool(checkPath("example.com/" + std::string(127, 'A'))));
  EXPECT_FALSE(llvm::errorToBool(checkVersionLength(std::string(256, 'v'))));
  EXPECT_TRUE(llvm::errorToBool(checkVersionLength(std::string(257, 'v'))));
}
