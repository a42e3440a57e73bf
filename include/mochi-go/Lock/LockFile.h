//===- LockFile.h - mochi.lock: pinned Go imports of a program --*- C++ -*-===//
//
// Part of mochi-go. The lock file `mochi.lock` that `mochi-go sync` writes
// next to a Mochi program: one [[go-package]] entry per Go import (a module
// from a module proxy, or a standard-library package) pinning its version,
// hashes, checksum-database status, the toolchain, profile and target it was
// built with, and the hashes of its API surface and generated outputs; and
// the program's c-archive. This library holds the data model, a
// deterministic printer, a validating parser (TOML through toml++), an
// atomic writer and the drift comparison of `mochi-go sync --check`.
// docs/LockFile.md describes the format.
//
//===----------------------------------------------------------------------===//

#ifndef MOCHIGO_LOCK_LOCKFILE_H
#define MOCHIGO_LOCK_LOCKFILE_H

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace mochigo {
namespace lock {

/// The file name `mochi-go sync` writes next to the program.
constexpr const char *LockFileName = "mochi.lock";

/// The only `lock-version` this library reads and writes.
constexpr int CurrentLockVersion = 1;

/// The `module` value of a standard-library entry.
constexpr const char *StdModule = "std";

/// Where a Go package came from: `source.kind` in the lock.
enum class SourceKind {
  ModuleProxy, ///< "module-proxy": a module downloaded through GOPROXY.
  Stdlib,      ///< "stdlib": a package of the Go distribution.
};

/// "module-proxy" or "stdlib".
llvm::StringRef sourceKindName(SourceKind kind);

/// The inverse of sourceKindName; std::nullopt for any other spelling.
std::optional<SourceKind> parseSourceKind(llvm::StringRef name);

/// The closed set of differences `compare` reports, in the order they are
/// reported for one entry. The spelling (driftKindName) is stable.
enum class DriftKind {
  Missing,      ///< "missing": imported by the sources, no lock entry.
  Stale,        ///< "stale": a lock entry that no source imports.
  Version,      ///< "version": version.
  Alias,        ///< "alias": the Mochi alias of the import.
  ZipHash,      ///< "zip-hash": zip-h1 (modules).
  ModHash,      ///< "mod-hash": mod-h1 (modules).
  Sumdb,        ///< "sumdb": sumdb-verified (modules).
  Toolchain,    ///< "toolchain": go-toolchain.
  Profile,      ///< "profile": profile.
  Target,       ///< "target": target (GOOS/GOARCH).
  ApiSurface,   ///< "api-surface": api-surface-sha256.
  Outputs,      ///< "outputs": outputs-h1.
  Archive,      ///< "archive": the [archive] table.
  Dependencies, ///< "dependencies": [archive] dependencies.
};

/// The stable spelling: "missing", "stale", "version", "alias", "zip-hash",
/// "mod-hash", "sumdb", "toolchain", "profile", "target", "api-surface",
/// "outputs", "archive", "dependencies".
llvm::StringRef driftKindName(DriftKind kind);

/// The inverse of driftKindName; std::nullopt for any other spelling.
std::optional<DriftKind> parseDriftKind(llvm::StringRef name);

/// The name `compare` gives the observed side of a drift of `kind` when the
/// observed entry names no origin: "program" for missing, stale, version and
/// alias; "cache" for zip-hash, mod-hash, sumdb, api-surface and outputs;
/// "toolchain" for toolchain; "build" for profile, target, archive and
/// dependencies.
llvm::StringRef defaultOrigin(DriftKind kind);

/// The `source` inline table of an entry.
struct Source {
  SourceKind kind = SourceKind::ModuleProxy;
  /// The GOPROXY URL the module was downloaded from (module-proxy only).
  std::string proxy;
};

/// One [[go-package]] entry: a Go import of the program.
///
/// A module entry has `module` = the module path, `version` = its canonical
/// semantic version, source kind module-proxy, and the zip and go.mod
/// hashes. A standard-library entry has `module` = "std", `package` = the
/// import path, `version` = the Go toolchain version, source kind stdlib,
/// and no zip-h1, mod-h1 or sumdb-verified.
///
/// In the observed side of `compare`, an empty string (or an unset
/// sumdbVerified) means "not known": that field is not compared.
struct GoPackage {
  std::string module;
  /// The import path; standard-library entries only.
  std::string package;
  std::string version;
  /// The Mochi name of the import.
  std::string alias;
  Source source;
  /// "h1:" hash of the module zip (modules only).
  std::string zipH1;
  /// "h1:" hash of the module's go.mod (modules only).
  std::string modH1;
  /// Whether the checksum database vouched for the hashes (modules only;
  /// always written for modules, an unset value is written as false).
  std::optional<bool> sumdbVerified;
  /// The Go toolchain version that built the wrapper ("go1.23.4").
  std::string goToolchain;
  /// The build profile ("cgo").
  std::string profile;
  /// GOOS/GOARCH ("linux/amd64").
  std::string target;
  /// SHA-256 (64 lowercase hex digits) of the ingested API surface.
  std::string apiSurfaceSha256;
  /// "h1:" hash of the generated wrapper outputs.
  std::string outputsH1;

  /// Observed entries only, never printed or parsed: where the observed
  /// value of a drift kind came from ("app.mochi", "cache", ...), named in
  /// the drift detail. A kind without an entry uses defaultOrigin(kind).
  std::map<DriftKind, std::string> origins;

  /// Whether this is a standard-library entry (module == "std").
  bool isStd() const { return module == StdModule; }
};

/// The [archive] table: the program's c-archive.
struct Archive {
  /// File name ("libmochigo_app.a"), no directory.
  std::string name;
  /// SHA-256 of the file, 64 lowercase hex digits.
  std::string sha256;
  /// The go.sum lines ("path version h1:..." and "path version/go.mod
  /// h1:...") of every module the go command used to build the archive
  /// that is not itself a [[go-package]] at its locked version: the
  /// imports' dependencies, pinned like the imports. Printed sorted, one a
  /// line, and left out when empty. In the observed side of `compare`,
  /// std::nullopt means "not known" (not compared).
  std::optional<std::vector<std::string>> dependencies;
  /// Observed side only, never printed or parsed: where the observed values
  /// came from; empty means defaultOrigin(DriftKind::Archive).
  std::string origin;
};

/// The whole lock file.
/// One module of the program's build list that is not an import: the
/// version minimal version selection chose, and where its content came
/// from. Printed as [[go-module]] tables, sorted by module.
struct GoModule {
  std::string module;
  std::string version;
  /// "module-proxy" (downloaded as itself), "replaced" (the content of
  /// `replacement`, "module@version", from mochi.toml's [go.replace]), or
  /// "path" (a local directory, as mochi.toml wrote it).
  std::string kind = "module-proxy";
  std::string replacement; // kind "replaced"
  std::string path;        // kind "path"
};

struct LockFile {
  std::vector<GoPackage> packages;
  /// The build list besides the imports (empty: not recorded).
  std::vector<GoModule> modules;
  std::optional<Archive> archive;
  int lockVersion = CurrentLockVersion;
};

/// How an entry is named in drift lines and messages:
/// "github.com/google/uuid@v1.6.0" for a module, "std:strings@go1.23.4" for
/// a standard-library package; "@version" is left out when the version is
/// empty.
std::string entryName(const GoPackage &pkg);

/// Sort the entries by (module, package, version, alias), byte-wise: the
/// order printLock writes them in.
void sortPackages(LockFile &lock);

/// The text of the lock file: the header comment, lock-version, the entries
/// sorted as by sortPackages with their keys in a fixed order, then the
/// [archive] table if there is one. Strings are TOML basic strings;
/// '"', '\\' and control characters are escaped, bytes that are not valid
/// UTF-8 are written as U+FFFD (validateLock refuses them). Deterministic:
/// the same LockFile gives the same bytes.
std::string printLock(const LockFile &lock);

/// Check the rules parseLock enforces on an in-memory lock (required
/// values, formats, no duplicate (module, package), ...). Each problem is a
/// line "go-package[I].KEY: MESSAGE" (I indexes lock.packages as given) or
/// "archive.KEY: MESSAGE" or "lock-version: MESSAGE".
llvm::Error validateLock(const LockFile &lock);

/// Parse and validate the text of a lock file. Every problem is a line
/// "FILE:LINE:COL: error: PATH: MESSAGE" (positions from toml++, 1-based,
/// columns in code points; PATH like "go-package[0].version", 0-based
/// index in file order), sorted by position; a TOML syntax error is
/// "FILE:LINE:COL: error: invalid TOML: DESCRIPTION". Unknown keys are
/// ignored. The entries keep their file order.
llvm::Expected<LockFile> parseLock(llvm::StringRef text,
                                   llvm::StringRef fileName);

/// Read and parse the lock at `path`. std::nullopt when the file does not
/// exist; any other failure (unreadable, a directory, invalid) is an error.
llvm::Expected<std::optional<LockFile>> readLock(llvm::StringRef path);

/// Validate `lock`, print it and write it to `path` atomically: a temporary
/// sibling, fsync, rename over `path`, fsync of the directory. A crash
/// never leaves a partial lock at `path`; on error `path` is unchanged.
llvm::Error writeLock(llvm::StringRef path, const LockFile &lock);

/// One difference between the lock and what the sources and the cache say.
struct Drift {
  DriftKind kind = DriftKind::Missing;
  /// The entry (empty for archive drift): module, package (std only) and
  /// version as locked; the observed ones for missing drift.
  std::string module;
  std::string package;
  std::string version;
  /// Archive and dependencies drift: the locked archive name, else the
  /// observed one.
  std::string archive;
  /// The locked and the observed value as the detail shows them (empty for
  /// missing and stale drift).
  std::string locked;
  std::string observed;
  /// Where the observed side came from ("cache", "program", ...).
  std::string origin;

  bool operator==(const Drift &o) const {
    return kind == o.kind && module == o.module && package == o.package &&
           version == o.version && archive == o.archive && locked == o.locked &&
           observed == o.observed && origin == o.origin;
  }
};

/// The drifts between `locked` (the lock file) and `observed` (what the
/// driver computed from the sources and the cache). Entries are matched by
/// (module, package). An empty observed field (unset sumdbVerified, no
/// observed archive) is not compared; zip-hash, mod-hash and sumdb are not
/// compared for standard-library entries. Ordered by entry as sortPackages
/// orders them (missing entries by their observed values), the kinds of one
/// entry in DriftKind order, then archive drift, then one dependencies
/// drift per dependency line that differs (by module, version and kind:
/// a hash that changed, a line only one side has), in go.sum order.
std::vector<Drift> compare(const LockFile &locked, const LockFile &observed);

/// One line, no newline: "<entry>: <kind> drift (<detail>)" where <entry>
/// is entryName() and <detail> is "lock has X, <origin> has Y"; missing:
/// "lock has no entry, <origin> imports it"; stale: "lock has an entry,
/// <origin> does not import it"; an empty value shows as "none"; archive
/// drift: "archive <name>: archive drift (<detail>)"; dependencies drift:
/// "archive <name>: dependencies drift (lock has <line>, <origin> has
/// <line>)", "none" for a side without that dependency.
std::string formatDrift(const Drift &drift);

} // namespace lock
} // namespace mochigo

#endif // MOCHIGO_LOCK_LOCKFILE_H
