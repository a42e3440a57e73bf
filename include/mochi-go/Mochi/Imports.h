//===- Imports.h - Go imports and extern declarations of Mochi --*- C++ -*-===//
//
// Part of mochi-go. A scanner for the few constructs of a Mochi source file
// that the bridge needs: `import go "<path>[@<version>]" [as <alias>]` and the
// hand-written `extern fun`, `extern type` and `extern var` declarations. It
// is not a Mochi parser: everything else is skipped, correctly (comments,
// string literals, nested brackets). docs/MochiImports.md is the grammar and
// the list of diagnostics.
//
// The naming rules of Mochi identifiers (the keyword list, defaultAlias) live
// here too; the type map and the extern printer use them.
//
//===----------------------------------------------------------------------===//

#ifndef MOCHIGO_MOCHI_IMPORTS_H
#define MOCHIGO_MOCHI_IMPORTS_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/raw_ostream.h"

#include <string>
#include <vector>

namespace mochigo {
namespace mochi {

//===----------------------------------------------------------------------===//
// Mochi identifiers and aliases
//===----------------------------------------------------------------------===//

/// Whether `word` is a Mochi keyword: a word Mochi's lexer never reads as an
/// identifier (`fun`, `type`, `import`, `none`, ...), or `true`, `false`.
bool isMochiKeyword(llvm::StringRef word);

/// Whether `s` has the form of a Mochi identifier, `[A-Za-z_][A-Za-z0-9_]*`.
/// Keywords have that form too; see isMochiKeyword.
bool isMochiIdentifier(llvm::StringRef s);

/// The nearest Mochi identifier that is not a keyword: every character that
/// is not a letter, digit or `_` becomes `_`, a leading digit (or an empty
/// string) gets a `_` in front, a keyword gets a `_` after it:
/// `yaml.v3` -> `yaml_v3`, `3d` -> `_3d`, `type` -> `type_`.
std::string fixIdentifier(llvm::StringRef s);

/// Why `alias` cannot be the alias of an import, or "" when it can. An
/// alias is a Mochi identifier, not a keyword, without `__` (two `_` in a
/// row separate the alias from the type name in the Mochi name of a Go type,
/// `uuid__UUID`; docs/MochiExterns.md). The reason reads after "the alias
/// 'x' ": "is not a Mochi identifier", ...
std::string aliasProblem(llvm::StringRef alias);

/// The nearest valid alias: fixIdentifier, then runs of `_` collapsed to one
/// (`yaml.v3` -> `yaml_v3`, `my__lib` -> `my_lib`, `type` -> `type_`).
std::string fixAlias(llvm::StringRef s);

/// The identifier of an import path without the keyword rule: the last path
/// element without a Go major-version suffix (trailing `/vN` elements are
/// dropped, `gopkg.in/yaml.v3` gives `yaml`), every character that is not a
/// letter, digit or `_` turned into `_`, a `_` in front of a leading digit.
/// A path without elements gives `go`. A keyword stays as it is: the C
/// symbol prefix and names of the type map (typemap::defaultAlias) use this.
std::string pathIdentifier(llvm::StringRef path);

/// The Mochi alias of an `import go` without `as`: fixAlias(pathIdentifier(
/// path)), so a `_` appended to a Mochi keyword and runs of `_` collapsed (`example.com/type` -> `type_`,
/// `github.com/google/go-cmp` -> `go_cmp`, `net/http` -> `http`).
std::string defaultAlias(llvm::StringRef path);

/// Go's rule for standard-library import paths: the first element (up to
/// the first `/`) has no dot (`strings`, `net/http`); module paths have one.
bool isStdlibPath(llvm::StringRef path);

//===----------------------------------------------------------------------===//
// Source files
//===----------------------------------------------------------------------===//

/// A position in a source file: 1-based line, 1-based column in bytes.
/// Line and column 0 mean "no position".
struct Loc {
  unsigned line = 0, column = 0;

  bool operator==(const Loc &o) const {
    return line == o.line && column == o.column;
  }
  bool operator!=(const Loc &o) const { return !(*this == o); }
};

/// One valid `import go` statement.
struct GoImport {
  /// The module path or standard-library package path.
  std::string path;
  /// The canonical semantic version of a module; empty for the standard
  /// library.
  std::string version;
  /// The alias: the one after `as`, else defaultAlias(path).
  std::string alias;
  /// The alias was written with `as`.
  bool aliasExplicit = false;
  /// The path is a standard-library package (isStdlibPath).
  bool stdlib = false;
  /// The statement ends with Mochi's `auto` flag.
  bool autoExterns = false;
  /// Of the `import` keyword.
  Loc loc;
  /// Of the string literal (its opening quote).
  Loc pathLoc;
  /// Of the version's first character inside the string literal; no
  /// position for the standard library.
  Loc versionLoc;
  /// Of the alias after `as`; pathLoc when the alias is the default one.
  Loc aliasLoc;
};

/// One hand-written `extern` declaration at top level.
struct ExternDecl {
  enum class Kind { Fun, Type, Var };
  Kind kind = Kind::Fun;
  /// The dotted name (`uuid.Parse`, `strings.Builder`).
  std::string name;
  /// The whole declaration from `extern` to its end, without a trailing
  /// comment and with CRLF line ends turned into LF (`extern fun
  /// strings.ToUpper(s: string): string`). A declaration may span lines
  /// when a bracket is open at the end of a line.
  std::string text;
  /// Of the `extern` keyword.
  Loc loc;
};

/// An error, or a note that belongs to the error before it.
struct Diagnostic {
  enum class Severity { Error, Note };
  Severity severity = Severity::Error;
  Loc loc;
  std::string message;
};

/// Whether some diagnostic of `diags` is an error (not a note).
bool hasErrors(llvm::ArrayRef<Diagnostic> diags);

/// What parseSource found in one file. Statements with an error are left
/// out of goImports and externs; every error is in diagnostics, in the
/// order of the file (a note right after its error).
struct SourceFile {
  std::string fileName;
  std::vector<GoImport> goImports;
  std::vector<ExternDecl> externs;
  std::vector<Diagnostic> diagnostics;

  /// Whether some diagnostic is an error.
  bool hasErrors() const;
};

/// Scan Mochi source text. Only statements that start a line at top level
/// (outside every `{}`, `()` and `[]`, string and comment) are read:
/// `import go` in full, other imports for their `as` alias (which takes part
/// in the duplicate-alias check), `extern fun|type|var`. Never fails: every
/// problem becomes a diagnostic, and scanning goes on after it (at the next
/// line).
SourceFile parseSource(llvm::StringRef text, llvm::StringRef fileName);

/// The longest line a Mochi source may have, in bytes; a longer line (or a
/// NUL byte) is an error and the file is not parsed further.
constexpr size_t MaxSourceLineLength = size_t(1) << 20;

/// parseSource on the contents of the file at `path` (the file name of the
/// result and its diagnostics). The error is for I/O only.
llvm::Expected<SourceFile> parseFile(llvm::StringRef path);

/// Print one line per diagnostic, as compilers do:
/// `app.mochi:3:28: error: ...`, `app.mochi:1:26: note: ...`.
void printDiagnostics(const SourceFile &file, llvm::raw_ostream &os);

} // namespace mochi
} // namespace mochigo

#endif // MOCHIGO_MOCHI_IMPORTS_H
