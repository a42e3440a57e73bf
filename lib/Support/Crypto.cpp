//===- Crypto.cpp - SHA-256 and Ed25519 (OpenSSL) -------------------------===//
//
// Part of mochi-go.
//
//===----------------------------------------------------------------------===//

#include "mochi-go/Support/Crypto.h"

#include <openssl/evp.h>
#include <openssl/rand.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>
#include <vector>

using namespace mochigo;

namespace {
EVP_MD_CTX *asCtx(void *p) { return static_cast<EVP_MD_CTX *>(p); }

void initSha(EVP_MD_CTX *ctx) {
  if (EVP_DigestInit_ex(ctx, EVP_sha256(), nullptr) != 1)
    std::abort(); // OpenSSL without SHA-256: nothing sensible to do.
}

/// An owned EVP_PKEY for the Ed25519 key made from `seed`, or null.
EVP_PKEY *privateKeyFromSeed(llvm::ArrayRef<uint8_t> seed) {
  if (seed.size() != kEd25519SeedSize)
    return nullptr;
  return EVP_PKEY_new_raw_private_key(EVP_PKEY_ED25519, nullptr, seed.data(),
                                      seed.size());
}
} // namespace

Sha256::Sha256() : ctx(EVP_MD_CTX_new()) {
  if (!ctx)
    std::abort();
  initSha(asCtx(ctx));
}

Sha256::~Sha256() { EVP_MD_CTX_free(asCtx(ctx)); }

void Sha256::update(llvm::ArrayRef<uint8_t> data) {
  if (!data.empty())
    EVP_DigestUpdate(asCtx(ctx), data.data(), data.size());
}

void Sha256::update(llvm::StringRef data) { update(bytesOf(data)); }

Sha256Digest Sha256::final() {
  Sha256Digest out;
  unsigned len = 0;
  EVP_DigestFinal_ex(asCtx(ctx), out.data(), &len);
  initSha(asCtx(ctx));
  return out;
}

Sha256Digest Sha256::hash(llvm::ArrayRef<uint8_t> data) {
  Sha256Digest out;
  unsigned len = 0;
  if (EVP_Digest(data.data(), data.size(), out.data(), &len, EVP_sha256(),
                 nullptr) != 1)
    std::abort();
  return out;
}

Sha256Digest Sha256::hash(llvm::StringRef data) { return hash(bytesOf(data)); }

std::string mochigo::toHex(llvm::ArrayRef<uint8_t> bytes) {
  static const char digits[] = "0123456789abcdef";
  std::string out;
  out.reserve(bytes.size() * 2);
  for (uint8_t b : bytes) {
    out.push_back(digits[b >> 4]);
    out.push_back(digits[b & 15]);
  }
  return out;
}

bool mochigo::ed25519Verify(llvm::ArrayRef<uint8_t> publicKey,
                            llvm::ArrayRef<uint8_t> message,
                            llvm::ArrayRef<uint8_t> signature) {
  if (publicKey.size() != kEd25519PublicKeySize ||
      signature.size() != kEd25519SignatureSize)
    return false;
  EVP_PKEY *key = EVP_PKEY_new_raw_public_key(
      EVP_PKEY_ED25519, nullptr, publicKey.data(), publicKey.size());
  if (!key)
    return false;
  EVP_MD_CTX *md = EVP_MD_CTX_new();
  bool ok = md &&
            EVP_DigestVerifyInit(md, nullptr, nullptr, nullptr, key) == 1 &&
            EVP_DigestVerify(md, signature.data(), signature.size(),
                             message.data(), message.size()) == 1;
  EVP_MD_CTX_free(md);
  EVP_PKEY_free(key);
  return ok;
}

std::array<uint8_t, kEd25519SignatureSize>
mochigo::ed25519Sign(llvm::ArrayRef<uint8_t> seed,
                     llvm::ArrayRef<uint8_t> message) {
  std::array<uint8_t, kEd25519SignatureSize> sig{};
  EVP_PKEY *key = privateKeyFromSeed(seed);
  if (!key)
    return sig;
  EVP_MD_CTX *md = EVP_MD_CTX_new();
  size_t len = sig.size();
  if (!md || EVP_DigestSignInit(md, nullptr, nullptr, nullptr, key) != 1 ||
      EVP_DigestSign(md, sig.data(), &len, message.data(), message.size()) !=
          1 ||
      len != sig.size())
    sig.fill(0);
  EVP_MD_CTX_free(md);
  EVP_PKEY_free(key);
  return sig;
}

std::array<uint8_t, kEd25519PublicKeySize>
mochigo::ed25519PublicKey(llvm::ArrayRef<uint8_t> seed) {
  std::array<uint8_t, kEd25519PublicKeySize> pub{};
  EVP_PKEY *key = privateKeyFromSeed(seed);
  if (!key)
    return pub;
  size_t len = pub.size();
  if (EVP_PKEY_get_raw_public_key(key, pub.data(), &len) != 1 ||
      len != pub.size())
    pub.fill(0);
  EVP_PKEY_free(key);
  return pub;
}

bool mochigo::randomBytes(llvm::MutableArrayRef<uint8_t> out) {
  return RAND_bytes(out.data(), static_cast<int>(out.size())) == 1;
}

static llvm::Error fileError(const char *what, const std::string &path) {
  int err = errno;
  return llvm::createStringError(std::error_code(err, std::generic_category()),
                                 llvm::Twine(what) + " " + path + ": " +
                                     std::strerror(err));
}

llvm::Error mochigo::sha256OfFile(const std::string &path,
                                  llvm::MutableArrayRef<uint8_t> buffer,
                                  Sha256 &sha, Sha256Digest &digest) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0)
    return fileError("opening", path);
#ifdef POSIX_FADV_SEQUENTIAL
  ::posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL);
#endif
  while (true) {
    ssize_t n = ::read(fd, buffer.data(), buffer.size());
    if (n < 0 && errno == EINTR)
      continue;
    if (n < 0) {
      llvm::Error err = fileError("reading", path);
      ::close(fd);
      return err;
    }
    if (n == 0)
      break;
    sha.update(buffer.take_front(static_cast<size_t>(n)));
  }
  ::close(fd);
  digest = sha.final();
  return llvm::Error::success();
}

llvm::Expected<Sha256Digest> mochigo::sha256OfFile(const std::string &path) {
  std::vector<uint8_t> buffer(1 << 16);
  Sha256 sha;
  Sha256Digest digest;
  if (llvm::Error e = sha256OfFile(path, buffer, sha, digest))
    return std::move(e);
  return digest;
}
