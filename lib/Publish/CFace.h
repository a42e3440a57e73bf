//===- CFace.h - the C face of a published module ---------------*- C++ -*-===//
//
// Part of mochi-go. Private to lib/Publish: `mochi-go publish --c-header`
// runs the consume pipeline (typemap, handle-pool, cgo-export and the
// printers of lib/Emit) on the published module's own surface, and writes
// a C program that calls every exported function through the C header for
// the c-program gate (docs/Publish.md, "The C face").
//
//===----------------------------------------------------------------------===//

#ifndef MOCHIGO_LIB_PUBLISH_CFACE_H
#define MOCHIGO_LIB_PUBLISH_CFACE_H

#include "mochi-go/Publish/Publish.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/OwningOpRef.h"
#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"

#include <string>
#include <vector>

namespace mochigo {
namespace publish {

/// The directory of the C face inside the published module.
constexpr llvm::StringLiteral kCFaceDir = "cabi";

struct CFace {
  /// The module after cgo-export: the `cabi.library` the files come from.
  mlir::OwningOpRef<mlir::ModuleOp> lowered;
  /// The library's C symbol prefix (`mochigo_<last path element>`).
  std::string prefix;
  /// Paths relative to the published module: `cabi/main.go`,
  /// `cabi/rt/rt.go`, `cabi/w/<dir>/wrap.go` and `cabi/<prefix>.h`.
  std::vector<OutFile> files;
};

/// Lower the ApiSurface JSON of the published module (ingested from the
/// written module) with typemap, handle-pool and cgo-export, and print the
/// Go wrapper (as the package `<module>/cabi`) and the C header with the
/// printers of lib/Emit. Every Go name of `apiFunctions` must come out as a
/// `func` export; one that does not is an error naming the reason the type
/// map gave. Errors go to the context's diagnostic handler.
mlir::LogicalResult makeCFace(llvm::StringRef surfaceJson,
                              llvm::StringRef modulePath,
                              llvm::ArrayRef<std::string> apiFunctions,
                              mlir::MLIRContext *ctx, CFace &out);

/// The C program of the c-program gate: it includes `<prefix>.h` and calls
/// every `func` export of `lowered` twice, with zero arguments and with
/// sample arguments, prints each call and its results, checks the status
/// and the ownership rules of docs/CAbi.md, frees every result, releases
/// every handle, and exits 1 on any violation.
mlir::LogicalResult emitCProgram(mlir::ModuleOp lowered, std::string &text);

} // namespace publish
} // namespace mochigo

#endif // MOCHIGO_LIB_PUBLISH_CFACE_H
