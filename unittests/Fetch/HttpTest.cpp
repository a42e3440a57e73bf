//===- HttpTest.cpp - The HTTP client against a loopback server -----------===//
//
// Part of mochi-go.
//
//===----------------------------------------------------------------------===//

#include "mochi-go/Fetch/Http.h"

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

HttpOptions quick() {
  HttpOptions o;
  o.retries = 2;
  o.backoffMs = 10;
  o.loopbackOnly = true;
  return o;
}

TEST(HttpTest, IsLocalURL) {
  EXPECT_TRUE(isLocalURL("http://127.0.0.1:8080/x"));
  EXPECT_TRUE(isLocalURL("http://127.3.2.1/x"));
  EXPECT_TRUE(isLocalURL("http://localhost/x"));
  EXPECT_TRUE(isLocalURL("http://[::1]:80/x"));
  EXPECT_TRUE(isLocalURL("http://user@127.0.0.1/x"));
  EXPECT_TRUE(isLocalURL("file:///tmp/x"));
  EXPECT_FALSE(isLocalURL("https://proxy.example.invalid/x"));
  EXPECT_FALSE(isLocalURL("http://127.0.0.1.example.com/x"));
  EXPECT_FALSE(isLocalURL("http://128.0.0.1/x"));
  EXPECT_FALSE(isLocalURL("http://evil.com@example.com/127.0.0.1"));
  EXPECT_FALSE(isLocalURL("http://127.0.0.256/"));
}

TEST(HttpTest, LoopbackOnlyRefusesOtherHostsWithoutConnecting) {
  HttpClient http(quick());
  HttpResult r = http.get({"https://proxy.example.invalid/github.com/x/@v/list"});
  EXPECT_FALSE(r.ok());
  EXPECT_NE(r.error.find("not a loopback address"), std::string::npos);
  EXPECT_EQ(http.stats().requests, 0u);
}

TEST(HttpTest, RetriesTransientStatusesThenSucceeds) {
  std::atomic<int> n{0};
  LoopbackServer server([&](const std::string &) {
    return ++n <= 2 ? Reply{503, "busy"} : Reply{200, "hello"};
  });
  HttpClient http(quick());
  HttpResult r = http.get({server.url("/x")});
  EXPECT_TRUE(r.ok()) << r.describe();
  EXPECT_EQ(r.body, "hello");
  EXPECT_EQ(r.attempts, 3);
  EXPECT_EQ(http.stats().retries, 2u);
}

TEST(HttpTest, GivesUpAfterTheRetriesAndSaysSo) {
  LoopbackServer server([](const std::string &) { return Reply{502, "no"}; });
  HttpClient http(quick());
  HttpResult r = http.get({server.url("/x")});
  EXPECT_FALSE(r.ok());
  EXPECT_EQ(r.status, 502);
  EXPECT_EQ(server.hits("/x"), 3);
  EXPECT_NE(r.describe().find("502 Bad Gateway (after 3 attempts)"),
            std::string::npos)
      << r.describe();
}

TEST(HttpTest, NotFoundIsFinalAndNotRetried) {
  LoopbackServer server([](const std::string &) { return Reply{404, "nf"}; });
  HttpClient http(quick());
  HttpResult r = http.get({server.url("/x")});
  EXPECT_TRUE(r.notFound());
  EXPECT_EQ(r.attempts, 1);
  EXPECT_EQ(server.hits("/x"), 1);
}

TEST(HttpTest, BodyOverTheCapIsAnError) {
  LoopbackServer server([](const std::string &p) {
    Reply r{200, std::string(5000, 'x')};
    r.contentLength = p == "/with-length";
    return r;
  });
  HttpClient http(quick());
  for (const char *p : {"/with-length", "/without-length"}) {
    HttpResult r = http.get({server.url(p), 1000});
    EXPECT_FALSE(r.ok()) << p;
    EXPECT_NE(r.error.find("exceeds the limit of 1000 bytes"),
              std::string::npos)
        << p << ": " << r.error;
    EXPECT_EQ(r.attempts, 1) << p; // not retried
  }
}

TEST(HttpTest, TruncatedBodiesAreRetriedThenReported) {
  std::atomic<int> n{0};
  LoopbackServer server([&](const std::string &) {
    Reply r{200, std::string(100, 'y')};
    if (++n == 1)
      r.truncateAt = 50;
    return r;
  });
  HttpClient http(quick());
  HttpResult r = http.get({server.url("/t")});
  EXPECT_TRUE(r.ok()) << r.describe();
  EXPECT_EQ(r.body.size(), 100u);
  EXPECT_EQ(r.attempts, 2);

  LoopbackServer always([](const std::string &) {
    Reply r{200, std::string(100, 'y')};
    r.truncateAt = 10;
    return r;
  });
  HttpResult bad = http.get({always.url("/t")});
  EXPECT_FALSE(bad.ok());
  EXPECT_EQ(bad.attempts, 3);
  EXPECT_FALSE(bad.error.empty());
}

TEST(HttpTest, ConnectionRefusedIsRetriedThenReported) {
  // Bind a port, then close it: nothing listens there.
  int port;
  {
    LoopbackServer s([](const std::string &) { return Reply{}; });
    port = std::stoi(s.url().substr(17));
  }
  HttpClient http(quick());
  HttpResult r = http.get({"http://127.0.0.1:" + std::to_string(port) + "/x"});
  EXPECT_FALSE(r.ok());
  EXPECT_EQ(r.status, 0);
  EXPECT_EQ(r.attempts, 3);
}

TEST(HttpTest, TimeoutIsAnError) {
  LoopbackServer server([](const std::string &) {
    Reply r{200, "late"};
    r.delayMs = 1000;
    return r;
  });
  HttpOptions o = quick();
  o.retries = 0;
  o.timeoutMs = 200;
  HttpClient http(o);
  HttpResult r = http.get({server.url("/slow")});
  EXPECT_FALSE(r.ok());
  EXPECT_NE(r.error.find("timed out"), std::string::npos) << r.error;
}

TEST(HttpTest, ManyRequestsRunInParallelAndKeepTheirOrder) {
  LoopbackServer server([](const std::string &p) {
    Reply r{200, "body of " + p};
    r.delayMs = 150;
    return r;
  });
  HttpOptions o = quick();
  o.parallel = 6;
  HttpClient http(o);
  std::vector<HttpRequest> reqs;
  for (int i = 0; i < 12; ++i)
    reqs.push_back({server.url("/r" + std::to_string(i))});
  std::vector<size_t> doneOrder;
  auto results = http.getAll(
      reqs, [&](size_t i, const HttpResult &) { doneOrder.push_back(i); });
  ASSERT_EQ(results.size(), 12u);
  for (int i = 0; i < 12; ++i)
    EXPECT_EQ(results[i].body, "body of /r" + std::to_string(i));
  EXPECT_EQ(doneOrder.size(), 12u);
  EXPECT_GE(server.maxConcurrent(), 2);
  EXPECT_LE(server.maxConcurrent(), 6);
}

TEST(HttpTest, FileURLsBehaveLikeAServer) {
  llvm::SmallString<128> dir;
  ASSERT_FALSE(llvm::sys::fs::createUniqueDirectory("mochigo-http", dir));
  std::string d(dir.str());
  ASSERT_FALSE(llvm::errorToBool(writeFileAtomic(d + "/a b.txt", "content")));
  HttpClient http(quick());
  HttpResult ok = http.get({"file://" + d + "/a%20b.txt"});
  EXPECT_TRUE(ok.ok());
  EXPECT_EQ(ok.body, "content");
  HttpResult missing = http.get({"file://" + d + "/nope"});
  EXPECT_TRUE(missing.notFound());
  HttpResult big = http.get({"file://" + d + "/a%20b.txt", 3});
  EXPECT_FALSE(big.ok());
  EXPECT_NE(big.error.find("exceeds the limit"), std::string::npos);
  llvm::consumeError(removeTree(d));
}

} // namespace
