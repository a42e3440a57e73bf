//===- TLog.cpp - Tamper-evident logs (RFC 6962 Merkle trees) -------------===//
//
// Part of mochi-go.
//
//===----------------------------------------------------------------------===//
//
// Where this is stricter than x/mod (all for input x/mod's own writers never
// produce): base64 must be canonical; a record id must be canonical
// non-negative decimal and record text may not start with a blank line
// (x/mod's FormatRecord accepts "\n...", which its ParseRecord then cuts
// short); tile paths with a level above 63 are refused. A tile-backed
// reader asked for no hashes reads no tiles.
//
//===----------------------------------------------------------------------===//

#include "mochi-go/SumDB/TLog.h"

#include "mochi-go/Support/Base64.h"
#include "mochi-go/Support/Crypto.h"
#include "mochi-go/Support/Security.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/bit.h"
#include "llvm/Support/ConvertUTF.h"
#include "llvm/Support/MathExtras.h"

#include <map>
#include <tuple>

using namespace mochigo;
using namespace mochigo::sumdb;

HashReader::~HashReader() = default;
TileReader::~TileReader() = default;
void TileReader::saveTiles(llvm::ArrayRef<Tile>, llvm::ArrayRef<std::string>) {}

namespace {

/// A tile that does not fit the signed tree: an integrity failure.
llvm::Error inconsistentTile(const llvm::Twine &msg) {
  return llvm::createStringError(
      llvm::inconvertibleErrorCode(),
      mochigo::securityError(mochigo::SecurityKind::SumdbInconsistentTile,
                             msg));
}

llvm::Error fail(const llvm::Twine &msg) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(), msg);
}

/// Split [lo, hi) (hi - lo >= 2): the size of the left part, the largest
/// power of two strictly below hi - lo.
int64_t leftSize(int64_t lo, int64_t hi) {
  return int64_t(1) << llvm::Log2_64(uint64_t(hi - lo - 1));
}

/// Append the stored-hash indexes of the complete subtrees that make up
/// records [lo, hi), largest (leftmost) first. lo must be aligned so that
/// every block is a stored hash, as it is for every range the proofs use.
void appendSubtreeIndexes(int64_t lo, int64_t hi, std::vector<int64_t> &out) {
  while (lo < hi) {
    // The largest power of two <= hi - lo.
    int level = llvm::Log2_64(uint64_t(hi - lo));
    out.push_back(storedHashIndex(level, lo >> level));
    lo += int64_t(1) << level;
  }
}

/// Combine the subtree hashes of one range (as appendSubtreeIndexes lists
/// them) into the range's hash: the right edge folds into the left blocks.
Hash foldRange(llvm::ArrayRef<Hash> blocks) {
  Hash h = blocks.back();
  for (size_t i = blocks.size() - 1; i-- > 0;)
    h = nodeHash(blocks[i], h);
  return h;
}

using Range = std::pair<int64_t, int64_t>;

/// The ranges whose hashes make up the proof that record t is in [lo, hi),
/// in proof order (the sibling nearest the leaf first).
void recordProofRanges(int64_t lo, int64_t hi, int64_t t,
                       std::vector<Range> &out) {
  if (hi - lo == 1)
    return;
  int64_t mid = lo + leftSize(lo, hi);
  if (t < mid) {
    recordProofRanges(lo, mid, t, out);
    out.push_back({mid, hi});
  } else {
    recordProofRanges(mid, hi, t, out);
    out.push_back({lo, mid});
  }
}

/// The ranges whose hashes make up the proof that the tree of m records is
/// a prefix of [lo, hi) (lo < m <= hi), in proof order.
void treeProofRanges(int64_t lo, int64_t hi, int64_t m,
                     std::vector<Range> &out) {
  if (m == hi) {
    if (lo != 0)
      out.push_back({lo, hi});
    return;
  }
  int64_t mid = lo + leftSize(lo, hi);
  if (m <= mid) {
    treeProofRanges(lo, mid, m, out);
    out.push_back({mid, hi});
  } else {
    treeProofRanges(mid, hi, m, out);
    out.push_back({lo, mid});
  }
}

/// Read the hashes of `ranges` from r in one call and fold each range.
llvm::Expected<std::vector<Hash>> readRanges(llvm::ArrayRef<Range> ranges,
                                             HashReader &r) {
  std::vector<int64_t> indexes;
  std::vector<size_t> counts;
  for (const Range &rg : ranges) {
    size_t before = indexes.size();
    appendSubtreeIndexes(rg.first, rg.second, indexes);
    counts.push_back(indexes.size() - before);
  }
  if (indexes.empty())
    return std::vector<Hash>();
  auto hashes = r.readHashes(indexes);
  if (!hashes)
    return hashes.takeError();
  if (hashes->size() != indexes.size())
    return fail("hash reader returned " + llvm::Twine(hashes->size()) +
                " hashes for " + llvm::Twine(indexes.size()) + " indexes");
  std::vector<Hash> out;
  llvm::ArrayRef<Hash> rest(*hashes);
  for (size_t c : counts) {
    out.push_back(foldRange(rest.take_front(c)));
    rest = rest.drop_front(c);
  }
  return out;
}

bool isValidUTF8(llvm::StringRef s) {
  auto *p = reinterpret_cast<const llvm::UTF8 *>(s.data());
  return llvm::isLegalUTF8String(&p, p + s.size());
}

/// Record text: valid UTF-8, no control characters but '\n', non-empty
/// lines each ending in '\n'.
bool isValidRecordText(llvm::StringRef text) {
  if (text.empty() || !text.ends_with("\n") || text.starts_with("\n") ||
      text.contains("\n\n") || !isValidUTF8(text))
    return false;
  return llvm::none_of(text, [](char c) {
    return static_cast<unsigned char>(c) < 0x20 && c != '\n';
  });
}

/// Canonical non-negative decimal ("0", "17", not "017", "+1" or "-0").
std::optional<int64_t> parseDecimal(llvm::StringRef s) {
  if (s.empty() || s.size() > 19 || !llvm::all_of(s, llvm::isDigit) ||
      (s.size() > 1 && s[0] == '0'))
    return std::nullopt;
  uint64_t v = 0;
  for (char c : s)
    v = v * 10 + uint64_t(c - '0');
  if (v > uint64_t(INT64_MAX))
    return std::nullopt;
  return int64_t(v);
}

/// The hash of the perfect subtree whose 2^k leaves are the hashes in
/// `data` (k >= 0).
Hash subtreeOfTileData(llvm::ArrayRef<uint8_t> data) {
  if (data.size() == kHashSize) {
    Hash h;
    std::copy(data.begin(), data.end(), h.begin());
    return h;
  }
  size_t half = data.size() / 2;
  return nodeHash(subtreeOfTileData(data.take_front(half)),
                  subtreeOfTileData(data.drop_front(half)));
}

/// Where in its tile stored hash `index` lives: the tile of least width and
/// the byte range of the tile's hashes that the hash covers.
struct TilePlace {
  Tile tile;
  size_t begin, end;
};

TilePlace placeInTile(int h, int64_t index) {
  auto [level, n] = splitStoredHashIndex(index);
  TilePlace p;
  p.tile.h = h;
  p.tile.l = level / h;
  int k = level - p.tile.l * h; // level of the hash inside the tile
  int64_t first = n << k;       // first covered hash at the tile's level
  p.tile.n = first >> h;
  int64_t inTile = first - (p.tile.n << h);
  p.tile.w = int(inTile + (int64_t(1) << k));
  p.begin = size_t(inTile) * kHashSize;
  p.end = size_t(p.tile.w) * kHashSize;
  return p;
}

bool isHashTile(const Tile &t) {
  return t.h >= 1 && t.h <= 30 && t.l >= 0 && t.l < 64 && t.n >= 0 &&
         t.w >= 1 && t.w <= (1 << t.h);
}

} // namespace

//===----------------------------------------------------------------------===//
// Hashes and stored-hash indexes
//===----------------------------------------------------------------------===//

std::string sumdb::hashString(const Hash &h) { return base64Encode(h); }

Hash sumdb::recordHash(llvm::StringRef record) {
  Sha256 s;
  const uint8_t zero = 0x00;
  s.update(llvm::ArrayRef<uint8_t>(zero));
  s.update(record);
  return s.final();
}

Hash sumdb::nodeHash(const Hash &left, const Hash &right) {
  uint8_t buf[1 + 2 * kHashSize];
  buf[0] = 0x01;
  std::copy(left.begin(), left.end(), buf + 1);
  std::copy(right.begin(), right.end(), buf + 1 + kHashSize);
  return Sha256::hash(llvm::ArrayRef<uint8_t>(buf));
}

// The hash (level, n) is stored right after the record hash of its last
// record, m = ((n + 1) << level) - 1, and the level - 1 hashes below it on
// the right edge. Records 0..m-1 have stored sum over i >= 0 of
// floor(m / 2^i) = 2m - popcount(m) hashes before record m.
int64_t sumdb::storedHashIndex(int level, int64_t n) {
  uint64_t m = ((uint64_t(n) + 1) << level) - 1;
  return int64_t(2 * m - uint64_t(llvm::popcount(m)) + uint64_t(level));
}

std::pair<int, int64_t> sumdb::splitStoredHashIndex(int64_t index) {
  assert(index >= 0 && "negative stored hash index");
  // The record m whose append stored this hash: the largest m with
  // storedHashIndex(0, m) <= index. 2m - 64 < that index, so m is at most
  // index / 2 + 32.
  auto start = [](uint64_t m) { return 2 * m - uint64_t(llvm::popcount(m)); };
  uint64_t lo = 0, hi = uint64_t(index) / 2 + 33; // start(hi) > index
  while (hi - lo > 1) {
    uint64_t mid = lo + (hi - lo) / 2;
    if (start(mid) <= uint64_t(index))
      lo = mid;
    else
      hi = mid;
  }
  int level = int(uint64_t(index) - start(lo));
  return {level, int64_t(lo >> level)};
}

int64_t sumdb::storedHashCount(int64_t n) {
  if (n <= 0)
    return 0;
  return storedHashIndex(0, n);
}

llvm::Expected<std::vector<Hash>>
sumdb::storedHashes(int64_t n, llvm::StringRef data, HashReader &r) {
  if (n < 0)
    return fail("storedHashes: negative record number " + llvm::Twine(n));
  // Each trailing one bit of n completes a subtree with the one to its left.
  int completes = llvm::countr_one(uint64_t(n));
  std::vector<int64_t> indexes;
  for (int level = completes - 1; level >= 0; --level)
    indexes.push_back(storedHashIndex(level, (n >> level) - 1));
  std::vector<Hash> left;
  if (!indexes.empty()) {
    auto got = r.readHashes(indexes);
    if (!got)
      return got.takeError();
    if (got->size() != indexes.size())
      return fail("hash reader returned " + llvm::Twine(got->size()) +
                  " hashes for " + llvm::Twine(indexes.size()) + " indexes");
    left = std::move(*got);
  }
  std::vector<Hash> out = {recordHash(data)};
  for (int level = 0; level < completes; ++level)
    out.push_back(nodeHash(left[completes - 1 - level], out.back()));
  return out;
}

llvm::Expected<Hash> sumdb::treeHash(int64_t n, HashReader &r) {
  if (n < 0)
    return fail("treeHash: negative tree size " + llvm::Twine(n));
  if (n == 0)
    return Hash{};
  auto h = readRanges({Range{0, n}}, r);
  if (!h)
    return h.takeError();
  return h->front();
}

//===----------------------------------------------------------------------===//
// Proofs
//===----------------------------------------------------------------------===//

llvm::Expected<RecordProof> sumdb::proveRecord(int64_t t, int64_t n,
                                               HashReader &r) {
  if (t < 0 || n <= t)
    return fail("cannot prove record " + llvm::Twine(t) + " in a tree of " +
                llvm::Twine(n) + " records");
  std::vector<Range> ranges;
  recordProofRanges(0, n, t, ranges);
  return readRanges(ranges, r);
}

llvm::Error sumdb::checkRecord(const RecordProof &p, int64_t t, const Hash &th,
                               int64_t n, const Hash &h) {
  if (t < 0 || n <= t)
    return fail("record proof failed: record " + llvm::Twine(t) +
                " cannot be in a tree of " + llvm::Twine(n) + " records");
  // Walk from the root to the leaf, noting at each step whether record t
  // is in the left part; then hash back up with the proof's siblings.
  std::vector<bool> wentLeft;
  for (int64_t lo = 0, hi = n; hi - lo > 1;) {
    int64_t mid = lo + leftSize(lo, hi);
    wentLeft.push_back(t < mid);
    (t < mid ? hi : lo) = mid;
  }
  if (p.size() != wentLeft.size())
    return fail("record proof failed: proof for record " + llvm::Twine(t) +
                " in a tree of " + llvm::Twine(n) + " records has " +
                llvm::Twine(p.size()) + " hashes, want " +
                llvm::Twine(wentLeft.size()));
  Hash cur = th;
  for (size_t i = 0; i < p.size(); ++i)
    cur =
        wentLeft[p.size() - 1 - i] ? nodeHash(cur, p[i]) : nodeHash(p[i], cur);
  if (cur != h)
    return fail("record proof failed: computed tree hash " + hashString(cur) +
                ", signed tree hash " + hashString(h));
  return llvm::Error::success();
}

llvm::Expected<TreeProof> sumdb::proveTree(int64_t t, int64_t n,
                                           HashReader &r) {
  if (t < 1 || n < t)
    return fail("cannot prove that a tree of " + llvm::Twine(t) +
                " records is a prefix of a tree of " + llvm::Twine(n) +
                " records");
  std::vector<Range> ranges;
  treeProofRanges(0, n, t, ranges);
  return readRanges(ranges, r);
}

llvm::Error sumdb::checkTree(const TreeProof &p, int64_t t, const Hash &th,
                             int64_t n, const Hash &h) {
  if (t < 1 || n < t)
    return fail("tree proof failed: a tree of " + llvm::Twine(t) +
                " records cannot be a prefix of a tree of " + llvm::Twine(n) +
                " records");
  // Descend until the old tree's right edge is the right edge of a subtree.
  std::vector<bool> wentLeft;
  int64_t lo = 0, hi = n;
  while (t != hi) {
    int64_t mid = lo + leftSize(lo, hi);
    wentLeft.push_back(t <= mid);
    (t <= mid ? hi : lo) = mid;
  }
  size_t want = wentLeft.size() + (lo != 0 ? 1 : 0);
  if (p.size() != want)
    return fail("tree proof failed: proof from " + llvm::Twine(t) + " to " +
                llvm::Twine(n) + " records has " + llvm::Twine(p.size()) +
                " hashes, want " + llvm::Twine(want));
  // The subtree [lo, hi) is complete in both trees; its hash is the old
  // tree hash itself when lo == 0, or else the first proof hash.
  size_t i = 0;
  Hash oldHash = lo == 0 ? th : p[i++];
  Hash newHash = oldHash;
  for (size_t step = wentLeft.size(); step-- > 0; ++i) {
    if (wentLeft[step]) {
      newHash = nodeHash(newHash, p[i]);
    } else {
      oldHash = nodeHash(p[i], oldHash);
      newHash = nodeHash(p[i], newHash);
    }
  }
  if (oldHash != th)
    return fail("tree proof failed: computed old tree hash " +
                hashString(oldHash) + ", signed old tree hash " +
                hashString(th));
  if (newHash != h)
    return fail("tree proof failed: computed tree hash " + hashString(newHash) +
                ", signed tree hash " + hashString(h));
  return llvm::Error::success();
}

//===----------------------------------------------------------------------===//
// Tree notes and records
//===----------------------------------------------------------------------===//

static constexpr llvm::StringLiteral kTreePrefix("go.sum database tree\n");

std::string sumdb::formatTree(const Tree &tree) {
  return (kTreePrefix + llvm::Twine(tree.n) + "\n" + hashString(tree.hash) +
          "\n")
      .str();
}

llvm::Expected<Tree> sumdb::parseTree(llvm::StringRef text) {
  if (text.size() > 1000000)
    return fail("malformed tree note: longer than 1e6 bytes");
  if (!text.consume_front(kTreePrefix))
    return fail("malformed tree note: does not start with \"go.sum database "
                "tree\"");
  auto [nLine, rest] = text.split('\n');
  auto [hashLine, tail] = rest.split('\n');
  if (text.count('\n') < 2)
    return fail("malformed tree note: fewer than three lines");
  std::optional<int64_t> n = parseDecimal(nLine);
  if (!n)
    return fail("malformed tree note: tree size \"" + nLine +
                "\" is not a canonical non-negative decimal number");
  std::optional<std::vector<uint8_t>> h = base64Decode(hashLine);
  if (!h || h->size() != kHashSize)
    return fail("malformed tree note: tree hash \"" + hashLine +
                "\" is not a base64 32-byte hash");
  Tree tree;
  tree.n = *n;
  std::copy(h->begin(), h->end(), tree.hash.begin());
  return tree;
}

llvm::Expected<Record> sumdb::parseRecord(llvm::StringRef msg) {
  size_t nl = msg.find('\n');
  if (nl == llvm::StringRef::npos)
    return fail("malformed record data: no record id line");
  std::optional<int64_t> id = parseDecimal(msg.take_front(nl));
  if (!id)
    return fail("malformed record data: record id \"" + msg.take_front(nl) +
                "\" is not a non-negative decimal number");
  llvm::StringRef body = msg.drop_front(nl + 1);
  // The text ends at the first blank line.
  size_t end = body.find("\n\n");
  if (body.starts_with("\n"))
    return fail("malformed record data: empty record text");
  if (end == llvm::StringRef::npos)
    return fail("malformed record data: no blank line after the record text");
  llvm::StringRef text = body.take_front(end + 1);
  if (!isValidRecordText(text))
    return fail("malformed record data: record text is not valid UTF-8 or "
                "contains control characters");
  Record rec;
  rec.id = *id;
  rec.text = text.str();
  rec.rest = body.drop_front(end + 2).str();
  return rec;
}

llvm::Expected<std::string> sumdb::formatRecord(int64_t id,
                                                llvm::StringRef text) {
  if (id < 0)
    return fail("malformed record data: negative record id " + llvm::Twine(id));
  if (!isValidRecordText(text))
    return fail("malformed record data: record text must be non-empty lines "
                "ending in newlines, valid UTF-8 without control characters");
  return (llvm::Twine(id) + "\n" + text + "\n").str();
}

//===----------------------------------------------------------------------===//
// Tiles
//===----------------------------------------------------------------------===//

bool Tile::operator<(const Tile &o) const {
  return std::tie(h, l, n, w) < std::tie(o.h, o.l, o.n, o.w);
}

Tile sumdb::tileForIndex(int h, int64_t index) {
  assert(h >= 1 && h <= 30 && "tile height out of range");
  if (h < 1 || h > 30 || index < 0)
    return Tile{}; // no such tile (w == 0)
  return placeInTile(h, index).tile;
}

llvm::Expected<Hash> sumdb::hashFromTile(const Tile &t,
                                         llvm::ArrayRef<uint8_t> data,
                                         int64_t index) {
  if (!isHashTile(t))
    return fail("invalid tile " + tilePath(t));
  if (data.size() < size_t(t.w) * kHashSize)
    return fail("tile data of " + llvm::Twine(data.size()) +
                " bytes is too short for " + tilePath(t));
  if (index < 0)
    return fail("negative stored hash index " + llvm::Twine(index));
  TilePlace p = placeInTile(t.h, index);
  if (p.tile.l != t.l || p.tile.n != t.n || p.tile.w > t.w)
    return fail("hash index " + llvm::Twine(index) + " is in " +
                tilePath(p.tile) + ", not " + tilePath(t));
  return subtreeOfTileData(data.slice(p.begin, p.end - p.begin));
}

std::vector<Tile> sumdb::newTiles(int h, int64_t oldTreeSize,
                                  int64_t newTreeSize) {
  assert(h >= 1 && h <= 30 && "tile height out of range");
  std::vector<Tile> out;
  if (h < 1 || h > 30)
    return out;
  for (int l = 0; l * h < 63 && (newTreeSize >> (l * h)) > 0; ++l) {
    // Hashes at this tiling level in the old and the new tree.
    int64_t oldCount = oldTreeSize >> (l * h);
    int64_t newCount = newTreeSize >> (l * h);
    int64_t full = int64_t(1) << h;
    for (int64_t n = oldCount >> h; n < newCount >> h; ++n)
      out.push_back(Tile{h, l, n, int(full)});
    // The partial tile at the right edge, at every width it passes through.
    int64_t edge = newCount >> h;
    int64_t edgeStart = edge << h;
    int64_t maxW = newCount - edgeStart;
    int64_t minW = oldCount > edgeStart ? oldCount - edgeStart : 1;
    for (int64_t w = minW; w <= maxW; ++w)
      out.push_back(Tile{h, l, edge, int(w)});
  }
  return out;
}

llvm::Expected<std::string> sumdb::readTileData(const Tile &t, HashReader &r) {
  Tile full = t;
  if (full.w == 0 && full.h >= 1 && full.h <= 30)
    full.w = 1 << full.h;
  if (!isHashTile(full))
    return fail("cannot read data of tile " + tilePath(t) +
                ": not a hash tile");
  std::vector<int64_t> indexes;
  for (int i = 0; i < full.w; ++i)
    indexes.push_back(storedHashIndex(full.l * full.h, (full.n << full.h) + i));
  auto hashes = r.readHashes(indexes);
  if (!hashes)
    return hashes.takeError();
  if (hashes->size() != indexes.size())
    return fail("hash reader returned " + llvm::Twine(hashes->size()) +
                " hashes for " + llvm::Twine(indexes.size()) + " indexes");
  std::string data;
  data.reserve(hashes->size() * kHashSize);
  for (const Hash &hh : *hashes)
    data.append(stringOf(hh).begin(), stringOf(hh).end());
  return data;
}

std::string sumdb::tilePath(const Tile &t) {
  // N in groups of three digits, all but the last prefixed with 'x'.
  std::vector<std::string> groups;
  int64_t n = t.n < 0 ? 0 : t.n;
  do {
    std::string g = std::to_string(n % 1000);
    groups.push_back(std::string(3 - g.size(), '0') + g);
    n /= 1000;
  } while (n > 0);
  std::string path = "tile/" + std::to_string(t.h) + "/" +
                     (t.l == -1 ? std::string("data") : std::to_string(t.l)) +
                     "/";
  for (size_t i = groups.size(); i-- > 0;)
    path += (i > 0 ? "x" : "") + groups[i] + (i > 0 ? "/" : "");
  if (t.h >= 0 && t.h < 31 && t.w != (1 << t.h))
    path += ".p/" + std::to_string(t.w);
  return path;
}

llvm::Expected<Tile> sumdb::parseTilePath(llvm::StringRef path) {
  auto bad = [&](const llvm::Twine &why) {
    return fail("malformed tile path \"" + path + "\": " + why);
  };
  llvm::SmallVector<llvm::StringRef, 8> parts;
  path.split(parts, '/');
  if (parts.size() < 4 || parts[0] != "tile")
    return bad("want tile/H/L/NNN[.p/W]");
  Tile t;
  std::optional<int64_t> h = parseDecimal(parts[1]);
  if (!h || *h < 1 || *h > 30)
    return bad("height must be 1..30");
  t.h = int(*h);
  if (parts[2] == "data") {
    t.l = -1;
  } else {
    std::optional<int64_t> l = parseDecimal(parts[2]);
    if (!l || *l > 63)
      return bad("level must be 0..63 or data");
    t.l = int(*l);
  }
  llvm::ArrayRef<llvm::StringRef> digits = llvm::ArrayRef(parts).drop_front(3);
  t.w = 1 << t.h;
  if (digits.size() >= 2 && digits[digits.size() - 2].ends_with(".p")) {
    std::optional<int64_t> w = parseDecimal(digits.back());
    if (!w || *w < 1 || *w >= t.w)
      return bad("partial width must be 1.." + llvm::Twine(t.w - 1));
    t.w = int(*w);
    digits = digits.drop_back();
  }
  for (size_t i = 0; i < digits.size(); ++i) {
    llvm::StringRef g = digits[i];
    bool last = i + 1 == digits.size();
    if (last && t.w != (1 << t.h))
      g.consume_back(".p");
    if (!last && !g.consume_front("x"))
      return bad("all but the last index element start with x");
    if (g.size() != 3 || !llvm::all_of(g, llvm::isDigit))
      return bad("index elements are three digits");
    if (i == 0 && digits.size() > 1 && g == "000")
      return bad("index has a leading zero group");
    int64_t v = (g[0] - '0') * 100 + (g[1] - '0') * 10 + (g[2] - '0');
    if (t.n > (INT64_MAX - v) / 1000)
      return bad("index out of range");
    t.n = t.n * 1000 + v;
  }
  assert(tilePath(t) == path && "tile path does not round-trip");
  return t;
}

//===----------------------------------------------------------------------===//
// Tile-backed hash reader
//===----------------------------------------------------------------------===//

namespace {

class TileHashReader : public HashReader {
public:
  TileHashReader(const Tree &tree, TileReader &tiles)
      : tree(tree), tiles(tiles) {}
  llvm::Expected<std::vector<Hash>>
  readHashes(llvm::ArrayRef<int64_t> indexes) override;

private:
  /// The tile at (level l, index n) as wide as the tree makes it; w <= 0 if
  /// the tree has no hash there.
  Tile widest(int h, int l, int64_t n) const {
    int64_t count = tree.n >> (l * h); // complete hashes at this level
    int64_t w = std::min<int64_t>(int64_t(1) << h, count - (n << h));
    return Tile{h, l, n, int(std::max<int64_t>(w, 0))};
  }

  Tree tree;
  TileReader &tiles;
};

std::string pathList(llvm::ArrayRef<Tile> ts) {
  std::string s;
  for (const Tile &t : ts)
    s += (s.empty() ? "" : ", ") + tilePath(t);
  return s;
}

} // namespace

llvm::Expected<std::vector<Hash>>
TileHashReader::readHashes(llvm::ArrayRef<int64_t> indexes) {
  int h = tiles.height();
  if (h < 1 || h > 30)
    return fail("tile height " + llvm::Twine(h) + " is not in 1..30");
  if (tree.n < 0)
    return fail("tree of negative size " + llvm::Twine(tree.n));
  int64_t count = storedHashCount(tree.n);
  for (int64_t x : indexes)
    if (x < 0 || x >= count)
      return fail("hash index " + llvm::Twine(x) + " is not in the tree of " +
                  llvm::Twine(tree.n) + " records");
  if (indexes.empty())
    return std::vector<Hash>();

  // The tiles to read: first those that hold the subtrees of the tree hash
  // (checked against it), then for each index its tile and the ancestors
  // up to one already planned, parents before children.
  std::vector<Tile> plan;
  std::map<Tile, size_t> slot;
  auto add = [&](const Tile &t) {
    auto [it, fresh] = slot.insert({t, plan.size()});
    if (fresh)
      plan.push_back(t);
    return it->second;
  };
  auto widestFor = [&](int64_t index) {
    Tile t = placeInTile(h, index).tile;
    return widest(h, t.l, t.n);
  };
  std::vector<int64_t> rootIndexes;
  appendSubtreeIndexes(0, tree.n, rootIndexes);
  std::vector<size_t> rootSlots;
  for (int64_t x : rootIndexes)
    rootSlots.push_back(add(widestFor(x)));
  size_t numRootTiles = plan.size();

  std::vector<size_t> indexSlots;
  for (int64_t x : indexes) {
    std::vector<Tile> chain = {widestFor(x)};
    while (!slot.count(chain.back())) {
      const Tile &c = chain.back();
      if (c.w != (1 << h) || c.l >= 63 / h)
        return fail("internal error: tile " + tilePath(c) +
                    " has no parent in the tree of " + llvm::Twine(tree.n) +
                    " records");
      chain.push_back(widest(h, c.l + 1, c.n >> h));
    }
    for (size_t i = chain.size(); i-- > 0;)
      add(chain[i]);
    indexSlots.push_back(slot[chain.front()]);
  }

  auto data = tiles.readTiles(plan);
  if (!data)
    return data.takeError();
  if (data->size() != plan.size())
    return fail("tile reader returned " + llvm::Twine(data->size()) +
                " tiles, want " + llvm::Twine(plan.size()));
  for (size_t i = 0; i < plan.size(); ++i)
    if ((*data)[i].size() != size_t(plan[i].w) * kHashSize)
      return fail("tile reader returned " + llvm::Twine((*data)[i].size()) +
                  " bytes for " + tilePath(plan[i]) + ", want " +
                  llvm::Twine(plan[i].w * kHashSize));
  auto bytes = [&](size_t i) { return bytesOf((*data)[i]); };
  // The stored hashes `at`, read from the plan's tiles `slots`.
  auto gather =
      [&](llvm::ArrayRef<size_t> slots,
          llvm::ArrayRef<int64_t> at) -> llvm::Expected<std::vector<Hash>> {
    std::vector<Hash> out;
    for (size_t i = 0; i < at.size(); ++i) {
      auto h = hashFromTile(plan[slots[i]], bytes(slots[i]), at[i]);
      if (!h)
        return h.takeError();
      out.push_back(*h);
    }
    return out;
  };

  // Every hash of the right-edge tiles goes into the tree hash.
  llvm::Expected<std::vector<Hash>> blocks = gather(rootSlots, rootIndexes);
  if (!blocks)
    return blocks.takeError();
  if (foldRange(*blocks) != tree.hash) {
    llvm::ArrayRef<Tile> roots = llvm::ArrayRef(plan).take_front(numRootTiles);
    if (roots.size() == 1)
      return inconsistentTile("downloaded inconsistent tile " +
                              tilePath(roots[0]) +
                              ": it does not hash to the signed tree hash");
    return inconsistentTile("downloaded inconsistent tile: tiles " +
                            pathList(roots) +
                            " do not hash to the signed tree hash");
  }

  // Each other tile is full and must hash to its entry in its parent, which
  // comes earlier in the plan and so has been checked already.
  for (size_t i = numRootTiles; i < plan.size(); ++i) {
    const Tile &t = plan[i];
    Tile parent = widest(h, t.l + 1, t.n >> h);
    auto it = slot.find(parent);
    if (it == slot.end() || it->second >= i)
      return fail("internal error: parent of tile " + tilePath(t) +
                  " is not checked before it");
    auto want = hashFromTile(parent, bytes(it->second),
                             storedHashIndex((t.l + 1) * h, t.n));
    if (!want)
      return want.takeError();
    if (subtreeOfTileData(bytes(i)) != *want)
      return inconsistentTile("downloaded inconsistent tile " + tilePath(t) +
                              ": it does not match its parent tile " +
                              tilePath(parent));
  }

  tiles.saveTiles(plan, *data);
  return gather(indexSlots, indexes);
}

std::unique_ptr<HashReader> sumdb::makeTileHashReader(const Tree &tree,
                                                      TileReader &tiles) {
  return std::make_unique<TileHashReader>(tree, tiles);
}
