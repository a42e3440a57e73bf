//===- Translations.cpp - register the printers ---------------------------===//
//
// Part of mochi-go.
//
//===----------------------------------------------------------------------===//

#include "mochi-go/CAbi/CAbiDialect.h"
#include "mochi-go/Emit/Emit.h"
#include "mochi-go/GoSurface/GoSurfaceDialect.h"

#include "mlir/IR/DialectRegistry.h"
#include "mlir/Tools/mlir-translate/Translation.h"
#include "llvm/Support/CommandLine.h"

using namespace mlir;

static llvm::cl::opt<std::string>
    mochiAlias("mochi-alias",
               llvm::cl::desc("Mochi alias of the import for "
                              "--emit-mochi-externs (default: from the "
                              "module path)"),
               llvm::cl::init(""));

void mochigo::emit::registerEmitTranslations() {
  auto dialects = [](DialectRegistry &registry) {
    registry.insert<gosurface::GoSurfaceDialect, cabi::CAbiDialect>();
  };
  static TranslateFromMLIRRegistration goWrapper(
      "emit-go-wrapper", "print the Go wrapper module (split-file form)",
      [](Operation *op, raw_ostream &os) {
        return emitGoWrapper(cast<ModuleOp>(op), os);
      },
      dialects);
  static TranslateFromMLIRRegistration goWasmWrapper(
      "emit-go-wasm-wrapper",
      "print the embedded profile's Go wrapper module (split-file form)",
      [](Operation *op, raw_ostream &os) {
        return emitGoWasmWrapper(cast<ModuleOp>(op), os);
      },
      dialects);
  static TranslateFromMLIRRegistration cHeader(
      "emit-c-header", "print the C header of the wrapper library",
      [](Operation *op, raw_ostream &os) {
        return emitCHeader(cast<ModuleOp>(op), os);
      },
      dialects);
  static TranslateFromMLIRRegistration externs(
      "emit-mochi-externs",
      "print the Mochi extern file and its C bindings (split-file form)",
      [](Operation *op, raw_ostream &os) {
        MochiExternOptions options;
        options.alias = mochiAlias;
        return emitMochiExterns(cast<ModuleOp>(op), options, os);
      },
      dialects);
  static TranslateFromMLIRRegistration skipReport(
      "emit-skip-report",
      "print how many declarations are bridged, handle-carried and skipped",
      [](Operation *op, raw_ostream &os) {
        return emitSkipReport(cast<ModuleOp>(op), os);
      },
      dialects);
}
