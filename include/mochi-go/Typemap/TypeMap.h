//===- TypeMap.h - the closed type map --------------------------*- C++ -*-===//
//
// Part of mochi-go. For every Go type a fixed rule: its C form, or the
// handle pool, or a named reason to skip. docs/TypeMap.md is the table.
//
//===----------------------------------------------------------------------===//

#ifndef MOCHIGO_TYPEMAP_TYPEMAP_H
#define MOCHIGO_TYPEMAP_TYPEMAP_H

#include "mochi-go/CAbi/CAbiTypes.h"
#include "mochi-go/GoSurface/GoSurfaceOps.h"

#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringSet.h"

#include <functional>
#include <optional>
#include <string>

namespace mochigo {
namespace typemap {

/// The name of a module or package path in C symbols and, unless
/// --mochi-alias says otherwise, the alias of the Mochi extern file:
/// mochi::pathIdentifier, the last path element without a major-version
/// suffix (`/v2`, `.v3`), with every character that is not a letter, digit
/// or `_` turned into `_`: `gopkg.in/yaml.v3` -> `yaml`,
/// `github.com/google/go-cmp` -> `go_cmp`. Unlike mochi::defaultAlias (the
/// alias of an `import go` without `as`) a Mochi keyword stays as it is.
std::string defaultAlias(llvm::StringRef modulePath);

/// `mochigo_<defaultAlias>`: the C symbol prefix of a library by default.
std::string defaultPrefix(llvm::StringRef modulePath);

/// Does the import path have an `internal` element (so that no other module
/// may import it)?
bool isInternalPath(llvm::StringRef importPath);

/// Where a value sits; a result may hold a value the wrapper never names.
enum class Position { Param, Result, Field, Element };

/// How one Go type crosses.
struct Mapping {
  /// The C form; null when skipped.
  mlir::Type abi;
  /// Some part is carried as a handle.
  bool usesHandle = false;
  std::optional<cabi::SkipReason> skip;
  /// What caused the skip, in Go spelling (`unsafe.Pointer`).
  std::string detail;

  bool isSkipped() const { return skip.has_value(); }
};

/// Maps Go types of one go.module to C forms. Handle and record symbols are
/// asked of the callbacks (the typemap pass passes none and gets "?").
class TypeMapper {
public:
  explicit TypeMapper(gosurface::GoModuleOp module);

  /// Gives the symbol of the handle type for a handle key (see handleKey).
  std::function<std::string(mlir::Type key)> handleSymbol;
  /// Gives the symbol of the record for a struct type (named or not).
  std::function<std::string(mlir::Type type)> recordSymbol;

  Mapping map(mlir::Type type, Position pos);

  /// The type a handle type is keyed by: `*N` and `N` share the key `N` for a
  /// named N; every other type is its own key.
  static mlir::Type handleKey(mlir::Type type);

  /// The fields of a struct type that is copied as a record (in order), or
  /// nothing when it is not a record.
  std::optional<llvm::SmallVector<std::pair<std::string, mlir::Type>>>
  recordFields(mlir::Type type);

  /// The underlying type of a named type (a go.type of the module or a
  /// go.external_type; aliases resolved, type arguments substituted), or
  /// null when unknown.
  mlir::Type underlying(gosurface::NamedType named) const;

  /// Is the named type declared, unexported (hidden), in the module?
  bool isHidden(gosurface::NamedType named) const;

  gosurface::GoModuleOp getModule() { return module; }

private:
  Mapping mapImpl(mlir::Type type, Position pos);
  std::optional<cabi::SkipReason> recordability(mlir::Type type,
                                                std::string &detail);

  gosurface::GoModuleOp module;
  llvm::StringMap<gosurface::TypeOp> types;
  llvm::StringMap<gosurface::AliasOp> aliases;
  llvm::StringMap<gosurface::ExternalTypeOp> externals;
  /// Structs being looked at (to catch a value that contains itself).
  llvm::SmallVector<mlir::Type> inProgress;
};

/// One parameter, result or value of a declaration, mapped.
struct MappedValue {
  /// A C identifier, unique within the declaration (never `err`).
  std::string name;
  mlir::Type goType;
  Mapping mapping;
};

/// How one declaration crosses: the decision and, unless skipped, its values.
struct MappedDecl {
  cabi::CrossingKind kind = cabi::CrossingKind::Bridged;
  std::optional<cabi::SkipReason> reason;
  std::string detail;
  /// Parameters (the receiver first for a method; a variadic parameter as a
  /// slice) and results (without a final error).
  llvm::SmallVector<MappedValue> params, results;
  bool returnsError = false;
  bool variadic = false;
  /// For a var: whether it can also be set (its type can be named).
  bool settable = false;
  /// For a method with a pointer receiver on a type copied by value: the
  /// receiver is params[0] by value, and results[0] (`self`) is its value
  /// after the call (cabi.export `inout_receiver`).
  bool inoutReceiver = false;

  cabi::CrossingAttr toAttr(mlir::MLIRContext *ctx) const;
};

/// Decide how a go.func, go.method, go.type, go.alias, go.var or go.const
/// crosses. Returns nothing for an op that is not part of the exported API
/// (hidden types, methods of hidden types).
std::optional<MappedDecl> mapDeclaration(TypeMapper &mapper,
                                         mlir::Operation *decl);

/// Map the signature of a method of an interface type, `recv` (a named
/// interface type) first; `argNames` and `resultNames` may be null (the
/// names are then made up).
MappedDecl mapInterfaceMethod(TypeMapper &mapper, mlir::Type recv,
                              gosurface::FuncType sig, mlir::ArrayAttr argNames,
                              mlir::ArrayAttr resultNames);

} // namespace typemap
} // namespace mochigo

#endif // MOCHIGO_TYPEMAP_TYPEMAP_H
