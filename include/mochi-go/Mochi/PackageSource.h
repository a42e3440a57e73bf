//===- PackageSource.h - The exported API of a Mochi package ----*- C++ -*-===//
//
// Part of mochi-go. Reads the `.mochi` sources of a package for publishing
// (docs/Publish.md): the `package` line, every `export fun` signature with
// its `//` doc comment and positions, and the `type` declarations. Bodies
// are skipped by balanced brackets; non-exported funs, lets, vars, imports,
// tests and other statements are skipped. The tokens are Mochi's own
// (DeclLexer.h), so a lexer error anywhere in the file is reported.
//
//===----------------------------------------------------------------------===//

#ifndef MOCHIGO_MOCHI_PACKAGESOURCE_H
#define MOCHIGO_MOCHI_PACKAGESOURCE_H

#include "mochi-go/Mochi/Imports.h"

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <string>
#include <vector>

namespace mochigo {
namespace mochi {

/// A type reference as written: `int`, `list<T>`, `fun(int): string`,
/// `{a: int}`, `[T]`, each optionally `?`.
struct SrcType {
  enum class Kind { Name, Generic, Func, InlineRecord, Bracket };
  Kind kind = Kind::Name;
  /// Name and Generic: the identifier (`int`, `list`, `Point`).
  std::string name;
  /// Generic: the arguments. Func: the parameters. Bracket: the element.
  /// InlineRecord: the field types (names in fieldNames).
  std::vector<SrcType> args;
  std::vector<std::string> fieldNames;
  /// Func: the result (empty: none).
  std::vector<SrcType> result;
  bool optional = false;
  /// Of the first token.
  Loc loc;

  /// The normal form of docs/MochiCheck.md (`map<string, int>`, `T?`).
  std::string str() const;
};

struct SrcParam {
  std::string name;
  SrcType type;
  Loc loc;
};

/// `export fun name(params): result { ... }`.
struct SrcFun {
  std::string name;
  std::vector<SrcParam> params;
  bool hasResult = false;
  SrcType result;
  /// The `//` comment lines right above `export`, markers stripped.
  std::string doc;
  /// Of the name.
  Loc loc;
};

/// `type Name { field: T ... }` (Record), a sum type, or an alias.
struct SrcTypeDecl {
  enum class Kind { Record, Sum, Alias };
  Kind kind = Kind::Record;
  std::string name;
  std::vector<SrcParam> fields;
  /// Alias: the aliased type.
  SrcType alias;
  std::string doc;
  Loc loc;
};

struct PackageSource {
  std::string fileName;
  std::string packageName;
  Loc packageLoc;
  std::vector<SrcFun> exports;
  std::vector<SrcTypeDecl> types;
  std::vector<Diagnostic> diagnostics;

  bool hasErrors() const;
};

/// Read `text` (named `fileName` in diagnostics). Never fails: every
/// problem is a diagnostic.
PackageSource readPackageSource(llvm::StringRef text, llvm::StringRef fileName);

} // namespace mochi
} // namespace mochigo

#endif // MOCHIGO_MOCHI_PACKAGESOURCE_H
