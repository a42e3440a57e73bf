//===- NoteTest.cpp - Signed notes and keys, against x/mod ----------------===//
//
// Part of mochi-go.
//
//===----------------------------------------------------------------------===//

#include "Vectors.h"

#include "mochi-go/SumDB/Note.h"
#include "mochi-go/Support/Base64.h"

#include "llvm/ADT/StringExtras.h"

#include "gtest/gtest.h"

using namespace mochigo;
using namespace mochigo::sumdb;
using namespace mochigo::sumdb::test;

namespace {

std::vector<uint8_t> seedOf(uint8_t first) {
  std::vector<uint8_t> s(32);
  for (int i = 0; i < 32; ++i)
    s[i] = uint8_t(first + i);
  return s;
}

// The keys of the vectors: seeds 0..31, 32..63, 64..95.
Signer keyA() { return makeSigner("example.com/log", seedOf(0)); }
Signer keyB() { return makeSigner("other.example", seedOf(32)); }

/// What openNote said: success, or the kind and message of its error.
struct OpenResult {
  bool ok = false;
  NoteError kind = NoteError::Malformed;
  std::string message;
  Note note;
};

OpenResult open(llvm::StringRef msg, llvm::ArrayRef<Verifier> known) {
  OpenResult r;
  auto n = openNote(msg, known);
  if (n) {
    r.ok = true;
    r.note = std::move(*n);
    return r;
  }
  bool typed = false;
  llvm::Error rest =
      llvm::handleErrors(n.takeError(), [&](const NoteOpenError &e) {
        typed = true;
        r.kind = e.kind;
        r.message = e.message();
      });
  if (rest)
    ADD_FAILURE() << "openNote error is not a NoteOpenError: "
                  << llvm::toString(std::move(rest));
  EXPECT_TRUE(typed);
  return r;
}

const char *kindName(NoteError k) {
  switch (k) {
  case NoteError::Malformed:
    return "Malformed";
  case NoteError::UnknownKey:
    return "UnknownKey";
  case NoteError::InvalidSignature:
    return "InvalidSignature";
  }
  return "?";
}

#define EXPECT_REFUSED(result, wantKind)                                       \
  do {                                                                         \
    OpenResult r_ = (result);                                                  \
    EXPECT_FALSE(r_.ok) << "note was accepted";                                \
    if (!r_.ok) {                                                              \
      EXPECT_STREQ(kindName(r_.kind), kindName(wantKind)) << r_.message;       \
    }                                                                          \
  } while (0)

std::string sign(llvm::StringRef text, llvm::ArrayRef<Signer> signers) {
  auto n = signNote(text, signers);
  if (!n) {
    ADD_FAILURE() << llvm::toString(n.takeError());
    return "";
  }
  return *n;
}

/// A signature line by `s` over `text`, made without signNote's checks.
std::string rawSigLine(const Signer &s, llvm::StringRef text) {
  auto sig = ed25519Sign(s.seed, bytesOf(text));
  std::vector<uint8_t> raw = {uint8_t(s.hash >> 24), uint8_t(s.hash >> 16),
                              uint8_t(s.hash >> 8), uint8_t(s.hash)};
  raw.insert(raw.end(), sig.begin(), sig.end());
  return "\xE2\x80\x94 " + s.name + " " + base64Encode(raw) + "\n";
}

std::string hex8(uint32_t v) {
  std::string s = llvm::utohexstr(v, /*LowerCase=*/true);
  return std::string(8 - s.size(), '0') + s;
}

//===----------------------------------------------------------------------===//
// Keys
//===----------------------------------------------------------------------===//

TEST(NoteKeysTest, KeysFromSeedsMatchXMod) {
  ASSERT_EQ(vectors("key").size(), 3u);
  for (const Fields &f : vectors("key")) {
    const std::string &name = f[0], &skey = f[2], &vkey = f[3];
    std::string seed = unbase64(f[1]);
    Signer s = makeSigner(name, bytesOf(seed));
    EXPECT_EQ(s.str(), skey);
    EXPECT_EQ(s.verifier().str(), vkey);

    auto ps = parseSignerKey(skey);
    ASSERT_TRUE(bool(ps)) << llvm::toString(ps.takeError());
    EXPECT_EQ(ps->name, name);
    EXPECT_EQ(ps->hash, s.hash);
    EXPECT_EQ(ps->seed, s.seed);
    EXPECT_EQ(ps->str(), skey);

    auto pv = parseVerifierKey(vkey);
    ASSERT_TRUE(bool(pv)) << llvm::toString(pv.takeError());
    EXPECT_EQ(pv->name, name);
    EXPECT_EQ(pv->hash, s.hash);
    EXPECT_EQ(pv->publicKey, ed25519PublicKey(s.seed));
    EXPECT_EQ(pv->str(), vkey);
    EXPECT_EQ(hex8(pv->hash),
              llvm::StringRef(vkey).split('+').second.substr(0, 8).str());
  }
}

TEST(NoteKeysTest, KeyHashIsSha256OfNameNewlineAlgAndKey) {
  Signer a = keyA();
  auto pub = ed25519PublicKey(a.seed);
  std::vector<uint8_t> algKey = {kAlgEd25519};
  algKey.insert(algKey.end(), pub.begin(), pub.end());
  EXPECT_EQ(hex8(keyHash("example.com/log", algKey)), "d455c521");
  std::string input = "example.com/log\n" + std::string(stringOf(algKey));
  Sha256Digest d = Sha256::hash(llvm::StringRef(input));
  EXPECT_EQ(keyHash("example.com/log", algKey), uint32_t(d[0]) << 24 |
                                                    uint32_t(d[1]) << 16 |
                                                    uint32_t(d[2]) << 8 | d[3]);
  EXPECT_NE(keyHash("example.com/log2", algKey),
            keyHash("example.com/log", algKey));
}

TEST(NoteKeysTest, KeyNames) {
  EXPECT_TRUE(isValidKeyName("sum.golang.org"));
  EXPECT_TRUE(isValidKeyName("\xCF\x80.example")); // π
  EXPECT_FALSE(isValidKeyName(""));
  EXPECT_FALSE(isValidKeyName("a+b"));
  EXPECT_FALSE(isValidKeyName("a b"));
  EXPECT_FALSE(isValidKeyName("a\tb"));
  EXPECT_FALSE(isValidKeyName("a\nb"));
  EXPECT_FALSE(isValidKeyName("a\xC2\xA0"
                              "b")); // U+00A0
  EXPECT_FALSE(isValidKeyName("a\xC2\x85"
                              "b")); // U+0085
  EXPECT_FALSE(isValidKeyName("a\xE2\x80\x8A"
                              "b")); // U+200A
  EXPECT_FALSE(isValidKeyName("a\xE3\x80\x80"
                              "b")); // U+3000
  EXPECT_FALSE(isValidKeyName("a\xFF"
                              "b")); // not UTF-8
  EXPECT_TRUE(isValidKeyName("a\xE2\x80\x8B"
                             "b")); // U+200B is not a space
}

TEST(NoteKeysTest, VerifierKeyRefusals) {
  Verifier v = keyA().verifier();
  std::string good = v.str();
  ASSERT_EQ(good, vectors("key")[0][3]);
  auto refuse = [](llvm::StringRef vkey, llvm::StringRef want) {
    auto r = parseVerifierKey(vkey);
    std::string msg = errorOf(std::move(r));
    EXPECT_NE(msg.find(want.str()), std::string::npos)
        << vkey.str() << " -> \"" << msg << "\", want \"" << want.str() << "\"";
  };
  // The key's base64 may contain '+' itself: it follows the second '+'.
  std::string key64 = good.substr(good.find('+', good.find('+') + 1) + 1);
  ASSERT_EQ(key64,
            base64Encode(bytesOf("\x01" + std::string(stringOf(v.publicKey)))));
  // A key with the hash of a different key.
  refuse("example.com/log+d455c522+" + key64,
         "verifier key hash d455c522 does not match the key (computed "
         "d455c521)");
  refuse("example.com/log+00000000+" + key64, "does not match the key");
  // Same key under another name: the hash is of name and key.
  refuse("example.com/other+d455c521+" + key64, "does not match the key");

  auto withKey = [](llvm::StringRef name, std::vector<uint8_t> algKey) {
    return (name + "+" + hex8(keyHash(name, algKey)) + "+" +
            base64Encode(algKey))
        .str();
  };
  std::vector<uint8_t> alg2(v.publicKey.begin(), v.publicKey.end());
  alg2.insert(alg2.begin(), 2);
  refuse(withKey("n", alg2), "unknown algorithm 2");
  std::vector<uint8_t> short31(alg2.begin(), alg2.end() - 1);
  short31[0] = kAlgEd25519;
  refuse(withKey("n", short31), "Ed25519 key has 31 bytes, want 32");
  std::vector<uint8_t> long33 = short31;
  long33.push_back(1);
  long33.push_back(2);
  refuse(withKey("n", long33), "Ed25519 key has 33 bytes, want 32");
  refuse(withKey("n", {kAlgEd25519}), "Ed25519 key has 0 bytes, want 32");
  refuse("n+" + hex8(keyHash("n", {})) + "+", "empty key");

  refuse("a b+d455c521+" + key64, "invalid key name");
  refuse("+d455c521+" + key64, "invalid key name");
  refuse("a\xE3\x80\x80"
         "b+d455c521+" +
             key64,
         "invalid key name");
  // A '+' in the name moves the fields: the hash is then not hex.
  refuse("a+b+d455c521+" + key64, "key hash \"b\" is not 8 hex digits");
  refuse("example.com/log+d455c52+" + key64, "is not 8 hex digits");
  refuse("example.com/log+d455c5211+" + key64, "is not 8 hex digits");
  refuse("example.com/log+d455c52g+" + key64, "is not 8 hex digits");
  refuse("example.com/log+d455c521+" + key64.substr(1), "not valid base64");
  refuse("example.com/log+d455c521+" + key64 + "=", "not valid base64");
  refuse("example.com/log", "want <name>+<hash>+<key>");
  refuse("example.com/log+d455c521", "want <name>+<hash>+<key>");
  refuse("", "want <name>+<hash>+<key>");

  // Upper-case hex is accepted (as by x/mod); str() writes lower case.
  auto upper = parseVerifierKey("example.com/log+D455C521+" + key64);
  ASSERT_TRUE(bool(upper)) << llvm::toString(upper.takeError());
  EXPECT_EQ(upper->str(), good);
}

TEST(NoteKeysTest, SignerKeyRefusals) {
  Signer s = keyA();
  std::string good = s.str();
  ASSERT_EQ(good, vectors("key")[0][2]);
  auto refuse = [](llvm::StringRef skey, llvm::StringRef want) {
    std::string msg = errorOf(parseSignerKey(skey));
    EXPECT_NE(msg.find(want.str()), std::string::npos)
        << skey.str() << " -> \"" << msg << "\", want \"" << want.str() << "\"";
  };
  std::string key64 = good.substr(good.find('+', 12 + s.name.size() + 1) + 1);
  ASSERT_EQ(key64,
            base64Encode(bytesOf("\x01" + std::string(stringOf(s.seed)))));
  refuse("PRIVATE+KEY+example.com/log+d455c520+" + key64,
         "signer key hash d455c520 does not match the key (computed "
         "d455c521)");
  refuse("PRIVATE+KEY+example.com/x+d455c521+" + key64,
         "does not match the key");
  refuse("PRIVATE+KEY+example.com/log+d455c521", "want PRIVATE+KEY+");
  refuse("PRIVATE+KEY+example.com/log", "want PRIVATE+KEY+");
  refuse("PRIVATE+example.com/log+d455c521+" + key64,
         "does not start with PRIVATE+KEY+");
  refuse("private+KEY+example.com/log+d455c521+" + key64,
         "does not start with PRIVATE+KEY+");
  refuse(vectors("key")[0][3], "does not start with PRIVATE+KEY+");
  refuse("PRIVATE+KEY+a b+d455c521+" + key64, "invalid key name");
  refuse("PRIVATE+KEY++d455c521+" + key64, "invalid key name");
  refuse("PRIVATE+KEY+example.com/log+xyz+" + key64, "not 8 hex digits");
  refuse("PRIVATE+KEY+example.com/log+d455c521+" + key64.substr(1),
         "not valid base64");
  refuse("PRIVATE+KEY+example.com/log+d455c521+", "empty key");

  std::vector<uint8_t> alg3 = {3};
  alg3.insert(alg3.end(), s.seed.begin(), s.seed.end());
  refuse("PRIVATE+KEY+n+00000000+" + base64Encode(alg3), "unknown algorithm 3");
  std::vector<uint8_t> short31(alg3.begin(), alg3.end() - 1);
  short31[0] = kAlgEd25519;
  refuse("PRIVATE+KEY+n+00000000+" + base64Encode(short31),
         "Ed25519 key has 31 bytes, want 32");
}

TEST(NoteKeysTest, RandomSignersDifferAndWork) {
  Signer a = makeSigner("r", {});
  Signer b = makeSigner("r", {});
  EXPECT_NE(a.seed, b.seed);
  EXPECT_NE(a.hash, b.hash);
  auto pa = parseSignerKey(a.str());
  ASSERT_TRUE(bool(pa));
  EXPECT_EQ(pa->seed, a.seed);
  std::string n = sign("text\n", {a});
  EXPECT_TRUE(open(n, {a.verifier()}).ok);
  EXPECT_REFUSED(open(n, {b.verifier()}), NoteError::UnknownKey);
}

TEST(NoteKeysTest, MakeVerifierComputesTheHash) {
  Signer a = keyA();
  auto pub = ed25519PublicKey(a.seed);
  Verifier v = makeVerifier("example.com/log", pub);
  EXPECT_EQ(v.str(), vectors("key")[0][3]);
  EXPECT_EQ(v.hash, a.hash);
}

//===----------------------------------------------------------------------===//
// Notes: agreement with x/mod
//===----------------------------------------------------------------------===//

std::vector<Signer> vectorSigners() {
  std::vector<Signer> out;
  for (const Fields &f : vectors("key"))
    out.push_back(makeSigner(f[0], bytesOf(unbase64(f[1]))));
  return out;
}

TEST(NoteTest, SignNoteIsByteIdenticalToXMod) {
  std::vector<Signer> keys = vectorSigners();
  ASSERT_EQ(vectors("note").size(), 25u);
  for (const Fields &f : vectors("note")) {
    std::vector<Signer> signers;
    for (const std::string &k : splitList(f[0]))
      signers.push_back(keys[num(k)]);
    std::string text = unbase64(f[1]), want = unbase64(f[2]);
    EXPECT_EQ(sign(text, signers), want) << "signers " << f[0];
  }
}

TEST(NoteTest, OpensNotesSignedByXMod) {
  std::vector<Signer> keys = vectorSigners();
  for (const Fields &f : vectors("note")) {
    std::vector<Verifier> all;
    std::vector<std::string> order = splitList(f[0]);
    for (const std::string &k : order)
      all.push_back(keys[num(k)].verifier());
    std::string text = unbase64(f[1]), msg = unbase64(f[2]);

    OpenResult r = open(msg, all);
    ASSERT_TRUE(r.ok) << r.message << "\n" << msg;
    EXPECT_EQ(r.note.text, text);
    ASSERT_EQ(r.note.sigs.size(), order.size());
    EXPECT_TRUE(r.note.unverifiedSigs.empty());
    for (size_t i = 0; i < order.size(); ++i) {
      EXPECT_EQ(r.note.sigs[i].name, all[i].name);
      EXPECT_EQ(r.note.sigs[i].hash, all[i].hash);
    }

    // Knowing only the last signer: the others are unverified.
    r = open(msg, {all.back()});
    ASSERT_TRUE(r.ok) << r.message;
    ASSERT_EQ(r.note.sigs.size(), 1u);
    EXPECT_EQ(r.note.sigs[0].name, all.back().name);
    EXPECT_EQ(r.note.unverifiedSigs.size(), order.size() - 1);
    for (const Signature &s : r.note.unverifiedSigs)
      EXPECT_NE(s.name, all.back().name);

    // Knowing a key that did not sign.
    Signer other = makeSigner("nobody.example", seedOf(200));
    EXPECT_REFUSED(open(msg, {other.verifier()}), NoteError::UnknownKey);
    EXPECT_REFUSED(open(msg, {}), NoteError::UnknownKey);
  }
}

TEST(NoteTest, SignaturesCarryBase64OfHashAndSignature) {
  Signer a = keyA();
  std::string text = "hello\n";
  std::string n = sign(text, {a});
  OpenResult r = open(n, {a.verifier()});
  ASSERT_TRUE(r.ok) << r.message;
  ASSERT_EQ(r.note.sigs.size(), 1u);
  auto raw = base64Decode(r.note.sigs[0].base64);
  ASSERT_TRUE(raw.has_value());
  ASSERT_EQ(raw->size(), 4 + kEd25519SignatureSize);
  EXPECT_EQ(uint32_t((*raw)[0]) << 24 | uint32_t((*raw)[1]) << 16 |
                uint32_t((*raw)[2]) << 8 | (*raw)[3],
            a.hash);
  EXPECT_TRUE(ed25519Verify(a.verifier().publicKey, bytesOf(text),
                            llvm::ArrayRef(*raw).drop_front(4)));
  EXPECT_EQ(n, text + "\n" + rawSigLine(a, text));
}

//===----------------------------------------------------------------------===//
// Notes: refusals
//===----------------------------------------------------------------------===//

TEST(NoteTest, EveryChangedTextByteIsRefused) {
  Signer a = keyA();
  std::string text = unbase64(vectors("tree").back()[1]);
  std::string n = sign(text, {a});
  ASSERT_TRUE(open(n, {a.verifier()}).ok);
  int tried = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    if (!llvm::isAlnum(n[i]))
      continue;
    std::string bad = n;
    bad[i] = bad[i] == 'a' ? 'b' : 'a';
    EXPECT_REFUSED(open(bad, {a.verifier()}), NoteError::InvalidSignature);
    ++tried;
  }
  EXPECT_GT(tried, 50);
}

TEST(NoteTest, WrongKeysAndBadSignatures) {
  Signer a = keyA(), b = keyB();
  std::string text =
      "go.sum database tree\n1\nAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n";
  std::string byA = sign(text, {a});

  // A key not in the known list.
  OpenResult r = open(sign(text, {b}), {a.verifier()});
  EXPECT_REFUSED(r, NoteError::UnknownKey);
  EXPECT_NE(r.message.find("other.example+" + hex8(b.hash)), std::string::npos)
      << r.message;

  // The right name, another key: its key hash differs, so it is unknown.
  Signer a2 = makeSigner(a.name, seedOf(99));
  ASSERT_NE(a2.hash, a.hash);
  EXPECT_REFUSED(open(sign(text, {a2}), {a.verifier()}), NoteError::UnknownKey);

  // The right name and key hash, but a signature that does not verify: every
  // bit of the Ed25519 signature matters.
  std::string line = rawSigLine(a, text);
  size_t sp = line.rfind(' ');
  auto raw =
      *base64Decode(llvm::StringRef(line).drop_front(sp + 1).drop_back());
  for (size_t bit = 32; bit < raw.size() * 8; bit += 37) {
    auto bad = raw;
    bad[bit / 8] ^= uint8_t(1u << (bit % 8));
    std::string msg =
        text + "\n\xE2\x80\x94 " + a.name + " " + base64Encode(bad) + "\n";
    r = open(msg, {a.verifier()});
    EXPECT_REFUSED(r, NoteError::InvalidSignature);
    EXPECT_NE(r.message.find("example.com/log+d455c521"), std::string::npos)
        << r.message;
  }
  // A signature of a different text by the right key.
  std::string other = text + "\n" + rawSigLine(a, "other\n");
  EXPECT_REFUSED(open(other, {a.verifier()}), NoteError::InvalidSignature);

  // A known verifier with the right name and hash but another public key.
  Verifier fake = a.verifier();
  fake.publicKey = b.verifier().publicKey;
  EXPECT_REFUSED(open(byA, {fake}), NoteError::InvalidSignature);
  // An invalid signature by a known key fails even with another good one.
  EXPECT_REFUSED(open(sign(text, {a, b}), {fake, b.verifier()}),
                 NoteError::InvalidSignature);
  EXPECT_TRUE(open(sign(text, {a, b}), {b.verifier()}).ok);
}

TEST(NoteTest, AmbiguousKnownKeysAreRefused) {
  Signer a = keyA();
  std::string n = sign("x\n", {a});
  // The same key twice is not ambiguous.
  EXPECT_TRUE(open(n, {a.verifier(), a.verifier()}).ok);
  Verifier fake = a.verifier();
  fake.publicKey = keyB().verifier().publicKey;
  OpenResult r = open(n, {a.verifier(), fake});
  EXPECT_FALSE(r.ok);
  EXPECT_NE(r.message.find("ambiguous key"), std::string::npos) << r.message;
}

TEST(NoteTest, SyntaxRefusals) {
  Signer a = keyA();
  std::vector<Verifier> known = {a.verifier()};
  std::string text = "hello\nworld\n";
  std::string good = sign(text, {a});
  std::string sigLine = rawSigLine(a, text);
  ASSERT_EQ(good, text + "\n" + sigLine);
  ASSERT_TRUE(open(good, known).ok);

  auto malformed = [&](llvm::StringRef msg, llvm::StringRef want) {
    OpenResult r = open(msg, known);
    EXPECT_REFUSED(r, NoteError::Malformed);
    EXPECT_NE(r.message.find("malformed note"), std::string::npos) << r.message;
    EXPECT_NE(r.message.find(want.str()), std::string::npos)
        << "\"" << r.message << "\" does not say \"" << want.str() << "\"";
  };
  // Structure.
  malformed(text + sigLine, "no blank line");
  malformed(good.substr(0, good.size() - 1), "does not end in a newline");
  malformed(text + "\n", "no signatures");
  malformed("", "no blank line");
  malformed(text + "\n" + sigLine + "not a signature\n", "does not start with");
  malformed(text + "\n" + sigLine + "\n", "no signatures");
  malformed(text + "\n- " + sigLine.substr(4), "does not start with");
  // Control characters and UTF-8, in the text and in the signatures.
  for (std::string c :
       {std::string("\t"), std::string("\r"), std::string("\x01"),
        std::string("\x1f"), std::string(1, '\0')})
    malformed("hel" + c + "lo\n\n" + sigLine, "control character");
  malformed(text + "\n" + sigLine.substr(0, sigLine.size() - 1) + "\r\n",
            "control character");
  for (const char *bad : {"\xFF", "\xC0\xAF", "\xED\xA0\x80", "\xE2\x80",
                          "\xF4\x90\x80\x80", "\x80"})
    malformed("hel" + std::string(bad) + "lo\n\n" + sigLine, "UTF-8");
  // Signature lines.
  std::string b64 = sigLine.substr(sigLine.rfind(' ') + 1);
  b64.pop_back();
  malformed(text + "\n\xE2\x80\x94 " + a.name + b64 + "\n", "signature");
  malformed(text + "\n\xE2\x80\x94 " + a.name + "  " + b64 + "\n", "base64");
  malformed(text + "\n\xE2\x80\x94  " + b64 + "\n", "key name");
  malformed(text + "\n\xE2\x80\x94 a+b " + b64 + "\n", "key name");
  malformed(text + "\n\xE2\x80\x94 " + a.name + " \n", "base64");
  malformed(text + "\n\xE2\x80\x94 " + a.name + " " + b64.substr(1) + "\n",
            "base64");
  malformed(text + "\n\xE2\x80\x94 " + a.name + " " + b64 + "!" + "\n",
            "base64");
  malformed(text + "\n\xE2\x80\x94 " + a.name + " " + b64 + " \n", "base64");
  // Signatures shorter than 5 bytes; 5 bytes parse and then fail to verify.
  std::vector<uint8_t> hash4 = {uint8_t(a.hash >> 24), uint8_t(a.hash >> 16),
                                uint8_t(a.hash >> 8), uint8_t(a.hash)};
  for (size_t len = 0; len < 5; ++len)
    malformed(text + "\n\xE2\x80\x94 " + a.name + " " +
                  base64Encode(llvm::ArrayRef(hash4).take_front(len)) + "\n",
              len == 0 ? "base64" : "too short");
  std::vector<uint8_t> five = hash4;
  five.push_back(0);
  EXPECT_REFUSED(
      open(text + "\n\xE2\x80\x94 " + a.name + " " + base64Encode(five) + "\n",
           known),
      NoteError::InvalidSignature);
  // Non-canonical base64 (non-zero unused bits) is refused.
  std::string nonCanon = b64;
  // 68 bytes: the symbol before the one '=' has two unused (zero) bits.
  ASSERT_EQ(nonCanon.back(), '=');
  ASSERT_NE(nonCanon[nonCanon.size() - 2], '=');
  const std::string alphabet =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  char &last = nonCanon[nonCanon.size() - 2];
  ASSERT_EQ(alphabet.find(last) % 4, 0u);
  last = alphabet[alphabet.find(last) | 1];
  malformed(text + "\n\xE2\x80\x94 " + a.name + " " + nonCanon + "\n",
            "base64");
}

TEST(NoteTest, AtMostOneHundredSignatures) {
  Signer a = keyA();
  std::string text = "t\n";
  std::string good = rawSigLine(a, text);
  auto withUnknown = [&](int count) {
    std::string msg = text + "\n" + good;
    for (int i = 0; i < count; ++i)
      msg += rawSigLine(makeSigner("k" + std::to_string(i), seedOf(i)), text);
    return msg;
  };
  OpenResult r = open(withUnknown(99), {a.verifier()});
  ASSERT_TRUE(r.ok) << r.message;
  EXPECT_EQ(r.note.sigs.size(), 1u);
  EXPECT_EQ(r.note.unverifiedSigs.size(), 99u);
  EXPECT_REFUSED(open(withUnknown(100), {a.verifier()}), NoteError::Malformed);
  // Duplicates count towards the limit.
  std::string dup = text + "\n";
  for (int i = 0; i < 100; ++i)
    dup += good;
  EXPECT_TRUE(open(dup, {a.verifier()}).ok);
  EXPECT_REFUSED(open(dup + good, {a.verifier()}), NoteError::Malformed);
}

TEST(NoteTest, DuplicateSignaturesAreIgnored) {
  Signer a = keyA(), b = keyB();
  std::string text = "dup\n";
  std::string la = rawSigLine(a, text), lb = rawSigLine(b, text);
  OpenResult r = open(text + "\n" + la + lb + la + lb + lb, {a.verifier()});
  ASSERT_TRUE(r.ok) << r.message;
  EXPECT_EQ(r.note.sigs.size(), 1u);
  ASSERT_EQ(r.note.unverifiedSigs.size(), 1u);
  EXPECT_EQ(r.note.unverifiedSigs[0].name, b.name);
  EXPECT_EQ(r.note.unverifiedSigs[0].hash, b.hash);

  // As in x/mod, only the first signature by a known key is checked; a later
  // one by the same key is ignored, an earlier bad one is refused.
  std::string badA = text + "\n" + rawSigLine(a, "other\n");
  std::string badLine = badA.substr(text.size() + 1);
  EXPECT_TRUE(open(text + "\n" + la + badLine, {a.verifier()}).ok);
  EXPECT_REFUSED(open(text + "\n" + badLine + la, {a.verifier()}),
                 NoteError::InvalidSignature);
  // signNote writes one signature per key.
  EXPECT_EQ(sign(text, {a, a, b}), text + "\n" + la + lb);
}

TEST(NoteTest, TextLinesMayNotStartWithTheSignaturePrefix) {
  Signer a = keyA();
  for (std::string text :
       {std::string("\xE2\x80\x94 example.com/log AAAA\n"),
        std::string("ok\n\xE2\x80\x94 x\n"), std::string("\xE2\x80\x94 \n"),
        std::string("a\n\n\xE2\x80\x94 b\n")}) {
    // Signed by the right key all the same: still refused.
    std::string msg = text + "\n" + rawSigLine(a, text);
    OpenResult r = open(msg, {a.verifier()});
    EXPECT_REFUSED(r, NoteError::Malformed);
    EXPECT_NE(r.message.find("signature prefix"), std::string::npos)
        << r.message;
    std::string err = errorOf(signNote(text, {a}));
    EXPECT_NE(err.find("signature prefix"), std::string::npos) << err;
  }
  // An em dash elsewhere is fine.
  for (std::string text :
       {std::string("a \xE2\x80\x94 b\n"), std::string("\xE2\x80\x94x\n"),
        std::string(" \xE2\x80\x94 \n")}) {
    OpenResult r = open(sign(text, {a}), {a.verifier()});
    EXPECT_TRUE(r.ok) << r.message;
    EXPECT_EQ(r.note.text, text);
  }
}

TEST(NoteTest, TextsOfEveryShape) {
  Signer a = keyA();
  for (std::string text :
       {std::string("\n"), std::string("\n\n"), std::string("a\n\n"),
        std::string("a\n\nb\n"), std::string("\xCF\x80 \xE2\x89\x88 3\n"),
        std::string("del\x7f is not a control character for x/mod\n")}) {
    OpenResult r = open(sign(text, {a}), {a.verifier()});
    EXPECT_TRUE(r.ok) << r.message;
    EXPECT_EQ(r.note.text, text);
  }
}

TEST(NoteTest, SignNoteRefusals) {
  Signer a = keyA();
  auto refuse = [&](llvm::StringRef text, llvm::ArrayRef<Signer> signers,
                    llvm::StringRef want) {
    std::string err = errorOf(signNote(text, signers));
    EXPECT_NE(err.find(want.str()), std::string::npos)
        << "signNote(\"" << text.str() << "\"): \"" << err
        << "\" does not say \"" << want.str() << "\"";
  };
  refuse("", {a}, "does not end in a newline");
  refuse("abc", {a}, "does not end in a newline");
  refuse("a\tb\n", {a}, "control character");
  refuse("a\rb\n", {a}, "control character");
  refuse("a\xFF\n", {a}, "UTF-8");
  refuse("a\xED\xA0\x80\n", {a}, "UTF-8");
  refuse("a\n", {}, "no signers");
  Signer badName = a;
  badName.name = "a b";
  refuse("a\n", {badName}, "invalid signer name");
  Signer badHash = a;
  badHash.hash ^= 1;
  refuse("a\n", {badHash}, "wrong key hash");
}

} // namespace
