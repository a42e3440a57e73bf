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

#include "mochi-go/Mochi/DeclFile.h"

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

/// Hold an extern file and its bindings to each other, as the Mochi
/// compiler's driver will: every declaration of `file` has exactly one entry
/// in `b` of the matching kind (an `extern type` a handle, a record `type` a
/// record, `extern var` a var, `extern fun` a fun), with the same Mochi types
/// (parameter names and types, the result as docs/MochiExterns.md composes it
/// from `results` and `error`, record fields), and every entry has its
/// declaration. Problems of a declaration are errors at its position in
/// `file`; an entry without a declaration is an error at the file's first
/// line naming the entry.
std::vector<Diagnostic> checkBindings(const DeclFile &file, const Bindings &b);

/// The Mochi result type of a bound function: none, the one result, an
/// inline record of several, inside `Result<..., string>` when `error`.
std::string boundResultType(const BoundFun &f);

} // namespace mochi
} // namespace mochigo

#endif // MOCHIGO_MOCHI_BINDINGS_H
