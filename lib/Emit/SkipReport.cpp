//===- SkipReport.cpp ----------------------------------------------------------===//
//
// Part of mochi-go. (being written)
//
//===----------------------------------------------------------------------===//

#include "mochi-go/Emit/Emit.h"

mlir::LogicalResult mochigo::emit::emitSkipReport(mlir::ModuleOp module,
                                                  llvm::raw_ostream &os) {
  return module.emitError("--emit-skip-report is not written yet");
}
