//===- TLog.h - Tamper-evident logs (RFC 6962 Merkle trees) -----*- C++ -*-===//
//
// Part of mochi-go. The transparency log of a Go checksum database, as
// golang.org/x/mod/sumdb/tlog defines it:
//   - record hash SHA-256(0x00 ‖ record), node hash SHA-256(0x01 ‖ l ‖ r);
//   - the tree of n records splits at the largest power of two below n;
//   - "stored hashes": every complete subtree's hash, numbered in the order
//     a log appending records writes them (storedHashIndex);
//   - record (inclusion) and tree (consistency) proofs, made from a
//     HashReader and checked against signed tree hashes;
//   - tiles: the stored hashes of levels L*H .. L*H+H-1 cut into tiles of
//     2^H hashes at level L*H (the rest is recomputed), a tile path
//     "tile/H/L/NNN[.p/W]" with NNN in 3-digit groups ("x001/x234/067"),
//     partial tiles of width W < 2^H at the right edge of a tree;
//   - a tile-backed HashReader that only returns hashes from tiles it has
//     proved to belong to the signed tree (x/mod's TileHashReader).
// Signed tree notes carry the text "go.sum database tree\n<n>\n<base64
// hash>\n".
//
//===----------------------------------------------------------------------===//

#ifndef MOCHIGO_SUMDB_TLOG_H
#define MOCHIGO_SUMDB_TLOG_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace mochigo {
namespace sumdb {

constexpr size_t kHashSize = 32;
using Hash = std::array<uint8_t, kHashSize>;

/// base64 of the hash (the form in tree notes and errors).
std::string hashString(const Hash &h);

Hash recordHash(llvm::StringRef record);
Hash nodeHash(const Hash &left, const Hash &right);

/// Index in the stored-hash sequence of the hash at `level` (0 = records)
/// covering records [n << level, (n+1) << level).
int64_t storedHashIndex(int level, int64_t n);
/// The inverse of storedHashIndex.
std::pair<int, int64_t> splitStoredHashIndex(int64_t index);
/// How many hashes a log of n records has stored.
int64_t storedHashCount(int64_t n);

/// Source of stored hashes (a server's storage, or verified tiles).
class HashReader {
public:
  virtual ~HashReader();
  /// The stored hashes at `indexes`, in the same order. An error if any is
  /// unavailable.
  virtual llvm::Expected<std::vector<Hash>>
  readHashes(llvm::ArrayRef<int64_t> indexes) = 0;
};

/// The hashes to store when appending record n (0-based) with content
/// `data` to a log of n records.
llvm::Expected<std::vector<Hash>> storedHashes(int64_t n, llvm::StringRef data,
                                               HashReader &r);

/// The hash of the tree of the first n records.
llvm::Expected<Hash> treeHash(int64_t n, HashReader &r);

using RecordProof = std::vector<Hash>;
using TreeProof = std::vector<Hash>;

/// Proof that record t is in the tree of n records.
llvm::Expected<RecordProof> proveRecord(int64_t t, int64_t n, HashReader &r);
/// Check that record t, whose record hash is th, is in the tree of n records
/// with hash h. The error says the proof failed.
llvm::Error checkRecord(const RecordProof &p, int64_t t, const Hash &th,
                        int64_t n, const Hash &h);

/// Proof that the tree of t records is a prefix of the tree of n records.
llvm::Expected<TreeProof> proveTree(int64_t t, int64_t n, HashReader &r);
/// Check that the tree of t records with hash th is a prefix of the tree of
/// n records with hash h (t <= n).
llvm::Error checkTree(const TreeProof &p, int64_t t, const Hash &th, int64_t n,
                      const Hash &h);

/// A signed tree head, in the body of a tree note.
struct Tree {
  int64_t n = 0;
  Hash hash{};
  bool operator==(const Tree &o) const { return n == o.n && hash == o.hash; }
};
/// "go.sum database tree\n<n>\n<base64 hash>\n".
std::string formatTree(const Tree &tree);
/// Parse a tree note body (x/mod's ParseTree: extra lines after the hash
/// are ignored, n must be canonical decimal >= 0, at most 1e6 bytes).
llvm::Expected<Tree> parseTree(llvm::StringRef text);

/// A /lookup answer: "<id>\n<record text>\n<signed tree note>", where the
/// record text is lines ending in '\n' without blank lines.
struct Record {
  int64_t id = 0;
  std::string text;
  std::string rest; // what follows the blank line: the signed tree note
};
llvm::Expected<Record> parseRecord(llvm::StringRef msg);
/// "<id>\n<text>\n"; an error if text is not valid record text.
llvm::Expected<std::string> formatRecord(int64_t id, llvm::StringRef text);

/// A tile: height h, level l, index n, width w (1..2^h; 2^h is full).
struct Tile {
  int h = 0;
  int l = 0;
  int64_t n = 0;
  int w = 0;
  bool operator==(const Tile &o) const {
    return h == o.h && l == o.l && n == o.n && w == o.w;
  }
  bool operator<(const Tile &o) const;
};

/// The tile of height h holding (or able to recompute) stored hash `index`;
/// its width reaches just far enough to contain that hash.
Tile tileForIndex(int h, int64_t index);
/// The stored hash `index` from the data of tile t (w hashes of 32 bytes).
llvm::Expected<Hash> hashFromTile(const Tile &t, llvm::ArrayRef<uint8_t> data,
                                  int64_t index);
/// The tiles (full or partial, at every level) that a log growing from
/// oldTreeSize to newTreeSize records creates or extends.
std::vector<Tile> newTiles(int h, int64_t oldTreeSize, int64_t newTreeSize);
/// The data of tile t, read from r.
llvm::Expected<std::string> readTileData(const Tile &t, HashReader &r);
/// "tile/8/0/x001/x234/067.p/5" (data tiles, l == -1, use "data").
std::string tilePath(const Tile &t);
/// The inverse of tilePath; errors on any malformed path.
llvm::Expected<Tile> parseTilePath(llvm::StringRef path);

/// Where tiles come from: a server, with a local cache in front.
class TileReader {
public:
  virtual ~TileReader();
  /// The tile height this log uses (8 for sum.golang.org).
  virtual int height() const = 0;
  /// The data of every tile, in order. An error if any cannot be read.
  virtual llvm::Expected<std::vector<std::string>>
  readTiles(llvm::ArrayRef<Tile> tiles) = 0;
  /// Called with tiles whose data has been verified against a signed tree,
  /// so that they can be cached. Default: nothing.
  virtual void saveTiles(llvm::ArrayRef<Tile> tiles,
                         llvm::ArrayRef<std::string> data);
};

/// A HashReader over the tree `tree` whose hashes come from tiles. It reads
/// the tiles it needs (and their parents up to the top of the tree) in one
/// readTiles call, checks each tile's hashes against the signed tree hash,
/// and only then returns hashes or calls saveTiles. A tile that does not
/// agree with the tree is an error naming the tile ("downloaded inconsistent
/// tile"), as is an index outside the tree.
std::unique_ptr<HashReader> makeTileHashReader(const Tree &tree,
                                               TileReader &tiles);

} // namespace sumdb
} // namespace mochigo

#endif // MOCHIGO_SUMDB_TLOG_H
