//===- GoEnvTest.cpp - GOPROXY and GOSUMDB as the go command reads them ---===//
//
// Part of mochi-go.
//
//===----------------------------------------------------------------------===//

#include "mochi-go/Fetch/GoEnv.h"

#include "gtest/gtest.h"

#include <map>

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

  auto cn = parseGoSumDB("sum.golang.google.cn");
  ASSERT_TRUE(bool(cn));
  EXPECT_EQ(cn->name, "sum.golang.org");
  EXPECT_EQ(cn->url, "https://sum.golang.google.cn");

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
  auto env = GoEnv::fromEnvironment(get);
  ASSERT_TRUE(bool(env)) << llvm::toString(env.takeError());
  EXPECT_EQ(env->gonosumdb, vars["GOPRIVATE"]);
  EXPECT_EQ(env->gonoproxy, vars["GOPRIVATE"]);
  EXPECT_TRUE(env->gonosumcheckSet);
  EXPECT_TRUE(env->skipSumDB("git.corp.example.com/x/y"));
  EXPECT_TRUE(env->skipSumDB("rsc.io/private/quux"));
  EXPECT_FALSE(env->skipSumDB("rsc.io/privateer"));
  EXPECT_TRUE(env->noProxy("rsc.io/private"));

  vars["GONOSUMDB"] = "example.com";
  env = GoEnv::fromEnvironment(get);
  ASSERT_TRUE(bool(env));
  EXPECT_FALSE(env->skipSumDB("rsc.io/private"));
  EXPECT_TRUE(env->skipSumDB("example.com/a"));

  vars["GOSUMDB"] = "off";
  env = GoEnv::fromEnvironment(get);
  ASSERT_TRUE(bool(env));
  EXPECT_TRUE(env->skipSumDB("github.com/anything"));

  vars["GOPRIVATE"] = "[";
  env = GoEnv::fromEnvironment(get);
  ASSERT_FALSE(bool(env));
  EXPECT_NE(llvm::toString(env.takeError()).find("GOPRIVATE"),
            std::string::npos);
}

} // namespace
