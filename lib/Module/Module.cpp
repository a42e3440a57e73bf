//===- Module.cpp - Module paths, versions and their encodings ------------===//
//
// Part of mochi-go. The path rules, case encoding, go.sum order and
// GOPRIVATE-style globs of the go command (golang.org/x/mod/module and
// path.Match), plus the Unicode helpers they rest on: UTF-8 decoding as Go
// does it, unicode.IsLetter, case folding, and Go's string quoting.
//
//===----------------------------------------------------------------------===//

#include "mochi-go/Module/Module.h"
#include "mochi-go/Module/Semver.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"

#include <algorithm>

using namespace mochigo;
using namespace mochigo::module;
using llvm::StringRef;

namespace {

struct CodePointRange {
  uint32_t lo, hi;
};
struct FoldPair {
  uint32_t from, to;
};

// kLetterRanges, kPrintRanges, kFoldPairs, generated from Go's unicode
// package by lib/Module/gen/unicodetables.go.
#include "ModuleUnicodeTables.inc"

constexpr uint32_t kRuneError = 0xFFFD;

//===----------------------------------------------------------------------===//
// UTF-8, as Go's utf8.DecodeRuneInString reads it
//===----------------------------------------------------------------------===//

struct Rune {
  uint32_t value;
  unsigned width;
  bool invalid; // an undecodable byte (value is kRuneError, width 1)
};

Rune decodeRune(StringRef s) {
  auto byteAt = [&](size_t i) { return static_cast<uint8_t>(s[i]); };
  uint8_t b0 = byteAt(0);
  if (b0 < 0x80)
    return {b0, 1, false};
  unsigned width;
  uint8_t lo = 0x80, hi = 0xBF; // bounds of the second byte
  if (b0 >= 0xC2 && b0 <= 0xDF) {
    width = 2;
  } else if (b0 >= 0xE0 && b0 <= 0xEF) {
    width = 3;
    if (b0 == 0xE0)
      lo = 0xA0; // no overlong forms
    else if (b0 == 0xED)
      hi = 0x9F; // no surrogates
  } else if (b0 >= 0xF0 && b0 <= 0xF4) {
    width = 4;
    if (b0 == 0xF0)
      lo = 0x90;
    else if (b0 == 0xF4)
      hi = 0x8F; // nothing above U+10FFFF
  } else {
    return {kRuneError, 1, true};
  }
  if (s.size() < width || byteAt(1) < lo || byteAt(1) > hi)
    return {kRuneError, 1, true};
  uint32_t r = b0 & (0xFF >> (width + 1));
  for (unsigned i = 1; i < width; ++i) {
    uint8_t b = byteAt(i);
    if (b < 0x80 || b > 0xBF)
      return {kRuneError, 1, true};
    r = (r << 6) | (b & 0x3F);
  }
  return {r, width, false};
}

bool validUTF8(StringRef s) {
  for (size_t i = 0; i < s.size();) {
    Rune r = decodeRune(s.drop_front(i));
    if (r.invalid)
      return false;
    i += r.width;
  }
  return true;
}

void appendUTF8(std::string &out, uint32_t r) {
  if (r < 0x80) {
    out.push_back(static_cast<char>(r));
  } else if (r < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (r >> 6)));
    out.push_back(static_cast<char>(0x80 | (r & 0x3F)));
  } else if (r < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (r >> 12)));
    out.push_back(static_cast<char>(0x80 | ((r >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (r & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (r >> 18)));
    out.push_back(static_cast<char>(0x80 | ((r >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((r >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (r & 0x3F)));
  }
}

template <size_t N>
bool inRanges(const CodePointRange (&table)[N], uint32_t r) {
  const CodePointRange *it = std::upper_bound(
      std::begin(table), std::end(table), r,
      [](uint32_t x, const CodePointRange &c) { return x < c.lo; });
  return it != std::begin(table) && r <= (it - 1)->hi;
}

/// strconv.IsPrint.
bool isPrint(uint32_t r) {
  if (r < 0x80)
    return r >= 0x20 && r < 0x7F;
  return inRanges(kPrintRanges, r);
}

/// The representative of r's case-fold class (see foldString).
uint32_t foldRune(uint32_t r) {
  if (r < 0x80)
    return (r >= 'A' && r <= 'Z') ? r + ('a' - 'A') : r;
  const FoldPair *it = std::lower_bound(
      std::begin(kFoldPairs), std::end(kFoldPairs), r,
      [](const FoldPair &p, uint32_t x) { return p.from < x; });
  if (it != std::end(kFoldPairs) && it->from == r)
    return it->to;
  return r;
}

void appendEscapedRune(std::string &out, uint32_t r, char quoteChar) {
  static const char hex[] = "0123456789abcdef";
  if (r == static_cast<uint32_t>(quoteChar) || r == '\\') {
    out.push_back('\\');
    out.push_back(static_cast<char>(r));
    return;
  }
  if (isPrint(r)) {
    appendUTF8(out, r);
    return;
  }
  switch (r) {
  case '\a':
    out += "\\a";
    return;
  case '\b':
    out += "\\b";
    return;
  case '\f':
    out += "\\f";
    return;
  case '\n':
    out += "\\n";
    return;
  case '\r':
    out += "\\r";
    return;
  case '\t':
    out += "\\t";
    return;
  case '\v':
    out += "\\v";
    return;
  default:
    break;
  }
  if (r < ' ' || r == 0x7F) {
    out += "\\x";
    out.push_back(hex[r >> 4]);
    out.push_back(hex[r & 15]);
    return;
  }
  int digits = r < 0x10000 ? 4 : 8;
  out += digits == 4 ? "\\u" : "\\U";
  for (int shift = (digits - 1) * 4; shift >= 0; shift -= 4)
    out.push_back(hex[(r >> shift) & 15]);
}

/// Go's %q of a rune.
std::string quoteRune(uint32_t r) {
  std::string out = "'";
  appendEscapedRune(out, r, '\'');
  out.push_back('\'');
  return out;
}

//===----------------------------------------------------------------------===//
// Path rules
//===----------------------------------------------------------------------===//

llvm::Error makeError(const llvm::Twine &msg) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(), msg);
}

enum class PathKind { Module, Import, File };

bool isASCIILetterOrDigit(uint32_t r) {
  return (r >= '0' && r <= '9') || (r >= 'a' && r <= 'z') ||
         (r >= 'A' && r <= 'Z');
}

/// Characters of a module path element.
bool modulePathChar(uint32_t r) {
  return isASCIILetterOrDigit(r) || r == '-' || r == '.' || r == '_' ||
         r == '~';
}

/// Characters of an import path element: those of module paths and '+'.
bool importPathChar(uint32_t r) { return modulePathChar(r) || r == '+'; }

/// Characters of a file name: ASCII letters and digits, the punctuation that
/// no shell or file system treats specially, the space, and Unicode letters.
bool fileNameChar(uint32_t r) {
  if (r < 0x80)
    return isASCIILetterOrDigit(r) ||
           StringRef("!#$%&()+,-.=@[]^_{}~ ").contains(static_cast<char>(r));
  return isLetter(r);
}

/// Characters of the first element of a module path (a lower-case domain).
bool firstElementChar(uint32_t r) {
  return (r >= 'a' && r <= 'z') || (r >= '0' && r <= '9') || r == '-' ||
         r == '.';
}

const char *const kWindowsReserved[] = {
    "CON",  "PRN",  "AUX",  "NUL",  "COM1", "COM2", "COM3", "COM4",
    "COM5", "COM6", "COM7", "COM8", "COM9", "LPT1", "LPT2", "LPT3",
    "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9"};

/// Check one path element; the message does not name the path.
llvm::Error checkElement(StringRef elem, PathKind kind) {
  if (elem.empty())
    return makeError("empty path element");
  if (elem.count('.') == elem.size())
    return makeError("invalid path element " + quote(elem));
  if (elem.front() == '.' && kind == PathKind::Module)
    return makeError("leading dot in path element");
  if (elem.back() == '.')
    return makeError("trailing dot in path element");
  for (size_t i = 0; i < elem.size();) {
    Rune r = decodeRune(elem.drop_front(i));
    bool ok = kind == PathKind::Module   ? modulePathChar(r.value)
              : kind == PathKind::Import ? importPathChar(r.value)
                                         : fileNameChar(r.value);
    if (!ok)
      return makeError("invalid char " + quoteRune(r.value));
    i += r.width;
  }
  // Windows reserves some names, whatever the case and the extension.
  StringRef stem = elem.take_until([](char c) { return c == '.'; });
  for (const char *bad : kWindowsReserved)
    if (stem.equals_insensitive(bad))
      return makeError(quote(stem) +
                       " disallowed as path element component on Windows");
  if (kind == PathKind::File)
    return llvm::Error::success();
  // Import paths must not look like Windows short names ("GOPATH~1").
  size_t tilde = stem.rfind('~');
  if (tilde != StringRef::npos && tilde + 1 < stem.size() &&
      llvm::all_of(stem.drop_front(tilde + 1), llvm::isDigit))
    return makeError("trailing tilde and digits in path element");
  return llvm::Error::success();
}

/// The length limits of module and import paths (Module.h).
llvm::Error checkPathLength(StringRef path) {
  if (path.size() > MaxPathLength)
    return makeError("path is " + llvm::Twine(path.size()) +
                     " bytes long (the limit is " + llvm::Twine(MaxPathLength) +
                     ")");
  StringRef rest = path;
  while (!rest.empty()) {
    auto [elem, tail] = rest.split('/');
    size_t escaped = elem.size() + llvm::count_if(elem, [](char c) {
                       return c >= 'A' && c <= 'Z';
                     });
    if (escaped > MaxPathElementLength)
      return makeError("path element " + quote(elem) + " is " +
                       llvm::Twine(escaped) +
                       " bytes long in the module cache (the limit is " +
                       llvm::Twine(MaxPathElementLength) + ")");
    rest = tail;
  }
  return llvm::Error::success();
}

/// The rules shared by module, import and file paths.
llvm::Error checkGenericPath(StringRef path, PathKind kind) {
  if (kind != PathKind::File)
    if (llvm::Error err = checkPathLength(path))
      return err;
  if (!validUTF8(path))
    return makeError("invalid UTF-8");
  if (path.empty())
    return makeError("empty string");
  if (path.front() == '-' && kind != PathKind::File)
    return makeError("leading dash");
  if (path.contains("//"))
    return makeError("double slash");
  if (path.back() == '/')
    return makeError("trailing slash");
  StringRef rest = path;
  while (true) {
    auto [elem, tail] = rest.split('/');
    if (llvm::Error err = checkElement(elem, kind))
      return err;
    if (elem.size() == rest.size())
      return llvm::Error::success();
    rest = tail;
  }
}

llvm::Error pathError(StringRef kind, StringRef path, llvm::Error err) {
  return makeError("malformed " + kind + " path " + quote(path) + ": " +
                   llvm::toString(std::move(err)));
}

/// The reasons CheckPath refuses a module path, without the path.
llvm::Error checkModulePathBare(StringRef path) {
  if (llvm::Error err = checkGenericPath(path, PathKind::Module))
    return err;
  StringRef first = path.take_until([](char c) { return c == '/'; });
  if (first.empty())
    return makeError("leading slash");
  if (!first.contains('.'))
    return makeError("missing dot in first path element");
  if (path.front() == '-')
    return makeError("leading dash in first path element");
  for (char c : first)
    if (!firstElementChar(static_cast<uint8_t>(c)))
      return makeError("invalid char " + quoteRune(static_cast<uint8_t>(c)) +
                       " in first path element");
  if (!splitPathVersion(path).ok)
    return makeError("invalid version");
  return llvm::Error::success();
}

/// Lower-case `s` with every upper-case ASCII letter written as '!' and the
/// letter in lower case. `s` must be ASCII without '!'.
std::string escapeString(StringRef s) {
  std::string out;
  out.reserve(s.size() + 8);
  for (char c : s) {
    if (c >= 'A' && c <= 'Z') {
      out.push_back('!');
      out.push_back(static_cast<char>(c - 'A' + 'a'));
    } else {
      out.push_back(c);
    }
  }
  return out;
}

/// The inverse of escapeString; false for a malformed escape.
bool unescapeString(StringRef escaped, std::string &out) {
  out.clear();
  out.reserve(escaped.size());
  bool bang = false;
  for (char ch : escaped) {
    uint8_t c = static_cast<uint8_t>(ch);
    if (c >= 0x80)
      return false;
    if (bang) {
      bang = false;
      if (c < 'a' || c > 'z')
        return false;
      out.push_back(static_cast<char>(c - 'a' + 'A'));
      continue;
    }
    if (c == '!') {
      bang = true;
      continue;
    }
    if (c >= 'A' && c <= 'Z')
      return false;
    out.push_back(ch);
  }
  return !bang;
}

//===----------------------------------------------------------------------===//
// path.Match
//===----------------------------------------------------------------------===//

enum class ChunkResult { Match, NoMatch, Malformed };

/// Split off the next chunk of a pattern: the stars before it (whether there
/// were any) and the text up to the next '*' outside a character class.
void nextChunk(StringRef &pattern, bool &star, StringRef &chunk) {
  star = false;
  while (!pattern.empty() && pattern.front() == '*') {
    pattern = pattern.drop_front();
    star = true;
  }
  bool inClass = false;
  size_t i = 0;
  for (; i < pattern.size(); ++i) {
    char c = pattern[i];
    if (c == '\\') {
      if (i + 1 < pattern.size())
        ++i;
    } else if (c == '[') {
      inClass = true;
    } else if (c == ']') {
      inClass = false;
    } else if (c == '*' && !inClass) {
      break;
    }
  }
  chunk = pattern.take_front(i);
  pattern = pattern.drop_front(i);
}

/// One (possibly escaped) character of a class; false if malformed.
bool classChar(StringRef &chunk, uint32_t &r) {
  if (chunk.empty() || chunk.front() == '-' || chunk.front() == ']')
    return false;
  if (chunk.front() == '\\') {
    chunk = chunk.drop_front();
    if (chunk.empty())
      return false;
  }
  Rune d = decodeRune(chunk);
  r = d.value;
  chunk = chunk.drop_front(d.width);
  return !d.invalid && !chunk.empty();
}

/// Match `chunk` (no '*') against a prefix of `s`; on a match, `s` becomes
/// the unmatched rest. The whole chunk is always parsed, so a malformed
/// chunk is reported even when the text does not match.
ChunkResult matchChunk(StringRef chunk, StringRef &s) {
  bool failed = false;
  while (!chunk.empty()) {
    if (!failed && s.empty())
      failed = true;
    char c = chunk.front();
    if (c == '[') {
      uint32_t r = 0;
      if (!failed) {
        Rune d = decodeRune(s);
        r = d.value;
        s = s.drop_front(d.width);
      }
      chunk = chunk.drop_front();
      bool negated = chunk.consume_front("^");
      bool found = false;
      for (int ranges = 0;; ++ranges) {
        if (ranges > 0 && chunk.consume_front("]"))
          break;
        uint32_t lo, hi;
        if (!classChar(chunk, lo))
          return ChunkResult::Malformed;
        hi = lo;
        if (chunk.front() == '-') {
          chunk = chunk.drop_front();
          if (!classChar(chunk, hi))
            return ChunkResult::Malformed;
        }
        if (lo <= r && r <= hi)
          found = true;
      }
      if (found == negated)
        failed = true;
      continue;
    }
    if (c == '?') {
      if (!failed) {
        if (s.front() == '/')
          failed = true;
        s = s.drop_front(decodeRune(s).width);
      }
      chunk = chunk.drop_front();
      continue;
    }
    if (c == '\\') {
      chunk = chunk.drop_front();
      if (chunk.empty())
        return ChunkResult::Malformed;
    }
    if (!failed) {
      if (chunk.front() != s.front())
        failed = true;
      s = s.drop_front();
    }
    chunk = chunk.drop_front();
  }
  return failed ? ChunkResult::NoMatch : ChunkResult::Match;
}

//===----------------------------------------------------------------------===//
// go.sum order
//===----------------------------------------------------------------------===//

bool goSumLess(const Version &a, const Version &b) {
  if (a.path != b.path)
    return a.path < b.path;
  auto [va, fa] = StringRef(a.version).split('/');
  auto [vb, fb] = StringRef(b.version).split('/');
  // split() drops the '/', which does not change the order of the suffixes;
  // an entry without a suffix sorts before one with "/go.mod".
  bool hasA = va.size() != a.version.size(),
       hasB = vb.size() != b.version.size();
  if (int c = semver::compare(va, vb))
    return c < 0;
  if (hasA != hasB)
    return hasB;
  if (fa != fb)
    return fa < fb;
  return va < vb;
}

} // namespace

//===----------------------------------------------------------------------===//
// Public functions
//===----------------------------------------------------------------------===//

std::string Version::str() const {
  if (version.empty())
    return path;
  return path + "@" + version;
}

llvm::Expected<Version> module::parseModuleArg(StringRef arg) {
  auto [path, version] = arg.split('@');
  if (path.size() == arg.size())
    return makeError("invalid module argument " + quote(arg) +
                     ": missing \"@version\"");
  if (version.empty() || version.contains('@'))
    return makeError("invalid module argument " + quote(arg) +
                     ": malformed version " + quote(version));
  if (llvm::Error err = checkPath(path))
    return makeError("invalid module argument " + quote(arg) + ": " +
                     llvm::toString(std::move(err)));
  return Version{path.str(), version.str()};
}

llvm::Error module::checkVersionLength(StringRef version) {
  if (version.size() > MaxVersionLength)
    return makeError(
        "version " + quote(version) + " is " + llvm::Twine(version.size()) +
        " bytes long (the limit is " + llvm::Twine(MaxVersionLength) + ")");
  return llvm::Error::success();
}

llvm::Error module::checkPath(StringRef path) {
  if (llvm::Error err = checkModulePathBare(path))
    return pathError("module", path, std::move(err));
  return llvm::Error::success();
}

llvm::Error module::checkImportPath(StringRef path) {
  if (llvm::Error err = checkGenericPath(path, PathKind::Import))
    return pathError("import", path, std::move(err));
  return llvm::Error::success();
}

llvm::Error module::checkFilePath(StringRef path) {
  if (llvm::Error err = checkGenericPath(path, PathKind::File))
    return pathError("file", path, std::move(err));
  return llvm::Error::success();
}

SplitPath module::splitPathVersion(StringRef path) {
  auto whole = [&](bool ok) { return SplitPath{path.str(), "", ok}; };
  if (path.starts_with("gopkg.in/")) {
    // gopkg.in/NAME.vN, optionally with "-unstable"; every N, including 0.
    StringRef core = path;
    core.consume_back("-unstable");
    size_t i = core.size();
    while (i > 0 && llvm::isDigit(core[i - 1]))
      --i;
    if (i <= 1 || core[i - 1] != 'v' || core[i - 2] != '.')
      return whole(false);
    StringRef major = path.drop_front(i - 2);
    if (major.size() <= 2 || (major[2] == '0' && major != ".v0"))
      return whole(false);
    return SplitPath{path.take_front(i - 2).str(), major.str(), true};
  }
  // A trailing "/vN" with N >= 2 and no leading zero.
  size_t i = path.size();
  bool sawDot = false;
  while (i > 0 && (llvm::isDigit(path[i - 1]) || path[i - 1] == '.')) {
    sawDot |= path[i - 1] == '.';
    --i;
  }
  if (i <= 1 || i == path.size() || path[i - 1] != 'v' || path[i - 2] != '/')
    return whole(true);
  StringRef major = path.drop_front(i - 2);
  if (sawDot || major.size() <= 2 || major[2] == '0' || major == "/v1")
    return whole(false);
  return SplitPath{path.take_front(i - 2).str(), major.str(), true};
}

/// Why `version` does not agree with `pathMajor`, or "" if it does.
static std::string pathMajorMismatch(StringRef version, StringRef pathMajor) {
  if (pathMajor.starts_with(".v"))
    pathMajor.consume_back("-unstable");
  // gopkg.in .v1 modules were once given v0.0.0 pseudo-versions.
  if (version.starts_with("v0.0.0-") && pathMajor == ".v1")
    return "";
  std::string major = semver::major(version);
  std::string want = pathMajor.str();
  if (pathMajor.empty()) {
    if (major == "v0" || major == "v1" ||
        semver::build(version) == "+incompatible")
      return "";
    want = "v0 or v1";
  } else if (pathMajor.front() == '/' || pathMajor.front() == '.') {
    want = pathMajor.drop_front().str();
    if (major == want)
      return "";
  }
  return "should be " + want + ", not " + major;
}

llvm::Error module::checkPathMajor(StringRef version, StringRef pathMajor) {
  std::string why = pathMajorMismatch(version, pathMajor);
  if (why.empty())
    return llvm::Error::success();
  return makeError("version " + quote(version) + " invalid: " + why);
}

llvm::Error module::check(StringRef path, StringRef version) {
  if (llvm::Error err = checkPath(path))
    return err;
  if (!semver::isValid(version))
    return makeError(path + "@" + version +
                     ": invalid version: not a semantic version");
  std::string why =
      pathMajorMismatch(version, splitPathVersion(path).pathMajor);
  if (!why.empty())
    return makeError(path + "@" + version + ": invalid version: " + why);
  return llvm::Error::success();
}

std::string module::canonicalVersion(StringRef v) {
  std::string c = semver::canonical(v);
  if (semver::build(v) == "+incompatible")
    c += "+incompatible";
  return c;
}

llvm::Expected<std::string> module::escapePath(StringRef path) {
  if (llvm::Error err = checkPath(path))
    return std::move(err);
  return escapeString(path);
}

llvm::Expected<std::string> module::unescapePath(StringRef escaped) {
  std::string path;
  if (!unescapeString(escaped, path))
    return makeError("invalid escaped module path " + quote(escaped));
  if (llvm::Error err = checkPath(path))
    return makeError("invalid escaped module path " + quote(escaped) + ": " +
                     llvm::toString(std::move(err)));
  return path;
}

llvm::Expected<std::string> module::escapeVersion(StringRef version) {
  // A version must be a file name; '!' is the escape character and cannot
  // itself be escaped, and only ASCII upper case has an escaped form.
  bool bad = version.contains('!') ||
             llvm::any_of(version, [](char c) { return c & 0x80; });
  if (!bad) {
    if (llvm::Error err = checkElement(version, PathKind::File)) {
      llvm::consumeError(std::move(err));
      bad = true;
    }
  }
  if (bad)
    return makeError("version " + quote(version) +
                     " invalid: disallowed version string");
  return escapeString(version);
}

llvm::Expected<std::string> module::unescapeVersion(StringRef escaped) {
  std::string version;
  if (!unescapeString(escaped, version))
    return makeError("invalid escaped version " + quote(escaped));
  if (llvm::Error err = checkElement(version, PathKind::File))
    return makeError("invalid escaped version " + quote(version) + ": " +
                     llvm::toString(std::move(err)));
  return version;
}

bool module::pathMatch(StringRef pattern, StringRef name, bool *malformed) {
  auto result = [&](ChunkResult r) {
    if (malformed)
      *malformed = r == ChunkResult::Malformed;
    return r == ChunkResult::Match;
  };
  while (!pattern.empty()) {
    bool star;
    StringRef chunk;
    nextChunk(pattern, star, chunk);
    // A trailing star matches whatever is left of the element.
    if (star && chunk.empty())
      return result(name.contains('/') ? ChunkResult::NoMatch
                                       : ChunkResult::Match);
    StringRef rest = name;
    ChunkResult r = matchChunk(chunk, rest);
    // The last chunk must consume the whole name.
    if (r == ChunkResult::Match && (rest.empty() || !pattern.empty())) {
      name = rest;
      continue;
    }
    if (r == ChunkResult::Malformed)
      return result(r);
    bool advanced = false;
    if (star) {
      // Let the star absorb 1, 2, ... characters, never a '/'.
      for (size_t i = 0; i < name.size() && name[i] != '/'; ++i) {
        StringRef tail = name.drop_front(i + 1);
        ChunkResult t = matchChunk(chunk, tail);
        if (t == ChunkResult::Match) {
          if (pattern.empty() && !tail.empty())
            continue;
          name = tail;
          advanced = true;
          break;
        }
        if (t == ChunkResult::Malformed)
          return result(t);
      }
    }
    if (advanced)
      continue;
    // No match; still report a malformed pattern.
    while (!pattern.empty()) {
      nextChunk(pattern, star, chunk);
      StringRef empty;
      if (matchChunk(chunk, empty) == ChunkResult::Malformed)
        return result(ChunkResult::Malformed);
    }
    return result(ChunkResult::NoMatch);
  }
  return result(name.empty() ? ChunkResult::Match : ChunkResult::NoMatch);
}

/// Call `fn(glob)` for each non-empty entry of a comma-separated list, with
/// a trailing slash removed; stop when it returns true.
template <typename Fn> static bool forEachGlob(StringRef globs, Fn fn) {
  while (!globs.empty()) {
    auto [glob, rest] = globs.split(',');
    globs = rest;
    glob.consume_back("/");
    if (!glob.empty() && fn(glob))
      return true;
  }
  return false;
}

bool module::matchPrefixPatterns(StringRef globs, StringRef target) {
  return forEachGlob(globs, [&](StringRef glob) {
    // A glob of N elements is matched against the first N elements of the
    // target.
    size_t slashes = glob.count('/');
    StringRef prefix = target;
    size_t seen = 0;
    for (size_t i = 0; i < target.size(); ++i) {
      if (target[i] != '/')
        continue;
      if (seen == slashes) {
        prefix = target.take_front(i);
        break;
      }
      ++seen;
    }
    if (seen < slashes)
      return false; // the target has too few elements
    return pathMatch(glob, prefix);
  });
}

llvm::Error module::checkPrefixPatterns(StringRef globs) {
  std::string bad;
  forEachGlob(globs, [&](StringRef glob) {
    bool malformed = false;
    pathMatch(glob, "", &malformed);
    if (malformed)
      bad = glob.str();
    return malformed;
  });
  if (bad.empty())
    return llvm::Error::success();
  return makeError("malformed pattern " + quote(bad) + " in " + quote(globs) +
                   ": syntax error in pattern");
}

void module::sortVersions(std::vector<Version> &versions) {
  std::sort(versions.begin(), versions.end(), goSumLess);
}

std::string module::foldString(StringRef s) {
  bool simple = llvm::none_of(
      s, [](char c) { return (c & 0x80) || (c >= 'A' && c <= 'Z'); });
  if (simple)
    return s.str();
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size();) {
    Rune r = decodeRune(s.drop_front(i));
    if (r.invalid)
      out.push_back(s[i]);
    else
      appendUTF8(out, foldRune(r.value));
    i += r.width;
  }
  return out;
}

bool module::isLetter(uint32_t rune) {
  if (rune < 0x80)
    return (rune >= 'a' && rune <= 'z') || (rune >= 'A' && rune <= 'Z');
  return inRanges(kLetterRanges, rune);
}

std::string module::quote(StringRef s) {
  static const char hex[] = "0123456789abcdef";
  size_t whole = s.size();
  if (whole > MaxQuotedLength) {
    // Cut at a rune boundary: drop the continuation bytes of a cut rune.
    size_t cut = MaxQuotedLength;
    while (cut > 0 && (static_cast<uint8_t>(s[cut]) & 0xC0) == 0x80)
      --cut;
    s = s.take_front(cut);
  }
  std::string out = "\"";
  out.reserve(s.size() + 2);
  for (size_t i = 0; i < s.size();) {
    Rune r = decodeRune(s.drop_front(i));
    if (r.invalid) {
      uint8_t b = static_cast<uint8_t>(s[i]);
      out += "\\x";
      out.push_back(hex[b >> 4]);
      out.push_back(hex[b & 15]);
    } else {
      appendEscapedRune(out, r.value, '"');
    }
    i += r.width;
  }
  out.push_back('"');
  if (whole > s.size())
    out += "... (" + std::to_string(whole) + " bytes)";
  return out;
}
