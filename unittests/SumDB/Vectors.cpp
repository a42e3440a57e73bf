//===- Vectors.cpp - Reference data and helpers of the SumDB tests --------===//
//
// Part of mochi-go.
//
//===----------------------------------------------------------------------===//

#include "Vectors.h"

#include "mochi-go/Support/Base64.h"

#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/Support/MemoryBuffer.h"

#include "gtest/gtest.h"

using namespace mochigo;
using namespace mochigo::sumdb;
using namespace mochigo::sumdb::test;

namespace {
llvm::StringMap<std::vector<Fields>> load() {
  llvm::StringMap<std::vector<Fields>> all;
  auto buf = llvm::MemoryBuffer::getFile(MOCHIGO_SUMDB_VECTORS);
  if (!buf) {
    ADD_FAILURE() << "cannot read " << MOCHIGO_SUMDB_VECTORS;
    return all;
  }
  llvm::StringRef rest = (*buf)->getBuffer();
  while (!rest.empty()) {
    llvm::StringRef line;
    std::tie(line, rest) = rest.split('\n');
    if (line.empty() || line.starts_with("#"))
      continue;
    llvm::SmallVector<llvm::StringRef, 8> parts;
    line.split(parts, ' ');
    Fields f;
    for (llvm::StringRef p : llvm::ArrayRef(parts).drop_front())
      f.push_back(p.str());
    all[parts[0]].push_back(std::move(f));
  }
  return all;
}
} // namespace

const std::vector<Fields> &test::vectors(llvm::StringRef kind) {
  static const llvm::StringMap<std::vector<Fields>> all = load();
  static const std::vector<Fields> none;
  auto it = all.find(kind);
  if (it == all.end()) {
    ADD_FAILURE() << "no vectors of kind " << kind.str();
    return none;
  }
  return it->second;
}

int64_t test::num(llvm::StringRef s) {
  int64_t v = 0;
  if (s.getAsInteger(10, v))
    ADD_FAILURE() << "bad number in vectors: " << s.str();
  return v;
}

std::string test::unbase64(llvm::StringRef s) {
  auto b = base64Decode(s);
  if (!b) {
    ADD_FAILURE() << "bad base64 in vectors: " << s.str();
    return "";
  }
  return std::string(b->begin(), b->end());
}

Hash test::hashOf(llvm::StringRef b64) {
  std::string b = unbase64(b64);
  Hash h{};
  if (b.size() != h.size())
    ADD_FAILURE() << "not a hash: " << b64.str();
  else
    std::copy(b.begin(), b.end(), h.begin());
  return h;
}

std::vector<std::string> test::splitList(llvm::StringRef s) {
  std::vector<std::string> out;
  if (s == "-")
    return out;
  llvm::SmallVector<llvm::StringRef, 8> parts;
  s.split(parts, ',');
  for (llvm::StringRef p : parts)
    out.push_back(p.str());
  return out;
}

std::vector<Hash> test::hashListOf(llvm::StringRef s) {
  std::vector<Hash> out;
  for (const std::string &p : splitList(s))
    out.push_back(hashOf(p));
  return out;
}

std::string test::recordText(int64_t i) {
  static const std::vector<std::string> fromGo = [] {
    std::vector<std::string> t;
    for (const Fields &f : vectors("record"))
      t.push_back(unbase64(f[1]));
    return t;
  }();
  if (i < int64_t(fromGo.size()))
    return fromGo[i];
  return "example.com/later" + std::to_string(i) + " v0.0.1 h1:x=\n";
}

void MemLog::grow(int64_t n) {
  for (; records < n; ++records) {
    auto hs = storedHashes(records, recordText(records), *this);
    if (!hs) {
      ADD_FAILURE() << llvm::toString(hs.takeError());
      return;
    }
    stored.insert(stored.end(), hs->begin(), hs->end());
  }
}

llvm::Expected<std::vector<Hash>>
MemLog::readHashes(llvm::ArrayRef<int64_t> indexes) {
  ++calls;
  std::vector<Hash> out;
  for (int64_t x : indexes) {
    if (x < 0 || x >= int64_t(stored.size()))
      return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                     "MemLog: no hash " + std::to_string(x));
    out.push_back(stored[x]);
  }
  return out;
}

Hash test::flipBit(Hash h, int bit) {
  h[bit / 8] ^= uint8_t(1u << (bit % 8));
  return h;
}
