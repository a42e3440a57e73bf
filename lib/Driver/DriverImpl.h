//===- DriverImpl.h - pieces shared by the driver's files -------*- C++ -*-===//
//
// Part of mochi-go. Not installed: the run context, the toolchain, child
// processes, and the two cached steps (binding one import, building the
// program's archive).
//
//===----------------------------------------------------------------------===//

#ifndef MOCHIGO_LIB_DRIVER_DRIVERIMPL_H
#define MOCHIGO_LIB_DRIVER_DRIVERIMPL_H

#include "mochi-go/Driver/Driver.h"
#include "mochi-go/Fetch/Downloader.h"
#include "mochi-go/Fetch/GoEnv.h"
#include "mochi-go/Fetch/Progress.h"
#include "mochi-go/Lock/Manifest.h"
#include "mochi-go/Module/Module.h"

#include "llvm/ADT/Twine.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/JSON.h"

#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace mochigo {
namespace driver {
namespace detail {

/// The Go toolchain a run uses, identified without running it.
struct Toolchain {
  std::string go;      // absolute path of the go command
  std::string goroot;  // its GOROOT (the directory holding VERSION)
  std::string version; // "go1.23.5": the first line of GOROOT/VERSION
  std::string goos, goarch;
  std::string target() const { return goos + "/" + goarch; }
};

/// One `import go` of the program.
struct Import {
  std::string path;    // module path, or the standard-library package path
  std::string version; // "" for the standard library
  std::string alias;
  bool stdlib = false;
  std::string where; // "app.mochi:3:11", for messages
  /// The name lock entries and messages use: path@version, or path (std).
  std::string display() const {
    return stdlib ? path + " (std)" : path + "@" + version;
  }
};

/// What verifying a module established (empty for the standard library).
struct ModuleHashes {
  std::string zipH1, modH1;
  bool sumdbVerified = false;
  std::string verified;       // how (from the fetcher)
  std::string info, mod, zip; // files in the module cache, when fetched
};

struct BuildList;

/// A run: options resolved once, messages serialised.
class Context {
public:
  static llvm::Expected<std::unique_ptr<Context>> create(const Options &opts);

  std::optional<std::string> getenv(llvm::StringRef name) const;
  /// The environment of a child process: ours, with the honoured variables
  /// as Options::getenv says, then `overrides` (NAME=VALUE).
  std::vector<std::string>
  childEnv(llvm::ArrayRef<std::string> overrides) const;
  /// The environment of a go command we run: childEnv with GOWORK=off,
  /// GOTOOLCHAIN=local and GOPATH=goPathDir(), then `overrides`.
  std::vector<std::string>
  goCommandEnv(llvm::ArrayRef<std::string> overrides = {}) const;

  /// A module fetcher with this context's settings (go env, cache, jobs,
  /// loopback restriction, warnings and verbose log).
  llvm::Expected<std::unique_ptr<fetch::Downloader>> downloader();

  void error(const llvm::Twine &msg);
  void warning(const llvm::Twine &msg);
  void note(const llvm::Twine &msg);
  void verbose(const llvm::Twine &msg);
  bool isVerbose() const { return bool(opts.messages.verbose); }
  /// Messages::progress: `what` is at `step`.
  void step(llvm::StringRef what, llvm::StringRef step, bool finished = false);

  Options opts;
  Toolchain toolchain;
  fetch::GoEnv goEnv;
  std::string cacheDir;  // absolute
  std::string ingest;    // mochi-go-ingest
  std::string toolStamp; // SHA-256 of this program and of mochi-go-ingest
  unsigned jobs = 1;
  bool loopbackOnly = false;
  /// mochi.toml of the program (empty when there is none) and a stamp of
  /// what of it changes a build ("" without one: keys stay as they were).
  lock::Manifest manifest;
  std::string manifestStamp;
  /// The build profile: mochi.toml's `[go] profile`, "cgo" without one.
  std::string profile() const {
    return manifest.profile.empty() ? "cgo" : manifest.profile;
  }
  /// The embedded profile: a WebAssembly module (wasip1/wasm) without cgo.
  bool embedded() const { return manifest.profile == "embedded"; }
  /// GOOS/GOARCH of what sync builds (the lock's `target`).
  std::string buildTarget() const {
    return embedded() ? "wasip1/wasm" : toolchain.target();
  }
  /// The file name of the built artifact in the cache: lib.a (a c-archive)
  /// or lib.wasm (the embedded profile's module).
  std::string artifactFile() const { return embedded() ? "lib.wasm" : "lib.a"; }
  std::string programDir;
  /// The build list once computed (sync), for the workspace and the ingest.
  std::shared_ptr<BuildList> buildList;
  /// Warnings found while the context was made, before messages could be
  /// relied on; the commands print them.
  std::vector<std::string> pendingWarnings;

  std::string bindDir() const { return cacheDir + "/bind"; }
  std::string buildDir() const { return cacheDir + "/build"; }
  std::string goModCache() const { return cacheDir + "/gomod"; }
  std::string goProxyDir() const { return cacheDir + "/goproxy"; }
  std::string tmpDir() const { return cacheDir + "/tmp"; }
  /// GOPATH of every go command we run: where the go command keeps what it
  /// remembers of checksum databases (pkg/sumdb), apart from the user's.
  std::string goPathDir() const { return cacheDir + "/gopath"; }
  /// GOPROXY for the go command: our verified modules first
  /// (file://<cache>/goproxy), then the user's GOPROXY.
  std::string goProxyForGo() const;

private:
  std::mutex mu;
  /// Counts the fetcher's steps for `progress` (never draws).
  std::unique_ptr<fetch::Progress> fetchProgress;
};

/// A child process's outcome.
struct ProcessResult {
  int status = -1;    // exit status; -1: could not run or was killed
  std::string output; // stdout + stderr (stdout only when `stdoutTo`)
};

/// Run `argv` with `env`; stdout to the file `stdoutTo` when given, else
/// captured with stderr.
ProcessResult runProcess(llvm::ArrayRef<std::string> argv,
                         llvm::ArrayRef<std::string> env,
                         llvm::StringRef stdoutTo = "");

// --- Resolving the settings (Env.cpp; `mochi-go env` prints them) ---------

/// An environment variable as Options::getenv says (else getenv); an empty
/// value is unset, as for the go command.
std::optional<std::string> optionEnv(const Options &opts, llvm::StringRef name);
/// The go command: --go, $MOCHIGO_GO, else go on PATH (absolute; "" when
/// there is none). `origin` says which.
std::string resolveGoCommand(const Options &opts, std::string *origin);
/// The cache root: --cache-dir, $MOCHIGO_CACHE, else the default (absolute).
std::string resolveCacheDir(const Options &opts, std::string *origin);
/// mochi-go-ingest: --ingest, $MOCHIGO_INGEST, else driver::findHelper.
std::string resolveIngest(const Options &opts, llvm::StringRef image,
                          std::string *origin);
/// The GOOS and GOARCH of the host mochi-go was built for.
std::string hostGOOS();
std::string hostGOARCH();
/// The file that holds the driver's code: the mochi-go executable, the
/// shared libmochi-go-c, or the program that linked the static library.
std::string driverImage();

/// `p` made absolute, without `.` and `..` elements.
std::string absolutePath(llvm::StringRef p);

/// SHA-256 hex of a string and of a file.
std::string sha256Hex(llvm::StringRef data);
llvm::Expected<std::string> sha256File(llvm::StringRef path);

/// Write `data` to `path` through a temporary file and a rename, creating
/// the parent directories.
llvm::Error writeFile(llvm::StringRef path, llvm::StringRef data);

/// The JSON object of a cache entry's record file (bind.json,
/// archive.json); none when it is missing or not a JSON object, which for a
/// cache entry means "not there".
std::optional<llvm::json::Object> readRecord(llvm::StringRef file);
/// Write a record file (indented JSON), atomically.
llvm::Error writeRecord(llvm::StringRef file, llvm::json::Object record);

/// Rename the finished directory `tmp` to `dest`; when another process put
/// `dest` there first, keep theirs and remove `tmp`.
llvm::Error publishDir(llvm::StringRef tmp, llvm::StringRef dest);

// --- Binding one import (Bind.cpp) -----------------------------------------

/// One import bound into the cache: <cache>/bind/<key>/ holds surface.json,
/// bind.json and out/ (go/, include/<prefix>.h, mochi/<alias>.mochi and
/// .bindings.yaml, skip-report.txt). outputsH1 is the h1 hash of out/.
struct Bound {
  Import imp;
  std::string key, dir, prefix, surfaceSha256, outputsH1;
  /// Import paths of the wrapper's Go packages (rt and w/...).
  std::vector<std::string> goPackages;
  bool fromCache = false;
  std::string outDir() const { return dir + "/out"; }
};

/// The content key of an import's wrapper library.
std::string bindKey(const Context &ctx, const Import &imp,
                    const ModuleHashes &hashes);

/// The bound library of `key`, if the cache has it (and it is whole).
std::optional<Bound> findBound(const Context &ctx, const Import &imp,
                               llvm::StringRef key);

/// Ingest, lower and print `imp` into the cache (or find it there). The
/// go command that type-checks it starts from a go.sum of the module's own
/// hashes and `pinned` (the lock's dependency lines), and checks what it
/// fetches against GOSUMDB.
llvm::Expected<Bound> bindImport(Context &ctx, const Import &imp,
                                 const ModuleHashes &hashes,
                                 llvm::ArrayRef<std::string> pinned);

/// The C symbol prefix of an alias.
std::string prefixOf(llvm::StringRef alias);

// --- Building the program's archive (Build.cpp) ----------------------------

struct Archive {
  std::string key, path, sha256;
  /// go.sum lines of the modules the go command built it from that are not
  /// imports at their locked versions (sorted, as the go command wrote
  /// them).
  std::vector<std::string> dependencies;
  bool fromCache = false;
};

/// The content key of the archive of `bound` (sorted by alias).
std::string archiveKey(const Context &ctx, llvm::ArrayRef<Bound> bound);

/// The cached archive of `key`, if any.
std::optional<Archive> findArchive(const Context &ctx, llvm::StringRef key);

/// Build the c-archive of `bound` in a synthesised workspace (or find it in
/// the cache). `hashes[i]` belongs to `bound[i]`; its h1 lines and
/// `pinned` (the lock's dependency lines) seed the workspace's go.sum so
/// that the go command checks what it builds against the lock.
llvm::Expected<Archive> buildArchive(Context &ctx, llvm::ArrayRef<Bound> bound,
                                     llvm::ArrayRef<ModuleHashes> hashes,
                                     llvm::ArrayRef<std::string> pinned);

/// The go.sum lines of `gosum` that are not about an import of `bound` at
/// its version: the dependencies. Only h1: lines; sorted.
std::vector<std::string> dependencyLines(llvm::StringRef gosum,
                                         llvm::ArrayRef<Bound> bound);

/// A failure message with its security tag in front: the fetcher's tags
/// moved to the front, the go command's "SECURITY ERROR" tagged
/// go-checksum-mismatch; other messages unchanged.
std::string securityMessage(llvm::StringRef message);

/// Whether a failure message is a refusal on integrity grounds (tagged, or
/// the go command's "SECURITY ERROR"): exit 5.
bool isSecurityError(llvm::StringRef message);

/// Put a fetched module's verified files where a file:// GOPROXY finds them
/// (<cache>/goproxy, first in the go command's GOPROXY), so that the go
/// command reads the bytes we verified instead of fetching them again.
llvm::Error exposeToGo(const Context &ctx, const Import &imp,
                       const ModuleHashes &hashes);

// --- The build list (BuildList.cpp) ----------------------------------------

/// What mochi-go reads of a go.mod: its go version and its requirements.
struct GoModFile {
  std::string goVersion;
  std::vector<module::Version> requires_;
};
GoModFile parseGoMod(llvm::StringRef text);

struct BuildModule {
  ModuleHashes hashes; // of the module whose content was fetched
};

struct BuildList {
  /// Every module path of the program's build list and its version.
  std::map<std::string, std::string> selected;
  /// The modules fetched and verified to read their go.mod, by
  /// "path@version" of the content (the replacement, when replaced).
  std::map<std::string, BuildModule> verified;
};

/// Minimal version selection over the requirement graph from `roots` (the
/// imports and mochi.toml's [go-dependencies]), with mochi.toml's
/// replacements; modules are fetched and verified to read their go.mod.
llvm::Expected<BuildList>
computeBuildList(Context &ctx, const std::vector<module::Version> &roots,
                 const lock::Manifest &manifest, llvm::StringRef programDir,
                 unsigned &fetched);

/// mochi.toml's replacements as go.mod `replace` lines (forPins: as
/// mochi-go-ingest -pins lines, "M => NEW V" or "M => DIR"); local
/// directories made absolute.
std::string replaceLines(const Context &ctx, bool forPins);

// --- Errors that say what to do (Hints.cpp) ---------------------------------

/// Whether a fetch error says the proxy does not have the file (404, 410).
bool isNotFound(llvm::StringRef message);
/// Up to `n` of `available` nearest to `version` (semver order).
std::vector<std::string> nearestVersions(llvm::ArrayRef<std::string> available,
                                         llvm::StringRef version, size_t n);
/// For an import whose version the proxy does not have: the nearest
/// versions its @v/list has and the import line to write ("" when the
/// proxy has that version after all).
std::string unknownVersionHint(Context &ctx, const Import &imp);
/// For every dependency version (not an import) that `message` (the go
/// command's or the fetcher's) says could not be fetched: the versions the
/// proxy has and the mochi.toml lines that pin one. "" when none.
std::string missingDependencyHint(Context &ctx, llvm::StringRef message,
                                  llvm::ArrayRef<Import> imports);
/// "    app.mochi:3: import go ..." for "FILE:LINE[:COL]"; "" when the line
/// cannot be read.
std::string sourceLine(llvm::StringRef where);

/// Link flags of a c-archive for the target.
std::string archiveLibs(const Toolchain &tc);

/// Does a Go release ("go1.24.2", "go1.26rc1") have //go:wasmexport (the
/// embedded profile's build needs it)?
bool hasWasmExport(llvm::StringRef version);
/// What sync says when it does not.
std::string wasmExportError(const Context &ctx);

} // namespace detail
} // namespace driver
} // namespace mochigo

#endif // MOCHIGO_LIB_DRIVER_DRIVERIMPL_H
