//===- Note.h - Signed notes (golang.org/x/mod/sumdb/note) ------*- C++ -*-===//
//
// Part of mochi-go. A signed note is UTF-8 text ending in a newline, a blank
// line, and signature lines "— <name> <base64(4-byte key hash ‖ 64-byte
// Ed25519 signature)>\n" (U+2014 EM DASH, space). The key hash is the first
// four bytes (big-endian) of SHA-256(name ‖ "\n" ‖ 0x01 ‖ public key).
// Verifier keys are "<name>+<8 hex digits of the key hash>+<base64(0x01 ‖
// 32-byte public key)>"; signer keys are "PRIVATE+KEY+<name>+<hash>+
// <base64(0x01 ‖ 32-byte seed)>". Both are checked on parse: the hash is
// recomputed and must match.
//
// Opening is stricter than x/mod on one point: a text line that starts
// with the signature prefix "— " is refused, so a body can never pass off
// a signature line as text.
//
//===----------------------------------------------------------------------===//

#ifndef MOCHIGO_SUMDB_NOTE_H
#define MOCHIGO_SUMDB_NOTE_H

#include "mochi-go/Support/Crypto.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <array>
#include <cstdint>
#include <string>
#include <vector>

namespace mochigo {
namespace sumdb {

/// Algorithm byte of Ed25519 keys in verifier and signer keys.
constexpr uint8_t kAlgEd25519 = 1;

/// A key name is non-empty, has no Unicode spaces and no '+'.
bool isValidKeyName(llvm::StringRef name);

/// First four bytes (big-endian) of SHA-256(name ‖ "\n" ‖ algAndKey).
uint32_t keyHash(llvm::StringRef name, llvm::ArrayRef<uint8_t> algAndKey);

struct Verifier {
  std::string name;
  uint32_t hash = 0;
  std::array<uint8_t, kEd25519PublicKeySize> publicKey{};
  /// The key in its text form.
  std::string str() const;
};

/// Parse and check a verifier key. Errors say which part is wrong ("key
/// hash 033de0ae does not match the key (want ...)", "unknown algorithm").
llvm::Expected<Verifier> parseVerifierKey(llvm::StringRef vkey);
Verifier makeVerifier(llvm::StringRef name,
                      llvm::ArrayRef<uint8_t> publicKey /*32 bytes*/);

struct Signer {
  std::string name;
  uint32_t hash = 0;
  std::array<uint8_t, kEd25519SeedSize> seed{};
  Verifier verifier() const;
  std::string str() const; // "PRIVATE+KEY+..."
};
llvm::Expected<Signer> parseSignerKey(llvm::StringRef skey);
/// A signer whose seed is the given 32 bytes (tests) or fresh random bytes.
Signer makeSigner(llvm::StringRef name, llvm::ArrayRef<uint8_t> seed);

struct Signature {
  std::string name;
  uint32_t hash = 0;
  std::string base64;
};

struct Note {
  std::string text;                      // the signed text, ending in '\n'
  std::vector<Signature> sigs;           // verified, by a known key
  std::vector<Signature> unverifiedSigs; // by keys not in the known list
};

/// Why a note was refused.
enum class NoteError {
  Malformed,        // syntax: no signature block, control characters, ...
  UnknownKey,       // well-formed, but no signature is by a known key
  InvalidSignature, // a signature by a known key does not verify
};

/// The error type of openNote(); message() says what happened in words.
class NoteOpenError : public llvm::ErrorInfo<NoteOpenError> {
public:
  static char ID;
  NoteOpenError(NoteError kind, std::string detail)
      : kind(kind), detail(std::move(detail)) {}
  NoteError kind;
  std::string detail;
  void log(llvm::raw_ostream &os) const override;
  std::error_code convertToErrorCode() const override;
};

/// Parse `msg` and verify its signatures against `known` (x/mod's note.Open
/// rules: valid UTF-8, no ASCII control characters but '\n', text ends with
/// '\n', at most 100 signature lines, duplicate signatures ignored, at least
/// one verified signature), plus the refusal of text lines starting "— ".
/// Errors are NoteOpenError.
llvm::Expected<Note> openNote(llvm::StringRef msg,
                              llvm::ArrayRef<Verifier> known);

/// Sign `text` (valid UTF-8 without control characters but '\n', ending in
/// '\n', no line starting "— ") with every signer; returns the whole note.
llvm::Expected<std::string> signNote(llvm::StringRef text,
                                     llvm::ArrayRef<Signer> signers);

} // namespace sumdb
} // namespace mochigo

#endif // MOCHIGO_SUMDB_NOTE_H
