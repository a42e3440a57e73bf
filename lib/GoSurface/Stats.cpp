//===- Stats.cpp - count the declarations of a Go module ------------------===//
//
// Part of mochi-go.
//
//===----------------------------------------------------------------------===//

#include "mochi-go/GoSurface/Passes.h"

#include "mlir/Support/FileUtilities.h"
#include "llvm/ADT/TypeSwitch.h"
#include "llvm/Support/ToolOutputFile.h"

namespace mochigo {
namespace gosurface {
#define GEN_PASS_DEF_GOSURFACESTATS
#include "mochi-go/GoSurface/Passes.h.inc"
} // namespace gosurface
} // namespace mochigo

using namespace mlir;
using namespace mochigo::gosurface;

namespace {
struct Counts {
  unsigned packages = 0, consts = 0, vars = 0, types = 0, aliases = 0,
           funcs = 0, methods = 0, generic = 0, hidden = 0, externals = 0;
};

struct GoSurfaceStatsPass
    : public mochigo::gosurface::impl::GoSurfaceStatsBase<GoSurfaceStatsPass> {
  using GoSurfaceStatsBase::GoSurfaceStatsBase;

  void runOnOperation() override {
    GoModuleOp module = getOperation();
    Counts c;
    for (Operation &op : module.getBodyBlock()) {
      if (llvm::isa<ExternalTypeOp>(op)) {
        ++c.externals;
        continue;
      }
      auto pkg = llvm::dyn_cast<PackageOp>(op);
      if (!pkg)
        continue;
      ++c.packages;
      for (Operation &decl : pkg.getBodyBlock()) {
        if (decl.hasAttr("hidden")) {
          ++c.hidden;
          continue;
        }
        llvm::TypeSwitch<Operation *>(&decl)
            .Case([&](ConstOp) { ++c.consts; })
            .Case([&](VarOp) { ++c.vars; })
            .Case([&](TypeOp t) {
              ++c.types;
              if (!t.getTypeParams().empty())
                ++c.generic;
            })
            .Case([&](AliasOp a) {
              ++c.aliases;
              if (!a.getTypeParams().empty())
                ++c.generic;
            })
            .Case([&](FuncOp f) {
              ++c.funcs;
              if (!f.getTypeParams().empty())
                ++c.generic;
            })
            .Case([&](MethodOp) { ++c.methods; });
      }
    }

    std::string error;
    auto out = openOutputFile(outputFile, &error);
    if (!out) {
      module.emitError("go-surface-stats: ") << error;
      return signalPassFailure();
    }
    out->os() << module.getSymName() << "@" << module.getVersion()
              << ": packages=" << c.packages << " const=" << c.consts
              << " var=" << c.vars << " type=" << c.types
              << " alias=" << c.aliases << " func=" << c.funcs
              << " method=" << c.methods << " generic=" << c.generic
              << " hidden=" << c.hidden << " external=" << c.externals << "\n";
    out->keep();
    markAllAnalysesPreserved();
  }
};
} // namespace
