//===- GoSource.h - Go types as Go source, for publish ----------*- C++ -*-===//
//
// Part of mochi-go. Private to lib/Publish.
//
//===----------------------------------------------------------------------===//

#ifndef MOCHIGO_LIB_PUBLISH_GOSOURCE_H
#define MOCHIGO_LIB_PUBLISH_GOSOURCE_H

#include "mochi-go/GoSurface/GoSurfaceOps.h"
#include "mochi-go/GoSurface/GoSurfaceTypes.h"

#include "mlir/IR/BuiltinOps.h"

#include <string>

namespace mochigo {
namespace publish {

/// `t` as Go source; named types of package `local` are unqualified, others
/// are qualified by the last element of their package path.
std::string goType(mlir::Type t, llvm::StringRef local,
                   llvm::StringRef localQualifier = "");

/// `func(a int64, b string) (int64, error)` without the name.
std::string goSignature(gosurface::FuncType fn, llvm::StringRef local,
                        llvm::StringRef localQualifier = "");

/// The `go.module` marked `mochi.publish = role` in `top`, or null.
gosurface::GoModuleOp findRole(mlir::ModuleOp top, llvm::StringRef role);

/// The package of `mod` whose path is the module path, or null.
gosurface::PackageOp rootPackage(gosurface::GoModuleOp mod);

/// Go keywords.
bool isGoKeyword(llvm::StringRef word);

} // namespace publish
} // namespace mochigo

#endif // MOCHIGO_LIB_PUBLISH_GOSOURCE_H
