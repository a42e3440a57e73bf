//===- PackageSource.cpp - The exported API of a Mochi package ------------===//
//
// Part of mochi-go. A second entry point over DeclLexer's tokens, for whole
// package sources rather than declaration files (docs/Publish.md):
//
//   File      = [ 'package' Ident ] Item*
//   Item      = 'export' 'fun' Signature Body
//             | 'fun' Signature Body                        (skipped)
//             | 'type' Ident ( [ '=' ] '{' Member* '}' | '=' ... )
//             | anything else                               (skipped)
//   Signature = Ident '(' [ Param { ',' Param } ] ')' [ ':' TypeRef ]
//   Body      = '{' balanced tokens '}'
//   Member    = Ident ':' TypeRef [ ',' ] | 'fun' Signature Body
//
// A skipped statement runs to the next token at column 1 of a later line
// with every bracket closed.
//
//===----------------------------------------------------------------------===//

#include "mochi-go/Mochi/PackageSource.h"

#include "DeclLexer.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/Twine.h"

using namespace mochigo;
using namespace mochigo::mochi;
using namespace mochigo::mochi::decl;
using llvm::StringRef;
using llvm::Twine;

bool PackageSource::hasErrors() const { return mochi::hasErrors(diagnostics); }

std::string SrcType::str() const {
  std::string s;
  auto join = [](const std::vector<SrcType> &ts) {
    std::string out;
    for (size_t i = 0; i < ts.size(); ++i)
      out += (i ? ", " : "") + ts[i].str();
    return out;
  };
  switch (kind) {
  case Kind::Name:
    s = name;
    break;
  case Kind::Generic:
    s = name + "<" + join(args) + ">";
    break;
  case Kind::Func:
    s = "fun(" + join(args) + ")";
    if (!result.empty())
      s += ": " + result.front().str();
    break;
  case Kind::InlineRecord:
    s = "{";
    for (size_t i = 0; i < args.size(); ++i)
      s += (i ? ", " : "") + fieldNames[i] + ": " + args[i].str();
    s += "}";
    break;
  case Kind::Bracket:
    s = "[" + args.front().str() + "]";
    break;
  }
  return optional ? s + "?" : s;
}

namespace {


class Reader : TokenCursor {
public:
  Reader(StringRef src, std::vector<Token> toks, PackageSource &out)
      : TokenCursor(std::move(toks), out.diagnostics), src(src), out(out) {
    src.split(lines, '\n');
  }

  void run() {
    if (tok().isKeyword("package")) {
      out.packageLoc = tok().loc;
      advance();
      if (tok().is(Tok::Ident)) {
        out.packageName = tok().text.str();
        advance();
      } else {
        error(tok(), "expected the package name after `package`, found " +
                         describe(tok()));
      }
    }
    while (!tok().is(Tok::Eof)) {
      unsigned line = tok().loc.line;
      if (!item())
        skipStatement(line);
    }
  }

private:
  /// Skip to the next token at column 1 of a line after `line` with every
  /// bracket opened since closed.
  void skipStatement(unsigned line) {
    int depth = 0;
    while (!tok().is(Tok::Eof)) {
      const Token &t = tok();
      if (depth <= 0 && t.loc.column == 1 && t.loc.line > line)
        return;
      if (t.isPunct("{") || t.isPunct("(") || t.isPunct("["))
        ++depth;
      else if (t.isPunct("}") || t.isPunct(")") || t.isPunct("]"))
        --depth;
      advance();
    }
  }

  /// At `{`: skip to after its matching `}`.
  bool skipBody(StringRef what) {
    if (!tok().isPunct("{"))
      return error(tok(), "expected `{` to start the body of " + what +
                              ", found " + describe(tok()));
    const Token &open = tok();
    int depth = 0;
    do {
      const Token &t = tok();
      if (t.is(Tok::Eof))
        return error(open, "the body of " + what + " is not closed");
      if (t.isPunct("{") || t.isPunct("(") || t.isPunct("["))
        ++depth;
      else if (t.isPunct("}") || t.isPunct(")") || t.isPunct("]"))
        --depth;
      advance();
    } while (depth > 0);
    return true;
  }

  /// The `//` lines right above `line` (1-based), markers and one space
  /// stripped.
  std::string docAbove(unsigned line) {
    std::vector<StringRef> doc;
    for (unsigned l = line - 1; l >= 1 && l <= lines.size(); --l) {
      StringRef text = lines[l - 1].rtrim("\r").trim();
      if (!text.consume_front("//"))
        break;
      text.consume_front(" ");
      doc.push_back(text);
    }
    std::reverse(doc.begin(), doc.end());
    return llvm::join(doc, "\n");
  }

  bool item() {
    const Token &t = tok();
    if (t.isKeyword("export")) {
      unsigned line = t.loc.line;
      advance();
      if (!tok().isKeyword("fun"))
        return error(tok(), "only functions are exported: expected `fun` "
                            "after `export`, found " +
                                describe(tok()));
      advance();
      SrcFun f;
      f.doc = docAbove(line);
      if (!signature(f) || !skipBody("`" + f.name + "`"))
        return false;
      out.exports.push_back(std::move(f));
      return true;
    }
    if (t.isKeyword("fun")) {
      advance();
      SrcFun f;
      return signature(f) && skipBody("`" + f.name + "`");
    }
    if (t.isKeyword("type"))
      return typeDecl();
    skipStatement(t.loc.line);
    return true;
  }

  bool signature(SrcFun &f) {
    if (!tok().is(Tok::Ident))
      return error(tok(), "expected a function name, found " + describe(tok()));
    f.name = tok().text.str();
    f.loc = tok().loc;
    advance();
    if (tok().isPunct("<"))
      return error(tok(), "`" + f.name +
                              "` has type parameters: a generic function "
                              "cannot be published (Go needs one "
                              "instantiation)");
    if (!expectPunct("(", "after the function name"))
      return false;
    while (!tok().isPunct(")")) {
      SrcParam p;
      if (!tok().is(Tok::Ident))
        return error(tok(),
                     "expected a parameter name, found " + describe(tok()));
      p.name = tok().text.str();
      p.loc = tok().loc;
      advance();
      if (!tok().isPunct(":"))
        return error(tok(), "parameter `" + p.name +
                                "` has no type: an exported function "
                                "declares the type of every parameter");
      advance();
      if (!typeRef(p.type))
        return false;
      f.params.push_back(std::move(p));
      if (tok().isPunct(","))
        advance();
      else if (!tok().isPunct(")"))
        return error(tok(), "expected `,` or `)` in the parameter list, "
                            "found " +
                                describe(tok()));
    }
    advance();
    if (tok().isPunct(":")) {
      advance();
      f.hasResult = true;
      if (!typeRef(f.result))
        return false;
    }
    return true;
  }

  bool typeRef(SrcType &t) {
    t.loc = tok().loc;
    if (tok().isKeyword("fun")) {
      t.kind = SrcType::Kind::Func;
      advance();
      if (!expectPunct("(", "after `fun` in a function type"))
        return false;
      while (!tok().isPunct(")")) {
        SrcType a;
        if (!typeRef(a))
          return false;
        t.args.push_back(std::move(a));
        if (tok().isPunct(","))
          advance();
        else if (!tok().isPunct(")"))
          return error(tok(), "expected `,` or `)` in a function type, found " +
                                  describe(tok()));
      }
      advance();
      if (tok().isPunct(":")) {
        advance();
        SrcType r;
        if (!typeRef(r))
          return false;
        t.result.push_back(std::move(r));
      }
    } else if (tok().isPunct("[")) {
      t.kind = SrcType::Kind::Bracket;
      advance();
      SrcType e;
      if (!typeRef(e))
        return false;
      t.args.push_back(std::move(e));
      if (!expectPunct("]", "to close `[T]`"))
        return false;
    } else if (tok().isPunct("{")) {
      t.kind = SrcType::Kind::InlineRecord;
      advance();
      while (!tok().isPunct("}")) {
        if (!tok().is(Tok::Ident))
          return error(tok(),
                       "expected a field name, found " + describe(tok()));
        t.fieldNames.push_back(tok().text.str());
        advance();
        if (!expectPunct(":", "after a field name"))
          return false;
        SrcType f;
        if (!typeRef(f))
          return false;
        t.args.push_back(std::move(f));
        if (tok().isPunct(","))
          advance();
      }
      advance();
    } else if (tok().is(Tok::Ident) ||
               (tok().is(Tok::Keyword) && tok().text == "stream")) {
      t.name = tok().text.str();
      advance();
      if (tok().isPunct("<")) {
        t.kind = SrcType::Kind::Generic;
        advance();
        while (true) {
          SrcType a;
          if (!typeRef(a))
            return false;
          t.args.push_back(std::move(a));
          if (tok().isPunct(",")) {
            advance();
            continue;
          }
          if (!expectPunct(">",
                           "to close the type arguments of `" + t.name + "`"))
            return false;
          break;
        }
      }
    } else {
      return error(tok(), "expected a type, found " + describe(tok()));
    }
    if (tok().isPunct("?")) {
      t.optional = true;
      advance();
    }
    return true;
  }

  bool typeDecl() {
    unsigned line = tok().loc.line;
    advance();
    SrcTypeDecl d;
    d.doc = docAbove(line);
    if (!tok().is(Tok::Ident))
      return error(tok(), "expected a type name, found " + describe(tok()));
    d.name = tok().text.str();
    d.loc = tok().loc;
    advance();
    bool equals = false;
    if (tok().isPunct("=")) {
      equals = true;
      advance();
    }
    if (tok().isPunct("{")) {
      d.kind = SrcTypeDecl::Kind::Record;
      advance();
      while (!tok().isPunct("}")) {
        if (tok().isKeyword("fun")) { // a method: not published
          advance();
          SrcFun m;
          if (!signature(m) || !skipBody("method `" + m.name + "`"))
            return false;
          continue;
        }
        SrcParam f;
        if (!tok().is(Tok::Ident))
          return error(tok(), "expected a field name in record `" + d.name +
                                  "`, found " + describe(tok()));
        f.name = tok().text.str();
        f.loc = tok().loc;
        advance();
        if (!expectPunct(":", "after the field name"))
          return false;
        if (!typeRef(f.type))
          return false;
        d.fields.push_back(std::move(f));
        if (tok().isPunct(","))
          advance();
      }
      advance();
      out.types.push_back(std::move(d));
      return true;
    }
    if (!equals)
      return error(tok(), "expected `{` or `=` after `type " + d.name +
                              "`, found " + describe(tok()));
    // `type T = Variant(...) | ...` or `type T = Other`.
    size_t start = i;
    SrcType alias;
    if (typeRef(alias) &&
        !(tok().isPunct("|") || tok().isPunct("(") || tok().isPunct("{")) &&
        !(tok().loc.line == line && !tok().is(Tok::Eof))) {
      d.kind = SrcTypeDecl::Kind::Alias;
      d.alias = std::move(alias);
      out.types.push_back(std::move(d));
      return true;
    }
    // A sum type: recorded by name, its variants skipped.
    out.diagnostics.erase(
        std::remove_if(out.diagnostics.begin(), out.diagnostics.end(),
                       [&](const Diagnostic &diag) {
                         return diag.loc.line >= toks[start].loc.line &&
                                diag.loc.line <= tok().loc.line;
                       }),
        out.diagnostics.end());
    i = start;
    d.kind = SrcTypeDecl::Kind::Sum;
    out.types.push_back(std::move(d));
    skipStatement(line);
    return true;
  }

  StringRef src;
  llvm::SmallVector<StringRef, 0> lines;
  PackageSource &out;
};

} // namespace

PackageSource mochigo::mochi::readPackageSource(StringRef text,
                                                StringRef fileName) {
  PackageSource out;
  out.fileName = fileName.str();
  std::vector<Token> toks = lex(text, out.diagnostics);
  Reader(text, std::move(toks), out).run();
  llvm::stable_sort(out.diagnostics,
                    [](const Diagnostic &a, const Diagnostic &b) {
                      return std::make_pair(a.loc.line, a.loc.column) <
                             std::make_pair(b.loc.line, b.loc.column);
                    });
  return out;
}
