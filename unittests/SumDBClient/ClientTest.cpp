//===- ClientTest.cpp - The checksum database client against a fake log ---===//
//
// Part of mochi-go. A log and a server made of our own tlog and note
// primitives, in memory, so every misbehaviour can be staged exactly: the
// client must prove what it accepts and refuse, loudly and without writing
// its trusted tree, what it cannot prove.
//
//===----------------------------------------------------------------------===//

#include "mochi-go/SumDB/Client.h"

#include "mochi-go/Support/Base64.h"
#include "mochi-go/Support/FileUtil.h"
#include "mochi-go/Support/Security.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"

#include "gtest/gtest.h"

#include <map>

using namespace mochigo;
using namespace mochigo::sumdb;
using llvm::StringRef;
namespace fs = llvm::sys::fs;

namespace {

std::string base64Of(const std::string &s) {
  return base64Encode(Sha256::hash(llvm::StringRef(s)));
}

std::string recordText(const std::string &path, const std::string &version,
                       int salt = 0) {
  std::string h = base64Of(path + version + std::to_string(salt));
  return path + " " + version + " h1:" + h + "\n" + path + " " + version +
         "/go.mod h1:" + base64Of("mod" + path + version) + "\n";
}

/// An append-only log: records and every stored hash.
class FakeLog : public HashReader {
public:
  void add(const std::string &text) {
    auto hs = storedHashes(static_cast<int64_t>(records.size()), text, *this);
    ASSERT_TRUE(bool(hs)) << llvm::toString(hs.takeError());
    stored.insert(stored.end(), hs->begin(), hs->end());
    records.push_back(text);
  }
  llvm::Expected<std::vector<Hash>>
  readHashes(llvm::ArrayRef<int64_t> indexes) override {
    std::vector<Hash> out;
    for (int64_t i : indexes) {
      if (i < 0 || i >= static_cast<int64_t>(stored.size()))
        return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                       "no hash %lld", (long long)i);
      out.push_back(stored[i]);
    }
    return out;
  }
  Tree tree(int64_t n) {
    auto h = treeHash(n, *this);
    EXPECT_TRUE(bool(h));
    return Tree{n, h ? *h : Hash{}};
  }
  std::vector<std::string> records;
  std::vector<Hash> stored;
};

Signer testSigner(StringRef seedText, StringRef name = "sum.test") {
  Sha256Digest seed = Sha256::hash(seedText);
  return makeSigner(name, seed);
}

/// A server over a FakeLog, serving the first `n` records, with faults.
class FakeServer : public Remote {
public:
  FakeServer(FakeLog &log, Signer signer, int64_t n)
      : log(log), signer(std::move(signer)), n(n) {}

  std::string note(int64_t size) {
    auto msg = signNote(formatTree(log.tree(size)), {signer});
    EXPECT_TRUE(bool(msg));
    std::string s = msg ? *msg : "";
    if (tamperNote) // change the hash line after signing
      s[s.find('\n', 21) + 2] ^= 1;
    return s;
  }

  std::vector<Result> get(llvm::ArrayRef<std::string> paths) override {
    std::vector<Result> out;
    for (const std::string &p : paths) {
      ++requests[p.substr(0, p.find('/', 1))];
      Result r;
      StringRef path(p);
      if (path == "/latest") {
        r.status = 200;
        r.body = note(latestN >= 0 ? latestN : n);
      } else if (path.consume_front("/lookup/")) {
        auto [mod, ver] = path.split('@');
        int64_t id = -1;
        for (int64_t i = 0; i < n; ++i)
          if (StringRef(log.records[i])
                  .starts_with((mod + " " + ver + " ").str()))
            id = i;
        if (id < 0) {
          r.status = 404;
          r.body = "not found: " + p;
        } else {
          if (otherRecord)
            id = (id + 1) % n;
          // idOffset: the text of record id, claimed to be another record.
          auto rec = formatRecord(id + idOffset, log.records[id]);
          r.status = 200;
          r.body = *rec + note(lookupTreeN >= 0 ? lookupTreeN : n);
        }
      } else if (path.consume_front("/")) {
        auto tile = parseTilePath(path);
        if (!tile) {
          llvm::consumeError(tile.takeError());
          r.status = 404;
        } else {
          // Serve tiles of the tree of n records only.
          int64_t maxW = tileWidthLimit(*tile);
          if (tile->w > maxW) {
            r.status = 404;
          } else {
            auto data = readTileData(*tile, log);
            if (!data) {
              llvm::consumeError(data.takeError());
              r.status = 404;
            } else {
              r.status = 200;
              r.body = *data;
              if (corruptTiles && !r.body.empty())
                r.body[0] ^= 1;
            }
          }
        }
      } else {
        r.status = 404;
      }
      out.push_back(std::move(r));
    }
    return out;
  }
  std::string url(StringRef path) const override {
    return "https://sum.test" + path.str();
  }

  /// How many hashes at the tile's level the tree of n records has there.
  int64_t tileWidthLimit(const Tile &t) const {
    int64_t level = int64_t(t.l) * t.h;
    int64_t hashes = n >> level; // complete hashes at that level
    int64_t width = hashes - t.n * (int64_t(1) << t.h);
    return std::max<int64_t>(0, std::min<int64_t>(width, 1 << t.h));
  }

  FakeLog &log;
  Signer signer;
  int64_t n;
  int64_t latestN = -1;     // /latest serves another size
  int64_t lookupTreeN = -1; // lookups carry another tree size
  bool tamperNote = false, otherRecord = false, corruptTiles = false;
  int64_t idOffset = 0;
  std::map<std::string, int> requests;
};

class ClientTest : public ::testing::Test {
protected:
  void SetUp() override {
    llvm::SmallString<128> d;
    ASSERT_FALSE(fs::createUniqueDirectory("mochigo-sumdb", d));
    dir = std::string(d.str());
    for (int i = 0; i < 40; ++i)
      log.add(recordText("example.com/m" + std::to_string(i), "v1.0.0"));
    for (int i = 0; i < 40; ++i)
      forked.add(recordText("example.com/m" + std::to_string(i), "v1.0.0",
                            i == 7 ? 1 : 0));
  }
  void TearDown() override { llvm::consumeError(removeTree(dir)); }

  ClientOptions options(int height = 2) {
    ClientOptions o;
    o.dir = dir;
    o.tileHeight = height;
    return o;
  }
  std::string latestOnDisk() {
    auto s = readFile(dir + "/latest");
    if (!s) {
      llvm::consumeError(s.takeError());
      return "";
    }
    return *s;
  }
  static std::vector<module::Version> mods(std::initializer_list<int> ids) {
    std::vector<module::Version> v;
    for (int i : ids)
      v.push_back({"example.com/m" + std::to_string(i), "v1.0.0"});
    return v;
  }

  std::string dir;
  FakeLog log, forked;
  Signer signer = testSigner("key");
};

TEST_F(ClientTest, LookupProvesRecordsAndPersistsTheTree) {
  FakeServer server(log, signer, 20);
  Client client(signer.verifier(), server, options());
  auto got = client.lookup(mods({0, 5, 19}));
  for (auto &r : got) {
    ASSERT_TRUE(r.ok()) << r.error;
    EXPECT_EQ(r.treeSize, 20);
  }
  EXPECT_EQ(got[1].recordId, 5);
  EXPECT_EQ("example.com/m5 v1.0.0 h1:" + got[1].zipHash.substr(3) + "\n" +
                "example.com/m5 v1.0.0/go.mod " + got[1].modHash + "\n",
            log.records[5]);
  EXPECT_EQ(latestOnDisk(), server.note(20));
  EXPECT_TRUE(fs::exists(dir + "/tile"));
}

TEST_F(ClientTest, UnknownModuleIsNotFound) {
  FakeServer server(log, signer, 20);
  Client client(signer.verifier(), server, options());
  auto got = client.lookup({{"example.com/nope", "v1.0.0"}});
  ASSERT_FALSE(got[0].ok());
  EXPECT_NE(got[0].error.find("not found in checksum database sum.test"),
            std::string::npos)
      << got[0].error;
}

TEST_F(ClientTest, VerifiedTilesAreReusedFromDisk) {
  {
    FakeServer server(log, signer, 20);
    Client client(signer.verifier(), server, options());
    ASSERT_TRUE(client.lookup(mods({3}))[0].ok());
  }
  FakeServer server(log, signer, 20);
  Client client(signer.verifier(), server, options());
  auto got = client.lookup(mods({3}));
  ASSERT_TRUE(got[0].ok()) << got[0].error;
  EXPECT_EQ(server.requests["/tile"], 0);
  EXPECT_GT(client.stats().tilesFromDisk, 0u);
}

TEST_F(ClientTest, GrowingLogIsAdoptedWithAConsistencyProof) {
  {
    FakeServer server(log, signer, 10);
    Client client(signer.verifier(), server, options());
    ASSERT_TRUE(client.lookup(mods({2}))[0].ok());
  }
  FakeServer server(log, signer, 33);
  Client client(signer.verifier(), server, options());
  auto got = client.lookup(mods({30}));
  ASSERT_TRUE(got[0].ok()) << got[0].error;
  EXPECT_EQ(client.trusted().n, 33);
  EXPECT_EQ(latestOnDisk(), server.note(33));
}

TEST_F(ClientTest, ForkedLogIsASecurityErrorAndNothingIsTrusted) {
  {
    FakeServer server(log, signer, 20);
    Client client(signer.verifier(), server, options());
    ASSERT_TRUE(client.lookup(mods({2}))[0].ok());
  }
  std::string before = latestOnDisk();
  for (int64_t size : {20, 25, 40}) {
    FakeServer server(forked, signer, size);
    Client client(signer.verifier(), server, options());
    llvm::Error err = client.refreshLatest();
    ASSERT_TRUE(bool(err)) << size;
    std::string msg = llvm::toString(std::move(err));
    EXPECT_EQ(securityKindOf(msg), "sumdb-fork") << msg;
    EXPECT_NE(msg.find("misbehaved"), std::string::npos) << msg;
    EXPECT_EQ(latestOnDisk(), before) << size;
    // Lookups fail too, and name the same reason.
    auto got = client.lookup(mods({2}));
    EXPECT_EQ(securityKindOf(got[0].error), "sumdb-fork") << got[0].error;
  }
}

TEST_F(ClientTest, ForkAtASmallerTreeIsAForkNotARollback) {
  {
    // Every record looked up once: the trusted tree's tiles are all on
    // disk, verified.
    FakeServer server(log, signer, 20);
    Client client(signer.verifier(), server, options());
    std::vector<module::Version> all;
    for (int i = 0; i < 20; ++i)
      all.push_back({"example.com/m" + std::to_string(i), "v1.0.0"});
    for (auto &r : client.lookup(all))
      ASSERT_TRUE(r.ok()) << r.error;
  }
  std::string before = latestOnDisk();
  // The forked log (record 7 differs) at 12 records: older than the
  // trusted tree, and not a prefix of it, which the cached tiles prove.
  FakeServer server(forked, signer, 12);
  Client client(signer.verifier(), server, options());
  llvm::Error err = client.refreshLatest();
  ASSERT_TRUE(bool(err));
  std::string msg = llvm::toString(std::move(err));
  EXPECT_EQ(securityKindOf(msg), "sumdb-fork") << msg;
  EXPECT_EQ(latestOnDisk(), before);
}

TEST_F(ClientTest, RollbackOfLatestIsRefused) {
  {
    FakeServer server(log, signer, 30);
    Client client(signer.verifier(), server, options());
    ASSERT_FALSE(llvm::errorToBool(client.refreshLatest()));
  }
  std::string before = latestOnDisk();
  FakeServer server(log, signer, 12);
  Client client(signer.verifier(), server, options());
  llvm::Error err = client.refreshLatest();
  ASSERT_TRUE(bool(err));
  std::string msg = llvm::toString(std::move(err));
  EXPECT_NE(msg.find("rolled back"), std::string::npos) << msg;
  EXPECT_EQ(securityKindOf(msg), "sumdb-rollback") << msg;
  EXPECT_NE(msg.find("tree 12"), std::string::npos) << msg;
  EXPECT_NE(msg.find("tree 30"), std::string::npos) << msg;
  EXPECT_EQ(latestOnDisk(), before);
  EXPECT_FALSE(client.lookup(mods({3}))[0].ok());
}

TEST_F(ClientTest, OlderButConsistentLookupTreesAreAccepted) {
  FakeServer server(log, signer, 30);
  server.lookupTreeN = 12; // a caching proxy's old answer
  Client client(signer.verifier(), server, options());
  auto got = client.lookup(mods({4}));
  ASSERT_TRUE(got[0].ok()) << got[0].error;
  EXPECT_EQ(got[0].treeSize, 30);
}

TEST_F(ClientTest, TamperedNoteIsRefused) {
  FakeServer server(log, signer, 20);
  server.tamperNote = true;
  Client client(signer.verifier(), server, options());
  auto got = client.lookup(mods({1}));
  ASSERT_FALSE(got[0].ok());
  EXPECT_NE(got[0].error.find("does not verify"), std::string::npos)
      << got[0].error;
  EXPECT_FALSE(fs::exists(dir + "/latest"));
}

TEST_F(ClientTest, NoteSignedByAnotherKeyIsRefused) {
  FakeServer server(log, testSigner("another key"), 20);
  Client client(signer.verifier(), server, options());
  auto got = client.lookup(mods({1}));
  ASSERT_FALSE(got[0].ok());
  EXPECT_NE(got[0].error.find("is not signed by the configured key"),
            std::string::npos)
      << got[0].error;
  EXPECT_FALSE(fs::exists(dir + "/latest"));
}

TEST_F(ClientTest, RecordOfAnotherModuleIsRefused) {
  FakeServer server(log, signer, 20);
  server.otherRecord = true;
  Client client(signer.verifier(), server, options());
  auto got = client.lookup(mods({1}));
  ASSERT_FALSE(got[0].ok());
  EXPECT_NE(got[0].error.find("not about example.com/m1@v1.0.0"),
            std::string::npos)
      << got[0].error;
  EXPECT_TRUE(got[0].zipHash.empty());
}

TEST_F(ClientTest, RecordWithAWrongIdFailsItsInclusionProof) {
  FakeServer server(log, signer, 20);
  server.idOffset = -1; // the text of record k, claimed to be record k-1
  Client client(signer.verifier(), server, options());
  auto got = client.lookup(mods({6}));
  ASSERT_FALSE(got[0].ok());
  EXPECT_NE(got[0].error.find("is not proved to be in the signed tree"),
            std::string::npos)
      << got[0].error;
}

TEST_F(ClientTest, RecordOutsideTheTreeIsRefused) {
  FakeServer server(log, signer, 20);
  server.idOffset = 100;
  Client client(signer.verifier(), server, options());
  auto got = client.lookup(mods({6}));
  ASSERT_FALSE(got[0].ok());
  EXPECT_NE(got[0].error.find("outside its signed tree"), std::string::npos)
      << got[0].error;
}

TEST_F(ClientTest, CorruptTilesAreRefusedAndNeverCached) {
  FakeServer server(log, signer, 20);
  server.corruptTiles = true;
  Client client(signer.verifier(), server, options());
  auto got = client.lookup(mods({9}));
  ASSERT_FALSE(got[0].ok());
  EXPECT_FALSE(fs::exists(dir + "/tile"));
}

TEST_F(ClientTest, CachedTreeUnderAnotherKeyIsALoudError) {
  {
    FakeServer server(log, testSigner("old key"), 10);
    Client client(testSigner("old key").verifier(), server, options());
    ASSERT_FALSE(llvm::errorToBool(client.refreshLatest()));
  }
  FakeServer server(log, signer, 10);
  Client client(signer.verifier(), server, options());
  llvm::Error err = client.refreshLatest();
  ASSERT_TRUE(bool(err));
  std::string msg = llvm::toString(std::move(err));
  EXPECT_NE(msg.find("remove " + dir + "/latest"), std::string::npos) << msg;
}

TEST_F(ClientTest, WorksWithFullHeightEightTiles) {
  FakeLog big;
  for (int i = 0; i < 600; ++i)
    big.add(recordText("example.com/b" + std::to_string(i), "v0.1.0"));
  FakeServer server(big, signer, 600);
  Client client(signer.verifier(), server, options(8));
  std::vector<module::Version> want;
  for (int i : {0, 255, 256, 511, 599})
    want.push_back({"example.com/b" + std::to_string(i), "v0.1.0"});
  auto got = client.lookup(want);
  for (auto &r : got)
    EXPECT_TRUE(r.ok()) << r.error;
}

} // namespace
