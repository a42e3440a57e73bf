//===- JsonLocator.cpp - Source positions inside a JSON text --------------===//
//
// Part of mochi-go.
//
//===----------------------------------------------------------------------===//

#include "mochi-go/Ingest/JsonLocator.h"

#include "llvm/Support/raw_ostream.h"

using namespace mochigo::ingest;

static constexpr size_t npos = llvm::StringRef::npos;

size_t JsonLocator::skipSpace(size_t pos) const {
  while (pos < text.size()) {
    char c = text[pos];
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      ++pos;
      continue;
    }
    // Whole-line `//` comments are blanked out before parsing; skip them
    // here too so that the locator also works on the original text.
    if (c == '/' && pos + 1 < text.size() && text[pos + 1] == '/') {
      size_t nl = text.find('\n', pos);
      pos = nl == npos ? text.size() : nl + 1;
      continue;
    }
    break;
  }
  return pos;
}

size_t JsonLocator::skipString(size_t pos) const {
  if (pos >= text.size() || text[pos] != '"')
    return npos;
  for (++pos; pos < text.size(); ++pos) {
    if (text[pos] == '\\')
      ++pos;
    else if (text[pos] == '"')
      return pos + 1;
  }
  return npos;
}

std::string JsonLocator::readString(size_t pos) const {
  std::string out;
  size_t end = skipString(pos);
  if (end == npos)
    return out;
  for (size_t i = pos + 1; i + 1 < end; ++i) {
    if (text[i] == '\\' && i + 2 < end) {
      ++i;
      switch (text[i]) {
      case 'n': out.push_back('\n'); break;
      case 't': out.push_back('\t'); break;
      case 'r': out.push_back('\r'); break;
      case 'b': out.push_back('\b'); break;
      case 'f': out.push_back('\f'); break;
      default: out.push_back(text[i]); break;
      }
      continue;
    }
    out.push_back(text[i]);
  }
  return out;
}

size_t JsonLocator::skipValue(size_t pos) const {
  pos = skipSpace(pos);
  if (pos >= text.size())
    return npos;
  char c = text[pos];
  if (c == '"')
    return skipString(pos);
  if (c == '{' || c == '[') {
    char close = c == '{' ? '}' : ']';
    pos = skipSpace(pos + 1);
    if (pos < text.size() && text[pos] == close)
      return pos + 1;
    while (pos < text.size()) {
      if (c == '{') {
        pos = skipString(skipSpace(pos));
        if (pos == npos)
          return npos;
        pos = skipSpace(pos);
        if (pos >= text.size() || text[pos] != ':')
          return npos;
        ++pos;
      }
      pos = skipValue(pos);
      if (pos == npos)
        return npos;
      pos = skipSpace(pos);
      if (pos >= text.size())
        return npos;
      if (text[pos] == close)
        return pos + 1;
      if (text[pos] != ',')
        return npos;
      ++pos;
    }
    return npos;
  }
  // Literals and numbers: up to the next structural character.
  size_t end = text.find_first_of(",]} \t\r\n", pos);
  return end == npos ? text.size() : end;
}

std::optional<size_t>
JsonLocator::find(llvm::ArrayRef<JsonPathElem> path) const {
  size_t pos = skipSpace(0);
  if (pos >= text.size())
    return std::nullopt;
  for (const JsonPathElem &elem : path) {
    size_t found = npos;
    if (const std::string *key = std::get_if<std::string>(&elem)) {
      if (text[pos] != '{')
        return pos;
      size_t p = skipSpace(pos + 1);
      while (p < text.size() && text[p] == '"') {
        std::string name = readString(p);
        size_t afterKey = skipString(p);
        if (afterKey == npos)
          return pos;
        size_t colon = skipSpace(afterKey);
        if (colon >= text.size() || text[colon] != ':')
          return pos;
        size_t value = skipSpace(colon + 1);
        if (name == *key) {
          found = value;
          break;
        }
        p = skipValue(value);
        if (p == npos)
          return pos;
        p = skipSpace(p);
        if (p < text.size() && text[p] == ',')
          p = skipSpace(p + 1);
      }
    } else {
      size_t index = std::get<size_t>(elem);
      if (text[pos] != '[')
        return pos;
      size_t p = skipSpace(pos + 1);
      for (size_t i = 0; p < text.size() && text[p] != ']'; ++i) {
        if (i == index) {
          found = p;
          break;
        }
        p = skipValue(p);
        if (p == npos)
          return pos;
        p = skipSpace(p);
        if (p < text.size() && text[p] == ',')
          p = skipSpace(p + 1);
      }
    }
    if (found == npos || found >= text.size())
      return pos; // the deepest prefix that exists
    pos = found;
  }
  return pos;
}

std::string JsonLocator::render(llvm::ArrayRef<JsonPathElem> path) {
  std::string out;
  llvm::raw_string_ostream os(out);
  bool first = true;
  for (const JsonPathElem &elem : path) {
    if (const std::string *key = std::get_if<std::string>(&elem)) {
      if (!first)
        os << '.';
      os << *key;
    } else {
      os << '[' << std::get<size_t>(elem) << ']';
    }
    first = false;
  }
  if (first)
    os << "<document>";
  return out;
}
