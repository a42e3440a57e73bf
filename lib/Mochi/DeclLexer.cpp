//===- DeclLexer.cpp - Mochi's token rules, exactly -----------------------===//
//
// Part of mochi-go. Mochi's lexer is a list of regular expressions tried in
// order at each position; the first that matches wins. This is the same
// list, written out by hand (docs/MochiCheck.md has the rules):
//
//   1. comment   `//...`, `#...`, `/* ... */` (no nesting)
//   2. bool      `true`, `false` followed by an ASCII word boundary
//   3. keyword   one of the keywords, followed by an ASCII word boundary
//   4. ident     [\p{L}\p{So}_][\p{L}\p{So}\p{N}_]*
//   5. float     \d+\.\d+([eE][+-]?\d+)? | \d+[eE][+-]?\d+
//   6. int       0x... | 0b... | 0o... | \d+
//   7. string    "..." with backslash escapes, may span lines
//   8. punct     two-character operators first, then single characters
//   9. space     [ \t\n\r;]+
//
// Rules 2 and 3 match at the start of a token only when the whole run of
// ASCII word characters [0-9A-Za-z_] there is the word: `types` and `type_`
// are identifiers, while `typeé` is the keyword `type` and the identifier
// `é` (`\b` is an ASCII word boundary, and `é` is not an ASCII word
// character). Stricter than Mochi on two points: invalid UTF-8 is an error
// (Go's regexp would read each bad byte as U+FFFD, an "other symbol"), and
// string escapes must be Go's escapes.
//
//===----------------------------------------------------------------------===//

#include "DeclLexer.h"

#include "mochi-go/Mochi/DeclFile.h"
#include "mochi-go/Mochi/Imports.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/Twine.h"
#include "llvm/Support/Format.h"
#include "llvm/Support/raw_ostream.h"

#include <algorithm>

using namespace mochigo;
using namespace mochigo::mochi;
using namespace mochigo::mochi::decl;
using llvm::StringRef;

namespace {

struct CodePointRange {
  uint32_t first, last;
};

#include "MochiUnicode.inc"

template <size_t N>
bool inRanges(const CodePointRange (&table)[N], uint32_t c) {
  const CodePointRange *it = std::upper_bound(
      std::begin(table), std::end(table), c,
      [](uint32_t v, const CodePointRange &r) { return v < r.first; });
  if (it == std::begin(table))
    return false;
  --it;
  return c <= it->last;
}

} // namespace

bool mochi::isIdentStartRune(uint32_t c) {
  return c == '_' || inRanges(IdentStartRanges, c);
}

bool mochi::isIdentContinueRune(uint32_t c) {
  return c == '_' || inRanges(IdentContinueRanges, c);
}

bool mochi::isLexerKeyword(StringRef word) {
  // The Keyword rule; `true` and `false` are the Bool rule's (one list of
  // reserved words, in Identifiers.cpp).
  return isMochiKeyword(word) && word != "true" && word != "false";
}

namespace {

/// Decode the UTF-8 sequence at `s[pos]`. Returns its length, 0 when it is
/// not valid UTF-8 (truncated, overlong, a surrogate, above U+10FFFF).
unsigned decodeRune(StringRef s, size_t pos, uint32_t &rune) {
  auto byte = [&](size_t i) -> unsigned {
    return i < s.size() ? static_cast<unsigned char>(s[i]) : 0x100;
  };
  unsigned b0 = byte(pos);
  if (b0 < 0x80) {
    rune = b0;
    return 1;
  }
  unsigned len;
  uint32_t min;
  if ((b0 & 0xE0) == 0xC0) {
    len = 2, rune = b0 & 0x1F, min = 0x80;
  } else if ((b0 & 0xF0) == 0xE0) {
    len = 3, rune = b0 & 0x0F, min = 0x800;
  } else if ((b0 & 0xF8) == 0xF0) {
    len = 4, rune = b0 & 0x07, min = 0x10000;
  } else {
    return 0;
  }
  for (unsigned k = 1; k < len; ++k) {
    unsigned b = byte(pos + k);
    if ((b & 0xC0) != 0x80)
      return 0;
    rune = (rune << 6) | (b & 0x3F);
  }
  if (rune < min || rune > 0x10FFFF || (rune >= 0xD800 && rune <= 0xDFFF))
    return 0;
  return len;
}

bool isAsciiWord(char c) { return llvm::isAlnum(c) || c == '_'; }

std::string runeName(uint32_t r) {
  std::string out;
  llvm::raw_string_ostream os(out);
  os << llvm::format("U+%04X", r);
  return out;
}

class Lexer {
public:
  Lexer(StringRef src, std::vector<Diagnostic> &diags)
      : src(src), diags(diags) {
    lineStarts.push_back(0);
    for (size_t i = 0; i < src.size(); ++i)
      if (src[i] == '\n')
        lineStarts.push_back(i + 1);
  }

  std::vector<Token> run();

private:
  Loc locOf(size_t offset) const {
    auto it = std::upper_bound(lineStarts.begin(), lineStarts.end(), offset);
    size_t line = it - lineStarts.begin();
    return Loc{static_cast<unsigned>(line),
               static_cast<unsigned>(offset - lineStarts[line - 1] + 1)};
  }
  void push(Tok kind, size_t start, size_t end) {
    toks.push_back(Token{kind, src.slice(start, end), locOf(start)});
  }
  void error(size_t offset, const llvm::Twine &msg) {
    diags.push_back(
        Diagnostic{Diagnostic::Severity::Error, locOf(offset), msg.str()});
  }
  /// Report an error at `at`, leave an Error token there and go on at the
  /// line after `lineOf`.
  void fail(size_t at, size_t lineOf, const llvm::Twine &msg) {
    error(at, msg);
    toks.push_back(Token{Tok::Error, src.slice(at, at), locOf(at)});
    size_t nl = src.find('\n', lineOf);
    pos = nl == StringRef::npos ? src.size() : nl + 1;
  }

  size_t digitsFrom(size_t i) const {
    while (i < src.size() && llvm::isDigit(src[i]))
      ++i;
    return i;
  }
  char at(size_t i) const { return i < src.size() ? src[i] : '\0'; }

  bool lexNumber();
  void lexString();
  /// Check the escape whose backslash is at `i`; returns its length (at
  /// least 2, or 1 when nothing follows), reporting an invalid one.
  size_t checkEscape(size_t i, bool &reported);

  StringRef src;
  std::vector<Diagnostic> &diags;
  std::vector<size_t> lineStarts;
  std::vector<Token> toks;
  size_t pos = 0;
};

std::vector<Token> Lexer::run() {
  if (src.starts_with("\xEF\xBB\xBF"))
    pos = 3;
  while (pos < src.size()) {
    char c = src[pos];
    StringRef rest = src.substr(pos);
    // 1. Comments.
    if (rest.starts_with("//") || c == '#') {
      size_t nl = src.find('\n', pos);
      pos = nl == StringRef::npos ? src.size() : nl;
      continue;
    }
    if (rest.starts_with("/*")) {
      size_t end = src.find("*/", pos + 2);
      if (end == StringRef::npos) {
        error(pos, "unterminated block comment (`/*` without `*/`)");
        toks.push_back(Token{Tok::Error, src.slice(pos, pos), locOf(pos)});
        pos = src.size();
        break;
      }
      pos = end + 2;
      continue;
    }
    // 2, 3. Bools and keywords: the whole ASCII word.
    if (isAsciiWord(c)) {
      size_t end = pos;
      while (end < src.size() && isAsciiWord(src[end]))
        ++end;
      StringRef word = src.slice(pos, end);
      if (word == "true" || word == "false") {
        push(Tok::Bool, pos, end);
        pos = end;
        continue;
      }
      if (isLexerKeyword(word)) {
        push(Tok::Keyword, pos, end);
        pos = end;
        continue;
      }
    }
    // 4. Identifiers.
    uint32_t rune;
    unsigned len = decodeRune(src, pos, rune);
    if (len == 0) {
      fail(pos, pos,
           llvm::Twine("invalid UTF-8 (byte 0x") +
               llvm::utohexstr(static_cast<unsigned char>(c)) + ")");
      continue;
    }
    if (isIdentStartRune(rune)) {
      size_t end = pos + len;
      while (end < src.size()) {
        uint32_t r;
        unsigned l = decodeRune(src, end, r);
        if (l == 0 || !isIdentContinueRune(r))
          break;
        end += l;
      }
      push(Tok::Ident, pos, end);
      pos = end;
      continue;
    }
    // 5, 6. Numbers.
    if (llvm::isDigit(c) && lexNumber())
      continue;
    // 7. Strings.
    if (c == '"') {
      lexString();
      continue;
    }
    // 8. Punctuation.
    static const char *const twoChar[] = {"==", "!=", "<=", ">=", "&&",
                                          "||", "=>", ":-", "..", "??"};
    bool matched = false;
    for (const char *p : twoChar)
      if (rest.starts_with(p)) {
        push(Tok::Punct, pos, pos + 2);
        pos += 2;
        matched = true;
        break;
      }
    if (matched)
      continue;
    if (StringRef("-+*/%=<>!|{}[](),.:?").contains(c)) {
      push(Tok::Punct, pos, pos + 1);
      ++pos;
      continue;
    }
    // 9. Whitespace.
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == ';') {
      ++pos;
      continue;
    }
    if (rune >= 0x80)
      fail(pos, pos,
           llvm::Twine("character ") + runeName(rune) + " `" +
               src.substr(pos, len) +
               "` cannot appear in Mochi source outside strings and "
               "comments (identifiers take letters, other symbols (So), "
               "numbers and `_`)");
    else if (llvm::isPrint(c))
      fail(pos, pos,
           llvm::Twine("unexpected character `") + StringRef(&c, 1) + "`");
    else
      fail(pos, pos,
           llvm::Twine("unexpected character ") + runeName(rune) +
               " (Mochi's whitespace is space, tab, CR, LF and `;`)");
  }
  toks.push_back(
      Token{Tok::Eof, src.slice(src.size(), src.size()), locOf(src.size())});
  return std::move(toks);
}

bool Lexer::lexNumber() {
  size_t intEnd = digitsFrom(pos);
  // Float, first form: digits '.' digits, optional exponent.
  if (at(intEnd) == '.' && llvm::isDigit(at(intEnd + 1))) {
    size_t end = digitsFrom(intEnd + 1);
    if (at(end) == 'e' || at(end) == 'E') {
      size_t e = end + 1;
      if (at(e) == '+' || at(e) == '-')
        ++e;
      if (llvm::isDigit(at(e)))
        end = digitsFrom(e);
    }
    push(Tok::Float, pos, end);
    pos = end;
    return true;
  }
  // Float, second form: digits, exponent.
  if (at(intEnd) == 'e' || at(intEnd) == 'E') {
    size_t e = intEnd + 1;
    if (at(e) == '+' || at(e) == '-')
      ++e;
    if (llvm::isDigit(at(e))) {
      size_t end = digitsFrom(e);
      push(Tok::Float, pos, end);
      pos = end;
      return true;
    }
  }
  // Int: 0x, 0b, 0o prefixes need one digit of their base.
  if (src[pos] == '0' && intEnd == pos + 1) {
    char p = llvm::toLower(at(pos + 1));
    auto ok = [p](char d) {
      if (p == 'x')
        return llvm::isHexDigit(d);
      if (p == 'b')
        return d == '0' || d == '1';
      if (p == 'o')
        return d >= '0' && d <= '7';
      return false;
    };
    if (ok(at(pos + 2))) {
      size_t end = pos + 2;
      while (end < src.size() && ok(src[end]))
        ++end;
      push(Tok::Int, pos, end);
      pos = end;
      return true;
    }
  }
  push(Tok::Int, pos, intEnd);
  pos = intEnd;
  return true;
}

size_t Lexer::checkEscape(size_t i, bool &reported) {
  char d = at(i + 1);
  auto bad = [&](const llvm::Twine &why) {
    if (!reported)
      error(i, why);
    reported = true;
  };
  auto hexRun = [&](size_t from, unsigned n, uint32_t &v) {
    v = 0;
    for (unsigned k = 0; k < n; ++k) {
      char h = at(from + k);
      if (!llvm::isHexDigit(h))
        return false;
      v = v * 16 + llvm::hexDigitValue(h);
    }
    return true;
  };
  if (StringRef("abfnrtv\\\"").contains(d) && d != '\0')
    return 2;
  uint32_t v;
  if (d == 'x') {
    if (!hexRun(i + 2, 2, v))
      bad("invalid escape: `\\x` takes two hexadecimal digits");
    return 2;
  }
  if (d == 'u' || d == 'U') {
    unsigned n = d == 'u' ? 4 : 8;
    if (!hexRun(i + 2, n, v))
      bad(llvm::Twine("invalid escape: `\\") + StringRef(&d, 1) + "` takes " +
          llvm::Twine(n) + " hexadecimal digits");
    else if (v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
      bad("invalid escape: " + runeName(v) + " is not a Unicode code point");
    return 2;
  }
  if (d >= '0' && d <= '7') {
    unsigned value = 0;
    bool digits = true;
    for (unsigned k = 0; k < 3; ++k) {
      char o = at(i + 1 + k);
      if (o < '0' || o > '7') {
        digits = false;
        break;
      }
      value = value * 8 + (o - '0');
    }
    if (!digits)
      bad("invalid escape: an octal escape takes three digits (`\\101`)");
    else if (value > 255)
      bad("invalid escape: an octal escape is at most `\\377`");
    return 2;
  }
  uint32_t r;
  unsigned len = decodeRune(src, i + 1, r);
  bad(llvm::Twine("invalid escape `\\") + src.substr(i + 1, std::max(len, 1u)) +
      "` in a string (Go's escapes: \\a \\b \\f \\n \\r \\t \\v \\\\ \\\" "
      "\\xHH \\ooo \\uHHHH \\UHHHHHHHH)");
  return 1 + std::max(len, 1u);
}

void Lexer::lexString() {
  size_t start = pos;
  size_t i = pos + 1;
  bool reported = false;
  while (true) {
    if (i >= src.size())
      return fail(start, start,
                  "unterminated string (no closing `\"` before the end of "
                  "the file)");
    char c = src[i];
    if (c == '"')
      break;
    if (c == '\\') {
      if (i + 1 >= src.size() || src[i + 1] == '\n')
        return fail(start, start,
                    "unterminated string: a `\\` at the end of line " +
                        llvm::Twine(locOf(i).line) +
                        " (a string may span lines, but not with a "
                        "backslash before the line end)");
      i += checkEscape(i, reported);
      continue;
    }
    uint32_t r;
    unsigned len = decodeRune(src, i, r);
    if (len == 0)
      return fail(i, i, "invalid UTF-8 in a string");
    i += len;
  }
  push(Tok::String, start, i + 1);
  pos = i + 1;
}

} // namespace

std::vector<Token> decl::lex(StringRef src, std::vector<Diagnostic> &diags) {
  return Lexer(src, diags).run();
}

std::string mochi::decl::describe(const Token &t) {
  if (t.is(Tok::Eof))
    return "end of file";
  StringRef text = t.text.take_until([](char c) { return c == '\n'; });
  std::string out = "`" + text.take_front(24).str();
  if (text.size() > 24 || text.size() != t.text.size())
    out += "...";
  return out + "`";
}
