//===- Vectors.h - Reference data and helpers of the SumDB tests -*- C++
//-*-===//
//
// Part of mochi-go. Inputs/xmod-vectors.txt holds what golang.org/x/mod
// computes for the same inputs (made by Inputs/gen/main.go); these helpers
// read it and build in-memory logs.
//
//===----------------------------------------------------------------------===//

#ifndef MOCHIGO_UNITTESTS_SUMDB_VECTORS_H
#define MOCHIGO_UNITTESTS_SUMDB_VECTORS_H

#include "mochi-go/SumDB/TLog.h"

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include "gtest/gtest.h"

#include <string>
#include <vector>

namespace mochigo {
namespace sumdb {
namespace test {

using Fields = std::vector<std::string>;

/// The fields after the kind of every vector line of that kind, in file
/// order. Fails the test (and returns nothing) if the file is unreadable.
const std::vector<Fields> &vectors(llvm::StringRef kind);

int64_t num(llvm::StringRef s);
std::string unbase64(llvm::StringRef s);
Hash hashOf(llvm::StringRef b64);
/// "-" is the empty list.
std::vector<Hash> hashListOf(llvm::StringRef commaSeparated);
std::vector<std::string> splitList(llvm::StringRef commaSeparated);

/// The text of record i of the reference log (records 0..39 are in the
/// vectors; later ones are made up here).
std::string recordText(int64_t i);

/// A log kept in memory, built with storedHashes().
class MemLog : public HashReader {
public:
  explicit MemLog(int64_t n = 0) { grow(n); }
  void grow(int64_t n);
  int64_t size() const { return records; }
  const std::vector<Hash> &hashes() const { return stored; }
  int calls = 0;
  llvm::Expected<std::vector<Hash>>
  readHashes(llvm::ArrayRef<int64_t> indexes) override;

private:
  int64_t records = 0;
  std::vector<Hash> stored;
};

/// The message of an error, or "" on success.
inline std::string errorOf(llvm::Error e) {
  return e ? llvm::toString(std::move(e)) : std::string();
}
template <typename T> std::string errorOf(llvm::Expected<T> e) {
  return e ? std::string() : llvm::toString(e.takeError());
}

/// The value, or a test failure and T().
template <typename T> T value(llvm::Expected<T> e) {
  if (!e) {
    ADD_FAILURE() << llvm::toString(e.takeError());
    return T();
  }
  return std::move(*e);
}

/// Flip bit `bit` (0..255) of h.
Hash flipBit(Hash h, int bit);

} // namespace test
} // namespace sumdb
} // namespace mochigo

#endif // MOCHIGO_UNITTESTS_SUMDB_VECTORS_H
