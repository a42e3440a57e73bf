//===- GoEnvTest.cpp - GOPROXY and GOSUMDB as the go command reads them ---===//
//
// Part of mochi-go.
//
//===----------------------------------------------------------------------===//

#include "mochi-go/Fetch/GoEnv.h"

#include "../Common/TempDir.h"
#include "mochi-go/Support/FileUtil.h"

#include "llvm/Support/FileSystem.h"

#include "gtest/gtest.h"

#include <map>

using namespace mochigo;
using namespace mochigo::fetch;

namespace {

TEST(GoEnvTest, ProxyListSeparatorsAndEnds) {
  auto list = parseGoProxy(
      "https://a.example,https://b.example|file:///srv/p , direct,https://x",
      "");
  ASSERT_TRUE(bool(list)) << llvm::toString(list.takeError());
  ASSERT_EQ(list->size(), 4u);
  EXPECT_EQ((*list)[0].url, "https://a.example");
  EXPECT_FALSE((*list)[0].fallBackOnError);
  EXPECT_EQ((*list)[1].url, "https://b.example");
  EXPECT_TRUE((*list)[1].fallBackOnError);
  EXPECT_EQ((*list)[2].url, "file:///srv/p");
  EXPECT_FALSE((*list)[2].fallBackOnError);
  EXPECT_EQ((*list)[3].kind, ProxySpec::Direct);
}

TEST(GoEnvTest, OffEndsTheListAndBareHostsGetHttps) {
  auto off = parseGoProxy("off,https://never", "");
  ASSERT_TRUE(bool(off));
  ASSERT_EQ(off->size(), 1u);
  EXPECT_EQ((*off)[0].kind, ProxySpec::Off);
  auto bare = parseGoProxy("proxy.example.com/go", "");
  ASSERT_TRUE(bool(bare));
  EXPECT_EQ((*bare)[0].url, "https://proxy.example.com/go");
}

TEST(GoEnvTest, BadProxyListsAreRefused) {
  for (const char *bad : {",", " | ", "ftp://x.example", "file://host/p",
                          "file:///p?q", "://x"}) {
    auto list = parseGoProxy(bad, "");
    EXPECT_FALSE(bool(list)) << bad;
    llvm::consumeError(list.takeError());
  }
  auto empty = parseGoProxy(",", "");
  ASSERT_FALSE(bool(empty));
  EXPECT_EQ(llvm::toString(empty.takeError()),
            "GOPROXY list is not the empty string, but contains no entries");
}

TEST(GoEnvTest, GonoproxyAddsTheImplicitNoproxyEntry) {
  auto list = parseGoProxy("https://a.example", "corp.example.com");
  ASSERT_TRUE(bool(list));
  ASSERT_EQ(list->size(), 2u);
  EXPECT_EQ((*list)[0].kind, ProxySpec::NoProxy);
  auto direct = parseGoProxy("direct", "corp.example.com");
  ASSERT_TRUE(bool(direct));
  EXPECT_EQ(direct->size(), 1u);
}

TEST(GoEnvTest, SumDBForms) {
  auto off = parseGoSumDB("off");
  ASSERT_TRUE(bool(off));
  EXPECT_TRUE(off->off);

  auto known = parseGoSumDB("sum.golang.org");
  ASSERT_TRUE(bool(known)) << llvm::toString(known.takeError());
  EXPECT_EQ(known->key, kSumGolangOrgKey);
  EXPECT_EQ(known->name, "sum.golang.org");
  EXPECT_EQ(known->url, "");

  // A mirror of the known database is its name and a URL; no mirror host
  // is built in.
  auto mirror = parseGoSumDB("sum.golang.org https://sumdb.example.invalid");
  ASSERT_TRUE(bool(mirror));
  EXPECT_EQ(mirror->name, "sum.golang.org");
  EXPECT_EQ(mirror->key, kSumGolangOrgKey);
  EXPECT_EQ(mirror->url, "https://sumdb.example.invalid");

  auto withURL = parseGoSumDB(std::string(kSumGolangOrgKey) +
                              " http://127.0.0.1:9/sumdb/");
  ASSERT_TRUE(bool(withURL));
  EXPECT_EQ(withURL->url, "http://127.0.0.1:9/sumdb");

  for (const char *bad : {"", "a b c", "garbage", "sum.golang.org ftp://x",
                          "sum.golang.org+00000000+Ac4zctda0e5eza+HJyk9SxEdh+"
                          "s3Ux18htTTAD8OuAn8"}) {
    auto r = parseGoSumDB(bad);
    EXPECT_FALSE(bool(r)) << bad;
    llvm::consumeError(r.takeError());
  }
}

/// What a go command might give as its defaults (placeholders: no real
/// host is named in the tests).
const std::map<std::string, std::string> kDefaults = {
    {"GOPROXY", "https://proxy.example.invalid,direct"},
    {"GOSUMDB", "sum.golang.org"},
    {"GOTOOLCHAIN", "auto"}};

TEST(GoEnvTest, GoprivateIsTheDefaultOfGonoproxyAndGonosumdb) {
  std::map<std::string, std::string> vars = {
      {"GOPRIVATE", "*.corp.example.com,rsc.io/private"},
      {"GONOSUMCHECK", "1"}};
  auto get = [&](llvm::StringRef k) -> std::optional<std::string> {
    auto it = vars.find(k.str());
    if (it == vars.end())
      return std::nullopt;
    return it->second;
  };
  auto env = GoEnv::resolve(get, {}, "", kDefaults);
  ASSERT_TRUE(bool(env)) << llvm::toString(env.takeError());
  EXPECT_EQ(env->gonosumdb, vars["GOPRIVATE"]);
  EXPECT_EQ(env->gonoproxy, vars["GOPRIVATE"]);
  EXPECT_TRUE(env->gonosumcheckSet);
  EXPECT_TRUE(env->skipSumDB("git.corp.example.com/x/y"));
  EXPECT_TRUE(env->skipSumDB("rsc.io/private/quux"));
  EXPECT_FALSE(env->skipSumDB("rsc.io/privateer"));
  EXPECT_TRUE(env->noProxy("rsc.io/private"));

  vars["GONOSUMDB"] = "example.com";
  env = GoEnv::resolve(get, {}, "", kDefaults);
  ASSERT_TRUE(bool(env));
  EXPECT_FALSE(env->skipSumDB("rsc.io/private"));
  EXPECT_TRUE(env->skipSumDB("example.com/a"));

  vars["GOSUMDB"] = "off";
  env = GoEnv::resolve(get, {}, "", kDefaults);
  ASSERT_TRUE(bool(env));
  EXPECT_TRUE(env->skipSumDB("github.com/anything"));

  vars["GOPRIVATE"] = "[";
  env = GoEnv::resolve(get, {}, "", kDefaults);
  ASSERT_FALSE(bool(env));
  EXPECT_NE(llvm::toString(env.takeError()).find("GOPRIVATE"),
            std::string::npos);
}

using Vars = std::map<std::string, std::string>;

GetEnvFn getterOf(const Vars &vars) {
  return [&vars](llvm::StringRef k) -> std::optional<std::string> {
    auto it = vars.find(k.str());
    if (it == vars.end())
      return std::nullopt;
    return it->second;
  };
}

TEST(GoEnvTest, EnvironmentBeatsTheGoEnvFileWhichBeatsTheGoDefaults) {
  Vars environment = {{"GOPROXY", "https://env.example.invalid"},
                      {"GOFLAGS", ""}}; // empty: unset, as for the go command
  Vars file = {{"GOPROXY", "https://file.example.invalid"},
               {"GOFLAGS", "-mod=mod"},
               {"GOPRIVATE", "corp.example.com"}};
  Vars defaults = {{"GOPROXY", "https://default.example.invalid,direct"},
                   {"GOSUMDB", "sum.golang.org"},
                   {"GOFLAGS", "-trimpath"},
                   {"GOTOOLCHAIN", "auto"}};
  auto env = GoEnv::resolve(getterOf(environment), file, "/h/.config/go/env",
                            defaults);
  ASSERT_TRUE(bool(env)) << llvm::toString(env.takeError());
  EXPECT_EQ(env->goproxy, "https://env.example.invalid");
  EXPECT_EQ(env->origins["GOPROXY"], "environment");
  EXPECT_EQ(env->goflags, "-mod=mod");
  EXPECT_EQ(env->origins["GOFLAGS"], "GOENV file /h/.config/go/env");
  EXPECT_EQ(env->gosumdb, "sum.golang.org");
  EXPECT_EQ(env->origins["GOSUMDB"], "go command default");
  EXPECT_EQ(env->gotoolchain, "auto");
  // GOPRIVATE from the file is the default of GONOPROXY and GONOSUMDB,
  // before the go command's defaults.
  EXPECT_EQ(env->gonosumdb, "corp.example.com");
  EXPECT_EQ(env->origins["GONOSUMDB"], "GOPRIVATE");
  EXPECT_EQ(env->origins.count("GOINSECURE"), 0u);
}

TEST(GoEnvTest, NoProxyAnywhereIsAnErrorNotABuiltInHost) {
  Vars none;
  auto env = GoEnv::resolve(getterOf(none), {}, "", {});
  ASSERT_FALSE(bool(env));
  EXPECT_NE(llvm::toString(env.takeError()).find("GOPROXY is not set"),
            std::string::npos);
}

TEST(GoEnvTest, GoEnvFileIsReadAsTheGoCommandReadsIt) {
  Vars vars = parseGoEnvFile("# comment\nGOPROXY=https://a.example.invalid\n"
                             "lower=x\nnoequals\n\nGOFLAGS= -x \n"
                             "GOPROXY=https://b.example.invalid");
  EXPECT_EQ(vars.size(), 2u);
  EXPECT_EQ(vars["GOPROXY"], "https://b.example.invalid"); // the last wins
  EXPECT_EQ(vars["GOFLAGS"], " -x ");                        // verbatim

  Vars e = {{"HOME", "/home/u"}};
  EXPECT_EQ(goEnvFilePath(getterOf(e)), "/home/u/.config/go/env");
  e["XDG_CONFIG_HOME"] = "/x";
  EXPECT_EQ(goEnvFilePath(getterOf(e)), "/x/go/env");
  e["XDG_CONFIG_HOME"] = "relative";
  EXPECT_EQ(goEnvFilePath(getterOf(e)), "");
  e["GOENV"] = "/etc/goenv";
  EXPECT_EQ(goEnvFilePath(getterOf(e)), "/etc/goenv");
  e["GOENV"] = "off";
  EXPECT_EQ(goEnvFilePath(getterOf(e)), "");
}

class GoEnvFilesTest : public testutil::TempDirTest {
protected:
  GoEnvFilesTest() : TempDirTest("goenv") {}

  /// A go command that logs each run and prints `json` for `go env -json`,
  /// refusing to run when it sees a variable it must not.
  std::string fakeGo(llvm::StringRef json) {
    std::string go = root + "/go/bin/go";
    EXPECT_FALSE(llvm::sys::fs::create_directories(root + "/go/bin"));
    EXPECT_FALSE(bool(writeFileAtomic(root + "/go/VERSION", "go1.99.0\n")));
    std::string script = "#!/bin/sh\necho \"$*\" >> " + root +
                         "/go.log\n"
                         "test \"$GOENV\" = off || exit 7\n"
                         "test -z \"$GOPROXY$GOFLAGS\" || exit 8\n"
                         "cat <<'EOF'\n" +
                         json.str() + "\nEOF\n";
    EXPECT_FALSE(bool(writeFileAtomic(go, script, 0755)));
    return go;
  }
  unsigned runs() {
    auto log = readFile(root + "/go.log");
    if (!log) {
      llvm::consumeError(log.takeError());
      return 0;
    }
    return llvm::StringRef(*log).count('\n');
  }
};

TEST_F(GoEnvFilesTest, DefaultsComeFromTheGoCommandOncePerToolchain) {
  std::string go = fakeGo(
      R"({"GOFLAGS": "", "GOINSECURE": "", "GONOPROXY": "", "GONOSUMDB": "",
          "GOPRIVATE": "", "GOPROXY": "https://go.example.invalid,direct",
          "GOSUMDB": "sum.golang.org", "GOTOOLCHAIN": "auto"})");
  ASSERT_FALSE(llvm::sys::fs::create_directories(root + "/home/.config/go"));
  ASSERT_FALSE(bool(writeFileAtomic(root + "/home/.config/go/env",
                                    "GOFLAGS=-mod=mod\n")));
  Vars environment = {{"HOME", root + "/home"},
                      {"GOPROXY", "https://env.example.invalid"},
                      {"GOFLAGS", "-tags=x"}};
  // The fake go refuses GOPROXY and GOFLAGS in its environment: the
  // process's own must not leak into the defaults.
  ::setenv("GOPROXY", "https://leak.example.invalid", 1);
  auto env = GoEnv::load(getterOf(environment), go, root + "/cache");
  ::unsetenv("GOPROXY");
  ASSERT_TRUE(bool(env)) << llvm::toString(env.takeError());
  EXPECT_EQ(env->goproxy, "https://env.example.invalid");
  EXPECT_EQ(env->goflags, "-tags=x");
  EXPECT_EQ(env->gosumdb, "sum.golang.org");
  EXPECT_EQ(env->origins["GOSUMDB"], "go command default");
  EXPECT_EQ(runs(), 1u);

  // Without the variables: the GOENV file, then the defaults, from the
  // cache (no second run).
  environment.erase("GOPROXY");
  environment.erase("GOFLAGS");
  env = GoEnv::load(getterOf(environment), go, root + "/cache");
  ASSERT_TRUE(bool(env)) << llvm::toString(env.takeError());
  EXPECT_EQ(env->goproxy, "https://go.example.invalid,direct");
  EXPECT_EQ(env->origins["GOPROXY"], "go command default");
  EXPECT_EQ(env->goflags, "-mod=mod");
  EXPECT_EQ(env->origins["GOFLAGS"],
            "GOENV file " + root + "/home/.config/go/env");
  EXPECT_EQ(runs(), 1u);

  // GOENV names another file; GOENV=off reads none.
  ASSERT_FALSE(bool(writeFileAtomic(root + "/other.env",
                                    "GOPROXY=https://other.example.invalid\n")));
  environment["GOENV"] = root + "/other.env";
  env = GoEnv::load(getterOf(environment), go, root + "/cache");
  ASSERT_TRUE(bool(env));
  EXPECT_EQ(env->goproxy, "https://other.example.invalid");
  environment["GOENV"] = "off";
  env = GoEnv::load(getterOf(environment), go, root + "/cache");
  ASSERT_TRUE(bool(env));
  EXPECT_EQ(env->goflags, "");
  EXPECT_EQ(runs(), 1u);

  // Another toolchain version: asked again.
  ASSERT_FALSE(bool(writeFileAtomic(root + "/go/VERSION", "go1.99.1\n")));
  env = GoEnv::load(getterOf(environment), go, root + "/cache");
  ASSERT_TRUE(bool(env));
  EXPECT_EQ(runs(), 2u);
}

TEST_F(GoEnvFilesTest, AGoCommandThatFailsIsReported) {
  std::string go = root + "/bad/bin/go";
  ASSERT_FALSE(llvm::sys::fs::create_directories(root + "/bad/bin"));
  ASSERT_FALSE(bool(
      writeFileAtomic(go, "#!/bin/sh\necho broken toolchain >&2\nexit 3\n",
                      0755)));
  bool ran = false;
  auto d = goCommandDefaults(go, root + "/cache", &ran);
  ASSERT_FALSE(bool(d));
  EXPECT_TRUE(ran);
  std::string msg = llvm::toString(d.takeError());
  EXPECT_NE(msg.find("exit status 3"), std::string::npos) << msg;
  EXPECT_NE(msg.find("broken toolchain"), std::string::npos) << msg;
}

} // namespace
