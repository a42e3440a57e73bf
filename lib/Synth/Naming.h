//===- Naming.h - symbols of handle types and records -----------*- C++ -*-===//
//
// Part of mochi-go. Private to lib/Synth.
//
//===----------------------------------------------------------------------===//

#ifndef MOCHIGO_LIB_SYNTH_NAMING_H
#define MOCHIGO_LIB_SYNTH_NAMING_H

#include "mochi-go/CAbi/CAbiOps.h"
#include "mochi-go/GoSurface/GoSurfaceOps.h"

#include "llvm/ADT/StringSet.h"

#include <string>

namespace mochigo {
namespace synth {

/// A C identifier made of `s`: every other character becomes `_`.
std::string sanitize(llvm::StringRef s);

/// The path the names of `module`'s library are relative to: the module
/// path, or the package path for a standard-library surface of one package
/// (ingest::defaultNamePath), so that package is named like a module's root
/// package.
llvm::StringRef rootPath(gosurface::GoModuleOp module);

/// The directory of a package below the root `rootPath` (see rootPath),
/// sanitized ("" for the root package, `_` for `/`).
std::string packageDir(llvm::StringRef rootPath, llvm::StringRef pkgPath);

/// The symbol a handle type or record of `type` gets before clashes are
/// resolved (see the handle-pool pass description); `rootPath` as for
/// packageDir.
std::string baseSymbol(mlir::Type type, llvm::StringRef rootPath);

/// `base`, or `base_2`, `base_3`, ... : the first name not yet defined in
/// the library and not in `reserved`.
std::string uniqueSymbol(cabi::LibraryOp library, const std::string &base,
                         const llvm::StringSet<> *reserved = nullptr);

/// The go.module next to `library` with the same path, or null.
gosurface::GoModuleOp findGoModule(cabi::LibraryOp library);

/// The exports of `library` as the cgo-export pass makes them (see its
/// description in Passes.td); the linkname pass starts from them too.
mlir::LogicalResult createExports(cabi::LibraryOp library);

} // namespace synth
} // namespace mochigo

#endif // MOCHIGO_LIB_SYNTH_NAMING_H
