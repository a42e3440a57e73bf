//===- HandlePool.cpp - the wrapper library and its handle types ----------===//
//
// Part of mochi-go.
//
//===----------------------------------------------------------------------===//

#include "Naming.h"

#include "mochi-go/Bridge/Passes.h"
#include "mochi-go/Typemap/TypeMap.h"

#include "mlir/IR/Builders.h"
#include "llvm/ADT/DenseSet.h"
#include "llvm/ADT/StringSet.h"

namespace mochigo {
namespace bridge {
#define GEN_PASS_DEF_HANDLEPOOL
#include "mochi-go/Bridge/Passes.h.inc"
} // namespace bridge
} // namespace mochigo

using namespace mlir;
using namespace mochigo;
using namespace mochigo::gosurface;

namespace {
struct HandlePoolPass : public bridge::impl::HandlePoolBase<HandlePoolPass> {
  using HandlePoolBase::HandlePoolBase;

  void runOnOperation() override {
    SmallVector<GoModuleOp> modules(getOperation().getOps<GoModuleOp>());
    for (GoModuleOp module : modules)
      if (failed(runOn(module)))
        return signalPassFailure();
  }

  cabi::LibraryOp getOrCreateLibrary(GoModuleOp module) {
    for (auto lib : getOperation().getOps<cabi::LibraryOp>())
      if (lib.getSymName() == module.getSymName())
        return lib;
    OpBuilder b(module->getContext());
    b.setInsertionPointAfter(module);
    std::string p = prefix.empty()
                        ? typemap::defaultPrefix(synth::rootPath(module))
                        : prefix;
    auto lib = b.create<cabi::LibraryOp>(
        module.getLoc(), b.getStringAttr(module.getSymName()),
        module.getVersionAttr(), b.getStringAttr(p));
    lib.getBody().emplaceBlock();
    return lib;
  }

  LogicalResult runOn(GoModuleOp module) {
    bool decided = false, undecided = false;
    module.walk([&](Operation *op) {
      if (op->hasAttr(cabi::kCrossingAttrName))
        decided = true;
      else if (isa<FuncOp, MethodOp, TypeOp, VarOp, ConstOp>(op) &&
               !op->hasAttr("hidden"))
        undecided = true;
    });
    if (undecided && !decided)
      return module.emitError("no typemap decisions: run --typemap first");

    cabi::LibraryOp lib = getOrCreateLibrary(module);
    DenseMap<Type, std::string> handles;
    for (auto h : lib.getBodyBlock().getOps<cabi::HandleTypeOp>())
      handles[h.getGoType()] = h.getSymName().str();

    // The C names the exports will take (cgo-export): a handle type's C
    // typedef `<prefix>_<Sym>` must not be one of them (zap has a func Any
    // and takes `any`).
    llvm::StringSet<> exportNames;
    StringRef root = synth::rootPath(module);
    for (auto pkg : module.getBodyBlock().getOps<PackageOp>()) {
      std::string dir = synth::packageDir(root, pkg.getPath());
      std::string base = dir.empty() ? "" : dir + "_";
      for (Operation &op : pkg.getBodyBlock()) {
        if (!isa<FuncOp, MethodOp, VarOp, ConstOp>(op))
          continue;
        auto sym =
            op.getAttrOfType<StringAttr>(SymbolTable::getSymbolAttrName());
        std::string name = base + synth::sanitize(sym.getValue());
        exportNames.insert(name);
        exportNames.insert(name + "_get");
        exportNames.insert(name + "_set");
      }
    }
    typemap::TypeMapper mapper(module);
    OpBuilder b = OpBuilder::atBlockEnd(&lib.getBodyBlock());
    mapper.handleSymbol = [&](Type key) -> std::string {
      auto it = handles.find(key);
      if (it != handles.end())
        return it->second;
      std::string base = synth::baseSymbol(key, root);
      // A pointer to a type that is copied by value (a record, bytes, ...)
      // is a handle of its own: `<Name>_ptr`, so that the name `<Name>`
      // stays the value's.
      if (isa<NamedType>(key)) {
        auto saved = std::move(mapper.handleSymbol);
        mapper.handleSymbol = nullptr;
        if (!mapper.map(key, typemap::Position::Result).usesHandle)
          base += "_ptr";
        mapper.handleSymbol = std::move(saved);
      }
      std::string name = synth::uniqueSymbol(lib, base, &exportNames);
      bool boxed = false;
      if (auto named = dyn_cast<NamedType>(key)) {
        Type under = mapper.underlying(named);
        boxed = !isa_and_nonnull<InterfaceType, AnyType, ErrorType>(under);
      }
      b.create<cabi::HandleTypeOp>(module.getLoc(), b.getStringAttr(name),
                                   TypeAttr::get(key),
                                   boxed ? b.getUnitAttr() : UnitAttr());
      handles[key] = name;
      return name;
    };
    for (auto pkg : module.getBodyBlock().getOps<PackageOp>())
      for (Operation &op : pkg.getBodyBlock()) {
        auto crossing =
            op.getAttrOfType<cabi::CrossingAttr>(cabi::kCrossingAttrName);
        if (!crossing || crossing.getKind() != cabi::CrossingKind::Handle)
          continue;
        // A type gets a handle type when a value of it crosses, and a struct
        // type also for its constructor (cgo-export's `new`).
        if (isa<AliasOp>(op))
          continue;
        if (auto t = dyn_cast<TypeOp>(op))
          if (t.getForm() != TypeForm::Struct)
            continue;
        typemap::mapDeclaration(mapper, &op);
      }

    // The goroutine bridge: a channel that a method of an interface handle
    // type gives or takes (context.Context's Done() <-chan struct{}) gets
    // its handle type, so that cgo-export can export the method and the
    // channel's operations. Only unnamed channel types: nothing else is
    // added, so nothing cascades.
    SmallVector<cabi::HandleTypeOp> current(
        lib.getBodyBlock().getOps<cabi::HandleTypeOp>());
    for (cabi::HandleTypeOp h : current) {
      auto named = dyn_cast<NamedType>(h.getGoType());
      if (!named || !named.getArgs().empty())
        continue;
      SmallVector<Type> todo{mapper.underlying(named)};
      DenseSet<Type> seen;
      while (!todo.empty()) {
        auto iface = dyn_cast_or_null<InterfaceType>(todo.pop_back_val());
        if (!iface || !seen.insert(iface).second)
          continue;
        for (const InterfaceMethod &m : iface.getMethods()) {
          auto sig = dyn_cast<FuncType>(m.type);
          if (!sig || !isExportedName(m.name.getValue()))
            continue;
          for (ArrayRef<Type> types : {sig.getInputs(), sig.getResults()})
            for (Type t : types)
              if (isa<ChanType>(t))
                (void)mapper.map(t, typemap::Position::Result);
        }
        for (Type e : iface.getEmbeds())
          todo.push_back(
              isa<NamedType>(e) ? mapper.underlying(cast<NamedType>(e)) : e);
      }
    }
    return success();
  }
};
} // namespace
