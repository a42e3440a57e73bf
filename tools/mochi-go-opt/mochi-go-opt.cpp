//===- mochi-go-opt.cpp - the mochi-go optimizer driver -------------------===//
//
// Part of mochi-go. An mlir-opt for the GoSurface dialect: parses IR, runs a
// pass pipeline, prints IR. Accepts every mlir-opt flag, plus
// --print-after-all as a spelling of --mlir-print-ir-after-all.
//
//===----------------------------------------------------------------------===//

#include "mochi-go/Bridge/Passes.h"
#include "mochi-go/CAbi/CAbiDialect.h"
#include "mochi-go/GoSurface/GoSurfaceDialect.h"
#include "mochi-go/GoSurface/Passes.h"
#include "mochi-go/Publish/Passes.h"
#include "mochi-go/Support/Version.h"

#include "mlir/IR/DialectRegistry.h"
#include "mlir/Tools/mlir-opt/MlirOptMain.h"
#include "mlir/Transforms/Passes.h"

#include <cstring>
#include <vector>

int main(int argc, char **argv) {
  mochigo::setVersionPrinter("mochi-go-opt");
  mlir::DialectRegistry registry;
  registry.insert<mochigo::gosurface::GoSurfaceDialect,
                  mochigo::cabi::CAbiDialect>();
  mochigo::gosurface::registerGoSurfacePasses();
  mochigo::bridge::registerBridgePasses();
  mochigo::publish::registerPublishPasses();
  // The generic MLIR passes that make sense on this IR (canonicalize, cse,
  // symbol-dce, print-op-stats, ...).
  mlir::registerTransformsPasses();

  // --print-after-all is what LLVM's opt calls it; MLIR spells it
  // --mlir-print-ir-after-all. Accept both.
  std::vector<char *> args(argv, argv + argc);
  static char alias[] = "--mlir-print-ir-after-all";
  for (char *&arg : args)
    if (!std::strcmp(arg, "--print-after-all") ||
        !std::strcmp(arg, "-print-after-all"))
      arg = alias;
  return mlir::asMainReturnCode(
      mlir::MlirOptMain(static_cast<int>(args.size()), args.data(),
                        "mochi-go optimizer driver\n", registry));
}
