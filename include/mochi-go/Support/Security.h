//===- Security.h - Refusals on integrity grounds ---------------*- C++ -*-===//
//
// Part of mochi-go. Every refusal on integrity grounds (bytes that do not
// match what a lock, a go.sum or the checksum database recorded; a checksum
// database whose answers contradict its signed tree; a module zip that breaks
// Go's rules) is a message that starts with
//
//   security error [KIND]: ...
//
// with KIND from the closed list below (docs/Driver.md, "Security errors").
// The messages travel as strings through the fetcher and the driver; the
// tag is how the driver knows to exit 5 and which kind to name.
//
//===----------------------------------------------------------------------===//

#ifndef MOCHIGO_SUPPORT_SECURITY_H
#define MOCHIGO_SUPPORT_SECURITY_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/ADT/Twine.h"

#include <string>

namespace mochigo {

enum class SecurityKind {
  /// A downloaded zip or go.mod whose h1 hash differs from the checksum
  /// database's record or from go.sum.
  ChecksumMismatch,
  /// A cached zip or go.mod that no longer hashes to its name.
  CacheTampered,
  /// A module whose hashes differ from the ones mochi.lock pins.
  LockMismatch,
  /// An archive dependency whose hash differs from the one mochi.lock pins.
  LockDependencyMismatch,
  /// The go command refused a module with its own SECURITY ERROR.
  GoChecksumMismatch,
  /// A checksum database note whose signature does not verify.
  SumdbBadSignature,
  /// A checksum database note not signed by the configured key.
  SumdbWrongKey,
  /// A lookup answer that is not about the module version asked for.
  SumdbWrongRecord,
  /// A tile that does not hash to the signed tree (or to its parent).
  SumdbInconsistentTile,
  /// A record the signed tree's proofs do not include.
  SumdbBadProof,
  /// The log served now is older than the tree this machine trusts.
  SumdbRollback,
  /// Two signed trees that cannot both belong to one log.
  SumdbFork,
  /// A module zip that breaks Go's module zip rules.
  ZipRules,
  /// A module zip that cannot be read as a zip archive (or lies about its
  /// sizes).
  ZipMalformed,
};

/// Every kind, in the documented order.
llvm::ArrayRef<SecurityKind> allSecurityKinds();

/// The name of a kind in messages ("sumdb-fork").
llvm::StringRef securityKindName(SecurityKind kind);

/// "security error [KIND]: MSG".
std::string securityError(SecurityKind kind, const llvm::Twine &msg);

/// The kind named by the first "security error [KIND]: " tag in `msg`
/// (anywhere in it), or "" when there is none.
std::string securityKindOf(llvm::StringRef msg);

/// `msg` with its first security tag moved to the front ("" tags stay as
/// they are): `context: security error [k]: detail` becomes
/// `security error [k]: context: detail`.
std::string hoistSecurityTag(llvm::StringRef msg);

/// `context + msg`, keeping a security tag of `msg` in front.
std::string withContext(const llvm::Twine &context, llvm::StringRef msg);

/// `text` cut to at most `max` bytes (with "..." appended when cut), for
/// quoting input in messages.
std::string quoteBounded(llvm::StringRef text, size_t max = 200);

} // namespace mochigo

#endif // MOCHIGO_SUPPORT_SECURITY_H
