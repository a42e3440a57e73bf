//===- DeclFile.h - Strict checker of Mochi declaration files ---*- C++ -*-===//
//
// Part of mochi-go. A conformance checker for Mochi *declaration files*, the
// `extern` files the bridge generates for the Mochi compiler. Unlike the
// lenient scanner of Imports.h it reads every token, with a lexer that
// follows Mochi's own token rules (Unicode identifiers, keywords, numbers,
// strings, punctuation), and a parser for the declaration subset of Mochi's
// grammar: `package`, `import`, `extern type|var|let|fun|object`, and `type`
// (record, sum, alias). Anything else is refused with a positioned error.
// docs/MochiCheck.md is the grammar, the list of diagnostics and the limits.
//
//===----------------------------------------------------------------------===//

#ifndef MOCHIGO_MOCHI_DECLFILE_H
#define MOCHIGO_MOCHI_DECLFILE_H

#include "mochi-go/Mochi/Imports.h"

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/raw_ostream.h"

#include <cstdint>
#include <string>
#include <vector>

namespace mochigo {
namespace mochi {

/// A named, typed slot: a parameter of an extern fun (whose type may be
/// missing), a field of a record, a variant or an inline struct.
struct DeclField {
  std::string name;
  /// The type as text in a normal form: no spaces except one after `:` and
  /// `,` (`Result<{r0: int, r1: list<string>}, string>`, `fun(int): string`,
  /// `[int]`, `T?`). Empty for a parameter written without a type.
  std::string type;
  /// Of the name.
  Loc loc;
};

/// One variant of a sum type (`Circle(r: float)`, `Leaf`, `Node { v: int }`).
struct DeclVariant {
  std::string name;
  std::vector<DeclField> fields;
  /// The fields were written in braces, not parentheses.
  bool braces = false;
  Loc loc;
};

/// One declaration of a declaration file.
struct Decl {
  enum class Kind {
    Package,
    Import,
    ExternType,
    ExternVar,
    ExternFun,
    ExternObject,
    TypeRecord,
    TypeSum,
    TypeAlias,
  };
  Kind kind = Kind::ExternFun;
  /// The declared name, dotted for extern var and fun (`uuid.Parse`); the
  /// package name; for an import its `as` alias (empty when there is none).
  std::string name;
  /// ExternVar: its type. ExternFun: its result type (empty: no result).
  /// TypeAlias: the aliased type. Normal form as in DeclField::type.
  std::string type;
  /// ExternFun: the parameters. TypeRecord: the fields.
  std::vector<DeclField> fields;
  /// TypeSum: the variants (one for `type T = V(a: int)`).
  std::vector<DeclVariant> variants;
  /// Import: the word before the path (`go`), empty when none. ExternFun:
  /// `go`, `python` or `js` for `extern go fun ...`, else empty.
  std::string language;
  /// Import: the path as written, quotes and escapes included.
  std::string path;
  /// Import: the names after `!`.
  std::vector<std::string> bang;
  /// Import: ends with `auto`.
  bool autoFlag = false;
  /// ExternVar: written `extern let`.
  bool isLet = false;
  /// TypeRecord: written `type T = { ... }`.
  bool recordEquals = false;
  /// Of the first token (`extern`, `type`, `import`, `package`).
  Loc loc;
  /// Of the name (its first part when dotted); of the path for an import.
  Loc nameLoc;
};

/// What checkDeclFile found. Statements with an error are left out of decls;
/// diagnostics are sorted by position.
struct DeclFile {
  std::string fileName;
  std::vector<Decl> decls;
  std::vector<Diagnostic> diagnostics;

  bool hasErrors() const;
};

/// Check `text` as a Mochi declaration file. Never fails: every problem is
/// a diagnostic. After an error the checker skips to the next line that
/// starts, at column 1, with a keyword or an identifier.
DeclFile checkDeclFile(llvm::StringRef text, llvm::StringRef fileName);

/// checkDeclFile on the contents of the file at `path`. The error is for I/O
/// only.
llvm::Expected<DeclFile> checkDeclFilePath(llvm::StringRef path);

/// The stable name of a kind: `package`, `import`, `extern_type`,
/// `extern_var`, `extern_fun`, `extern_object`, `type_record`, `type_sum`,
/// `type_alias`.
llvm::StringRef declKindName(Decl::Kind kind);

/// One line (without its line end) that describes `decl`, the output of
/// `mochi-go-check --list`: `extern_fun uuid.Parse(s: string): Result<bytes,
/// string>`. docs/MochiCheck.md has the form of every kind.
std::string formatDecl(const Decl &decl);

/// `file:line:col: error: message`, one line per diagnostic.
void printDiagnostics(const DeclFile &file, llvm::raw_ostream &os);

/// Mochi's lexer's keyword list (not `true`/`false`, which are Bool
/// tokens). Differs from isMochiKeyword, which also has `null`.
bool isLexerKeyword(llvm::StringRef word);

/// Whether code point `c` may start a Mochi identifier: `_`, a letter
/// (category L) or an other symbol (So).
bool isIdentStartRune(uint32_t c);

/// Whether code point `c` may continue a Mochi identifier: the start set and
/// numbers (category N).
bool isIdentContinueRune(uint32_t c);

} // namespace mochi
} // namespace mochigo

#endif // MOCHIGO_MOCHI_DECLFILE_H
