//===- JsonLocator.h - Source positions inside a JSON text ------*- C++ -*-===//
//
// Part of mochi-go. llvm::json values carry no positions; the locator finds
// where a value, reached by a path of object keys and array indices, starts
// in the raw text, so that diagnostics about a JSON document can point at
// the offending value.
//
//===----------------------------------------------------------------------===//

#ifndef MOCHIGO_INGEST_JSONLOCATOR_H
#define MOCHIGO_INGEST_JSONLOCATOR_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"

#include <cstddef>
#include <optional>
#include <string>
#include <variant>

namespace mochigo {
namespace ingest {

/// One step of a path into a JSON document: an object key or an array index.
using JsonPathElem = std::variant<std::string, size_t>;

class JsonLocator {
public:
  explicit JsonLocator(llvm::StringRef text) : text(text) {}

  /// Byte offset of the first character of the value at `path` (or of the
  /// deepest prefix of `path` that exists). Returns std::nullopt only if the
  /// text is not well-formed enough to walk.
  std::optional<size_t> find(llvm::ArrayRef<JsonPathElem> path) const;

  /// Render `path` the way diagnostics show it: `packages[3].decls[0].type`.
  static std::string render(llvm::ArrayRef<JsonPathElem> path);

private:
  size_t skipSpace(size_t pos) const;
  /// Offset just past the value starting at `pos`, or npos if malformed.
  size_t skipValue(size_t pos) const;
  size_t skipString(size_t pos) const;
  /// Decode the string token at `pos` (simple escapes only; keys in our
  /// documents are ASCII identifiers).
  std::string readString(size_t pos) const;

  llvm::StringRef text;
};

} // namespace ingest
} // namespace mochigo

#endif // MOCHIGO_INGEST_JSONLOCATOR_H
