//===- ReverseTypeMap.cpp - The exported Mochi API as GoSurface -----------===//
//
// Part of mochi-go. The reverse of the closed type map (docs/TypeMap.md,
// "The reverse map"): every exported Mochi function becomes a `go.func`
// under its Go name, every record it reaches a `go.type ... struct`. What
// has no row is refused at its Mochi position.
//
//===----------------------------------------------------------------------===//

#include "mochi-go/Publish/Publish.h"

#include "mochi-go/GoSurface/GoSurfaceDialect.h"
#include "mochi-go/GoSurface/GoSurfaceOps.h"
#include "mochi-go/GoSurface/GoSurfaceTypes.h"

#include "mlir/IR/Builders.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/Verifier.h"
#include "llvm/ADT/StringMap.h"

#include <map>
#include <set>

using namespace mlir;
using namespace mochigo;
using namespace mochigo::publish;
using namespace mochigo::gosurface;
using llvm::StringRef;
using mochi::SrcType;

namespace {

class Lowering {
public:
  Lowering(const Manifest &m, const std::vector<mochi::PackageSource> &srcs,
           MLIRContext *ctx)
      : m(m), srcs(srcs), ctx(ctx), b(ctx) {}

  OwningOpRef<ModuleOp> run();

private:
  Location loc(const std::string &file, mochi::Loc l) {
    return FileLineColLoc::get(ctx, file, l.line, l.column);
  }
  InFlightDiagnostic error(const std::string &file, mochi::Loc l) {
    failed = true;
    return emitError(loc(file, l));
  }
  Type basic(BasicKind k) { return BasicType::get(ctx, k); }
  /// `t` as a Go type; null after an error. `result`: a function's result,
  /// where Result<T, string> is allowed (it gives two results).
  Type map(const std::string &file, const SrcType &t);
  Type mapNonOptional(const std::string &file, const SrcType &t);
  bool mapResult(const std::string &file, const SrcType &t,
                 SmallVectorImpl<Type> &results);
  void lowerRecord(const std::string &name);
  /// Claim Go name `go` for the Mochi declaration at (file, l).
  bool claim(const std::string &go, StringRef mochiName,
             const std::string &file, mochi::Loc l);

  struct TypeSite {
    const mochi::SrcTypeDecl *decl;
    std::string file;
  };

  const Manifest &m;
  const std::vector<mochi::PackageSource> &srcs;
  MLIRContext *ctx;
  OpBuilder b;
  bool failed = false;
  std::map<std::string, TypeSite> types;          // Mochi name -> decl
  std::set<std::string> aliasStack;               // alias cycle guard
  std::map<std::string, std::string> recordsUsed; // Mochi name -> Go name
  std::vector<std::string> recordQueue;
  struct Claim {
    std::string mochi, file;
    mochi::Loc loc;
  };
  std::map<std::string, Claim> claims;
  PackageOp pkg;
};

bool Lowering::claim(const std::string &go, StringRef mochiName,
                     const std::string &file, mochi::Loc l) {
  if (go.empty()) {
    error(file, l) << "`" << mochiName
                   << "` has no exported Go name (snake_case parts of ASCII "
                      "letters and digits, a letter first)";
    return false;
  }
  auto [it, inserted] = claims.try_emplace(go, Claim{mochiName.str(), file, l});
  if (inserted)
    return true;
  auto diag = error(file, l)
              << "name clash: `" << mochiName << "` and `" << it->second.mochi
              << "` both become Go `" << go << "`";
  diag.attachNote(loc(it->second.file, it->second.loc))
      << "`" << it->second.mochi << "` is declared here";
  return false;
}

Type Lowering::map(const std::string &file, const SrcType &t) {
  if (t.optional) {
    SrcType inner = t;
    inner.optional = false;
    Type e = mapNonOptional(file, inner);
    return e ? PointerType::get(ctx, e) : Type();
  }
  return mapNonOptional(file, t);
}

Type Lowering::mapNonOptional(const std::string &file, const SrcType &t) {
  switch (t.kind) {
  case SrcType::Kind::Name: {
    if (t.name == "int")
      return basic(BasicKind::Int64);
    if (t.name == "float")
      return basic(BasicKind::Float64);
    if (t.name == "bool")
      return basic(BasicKind::Bool);
    if (t.name == "string")
      return basic(BasicKind::String);
    if (t.name == "bytes")
      return SliceType::get(ctx, basic(BasicKind::Byte));
    auto it = types.find(t.name);
    if (it == types.end()) {
      error(file, t.loc) << "unmappable type `" << t.str()
                         << "`: no row of the reverse type map "
                            "(docs/TypeMap.md) and not a type of the package";
      return {};
    }
    const mochi::SrcTypeDecl &d = *it->second.decl;
    if (d.kind == mochi::SrcTypeDecl::Kind::Sum) {
      error(file, t.loc) << "unmappable type `" << t.name
                         << "`: a sum type does not cross to Go yet";
      return {};
    }
    if (d.kind == mochi::SrcTypeDecl::Kind::Alias) {
      if (!aliasStack.insert(t.name).second) {
        error(file, t.loc) << "type alias `" << t.name << "` refers to itself";
        return {};
      }
      Type r = map(it->second.file, d.alias);
      aliasStack.erase(t.name);
      return r;
    }
    std::string go = publish::goExportedName(d.name);
    if (!recordsUsed.count(d.name)) {
      if (!claim(go, d.name, it->second.file, d.loc))
        return {};
      recordsUsed[d.name] = go;
      recordQueue.push_back(d.name);
    }
    return NamedType::get(ctx, m.module, recordsUsed[d.name]);
  }
  case SrcType::Kind::Generic: {
    auto arity = [&](size_t n) {
      if (t.args.size() == n)
        return true;
      error(file, t.loc) << "`" << t.name << "` takes " << n << " type argument"
                         << (n == 1 ? "" : "s");
      return false;
    };
    if (t.name == "list") {
      if (!arity(1))
        return {};
      Type e = map(file, t.args[0]);
      return e ? SliceType::get(ctx, e) : Type();
    }
    if (t.name == "option") {
      if (!arity(1))
        return {};
      Type e = map(file, t.args[0]);
      return e ? PointerType::get(ctx, e) : Type();
    }
    if (t.name == "map") {
      if (!arity(2))
        return {};
      Type k = map(file, t.args[0]);
      Type v = map(file, t.args[1]);
      if (!k || !v)
        return {};
      if (!isa<BasicType>(k)) {
        error(file, t.args[0].loc)
            << "unmappable type `" << t.str()
            << "`: a map key must be int, float, bool or string";
        return {};
      }
      return MapType::get(ctx, k, v);
    }
    if (t.name == "Result") {
      error(file, t.loc) << "unmappable type `" << t.str()
                         << "`: Result<T, string> crosses only as the result "
                            "of a function";
      return {};
    }
    error(file, t.loc) << "unmappable type `" << t.str()
                       << "`: no row of the reverse type map (docs/TypeMap.md)";
    return {};
  }
  case SrcType::Kind::Func: {
    SmallVector<Type> ins, outs;
    for (const SrcType &a : t.args) {
      Type x = map(file, a);
      if (!x)
        return {};
      ins.push_back(x);
    }
    if (!t.result.empty() && !mapResult(file, t.result.front(), outs))
      return {};
    return FuncType::get(ctx, ins, outs, /*variadic=*/false);
  }
  case SrcType::Kind::InlineRecord:
    error(file, t.loc) << "unmappable type `" << t.str()
                       << "`: an inline record has no Go name; declare it "
                          "with `type Name { ... }`";
    return {};
  case SrcType::Kind::Bracket:
    error(file, t.loc) << "unmappable type `" << t.str()
                       << "`: write the list type as `list<"
                       << t.args.front().str() << ">`";
    return {};
  }
  return {};
}

bool Lowering::mapResult(const std::string &file, const SrcType &t,
                         SmallVectorImpl<Type> &results) {
  if (t.kind == SrcType::Kind::Generic && t.name == "Result" && !t.optional) {
    if (t.args.size() != 2) {
      error(file, t.loc) << "`Result` takes 2 type arguments";
      return false;
    }
    const SrcType &e = t.args[1];
    if (!(e.kind == SrcType::Kind::Name && e.name == "string" && !e.optional)) {
      error(file, e.loc) << "unmappable type `" << t.str()
                         << "`: only Result<T, string> crosses (as (T, error))";
      return false;
    }
    Type v = map(file, t.args[0]);
    if (!v)
      return false;
    results.push_back(v);
    results.push_back(ErrorType::get(ctx));
    return true;
  }
  Type r = map(file, t);
  if (!r)
    return false;
  results.push_back(r);
  return true;
}

void Lowering::lowerRecord(const std::string &name) {
  const TypeSite &site = types[name];
  const mochi::SrcTypeDecl &d = *site.decl;
  OpBuilder::InsertionGuard guard(b);
  b.setInsertionPointToEnd(&pkg.getBodyBlock());
  auto op = b.create<TypeOp>(
      loc(site.file, d.loc), b.getStringAttr(recordsUsed[name]),
      b.getArrayAttr({}), TypeFormAttr::get(ctx, TypeForm::Struct), TypeAttr(),
      d.doc.empty() ? StringAttr() : b.getStringAttr(d.doc), StringAttr(),
      UnitAttr());
  op->setAttr(kMochiNameAttr, b.getStringAttr(d.name));
  Block *body = new Block();
  op.getBody().push_back(body);
  b.setInsertionPointToEnd(body);
  std::map<std::string, const mochi::SrcParam *> seen;
  for (const mochi::SrcParam &f : d.fields) {
    std::string go = publish::goExportedName(f.name);
    if (go.empty()) {
      error(site.file, f.loc)
          << "field `" << f.name << "` has no exported Go name";
      continue;
    }
    auto [it, inserted] = seen.try_emplace(go, &f);
    if (!inserted) {
      auto diag = error(site.file, f.loc)
                  << "name clash: fields `" << f.name << "` and `"
                  << it->second->name << "` of `" << d.name
                  << "` both become Go `" << go << "`";
      diag.attachNote(loc(site.file, it->second->loc))
          << "`" << it->second->name << "` is declared here";
      continue;
    }
    if (f.type.kind == SrcType::Kind::Name && f.type.name == name &&
        !f.type.optional) {
      error(site.file, f.type.loc)
          << "record `" << d.name
          << "` contains itself by value (make the field optional: `" << name
          << "?`)";
      continue;
    }
    Type t = map(site.file, f.type);
    if (!t)
      continue;
    auto field = b.create<FieldOp>(loc(site.file, f.loc), b.getStringAttr(go),
                                   TypeAttr::get(t), UnitAttr(), StringAttr(),
                                   StringAttr());
    field->setAttr(kMochiNameAttr, b.getStringAttr(f.name));
  }
}

OwningOpRef<ModuleOp> Lowering::run() {
  ctx->loadDialect<GoSurfaceDialect>();
  OwningOpRef<ModuleOp> top = ModuleOp::create(UnknownLoc::get(ctx));
  b.setInsertionPointToEnd(top->getBody());
  auto mod = b.create<GoModuleOp>(FileLineColLoc::get(ctx, m.path, 0, 0),
                                  m.module, m.version);
  mod.setGoVersionAttr(b.getStringAttr(m.goVersion));
  mod->setAttr(kRoleAttr, b.getStringAttr("api"));
  if (!m.description.empty())
    mod->setAttr(kDescriptionAttr, b.getStringAttr(m.description));
  if (!m.license.empty())
    mod->setAttr(kLicenseAttr, b.getStringAttr(m.license));
  SmallVector<Attribute> reqs;
  for (const std::string &r : m.requires)
    reqs.push_back(b.getStringAttr(r));
  mod->setAttr(kRequiresAttr, b.getArrayAttr(reqs));
  b.setInsertionPointToEnd(&mod.getBodyBlock());
  pkg = b.create<PackageOp>(FileLineColLoc::get(ctx, m.path, 0, 0), m.module,
                            m.name);
  if (!m.description.empty())
    pkg.setDocAttr(b.getStringAttr(m.description));

  // Every type declaration first (a function may use a type declared after
  // it or in another file).
  for (const mochi::PackageSource &s : srcs) {
    if (s.packageName.empty())
      error(s.fileName, mochi::Loc{1, 1})
          << "missing `package " << m.name
          << "`: every source of a published package names its package";
    else if (s.packageName != m.name)
      error(s.fileName, s.packageLoc)
          << "package `" << s.packageName << "` does not match the name `"
          << m.name << "` in mochi.toml";
    for (const mochi::SrcTypeDecl &d : s.types) {
      auto [it, inserted] = types.try_emplace(d.name, TypeSite{&d, s.fileName});
      if (!inserted) {
        auto diag = error(s.fileName, d.loc)
                    << "type `" << d.name << "` is declared twice";
        diag.attachNote(loc(it->second.file, it->second.decl->loc))
            << "first declared here";
      }
    }
  }
  // The functions, in Go-name order (output order is by name).
  struct Fn {
    std::string go;
    const mochi::SrcFun *f;
    std::string file;
  };
  std::vector<Fn> fns;
  for (const mochi::PackageSource &s : srcs)
    for (const mochi::SrcFun &f : s.exports) {
      std::string go = publish::goExportedName(f.name);
      if (claim(go, f.name, s.fileName, f.loc))
        fns.push_back({go, &f, s.fileName});
    }
  if (fns.empty() && !failed)
    emitError(FileLineColLoc::get(ctx, m.path, 0, 0))
        << "package `" << m.name << "` exports no function (`export fun`)",
        failed = true;
  llvm::sort(fns, [](const Fn &a, const Fn &b) { return a.go < b.go; });
  for (const Fn &fn : fns) {
    const mochi::SrcFun &f = *fn.f;
    SmallVector<Type> ins, outs;
    SmallVector<Attribute> argNames, resultNames;
    bool ok = true;
    for (const mochi::SrcParam &p : f.params) {
      Type t = map(fn.file, p.type);
      ok &= bool(t);
      ins.push_back(t);
      argNames.push_back(b.getStringAttr(p.name));
    }
    if (f.hasResult)
      ok &= mapResult(fn.file, f.result, outs);
    if (!ok)
      continue;
    for (size_t i = 0; i < outs.size(); ++i)
      resultNames.push_back(b.getStringAttr("_"));
    std::string sig = f.name + "(";
    for (size_t i = 0; i < f.params.size(); ++i)
      sig += (i ? ", " : "") + f.params[i].name + ": " + f.params[i].type.str();
    sig += ")";
    if (f.hasResult)
      sig += ": " + f.result.str();
    OpBuilder::InsertionGuard guard(b);
    b.setInsertionPointToEnd(&pkg.getBodyBlock());
    auto op = b.create<FuncOp>(
        loc(fn.file, f.loc), b.getStringAttr(fn.go), b.getArrayAttr({}),
        TypeAttr::get(FuncType::get(ctx, ins, outs, false)),
        b.getArrayAttr(argNames), b.getArrayAttr(resultNames),
        f.doc.empty() ? StringAttr() : b.getStringAttr(f.doc), StringAttr(),
        UnitAttr());
    op->setAttr(kMochiNameAttr, b.getStringAttr(f.name));
    op->setAttr(kMochiSigAttr, b.getStringAttr(sig));
  }
  for (size_t i = 0; i < recordQueue.size(); ++i)
    lowerRecord(recordQueue[i]);
  if (failed)
    return {};
  // Declarations sorted by Go name: records before functions.
  SmallVector<Operation *> ops;
  for (Operation &op : pkg.getBodyBlock())
    ops.push_back(&op);
  llvm::stable_sort(ops, [](Operation *a, Operation *c) {
    bool ta = isa<TypeOp>(a), tc = isa<TypeOp>(c);
    if (ta != tc)
      return ta;
    return SymbolTable::getSymbolName(a).getValue() <
           SymbolTable::getSymbolName(c).getValue();
  });
  for (Operation *op : ops)
    op->moveBefore(&pkg.getBodyBlock(), pkg.getBodyBlock().end());
  if (mlir::failed(verify(*top)))
    return {};
  return top;
}

} // namespace

OwningOpRef<ModuleOp>
publish::lowerPackage(const Manifest &m,
                      const std::vector<mochi::PackageSource> &srcs,
                      MLIRContext *ctx) {
  return Lowering(m, srcs, ctx).run();
}
