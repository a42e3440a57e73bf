//===- TLogTest.cpp - Log hashes, proofs, tree notes and records ----------===//
//
// Part of mochi-go.
//
//===----------------------------------------------------------------------===//

#include "Vectors.h"

#include "mochi-go/SumDB/Note.h"
#include "mochi-go/SumDB/TLog.h"
#include "mochi-go/Support/Base64.h"
#include "mochi-go/Support/Crypto.h"

#include "gtest/gtest.h"

using namespace mochigo;
using namespace mochigo::sumdb;
using namespace mochigo::sumdb::test;

namespace {

const MemLog &log40() {
  static MemLog log(40);
  return log;
}

Hash treeHashOf(int64_t n) {
  MemLog log(n);
  return value(treeHash(n, log));
}

/// A HashReader that fails, or answers with the wrong number of hashes.
class BrokenReader : public HashReader {
public:
  explicit BrokenReader(bool fail) : fail(fail) {}
  llvm::Expected<std::vector<Hash>>
  readHashes(llvm::ArrayRef<int64_t> indexes) override {
    if (fail)
      return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                     "storage is on fire");
    return std::vector<Hash>(indexes.size() + 1);
  }
  bool fail;
};

//===----------------------------------------------------------------------===//
// Hashes and stored-hash indexes
//===----------------------------------------------------------------------===//

TEST(TLogHashTest, RecordAndNodeHashes) {
  // RFC 6962: the hash of the empty record is SHA-256 of the byte 0.
  EXPECT_EQ(toHex(recordHash("")),
            "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d");
  ASSERT_EQ(vectors("record").size(), 40u);
  for (const Fields &f : vectors("record"))
    EXPECT_EQ(hashString(recordHash(unbase64(f[1]))), f[2])
        << "record " << f[0];
  Hash l = recordHash("a"), r = recordHash("b");
  std::string in = "\x01" + std::string(stringOf(l)) + std::string(stringOf(r));
  EXPECT_EQ(nodeHash(l, r), Sha256::hash(llvm::StringRef(in)));
  EXPECT_NE(nodeHash(l, r), nodeHash(r, l));
  EXPECT_EQ(hashString(Hash{}), "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=");
}

TEST(TLogHashTest, StoredHashesMatchXMod) {
  const std::vector<Fields> &stored = vectors("stored");
  const MemLog &log = log40();
  ASSERT_EQ(log.hashes().size(), stored.size());
  ASSERT_EQ(int64_t(stored.size()), storedHashCount(40));
  for (const Fields &f : stored)
    EXPECT_EQ(hashString(log.hashes()[num(f[0])]), f[1]) << "index " << f[0];
  // Hash 2 is the node over records 0 and 1.
  EXPECT_EQ(log.hashes()[2], nodeHash(log.hashes()[0], log.hashes()[1]));
}

TEST(TLogHashTest, StoredHashesReadsWhatItNeeds) {
  MemLog log(7);
  // Appending record 7 completes subtrees of 2, 4 and 8 records.
  auto hs = storedHashes(7, recordText(7), log);
  ASSERT_TRUE(bool(hs)) << llvm::toString(hs.takeError());
  ASSERT_EQ(hs->size(), 4u);
  EXPECT_EQ((*hs)[0], recordHash(recordText(7)));
  EXPECT_EQ((*hs)[3], treeHashOf(8));
  // Record 8 completes nothing and reads nothing.
  log.grow(8);
  BrokenReader broken(true);
  hs = storedHashes(8, recordText(8), broken);
  ASSERT_TRUE(bool(hs));
  EXPECT_EQ(hs->size(), 1u);
  EXPECT_NE(errorOf(storedHashes(7, "x", broken)).find("on fire"),
            std::string::npos);
  BrokenReader extra(false);
  EXPECT_NE(errorOf(storedHashes(7, "x", extra)), "");
  EXPECT_NE(errorOf(storedHashes(-1, "x", log)), "");
}

TEST(TLogHashTest, StoredHashIndexMatchesXMod) {
  ASSERT_GT(vectors("storedindex").size(), 250u);
  for (const Fields &f : vectors("storedindex")) {
    int level = int(num(f[0]));
    int64_t n = num(f[1]), index = num(f[2]);
    EXPECT_EQ(storedHashIndex(level, n), index) << level << " " << n;
    EXPECT_EQ(splitStoredHashIndex(index), std::make_pair(level, n)) << index;
  }
  for (const Fields &f : vectors("storedcount"))
    EXPECT_EQ(storedHashCount(num(f[0])), num(f[1])) << f[0];
}

TEST(TLogHashTest, StoredHashIndexRoundTrips) {
  // Every index in a range splits into a (level, n) that maps back to it.
  for (int64_t x = 0; x < 20000; ++x) {
    auto [level, n] = splitStoredHashIndex(x);
    ASSERT_EQ(storedHashIndex(level, n), x);
  }
  for (int level = 0; level < 40; ++level)
    for (int64_t n : {int64_t(0), int64_t(1), int64_t(2), int64_t(12345),
                      int64_t(1) << 20, (int64_t(1) << 21) - 1})
      ASSERT_EQ(splitStoredHashIndex(storedHashIndex(level, n)),
                std::make_pair(level, n))
          << level << " " << n;
  for (int64_t n : {int64_t(1) << 40, (int64_t(1) << 61) - 1})
    EXPECT_EQ(splitStoredHashIndex(storedHashIndex(0, n)),
              std::make_pair(0, n));
  // The count is where the next record's hash goes.
  for (int64_t n = 1; n < 2000; ++n)
    ASSERT_EQ(storedHashCount(n), storedHashIndex(0, n));
  EXPECT_EQ(storedHashCount(0), 0);
}

TEST(TLogHashTest, TreeHashesMatchXMod) {
  ASSERT_EQ(vectors("treehash").size(), 41u);
  for (const Fields &f : vectors("treehash")) {
    int64_t n = num(f[0]);
    MemLog log = log40();
    log.calls = 0;
    EXPECT_EQ(hashString(value(treeHash(n, log))), f[1]) << "n=" << n;
    EXPECT_EQ(log.calls, n == 0 ? 0 : 1) << "one read per tree hash";
  }
  // Power-of-two trees are stored hashes.
  EXPECT_EQ(treeHashOf(16), log40().hashes()[storedHashIndex(4, 0)]);
  BrokenReader broken(true), extra(false);
  EXPECT_NE(errorOf(treeHash(5, broken)).find("on fire"), std::string::npos);
  EXPECT_NE(errorOf(treeHash(5, extra)), "");
  EXPECT_NE(errorOf(treeHash(-1, broken)), "");
}

//===----------------------------------------------------------------------===//
// Record proofs
//===----------------------------------------------------------------------===//

TEST(TLogProofTest, RecordProofsMatchXMod) {
  ASSERT_GT(vectors("recordproof").size(), 200u);
  MemLog log = log40();
  for (const Fields &f : vectors("recordproof")) {
    int64_t t = num(f[0]), n = num(f[1]);
    RecordProof p = value(proveRecord(t, n, log));
    EXPECT_EQ(p, hashListOf(f[2])) << "record " << t << " tree " << n;
    EXPECT_EQ(errorOf(checkRecord(p, t, log.hashes()[storedHashIndex(0, t)], n,
                                  treeHashOf(n))),
              "");
  }
}

TEST(TLogProofTest, EveryRecordProofUpToTwentyAndEveryCorruption) {
  MemLog log(21);
  std::vector<Hash> trees;
  for (int64_t n = 0; n <= 21; ++n)
    trees.push_back(value(treeHash(n, log)));
  auto rec = [&](int64_t t) { return log.hashes()[storedHashIndex(0, t)]; };
  int checks = 0;
  for (int64_t n = 1; n <= 20; ++n) {
    for (int64_t t = 0; t < n; ++t) {
      SCOPED_TRACE("record " + std::to_string(t) + " tree " +
                   std::to_string(n));
      RecordProof p = value(proveRecord(t, n, log));
      ASSERT_EQ(errorOf(checkRecord(p, t, rec(t), n, trees[n])), "");
      // Any one bit of any proof hash.
      for (size_t i = 0; i < p.size(); ++i)
        for (int bit = 0; bit < 256; ++bit) {
          RecordProof bad = p;
          bad[i] = flipBit(bad[i], bit);
          ASSERT_NE(errorOf(checkRecord(bad, t, rec(t), n, trees[n])), "")
              << "element " << i << " bit " << bit;
          ++checks;
        }
      // One hash short or long, anywhere.
      for (size_t i = 0; i < p.size(); ++i) {
        RecordProof shorter = p;
        shorter.erase(shorter.begin() + i);
        EXPECT_NE(errorOf(checkRecord(shorter, t, rec(t), n, trees[n])), "");
      }
      for (size_t i = 0; i <= p.size(); ++i) {
        RecordProof longer = p;
        longer.insert(longer.begin() + i, i < p.size() ? p[i] : trees[n]);
        EXPECT_NE(errorOf(checkRecord(longer, t, rec(t), n, trees[n])), "");
      }
      // Another record or tree size, with that record's or tree's hash or
      // with this one's.
      for (int64_t t2 : {t - 1, t + 1}) {
        if (t2 < 0 || t2 >= n + 1)
          continue;
        EXPECT_NE(errorOf(checkRecord(p, t2, rec(t), n, trees[n])), "")
            << "t2=" << t2;
        EXPECT_NE(errorOf(checkRecord(p, t2, rec(t2), n, trees[n])), "")
            << "t2=" << t2;
      }
      for (int64_t n2 : {n - 1, n + 1})
        EXPECT_NE(errorOf(checkRecord(p, t, rec(t), n2, trees[n2])), "")
            << "n2=" << n2;
      // Wrong record hash, wrong tree hash (one bit each).
      for (int bit : {0, 7, 100, 255}) {
        EXPECT_NE(errorOf(checkRecord(p, t, flipBit(rec(t), bit), n, trees[n])),
                  "");
        EXPECT_NE(errorOf(checkRecord(p, t, rec(t), n, flipBit(trees[n], bit))),
                  "");
      }
      if (t + 1 < n) {
        EXPECT_NE(errorOf(checkRecord(p, t, rec(t + 1), n, trees[n])), "");
      }
    }
  }
  EXPECT_GT(checks, 100000);
}

TEST(TLogProofTest, RecordProofMessagesAndInvalidInputs) {
  MemLog log(10);
  Hash h10 = value(treeHash(10, log));
  Hash r3 = log.hashes()[storedHashIndex(0, 3)];
  RecordProof p = value(proveRecord(3, 10, log));
  std::string err = errorOf(checkRecord(p, 3, r3, 10, flipBit(h10, 0)));
  EXPECT_NE(err.find("record proof failed: computed tree hash " +
                     hashString(h10) + ", signed tree hash " +
                     hashString(flipBit(h10, 0))),
            std::string::npos)
      << err;
  p.pop_back();
  err = errorOf(checkRecord(p, 3, r3, 10, h10));
  EXPECT_NE(err.find("record proof failed"), std::string::npos) << err;
  EXPECT_NE(err.find("3 hashes, want 4"), std::string::npos) << err;
  // A one-record tree: the record hash is the tree hash, the proof empty.
  EXPECT_EQ(value(proveRecord(0, 1, log)).size(), 0u);
  EXPECT_EQ(errorOf(checkRecord({}, 0, log.hashes()[0], 1, log.hashes()[0])),
            "");
  EXPECT_NE(errorOf(checkRecord({}, 0, log.hashes()[0], 1, log.hashes()[1])),
            "");

  for (auto [t, n] : std::vector<std::pair<int64_t, int64_t>>{
           {-1, 5}, {5, 5}, {6, 5}, {0, 0}, {0, -1}}) {
    EXPECT_NE(errorOf(proveRecord(t, n, log)), "") << t << " " << n;
    EXPECT_NE(errorOf(checkRecord({}, t, r3, n, h10)), "") << t << " " << n;
  }
  BrokenReader broken(true), extra(false);
  EXPECT_NE(errorOf(proveRecord(3, 10, broken)).find("on fire"),
            std::string::npos);
  EXPECT_NE(errorOf(proveRecord(3, 10, extra)), "");
  // Hashes the log does not have.
  EXPECT_NE(errorOf(proveRecord(3, 11, log)), "");
}

//===----------------------------------------------------------------------===//
// Tree proofs
//===----------------------------------------------------------------------===//

TEST(TLogProofTest, TreeProofsMatchXMod) {
  ASSERT_GT(vectors("treeproof").size(), 200u);
  MemLog log = log40();
  for (const Fields &f : vectors("treeproof")) {
    int64_t t = num(f[0]), n = num(f[1]);
    TreeProof p = value(proveTree(t, n, log));
    EXPECT_EQ(p, hashListOf(f[2])) << "tree " << t << " in tree " << n;
    EXPECT_EQ(errorOf(checkTree(p, t, treeHashOf(t), n, treeHashOf(n))), "");
  }
}

TEST(TLogProofTest, EveryTreeProofUpToTwentyAndEveryCorruption) {
  MemLog log(21);
  std::vector<Hash> trees;
  for (int64_t n = 0; n <= 21; ++n)
    trees.push_back(value(treeHash(n, log)));
  int checks = 0;
  for (int64_t n = 1; n <= 20; ++n) {
    for (int64_t t = 1; t <= n; ++t) {
      SCOPED_TRACE("tree " + std::to_string(t) + " in tree " +
                   std::to_string(n));
      TreeProof p = value(proveTree(t, n, log));
      ASSERT_EQ(errorOf(checkTree(p, t, trees[t], n, trees[n])), "");
      for (size_t i = 0; i < p.size(); ++i)
        for (int bit = 0; bit < 256; ++bit) {
          TreeProof bad = p;
          bad[i] = flipBit(bad[i], bit);
          ASSERT_NE(errorOf(checkTree(bad, t, trees[t], n, trees[n])), "")
              << "element " << i << " bit " << bit;
          ++checks;
        }
      for (int bit = 0; bit < 256; bit += 5) {
        EXPECT_NE(errorOf(checkTree(p, t, flipBit(trees[t], bit), n, trees[n])),
                  "");
        EXPECT_NE(errorOf(checkTree(p, t, trees[t], n, flipBit(trees[n], bit))),
                  "");
      }
      for (size_t i = 0; i < p.size(); ++i) {
        TreeProof shorter = p;
        shorter.erase(shorter.begin() + i);
        EXPECT_NE(errorOf(checkTree(shorter, t, trees[t], n, trees[n])), "");
      }
      for (size_t i = 0; i <= p.size(); ++i) {
        TreeProof longer = p;
        longer.insert(longer.begin() + i, i < p.size() ? p[i] : trees[t]);
        EXPECT_NE(errorOf(checkTree(longer, t, trees[t], n, trees[n])), "");
      }
      // Other sizes, each with its own correct hash.
      for (int64_t t2 : {t - 1, t + 1}) {
        if (t2 >= 0 && t2 <= 21) {
          EXPECT_NE(errorOf(checkTree(p, t2, trees[t2], n, trees[n])), "")
              << "t2=" << t2;
        }
      }
      for (int64_t n2 : {n - 1, n + 1})
        EXPECT_NE(errorOf(checkTree(p, t, trees[t], n2, trees[n2])), "")
            << "n2=" << n2;
      // A tree is not a prefix of a different tree of the same size.
      if (t < n) {
        EXPECT_NE(errorOf(checkTree(p, t, trees[t + 1], n, trees[n])), "");
      }
    }
  }
  EXPECT_GT(checks, 50000);
}

TEST(TLogProofTest, TreeProofMessagesAndInvalidInputs) {
  MemLog log(10);
  Hash h4 = value(treeHash(4, log)), h7 = value(treeHash(7, log)),
       h10 = value(treeHash(10, log));
  TreeProof p = value(proveTree(7, 10, log));
  std::string err = errorOf(checkTree(p, 7, h7, 10, h4));
  EXPECT_NE(err.find("tree proof failed: computed tree hash " +
                     hashString(h10) + ", signed tree hash " + hashString(h4)),
            std::string::npos)
      << err;
  err = errorOf(checkTree(p, 7, h4, 10, h10));
  EXPECT_NE(err.find("tree proof failed"), std::string::npos) << err;
  // The same tree: an empty proof, and equal hashes.
  EXPECT_EQ(value(proveTree(10, 10, log)).size(), 0u);
  EXPECT_EQ(errorOf(checkTree({}, 10, h10, 10, h10)), "");
  EXPECT_NE(errorOf(checkTree({}, 10, h10, 10, h7)), "");
  EXPECT_NE(errorOf(checkTree({h10}, 10, h10, 10, h10)), "");
  // A power-of-two old tree is its own left subtree: no hash of it is sent.
  EXPECT_EQ(value(proveTree(4, 10, log)).size(), 2u);

  for (auto [t, n] : std::vector<std::pair<int64_t, int64_t>>{
           {0, 5}, {-1, 5}, {6, 5}, {0, 0}}) {
    EXPECT_NE(errorOf(proveTree(t, n, log)), "") << t << " " << n;
    EXPECT_NE(errorOf(checkTree({}, t, h4, n, h10)), "") << t << " " << n;
  }
  BrokenReader broken(true), extra(false);
  EXPECT_NE(errorOf(proveTree(3, 10, broken)).find("on fire"),
            std::string::npos);
  EXPECT_NE(errorOf(proveTree(3, 10, extra)), "");
}

//===----------------------------------------------------------------------===//
// Tree notes
//===----------------------------------------------------------------------===//

TEST(TLogTreeTest, FormatAndParseMatchXMod) {
  ASSERT_EQ(vectors("tree").size(), 41u);
  for (const Fields &f : vectors("tree")) {
    int64_t n = num(f[0]);
    std::string text = unbase64(f[1]);
    Tree tree{n, treeHashOf(n)};
    EXPECT_EQ(formatTree(tree), text);
    auto parsed = parseTree(text);
    ASSERT_TRUE(bool(parsed)) << llvm::toString(parsed.takeError());
    EXPECT_TRUE(*parsed == tree);
  }
  Tree big{INT64_MAX, treeHashOf(3)};
  auto parsed = parseTree(formatTree(big));
  ASSERT_TRUE(bool(parsed));
  EXPECT_EQ(parsed->n, INT64_MAX);
}

TEST(TLogTreeTest, ExtraLinesAreIgnored) {
  Tree tree{5, treeHashOf(5)};
  std::string text = formatTree(tree);
  for (std::string extra : {"\n", "more\n", "a\nb\nc\n", "no newline"}) {
    auto parsed = parseTree(text + extra);
    ASSERT_TRUE(bool(parsed)) << llvm::toString(parsed.takeError());
    EXPECT_TRUE(*parsed == tree);
  }
}

TEST(TLogTreeTest, MalformedTreesAreRefused) {
  std::string h = hashString(treeHashOf(5));
  std::string h31 = base64Encode(llvm::ArrayRef(treeHashOf(5)).drop_back());
  const std::string p = "go.sum database tree\n";
  for (const std::string &bad : std::vector<std::string>{
           "",
           "go.sum database tree\n5\n" + h, // no final newline
           "go.sum database tree\n5\n",
           "go.sum database tree\n",
           "go.sum database tree v2\n5\n" + h + "\n",
           "Go.sum database tree\n5\n" + h + "\n",
           "\n" + p + "5\n" + h + "\n",
           p + "05\n" + h + "\n",
           p + "00\n" + h + "\n",
           p + "-5\n" + h + "\n",
           p + "-0\n" + h + "\n",
           p + "+5\n" + h + "\n",
           p + " 5\n" + h + "\n",
           p + "5 \n" + h + "\n",
           p + "0x5\n" + h + "\n",
           p + "\n" + h + "\n",
           p + "9223372036854775808\n" + h + "\n",
           p + "99999999999999999999\n" + h + "\n",
           p + "5\n" + h31 + "\n",
           p + "5\n" + h + "AAAA\n",
           p + "5\n" + h.substr(1) + "\n",
           p + "5\n" + h.substr(0, h.size() - 1) + "\n",
           p + "5\n" + h + " \n",
           p + "5\n!" + h.substr(1) + "\n",
           p + "5\n\n" + h + "\n",
           p + "5\n" + h + "\n" + std::string(1000000, 'x'),
       }) {
    std::string err = errorOf(parseTree(bad));
    EXPECT_NE(err.find("malformed tree note"), std::string::npos)
        << "accepted or wrong message for \"" << bad.substr(0, 80)
        << "\": " << err;
  }
  EXPECT_TRUE(bool(parseTree(p + "0\n" + h + "\n")));
}

//===----------------------------------------------------------------------===//
// /lookup records
//===----------------------------------------------------------------------===//

TEST(TLogRecordTest, FormatMatchesXModAndParses) {
  ASSERT_EQ(vectors("formatrecord").size(), 3u);
  for (const Fields &f : vectors("formatrecord")) {
    int64_t id = num(f[0]);
    std::string text = unbase64(f[1]), msg = unbase64(f[2]);
    EXPECT_EQ(value(formatRecord(id, text)), msg);
    auto rec = parseRecord(msg);
    ASSERT_TRUE(bool(rec)) << llvm::toString(rec.takeError());
    EXPECT_EQ(rec->id, id);
    EXPECT_EQ(rec->text, text);
    EXPECT_EQ(rec->rest, "");
  }
}

TEST(TLogRecordTest, LookupAnswerCarriesTheSignedTree) {
  // What x/mod's server sends for /lookup: the formatted record, then the
  // signed tree note.
  Signer key = makeSigner("example.com/log", std::vector<uint8_t>(32, 9));
  Tree tree{40, treeHashOf(40)};
  std::string signedTree = value(signNote(formatTree(tree), {key}));
  std::string text = recordText(17);
  std::string msg = value(formatRecord(17, text)) + signedTree;
  auto rec = parseRecord(msg);
  ASSERT_TRUE(bool(rec)) << llvm::toString(rec.takeError());
  EXPECT_EQ(rec->id, 17);
  EXPECT_EQ(rec->text, text);
  EXPECT_EQ(rec->rest, signedTree);
  auto note = openNote(rec->rest, {key.verifier()});
  ASSERT_TRUE(bool(note)) << llvm::toString(note.takeError());
  auto parsed = parseTree(note->text);
  ASSERT_TRUE(bool(parsed));
  EXPECT_TRUE(*parsed == tree);
  // And the record is in the tree.
  MemLog log(40);
  EXPECT_EQ(errorOf(checkRecord(value(proveRecord(17, 40, log)), 17,
                                recordHash(rec->text), 40, parsed->hash)),
            "");
}

TEST(TLogRecordTest, MalformedRecordsAreRefused) {
  for (std::string bad : {
           std::string(""),
           std::string("17"),
           std::string("\na\n\n"),
           std::string("x\na\n\n"),
           std::string("1x\na\n\n"),
           std::string("-1\na\n\n"),
           std::string("+1\na\n\n"),
           std::string(" 1\na\n\n"),
           std::string("99999999999999999999\na\n\n"),
           std::string("17\na\n"),
           std::string("17\na\nb\n"),
           std::string("17\n"),
           std::string("17\n\n"),
           std::string("17\n\na\n\n"),
           std::string("17\na\tb\n\n"),
           std::string("17\na\rb\n\n"),
           std::string("17\na\xFF\n\n"),
           std::string("17\na\xED\xA0\x80\n\n"),
           std::string("17\na\0b\n\n", 8),
       }) {
    std::string err = errorOf(parseRecord(bad));
    EXPECT_NE(err.find("malformed record data"), std::string::npos)
        << "accepted or wrong message for \"" << bad << "\": " << err;
  }
  // The text ends at the first blank line; the rest is left as it is.
  auto rec = parseRecord("3\na\nb\n\nrest\n\nmore");
  ASSERT_TRUE(bool(rec)) << llvm::toString(rec.takeError());
  EXPECT_EQ(rec->id, 3);
  EXPECT_EQ(rec->text, "a\nb\n");
  EXPECT_EQ(rec->rest, "rest\n\nmore");
  rec = parseRecord("0\n\xCF\x80\n\n");
  ASSERT_TRUE(bool(rec));
  EXPECT_EQ(rec->text, "\xCF\x80\n");

  for (std::string text :
       {"", "a", "\n", "a\n\nb\n", "a\n\n", "\nb\n", "a\tb\n", "a\xFF\n"}) {
    std::string err = errorOf(formatRecord(1, text));
    EXPECT_NE(err.find("malformed record data"), std::string::npos)
        << "formatRecord accepted \"" << text << "\"";
  }
  EXPECT_NE(errorOf(formatRecord(-1, "a\n")), "");
  EXPECT_EQ(value(formatRecord(0, "a\nb\n")), "0\na\nb\n\n");
}

} // namespace
