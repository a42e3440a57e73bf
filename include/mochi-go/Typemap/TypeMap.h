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

#include <functional>
#include <optional>
#include <string>

namespace mochigo {
namespace typemap {

/// The Mochi alias a module gets when the import names none: the last path
/// element without a major-version suffix (`/v2`, `.v3`), with every
/// character that is not a letter, digit or `_` turned into `_`:
/// `gopkg.in/yaml.v3` -> `yaml`, `github.com/google/go-cmp` -> `go_cmp`.
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
  /// go.external_type), or null when unknown.
  mlir::Type underlying(gosurface::NamedType named);

  /// Is the named type declared, unexported (hidden), in the module?
  bool isHidden(gosurface::NamedType named);

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

} // namespace typemap
} // namespace mochigo

#endif // MOCHIGO_TYPEMAP_TYPEMAP_H
