//===- TypemapPass.cpp - decide how each declaration crosses --------------===//
//
// Part of mochi-go.
//
//===----------------------------------------------------------------------===//

#include "mochi-go/Bridge/Passes.h"
#include "mochi-go/CAbi/CAbiDialect.h"
#include "mochi-go/Typemap/TypeMap.h"

namespace mochigo {
namespace bridge {
#define GEN_PASS_DEF_TYPEMAP
#include "mochi-go/Bridge/Passes.h.inc"
} // namespace bridge
} // namespace mochigo

using namespace mlir;
using namespace mochigo;
using namespace mochigo::gosurface;

namespace {
struct TypemapPass : public bridge::impl::TypemapBase<TypemapPass> {
  using TypemapBase::TypemapBase;

  void runOnOperation() override {
    GoModuleOp module = getOperation();
    typemap::TypeMapper mapper(module);
    bool failedStrict = false;
    for (auto pkg : module.getBodyBlock().getOps<PackageOp>())
      for (Operation &op : pkg.getBodyBlock()) {
        std::optional<typemap::MappedDecl> decl =
            typemap::mapDeclaration(mapper, &op);
        if (!decl)
          continue;
        op.setAttr(cabi::kCrossingAttrName, decl->toAttr(&getContext()));
        if (strict && decl->reason) {
          op.emitError("not bridged: ")
              << cabi::stringifySkipReason(*decl->reason) << " ("
              << decl->detail << ")";
          failedStrict = true;
        }
      }
    if (failedStrict)
      signalPassFailure();
  }
};
} // namespace
