//===- TileTest.cpp - Tiles and the tile-backed hash reader ---------------===//
//
// Part of mochi-go.
//
//===----------------------------------------------------------------------===//

#include "Vectors.h"

#include "mochi-go/SumDB/TLog.h"
#include "mochi-go/Support/Crypto.h"

#include "gtest/gtest.h"

#include <algorithm>
#include <functional>
#include <set>

using namespace mochigo;
using namespace mochigo::sumdb;
using namespace mochigo::sumdb::test;

namespace {

Tile parsed(llvm::StringRef path) { return value(parseTilePath(path)); }

std::vector<std::string> paths(llvm::ArrayRef<Tile> tiles) {
  std::vector<std::string> out;
  for (const Tile &t : tiles)
    out.push_back(tilePath(t));
  return out;
}

//===----------------------------------------------------------------------===//
// Tile coordinates
//===----------------------------------------------------------------------===//

TEST(TileTest, PathsMatchXModAndRoundTrip) {
  ASSERT_GT(vectors("tilepath").size(), 500u);
  for (const Fields &f : vectors("tilepath")) {
    Tile t{int(num(f[0])), int(num(f[1])), num(f[2]), int(num(f[3]))};
    EXPECT_EQ(tilePath(t), f[4]);
    auto back = parseTilePath(f[4]);
    ASSERT_TRUE(bool(back)) << f[4] << ": " << llvm::toString(back.takeError());
    EXPECT_TRUE(*back == t) << f[4];
  }
  EXPECT_EQ(tilePath(Tile{8, 0, 1234067, 5}), "tile/8/0/x001/x234/067.p/5");
  EXPECT_EQ(tilePath(Tile{3, 4, 1234067, 8}), "tile/3/4/x001/x234/067");
  EXPECT_EQ(tilePath(Tile{8, -1, 1000, 256}), "tile/8/data/x001/000");
  EXPECT_EQ(tilePath(Tile{8, 2, 0, 1}), "tile/8/2/000.p/1");
}

TEST(TileTest, MalformedPathsAreRefused) {
  for (const char *bad : {
           "",
           "tile",
           "tile/8",
           "tile/8/0",
           "tile/8/0/",
           "tiles/8/0/000",
           "/tile/8/0/000",
           "tile/8/0/000/",
           "tile/0/0/000",
           "tile/31/0/000",
           "tile/-1/0/000",
           "tile/08/0/000",
           "tile/+8/0/000",
           "tile/x/0/000",
           "tile/8/00/000",
           "tile/8/01/000",
           "tile/8/-1/000",
           "tile/8/64/000",
           "tile/8/DATA/000",
           "tile/8/0/00",
           "tile/8/0/0",
           "tile/8/0/0000",
           "tile/8/0/1a3",
           "tile/8/0/-01",
           "tile/8/0/ 12",
           "tile/8/0/x000/001",
           "tile/8/0/x000/x001/002",
           "tile/8/0/001/002",
           "tile/8/0/x001",
           "tile/8/0/x001/02",
           "tile/8/0/x001/x002",
           "tile/8/0/y001/002",
           "tile/8/0/000.p/0",
           "tile/8/0/000.p/256",
           "tile/8/0/000.p/300",
           "tile/8/0/000.p/01",
           "tile/8/0/000.p/-5",
           "tile/8/0/000.p/",
           "tile/8/0/000.p",
           "tile/8/0/000.p/5/6",
           "tile/8/0/000.p/5/",
           "tile/8/0/000.q/5",
           "tile/8/0/000p/5",
           "tile/8/0/x001.p/000/5",
           "tile/2/0/000.p/4",
           "tile/8/data/000.p/256",
           "tile/8/0/x009/x223/x372/x036/x854/x775/808",
           "tile/8/0/x999/x999/x999/x999/x999/x999/x999",
       }) {
    std::string err = errorOf(parseTilePath(bad));
    EXPECT_NE(err.find("malformed tile path \"" + std::string(bad) + "\""),
              std::string::npos)
        << "accepted or wrong message for \"" << bad << "\": " << err;
  }
  // The largest index, and the edges of the ranges.
  EXPECT_EQ(parsed("tile/8/0/x009/x223/x372/x036/x854/x775/807").n, INT64_MAX);
  EXPECT_TRUE(parsed("tile/1/0/000.p/1") == (Tile{1, 0, 0, 1}));
  EXPECT_TRUE(parsed("tile/30/63/999.p/1073741823") ==
              (Tile{30, 63, 999, (1 << 30) - 1}));
  EXPECT_TRUE(parsed("tile/8/data/x001/000.p/7") == (Tile{8, -1, 1000, 7}));
}

TEST(TileTest, TileForIndexMatchesXMod) {
  ASSERT_GT(vectors("tileforindex").size(), 1000u);
  for (const Fields &f : vectors("tileforindex")) {
    int h = int(num(f[0]));
    int64_t x = num(f[1]);
    EXPECT_EQ(tilePath(tileForIndex(h, x)), f[2]) << "h=" << h << " x=" << x;
  }
}

TEST(TileTest, NewTilesMatchXMod) {
  ASSERT_GT(vectors("newtiles").size(), 40u);
  for (const Fields &f : vectors("newtiles")) {
    int h = int(num(f[0]));
    int64_t from = num(f[1]), to = num(f[2]);
    EXPECT_EQ(paths(newTiles(h, from, to)), splitList(f[3]))
        << "h=" << h << " " << from << " -> " << to;
  }
}

TEST(TileTest, TileDataMatchesXMod) {
  MemLog log(40);
  ASSERT_GT(vectors("tiledata").size(), 50u);
  for (const Fields &f : vectors("tiledata")) {
    Tile t = parsed(f[0]);
    EXPECT_EQ(value(readTileData(t, log)), unbase64(f[1])) << f[0];
  }
  // Width 0 means a full tile.
  EXPECT_EQ(value(readTileData(Tile{2, 0, 3, 0}, log)),
            value(readTileData(Tile{2, 0, 3, 4}, log)));
  EXPECT_NE(errorOf(readTileData(Tile{2, -1, 0, 4}, log)), "");
  EXPECT_NE(errorOf(readTileData(Tile{0, 0, 0, 1}, log)), "");
  // Hashes the log does not have.
  EXPECT_NE(errorOf(readTileData(Tile{2, 0, 10, 4}, log)), "");
}

TEST(TileTest, HashFromTileAgreesWithStoredHashes) {
  MemLog log(40);
  int64_t count = storedHashCount(40);
  int found = 0, refused = 0;
  for (const Fields &f : vectors("tiledata")) {
    Tile t = parsed(f[0]);
    std::string data = unbase64(f[1]);
    for (int64_t x = 0; x < count; ++x) {
      Tile least = tileForIndex(t.h, x);
      auto got = hashFromTile(t, bytesOf(data), x);
      if (least.l == t.l && least.n == t.n && least.w <= t.w) {
        ASSERT_TRUE(bool(got))
            << f[0] << " x=" << x << ": " << llvm::toString(got.takeError());
        EXPECT_EQ(*got, log.hashes()[x]) << f[0] << " x=" << x;
        ++found;
      } else {
        std::string err = errorOf(std::move(got));
        EXPECT_NE(err.find("is in " + tilePath(least)), std::string::npos)
            << err;
        ++refused;
      }
    }
  }
  EXPECT_GT(found, 200);
  EXPECT_GT(refused, 1000);

  std::string data = value(readTileData(Tile{2, 0, 0, 4}, log));
  EXPECT_NE(
      errorOf(hashFromTile(Tile{2, 0, 0, 4}, bytesOf(data).drop_back(), 0)),
      "");
  for (Tile bad : {Tile{0, 0, 0, 1}, Tile{31, 0, 0, 1}, Tile{2, -1, 0, 4},
                   Tile{2, 64, 0, 4}, Tile{2, 0, 0, 0}, Tile{2, 0, 0, 5}})
    EXPECT_NE(errorOf(hashFromTile(bad, bytesOf(data), 0)), "")
        << tilePath(bad);
  EXPECT_NE(errorOf(hashFromTile(Tile{2, 0, 0, 4}, bytesOf(data), -1)), "");
}

TEST(TileTest, TileOrder) {
  Tile a{8, 0, 1, 5}, b{8, 0, 1, 6}, c{8, 0, 2, 1}, d{8, 1, 0, 1};
  EXPECT_TRUE(a < b && b < c && c < d);
  EXPECT_FALSE(b < a || a < a);
  EXPECT_TRUE(a == (Tile{8, 0, 1, 5}));
  EXPECT_FALSE(a == b);
}

//===----------------------------------------------------------------------===//
// Tile-backed hash reader
//===----------------------------------------------------------------------===//

/// Tiles read from a MemLog, with hooks to misbehave. Records every call.
class MemTileReader : public TileReader {
public:
  MemTileReader(int h, MemLog &log) : h(h), log(log) {}
  int height() const override { return h; }

  llvm::Expected<std::vector<std::string>>
  readTiles(llvm::ArrayRef<Tile> tiles) override {
    ++reads;
    lastRead.assign(tiles.begin(), tiles.end());
    std::vector<std::string> out;
    for (const Tile &t : tiles) {
      auto d = readTileData(t, log);
      if (!d)
        return d.takeError();
      out.push_back(*d);
      if (corrupt)
        corrupt(t, out.back());
    }
    if (mangle)
      return mangle(std::move(out));
    return out;
  }

  void saveTiles(llvm::ArrayRef<Tile> tiles,
                 llvm::ArrayRef<std::string> data) override {
    EXPECT_EQ(tiles.size(), data.size());
    EXPECT_EQ(std::vector<Tile>(tiles.begin(), tiles.end()), lastRead)
        << "saveTiles got other tiles than the last readTiles";
    for (size_t i = 0; i < tiles.size() && i < data.size(); ++i) {
      EXPECT_EQ(data[i], value(readTileData(tiles[i], log)))
          << "saveTiles got unverified data for " << tilePath(tiles[i]);
      saved.push_back(tiles[i]);
    }
    ++saves;
  }

  int h;
  MemLog &log;
  int reads = 0, saves = 0;
  std::vector<Tile> lastRead, saved;
  std::function<void(const Tile &, std::string &)> corrupt;
  std::function<llvm::Expected<std::vector<std::string>>(
      std::vector<std::string>)>
      mangle;
};

Tree treeOf(MemLog &log, int64_t n) { return Tree{n, value(treeHash(n, log))}; }

std::vector<int64_t> allIndexes(int64_t n) {
  std::vector<int64_t> xs;
  for (int64_t x = 0; x < storedHashCount(n); ++x)
    xs.push_back(x);
  return xs;
}

TEST(TileHashReaderTest, ReadsTheTilesXModReads) {
  MemLog log(40);
  ASSERT_GT(vectors("tileread").size(), 50u);
  for (const Fields &f : vectors("tileread")) {
    int h = int(num(f[0]));
    int64_t n = num(f[1]);
    std::vector<int64_t> xs;
    for (const std::string &x : splitList(f[2]))
      xs.push_back(num(x));
    MemTileReader tiles(h, log);
    auto r = makeTileHashReader(treeOf(log, n), tiles);
    auto got = r->readHashes(xs);
    ASSERT_TRUE(bool(got)) << llvm::toString(got.takeError());
    for (size_t i = 0; i < xs.size(); ++i)
      EXPECT_EQ((*got)[i], log.hashes()[xs[i]]);
    EXPECT_EQ(tiles.reads, 1);
    std::vector<std::string> read = paths(tiles.lastRead);
    std::sort(read.begin(), read.end());
    EXPECT_EQ(read, splitList(f[3]))
        << "h=" << h << " n=" << n << " indexes " << f[2];
    EXPECT_EQ(tiles.saves, 1);
  }
}

TEST(TileHashReaderTest, ServesEveryHashOfBigLogs) {
  MemLog log(1000);
  for (int h : {2, 8}) {
    for (int64_t n : {300, 1000}) {
      SCOPED_TRACE("h=" + std::to_string(h) + " n=" + std::to_string(n));
      MemTileReader tiles(h, log);
      Tree tree = treeOf(log, n);
      auto r = makeTileHashReader(tree, tiles);
      // Every index on its own.
      for (int64_t x = 0; x < storedHashCount(n); ++x) {
        auto got = r->readHashes({x});
        ASSERT_TRUE(bool(got)) << x << ": " << llvm::toString(got.takeError());
        ASSERT_EQ(got->size(), 1u);
        ASSERT_EQ((*got)[0], log.hashes()[x]) << x;
      }
      EXPECT_EQ(tiles.reads, storedHashCount(n));
      EXPECT_EQ(tiles.saves, tiles.reads);
      // Many at once, in any order, with repeats.
      std::vector<int64_t> xs = allIndexes(n);
      std::reverse(xs.begin(), xs.end());
      xs.push_back(0);
      xs.push_back(xs[5]);
      auto got = r->readHashes(xs);
      ASSERT_TRUE(bool(got)) << llvm::toString(got.takeError());
      ASSERT_EQ(got->size(), xs.size());
      for (size_t i = 0; i < xs.size(); ++i)
        ASSERT_EQ((*got)[i], log.hashes()[xs[i]]);
      // Proofs made from tiles are the proofs made from the log.
      EXPECT_EQ(value(treeHash(n, *r)), tree.hash);
      for (int64_t t : {int64_t(0), int64_t(1), int64_t(255), int64_t(256),
                        n / 2, n - 2, n - 1}) {
        EXPECT_EQ(value(proveRecord(t, n, *r)), value(proveRecord(t, n, log)))
            << t;
        if (t > 0) {
          EXPECT_EQ(value(proveTree(t, n, *r)), value(proveTree(t, n, log)))
              << t;
        }
      }
      EXPECT_EQ(value(readTileData(Tile{h, 0, 0, 1 << h}, *r)),
                value(readTileData(Tile{h, 0, 0, 1 << h}, log)));
    }
  }
}

TEST(TileHashReaderTest, EveryCorruptedHashIsCaughtAndNotSaved) {
  MemLog log(30);
  int caught = 0;
  for (int h : {1, 2, 3}) {
    for (int64_t n = 1; n <= 30; ++n) {
      Tree tree = treeOf(log, n);
      std::vector<int64_t> xs = allIndexes(n);
      // The tiles needed to answer for every hash: all of the tree's tiles.
      MemTileReader clean(h, log);
      ASSERT_TRUE(bool(makeTileHashReader(tree, clean)->readHashes(xs)));
      std::vector<Tile> plan = clean.lastRead;
      for (const Tile &victim : plan) {
        for (int j = 0; j < victim.w; ++j) {
          MemTileReader tiles(h, log);
          tiles.corrupt = [&](const Tile &t, std::string &data) {
            if (t == victim)
              data[j * kHashSize + (j % kHashSize)] ^= 0x10;
          };
          auto got = makeTileHashReader(tree, tiles)->readHashes(xs);
          std::string err = errorOf(std::move(got));
          ASSERT_NE(err, "") << "h=" << h << " n=" << n << " corrupt "
                             << tilePath(victim) << " hash " << j;
          EXPECT_NE(err.find("downloaded inconsistent tile"), std::string::npos)
              << err;
          EXPECT_NE(err.find(tilePath(victim)), std::string::npos) << err;
          EXPECT_EQ(tiles.saves, 0) << err;
          EXPECT_TRUE(tiles.saved.empty());
          ++caught;
        }
      }
    }
  }
  EXPECT_GT(caught, 1000);
}

TEST(TileHashReaderTest, CorruptionIsCaughtForSingleIndexRequests) {
  // Each request reads only some tiles; whichever of them is corrupted, at
  // whatever position, the request fails.
  MemLog log(300);
  for (int h : {2, 8}) {
    Tree tree = treeOf(log, 300);
    for (int64_t x = 0; x < storedHashCount(300); x += 7) {
      MemTileReader clean(h, log);
      ASSERT_TRUE(bool(makeTileHashReader(tree, clean)->readHashes({x})));
      for (const Tile &victim : clean.lastRead) {
        for (int j = 0; j < victim.w; j += (h == 8 ? 17 : 1)) {
          MemTileReader tiles(h, log);
          tiles.corrupt = [&](const Tile &t, std::string &data) {
            if (t == victim)
              data[j * kHashSize + 31] ^= 0x01;
          };
          std::string err =
              errorOf(makeTileHashReader(tree, tiles)->readHashes({x}));
          ASSERT_NE(err.find("downloaded inconsistent tile"), std::string::npos)
              << "h=" << h << " x=" << x << " " << tilePath(victim) << " " << j
              << ": " << err;
          ASSERT_EQ(tiles.saves, 0);
        }
      }
    }
  }
}

TEST(TileHashReaderTest, WrongTreeHashFails) {
  MemLog log(100);
  for (int h : {1, 2, 8}) {
    Tree tree = treeOf(log, 77);
    tree.hash = flipBit(tree.hash, 9);
    MemTileReader tiles(h, log);
    std::string err = errorOf(makeTileHashReader(tree, tiles)->readHashes({5}));
    EXPECT_NE(err.find("downloaded inconsistent tile"), std::string::npos)
        << err;
    EXPECT_EQ(tiles.saves, 0);
    // Another tree's hash, or the right hash for another size.
    MemTileReader tiles2(h, log);
    std::string err2 =
        errorOf(makeTileHashReader(Tree{77, value(treeHash(76, log))}, tiles2)
                    ->readHashes({5}));
    EXPECT_NE(err2.find("downloaded inconsistent tile"), std::string::npos)
        << err2;
    EXPECT_EQ(tiles2.saves, 0);
  }
}

TEST(TileHashReaderTest, IndexesOutsideTheTreeAreErrors) {
  MemLog log(100);
  for (int64_t n : {int64_t(0), int64_t(1), int64_t(50)}) {
    Tree tree{n, n ? value(treeHash(n, log)) : Hash{}};
    MemTileReader tiles(2, log);
    auto r = makeTileHashReader(tree, tiles);
    int64_t count = storedHashCount(n);
    for (std::vector<int64_t> xs :
         {std::vector<int64_t>{count}, std::vector<int64_t>{count + 100},
          std::vector<int64_t>{-1}, std::vector<int64_t>{0, count}}) {
      std::string err = errorOf(r->readHashes(xs));
      EXPECT_NE(
          err.find("not in the tree of " + std::to_string(n) + " records"),
          std::string::npos)
          << err;
    }
    EXPECT_EQ(tiles.reads, 0);
    EXPECT_EQ(tiles.saves, 0);
    // Nothing asked, nothing read.
    auto none = r->readHashes({});
    ASSERT_TRUE(bool(none));
    EXPECT_TRUE(none->empty());
    EXPECT_EQ(tiles.reads, 0);
  }
  // The last hash of the tree is in it.
  MemTileReader tiles(2, log);
  auto r = makeTileHashReader(treeOf(log, 50), tiles);
  EXPECT_EQ(value(r->readHashes({storedHashCount(50) - 1})),
            std::vector<Hash>{log.hashes()[storedHashCount(50) - 1]});
}

TEST(TileHashReaderTest, MisbehavingTileReaders) {
  MemLog log(100);
  Tree tree = treeOf(log, 100);
  auto run = [&](MemTileReader &tiles) {
    std::string err = errorOf(makeTileHashReader(tree, tiles)->readHashes({3}));
    EXPECT_EQ(tiles.saves, 0);
    return err;
  };
  {
    MemTileReader tiles(2, log);
    tiles.mangle = [](std::vector<std::string> d) {
      d.pop_back();
      return llvm::Expected<std::vector<std::string>>(std::move(d));
    };
    EXPECT_NE(run(tiles), "");
  }
  {
    MemTileReader tiles(2, log);
    tiles.mangle = [](std::vector<std::string> d) {
      d.push_back(d.back());
      return llvm::Expected<std::vector<std::string>>(std::move(d));
    };
    EXPECT_NE(run(tiles), "");
  }
  for (int which : {0, 1}) {
    MemTileReader tiles(2, log);
    tiles.mangle = [which](std::vector<std::string> d) {
      if (which)
        d.back() += std::string(kHashSize, 'x');
      else
        d.back().resize(d.back().size() - kHashSize);
      return llvm::Expected<std::vector<std::string>>(std::move(d));
    };
    EXPECT_NE(run(tiles), "");
  }
  {
    MemTileReader tiles(2, log);
    tiles.mangle = [](std::vector<std::string>) {
      return llvm::Expected<std::vector<std::string>>(llvm::createStringError(
          llvm::inconvertibleErrorCode(), "server said 404"));
    };
    EXPECT_NE(run(tiles).find("server said 404"), std::string::npos);
  }
  {
    // Tiles swapped with each other.
    MemTileReader tiles(2, log);
    tiles.mangle = [](std::vector<std::string> d) {
      for (size_t i = 0; i + 1 < d.size(); ++i)
        if (d[i].size() == d[i + 1].size() && d[i] != d[i + 1]) {
          std::swap(d[i], d[i + 1]);
          break;
        }
      return llvm::Expected<std::vector<std::string>>(std::move(d));
    };
    EXPECT_NE(run(tiles).find("downloaded inconsistent tile"),
              std::string::npos);
  }
  for (int h : {0, 31, -1}) {
    MemTileReader tiles(h, log);
    EXPECT_NE(run(tiles).find("tile height"), std::string::npos);
    EXPECT_EQ(tiles.reads, 0);
  }
}

} // namespace
