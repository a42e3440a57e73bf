//===- GoSource.cpp - Go types as Go source, for publish ------------------===//

#include "GoSource.h"

#include "mochi-go/Publish/Publish.h"

using namespace mlir;
using namespace mochigo;
using namespace mochigo::gosurface;
using llvm::StringRef;

std::string publish::goType(Type t, StringRef local, StringRef q) {
  if (auto b = dyn_cast<BasicType>(t))
    return stringifyBasicKind(b.getKind()).str();
  if (isa<ErrorType>(t))
    return "error";
  if (isa<AnyType>(t))
    return "any";
  if (auto n = dyn_cast<NamedType>(t)) {
    if (n.getPkg() == local)
      return q.empty() ? n.getName().str() : (q + "." + n.getName()).str();
    StringRef last = n.getPkg().rsplit('/').second;
    if (last.empty())
      last = n.getPkg();
    return (last + "." + n.getName()).str();
  }
  if (auto p = dyn_cast<PointerType>(t))
    return "*" + goType(p.getElem(), local, q);
  if (auto s = dyn_cast<SliceType>(t))
    return "[]" + goType(s.getElem(), local, q);
  if (auto a = dyn_cast<ArrayType>(t))
    return "[" + std::to_string(a.getLength()) + "]" +
           goType(a.getElem(), local, q);
  if (auto m = dyn_cast<MapType>(t))
    return "map[" + goType(m.getKey(), local, q) + "]" +
           goType(m.getElem(), local, q);
  if (auto f = dyn_cast<FuncType>(t))
    return "func" + goSignature(f, local, q);
  std::string s;
  llvm::raw_string_ostream os(s);
  t.print(os);
  return s;
}

std::string publish::goSignature(FuncType fn, StringRef local, StringRef q) {
  std::string s = "(";
  auto ins = fn.getInputs();
  for (size_t i = 0; i < ins.size(); ++i) {
    s += i ? ", " : "";
    if (fn.getVariadic() && i + 1 == ins.size())
      s += "..." + goType(cast<SliceType>(ins[i]).getElem(), local, q);
    else
      s += goType(ins[i], local, q);
  }
  s += ")";
  auto outs = fn.getResults();
  if (outs.size() == 1)
    s += " " + goType(outs[0], local, q);
  else if (!outs.empty()) {
    s += " (";
    for (size_t i = 0; i < outs.size(); ++i)
      s += (i ? ", " : "") + goType(outs[i], local, q);
    s += ")";
  }
  return s;
}

GoModuleOp publish::findRole(ModuleOp top, StringRef role) {
  for (auto mod : top.getOps<GoModuleOp>())
    if (auto r = mod->getAttrOfType<StringAttr>(kRoleAttr))
      if (r.getValue() == role)
        return mod;
  return {};
}

PackageOp publish::rootPackage(GoModuleOp mod) {
  for (auto pkg : mod.getBodyBlock().getOps<PackageOp>())
    if (pkg.getPath() == mod.getSymName())
      return pkg;
  return {};
}

bool publish::isGoKeyword(StringRef w) {
  static const char *const kws[] = {
      "break",     "case",   "chan",    "const",       "continue",
      "default",   "defer",  "else",    "fallthrough", "for",
      "func",      "go",     "goto",    "if",          "import",
      "interface", "map",    "package", "range",       "return",
      "select",    "struct", "switch",  "type",        "var"};
  for (const char *k : kws)
    if (w == k)
      return true;
  return false;
}
