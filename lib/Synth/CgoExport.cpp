//===- CgoExport.cpp - one C ABI export per bridged declaration -----------===//
//
// Part of mochi-go.
//
//===----------------------------------------------------------------------===//

#include "Naming.h"

#include "mochi-go/Bridge/Passes.h"
#include "mochi-go/Ingest/StdSurface.h"
#include "mochi-go/Typemap/TypeMap.h"

#include "mlir/IR/Builders.h"
#include "llvm/ADT/StringSet.h"

namespace mochigo {
namespace bridge {
#define GEN_PASS_DEF_CGOEXPORT
#include "mochi-go/Bridge/Passes.h.inc"
} // namespace bridge
} // namespace mochigo

using namespace mlir;
using namespace mochigo;
using namespace mochigo::gosurface;

/// The first line of a doc comment.
static StringRef firstLine(std::optional<StringRef> doc) {
  if (!doc)
    return "";
  return doc->split('\n').first.trim();
}

/// The Mochi qualifier of a package: its directory below the root (see
/// synth::rootPath) with `/` as `.`, each element a Mochi identifier.
static std::string qualifier(StringRef rootPath, StringRef pkgPath) {
  StringRef rel = ingest::pathBelowRoot(rootPath, pkgPath).value_or(pkgPath);
  if (rel.empty())
    return "";
  SmallVector<StringRef> elems;
  rel.split(elems, '/');
  std::string q;
  for (StringRef e : elems) {
    if (!q.empty())
      q += ".";
    q += synth::sanitize(e);
  }
  return q;
}

namespace {
struct CgoExportPass : public bridge::impl::CgoExportBase<CgoExportPass> {
  using CgoExportBase::CgoExportBase;

  void runOnOperation() override {
    SmallVector<cabi::LibraryOp> libs(getOperation().getOps<cabi::LibraryOp>());
    if (libs.empty() && !getOperation().getOps<GoModuleOp>().empty()) {
      getOperation().emitError(
          "no cabi.library: run --typemap and --handle-pool first");
      return signalPassFailure();
    }
    for (cabi::LibraryOp lib : libs)
      if (failed(runOn(lib)))
        return signalPassFailure();
  }

  LogicalResult runOn(cabi::LibraryOp lib) {
    GoModuleOp module = synth::findGoModule(lib);
    if (!module)
      return lib.emitError("no go.module named '")
             << lib.getSymName() << "' next to the library";
    StringRef root = synth::rootPath(module);
    MLIRContext *ctx = &getContext();
    OpBuilder b(ctx);

    DenseMap<Type, std::string> handles, records;
    llvm::StringSet<> cSymbols;
    for (Operation &op : lib.getBodyBlock()) {
      if (auto h = dyn_cast<cabi::HandleTypeOp>(op))
        handles[h.getGoType()] = h.getSymName().str();
      else if (auto r = dyn_cast<cabi::RecordOp>(op))
        records[r.getGoType()] = r.getSymName().str();
      else if (auto p = dyn_cast<cabi::PackageOp>(op))
        for (auto e : p.getBodyBlock().getOps<cabi::ExportOp>())
          cSymbols.insert(e.getSymName());
    }

    typemap::TypeMapper mapper(module);
    bool missingHandle = false;
    mapper.handleSymbol = [&](Type key) -> std::string {
      auto it = handles.find(key);
      if (it != handles.end())
        return it->second;
      if (!missingHandle)
        lib.emitError("no handle type for ")
            << goTypeString(key) << ": run --handle-pool first";
      missingHandle = true;
      return "?";
    };
    // Records go before the first package, nested ones before the records
    // that hold them.
    auto firstPackage = [&]() -> Operation * {
      auto pkgs = lib.getBodyBlock().getOps<cabi::PackageOp>();
      return pkgs.empty() ? nullptr : (*pkgs.begin()).getOperation();
    };
    std::function<std::string(Type)> recordSymbol = [&](Type type) {
      auto it = records.find(type);
      if (it != records.end())
        return it->second;
      std::string name =
          synth::uniqueSymbol(lib, synth::baseSymbol(type, root));
      records[type] = name;
      SmallVector<Attribute> fields;
      auto goFields = mapper.recordFields(type);
      for (auto &[fname, ftype] : *goFields) {
        typemap::Mapping m = mapper.map(ftype, typemap::Position::Field);
        fields.push_back(cabi::ValueAttr::get(ctx, fname, ftype, m.abi));
      }
      if (Operation *anchor = firstPackage())
        b.setInsertionPoint(anchor);
      else
        b.setInsertionPointToEnd(&lib.getBodyBlock());
      b.create<cabi::RecordOp>(lib.getLoc(), b.getStringAttr(name),
                               TypeAttr::get(type), b.getArrayAttr(fields));
      return name;
    };
    mapper.recordSymbol = recordSymbol;

    auto values = [&](ArrayRef<typemap::MappedValue> vs) {
      SmallVector<Attribute> attrs;
      for (const typemap::MappedValue &v : vs)
        attrs.push_back(
            cabi::ValueAttr::get(ctx, v.name, v.goType, v.mapping.abi));
      return b.getArrayAttr(attrs);
    };
    auto uniqueC = [&](std::string sym) {
      std::string name = sym;
      for (unsigned n = 2; !cSymbols.insert(name).second; ++n)
        name = sym + "_" + std::to_string(n);
      return name;
    };

    for (auto pkg : module.getBodyBlock().getOps<PackageOp>()) {
      cabi::PackageOp wrapper;
      std::string dir = synth::packageDir(root, pkg.getPath());
      std::string base =
          lib.getPrefix().str() + "_" + (dir.empty() ? "" : dir + "_");
      for (Operation &op : pkg.getBodyBlock()) {
        auto crossing =
            op.getAttrOfType<cabi::CrossingAttr>(cabi::kCrossingAttrName);
        if (!crossing || crossing.getKind() == cabi::CrossingKind::Skipped ||
            isa<AliasOp>(op))
          continue;
        if (auto t = dyn_cast<TypeOp>(op))
          if (t.getForm() != TypeForm::Struct ||
              crossing.getKind() != cabi::CrossingKind::Handle ||
              !t.getTypeParams().empty())
            continue;
        std::optional<typemap::MappedDecl> decl =
            typemap::mapDeclaration(mapper, &op);
        if (!decl || decl->reason)
          continue;
        if (!wrapper) {
          b.setInsertionPointToEnd(&lib.getBodyBlock());
          wrapper = b.create<cabi::PackageOp>(
              pkg.getLoc(), pkg.getSymNameAttr(), pkg.getNameAttr(),
              b.getStringAttr(qualifier(root, pkg.getPath())));
          wrapper.getBody().emplaceBlock();
        }
        auto emit = [&](std::string sym, cabi::ExportKind kind,
                        StringRef goName, ArrayRef<typemap::MappedValue> params,
                        ArrayRef<typemap::MappedValue> results, bool error,
                        bool variadic, StringRef doc) {
          b.setInsertionPointToEnd(&wrapper.getBodyBlock());
          b.create<cabi::ExportOp>(
              op.getLoc(), b.getStringAttr(uniqueC(sym)),
              cabi::ExportKindAttr::get(ctx, kind), b.getStringAttr(goName),
              values(params), values(results),
              error ? b.getUnitAttr() : UnitAttr(),
              variadic ? b.getUnitAttr() : UnitAttr(),
              doc.empty() ? StringAttr() : b.getStringAttr(doc));
        };
        if (auto f = dyn_cast<FuncOp>(op)) {
          emit(base + f.getSymName().str(), cabi::ExportKind::Func,
               f.getSymName(), decl->params, decl->results, decl->returnsError,
               decl->variadic, firstLine(f.getDoc()));
        } else if (auto m = dyn_cast<MethodOp>(op)) {
          emit(base + synth::sanitize(m.getSymName()), cabi::ExportKind::Method,
               m.getSymName(), decl->params, decl->results, decl->returnsError,
               decl->variadic, firstLine(m.getDoc()));
        } else if (auto v = dyn_cast<VarOp>(op)) {
          emit(base + v.getSymName().str() + "_get", cabi::ExportKind::VarGet,
               v.getSymName(), {}, decl->results, false, false,
               firstLine(v.getDoc()));
          if (decl->settable) {
            typemap::MappedValue value = decl->results.front();
            value.mapping = mapper.map(v.getType(), typemap::Position::Param);
            emit(base + v.getSymName().str() + "_set", cabi::ExportKind::VarSet,
                 v.getSymName(), {value}, {}, false, false, "");
          }
        } else if (auto t = dyn_cast<TypeOp>(op)) {
          // A handle-carried struct type gets a constructor of its zero
          // value, so that a caller can make one (yaml.Node, pflag.FlagSet).
          typemap::MappedValue value;
          value.name = "r0";
          value.goType = PointerType::get(
              ctx, NamedType::get(ctx, pkg.getPath(), t.getSymName()));
          value.mapping = mapper.map(value.goType, typemap::Position::Result);
          emit(base + t.getSymName().str() + "_new", cabi::ExportKind::New,
               (t.getSymName() + ".new").str(), {}, {value}, false, false,
               ("new(" + t.getSymName() + ") as a handle").str());
        } else if (auto c = dyn_cast<ConstOp>(op)) {
          emit(base + c.getSymName().str() + "_get", cabi::ExportKind::ConstGet,
               c.getSymName(), {}, decl->results, false, false,
               firstLine(c.getDoc()));
        }
      }
    }
    return failure(missingHandle);
  }
};
} // namespace
