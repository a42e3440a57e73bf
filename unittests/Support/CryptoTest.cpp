//===- CryptoTest.cpp - SHA-256 and Ed25519 against published vectors ----===//
//
// Part of mochi-go.
//
//===----------------------------------------------------------------------===//

#include "mochi-go/Support/Crypto.h"

#include "llvm/ADT/StringExtras.h"

#include "gtest/gtest.h"

using namespace mochigo;

namespace {

std::vector<uint8_t> unhex(llvm::StringRef hex) {
  std::string bytes = llvm::fromHex(hex);
  return std::vector<uint8_t>(bytes.begin(), bytes.end());
}

// FIPS 180-2 examples.
TEST(CryptoTest, Sha256KnownAnswers) {
  EXPECT_EQ(toHex(Sha256::hash(llvm::StringRef("abc"))),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(toHex(Sha256::hash(llvm::StringRef(""))),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

TEST(CryptoTest, Sha256IncrementalEqualsOneShotAndResets) {
  Sha256 h;
  h.update(llvm::StringRef("ab"));
  h.update(llvm::StringRef("c"));
  EXPECT_EQ(h.final(), Sha256::hash(llvm::StringRef("abc")));
  // After final() the object hashes from scratch.
  h.update(llvm::StringRef("abc"));
  EXPECT_EQ(h.final(), Sha256::hash(llvm::StringRef("abc")));
}

// RFC 8032, section 7.1, TEST 1 (empty message).
TEST(CryptoTest, Ed25519Rfc8032Test1) {
  std::vector<uint8_t> seed =
      unhex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60");
  std::vector<uint8_t> pub =
      unhex("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a");
  std::vector<uint8_t> sig =
      unhex("e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e06522490155"
            "5fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b");
  auto gotPub = ed25519PublicKey(seed);
  EXPECT_EQ(std::vector<uint8_t>(gotPub.begin(), gotPub.end()), pub);
  auto gotSig = ed25519Sign(seed, {});
  EXPECT_EQ(std::vector<uint8_t>(gotSig.begin(), gotSig.end()), sig);
  EXPECT_TRUE(ed25519Verify(pub, {}, sig));
}

TEST(CryptoTest, Ed25519RefusesTamperingAndBadSizes) {
  std::vector<uint8_t> seed(32, 7);
  auto pub = ed25519PublicKey(seed);
  auto msg = bytesOf("go.sum database tree\n1\n");
  auto sig = ed25519Sign(seed, msg);
  EXPECT_TRUE(ed25519Verify(pub, msg, sig));
  auto bad = sig;
  bad[10] ^= 1;
  EXPECT_FALSE(ed25519Verify(pub, msg, bad));
  EXPECT_FALSE(ed25519Verify(pub, bytesOf("go.sum database tree\n2\n"), sig));
  EXPECT_FALSE(
      ed25519Verify(llvm::ArrayRef<uint8_t>(pub).drop_back(), msg, sig));
  EXPECT_FALSE(
      ed25519Verify(pub, msg, llvm::ArrayRef<uint8_t>(sig).drop_back()));
}

} // namespace
