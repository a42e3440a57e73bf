//===- StdSurface.h - standard-library surfaces -----------------*- C++ -*-===//
//
// Part of mochi-go. `mochi-go-ingest -std PKG` writes the ApiSurface of one
// standard-library package as module `std` (docs/ApiSurface.md); these are
// the rules the C++ side applies to such a surface. Header only: the passes
// and printers use it without linking the importer.
//
//===----------------------------------------------------------------------===//

#ifndef MOCHIGO_INGEST_STDSURFACE_H
#define MOCHIGO_INGEST_STDSURFACE_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringRef.h"

#include <optional>

namespace mochigo {
namespace ingest {

/// The module path of a standard-library surface. Its version is the Go
/// version of the toolchain the packages came from (`go1.23.5`).
constexpr llvm::StringLiteral kStdModulePath = "std";

/// Is `importPath` a standard-library path (its first element has no dot)?
inline bool isStdImportPath(llvm::StringRef importPath) {
  return !importPath.empty() && !importPath.split('/').first.contains('.');
}

/// The path a library's default names (the Mochi alias and the C prefix
/// `mochigo_<alias>`) are derived from: the module path, except for a
/// standard-library surface of one package, where `std` would give every
/// such library the same names: there it is the package path (`net/url`:
/// alias `url`, prefix `mochigo_url`). It is also the library's root for
/// pathBelowRoot.
inline llvm::StringRef
defaultNamePath(llvm::StringRef modulePath,
                llvm::ArrayRef<llvm::StringRef> packagePaths) {
  if (modulePath == kStdModulePath && packagePaths.size() == 1)
    return packagePaths.front();
  return modulePath;
}

/// defaultNamePath of a `go.module` or `cabi.library` named `modulePath`
/// whose package ops are `packages` (anything with `getPath()`).
template <typename PackageOpRange>
llvm::StringRef defaultNamePathOf(llvm::StringRef modulePath,
                                  PackageOpRange &&packages) {
  llvm::SmallVector<llvm::StringRef, 2> paths;
  for (auto pkg : packages) {
    paths.push_back(pkg.getPath());
    if (paths.size() > 1)
      break;
  }
  return defaultNamePath(modulePath, paths);
}

/// Where package `pkgPath` sits below the root of a library, `rootPath`
/// being its defaultNamePath: "" for the root package itself, `a/b` for
/// `<rootPath>/a/b`, and none for a package outside it. The names of a
/// library (package directories of C symbols, Mochi qualifiers, wrapper
/// directories, handle types) come from it, so the one package of a
/// standard-library surface is named like the root package of a module.
inline std::optional<llvm::StringRef> pathBelowRoot(llvm::StringRef rootPath,
                                                    llvm::StringRef pkgPath) {
  if (pkgPath == rootPath)
    return llvm::StringRef();
  if (pkgPath.starts_with(rootPath) &&
      pkgPath.drop_front(rootPath.size()).starts_with("/"))
    return pkgPath.drop_front(rootPath.size() + 1);
  return std::nullopt;
}

} // namespace ingest
} // namespace mochigo

#endif // MOCHIGO_INGEST_STDSURFACE_H
