//===- Naming.cpp - symbols of handle types and records -------------------===//
//
// Part of mochi-go.
//
//===----------------------------------------------------------------------===//

#include "Naming.h"

#include "mochi-go/Ingest/StdSurface.h"
#include "mochi-go/Typemap/TypeMap.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/SHA256.h"

using namespace mlir;
using namespace mochigo;
using namespace mochigo::gosurface;

std::string synth::sanitize(StringRef s) {
  std::string out;
  for (char c : s)
    out += (llvm::isAlnum(c) || c == '_') ? c : '_';
  if (!out.empty() && llvm::isDigit(out[0]))
    out.insert(out.begin(), '_');
  return out;
}

StringRef synth::rootPath(GoModuleOp module) {
  return ingest::defaultNamePathOf(module.getSymName(),
                                   module.getBodyBlock().getOps<PackageOp>());
}

std::string synth::packageDir(StringRef rootPath, StringRef pkgPath) {
  return sanitize(ingest::pathBelowRoot(rootPath, pkgPath).value_or(pkgPath));
}

static std::string hash8(Type type) {
  std::string spelling = goTypeString(type);
  llvm::SHA256 sha;
  sha.update(spelling);
  std::array<uint8_t, 32> digest = sha.final();
  return llvm::toHex(ArrayRef<uint8_t>(digest).take_front(4),
                     /*LowerCase=*/true);
}

std::string synth::baseSymbol(Type type, StringRef rootPath) {
  if (auto named = dyn_cast<NamedType>(type)) {
    std::string base;
    StringRef pkg = named.getPkg();
    if (std::optional<StringRef> below = ingest::pathBelowRoot(rootPath, pkg)) {
      std::string dir = sanitize(*below);
      base = dir.empty() ? named.getName().str()
                         : dir + "_" + named.getName().str();
    } else {
      base = typemap::defaultAlias(pkg) + "_" + named.getName().str();
    }
    if (!named.getArgs().empty())
      base += "_" + hash8(type);
    return sanitize(base);
  }
  if (isa<AnyType>(type))
    return "Any";
  // A channel of an element with a simple spelling is named after it and
  // its direction: `Chan_int`, `RecvChan_Time` (`<-chan time.Time`),
  // `SendChan_string` (`chan<- string`), `RecvChan_struct` (`<-chan
  // struct{}`); other elements fall back to the hash.
  // A simple spelling: a basic type, a named type without arguments, any,
  // error, struct{}.
  auto simple = [&](Type e) -> std::string {
    if (isa<BasicType>(e))
      return goTypeString(e);
    if (auto n = dyn_cast<NamedType>(e); n && n.getArgs().empty())
      return baseSymbol(n, rootPath);
    if (auto p = dyn_cast<PointerType>(e))
      if (auto n = dyn_cast<NamedType>(p.getElem()); n && n.getArgs().empty())
        return "ptr_" + baseSymbol(n, rootPath);
    if (isa<AnyType>(e))
      return "Any";
    if (isa<ErrorType>(e))
      return "error";
    if (auto st = dyn_cast<StructType>(e); st && st.getFields().empty())
      return "struct";
    return "";
  };
  // A func whose parameters and results all have simple spellings is named
  // after them: `Func_int_to_int` (func(int) int), `Func_string_to_int_error`,
  // `Func_to_bool` (func() bool), `Func_string` (func(string)), `Func`.
  if (auto fn = dyn_cast<FuncType>(type); fn && !fn.getVariadic()) {
    std::string name = "Func";
    bool ok = true;
    for (Type t : fn.getInputs()) {
      std::string s = simple(t);
      ok = ok && !s.empty();
      name += "_" + s;
    }
    if (!fn.getResults().empty())
      name += "_to";
    for (Type t : fn.getResults()) {
      std::string s = simple(t);
      ok = ok && !s.empty();
      name += "_" + s;
    }
    if (ok)
      return sanitize(name);
  }
  if (auto chan = dyn_cast<ChanType>(type)) {
    std::string elem = simple(chan.getElem());
    if (!elem.empty()) {
      StringRef dir = chan.getDir() == ChanDir::Recv   ? "Recv"
                      : chan.getDir() == ChanDir::Send ? "Send"
                                                       : "";
      return sanitize((dir + "Chan_" + elem).str());
    }
  }
  StringRef kind = "Type";
  if (isa<FuncType>(type))
    kind = "Func";
  else if (isa<ChanType>(type))
    kind = "Chan";
  else if (isa<PointerType>(type))
    kind = "Ptr";
  else if (isa<InterfaceType>(type))
    kind = "Iface";
  else if (isa<StructType>(type))
    kind = "Struct";
  return (kind + "_" + hash8(type)).str();
}

std::string synth::uniqueSymbol(cabi::LibraryOp library,
                                const std::string &base,
                                const llvm::StringSet<> *reserved) {
  std::string name = base;
  for (unsigned n = 2; SymbolTable::lookupSymbolIn(library, name) ||
                       (reserved && reserved->contains(name));
       ++n)
    name = base + "_" + std::to_string(n);
  return name;
}

GoModuleOp synth::findGoModule(cabi::LibraryOp library) {
  Operation *parent = library->getParentOp();
  if (!parent)
    return {};
  for (Region &r : parent->getRegions())
    for (auto m : r.getOps<GoModuleOp>())
      if (m.getSymName() == library.getSymName())
        return m;
  return {};
}
