//===- GoWrapper.cpp ----------------------------------------------------------===//
//
// Part of mochi-go. (being written)
//
//===----------------------------------------------------------------------===//

#include "mochi-go/Emit/Emit.h"

mlir::LogicalResult mochigo::emit::emitGoWrapper(mlir::ModuleOp module,
                                                 llvm::raw_ostream &os) {
  return module.emitError("--emit-go-wrapper is not written yet");
}
