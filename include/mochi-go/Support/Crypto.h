//===- Crypto.h - SHA-256 and Ed25519 (OpenSSL) -----------------*- C++ -*-===//
//
// Part of mochi-go. Thin, allocation-free wrappers over OpenSSL 3 for the two
// primitives the module fetcher needs: SHA-256 (h1 hashes, RFC 6962 tree
// hashes) and Ed25519 (checksum database notes).
//
//===----------------------------------------------------------------------===//

#ifndef MOCHIGO_SUPPORT_CRYPTO_H
#define MOCHIGO_SUPPORT_CRYPTO_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <array>
#include <cstdint>
#include <string>

namespace mochigo {

using Sha256Digest = std::array<uint8_t, 32>;

/// Incremental SHA-256. Copyable state is not needed; one object, one hash.
class Sha256 {
public:
  Sha256();
  ~Sha256();
  Sha256(const Sha256 &) = delete;
  Sha256 &operator=(const Sha256 &) = delete;

  void update(llvm::ArrayRef<uint8_t> data);
  void update(llvm::StringRef data);
  /// Finish and return the digest; the object is reset for a new hash.
  Sha256Digest final();

  static Sha256Digest hash(llvm::ArrayRef<uint8_t> data);
  static Sha256Digest hash(llvm::StringRef data);

private:
  void *ctx; // EVP_MD_CTX
};

/// Lower-case hex of `bytes`.
std::string toHex(llvm::ArrayRef<uint8_t> bytes);

/// The SHA-256 of a file's content, streamed through `buffer` (a caller
/// that hashes many files reuses one) into `sha` (reset when it returns).
/// Errors carry the errno and name the step and the path: "opening P: ...",
/// "reading P: ...".
llvm::Error sha256OfFile(const std::string &path,
                         llvm::MutableArrayRef<uint8_t> buffer, Sha256 &sha,
                         Sha256Digest &digest);
/// The same with a buffer of its own.
llvm::Expected<Sha256Digest> sha256OfFile(const std::string &path);

constexpr size_t kEd25519PublicKeySize = 32;
constexpr size_t kEd25519SeedSize = 32;
constexpr size_t kEd25519SignatureSize = 64;

/// Verify an Ed25519 signature. Wrong sizes verify as false.
bool ed25519Verify(llvm::ArrayRef<uint8_t> publicKey,
                   llvm::ArrayRef<uint8_t> message,
                   llvm::ArrayRef<uint8_t> signature);

/// Sign with the private key made from a 32-byte seed (RFC 8032). Returns the
/// 64-byte signature, or an empty array if the seed has the wrong size.
std::array<uint8_t, kEd25519SignatureSize>
ed25519Sign(llvm::ArrayRef<uint8_t> seed, llvm::ArrayRef<uint8_t> message);

/// The public key of the private key made from `seed`.
std::array<uint8_t, kEd25519PublicKeySize>
ed25519PublicKey(llvm::ArrayRef<uint8_t> seed);

/// Fill `out` with cryptographically secure random bytes; false on failure.
bool randomBytes(llvm::MutableArrayRef<uint8_t> out);

inline llvm::ArrayRef<uint8_t> bytesOf(llvm::StringRef s) {
  return llvm::ArrayRef<uint8_t>(reinterpret_cast<const uint8_t *>(s.data()),
                                 s.size());
}
inline llvm::StringRef stringOf(llvm::ArrayRef<uint8_t> b) {
  return llvm::StringRef(reinterpret_cast<const char *>(b.data()), b.size());
}

} // namespace mochigo

#endif // MOCHIGO_SUPPORT_CRYPTO_H
