//===- Manifest.h - mochi.toml: the Go dependencies a program wants -*- C++ -*-===//
//
// Part of mochi-go. `mochi.toml` beside a Mochi program says what the
// `import go` lines cannot: versions of transitive modules the program
// wants (as go.mod `require` lines) and replacements (as go.mod `replace`
// lines: another module at a version, or a local directory).
//
//   [go-dependencies]
//   "github.com/spf13/pflag" = "v1.0.6"
//
//   [go]
//   profile = "embedded"        # or "cgo", the default
//
//   [go.replace]
//   "github.com/mattn/go-isatty" = "github.com/mattn/go-isatty@v0.0.20"
//   "example.com/local" = "../local"
//
// Read strictly: every problem is reported with file:line:col (toml++'s
// positions), unknown tables and keys included. docs/LockFile.md has the
// reference.
//
//===----------------------------------------------------------------------===//

#ifndef MOCHIGO_LOCK_MANIFEST_H
#define MOCHIGO_LOCK_MANIFEST_H

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <optional>
#include <string>
#include <vector>

namespace mochigo {
namespace lock {

struct ManifestRequire {
  std::string path, version;
  std::string where; // "mochi.toml:3:1"
};

struct ManifestReplace {
  std::string path; // the module replaced (every version of it)
  /// Another module at a version (newPath non-empty), or a local directory
  /// (dir non-empty, as written: "./x", "../x" or "/abs").
  std::string newPath, newVersion, dir;
  std::string where;
  bool isLocal() const { return !dir.empty(); }
};

struct Manifest {
  std::vector<ManifestRequire> requires_;
  std::vector<ManifestReplace> replaces;
  /// `[go] profile`: "cgo", "embedded", or "" when not given (cgo).
  std::string profile;
  /// The replacement of `path`, if any.
  const ManifestReplace *replacementOf(llvm::StringRef path) const;
};

/// Parse and validate; every problem, one per line, sorted by position.
llvm::Expected<Manifest> parseManifest(llvm::StringRef text,
                                       llvm::StringRef fileName);

/// std::nullopt when `path` does not exist, else parseManifest of it.
llvm::Expected<std::optional<Manifest>> readManifest(llvm::StringRef path);

} // namespace lock
} // namespace mochigo

#endif // MOCHIGO_LOCK_MANIFEST_H
