//===- fuzz-sumdb.cpp - signed notes, trees, records and tiles ------------===//
//
// Part of mochi-go. What a checksum database sends: a signed note (against a
// fixed verifier), the tree and record texts, tile paths and tile data.
//
//===----------------------------------------------------------------------===//

#include "FuzzCommon.h"

#include "mochi-go/Fetch/GoEnv.h"
#include "mochi-go/SumDB/Note.h"
#include "mochi-go/SumDB/TLog.h"

using namespace mochigo;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  llvm::StringRef text = fuzz::text(data, size);
  static sumdb::Verifier verifier = [] {
    llvm::Expected<sumdb::Verifier> v =
        sumdb::parseVerifierKey(fetch::kSumGolangOrgKey);
    fuzz::require(bool(v), "the built-in key parses");
    return *v;
  }();
  llvm::Expected<sumdb::Note> note = sumdb::openNote(text, {verifier});
  fuzz::drop(note);
  llvm::Expected<sumdb::Verifier> key = sumdb::parseVerifierKey(text);
  fuzz::drop(key);

  llvm::Expected<sumdb::Tree> tree = sumdb::parseTree(text);
  if (tree) {
    llvm::Expected<sumdb::Tree> again =
        sumdb::parseTree(sumdb::formatTree(*tree));
    fuzz::require(bool(again) && *again == *tree,
                  "parseTree(formatTree(t)) == t");
    fuzz::drop(again);
  }
  fuzz::drop(tree);
  llvm::Expected<sumdb::Record> record = sumdb::parseRecord(text);
  fuzz::drop(record);
  llvm::Expected<sumdb::Tile> tile = sumdb::parseTilePath(text);
  // Tile coordinates within an int64 log (a parsed path may name level 63
  // of height 30, which no log reaches; storedHashIndex assumes a real one).
  if (tile && tile->l * tile->h < 62 &&
      tile->n < (int64_t(1) << (61 - tile->h)) >> (tile->l * tile->h)) {
    fuzz::require(sumdb::tilePath(*tile) == text, "tilePath(parse(p)) == p");
    // The rest of the input as the tile's data.
    std::vector<uint8_t> bytes(data, data + size);
    llvm::Expected<sumdb::Hash> h = sumdb::hashFromTile(
        *tile, bytes,
        sumdb::storedHashIndex(tile->l * tile->h, tile->n << tile->h));
    fuzz::drop(h);
  }
  fuzz::drop(tile);
  return 0;
}
