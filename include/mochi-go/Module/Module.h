//===- Module.h - Module paths, versions and their encodings ----*- C++ -*-===//
//
// Part of mochi-go. The rules of golang.org/x/mod/module, which the go
// command applies to every module path, import path, file path and version
// it reads from a proxy: the character sets, the /vN and gopkg.in .vN major
// suffixes, the case encoding of paths and versions in URLs and cache
// directories ("github.com/Azure" -> "github.com/!azure"), the ordering of
// go.sum lines, and the glob lists of GOPRIVATE, GONOPROXY and GONOSUMDB.
//
//===----------------------------------------------------------------------===//

#ifndef MOCHIGO_MODULE_MODULE_H
#define MOCHIGO_MODULE_MODULE_H

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <cstdint>
#include <string>
#include <vector>

namespace mochigo {
namespace module {

/// A module path and version. In go.sum the version may carry a "/go.mod"
/// suffix, naming the hash of the go.mod file alone.
struct Version {
  std::string path;
  std::string version;

  /// "path@version", or "path" when the version is empty.
  std::string str() const;
  bool operator==(const Version &o) const {
    return path == o.path && version == o.version;
  }
};

/// Parse "path@version" (the version may be a query such as "latest").
/// Errors name the argument.
llvm::Expected<Version> parseModuleArg(llvm::StringRef arg);

/// Module path rules (module.CheckPath): an import path whose first element
/// is a lower-case domain with a dot, no leading dash in the first element,
/// and a well-formed major version suffix. Error text names the path.
llvm::Error checkPath(llvm::StringRef path);
/// Import path rules (module.CheckImportPath).
llvm::Error checkImportPath(llvm::StringRef path);
/// File path rules inside a module zip (module.CheckFilePath): slash
/// separated, clean, relative, no element that Windows reserves, only the
/// allowed characters (ASCII letters, digits, a fixed punctuation set, and
/// Unicode letters).
llvm::Error checkFilePath(llvm::StringRef path);

/// The path split into prefix and major suffix: "a.com/m/v2" -> ("a.com/m",
/// "/v2"), "gopkg.in/yaml.v3" -> ("gopkg.in/yaml", ".v3"); ok is false for a
/// malformed suffix ("a.com/m/v1", "a.com/m/v02", "gopkg.in/yaml").
struct SplitPath {
  std::string prefix;
  std::string pathMajor;
  bool ok = false;
};
SplitPath splitPathVersion(llvm::StringRef path);

/// Whether `version` is allowed with the major suffix `pathMajor`
/// (module.CheckPathMajor): "" allows v0, v1 and +incompatible v2+;
/// "/vN" and ".vN" demand major vN (gopkg.in .v0 and .v1 also allow
/// v0.0.0 pseudo-versions).
llvm::Error checkPathMajor(llvm::StringRef version, llvm::StringRef pathMajor);

/// module.Check: a valid module path, a canonical version that agrees with
/// the path's major suffix. The error names path@version.
llvm::Error check(llvm::StringRef path, llvm::StringRef version);

/// Like semver::canonical but keeps a "+incompatible" suffix.
std::string canonicalVersion(llvm::StringRef v);

/// Case encoding for URLs and file names: every upper-case ASCII letter
/// becomes '!' and its lower-case form. The path must pass checkPath.
llvm::Expected<std::string> escapePath(llvm::StringRef path);
/// The inverse; refuses '!' before a non-lower-case letter, upper-case
/// letters, and results that fail checkPath.
llvm::Expected<std::string> unescapePath(llvm::StringRef escaped);
/// The same encoding for versions. The version must be a valid path element
/// (no '/', no '!', ...), as in module.EscapeVersion.
llvm::Expected<std::string> escapeVersion(llvm::StringRef version);
llvm::Expected<std::string> unescapeVersion(llvm::StringRef escaped);

/// GOPRIVATE-style matching (module.MatchPrefixPatterns): `globs` is a
/// comma-separated list of path.Match patterns, each matched against the
/// leading path elements of `target` (as many elements as the pattern has).
/// Empty entries are ignored; a malformed pattern matches nothing.
bool matchPrefixPatterns(llvm::StringRef globs, llvm::StringRef target);

/// Validate such a list; the error names the first malformed pattern.
llvm::Error checkPrefixPatterns(llvm::StringRef globs);

/// path.Match of Go (the '*', '?', '[...]' and '\\' syntax; '*' and '?'
/// never match '/'). Returns false with `malformed` set on a bad pattern.
bool pathMatch(llvm::StringRef pattern, llvm::StringRef name,
               bool *malformed = nullptr);

/// go.sum order (module.Sort): by path, then by semver of the version with
/// any "/go.mod" suffix removed, the plain entry before its /go.mod entry,
/// then by string.
void sortVersions(std::vector<Version> &versions);

/// Case folding such that foldString(a) == foldString(b) exactly when Go's
/// strings.EqualFold(a, b) (Unicode simple folding). Invalid UTF-8 bytes
/// are kept as they are.
std::string foldString(llvm::StringRef s);

/// unicode.IsLetter of the Go toolchain the build found (its tables are
/// generated from Go's unicode package at build time).
bool isLetter(uint32_t rune);

/// Go's %q of a string (strconv.Quote): double quotes, backslash escapes for
/// '"', '\\', control characters, invalid UTF-8 bytes (\xNN) and runes that
/// strconv.IsPrint refuses (\uNNNN, \UNNNNNNNN). Used for the paths and
/// versions quoted in error messages, as the go command quotes them. Input
/// longer than MaxQuotedLength bytes is cut (at a UTF-8 boundary) and
/// followed by `... (N bytes)`, so a message never repeats huge input.
std::string quote(llvm::StringRef s);

/// The most bytes of input quote() shows.
constexpr size_t MaxQuotedLength = 200;

/// Length limits on module and import paths and versions, checked before
/// anything else. Go's own rules (x/mod/module CheckPath, as of Go 1.26)
/// have none; these follow what a path must fit into: each element becomes
/// a directory name in the module cache (at most 255 bytes on Linux file
/// systems, after the '!' escaping of capitals), and the whole path a URL
/// and a file path.
constexpr size_t MaxPathLength = 1024;
constexpr size_t MaxPathElementLength = 255; // escaped
constexpr size_t MaxVersionLength = 256;

/// An error when `version` is longer than MaxVersionLength.
llvm::Error checkVersionLength(llvm::StringRef version);

} // namespace module
} // namespace mochigo

#endif // MOCHIGO_MODULE_MODULE_H
