//===- Downloader.h - Download and verify module versions -------*- C++ -*-===//
//
// Part of mochi-go. `mochi-go-mod download` as a library: for each
// module@version (or module@latest),
//   1. resolve a query with @v/list (highest release, else highest
//      pre-release) or @latest;
//   2. answer from the cache when it holds the version (no network);
//   3. download .info, .mod and .zip of every missing version in one
//      parallel batch through the GOPROXY list;
//   4. hash go.mod and the zip (h1), apply Go's zip rules, check .info;
//   5. verify both hashes against go.sum when it has them, else against the
//      checksum database (unless GOSUMDB=off or GONOSUMDB/GOPRIVATE
//      match), with proofs;
//   6. only then store blobs, the extracted tree and the index entry, and
//      add the go.sum lines.
// A module that fails any step is reported with its error; nothing of it is
// written. The others go on.
//
//===----------------------------------------------------------------------===//

#ifndef MOCHIGO_FETCH_DOWNLOADER_H
#define MOCHIGO_FETCH_DOWNLOADER_H

#include "mochi-go/Fetch/GoEnv.h"
#include "mochi-go/Fetch/Http.h"
#include "mochi-go/Module/Module.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace mochigo {
namespace fetch {

class Progress;

struct DownloadOptions {
  GoEnv env;
  std::string cacheDir; // empty: ModCache::defaultDir()
  HttpOptions http;
  /// A go.sum to verify against and to add lines to; empty: none.
  std::string goSumPath;
  int jobs = 0; // hashing threads; 0: one per core
  Progress *progress = nullptr;
  /// Notes for -v (requests, cache hits, what was verified how).
  std::function<void(llvm::StringRef)> log;
  /// Warnings (GONOSUMCHECK is set, ...): always shown.
  std::function<void(llvm::StringRef)> warn;
};

struct DownloadResult {
  std::string path;
  std::string query;   // the version as asked ("latest", "v1.3.0")
  std::string version; // the version resolved
  std::string error;   // empty on success
  std::string info, goMod, zip, dir; // files in the cache
  std::string sum, goModSum;         // h1 hashes
  std::string time;                  // from .info
  std::string verified;              // how the hashes were checked
  bool fromCache = false;
  bool ok() const { return error.empty(); }
};

/// Counters of one run.
struct DownloadStats {
  uint64_t requests = 0, retries = 0, bytes = 0;
  uint64_t cacheHits = 0, downloaded = 0, failed = 0;
  uint64_t sumdbLookups = 0, tilesFetched = 0;
};

class Downloader {
public:
  static llvm::Expected<std::unique_ptr<Downloader>>
  create(DownloadOptions options);
  ~Downloader();

  /// Download and verify; results in the order of `mods` (whose versions
  /// may be "latest"). Errors that stop everything (an unreadable go.sum,
  /// a checksum database that forked) come back in every result.
  std::vector<DownloadResult> download(llvm::ArrayRef<module::Version> mods);

  /// The versions the proxies list for each path (semver order), or an
  /// error message per path.
  std::vector<std::pair<std::vector<std::string>, std::string>>
  listVersions(llvm::ArrayRef<std::string> paths);

  const DownloadStats &stats() const;
  const std::string &cacheDir() const;

private:
  struct Impl;
  explicit Downloader(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl;
};

} // namespace fetch
} // namespace mochigo

#endif // MOCHIGO_FETCH_DOWNLOADER_H
