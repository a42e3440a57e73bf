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
#include "llvm/ADT/DenseSet.h"
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

  /// The exports of one library (synth::createExports).
  static LogicalResult runOn(cabi::LibraryOp lib) {
    GoModuleOp module = synth::findGoModule(lib);
    if (!module)
      return lib.emitError("no go.module named '")
             << lib.getSymName() << "' next to the library";
    StringRef root = synth::rootPath(module);
    MLIRContext *ctx = lib.getContext();
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
    // While probing (field accessors, interface methods), a value that needs
    // a handle type the library does not have makes the export not worth
    // making: no new handle types here, so nothing cascades.
    bool probing = false, probeMissing = false;
    mapper.handleSymbol = [&](Type key) -> std::string {
      auto it = handles.find(key);
      if (it != handles.end())
        return it->second;
      if (probing) {
        probeMissing = true;
        return "?";
      }
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

    /// The value of a field or interface-method signature, or nothing when
    /// it is skipped or needs a handle type the library lacks.
    auto probe = [&](auto &&fn) -> bool {
      probing = true;
      probeMissing = false;
      bool ok = fn();
      probing = false;
      return ok && !probeMissing;
    };
    auto makeExport = [&](cabi::PackageOp wrapper, Location loc,
                          std::string sym, cabi::ExportKind kind,
                          StringRef goName,
                          ArrayRef<typemap::MappedValue> params,
                          ArrayRef<typemap::MappedValue> results, bool error,
                          bool variadic, StringRef doc, bool inout = false) {
      b.setInsertionPointToEnd(&wrapper.getBodyBlock());
      auto e = b.create<cabi::ExportOp>(
          loc, b.getStringAttr(uniqueC(sym)),
          cabi::ExportKindAttr::get(ctx, kind), b.getStringAttr(goName),
          values(params), values(results), error ? b.getUnitAttr() : UnitAttr(),
          variadic ? b.getUnitAttr() : UnitAttr(),
          doc.empty() ? StringAttr() : b.getStringAttr(doc),
          inout ? b.getUnitAttr() : UnitAttr());
      return e;
    };
    auto wrapperOf = [&](PackageOp pkg) {
      for (auto w : lib.getBodyBlock().getOps<cabi::PackageOp>())
        if (w.getSymName() == pkg.getSymName())
          return w;
      b.setInsertionPointToEnd(&lib.getBodyBlock());
      auto w = b.create<cabi::PackageOp>(
          pkg.getLoc(), pkg.getSymNameAttr(), pkg.getNameAttr(),
          b.getStringAttr(qualifier(root, pkg.getPath())));
      w.getBody().emplaceBlock();
      return w;
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
                        bool variadic, StringRef doc, bool inout = false) {
          makeExport(wrapper, op.getLoc(), std::move(sym), kind, goName, params,
                     results, error, variadic, doc, inout);
        };
        if (auto f = dyn_cast<FuncOp>(op)) {
          emit(base + f.getSymName().str(), cabi::ExportKind::Func,
               f.getSymName(), decl->params, decl->results, decl->returnsError,
               decl->variadic, firstLine(f.getDoc()));
        } else if (auto m = dyn_cast<MethodOp>(op)) {
          emit(base + synth::sanitize(m.getSymName()), cabi::ExportKind::Method,
               m.getSymName(), decl->params, decl->results, decl->returnsError,
               decl->variadic, firstLine(m.getDoc()), decl->inoutReceiver);
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
          // Its exported fields whose type has a C form get a getter, and a
          // setter when the type can be named (pflag Flag.Name).
          typemap::MappedValue recv = value;
          recv.name = "recv";
          for (auto f : t.getBody().getOps<FieldOp>()) {
            if (!f.isExported())
              continue;
            std::string fname = synth::sanitize(f.getName());
            std::string sym = base + t.getSymName().str() + "_" + fname;
            typemap::MappedValue fv;
            fv.name = fname == "recv" ? "value" : fname;
            fv.goType = f.getType();
            if (probe([&] {
                  fv.mapping =
                      mapper.map(f.getType(), typemap::Position::Result);
                  return !fv.mapping.isSkipped();
                }))
              emit(sym + "_get", cabi::ExportKind::FieldGet,
                   (t.getSymName() + "." + f.getName()).str(), {recv}, {fv},
                   false, false, firstLine(f.getDoc()));
            if (probe([&] {
                  fv.mapping =
                      mapper.map(f.getType(), typemap::Position::Param);
                  return !fv.mapping.isSkipped();
                }))
              emit(sym + "_set", cabi::ExportKind::FieldSet,
                   (t.getSymName() + ".set_" + f.getName()).str(), {recv, fv},
                   {}, false, false, "");
          }
        } else if (auto c = dyn_cast<ConstOp>(op)) {
          emit(base + c.getSymName().str() + "_get", cabi::ExportKind::ConstGet,
               c.getSymName(), {}, decl->results, false, false,
               firstLine(c.getDoc()));
        }
      }
    }
    if (missingHandle)
      return failure();

    // The methods of the named interface types the library has handles for.
    SmallVector<cabi::HandleTypeOp> handleOps(
        lib.getBodyBlock().getOps<cabi::HandleTypeOp>());
    DenseMap<StringRef, PackageOp> modulePackages;
    for (auto pkg : module.getBodyBlock().getOps<PackageOp>())
      modulePackages[pkg.getPath()] = pkg;
    for (cabi::HandleTypeOp h : handleOps) {
      auto named = dyn_cast<NamedType>(h.getGoType());
      if (!named || !named.getArgs().empty())
        continue;
      auto iface = dyn_cast_or_null<InterfaceType>(mapper.underlying(named));
      if (!iface)
        continue;
      // The methods, with those of embedded named interfaces (by name, the
      // first one found).
      struct Method {
        StringRef name;
        FuncType sig;
      };
      SmallVector<Method> methods;
      llvm::StringSet<> seen;
      SmallVector<InterfaceType> todo{iface};
      DenseSet<Type> visited;
      while (!todo.empty()) {
        InterfaceType it = todo.pop_back_val();
        if (!visited.insert(it).second)
          continue;
        for (const InterfaceMethod &m : it.getMethods())
          if (isExportedName(m.name.getValue()) &&
              seen.insert(m.name.getValue()).second)
            methods.push_back({m.name.getValue(), cast<FuncType>(m.type)});
        for (Type e : it.getEmbeds()) {
          Type u = e;
          if (auto n = dyn_cast<NamedType>(e))
            u = mapper.underlying(n);
          if (auto ei = dyn_cast_or_null<InterfaceType>(u))
            todo.push_back(ei);
        }
      }
      llvm::sort(methods, [](const Method &a, const Method &b) {
        return a.name < b.name;
      });
      // A type of the module: `Type.Method` in its package; one from outside:
      // `<handle type>.Method` in the first package.
      PackageOp own = modulePackages.lookup(named.getPkg());
      TypeOp decl;
      if (own)
        decl = dyn_cast_or_null<TypeOp>(own.lookupSymbol(named.getName()));
      for (const Method &m : methods) {
        InterfaceMethodOp mop;
        if (decl)
          for (auto im : decl.getBody().getOps<InterfaceMethodOp>())
            if (im.getName() == m.name)
              mop = im;
        typemap::MappedDecl d;
        if (!probe([&] {
              d = typemap::mapInterfaceMethod(
                  mapper, named, m.sig, mop ? mop.getArgNames() : ArrayAttr(),
                  mop ? mop.getResultNames() : ArrayAttr());
              return !d.reason;
            }))
          continue;
        cabi::PackageOp wrapper;
        std::string sym, goName;
        if (own) {
          wrapper = wrapperOf(own);
          std::string dir = synth::packageDir(root, own.getPath());
          sym = lib.getPrefix().str() + "_" + (dir.empty() ? "" : dir + "_") +
                named.getName().str() + "_" + m.name.str();
          goName = (named.getName() + "." + m.name).str();
        } else {
          auto pkgs = lib.getBodyBlock().getOps<cabi::PackageOp>();
          if (pkgs.empty())
            continue;
          wrapper = *pkgs.begin();
          sym = lib.getPrefix().str() + "_" + h.getSymName().str() + "_" +
                m.name.str();
          goName = (h.getSymName() + "." + m.name).str();
        }
        makeExport(wrapper, mop ? mop.getLoc() : h.getLoc(), sym,
                   cabi::ExportKind::Method, goName, d.params, d.results,
                   d.returnsError, d.variadic,
                   mop ? firstLine(mop.getDoc()) : StringRef());
      }
    }

    // Box functions, when the library has a handle type for `any`: a C
    // value (or any handle) made into a Go `any` for `any` parameters.
    cabi::HandleTypeOp anyHandle;
    for (cabi::HandleTypeOp h : handleOps)
      if (isa<AnyType>(h.getGoType()))
        anyHandle = h;
    auto pkgs = lib.getBodyBlock().getOps<cabi::PackageOp>();
    if (anyHandle && !pkgs.empty()) {
      cabi::PackageOp first = *pkgs.begin();
      Type anyT = anyHandle.getGoType();
      typemap::MappedValue result;
      result.name = "r0";
      result.goType = anyT;
      result.mapping.abi = cabi::HandleType::get(ctx, anyHandle.getSymName());
      auto basic = [&](BasicKind k) { return BasicType::get(ctx, k); };
      std::pair<const char *, std::pair<Type, Type>> forms[] = {
          {"string", {basic(BasicKind::String), cabi::StringType::get(ctx)}},
          {"int",
           {basic(BasicKind::Int),
            IntegerType::get(ctx, 64, IntegerType::Signed)}},
          {"float", {basic(BasicKind::Float64), Float64Type::get(ctx)}},
          {"bool", {basic(BasicKind::Bool), IntegerType::get(ctx, 1)}},
          {"bytes",
           {SliceType::get(ctx, basic(BasicKind::Byte)),
            cabi::BytesType::get(ctx)}},
          {"handle", {anyT, result.mapping.abi}},
      };
      for (auto &[form, types] : forms) {
        typemap::MappedValue param;
        param.name = "v";
        param.goType = types.first;
        param.mapping.abi = types.second;
        std::string goName = std::string("box_") + form;
        makeExport(first, anyHandle.getLoc(),
                   lib.getPrefix().str() + "_" + goName, cabi::ExportKind::Box,
                   goName, {param}, {result}, false, false,
                   goName == "box_handle"
                       ? "the value a handle holds, as an any"
                       : "a Go " + goTypeString(types.first) + " as an any");
      }
    }

    // The goroutine bridge: every channel handle type gets its operations,
    // every func handle type a `call` (docs/CAbi.md, "Channels" and
    // "Func values").
    if (!pkgs.empty()) {
      cabi::PackageOp first = *pkgs.begin();
      for (cabi::HandleTypeOp h : handleOps) {
        Type goType = h.getGoType();
        Type under = goType;
        if (auto named = dyn_cast<NamedType>(goType))
          under = named.getArgs().empty() ? mapper.underlying(named) : Type();
        if (auto chan = dyn_cast_or_null<ChanType>(under))
          addChannelExports(lib, first, h, chan, mapper, probe, makeExport);
        else if (auto fn = dyn_cast_or_null<FuncType>(under))
          addFuncCall(lib, first, h, fn, mapper, probe, makeExport);
      }
    }
    return success();
  }

  /// The exports of one channel handle type `h`: make (bidirectional
  /// channels), send and try_send (not for `<-chan`), recv and try_recv
  /// (not for `chan<-`), close (not for `<-chan`), len and cap. An element
  /// that needs a handle type the library lacks, or that has no C form,
  /// leaves out the operations that carry it. An empty-struct element
  /// (`<-chan struct{}`, `ctx.Done()`) carries no value.
  template <typename Probe, typename Make>
  static void addChannelExports(cabi::LibraryOp lib, cabi::PackageOp pkg,
                         cabi::HandleTypeOp h, ChanType chan,
                         typemap::TypeMapper &mapper, Probe &probe,
                         Make &makeExport) {
    MLIRContext *ctx = lib.getContext();
    Type elem = chan.getElem();
    auto st = dyn_cast<StructType>(elem);
    bool unit = st && st.getFields().empty();
    auto mapElem =
        [&](typemap::Position pos) -> std::optional<typemap::MappedValue> {
      typemap::MappedValue v;
      v.name = "value";
      v.goType = elem;
      if (!probe([&] {
            v.mapping = mapper.map(elem, pos);
            return !v.mapping.isSkipped();
          }))
        return std::nullopt;
      return v;
    };
    typemap::MappedValue self;
    self.name = "self";
    self.goType = h.getGoType();
    self.mapping.abi = cabi::HandleType::get(ctx, h.getSymName());
    auto i64 = [&](StringRef name) {
      typemap::MappedValue v;
      v.name = name.str();
      v.goType = BasicType::get(ctx, BasicKind::Int64);
      v.mapping.abi = IntegerType::get(ctx, 64, IntegerType::Signed);
      return v;
    };
    std::string base = lib.getPrefix().str() + "_" + h.getSymName().str() + "_";
    std::string goBase = h.getSymName().str() + ".";
    std::string spelled = goTypeString(h.getGoType());
    auto emit = [&](StringRef op, cabi::ExportKind kind,
                    ArrayRef<typemap::MappedValue> params,
                    ArrayRef<typemap::MappedValue> results, bool status,
                    std::string doc) {
      makeExport(pkg, h.getLoc(), base + op.str(), kind, goBase + op.str(),
                 params, results, status, false, doc);
    };
    bool canSend = chan.getDir() != ChanDir::Recv;
    bool canRecv = chan.getDir() != ChanDir::Send;
    std::optional<typemap::MappedValue> in, out;
    if (!unit) {
      if (canSend)
        in = mapElem(typemap::Position::Param);
      if (canRecv)
        out = mapElem(typemap::Position::Result);
    }
    SmallVector<typemap::MappedValue> sendParams{self};
    if (in)
      sendParams.push_back(*in);
    if (chan.getDir() == ChanDir::Both && (unit || in))
      emit("make", cabi::ExportKind::ChanMake, {i64("capacity")}, {[&] {
             typemap::MappedValue r = self;
             r.name = "r0";
             return r;
           }()},
           false, "make(" + spelled + ", capacity)");
    if (canSend && (unit || in)) {
      SmallVector<typemap::MappedValue> timed = sendParams;
      timed.push_back(i64("timeout_ms"));
      emit("send", cabi::ExportKind::ChanSend, timed, {}, true,
           "ch <- value, waiting at most timeout_ms (< 0: forever)");
      emit("try_send", cabi::ExportKind::ChanTrySend, sendParams, {}, true,
           "ch <- value if it can proceed at once");
    }
    if (canRecv && (unit || out)) {
      SmallVector<typemap::MappedValue> results;
      if (out)
        results.push_back(*out);
      emit("recv", cabi::ExportKind::ChanRecv, {self, i64("timeout_ms")},
           results, true, "<-ch, waiting at most timeout_ms (< 0: forever)");
      emit("try_recv", cabi::ExportKind::ChanTryRecv, {self}, results, true,
           "<-ch if a value is ready at once");
    }
    if (canSend)
      emit("close", cabi::ExportKind::ChanClose, {self}, {}, true, "close(ch)");
    typemap::MappedValue n = i64("r0");
    n.goType = BasicType::get(ctx, BasicKind::Int);
    emit("len", cabi::ExportKind::ChanLen, {self}, {n}, false, "len(ch)");
    emit("cap", cabi::ExportKind::ChanCap, {self}, {n}, false, "cap(ch)");
  }

  /// `<Func>.call`: a func value held by a handle, called from C with the
  /// signature's parameters and results (the handle first).
  template <typename Probe, typename Make>
  static void addFuncCall(cabi::LibraryOp lib, cabi::PackageOp pkg,
                   cabi::HandleTypeOp h, FuncType fn,
                   typemap::TypeMapper &mapper, Probe &probe,
                   Make &makeExport) {
    typemap::MappedDecl d;
    if (!probe([&] {
          d = typemap::mapInterfaceMethod(mapper, h.getGoType(), fn, {}, {});
          return !d.reason;
        })) {
      // Neither call nor callback: the handle type says why.
      h->setAttr("callback_skipped",
                 StringAttr::get(lib.getContext(),
                                 d.reason ? "no call: " + d.detail
                                          : std::string("no call: a value "
                                                        "needs a handle type "
                                                        "the library lacks")));
      return;
    }
    d.params.front().name = "self";
    std::string prefix = lib.getPrefix().str() + "_" + h.getSymName().str();
    makeExport(pkg, h.getLoc(), prefix + "_call", cabi::ExportKind::FuncCall,
               h.getSymName().str() + ".call", d.params, d.results,
               d.returnsError, d.variadic,
               "calls the " + goTypeString(h.getGoType()) + " value");

    // A C function pointer and user data made into a func value of this
    // type: only when every value has a simple C form (a scalar, a string,
    // a handle) both ways, as the C function gets Go's arguments and gives
    // its results back.
    // Otherwise the handle type says why, as `callback_skipped`.
    auto skip = [&](const std::string &why) {
      h->setAttr("callback_skipped", StringAttr::get(lib.getContext(), why));
    };
    if (d.variadic)
      return skip("variadic");
    auto simple = [](Type form) {
      return isa<IntegerType, FloatType, cabi::StringType, cabi::HandleType>(
          form);
    };
    auto why = [](const typemap::MappedValue &v, StringRef what) {
      return (what + " " + v.name + " is " + goTypeString(v.goType) +
              " (a callback carries scalars, strings and handles)")
          .str();
    };
    for (const typemap::MappedValue &v : llvm::ArrayRef(d.params).drop_front())
      if (!simple(v.mapping.abi) || !probe([&] {
            return mapper.map(v.goType, typemap::Position::Result).abi ==
                   v.mapping.abi;
          }))
        return skip(why(v, "parameter"));
    for (const typemap::MappedValue &v : d.results)
      if (!simple(v.mapping.abi) || !probe([&] {
            return mapper.map(v.goType, typemap::Position::Param).abi ==
                   v.mapping.abi;
          }))
        return skip(why(v, "result"));
    MLIRContext *ctx = lib.getContext();
    typemap::MappedValue cfn, user, result;
    cfn.name = "fn";
    cfn.goType = h.getGoType();
    cfn.mapping.abi = cabi::CFuncType::get(ctx, h.getSymName());
    user.name = "user";
    user.goType = h.getGoType();
    user.mapping.abi = cabi::UserDataType::get(ctx);
    result.name = "r0";
    result.goType = h.getGoType();
    result.mapping.abi = cabi::HandleType::get(ctx, h.getSymName());
    makeExport(pkg, h.getLoc(), prefix + "_callback",
               cabi::ExportKind::Callback, h.getSymName().str() + ".callback",
               {cfn, user}, {result}, false, false,
               "a " + goTypeString(h.getGoType()) +
                   " that calls fn(user, ...) from C");
  }
};
} // namespace

LogicalResult synth::createExports(cabi::LibraryOp lib) {
  return CgoExportPass::runOn(lib);
}
