//===- GoTypes.h - shared helpers of the wrapper printers -------*- C++ -*-===//
//
// Part of mochi-go. Private to lib/Emit: what the Go wrapper printer and the
// C header printer must agree on (C type names, mangled form names, the C
// type section, the free functions, the underlying types of named Go types).
//
//===----------------------------------------------------------------------===//

#ifndef MOCHIGO_LIB_EMIT_GOTYPES_H
#define MOCHIGO_LIB_EMIT_GOTYPES_H

#include "mochi-go/CAbi/CAbiOps.h"
#include "mochi-go/GoSurface/GoSurfaceOps.h"
#include "mochi-go/GoSurface/GoSurfaceTypes.h"
#include "mochi-go/Typemap/TypeMap.h"

#include "mlir/IR/BuiltinOps.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringMap.h"

#include <optional>
#include <string>

namespace mochigo {
namespace emit {

/// The single cabi.library of a module, with what the printers look up.
struct Library {
  cabi::LibraryOp op;
  /// The go.module of the library (same symbol, or the only one); may be null.
  gosurface::GoModuleOp goModule;
  std::string prefix;
  /// The import path of the Go wrapper's main package (its packages rt and
  /// w/... are below it): `mochigo.local/<prefix>` unless the wrapper
  /// printer was given GoWrapperOptions::importRoot.
  std::string goRoot;
  llvm::StringMap<cabi::HandleTypeOp> handles;
  llvm::StringMap<cabi::RecordOp> records;
  /// The type map's view of goModule (named types and their underlying
  /// types); absent without a go.module.
  std::optional<typemap::TypeMapper> types;

  /// Every list, map and record form the library uses, dependencies first.
  llvm::SmallVector<mlir::Type> compositeForms;
  /// The forms that own memory and appear in a result or record field (and
  /// the string form), in the order of their free functions; error is folded
  /// into string.
  llvm::SmallVector<mlir::Type> freeForms;

  /// The record of a !cabi.record form.
  cabi::RecordOp record(mlir::Type form) const;
  /// The handle type of a !cabi.handle form.
  cabi::HandleTypeOp handle(mlir::Type form) const;

  /// The underlying type of a named Go type (aliases resolved, type
  /// arguments substituted), or null when unknown.
  mlir::Type underlying(gosurface::NamedType named) const;
  /// Go type `t` with aliases resolved and named types replaced by their
  /// underlying type (one level); `t` itself when it is not named; null when
  /// unknown.
  mlir::Type underlyingOf(mlir::Type t) const;

  /// The C type of a form: `int64_t`, `<prefix>_string`, ... A handle is
  /// `<prefix>_<S>` when `nested` is false, else `<prefix>_handle`.
  std::string cType(mlir::Type form, bool nested = true) const;
  /// The C name of the free function of a form (error uses string's).
  std::string freeName(mlir::Type form) const;
  /// Does a value of this form own malloc'd memory?
  bool ownsMemory(mlir::Type form) const;

  /// The C type section (typedefs of string, bytes, handle, handle types,
  /// lists, maps, records, callback function pointers), shared by the header
  /// and the cgo preambles.
  std::string typeSection() const;

  /// The func_call export of a func handle type, whose parameters (after
  /// the handle) and results are the signature of its callbacks' C
  /// functions; null when there is none.
  cabi::ExportOp callOf(llvm::StringRef handle) const;
  /// The C signature of the callback function of a func handle type, with
  /// `head` before the parameters: `(head, p1, ..., CR1 *r1, ..., err)`.
  std::string callbackParams(cabi::ExportOp call, llvm::StringRef head) const;
};

/// Find the single cabi.library of `module` and fill in a Library; emits an
/// error and fails when there is none or more than one, or when the C names
/// it would define collide.
mlir::LogicalResult loadLibrary(mlir::ModuleOp module, Library &lib);

/// m(T) of docs/CAbi.md: `int64`, `string`, `list_string`, a record's name.
std::string mangle(mlir::Type form);

/// The export's parameters or results as ValueAttrs.
llvm::SmallVector<cabi::ValueAttr> values(mlir::ArrayAttr array);

/// `"..."`, a Go (and C) string literal with the needed escapes.
std::string quoteString(llvm::StringRef s);

} // namespace emit
} // namespace mochigo

#endif // MOCHIGO_LIB_EMIT_GOTYPES_H
