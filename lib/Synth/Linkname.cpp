//===- Linkname.cpp - the exports of the embedded profile -----------------===//
//
// Part of mochi-go. Makes the exports cgo-export would make, then keeps the
// ones whose values cross without C memory (the embedded subset, see the
// pass description in Passes.td and docs/Embedded.md) and records why the
// others' declarations are skipped.
//
//===----------------------------------------------------------------------===//

#include "Naming.h"

#include "mochi-go/Bridge/Passes.h"
#include "mochi-go/Typemap/TypeMap.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinTypes.h"
#include "llvm/ADT/StringSet.h"

#include <functional>

namespace mochigo {
namespace bridge {
#define GEN_PASS_DEF_LINKNAME
#include "mochi-go/Bridge/Passes.h.inc"
} // namespace bridge
} // namespace mochigo

using namespace mlir;
using namespace mochigo;
using namespace mochigo::gosurface;

namespace {

/// Why a value is outside the embedded subset, with what to say about it.
struct Refusal {
  cabi::SkipReason reason;
  std::string detail;
};

/// Is `t` uintptr, or a named type whose underlying type is?
bool isUintptr(Type t, const typemap::TypeMapper &mapper) {
  if (auto n = dyn_cast<NamedType>(t))
    t = mapper.underlying(n);
  auto b = dyn_cast_or_null<BasicType>(t);
  return b && b.getKind() == BasicKind::Uintptr;
}

/// Can the embedded printer name the Go type of a handle type?
bool isNamedHandle(Type goType) {
  if (auto p = dyn_cast<PointerType>(goType))
    goType = p.getElem();
  return isa<NamedType, AnyType>(goType);
}

/// An export of the goroutine bridge (docs/CAbi.md)?
bool isBridgeExport(cabi::ExportKind kind) {
  switch (kind) {
  case cabi::ExportKind::ChanMake:
  case cabi::ExportKind::ChanSend:
  case cabi::ExportKind::ChanTrySend:
  case cabi::ExportKind::ChanRecv:
  case cabi::ExportKind::ChanTryRecv:
  case cabi::ExportKind::ChanClose:
  case cabi::ExportKind::ChanLen:
  case cabi::ExportKind::ChanCap:
  case cabi::ExportKind::FuncCall:
  case cabi::ExportKind::Callback:
    return true;
  default:
    return false;
  }
}

struct LinknamePass : public bridge::impl::LinknameBase<LinknamePass> {
  using LinknameBase::LinknameBase;

  void runOnOperation() override {
    SmallVector<cabi::LibraryOp> libs(getOperation().getOps<cabi::LibraryOp>());
    if (libs.empty() && !getOperation().getOps<GoModuleOp>().empty()) {
      getOperation().emitError(
          "no cabi.library: run --typemap and --handle-pool first");
      return signalPassFailure();
    }
    for (cabi::LibraryOp lib : libs) {
      for (auto p : lib.getBodyBlock().getOps<cabi::PackageOp>()) {
        p.emitError("the library already has exports: run --linkname "
                    "instead of --cgo-export, not after it");
        return signalPassFailure();
      }
      if (failed(synth::createExports(lib)) || failed(restrict(lib)))
        return signalPassFailure();
    }
  }

  LogicalResult restrict(cabi::LibraryOp lib) {
    GoModuleOp module = synth::findGoModule(lib);
    MLIRContext *ctx = lib.getContext();
    lib->setAttr(cabi::kProfileAttrName, StringAttr::get(ctx, "embedded"));

    typemap::TypeMapper mapper(module);
    DenseMap<StringRef, PackageOp> packages;
    for (auto pkg : module.getBodyBlock().getOps<PackageOp>())
      packages[pkg.getPath()] = pkg;
    llvm::StringMap<cabi::HandleTypeOp> handles;
    for (auto h : lib.getBodyBlock().getOps<cabi::HandleTypeOp>())
      handles[h.getSymName()] = h;

    auto mark = [&](Operation *decl, const Refusal &r) {
      auto crossing =
          decl->getAttrOfType<cabi::CrossingAttr>(cabi::kCrossingAttrName);
      if (crossing && crossing.getKind() == cabi::CrossingKind::Skipped)
        return; // the first refusal (or the typemap's) stands
      decl->setAttr(cabi::kCrossingAttrName,
                    cabi::CrossingAttr::get(ctx, cabi::CrossingKind::Skipped,
                                            r.reason, r.detail));
    };

    // A package that imports "C": every declaration of it is skipped.
    llvm::StringSet<> cgoPackages;
    for (auto pkg : module.getBodyBlock().getOps<PackageOp>()) {
      if (!pkg.getCgo())
        continue;
      cgoPackages.insert(pkg.getPath());
      Refusal r{cabi::SkipReason::CgoPackage,
                ("package " + pkg.getPath() + " imports \"C\"").str()};
      for (Operation &op : pkg.getBodyBlock())
        if (isa<FuncOp, MethodOp, TypeOp, AliasOp, VarOp, ConstOp>(op) &&
            op.hasAttr(cabi::kCrossingAttrName))
          mark(&op, r);
    }

    auto check = [&](cabi::ValueAttr v,
                     const char *role) -> std::optional<Refusal> {
      std::string what =
          (Twine(role) + " " + v.getName() + ": " + goTypeString(v.getGoType()))
              .str();
      if (isUintptr(v.getGoType(), mapper))
        return Refusal{cabi::SkipReason::UnsafeApi, what};
      // A type of a cgo package, named by the wrapper (a handle parameter is
      // fetched by its type) or carried by value.
      Type t = v.getGoType();
      while (true) {
        if (auto p = dyn_cast<PointerType>(t))
          t = p.getElem();
        else if (auto sl = dyn_cast<SliceType>(t))
          t = sl.getElem();
        else if (auto a = dyn_cast<ArrayType>(t))
          t = a.getElem();
        else
          break;
      }
      if (auto n = dyn_cast<NamedType>(t))
        if (cgoPackages.contains(n.getPkg()))
          return Refusal{cabi::SkipReason::CgoPackage, what + " (package " +
                                                           n.getPkg().str() +
                                                           " imports \"C\")"};
      Type form = v.getAbiType();
      if (isa<cabi::ListType, cabi::MapType, cabi::RecordType>(form))
        return Refusal{cabi::SkipReason::CMemoryForm, what};
      if (auto h = dyn_cast<cabi::HandleType>(form)) {
        cabi::HandleTypeOp op = handles.lookup(h.getName());
        if (!op || !isNamedHandle(op.getGoType()) ||
            !isNamedHandle(v.getGoType()))
          return Refusal{cabi::SkipReason::AnonymousHandle, what};
      }
      return std::nullopt;
    };

    SmallVector<cabi::PackageOp> wrappers(
        lib.getBodyBlock().getOps<cabi::PackageOp>());
    for (cabi::PackageOp w : wrappers) {
      PackageOp pkg = packages.lookup(w.getPath());
      SmallVector<cabi::ExportOp> exports(
          w.getBodyBlock().getOps<cabi::ExportOp>());
      for (cabi::ExportOp e : exports) {
        // The goroutine bridge (channel operations, calls of func values,
        // callbacks from C function pointers) is the cgo profile's: it
        // blocks on channels and calls C through cgo. Not declarations, so
        // dropped without a mark.
        if (isBridgeExport(e.getKind())) {
          e.erase();
          continue;
        }
        // The declaration the export wraps, if it wraps one.
        Operation *decl = nullptr;
        switch (e.getKind()) {
        case cabi::ExportKind::Func:
        case cabi::ExportKind::Method:
        case cabi::ExportKind::VarGet:
        case cabi::ExportKind::VarSet:
        case cabi::ExportKind::ConstGet:
          if (pkg)
            decl = pkg.lookupSymbol(e.getGoName());
          break;
        default:
          break;
        }
        if (decl && !isa<FuncOp, MethodOp, VarOp, ConstOp>(decl))
          decl = nullptr;
        // An export of a cgo package's declaration, constructor or field
        // names the package; box functions and methods of interfaces from
        // outside the module only sit in its wrapper.
        bool namesPackage = true;
        if (e.getKind() == cabi::ExportKind::Box)
          namesPackage = false;
        else if (e.getKind() == cabi::ExportKind::Method && pkg)
          namesPackage =
              pkg.lookupSymbol(e.getGoName().split('.').first) != nullptr;
        std::optional<Refusal> refused;
        if (pkg && pkg.getCgo() && namesPackage)
          refused = Refusal{cabi::SkipReason::CgoPackage, ""};
        for (Attribute a : e.getParams())
          if (!refused)
            refused = check(cast<cabi::ValueAttr>(a), "parameter");
        for (Attribute a : e.getResults())
          if (!refused)
            refused = check(cast<cabi::ValueAttr>(a), "result");
        if (!refused)
          continue;
        // (A declaration of a cgo package is already marked.)
        if (decl)
          mark(decl, *refused);
        e.erase();
      }
      if (w.getBodyBlock().empty())
        w.erase();
    }

    // The handle types and records no export uses any more go too: the
    // embedded printer has no record form, and a handle type of an unnamed
    // type is one it cannot name.
    llvm::StringSet<> used;
    std::function<void(Type)> use = [&](Type form) {
      if (auto h = dyn_cast<cabi::HandleType>(form))
        used.insert(h.getName());
    };
    for (auto w : lib.getBodyBlock().getOps<cabi::PackageOp>())
      for (auto e : w.getBodyBlock().getOps<cabi::ExportOp>())
        for (ArrayAttr values : {e.getParams(), e.getResults()})
          for (Attribute a : values)
            use(cast<cabi::ValueAttr>(a).getAbiType());
    for (Operation &op : llvm::make_early_inc_range(lib.getBodyBlock())) {
      if (isa<cabi::RecordOp>(op))
        op.erase();
      else if (auto h = dyn_cast<cabi::HandleTypeOp>(op))
        if (!used.contains(h.getSymName()))
          op.erase();
    }
    return success();
  }
};

} // namespace
