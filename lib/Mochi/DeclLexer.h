//===- DeclLexer.h - Mochi's token rules, exactly ---------------*- C++ -*-===//
//
// Part of mochi-go. The lexer of the declaration-file checker (DeclFile.h):
// Mochi's token rules in Mochi's order (comment, bool, keyword, identifier,
// float, int, string, punctuation, whitespace). Private to lib/Mochi.
//
//===----------------------------------------------------------------------===//

#ifndef MOCHIGO_LIB_MOCHI_DECLLEXER_H
#define MOCHIGO_LIB_MOCHI_DECLLEXER_H

#include "mochi-go/Mochi/Imports.h"

#include "llvm/ADT/StringRef.h"

#include <vector>

namespace mochigo {
namespace mochi {
namespace decl {

enum class Tok {
  Ident,
  Keyword,
  Bool,
  Int,
  Float,
  String,
  Punct,
  /// Where the lexer failed (already reported); the lexer resumes at the
  /// next line.
  Error,
  Eof,
};

struct Token {
  Tok kind = Tok::Eof;
  llvm::StringRef text;
  Loc loc;

  bool is(Tok k) const { return kind == k; }
  bool isPunct(llvm::StringRef p) const {
    return kind == Tok::Punct && text == p;
  }
  bool isKeyword(llvm::StringRef w) const {
    return kind == Tok::Keyword && text == w;
  }
  bool isIdent(llvm::StringRef w) const {
    return kind == Tok::Ident && text == w;
  }
};

/// Split `src` into tokens, comments and whitespace left out. The result
/// always ends with an Eof token. Lexer errors go to `diags` and leave an
/// Error token.
std::vector<Token> lex(llvm::StringRef src, std::vector<Diagnostic> &diags);

} // namespace decl
} // namespace mochi
} // namespace mochigo

#endif // MOCHIGO_LIB_MOCHI_DECLLEXER_H
