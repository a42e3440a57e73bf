//===- CHeader.cpp ----------------------------------------------------------===//
//
// Part of mochi-go. (being written)
//
//===----------------------------------------------------------------------===//

#include "mochi-go/Emit/Emit.h"

mlir::LogicalResult mochigo::emit::emitCHeader(mlir::ModuleOp module,
                                               llvm::raw_ostream &os) {
  return module.emitError("--emit-c-header is not written yet");
}
