//===- Driver.h - mochi-go sync, check, bind and explain --------*- C++ -*-===//
//
// Part of mochi-go. The pipeline a Mochi user runs: read the `import go`
// lines of a program, fetch and verify the modules, ingest, lower and print
// one wrapper library per import, build one c-archive for the program, and
// write mochi.lock. Everything expensive is cached by content, so that a
// second sync with nothing changed does no network and no Go work.
// docs/Driver.md is the user's side of this; the mochi-go tool and the
// mochi-go-c library are thin layers over these functions.
//
//===----------------------------------------------------------------------===//

#ifndef MOCHIGO_DRIVER_DRIVER_H
#define MOCHIGO_DRIVER_DRIVER_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/raw_ostream.h"

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace mochigo {
namespace driver {

/// Exit codes of mochi-go (and the results of the functions below).
enum ExitCode : int {
  Success = 0,
  /// A step failed: fetching, verifying, ingesting, lowering, building, or
  /// writing the outputs.
  Failure = 1,
  /// Bad command line or options.
  Usage = 2,
  /// The Mochi sources have errors (bad import lines).
  SourceErrors = 3,
  /// `sync --check` found drift between the lock, the sources and the cache.
  Drift = 4,
  /// A downloaded module does not match the hash the lock pins (or the
  /// checksum database refused it): the supply chain is not what was locked.
  Security = 5,
};

/// Where messages go. `verbose` lines are progress; the others are always
/// shown. The driver never writes to stdout or stderr itself. Setting
/// `verbose` also makes the driver collect progress it would otherwise skip
/// (the fetcher's request log). Messages may come from worker threads; the
/// driver calls one function at a time.
struct Messages {
  std::function<void(llvm::StringRef)> error;
  std::function<void(llvm::StringRef)> warning;
  std::function<void(llvm::StringRef)> note;    // summaries, always shown
  std::function<void(llvm::StringRef)> verbose; // progress (--verbose)
  /// The steps of a sync as they start, for a live display: `what` is an
  /// import (Import::display(): "path@version", "path (std)") or "go
  /// build"; `step` is one of "download", "verify", "ingest", "lower",
  /// "print", "build", then "done" or "cached" with `finished` set.
  std::function<void(llvm::StringRef what, llvm::StringRef step, bool finished)>
      progress;
};

struct Options {
  /// The cache root; empty: $MOCHIGO_CACHE, else fetch::ModCache::defaultDir()
  /// ($XDG_CACHE_HOME/mochi/go-deps). Module downloads, bound wrapper
  /// libraries, archives, the go command's module cache all live below it.
  std::string cacheDir;
  /// Where sync writes the outputs; empty: `.mochi-go` next to the first
  /// source file.
  std::string outDir;
  /// The lock file; empty: `mochi.lock` next to the first source file.
  std::string lockPath;
  /// The go command; empty: $MOCHIGO_GO, else `go` on PATH.
  std::string goCommand;
  /// mochi-go-ingest; empty: $MOCHIGO_INGEST, else next to the file that
  /// holds the driver's code (mochi-go or libmochi-go-c.so; also its
  /// ../bin), else next to the running program, else on PATH.
  std::string ingestCommand;
  /// Parallel work (binds, downloads, go build -p); 0: one per core.
  unsigned jobs = 0;
  /// The environment, read once; nullptr: getenv. Honoured: GOPROXY,
  /// GOSUMDB, GONOSUMDB, GOPRIVATE, GONOPROXY, GOFLAGS, GOOS, GOARCH, CC,
  /// CGO_CFLAGS, CGO_LDFLAGS, MOCHIGO_CACHE, MOCHIGO_GO, MOCHIGO_INGEST,
  /// MOCHIGO_LOOPBACK_ONLY. A child process gets the process environment
  /// with the honoured variables replaced by what this returns; returning
  /// nullopt keeps the process's value (an empty string means unset).
  std::function<std::optional<std::string>(llvm::StringRef)> getenv;
  Messages messages;
};

/// What a sync produced (paths are absolute).
struct SyncResult {
  std::string archive;    // <out>/lib/lib<name>.a
  std::string includeDir; // <out>/include: one <prefix>.h per import
  std::string mochiDir;   // <out>/mochi: <alias>.mochi, <alias>.bindings.yaml
  std::string pkgConfig;  // <out>/<name>.pc
  std::string lockPath;
  /// The flags a C link of the program needs, pkg-config style.
  std::string cflags, libs;
  /// What the run did; a warm run has fetched = bound = 0, built = false.
  unsigned imports = 0, fetched = 0, bound = 0;
  bool built = false;
};

/// `mochi-go sync FILES`: read the imports of the Mochi sources (one
/// program), bring everything up to date and write the lock. Returns an
/// ExitCode.
int sync(llvm::ArrayRef<std::string> sources, const Options &options,
         SyncResult *result = nullptr);

/// `mochi-go sync --check FILES`: compare the lock with the sources and the
/// cache without changing anything; every drift is printed through
/// messages.error, one line each. Returns Success or Drift (or
/// SourceErrors/Failure/Usage when it cannot compare).
int check(llvm::ArrayRef<std::string> sources, const Options &options);

/// `mochi-go bind MODULE@VERSION`: one module on its own, its outputs in
/// `outDir` (include/, lib/, mochi/, go/, skip-report.txt). `alias` empty:
/// the default alias of the path.
int bind(llvm::StringRef moduleAtVersion, llvm::StringRef alias,
         llvm::StringRef outDir, const Options &options);

/// `mochi-go explain MODULE[@VERSION]`: the skip report of the module
/// (docs/SkipReport.md) on `os`. Without a version, the version the lock
/// (options.lockPath, else ./mochi.lock) pins; a standard-library package
/// path needs none.
int explain(llvm::StringRef module, const Options &options,
            llvm::raw_ostream &os);

} // namespace driver
} // namespace mochigo

#endif // MOCHIGO_DRIVER_DRIVER_H
