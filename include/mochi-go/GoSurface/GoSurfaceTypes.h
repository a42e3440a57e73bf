//===- GoSurfaceTypes.h - Go types ------------------------------*- C++ -*-===//
//
// Part of mochi-go.
//
//===----------------------------------------------------------------------===//

#ifndef MOCHIGO_GOSURFACE_GOSURFACETYPES_H
#define MOCHIGO_GOSURFACE_GOSURFACETYPES_H

#include "mlir/IR/Attributes.h"
#include "mlir/IR/BuiltinAttributes.h"
#include "mlir/IR/DialectImplementation.h"
#include "mlir/IR/Diagnostics.h"
#include "mlir/IR/AttrTypeSubElements.h"
#include "mlir/IR/Types.h"
#include "llvm/ADT/Hashing.h"

#include "mochi-go/GoSurface/GoSurfaceEnums.h.inc"

namespace mochigo {
namespace gosurface {

/// One field of a struct type. Strings are uniqued StringAttrs so that the
/// type storage can hold the struct by value.
struct StructField {
  mlir::StringAttr name;
  mlir::Type type;
  mlir::StringAttr tag; // null when the field has no tag
  bool embedded = false;

  bool operator==(const StructField &o) const {
    return name == o.name && type == o.type && tag == o.tag &&
           embedded == o.embedded;
  }
  bool isExported() const;
};
inline llvm::hash_code hash_value(const StructField &f) {
  return llvm::hash_combine(f.name, f.type, f.tag, f.embedded);
}

/// One method of an interface type; `type` is a FuncType.
struct InterfaceMethod {
  mlir::StringAttr name;
  mlir::Type type;
  bool operator==(const InterfaceMethod &o) const {
    return name == o.name && type == o.type;
  }
};
inline llvm::hash_code hash_value(const InterfaceMethod &m) {
  return llvm::hash_combine(m.name, m.type);
}

/// One term of a union: `~T` when tilde is set.
struct UnionTerm {
  bool tilde = false;
  mlir::Type type;
  bool operator==(const UnionTerm &o) const {
    return tilde == o.tilde && type == o.type;
  }
};
inline llvm::hash_code hash_value(const UnionTerm &t) {
  return llvm::hash_combine(t.tilde, t.type);
}

/// Is `name` an exported Go identifier (starts with an upper-case letter)?
bool isExportedName(llvm::StringRef name);

/// Print a Go type the short way used inside `go` types and operations:
/// dialect types without the `!go.` prefix, other types in full.
void printGoType(mlir::AsmPrinter &printer, mlir::Type type);
/// Parse a type printed by printGoType (a full `!dialect.type` also parses).
mlir::ParseResult parseGoType(mlir::AsmParser &parser, mlir::Type &type);
/// Parse a Go type whose leading keyword (`slice`, `int`, ...) was already
/// consumed at `loc`.
mlir::ParseResult parseGoTypeWithKeyword(mlir::AsmParser &parser,
                                         llvm::SMLoc loc,
                                         llvm::StringRef keyword,
                                         mlir::Type &type);

/// The rules every struct field obeys (anonymous struct types and go.field):
/// exported fields have a recorded type, unexported ones type hidden, and an
/// exported embedded field is a named type (or pointer to one) of its name.
mlir::LogicalResult
verifyStructField(llvm::function_ref<mlir::InFlightDiagnostic()> emitError,
                  llvm::StringRef name, mlir::Type type, bool embedded);

/// Is this one of the dialect's Go types?
bool isGoType(mlir::Type type);

/// Go's spelling of a type (`[]map[string]*p.T`), for diagnostics and printers.
std::string goTypeString(mlir::Type type);

} // namespace gosurface
} // namespace mochigo

namespace mlir {
/// Let Type::walk and replace see the types and strings inside struct fields,
/// interface methods and union terms.
template <>
struct AttrTypeSubElementHandler<mochigo::gosurface::StructField> {
  static void walk(const mochigo::gosurface::StructField &f,
                   AttrTypeImmediateSubElementWalker &walker) {
    walker.walk(f.name);
    walker.walk(f.type);
    walker.walk(f.tag);
  }
  static mochigo::gosurface::StructField
  replace(const mochigo::gosurface::StructField &f,
          AttrSubElementReplacements &attrRepls,
          TypeSubElementReplacements &typeRepls) {
    mochigo::gosurface::StructField r = f;
    r.name = cast<StringAttr>(attrRepls.take_front(1)[0]);
    r.type = typeRepls.take_front(1)[0];
    if (f.tag)
      r.tag = cast<StringAttr>(attrRepls.take_front(1)[0]);
    return r;
  }
};
template <>
struct AttrTypeSubElementHandler<mochigo::gosurface::InterfaceMethod> {
  static void walk(const mochigo::gosurface::InterfaceMethod &m,
                   AttrTypeImmediateSubElementWalker &walker) {
    walker.walk(m.name);
    walker.walk(m.type);
  }
  static mochigo::gosurface::InterfaceMethod
  replace(const mochigo::gosurface::InterfaceMethod &m,
          AttrSubElementReplacements &attrRepls,
          TypeSubElementReplacements &typeRepls) {
    mochigo::gosurface::InterfaceMethod r = m;
    r.name = cast<StringAttr>(attrRepls.take_front(1)[0]);
    r.type = typeRepls.take_front(1)[0];
    return r;
  }
};
template <>
struct AttrTypeSubElementHandler<mochigo::gosurface::UnionTerm> {
  static void walk(const mochigo::gosurface::UnionTerm &t,
                   AttrTypeImmediateSubElementWalker &walker) {
    walker.walk(t.type);
  }
  static mochigo::gosurface::UnionTerm
  replace(const mochigo::gosurface::UnionTerm &t,
          AttrSubElementReplacements &attrRepls,
          TypeSubElementReplacements &typeRepls) {
    mochigo::gosurface::UnionTerm r = t;
    r.type = typeRepls.take_front(1)[0];
    return r;
  }
};
} // namespace mlir

#define GET_TYPEDEF_CLASSES
#include "mochi-go/GoSurface/GoSurfaceTypes.h.inc"

#define GET_ATTRDEF_CLASSES
#include "mochi-go/GoSurface/GoSurfaceAttrs.h.inc"

#endif // MOCHIGO_GOSURFACE_GOSURFACETYPES_H
