//===- ProxyClientTest.cpp - GOPROXY fall-through, the go command's way ---===//
//
// Part of mochi-go.
//
//===----------------------------------------------------------------------===//

#include "mochi-go/Fetch/ProxyClient.h"

#include "LoopbackServer.h"
#include "mochi-go/Support/FileUtil.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/Support/FileSystem.h"

#include "gtest/gtest.h"

using namespace mochigo;
using namespace mochigo::fetch;
using mochigo::testing::LoopbackServer;
using mochigo::testing::Reply;

namespace {

class ProxyClientTest : public ::testing::Test {
protected:
  void SetUp() override {
    llvm::SmallString<128> d;
    ASSERT_FALSE(llvm::sys::fs::createUniqueDirectory("mochigo-proxy", d));
    dir = std::string(d.str());
    std::string v = dir + "/github.com/!azure/go/@v";
    ASSERT_FALSE(llvm::sys::fs::create_directories(v));
    ASSERT_FALSE(
        llvm::errorToBool(writeFileAtomic(v + "/v1.0.0.mod", "module x\n")));
  }
  void TearDown() override { llvm::consumeError(removeTree(dir)); }

  ProxyResponse fetchMod(const std::string &goproxy,
                         const std::string &gonoproxy = "") {
    auto list = parseGoProxy(goproxy, gonoproxy);
    EXPECT_TRUE(bool(list));
    if (!list) {
      llvm::consumeError(list.takeError());
      return {};
    }
    HttpOptions o;
    o.retries = 0;
    o.loopbackOnly = true;
    HttpClient http(o);
    ProxyClient client(*list, http, [&](llvm::StringRef p) {
      return p.starts_with(gonoproxy) && !gonoproxy.empty();
    });
    return client.fetch({{"github.com/Azure/go", "v1.0.0", ProxyFile::Mod}})[0];
  }

  std::string dir;
  LoopbackServer notFound{[](const std::string &) {
    return Reply{404, "not found: x"};
  }};
  LoopbackServer broken{[](const std::string &) { return Reply{500, "oops"}; }};
};

TEST_F(ProxyClientTest, CaseEncodedURLs) {
  auto url =
      ProxyClient::urlFor("https://p.example/", {"github.com/Azure/go",
                                                 "v1.0.0-RC1", ProxyFile::Zip});
  ASSERT_TRUE(bool(url));
  EXPECT_EQ(*url, "https://p.example/github.com/!azure/go/@v/v1.0.0-!r!c1.zip");
  auto list =
      ProxyClient::urlFor("file:///p", {"a.com/B", "", ProxyFile::List});
  ASSERT_TRUE(bool(list));
  EXPECT_EQ(*list, "file:///p/a.com/!b/@v/list");
  auto latest =
      ProxyClient::urlFor("http://h", {"a.com/b", "", ProxyFile::Latest});
  ASSERT_TRUE(bool(latest));
  EXPECT_EQ(*latest, "http://h/a.com/b/@latest");
}

TEST_F(ProxyClientTest, CommaFallsThroughOnNotFound) {
  ProxyResponse r = fetchMod(notFound.url() + ",file://" + dir);
  ASSERT_TRUE(r.ok()) << r.error;
  EXPECT_EQ(r.body, "module x\n");
  EXPECT_EQ(r.proxy, "file://" + dir);
  EXPECT_EQ(notFound.hits("/github.com/!azure/go/@v/v1.0.0.mod"), 1);
}

TEST_F(ProxyClientTest, CommaStopsOnOtherErrors) {
  ProxyResponse r = fetchMod(broken.url() + ",file://" + dir);
  ASSERT_FALSE(r.ok());
  EXPECT_FALSE(r.notFound);
  EXPECT_NE(r.error.find("500 Internal Server Error"), std::string::npos)
      << r.error;
  EXPECT_NE(r.error.find("server response: oops"), std::string::npos)
      << r.error;
}

TEST_F(ProxyClientTest, PipeFallsThroughOnAnyError) {
  ProxyResponse r = fetchMod(broken.url() + "|file://" + dir);
  ASSERT_TRUE(r.ok()) << r.error;
  EXPECT_EQ(r.proxy, "file://" + dir);
}

TEST_F(ProxyClientTest, TheMostUsefulErrorIsReported) {
  // A real failure beats a later "not found".
  ProxyResponse r = fetchMod(broken.url() + "|" + notFound.url());
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error.find("500"), std::string::npos) << r.error;
  // Only "not found" everywhere: notFound is set.
  ProxyResponse nf = fetchMod(notFound.url() + "," + notFound.url());
  ASSERT_FALSE(nf.ok());
  EXPECT_TRUE(nf.notFound);
  EXPECT_NE(nf.error.find("404 Not Found"), std::string::npos) << nf.error;
}

TEST_F(ProxyClientTest, OffAndDirect) {
  ProxyResponse off = fetchMod("off");
  ASSERT_FALSE(off.ok());
  EXPECT_NE(off.error.find("module lookup disabled by GOPROXY=off"),
            std::string::npos);
  ProxyResponse direct = fetchMod(notFound.url() + ",direct");
  ASSERT_FALSE(direct.ok());
  EXPECT_NE(direct.error.find("does not fetch from version control"),
            std::string::npos)
      << direct.error;
}

TEST_F(ProxyClientTest, GonoproxyModulesAreNotSentToProxies) {
  ProxyResponse r = fetchMod("file://" + dir, "github.com/Azure");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.error.find("GONOPROXY"), std::string::npos) << r.error;
  ProxyResponse other = fetchMod("file://" + dir, "corp.example.com");
  EXPECT_TRUE(other.ok()) << other.error;
}

} // namespace
