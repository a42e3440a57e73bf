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

#include <algorithm>
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

/// How a token is named in a message: `text` (its first line, shortened to
/// 24 bytes, `...` when cut), or "end of file".
std::string describe(const Token &t);

/// A cursor over the tokens of one file and the errors found in them: what
/// the reader of declaration files (DeclFile.cpp) and of package sources
/// (PackageSource.cpp) share.
class TokenCursor {
protected:
  TokenCursor(std::vector<Token> toks, std::vector<Diagnostic> &diags)
      : toks(std::move(toks)), diags(diags) {}

  const Token &tok() const { return toks[i]; }
  const Token &peek(size_t k = 1) const {
    return toks[std::min(i + k, toks.size() - 1)];
  }
  void advance() {
    if (!tok().is(Tok::Eof))
      ++i;
  }
  /// Report at `t` (unless the lexer already did: an Error token) and
  /// return false.
  bool error(const Token &t, const llvm::Twine &msg) {
    if (!t.is(Tok::Error))
      diags.push_back(
          Diagnostic{Diagnostic::Severity::Error, t.loc, msg.str()});
    return false;
  }
  /// Take the punctuation `p`, or report what stands there instead.
  bool expectPunct(llvm::StringRef p, const llvm::Twine &context) {
    if (tok().isPunct(p)) {
      advance();
      return true;
    }
    return error(tok(), "expected `" + p + "` " + context + ", found " +
                            describe(tok()));
  }

  std::vector<Token> toks;
  size_t i = 0;
  std::vector<Diagnostic> &diags;
};

} // namespace decl
} // namespace mochi
} // namespace mochigo

#endif // MOCHIGO_LIB_MOCHI_DECLLEXER_H
