//===- Imports.cpp - Go imports and extern declarations of Mochi ----------===//
//
// Part of mochi-go. A lexer that knows just enough of Mochi (comments,
// strings, words, brackets, line ends) and a parser for the statements the
// bridge reads: `import go` and `extern fun|type|var`. docs/MochiImports.md
// is the grammar and the list of diagnostics.
//
//===----------------------------------------------------------------------===//

#include "mochi-go/Mochi/Imports.h"
#include "mochi-go/Module/Module.h"
#include "mochi-go/Module/Semver.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/Support/MemoryBuffer.h"

#include <algorithm>
#include <functional>

using namespace mochigo;
using namespace mochigo::mochi;
using llvm::StringRef;

namespace {

//===----------------------------------------------------------------------===//
// Lexer
//===----------------------------------------------------------------------===//

enum class TokKind {
  /// A run of letters, digits, `_` and non-ASCII bytes (identifiers,
  /// keywords, numbers).
  Word,
  /// "..." with backslash escapes; may span lines.
  String,
  /// `...` without escapes; may span lines.
  RawString,
  /// Any other single character.
  Punct,
  /// The end of a line (also a block comment that spans lines).
  Newline,
  Eof,
  /// An unterminated string, already reported; the lexer resumes at the end
  /// of the line it started on.
  Bad,
};

struct Token {
  TokKind kind = TokKind::Eof;
  StringRef text;
  size_t offset = 0;

  size_t end() const { return offset + text.size(); }
  bool is(TokKind k) const { return kind == k; }
  bool isWord(StringRef w) const { return kind == TokKind::Word && text == w; }
  bool isPunct(char c) const {
    return kind == TokKind::Punct && text.size() == 1 && text[0] == c;
  }
  bool isString() const {
    return kind == TokKind::String || kind == TokKind::RawString;
  }
  /// A line end, the end of the file, or an unterminated string (after
  /// which the lexer is at a line end).
  bool endsStatement() const {
    return kind == TokKind::Newline || kind == TokKind::Eof ||
           kind == TokKind::Bad;
  }
};

bool isWordChar(char c) {
  return llvm::isAlnum(c) || c == '_' || static_cast<unsigned char>(c) >= 0x80;
}

bool isHorizontalSpace(char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v';
}

class Lexer {
public:
  using ErrorFn = std::function<void(size_t, const llvm::Twine &)>;

  Lexer(StringRef src, ErrorFn error) : src(src), error(error) {
    // A UTF-8 byte order mark is skipped (it still counts in columns).
    if (src.starts_with("\xEF\xBB\xBF"))
      pos = 3;
  }

  Token next();

  /// The alias after `as`: skips spaces (not line ends), then takes every
  /// character up to a space, line end, comment or quote. Empty when none.
  Token rawWord();

  /// Continue lexing at `offset`.
  void resetTo(size_t offset) { pos = std::min(offset, src.size()); }

private:
  Token make(TokKind kind, size_t start, size_t end) {
    pos = end;
    return Token{kind, src.slice(start, end), start};
  }
  /// An unterminated string from `start`: reported; the lexer resumes at the
  /// end of that line.
  Token unterminated(size_t start, StringRef what) {
    error(start, "unterminated " + what);
    size_t eol = src.find('\n', start);
    pos = eol == StringRef::npos ? src.size() : eol;
    return Token{TokKind::Bad, src.slice(start, pos), start};
  }

  StringRef src;
  ErrorFn error;
  size_t pos = 0;
};

Token Lexer::next() {
  while (pos < src.size()) {
    char c = src[pos];
    char c1 = pos + 1 < src.size() ? src[pos + 1] : '\0';
    if (c == '\n')
      return make(TokKind::Newline, pos, pos + 1);
    if (isHorizontalSpace(c)) {
      ++pos;
      continue;
    }
    if (c == '#' || (c == '/' && c1 == '/')) {
      size_t eol = src.find('\n', pos);
      pos = eol == StringRef::npos ? src.size() : eol;
      continue;
    }
    if (c == '/' && c1 == '*') {
      size_t close = src.find("*/", pos + 2);
      if (close == StringRef::npos) {
        // The rest of the file is the comment.
        error(pos, "unterminated block comment");
        pos = src.size();
        break;
      }
      size_t start = pos;
      pos = close + 2;
      // A comment that spans lines ends the line, as in Go.
      if (src.slice(start, close).contains('\n'))
        return Token{TokKind::Newline, src.slice(start, pos), start};
      continue;
    }
    if (c == '"') {
      for (size_t i = pos + 1; i < src.size(); ++i) {
        if (src[i] == '\\')
          ++i;
        else if (src[i] == '"')
          return make(TokKind::String, pos, i + 1);
      }
      return unterminated(pos, "string literal");
    }
    if (c == '`') {
      size_t close = src.find('`', pos + 1);
      if (close == StringRef::npos)
        return unterminated(pos, "raw string literal");
      return make(TokKind::RawString, pos, close + 1);
    }
    if (isWordChar(c)) {
      size_t end = pos;
      while (end < src.size() && isWordChar(src[end]))
        ++end;
      return make(TokKind::Word, pos, end);
    }
    return make(TokKind::Punct, pos, pos + 1);
  }
  return Token{TokKind::Eof, src.drop_front(src.size()), src.size()};
}

Token Lexer::rawWord() {
  while (pos < src.size() && isHorizontalSpace(src[pos]))
    ++pos;
  size_t end = pos;
  for (; end < src.size(); ++end) {
    char c = src[end];
    char c1 = end + 1 < src.size() ? src[end + 1] : '\0';
    if (c == '\n' || isHorizontalSpace(c) || c == '#' || c == '"' || c == '`' ||
        (c == '/' && (c1 == '/' || c1 == '*')))
      break;
  }
  return make(TokKind::Word, pos, end);
}

//===----------------------------------------------------------------------===//
// Parser
//===----------------------------------------------------------------------===//

/// How a token is named in a message: 'word', '(' or "a string literal".
std::string describe(const Token &tok) {
  switch (tok.kind) {
  case TokKind::String:
  case TokKind::RawString:
    return "a string literal";
  case TokKind::Newline:
    return "the end of the line";
  case TokKind::Eof:
    return "the end of the file";
  default:
    return "'" + tok.text.str() + "'";
  }
}

class Parser {
public:
  Parser(StringRef src, SourceFile &out)
      : src(src), out(out),
        lexer(src, [this](size_t offset, const llvm::Twine &msg) {
          error(offset, msg);
        }) {
    for (size_t i = 0; i < src.size(); ++i)
      if (src[i] == '\n')
        lineStarts.push_back(i + 1);
  }

  void run();

private:
  Loc loc(size_t offset) const {
    auto it = std::upper_bound(lineStarts.begin(), lineStarts.end(), offset);
    size_t start = *std::prev(it);
    return Loc{static_cast<unsigned>(it - lineStarts.begin()),
               static_cast<unsigned>(offset - start + 1)};
  }
  void diag(Diagnostic::Severity severity, Loc at, const llvm::Twine &msg) {
    out.diagnostics.push_back(Diagnostic{severity, at, msg.str()});
  }
  void error(size_t offset, const llvm::Twine &msg) {
    diag(Diagnostic::Severity::Error, loc(offset), msg);
  }
  void error(Loc at, const llvm::Twine &msg) {
    diag(Diagnostic::Severity::Error, at, msg);
  }
  void note(Loc at, const llvm::Twine &msg) {
    diag(Diagnostic::Severity::Note, at, msg);
  }

  void advance() {
    prevEnd = tok.end();
    tok = lexer.next();
  }
  /// Error recovery: skip to the end of the line (strings and comments are
  /// still lexed as such).
  void skipToEndOfLine() {
    while (!tok.is(TokKind::Newline) && !tok.is(TokKind::Eof))
      advance();
  }
  /// Report `msg` at the current token unless it is an unterminated string
  /// (reported already); then recover.
  void fail(const llvm::Twine &msg) {
    if (!tok.is(TokKind::Bad))
      error(tok.offset, msg);
    skipToEndOfLine();
  }
  /// Like fail() for a missing token: the position is right after the
  /// previous one.
  void failAfter(const llvm::Twine &msg) {
    if (!tok.is(TokKind::Bad))
      error(prevEnd, msg);
    skipToEndOfLine();
  }

  void parseImport();
  void parseGoImport(size_t importOffset);
  void parseOtherImport();
  /// The decoded contents of the current string token and, for each byte,
  /// its offset in the source. False after an error.
  bool decodePath(std::string &path, std::vector<size_t> &offsets);
  /// Split the decoded `spec` of an `import go` into imp.path and
  /// imp.version and check them; false after an error (imp.path stays empty
  /// when there is none).
  bool checkPathAndVersion(GoImport &imp, StringRef spec,
                           llvm::ArrayRef<size_t> offsets, size_t closeQuote);
  /// Claim `alias` for an import; false (after an error and a note) when an
  /// earlier import has it.
  bool claimAlias(StringRef alias, Loc at, StringRef defaultOf);

  void parseExtern();
  /// `word ('.' word)*`; empty after an error.
  std::string parseDottedName(StringRef after);
  /// Skip a bracketed group starting at the current `(`, `[` or `{` token,
  /// across lines; false after an error.
  bool skipGroup(StringRef what);
  /// Consume tokens to the end of the statement (a line end outside every
  /// bracket opened in it); false after an error.
  bool skipToStatementEnd(StringRef what);

  StringRef src;
  SourceFile &out;
  Lexer lexer;
  std::vector<size_t> lineStarts{0};
  Token tok;
  size_t prevEnd = 0;
  llvm::StringMap<Loc> importedPaths;
  /// Where each alias was first claimed.
  llvm::StringMap<Loc> aliases;
};

void Parser::run() {
  advance();
  bool lineStart = true;
  int depth = 0;
  while (!tok.is(TokKind::Eof)) {
    if (tok.is(TokKind::Newline)) {
      lineStart = true;
      advance();
      continue;
    }
    if (lineStart && depth == 0 && tok.isWord("import")) {
      parseImport();
      lineStart = false;
      continue;
    }
    if (lineStart && depth == 0 && tok.isWord("extern")) {
      parseExtern();
      lineStart = false;
      continue;
    }
    if (tok.isPunct('{') || tok.isPunct('(') || tok.isPunct('['))
      ++depth;
    else if ((tok.isPunct('}') || tok.isPunct(')') || tok.isPunct(']')) &&
             depth > 0)
      --depth;
    lineStart = false;
    advance();
  }
}

//===----------------------------------------------------------------------===//
// Imports
//===----------------------------------------------------------------------===//

void Parser::parseImport() {
  size_t importOffset = tok.offset;
  advance();
  if (tok.isWord("go")) {
    advance();
    parseGoImport(importOffset);
    return;
  }
  // `import python "math" as m`, `import "path"`: only the alias is read.
  if (tok.is(TokKind::Word))
    advance();
  parseOtherImport();
}

void Parser::parseOtherImport() {
  if (!tok.isString()) {
    skipToEndOfLine();
    return;
  }
  advance();
  if (tok.isWord("as")) {
    Token word = lexer.rawWord();
    if (isMochiIdentifier(word.text) && !isMochiKeyword(word.text))
      claimAlias(word.text, loc(word.offset), "");
  }
  skipToEndOfLine();
}

bool Parser::decodePath(std::string &path, std::vector<size_t> &offsets) {
  StringRef body = tok.text.drop_front().drop_back();
  size_t base = tok.offset + 1;
  for (size_t i = 0; i < body.size(); ++i) {
    char c = body[i];
    if (c == '\\' && tok.is(TokKind::String)) {
      char e = i + 1 < body.size() ? body[i + 1] : '\0';
      if (e != '"' && e != '\\') {
        error(base + i, "invalid escape sequence '\\" + StringRef(&e, 1) +
                            "' in an import path (only \\\" and \\\\ are "
                            "allowed)");
        return false;
      }
      path += e;
      offsets.push_back(base + i);
      ++i;
      continue;
    }
    path += c;
    offsets.push_back(base + i);
  }
  return true;
}

void Parser::parseGoImport(size_t importOffset) {
  if (!tok.isString()) {
    if (tok.endsStatement())
      return failAfter("expected the import path as a string literal after "
                       "'import go'");
    return fail("expected the import path as a string literal after "
                "'import go', found " +
                describe(tok));
  }
  // Mochi's strings may span lines, but an import path never does: this is
  // a missing quote. Go on at the end of the line the path starts on.
  if (tok.text.contains('\n')) {
    error(tok.offset, "the import path string does not end on its line "
                      "(missing '" +
                          tok.text.take_front(1) + "'?)");
    lexer.resetTo(src.find('\n', tok.offset));
    advance();
    return;
  }
  GoImport imp;
  imp.loc = loc(importOffset);
  imp.pathLoc = loc(tok.offset);
  std::string spec;
  std::vector<size_t> offsets;
  if (!decodePath(spec, offsets)) {
    skipToEndOfLine();
    return;
  }
  size_t closeQuote = tok.end() - 1;
  advance();

  // [as ALIAS] [auto]
  size_t aliasOffset = 0;
  std::string alias;
  if (tok.isWord("as")) {
    size_t asEnd = tok.end();
    Token word = lexer.rawWord();
    if (word.text.empty()) {
      error(asEnd, "expected an alias after 'as'");
      advance();
      skipToEndOfLine();
      return;
    }
    imp.aliasExplicit = true;
    alias = word.text.str();
    aliasOffset = word.offset;
    advance();
  }
  if (tok.isWord("auto")) {
    imp.autoExterns = true;
    advance();
  }
  if (!tok.endsStatement()) {
    StringRef expected = imp.autoExterns     ? "the end of the line"
                         : imp.aliasExplicit ? "'auto' or the end of the line"
                                             : "'as <alias>' or the end of "
                                               "the line";
    return fail("unexpected " + describe(tok) + " in 'import go'; expected " +
                expected);
  }
  if (tok.is(TokKind::Bad))
    return skipToEndOfLine();

  imp.aliasLoc = imp.aliasExplicit ? loc(aliasOffset) : imp.pathLoc;
  bool ok = checkPathAndVersion(imp, spec, offsets, closeQuote);
  if (imp.path.empty())
    return;
  if (imp.aliasExplicit) {
    std::string problem = aliasProblem(alias);
    if (!problem.empty()) {
      error(imp.aliasLoc, "the alias '" + alias + "' " + problem + "; use 'as " +
                              fixAlias(alias) + "'");
      ok = false;
      alias.clear();
    }
  }

  // One import per path.
  std::string quotedPath = module::quote(imp.path);
  auto [it, inserted] = importedPaths.try_emplace(imp.path, imp.pathLoc);
  if (!inserted) {
    error(imp.pathLoc, "duplicate import of " +
                           StringRef(imp.stdlib ? "package " : "module ") +
                           quotedPath);
    note(it->second, quotedPath + " is first imported here");
    return;
  }

  // One import per alias.
  imp.alias = imp.aliasExplicit ? alias : defaultAlias(imp.path);
  if (!imp.alias.empty() &&
      !claimAlias(imp.alias, imp.aliasLoc,
                  imp.aliasExplicit ? StringRef() : StringRef(imp.path)))
    ok = false;
  if (ok)
    out.goImports.push_back(std::move(imp));
}

bool Parser::checkPathAndVersion(GoImport &imp, StringRef spec,
                                 llvm::ArrayRef<size_t> offsets,
                                 size_t closeQuote) {
  size_t at = spec.find('@');
  StringRef path = spec.take_front(at);
  if (path.empty()) {
    error(imp.pathLoc, "empty import path");
    return false;
  }
  bool hasVersion = at != StringRef::npos;
  StringRef version = hasVersion ? spec.drop_front(at + 1) : StringRef();
  if (hasVersion)
    imp.versionLoc =
        loc(at + 1 < offsets.size() ? offsets[at + 1] : closeQuote);
  imp.path = path.str();
  imp.stdlib = isStdlibPath(path);
  std::string quotedPath = module::quote(path);

  if (imp.stdlib) {
    bool ok = true;
    if (llvm::Error err = module::checkImportPath(path)) {
      error(imp.pathLoc, llvm::toString(std::move(err)));
      ok = false;
    }
    if (hasVersion) {
      error(imp.versionLoc, "the standard-library package " + quotedPath +
                                " takes no version; remove " +
                                module::quote(("@" + version).str()));
      ok = false;
    }
    return ok;
  }

  bool pathOk = true;
  if (llvm::Error err = module::checkPath(path)) {
    error(imp.pathLoc, llvm::toString(std::move(err)));
    pathOk = false;
  }
  imp.version = version.str();
  if (!hasVersion) {
    error(imp.pathLoc, "missing version: import the module as " +
                           module::quote((path + "@vX.Y.Z").str()));
    return false;
  }
  if (version.empty()) {
    error(imp.versionLoc, "missing version after '@'");
    return false;
  }
  if (llvm::Error err = module::checkVersionLength(version)) {
    error(imp.versionLoc, llvm::toString(std::move(err)));
    return false;
  }
  if (!semver::isValid(version)) {
    std::string withV = ("v" + version).str();
    std::string hint =
        semver::isValid(withV)
            ? "; did you mean " +
                  module::quote(module::canonicalVersion(withV)) + "?"
            : " (vMAJOR.MINOR.PATCH, e.g. v1.2.3)";
    error(imp.versionLoc, "invalid version " + module::quote(version) +
                              ": not a semantic version" + hint);
    return false;
  }
  std::string canon = module::canonicalVersion(version);
  if (canon != version) {
    error(imp.versionLoc, "version " + module::quote(version) +
                              " is not canonical; use " + module::quote(canon));
    return false;
  }
  if (!pathOk)
    return false;
  // The major version must agree with the path (`/v2` for v2.x.y).
  if (llvm::Error err = module::check(path, version)) {
    error(imp.versionLoc, llvm::toString(std::move(err)));
    return false;
  }
  return true;
}

bool Parser::claimAlias(StringRef alias, Loc at, StringRef defaultOf) {
  auto [it, inserted] = aliases.try_emplace(alias, at);
  if (inserted)
    return true;
  if (defaultOf.empty())
    error(at, "duplicate import alias '" + alias + "'");
  else
    error(at, "duplicate import alias '" + alias + "' (the default alias of " +
                  module::quote(defaultOf) + "); choose another with 'as'");
  note(it->second, "'" + alias + "' is first used here");
  return false;
}

//===----------------------------------------------------------------------===//
// Extern declarations
//===----------------------------------------------------------------------===//

/// A word that can be part of a name: not a number, not a keyword.
bool isNameWord(const Token &tok) {
  return tok.is(TokKind::Word) && !llvm::isDigit(tok.text[0]) &&
         !isMochiKeyword(tok.text);
}

std::string Parser::parseDottedName(StringRef after) {
  std::string name;
  while (true) {
    if (!isNameWord(tok)) {
      if (tok.endsStatement())
        failAfter("expected a name after " + after);
      else
        fail("expected a name after " + after + ", found " + describe(tok));
      return "";
    }
    name += tok.text;
    advance();
    if (!tok.isPunct('.'))
      return name;
    name += '.';
    advance();
    after = "'.'";
  }
}

bool Parser::skipGroup(StringRef what) {
  Token open = tok;
  std::string closers;
  do {
    if (tok.isPunct('('))
      closers += ')';
    else if (tok.isPunct('['))
      closers += ']';
    else if (tok.isPunct('{'))
      closers += '}';
    else if (tok.is(TokKind::Punct) && !closers.empty() &&
             tok.text[0] == closers.back())
      closers.pop_back();
    else if (tok.is(TokKind::Bad)) {
      skipToEndOfLine();
      return false;
    } else if (tok.is(TokKind::Eof)) {
      error(open.offset, "unclosed '" + open.text + "' in " + what);
      return false;
    }
    advance();
  } while (!closers.empty());
  return true;
}

bool Parser::skipToStatementEnd(StringRef what) {
  while (!tok.endsStatement()) {
    if (tok.isPunct('(') || tok.isPunct('[') || tok.isPunct('{')) {
      if (!skipGroup(what))
        return false;
      continue;
    }
    advance();
  }
  if (tok.is(TokKind::Bad)) {
    skipToEndOfLine();
    return false;
  }
  return true;
}

void Parser::parseExtern() {
  size_t start = tok.offset;
  advance();
  ExternDecl decl;
  decl.loc = loc(start);
  StringRef keyword = tok.text;
  if (tok.isWord("fun"))
    decl.kind = ExternDecl::Kind::Fun;
  else if (tok.isWord("type"))
    decl.kind = ExternDecl::Kind::Type;
  else if (tok.isWord("var"))
    decl.kind = ExternDecl::Kind::Var;
  else if (tok.endsStatement())
    return failAfter("expected 'fun', 'type' or 'var' after 'extern'");
  else
    return fail("expected 'fun', 'type' or 'var' after 'extern', found " +
                describe(tok));
  advance();
  std::string what = ("'extern " + keyword + "'").str();
  decl.name = parseDottedName(what);
  if (decl.name.empty())
    return;
  std::string declWhat = "the declaration of '" + decl.name + "'";

  switch (decl.kind) {
  case ExternDecl::Kind::Fun:
    if (!tok.isPunct('(')) {
      if (tok.endsStatement())
        return failAfter("expected '(' after 'extern fun " + decl.name + "'");
      return fail("expected '(' after 'extern fun " + decl.name + "', found " +
                  describe(tok));
    }
    if (!skipGroup(declWhat))
      return;
    if (tok.isPunct(':')) {
      advance();
      if (tok.endsStatement())
        return failAfter("expected the result type after ':'");
      if (!skipToStatementEnd(declWhat))
        return;
    } else if (!tok.endsStatement()) {
      return fail("unexpected " + describe(tok) + " after the parameters of '" +
                  decl.name +
                  "'; expected ':' and the result type, or the "
                  "end of the line");
    }
    break;
  case ExternDecl::Kind::Type:
    if (tok.isPunct('{') && !skipGroup(declWhat))
      return;
    if (!tok.endsStatement())
      return fail("unexpected " + describe(tok) + " after 'extern type " +
                  decl.name + "'; expected '{' or the end of the line");
    break;
  case ExternDecl::Kind::Var:
    if (!tok.isPunct(':')) {
      if (tok.endsStatement())
        return failAfter("expected ':' and a type after 'extern var " +
                         decl.name + "'");
      return fail("expected ':' and a type after 'extern var " + decl.name +
                  "', found " + describe(tok));
    }
    advance();
    if (tok.endsStatement())
      return failAfter("expected a type after ':'");
    if (!skipToStatementEnd(declWhat))
      return;
    break;
  }
  if (tok.is(TokKind::Bad))
    return skipToEndOfLine();

  // The text from `extern` to the end of the last token, CRLF as LF.
  StringRef raw = src.slice(start, prevEnd);
  for (size_t i = 0; i < raw.size(); ++i)
    if (!(raw[i] == '\r' && i + 1 < raw.size() && raw[i + 1] == '\n'))
      decl.text += raw[i];
  decl.text = StringRef(decl.text).trim().str();
  out.externs.push_back(std::move(decl));
}

} // namespace

//===----------------------------------------------------------------------===//
// Public functions
//===----------------------------------------------------------------------===//

bool mochi::hasErrors(llvm::ArrayRef<Diagnostic> diags) {
  return llvm::any_of(diags, [](const Diagnostic &d) {
    return d.severity == Diagnostic::Severity::Error;
  });
}

bool SourceFile::hasErrors() const { return mochi::hasErrors(diagnostics); }

/// What no Mochi source may hold, checked before it is parsed: a NUL byte
/// (the first one is reported) and lines longer than MaxSourceLineLength.
static void checkRawSource(StringRef text, SourceFile &file) {
  unsigned line = 1, overlong = 0;
  bool sawNul = false;
  size_t start = 0;
  for (size_t i = 0; i <= text.size(); ++i) {
    if (i < text.size() && text[i] == '\0' && !sawNul) {
      sawNul = true;
      file.diagnostics.push_back(
          {Diagnostic::Severity::Error,
           Loc{line, static_cast<unsigned>(i - start + 1)},
           "NUL byte in the source (a Mochi source is UTF-8 text)"});
    }
    if (i == text.size() || text[i] == '\n') {
      if (i - start > MaxSourceLineLength && overlong++ < 10)
        file.diagnostics.push_back({Diagnostic::Severity::Error, Loc{line, 1},
                                    "line is " + std::to_string(i - start) +
                                        " bytes long (the limit is " +
                                        std::to_string(MaxSourceLineLength) +
                                        ")"});
      ++line;
      start = i + 1;
    }
  }
}

SourceFile mochi::parseSource(StringRef text, StringRef fileName) {
  SourceFile file;
  file.fileName = fileName.str();
  checkRawSource(text, file);
  if (file.hasErrors())
    return file;
  Parser(text, file).run();
  // In the order of the file, each note after its error (an import's alias
  // is checked after its path, a duplicate path after the alias).
  std::vector<std::vector<Diagnostic>> groups;
  for (Diagnostic &d : file.diagnostics) {
    if (d.severity == Diagnostic::Severity::Error || groups.empty())
      groups.emplace_back();
    groups.back().push_back(std::move(d));
  }
  std::stable_sort(
      groups.begin(), groups.end(),
      [](const std::vector<Diagnostic> &a, const std::vector<Diagnostic> &b) {
        return std::make_pair(a[0].loc.line, a[0].loc.column) <
               std::make_pair(b[0].loc.line, b[0].loc.column);
      });
  file.diagnostics.clear();
  for (std::vector<Diagnostic> &g : groups)
    for (Diagnostic &d : g)
      file.diagnostics.push_back(std::move(d));
  return file;
}

llvm::Expected<SourceFile> mochi::parseFile(StringRef path) {
  auto buffer = llvm::MemoryBuffer::getFile(path, /*IsText=*/false,
                                            /*RequiresNullTerminator=*/false);
  if (!buffer)
    return llvm::createFileError(path, buffer.getError());
  return parseSource((*buffer)->getBuffer(), path);
}

void mochi::printDiagnostics(const SourceFile &file, llvm::raw_ostream &os) {
  for (const Diagnostic &d : file.diagnostics)
    os << file.fileName << ":" << d.loc.line << ":" << d.loc.column << ": "
       << (d.severity == Diagnostic::Severity::Error ? "error" : "note") << ": "
       << d.message << "\n";
}
