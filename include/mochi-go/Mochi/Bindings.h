//===- Bindings.h - the C bindings of a generated extern file ---*- C++ -*-===//
//
// Part of mochi-go. Reads `<alias>.bindings.yaml`, the file that binds every
// Mochi name of a generated `<alias>.mochi` to its C symbol
// (docs/MochiExterns.md, schema mochi-go/bindings/v1). The Mochi compiler's
// driver reads the same file; this reader is strict, so that what we write is
// checked the way a reader would take it.
//
//===----------------------------------------------------------------------===//

#ifndef MOCHIGO_MOCHI_BINDINGS_H
#define MOCHIGO_MOCHI_BINDINGS_H

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <string>
#include <vector>

namespace mochigo {
namespace mochi {

/// The schema this reader takes.
constexpr llvm::StringLiteral kBindingsSchema = "mochi-go/bindings/v1";

/// A parameter, result or record field.
struct BoundValue {
  std::string name;  // Mochi name
  std::string type;  // Mochi type
  std::string cType; // C type
  std::string free;  // free function, or ""
  std::string cName; // C struct member (fields only), or ""
};

struct BoundType {
  std::string mochi;
  std::string kind; // "handle" or "record"
  std::string cType;
  std::string free;
  std::string go;
  std::vector<BoundValue> fields;
};

struct BoundVar {
  std::string mochi, type, cType, free, get, set;
  bool isConst = false;
};

struct BoundFun {
  std::string mochi, c, kind, go;
  std::vector<BoundValue> params, results;
  bool error = false, variadic = false;
};

struct Bindings {
  std::string externs;
  std::string importPath, importVersion, alias;
  std::string prefix, archive, header, module, version;
  std::vector<BoundType> types;
  std::vector<BoundVar> vars;
  std::vector<BoundFun> funs;
};

/// Read and validate a bindings file: the schema, every required key with a
/// value of the right shape, no unknown key, C symbols that start with the
/// library's prefix, no Mochi name bound twice. Errors are
/// `<fileName>: <where>: <what>` (`uuid.bindings.yaml: funs[3].c: ...`),
/// or carry the YAML parser's line:column.
llvm::Expected<Bindings> parseBindings(llvm::StringRef text,
                                       llvm::StringRef fileName);

} // namespace mochi
} // namespace mochigo

#endif // MOCHIGO_MOCHI_BINDINGS_H
