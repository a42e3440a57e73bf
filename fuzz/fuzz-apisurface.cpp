//===- fuzz-apisurface.cpp - the ApiSurface importer ----------------------===//
//
// Part of mochi-go. ApiSurface JSON (docs/ApiSurface.md) into the GoSurface
// dialect: either a null module with diagnostics, or a module that verifies.
//
//===----------------------------------------------------------------------===//

#include "FuzzCommon.h"

#include "mochi-go/GoSurface/GoSurfaceDialect.h"
#include "mochi-go/Ingest/ApiSurfaceImporter.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/MLIRContext.h"
#include "mlir/IR/Verifier.h"

using namespace mochigo;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  static mlir::MLIRContext *context = [] {
    auto *c = new mlir::MLIRContext();
    c->loadDialect<gosurface::GoSurfaceDialect>();
    c->getDiagEngine().registerHandler([](mlir::Diagnostic &) {});
    return c;
  }();
  mlir::OwningOpRef<mlir::ModuleOp> module =
      ingest::importApiSurface(fuzz::text(data, size), "surface.json", context);
  if (module)
    fuzz::require(mlir::succeeded(mlir::verify(*module)),
                  "an imported module verifies");
  return 0;
}
