//===- CheckPass.cpp - publish-check: the API against the implementation --===//
//
// Part of mochi-go. include/mochi-go/Publish/Passes.td describes the pass.
//
//===----------------------------------------------------------------------===//

#include "mochi-go/Publish/Passes.h"
#include "mochi-go/Publish/Publish.h"

#include "GoSource.h"

#include "mochi-go/GoSurface/GoSurfaceDialect.h"

namespace mochigo {
namespace publish {
#define GEN_PASS_DEF_PUBLISHCHECK
#include "mochi-go/Publish/Passes.h.inc"
} // namespace publish
} // namespace mochigo

using namespace mlir;
using namespace mochigo;
using namespace mochigo::gosurface;
using namespace mochigo::publish;
using llvm::StringRef;

namespace {

/// byte is uint8 and rune is int32 for Go.
BasicKind canonicalKind(BasicKind k) {
  if (k == BasicKind::Byte)
    return BasicKind::Uint8;
  if (k == BasicKind::Rune)
    return BasicKind::Int32;
  return k;
}

struct Matcher {
  StringRef apiPkg, implPkg;

  bool same(Type a, Type i) const {
    if (auto ba = dyn_cast<BasicType>(a)) {
      auto bi = dyn_cast<BasicType>(i);
      return bi && canonicalKind(ba.getKind()) == canonicalKind(bi.getKind());
    }
    if (auto na = dyn_cast<NamedType>(a)) {
      auto ni = dyn_cast<NamedType>(i);
      if (!ni || na.getName() != ni.getName() ||
          na.getArgs().size() != ni.getArgs().size())
        return false;
      bool pkgOk = na.getPkg() == ni.getPkg() ||
                   (na.getPkg() == apiPkg && ni.getPkg() == implPkg);
      return pkgOk && all(na.getArgs(), ni.getArgs());
    }
    if (auto pa = dyn_cast<PointerType>(a)) {
      auto pi = dyn_cast<PointerType>(i);
      return pi && same(pa.getElem(), pi.getElem());
    }
    if (auto sa = dyn_cast<SliceType>(a)) {
      auto si = dyn_cast<SliceType>(i);
      return si && same(sa.getElem(), si.getElem());
    }
    if (auto ma = dyn_cast<MapType>(a)) {
      auto mi = dyn_cast<MapType>(i);
      return mi && same(ma.getKey(), mi.getKey()) &&
             same(ma.getElem(), mi.getElem());
    }
    if (auto fa = dyn_cast<FuncType>(a)) {
      auto fi = dyn_cast<FuncType>(i);
      return fi && fa.getVariadic() == fi.getVariadic() &&
             all(fa.getInputs(), fi.getInputs()) &&
             all(fa.getResults(), fi.getResults());
    }
    return a == i;
  }
  bool all(llvm::ArrayRef<Type> as, llvm::ArrayRef<Type> is) const {
    if (as.size() != is.size())
      return false;
    for (size_t k = 0; k < as.size(); ++k)
      if (!same(as[k], is[k]))
        return false;
    return true;
  }
};

struct PublishCheckPass
    : public publish::impl::PublishCheckBase<PublishCheckPass> {
  void runOnOperation() override;
};

StringRef mochiName(Operation *op) {
  if (auto n = op->getAttrOfType<StringAttr>(kMochiNameAttr))
    return n.getValue();
  return SymbolTable::getSymbolName(op).getValue();
}

void PublishCheckPass::runOnOperation() {
  ModuleOp top = getOperation();
  GoModuleOp api = findRole(top, "api");
  GoModuleOp impl = findRole(top, "impl");
  if (!api || !impl) {
    top.emitError() << "publish-check needs two go.modules, marked "
                    << kRoleAttr << " = \"api\" and \"impl\"";
    return signalPassFailure();
  }
  PackageOp apiPkg = rootPackage(api);
  PackageOp implPkg = rootPackage(impl);
  if (!apiPkg) {
    api.emitError() << "the API module has no package at its module path";
    return signalPassFailure();
  }
  if (!implPkg) {
    impl.emitError() << "the implementation module `" << impl.getSymName()
                     << "` has no package at its root";
    return signalPassFailure();
  }
  if (auto errs = implPkg.getErrors(); errs && !errs->empty()) {
    auto diag = implPkg.emitError()
                << "the implementation package does not type-check";
    for (Attribute e : *errs)
      diag.attachNote() << cast<StringAttr>(e).getValue();
    return signalPassFailure();
  }
  Matcher match{apiPkg.getPath(), implPkg.getPath()};
  StringRef local = apiPkg.getPath();
  StringRef implLocal = implPkg.getPath();
  bool failedAny = false;
  SymbolTable implSyms(implPkg);

  for (Operation &op : apiPkg.getBodyBlock()) {
    StringRef goName = SymbolTable::getSymbolName(&op).getValue();
    Operation *found = implSyms.lookup(goName);
    if (auto fn = dyn_cast<FuncOp>(op)) {
      auto implFn = dyn_cast_or_null<FuncOp>(found);
      if (!implFn || implFn.getHidden()) {
        fn.emitError() << "`" << mochiName(fn) << "` (Go `" << goName
                       << "`) is not defined by the implementation package `"
                       << implPkg.getPath() << "`";
        failedAny = true;
        continue;
      }
      if (!implFn.getTypeParams().empty() ||
          !match.same(fn.getSignature(), implFn.getSignature())) {
        auto diag = fn.emitError()
                    << "signature mismatch: `"
                    << fn->getAttrOfType<StringAttr>(kMochiSigAttr).getValue()
                    << "` is Go `func " << goName
                    << goSignature(fn.getSignature(), local)
                    << "`, the implementation has `func " << goName
                    << (implFn.getTypeParams().empty() ? "" : "[...]")
                    << goSignature(implFn.getSignature(), implLocal) << "`";
        diag.attachNote(implFn.getLoc())
            << "the implementation's `" << goName << "` is here";
        failedAny = true;
      }
      continue;
    }
    if (auto ty = dyn_cast<TypeOp>(op)) {
      auto implTy = dyn_cast_or_null<TypeOp>(found);
      if (!implTy || implTy.getHidden() ||
          implTy.getForm() != TypeForm::Struct ||
          !implTy.getTypeParams().empty()) {
        ty.emitError() << "record `" << mochiName(ty) << "` (Go `" << goName
                       << "`) is not defined as a struct type by the "
                          "implementation package `"
                       << implPkg.getPath() << "`";
        failedAny = true;
        continue;
      }
      SmallVector<FieldOp> want(ty.getBody().getOps<FieldOp>());
      SmallVector<FieldOp> have(implTy.getBody().getOps<FieldOp>());
      std::string why;
      for (size_t k = 0; k < std::max(want.size(), have.size()) && why.empty();
           ++k) {
        if (k >= want.size()) {
          why = "the implementation has an extra field `" +
                have[k].getName().str() + "`";
        } else if (k >= have.size()) {
          why = "the implementation lacks field `" + want[k].getName().str() +
                "`";
        } else if (want[k].getName() != have[k].getName() ||
                   have[k].getEmbedded() ||
                   !match.same(want[k].getType(), have[k].getType())) {
          why = "field " + std::to_string(k + 1) + " is `" +
                want[k].getName().str() + " " +
                goType(want[k].getType(), local) +
                "`, the implementation has `" + have[k].getName().str() + " " +
                goType(have[k].getType(), implLocal) + "`";
        }
      }
      if (!why.empty()) {
        auto diag = ty.emitError()
                    << "record `" << mochiName(ty)
                    << "` does not match the implementation: " << why;
        diag.attachNote(implTy.getLoc())
            << "the implementation's `" << goName << "` is here";
        failedAny = true;
      }
    }
  }
  if (failedAny)
    signalPassFailure();
  markAllAnalysesPreserved();
}

} // namespace

std::unique_ptr<Pass> publish::createPublishCheckPass() {
  return std::make_unique<PublishCheckPass>();
}
