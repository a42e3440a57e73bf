//===- MochiExterns.cpp ----------------------------------------------------------===//
//
// Part of mochi-go. (being written)
//
//===----------------------------------------------------------------------===//

#include "mochi-go/Emit/Emit.h"

mlir::LogicalResult
mochigo::emit::emitMochiExterns(mlir::ModuleOp module,
                                const MochiExternOptions &options,
                                llvm::raw_ostream &os) {
  return module.emitError("--emit-mochi-externs is not written yet");
}
