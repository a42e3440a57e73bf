//===- Identifiers.cpp - Mochi identifiers, keywords and aliases ----------===//
//
// Part of mochi-go. The one place that knows Mochi's keywords and how a Go
// import path becomes a Mochi alias (docs/MochiImports.md).
//
//===----------------------------------------------------------------------===//

#include "mochi-go/Mochi/Imports.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringExtras.h"

using namespace mochigo;
using llvm::StringRef;

bool mochi::isMochiKeyword(StringRef word) {
  // The words Mochi's lexer reads as Keyword tokens (never as identifiers),
  // and the boolean literals: the `Keyword` and `Bool` rules of the lexer in
  // mochilang/mochi's parser package, 2026-12. docs/MochiExterns.md lists
  // them; keep the two in step.
  static const char *const keywords[] = {
      "agent",    "all",    "async",   "await",  "break",    "catch",  "close",
      "continue", "else",   "emit",    "expect", "export",   "extern", "fact",
      "false",    "fetch",  "for",     "fun",    "generate", "if",     "import",
      "in",       "intent", "let",     "load",   "match",    "none",   "not",
      "omap",     "on",     "package", "return", "rule",     "save",   "set",
      "spawn",    "stream", "test",    "then",   "true",     "try",    "type",
      "var",      "when",   "while"};
  return llvm::is_contained(keywords, word);
}

static bool isIdentifierChar(char c) { return llvm::isAlnum(c) || c == '_'; }

bool mochi::isMochiIdentifier(StringRef s) {
  if (s.empty() || !(llvm::isAlpha(s[0]) || s[0] == '_'))
    return false;
  return llvm::all_of(s, isIdentifierChar);
}

/// Every character that is not a letter, digit or `_` becomes `_`; a leading
/// digit, or nothing at all, gets a `_` in front.
static std::string sanitize(StringRef s) {
  std::string out;
  out.reserve(s.size() + 1);
  for (char c : s)
    out += isIdentifierChar(c) ? c : '_';
  if (out.empty() || llvm::isDigit(out[0]))
    out.insert(out.begin(), '_');
  return out;
}

std::string mochi::fixIdentifier(StringRef s) {
  std::string out = sanitize(s);
  if (isMochiKeyword(out))
    out += '_';
  return out;
}

/// Is `elem` a major-version path element (`v2`, `v10`; also `v1`)?
static bool isMajorElement(StringRef elem) {
  if (elem.size() < 2 || elem[0] != 'v' || elem[1] == '0')
    return false;
  return llvm::all_of(elem.drop_front(), llvm::isDigit);
}

std::string mochi::pathIdentifier(StringRef path) {
  llvm::SmallVector<StringRef> elems;
  path.split(elems, '/', -1, /*KeepEmpty=*/false);
  while (elems.size() > 1 && isMajorElement(elems.back()))
    elems.pop_back();
  StringRef last = elems.empty() ? StringRef("go") : elems.back();
  // gopkg.in/yaml.v3: the version is part of the element.
  size_t dot = last.rfind('.');
  if (dot != StringRef::npos && isMajorElement(last.substr(dot + 1)))
    last = last.take_front(dot);
  return sanitize(last);
}

std::string mochi::aliasProblem(StringRef alias) {
  if (!isMochiIdentifier(alias))
    return "is not a Mochi identifier";
  if (isMochiKeyword(alias))
    return "is not a Mochi identifier (it is a keyword)";
  if (alias.contains("__"))
    return "has two '_' in a row (reserved: '__' separates the alias from a "
           "type name in the Mochi names of Go types)";
  return "";
}

std::string mochi::fixAlias(StringRef s) {
  std::string out;
  for (char c : fixIdentifier(s))
    if (!(c == '_' && !out.empty() && out.back() == '_'))
      out += c;
  // Collapsing never makes a keyword: fixIdentifier already appended `_`
  // to one, and a keyword has no `_`.
  return out;
}

std::string mochi::defaultAlias(StringRef path) {
  return fixAlias(pathIdentifier(path));
}

bool mochi::isStdlibPath(StringRef path) {
  return !path.take_until([](char c) { return c == '/'; }).contains('.');
}
