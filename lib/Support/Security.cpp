//===- Security.cpp - Refusals on integrity grounds -----------------------===//
//
// Part of mochi-go.
//
//===----------------------------------------------------------------------===//

#include "mochi-go/Support/Security.h"

using namespace mochigo;
using llvm::StringRef;

static const char kTag[] = "security error [";

llvm::ArrayRef<SecurityKind> mochigo::allSecurityKinds() {
  static const SecurityKind all[] = {SecurityKind::ChecksumMismatch,
                                     SecurityKind::CacheTampered,
                                     SecurityKind::LockMismatch,
                                     SecurityKind::LockDependencyMismatch,
                                     SecurityKind::GoChecksumMismatch,
                                     SecurityKind::SumdbBadSignature,
                                     SecurityKind::SumdbWrongKey,
                                     SecurityKind::SumdbWrongRecord,
                                     SecurityKind::SumdbInconsistentTile,
                                     SecurityKind::SumdbBadProof,
                                     SecurityKind::SumdbRollback,
                                     SecurityKind::SumdbFork,
                                     SecurityKind::ZipRules,
                                     SecurityKind::ZipMalformed};
  return all;
}

StringRef mochigo::securityKindName(SecurityKind kind) {
  switch (kind) {
  case SecurityKind::ChecksumMismatch:
    return "checksum-mismatch";
  case SecurityKind::CacheTampered:
    return "cache-tampered";
  case SecurityKind::LockMismatch:
    return "lock-mismatch";
  case SecurityKind::LockDependencyMismatch:
    return "lock-dependency-mismatch";
  case SecurityKind::GoChecksumMismatch:
    return "go-checksum-mismatch";
  case SecurityKind::SumdbBadSignature:
    return "sumdb-bad-signature";
  case SecurityKind::SumdbWrongKey:
    return "sumdb-wrong-key";
  case SecurityKind::SumdbWrongRecord:
    return "sumdb-wrong-record";
  case SecurityKind::SumdbInconsistentTile:
    return "sumdb-inconsistent-tile";
  case SecurityKind::SumdbBadProof:
    return "sumdb-bad-proof";
  case SecurityKind::SumdbRollback:
    return "sumdb-rollback";
  case SecurityKind::SumdbFork:
    return "sumdb-fork";
  case SecurityKind::ZipRules:
    return "zip-rules";
  case SecurityKind::ZipMalformed:
    return "zip-malformed";
  }
  return "unknown";
}

std::string mochigo::securityError(SecurityKind kind, const llvm::Twine &msg) {
  return (kTag + securityKindName(kind) + "]: " + msg).str();
}

/// Where the first well-formed tag of `msg` starts and its kind.
static size_t findTag(StringRef msg, StringRef &kind) {
  size_t from = 0;
  while (true) {
    size_t at = msg.find(kTag, from);
    if (at == StringRef::npos)
      return at;
    StringRef rest = msg.drop_front(at + sizeof(kTag) - 1);
    size_t close = rest.find("]: ");
    if (close != StringRef::npos) {
      StringRef k = rest.take_front(close);
      for (SecurityKind sk : allSecurityKinds())
        if (securityKindName(sk) == k) {
          kind = k;
          return at;
        }
    }
    from = at + 1;
  }
}

std::string mochigo::securityKindOf(StringRef msg) {
  StringRef kind;
  if (findTag(msg, kind) == StringRef::npos)
    return "";
  return kind.str();
}

std::string mochigo::hoistSecurityTag(StringRef msg) {
  StringRef kind;
  size_t at = findTag(msg, kind);
  if (at == StringRef::npos || at == 0)
    return msg.str();
  size_t tagLen = sizeof(kTag) - 1 + kind.size() + 3;
  return (msg.substr(at, tagLen) + msg.take_front(at) +
          msg.drop_front(at + tagLen))
      .str();
}

std::string mochigo::withContext(const llvm::Twine &context, StringRef msg) {
  return hoistSecurityTag((context + msg).str());
}

std::string mochigo::quoteBounded(StringRef text, size_t max) {
  if (text.size() <= max)
    return text.str();
  return text.take_front(max).str() + "...";
}
