//===- TypeMap.cpp - the closed type map ----------------------------------===//
//
// Part of mochi-go.
//
//===----------------------------------------------------------------------===//

#include "mochi-go/Typemap/TypeMap.h"

#include "llvm/ADT/StringExtras.h"

using namespace mlir;
using namespace mochigo;
using namespace mochigo::typemap;
using namespace mochigo::gosurface;

/// Is `elem` a major-version path element (`v2`, `v10`)?
static bool isMajorElement(StringRef elem) {
  if (elem.size() < 2 || elem[0] != 'v' || elem[1] == '0')
    return false;
  return llvm::all_of(elem.drop_front(), llvm::isDigit);
}

std::string mochigo::typemap::defaultAlias(StringRef modulePath) {
  SmallVector<StringRef> elems;
  modulePath.split(elems, '/', -1, /*KeepEmpty=*/false);
  while (elems.size() > 1 && isMajorElement(elems.back()))
    elems.pop_back();
  StringRef last = elems.empty() ? StringRef("go") : elems.back();
  // gopkg.in/yaml.v3: the version is part of the element.
  size_t dot = last.rfind('.');
  if (dot != StringRef::npos && isMajorElement(last.substr(dot + 1)))
    last = last.take_front(dot);
  std::string alias;
  for (char c : last)
    alias += (llvm::isAlnum(c) || c == '_') ? c : '_';
  if (alias.empty() || llvm::isDigit(alias[0]))
    alias.insert(alias.begin(), '_');
  return alias;
}

std::string mochigo::typemap::defaultPrefix(StringRef modulePath) {
  return "mochigo_" + defaultAlias(modulePath);
}

bool mochigo::typemap::isInternalPath(StringRef importPath) {
  SmallVector<StringRef> elems;
  importPath.split(elems, '/');
  return llvm::is_contained(elems, "internal");
}
