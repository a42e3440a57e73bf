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
