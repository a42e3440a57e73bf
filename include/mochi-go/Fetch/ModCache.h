//===- ModCache.h - The content-addressed module cache ----------*- C++ -*-===//
//
// Part of mochi-go. What the fetcher has verified, on disk:
//
//   <cache>/blobs/sha256/<xx>/<sha256 hex>    .zip, .mod and .info bytes
//   <cache>/trees/h1/<hex of the h1 digest>/ an extracted module (read-only)
//   <cache>/index/<escaped path>/@v/<escaped version>.json
//                                             what M@V is: its h1 hashes,
//                                             blob addresses, how verified
//   <cache>/sumdb/<name>/latest               the last tree this machine
//                                             trusts, as a signed note
//   <cache>/sumdb/<name>/tile/...             tiles verified against it
//   <cache>/tmp/                              work in progress
//
// Blobs are named by their SHA-256 and trees by their h1 hash, so writing
// one twice is harmless and two processes can fill the cache at once. Every
// file is written to a temporary name and renamed; the index entry is
// written last, only after the module was verified and its blobs and tree
// are in place, so an index entry always means "verified and complete".
// The default location is $XDG_CACHE_HOME/mochi/go-deps, else
// ~/.cache/mochi/go-deps, else $TMPDIR/mochi/go-deps.
//
//===----------------------------------------------------------------------===//

#ifndef MOCHIGO_FETCH_MODCACHE_H
#define MOCHIGO_FETCH_MODCACHE_H

#include "mochi-go/ModZip/ModZip.h"

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <optional>
#include <string>
#include <vector>

namespace mochigo {
namespace fetch {

/// The index entry of one module version.
struct ModuleRecord {
  std::string path;
  std::string version;
  std::string time;     // from .info
  std::string sum;      // h1 of the zip
  std::string goModSum; // h1 of go.mod
  std::string infoSha256, modSha256, zipSha256;
  /// How the hashes were checked: "sumdb <name> tree <n> record <id>",
  /// "go.sum", or "unchecked (<reason>)".
  std::string verified;
};

class ModCache {
public:
  static std::string defaultDir();
  /// Open (creating the layout if needed) the cache at `dir`.
  static llvm::Expected<ModCache> open(llvm::StringRef dir);

  const std::string &dir() const { return root; }

  /// The index entry of path@version when it and everything it names are
  /// present; nullopt otherwise (a malformed entry counts as absent).
  std::optional<ModuleRecord> find(llvm::StringRef path,
                                   llvm::StringRef version) const;

  /// Every module version with an index entry, in path order (entries
  /// whose file names do not unescape are skipped).
  std::vector<module::Version> list() const;

  std::string blobPath(llvm::StringRef sha256Hex) const;
  /// "" when `h1` is not a well-formed h1: hash.
  std::string treePath(llvm::StringRef h1) const;
  std::string indexPath(llvm::StringRef path, llvm::StringRef version) const;
  std::string sumdbDir(llvm::StringRef name) const;
  std::string tmpDir() const;
  /// The lock file of a unit of work in the cache at `root` ("module
  /// M@V", "bind KEY", "build KEY", ...): <root>/locks/<hash>.lock. A
  /// process holds it (FileLock) while it makes what the key names, so
  /// that others wait and reuse it instead of making it again.
  static std::string lockPath(llvm::StringRef root, llvm::StringRef key);

  /// Store bytes by their SHA-256 (idempotent); returns the hex digest.
  llvm::Expected<std::string> putBlob(llvm::StringRef data) const;
  /// The same for the bytes of the file `file` (in this cache's file
  /// system), which is moved into place (or removed if the blob is there).
  llvm::Expected<std::string> putBlobFile(llvm::StringRef file) const;
  /// Extract `zip` of `mod` into the tree for `h1` unless it is there.
  llvm::Error putTree(const module::Version &mod, const modzip::ZipArchive &zip,
                      llvm::StringRef h1) const;
  /// Write the index entry (last step of storing a module).
  llvm::Error putRecord(const ModuleRecord &record) const;

private:
  explicit ModCache(std::string root) : root(std::move(root)) {}
  std::string root;
};

} // namespace fetch
} // namespace mochigo

#endif // MOCHIGO_FETCH_MODCACHE_H
