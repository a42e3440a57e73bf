//===- Client.h - Checksum database client ----------------------*- C++ -*-===//
//
// Part of mochi-go. Looks module versions up in a Go checksum database
// (https://go.dev/design/25530-sumdb) and proves every answer:
//   - /latest: the signed tree head, verified with the configured key;
//   - the tree this machine last trusted is kept on disk (<dir>/latest, a
//     signed note, rewritten atomically under a lock). A newer tree is
//     adopted only with a consistency proof from the old one (RFC 6962,
//     proof hashes read from tiles); a tree of the same size with another
//     hash, or one the proofs contradict, is a fork: a SECURITY ERROR that
//     shows both notes. A /latest older than the trusted tree is refused
//     as a rollback (the go command tolerates it; mochi-go does not). Tree
//     notes inside /lookup answers may be older (caching proxies serve old
//     answers); they must still be consistent with the trusted tree;
//   - /lookup/M@V: the record is checked to be about M@V and proved to be
//     in the trusted tree by an inclusion proof, also from tiles;
//   - /tile/H/L/N[.p/W]: tiles are verified against the signed tree before
//     any hash in them is used; verified tiles are cached in <dir>/tile.
// Nothing is trusted or cached before it is verified.
//
//===----------------------------------------------------------------------===//

#ifndef MOCHIGO_SUMDB_CLIENT_H
#define MOCHIGO_SUMDB_CLIENT_H

#include "mochi-go/Module/Module.h"
#include "mochi-go/SumDB/Note.h"
#include "mochi-go/SumDB/TLog.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <map>
#include <memory>
#include <string>
#include <vector>

namespace mochigo {
namespace sumdb {

/// How the client reaches the database: GETs of paths relative to its base
/// URL ("/latest", "/lookup/...", "/tile/8/0/001"), many at once.
class Remote {
public:
  virtual ~Remote();
  struct Result {
    int status = 0; // HTTP status; 0 when no answer came
    std::string body;
    std::string error; // transport error (status 0)
  };
  virtual std::vector<Result> get(llvm::ArrayRef<std::string> paths) = 0;
  /// The full URL of `path`, for messages.
  virtual std::string url(llvm::StringRef path) const = 0;
};

struct ClientOptions {
  /// Where the trusted tree and verified tiles live; empty: memory only
  /// (every run then trusts the first tree it sees).
  std::string dir;
  int tileHeight = 8;
};

/// The verified answer for one module version.
struct LookupResult {
  module::Version mod;
  std::string zipHash; // "h1:..." of the zip
  std::string modHash; // "h1:..." of go.mod
  int64_t recordId = -1;
  int64_t treeSize = 0; // the trusted tree the record was proved in
  std::string error;    // empty on success
  bool ok() const { return error.empty(); }
};

class Client {
public:
  Client(Verifier key, Remote &remote, ClientOptions options);
  ~Client();

  /// Fetch /latest, verify it and move the trusted tree forward (or refuse:
  /// bad signature, fork, rollback). Called by lookup() when needed.
  llvm::Error refreshLatest();

  /// Look every module version up, verify the answers, and return the
  /// hashes (results in the order of `mods`).
  std::vector<LookupResult> lookup(llvm::ArrayRef<module::Version> mods);

  /// The trusted tree (n == 0 before anything is trusted).
  const Tree &trusted() const { return trustedTree; }
  const std::string &trustedNote() const { return trustedMsg; }

  /// Counters for -v and benchmarks.
  struct Stats {
    uint64_t lookups = 0, tilesFetched = 0, tilesFromDisk = 0;
  };
  const Stats &stats() const { return counters; }

private:
  class Tiles;
  /// Verify a signed tree note; errors say how it failed.
  llvm::Expected<Tree> openTree(llvm::StringRef msg, llvm::StringRef where);
  /// Bring `tree` (from `msg`) into agreement with the trusted tree.
  llvm::Error merge(const Tree &tree, llvm::StringRef msg, bool fromLatest,
                    llvm::StringRef where);
  llvm::Error loadTrusted();
  llvm::Error saveTrusted();
  std::string forkError(llvm::StringRef what, llvm::StringRef olderMsg,
                        llvm::StringRef newerMsg) const;
  void prefetchTiles(const Tree &tree, llvm::ArrayRef<int64_t> recordIds);

  Verifier key;
  Remote &remote;
  ClientOptions opts;
  std::unique_ptr<Tiles> tiles;
  Tree trustedTree;
  std::string trustedMsg;
  bool loaded = false, refreshed = false;
  Stats counters;
};

} // namespace sumdb
} // namespace mochigo

#endif // MOCHIGO_SUMDB_CLIENT_H
