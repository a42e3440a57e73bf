//===- DeclFile.cpp - Strict checker of Mochi declaration files -----------===//
//
// Part of mochi-go. A recursive-descent parser over DeclLexer's tokens for
// the declaration subset of Mochi's grammar (docs/MochiCheck.md):
//
//   File       = [ 'package' Ident ] Statement*
//   Statement  = Import | Extern | TypeDecl
//   Import     = 'import' [ Ident ] String [ 'as' Ident ] [ 'auto' ]
//                [ '!' Ident { ',' Ident } ]
//   Extern     = 'extern' 'type' Ident
//              | 'extern' ('var' | 'let') Name ':' TypeRef
//              | 'extern' [ 'go' | 'python' | 'js' ] 'fun' Name
//                '(' [ Param { ',' Param } ] ')' [ ':' TypeRef ]
//              | 'extern' 'object' Ident
//   Name       = Ident { '.' Ident }
//   Param      = Ident [ ':' TypeRef ]
//   TypeDecl   = 'type' Ident ( [ '=' ] '{' Field { [ ',' ] Field } [ ',' ] '}'
//                             | '=' Variant ( '|' Variant )+
//                             | '=' Ident ( '(' Fields ')' | '{' Field* '}' )
//                             | '=' TypeRef )
//   Variant    = Ident [ '(' Fields ')' | '{' Field* '}' ]
//   Fields     = Field { ',' Field } [ ',' ]
//   Field      = Ident ':' TypeRef
//   TypeRef    = ( 'fun' '(' [ TypeRef { ',' TypeRef } ] ')' [ ':' TypeRef ]
//                | (Ident | Keyword) '<' TypeRef { ',' TypeRef } '>'
//                | '{' [ Field { ',' Field } ] [ ',' ] '}'
//                | '[' TypeRef ']'
//                | Ident ) [ '?' ]
//
// `Ident` never matches a keyword or a bool; the words in quotes that are
// not keywords (`as`, `auto`, `object`, `go`) are identifiers matched by
// their text. Where Mochi's parser could go either way the checker refuses
// (`stream<A, B>`): see docs/MochiCheck.md, "Limits".
//
//===----------------------------------------------------------------------===//

#include "mochi-go/Mochi/DeclFile.h"

#include "DeclLexer.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/Twine.h"
#include "llvm/Support/MemoryBuffer.h"

#include <algorithm>

using namespace mochigo;
using namespace mochigo::mochi;
using namespace mochigo::mochi::decl;
using llvm::StringRef;
using llvm::Twine;

bool DeclFile::hasErrors() const { return mochi::hasErrors(diagnostics); }

namespace {

const char *const declarationsOnly =
    "a declaration file holds only `package`, `import`, `extern` and `type` "
    "declarations";

class Parser : TokenCursor {
public:
  Parser(std::vector<Token> toks, DeclFile &out)
      : TokenCursor(std::move(toks), out.diagnostics), out(out) {}

  void run();

private:
  /// Skip to the first token at column 1 of a line after `line` that is a
  /// keyword or an identifier.
  void recover(unsigned line) {
    while (!tok().is(Tok::Eof) &&
           !(tok().loc.column == 1 && tok().loc.line > line &&
             (tok().is(Tok::Keyword) || tok().is(Tok::Ident))))
      advance();
  }

  bool statement(bool first);
  bool notADeclaration();
  bool package(bool first);
  bool importDecl();
  bool externDecl();
  bool externFun(Decl &d);
  bool typeDecl();
  bool record(Decl &d);
  bool variant(DeclVariant &v);

  /// An identifier that is not a keyword; `what` names it in messages ("a
  /// parameter name").
  bool name(StringRef what, std::string &name, Loc &loc);
  /// Ident { '.' Ident }.
  bool dottedName(StringRef what, std::string &name, Loc &loc);
  /// Refuse a `.` after the single identifier of `what` (`extern type`).
  bool noDot(const Twine &what, StringRef first);
  bool field(DeclField &f, StringRef what);
  bool typeRef(std::string &text);
  bool typeRefInner(std::string &text);

  DeclFile &out;
};

void Parser::run() {
  bool first = true;
  while (!tok().is(Tok::Eof)) {
    unsigned line = tok().loc.line;
    if (!statement(first))
      recover(line);
    first = false;
  }
}

bool Parser::statement(bool first) {
  const Token &t = tok();
  if (t.isKeyword("package"))
    return package(first);
  if (t.isKeyword("import"))
    return importDecl();
  if (t.isKeyword("extern"))
    return externDecl();
  if (t.isKeyword("type"))
    return typeDecl();
  return notADeclaration();
}

bool Parser::notADeclaration() {
  const Token &t = tok();
  if (t.isKeyword("fun"))
    return error(t, Twine("not a declaration: a `fun` with a body; declare a "
                          "function with `extern fun name(params): type` (") +
                        declarationsOnly + ")");
  if (t.isKeyword("let") || t.isKeyword("var"))
    return error(t, "not a declaration: a `" + t.text +
                        "` binding; declare a variable with `extern " + t.text +
                        " name: type` (" + declarationsOnly + ")");
  if (t.is(Tok::Keyword))
    return error(t, "not a declaration: a `" + t.text + "` statement (" +
                        declarationsOnly + ")");
  if (t.is(Tok::Ident))
    return error(t, "not a declaration: " + describe(t) +
                        " starts an expression or assignment (" +
                        declarationsOnly + ")");
  return error(t, "not a declaration: unexpected " + describe(t) + " (" +
                      declarationsOnly + ")");
}

bool Parser::name(StringRef what, std::string &n, Loc &loc) {
  const Token &t = tok();
  if (t.is(Tok::Ident)) {
    n = t.text.str();
    loc = t.loc;
    advance();
    return true;
  }
  if (t.is(Tok::Keyword))
    return error(t,
                 "`" + t.text + "` is a Mochi keyword and cannot be " + what);
  if (t.is(Tok::Bool))
    return error(t,
                 "`" + t.text + "` is a boolean literal and cannot be " + what);
  return error(t, "expected " + what + ", found " + describe(t));
}

bool Parser::dottedName(StringRef what, std::string &n, Loc &loc) {
  if (!name(what, n, loc))
    return false;
  while (tok().isPunct(".")) {
    advance();
    std::string part;
    Loc partLoc;
    if (!name("part of " + what.str(), part, partLoc))
      return false;
    n += "." + part;
  }
  return true;
}

bool Parser::noDot(const Twine &what, StringRef first) {
  if (!tok().isPunct("."))
    return true;
  std::string dotted = first.str();
  for (size_t k = i; toks[k].isPunct(".") && toks[k + 1].is(Tok::Ident); k += 2)
    dotted += "." + toks[k + 1].text.str();
  return error(tok(), what +
                          " takes one identifier, and Mochi type names "
                          "have no dots: `" +
                          dotted + "`");
}

bool Parser::package(bool first) {
  Decl d;
  d.kind = Decl::Kind::Package;
  d.loc = tok().loc;
  if (!first)
    return error(tok(), "`package` must be the first statement of the file");
  advance();
  if (!name("a package name", d.name, d.nameLoc))
    return false;
  if (tok().isPunct("."))
    return error(tok(), "a package name is one identifier, without dots");
  out.decls.push_back(std::move(d));
  return true;
}

bool Parser::importDecl() {
  Decl d;
  d.kind = Decl::Kind::Import;
  d.loc = tok().loc;
  advance();
  if (tok().is(Tok::Ident)) {
    d.language = tok().text.str();
    advance();
  } else if (tok().is(Tok::Keyword) && peek().is(Tok::String)) {
    return error(tok(), "`" + tok().text +
                            "` is a Mochi keyword and cannot be the language "
                            "of an import");
  }
  if (!tok().is(Tok::String))
    return error(tok(), "expected the import path, a string, found " +
                            describe(tok()));
  d.path = tok().text.str();
  d.nameLoc = tok().loc;
  advance();
  if (tok().isIdent("as")) {
    advance();
    Loc aliasLoc;
    if (!name("an import alias", d.name, aliasLoc))
      return false;
  }
  if (tok().isIdent("auto")) {
    d.autoFlag = true;
    advance();
  }
  if (tok().isPunct("!")) {
    do {
      advance();
      std::string n;
      Loc l;
      if (!name("a name after `!`", n, l))
        return false;
      d.bang.push_back(std::move(n));
    } while (tok().isPunct(","));
  }
  out.decls.push_back(std::move(d));
  return true;
}

bool Parser::externDecl() {
  Decl d;
  d.loc = tok().loc;
  advance();
  const Token &t = tok();
  if (t.isKeyword("type") || t.isIdent("object")) {
    bool isType = t.isKeyword("type");
    StringRef what = isType ? "`extern type`" : "`extern object`";
    d.kind = isType ? Decl::Kind::ExternType : Decl::Kind::ExternObject;
    advance();
    if (!name(isType ? "the name of an extern type"
                     : "the name of an extern object",
              d.name, d.nameLoc))
      return false;
    if (!noDot(what, d.name))
      return false;
    if (tok().isPunct("{"))
      return error(tok(), what +
                              " takes one identifier and no body; a "
                              "type with fields is `type " +
                              d.name + " { field: type }`");
    if (tok().isPunct("<") || tok().isPunct("="))
      return error(tok(), what + " takes one identifier, nothing after it");
    out.decls.push_back(std::move(d));
    return true;
  }
  if (t.isKeyword("var") || t.isKeyword("let")) {
    d.kind = Decl::Kind::ExternVar;
    d.isLet = t.isKeyword("let");
    advance();
    if (!dottedName("the name of an extern variable", d.name, d.nameLoc))
      return false;
    if (!expectPunct(":", "and the type of `extern " +
                              Twine(d.isLet ? "let" : "var") + " " + d.name +
                              "`"))
      return false;
    if (!typeRef(d.type))
      return false;
    out.decls.push_back(std::move(d));
    return true;
  }
  if (t.isKeyword("fun")) {
    advance();
    return externFun(d);
  }
  if ((t.isIdent("go") || t.isIdent("python") || t.isIdent("js")) &&
      peek().isKeyword("fun")) {
    d.language = t.text.str();
    advance();
    advance();
    return externFun(d);
  }
  return error(t, "expected `type`, `var`, `let`, `fun` or `object` after "
                  "`extern`, found " +
                      describe(t));
}

bool Parser::externFun(Decl &d) {
  d.kind = Decl::Kind::ExternFun;
  if (!dottedName("the name of an extern function", d.name, d.nameLoc))
    return false;
  if (!expectPunct("(", "after the name of `extern fun " + d.name + "`"))
    return false;
  if (!tok().isPunct(")")) {
    while (true) {
      DeclField p;
      if (!name("a parameter name", p.name, p.loc))
        return false;
      if (tok().isPunct(":")) {
        advance();
        if (!typeRef(p.type))
          return false;
      }
      d.fields.push_back(std::move(p));
      if (tok().isPunct(",")) {
        advance();
        continue;
      }
      if (tok().isPunct(")"))
        break;
      return error(tok(), "expected `,` or `)` after a parameter, found " +
                              describe(tok()));
    }
  }
  advance(); // ')'
  if (tok().isPunct(":")) {
    advance();
    if (!typeRef(d.type))
      return false;
  } else if (tok().isPunct("-") && peek().isPunct(">")) {
    return error(tok(), "the result type of a Mochi function follows `:`, "
                        "not `->`");
  } else if (tok().isPunct("{")) {
    return error(tok(), "an `extern fun` has no body");
  }
  out.decls.push_back(std::move(d));
  return true;
}

bool Parser::typeDecl() {
  Decl d;
  d.loc = tok().loc;
  advance();
  if (!name("a type name", d.name, d.nameLoc))
    return false;
  if (!noDot("a type declaration", d.name))
    return false;
  if (tok().isPunct("<"))
    return error(tok(), "a Mochi type declaration has no type parameters");
  if (tok().isPunct("{"))
    return record(d);
  if (!tok().isPunct("="))
    return error(tok(), "expected `=` or `{` after `type " + d.name +
                            "`, found " + describe(tok()));
  advance();
  // `type T = {}`: no member for a record, so Mochi's parser takes the
  // alias of the empty inline record.
  if (tok().isPunct("{") && !peek().isPunct("}")) {
    d.recordEquals = true;
    return record(d);
  }
  if (tok().is(Tok::Ident) &&
      (peek().isPunct("|") || peek().isPunct("(") || peek().isPunct("{"))) {
    // A sum type, or one variant with fields.
    d.kind = Decl::Kind::TypeSum;
    while (true) {
      DeclVariant v;
      if (!variant(v))
        return false;
      d.variants.push_back(std::move(v));
      if (tok().isPunct(".") || tok().isPunct("<") || tok().isPunct("?") ||
          tok().isPunct("["))
        return error(tok(), "a variant of a sum type is a name with optional "
                            "fields (`Circle(r: float)`), not a type");
      if (!tok().isPunct("|"))
        break;
      advance();
    }
    out.decls.push_back(std::move(d));
    return true;
  }
  d.kind = Decl::Kind::TypeAlias;
  if (!typeRef(d.type))
    return false;
  out.decls.push_back(std::move(d));
  return true;
}

bool Parser::record(Decl &d) {
  d.kind = Decl::Kind::TypeRecord;
  advance(); // '{'
  if (tok().isPunct("}"))
    return error(tok(), "a record type needs at least one field");
  while (true) {
    if (tok().isKeyword("fun"))
      return error(tok(), "a method (`fun` inside a type) is not allowed in "
                          "a declaration file: it has a body; declare it as "
                          "`extern fun " +
                              d.name + ".name(self: " + d.name +
                              ", ...)` instead");
    DeclField f;
    if (!field(f, "a field name"))
      return false;
    d.fields.push_back(std::move(f));
    if (tok().isPunct(","))
      advance();
    if (tok().isPunct("}")) {
      advance();
      break;
    }
  }
  out.decls.push_back(std::move(d));
  return true;
}

bool Parser::variant(DeclVariant &v) {
  if (!name("a variant name", v.name, v.loc))
    return false;
  if (tok().isPunct("(")) {
    advance();
    while (true) {
      DeclField f;
      if (!field(f, "a field name"))
        return false;
      v.fields.push_back(std::move(f));
      if (tok().isPunct(",")) {
        advance();
        if (tok().isPunct(")"))
          break;
        continue;
      }
      if (tok().isPunct(")"))
        break;
      return error(tok(), "expected `,` or `)` after a field of variant `" +
                              v.name + "`, found " + describe(tok()));
    }
    advance(); // ')'
  } else if (tok().isPunct("{")) {
    v.braces = true;
    advance();
    while (!tok().isPunct("}")) {
      if (tok().isPunct(","))
        return error(tok(), "the fields of a variant in braces are not "
                            "separated by commas (`" +
                                v.name +
                                " { a: int b: int }`); use parentheses "
                                "for a comma-separated list");
      DeclField f;
      if (!field(f, "a field name"))
        return false;
      v.fields.push_back(std::move(f));
    }
    advance(); // '}'
  }
  return true;
}

bool Parser::field(DeclField &f, StringRef what) {
  if (!name(what, f.name, f.loc))
    return false;
  if (!expectPunct(":", "and the type of field `" + f.name + "`"))
    return false;
  return typeRef(f.type);
}

bool Parser::typeRef(std::string &text) {
  if (!typeRefInner(text))
    return false;
  if (tok().isPunct("?")) {
    text += "?";
    advance();
  }
  return true;
}

bool Parser::typeRefInner(std::string &text) {
  const Token &t = tok();
  // A function type.
  if (t.isKeyword("fun")) {
    advance();
    if (!expectPunct("(", "after `fun` in a function type"))
      return false;
    text += "fun(";
    if (!tok().isPunct(")")) {
      while (true) {
        if (tok().is(Tok::Ident) && peek().isPunct(":"))
          return error(peek(), "the parameters of a function type are types "
                               "without names: `fun(int): string`");
        if (!typeRef(text))
          return false;
        if (tok().isPunct(",")) {
          text += ", ";
          advance();
          continue;
        }
        if (tok().isPunct(")"))
          break;
        return error(tok(), "expected `,` or `)` in a function type, found " +
                                describe(tok()));
      }
    }
    advance(); // ')'
    text += ")";
    if (tok().isPunct(":")) {
      advance();
      text += ": ";
      return typeRef(text);
    }
    return true;
  }
  // A generic: an identifier or a keyword, then type arguments.
  if ((t.is(Tok::Ident) || t.is(Tok::Keyword)) && peek().isPunct("<")) {
    bool stream = t.isKeyword("stream");
    text += t.text.str() + "<";
    advance();
    advance();
    while (true) {
      if (!typeRef(text))
        return false;
      if (tok().isPunct(",")) {
        if (stream)
          return error(tok(), "`stream` takes one type argument: "
                              "`stream<T>`");
        text += ", ";
        advance();
        continue;
      }
      if (tok().isPunct(">"))
        break;
      return error(tok(), "expected `,` or `>` in the type arguments of `" +
                              t.text + "`, found " + describe(tok()));
    }
    advance(); // '>'
    text += ">";
    return true;
  }
  // A plain type name.
  if (t.is(Tok::Ident)) {
    text += t.text.str();
    advance();
    if (tok().isPunct(".")) {
      std::string dotted = t.text.str();
      for (size_t k = i; toks[k].isPunct(".") && toks[k + 1].is(Tok::Ident);
           k += 2)
        dotted += "." + toks[k + 1].text.str();
      return error(tok(), "Mochi type names have no dots: `" + dotted +
                              "`; declare the type with `extern type` "
                              "under a plain name");
    }
    return true;
  }
  // An inline struct.
  if (t.isPunct("{")) {
    advance();
    text += "{";
    bool firstField = true;
    while (!tok().isPunct("}")) {
      if (!firstField)
        text += ", ";
      firstField = false;
      DeclField f;
      if (!field(f, "a field name"))
        return false;
      text += f.name + ": " + f.type;
      if (tok().isPunct(",")) {
        advance();
        continue;
      }
      if (!tok().isPunct("}"))
        return error(tok(), "expected `,` or `}` in an inline struct type, "
                            "found " +
                                describe(tok()));
    }
    advance(); // '}'
    text += "}";
    return true;
  }
  // A list.
  if (t.isPunct("[")) {
    advance();
    text += "[";
    if (!typeRef(text))
      return false;
    if (!expectPunct("]", "after the element type of a list type"))
      return false;
    text += "]";
    return true;
  }
  if (t.isPunct("("))
    return error(t, "Mochi has no tuple types; use a record type or an "
                    "inline struct such as `{r0: int, r1: string}`");
  if (t.isKeyword("stream"))
    return error(t, "`stream` takes a type argument: `stream<T>`");
  if (t.is(Tok::Keyword))
    return error(t, "`" + t.text + "` is a Mochi keyword, not a type");
  return error(t, "expected a type, found " + describe(t));
}

} // namespace

DeclFile mochi::checkDeclFile(StringRef text, StringRef fileName) {
  DeclFile out;
  out.fileName = fileName.str();
  std::vector<Token> toks = lex(text, out.diagnostics);
  Parser(std::move(toks), out).run();
  std::stable_sort(out.diagnostics.begin(), out.diagnostics.end(),
                   [](const Diagnostic &a, const Diagnostic &b) {
                     return std::make_pair(a.loc.line, a.loc.column) <
                            std::make_pair(b.loc.line, b.loc.column);
                   });
  return out;
}

llvm::Expected<DeclFile> mochi::checkDeclFilePath(StringRef path) {
  llvm::ErrorOr<std::unique_ptr<llvm::MemoryBuffer>> buf =
      llvm::MemoryBuffer::getFile(path, /*IsText=*/false,
                                  /*RequiresNullTerminator=*/false);
  if (!buf)
    return llvm::createStringError(buf.getError(), "cannot read %s: %s",
                                   path.str().c_str(),
                                   buf.getError().message().c_str());
  return checkDeclFile((*buf)->getBuffer(), path);
}

StringRef mochi::declKindName(Decl::Kind kind) {
  switch (kind) {
  case Decl::Kind::Package:
    return "package";
  case Decl::Kind::Import:
    return "import";
  case Decl::Kind::ExternType:
    return "extern_type";
  case Decl::Kind::ExternVar:
    return "extern_var";
  case Decl::Kind::ExternFun:
    return "extern_fun";
  case Decl::Kind::ExternObject:
    return "extern_object";
  case Decl::Kind::TypeRecord:
    return "type_record";
  case Decl::Kind::TypeSum:
    return "type_sum";
  case Decl::Kind::TypeAlias:
    return "type_alias";
  }
  llvm_unreachable("unknown declaration kind");
}

static std::string formatFields(const std::vector<DeclField> &fields) {
  std::string out;
  for (const DeclField &f : fields) {
    if (!out.empty())
      out += ", ";
    out += f.name;
    if (!f.type.empty())
      out += ": " + f.type;
  }
  return out;
}

std::string mochi::formatDecl(const Decl &d) {
  std::string out = declKindName(d.kind).str() + " ";
  switch (d.kind) {
  case Decl::Kind::Package:
  case Decl::Kind::ExternType:
  case Decl::Kind::ExternObject:
    out += d.name;
    break;
  case Decl::Kind::Import:
    if (!d.language.empty())
      out += d.language + " ";
    out += d.path;
    if (!d.name.empty())
      out += " as " + d.name;
    if (d.autoFlag)
      out += " auto";
    if (!d.bang.empty())
      out += " !" + llvm::join(d.bang, ", ");
    break;
  case Decl::Kind::ExternVar:
    out += d.name + ": " + d.type;
    if (d.isLet)
      out += " [let]";
    break;
  case Decl::Kind::ExternFun:
    out += d.name + "(" + formatFields(d.fields) + ")";
    if (!d.type.empty())
      out += ": " + d.type;
    if (!d.language.empty())
      out += " [" + d.language + "]";
    break;
  case Decl::Kind::TypeRecord:
    out += d.name + " {" + formatFields(d.fields) + "}";
    break;
  case Decl::Kind::TypeSum:
    out += d.name + " =";
    for (size_t k = 0; k < d.variants.size(); ++k) {
      const DeclVariant &v = d.variants[k];
      out += (k ? " | " : " ") + v.name;
      if (v.braces)
        out += " {" + formatFields(v.fields) + "}";
      else if (!v.fields.empty())
        out += "(" + formatFields(v.fields) + ")";
    }
    break;
  case Decl::Kind::TypeAlias:
    out += d.name + " = " + d.type;
    break;
  }
  return out;
}

void mochi::printDiagnostics(const DeclFile &file, llvm::raw_ostream &os) {
  for (const Diagnostic &d : file.diagnostics)
    os << file.fileName << ":" << d.loc.line << ":" << d.loc.column << ": "
       << (d.severity == Diagnostic::Severity::Error ? "error" : "note") << ": "
       << d.message << "\n";
}
