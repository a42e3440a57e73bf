//===- Semver.cpp - Go's semantic versions --------------------------------===//
//
// Part of mochi-go. The grammar is semver 2.0.0 with a leading "v" and the
// "vMAJOR" / "vMAJOR.MINOR" shorthands of the go command; numbers have no
// leading zeros, pre-release identifiers are dot separated, non-empty, and
// numeric ones have no leading zeros either.
//
//===----------------------------------------------------------------------===//

#include "mochi-go/Module/Semver.h"
#include "mochi-go/Module/Module.h"

#include "llvm/ADT/STLExtras.h"

#include <algorithm>
#include <optional>

using namespace mochigo;
using llvm::StringRef;

namespace {

bool isDigit(char c) { return c >= '0' && c <= '9'; }
bool isAlnum(char c) {
  return isDigit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
/// Characters of a pre-release or build identifier.
bool isIdentChar(char c) { return isAlnum(c) || c == '-'; }
bool allDigits(StringRef s) { return llvm::all_of(s, isDigit); }

/// The pieces of a valid version. `completion` is what canonical() appends
/// to a shorthand (".0.0" or ".0").
struct Parsed {
  StringRef major, minor, patch;
  StringRef completion;
  StringRef prerelease; // with its leading '-'
  StringRef build;      // with its leading '+'
};

/// Take a decimal number without a leading zero off the front of `s`.
bool takeNumber(StringRef &s, StringRef &num) {
  size_t n = 0;
  while (n < s.size() && isDigit(s[n]))
    ++n;
  if (n == 0 || (n > 1 && s[0] == '0'))
    return false;
  num = s.take_front(n);
  s = s.drop_front(n);
  return true;
}

/// Whether `body` (without the leading '-' or '+') is a non-empty list of
/// non-empty dot-separated identifiers; for a pre-release, numeric
/// identifiers must not have leading zeros.
bool validIdents(StringRef body, bool isPrerelease) {
  if (body.empty())
    return false;
  while (true) {
    auto [ident, rest] = body.split('.');
    if (ident.empty() || !llvm::all_of(ident, isIdentChar))
      return false;
    if (isPrerelease && ident.size() > 1 && ident[0] == '0' && allDigits(ident))
      return false;
    if (ident.size() == body.size())
      return true;
    body = rest;
  }
}

std::optional<Parsed> parse(StringRef v) {
  if (v.empty() || v[0] != 'v')
    return std::nullopt;
  Parsed p;
  StringRef s = v.drop_front();
  if (!takeNumber(s, p.major))
    return std::nullopt;
  if (s.empty()) {
    p.minor = p.patch = "0";
    p.completion = ".0.0";
    return p;
  }
  if (!s.consume_front(".") || !takeNumber(s, p.minor))
    return std::nullopt;
  if (s.empty()) {
    p.patch = "0";
    p.completion = ".0";
    return p;
  }
  if (!s.consume_front(".") || !takeNumber(s, p.patch))
    return std::nullopt;
  if (!s.empty() && s[0] == '-') {
    size_t end = std::min(s.find('+'), s.size());
    p.prerelease = s.take_front(end);
    if (!validIdents(p.prerelease.drop_front(), /*isPrerelease=*/true))
      return std::nullopt;
    s = s.drop_front(end);
  }
  if (!s.empty() && s[0] == '+') {
    p.build = s;
    if (!validIdents(p.build.drop_front(), /*isPrerelease=*/false))
      return std::nullopt;
    s = StringRef();
  }
  if (!s.empty())
    return std::nullopt;
  return p;
}

/// Compare decimal numbers without leading zeros.
int compareNumbers(StringRef x, StringRef y) {
  if (x.size() != y.size())
    return x.size() < y.size() ? -1 : 1;
  int c = x.compare(y);
  return c < 0 ? -1 : (c > 0 ? 1 : 0);
}

/// Semver precedence of two pre-release suffixes ("" sorts last).
int comparePrerelease(StringRef x, StringRef y) {
  if (x == y)
    return 0;
  if (x.empty())
    return 1;
  if (y.empty())
    return -1;
  x = x.drop_front();
  y = y.drop_front();
  while (true) {
    auto [dx, restX] = x.split('.');
    auto [dy, restY] = y.split('.');
    if (dx != dy) {
      bool nx = allDigits(dx), ny = allDigits(dy);
      if (nx != ny)
        return nx ? -1 : 1; // numeric identifiers sort first
      if (nx)
        return compareNumbers(dx, dy);
      return dx.compare(dy) < 0 ? -1 : 1;
    }
    bool moreX = dx.size() < x.size(), moreY = dy.size() < y.size();
    if (!moreX || !moreY) {
      if (moreX == moreY)
        return 0;
      return moreX ? 1 : -1; // a longer list of identifiers sorts later
    }
    x = restX;
    y = restY;
  }
}

llvm::Error pseudoError(StringRef v, const llvm::Twine &msg) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                 "pseudo-version " + module::quote(v) +
                                     " invalid: " + msg);
}

/// Whether `s` is "DDDDDDDDDDDDDD-REV" with an optional "+build" suffix, as
/// in the tail of every pseudo-version: 14 digits, a dash, a non-empty
/// alphanumeric revision, and build identifiers of [0-9A-Za-z-].
bool isTimeRevTail(StringRef s) {
  auto [core, build] = s.split('+');
  if (core.size() < 16 || !allDigits(core.take_front(14)) || core[14] != '-')
    return false;
  StringRef rev = core.drop_front(15);
  if (!llvm::all_of(rev, isAlnum))
    return false;
  if (core.size() == s.size())
    return true;
  return validIdents(build, /*isPrerelease=*/false);
}

/// The syntax of pseudo-versions:
///   vN.0.0-TIME-REV[+build]
///   vN.M.P-[PRE.]0.TIME-REV[+build]
bool matchesPseudoSyntax(StringRef v) {
  if (!v.consume_front("v"))
    return false;
  size_t n = 0;
  while (n < v.size() && isDigit(v[n]))
    ++n;
  if (n == 0)
    return false;
  v = v.drop_front(n);
  if (!v.consume_front("."))
    return false;
  // First form: "0.0-" then the tail.
  if (v.starts_with("0.0-") && isTimeRevTail(v.drop_front(4)))
    return true;
  // Second form: "M.P-" then an optional "PRE." (no '+'), "0.", the tail.
  StringRef s = v;
  for (int part = 0; part < 2; ++part) {
    size_t m = 0;
    while (m < s.size() && isDigit(s[m]))
      ++m;
    if (m == 0)
      return false;
    s = s.drop_front(m);
    if (!s.consume_front(part == 0 ? "." : "-"))
      return false;
  }
  if (s.starts_with("0.") && isTimeRevTail(s.drop_front(2)))
    return true;
  for (size_t k = 0; k + 3 <= s.size() && s[k] != '+'; ++k)
    if (s.substr(k, 3) == ".0." && isTimeRevTail(s.drop_front(k + 3)))
      return true;
  return false;
}

struct PseudoParts {
  StringRef base, timestamp, rev, build;
};

llvm::Expected<PseudoParts> parsePseudo(StringRef v) {
  if (!semver::isPseudoVersion(v))
    return pseudoError(v, "syntax error");
  PseudoParts p;
  p.build = parse(v)->build;
  StringRef s = v.drop_back(p.build.size());
  size_t lastDash = s.rfind('-');
  p.rev = s.drop_front(lastDash + 1);
  s = s.take_front(lastDash);
  size_t dash = s.rfind('-'), dot = s.rfind('.');
  size_t cut = (dot != StringRef::npos && dot > dash) ? dot : dash;
  p.base = s.take_front(cut);
  p.timestamp = s.drop_front(cut + 1);
  return p;
}

bool isLeapYear(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

/// Whether a 14-digit YYYYMMDDhhmmss names a real instant (as time.Parse
/// checks it: month 1-12, a day of that month, hour < 24, minute and second
/// < 60).
bool validTimestamp(StringRef t) {
  auto num = [&](size_t at, size_t len) {
    int x = 0;
    for (size_t i = at; i < at + len; ++i)
      x = x * 10 + (t[i] - '0');
    return x;
  };
  int year = num(0, 4), month = num(4, 2), day = num(6, 2);
  int hour = num(8, 2), minute = num(10, 2), second = num(12, 2);
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month < 1 || month > 12)
    return false;
  int days = kDays[month - 1] + (month == 2 && isLeapYear(year) ? 1 : 0);
  return day >= 1 && day <= days && hour < 24 && minute < 60 && second < 60;
}

/// Decrement a decimal number; "" for "0".
std::string decrementDecimal(StringRef d) {
  std::string digits = d.str();
  size_t i = digits.size();
  while (i > 0 && digits[i - 1] == '0')
    digits[--i] = '9';
  if (i == 0)
    return "";
  --digits[i - 1];
  if (i == 1 && digits[0] == '0' && digits.size() > 1)
    digits.erase(0, 1);
  return digits;
}

} // namespace

bool semver::isValid(StringRef v) { return parse(v).has_value(); }

std::string semver::canonical(StringRef v) {
  std::optional<Parsed> p = parse(v);
  if (!p)
    return "";
  if (!p->build.empty())
    return v.drop_back(p->build.size()).str();
  return (v + p->completion).str();
}

std::string semver::major(StringRef v) {
  std::optional<Parsed> p = parse(v);
  if (!p)
    return "";
  return ("v" + p->major).str();
}

std::string semver::majorMinor(StringRef v) {
  std::optional<Parsed> p = parse(v);
  if (!p)
    return "";
  return ("v" + p->major + "." + p->minor).str();
}

std::string semver::prerelease(StringRef v) {
  std::optional<Parsed> p = parse(v);
  return p ? p->prerelease.str() : "";
}

std::string semver::build(StringRef v) {
  std::optional<Parsed> p = parse(v);
  return p ? p->build.str() : "";
}

int semver::compare(StringRef v, StringRef w) {
  std::optional<Parsed> pv = parse(v), pw = parse(w);
  if (!pv || !pw)
    return pv ? 1 : (pw ? -1 : 0);
  if (int c = compareNumbers(pv->major, pw->major))
    return c;
  if (int c = compareNumbers(pv->minor, pw->minor))
    return c;
  if (int c = compareNumbers(pv->patch, pw->patch))
    return c;
  return comparePrerelease(pv->prerelease, pw->prerelease);
}

StringRef semver::max(StringRef v, StringRef w) {
  return compare(v, w) >= 0 ? v : w;
}

void semver::sort(std::vector<std::string> &versions) {
  std::sort(versions.begin(), versions.end(),
            [](const std::string &a, const std::string &b) {
              int c = compare(a, b);
              return c != 0 ? c < 0 : a < b;
            });
}

bool semver::isPseudoVersion(StringRef v) {
  return v.count('-') >= 2 && isValid(v) && matchesPseudoSyntax(v);
}

llvm::Expected<std::string> semver::pseudoVersionTime(StringRef v) {
  llvm::Expected<PseudoParts> p = parsePseudo(v);
  if (!p)
    return p.takeError();
  if (!validTimestamp(p->timestamp))
    return pseudoError(v, "malformed time " + module::quote(p->timestamp));
  return p->timestamp.str();
}

llvm::Expected<std::string> semver::pseudoVersionRev(StringRef v) {
  llvm::Expected<PseudoParts> p = parsePseudo(v);
  if (!p)
    return p.takeError();
  return p->rev.str();
}

llvm::Expected<std::string> semver::pseudoVersionBase(StringRef v) {
  llvm::Expected<PseudoParts> p = parsePseudo(v);
  if (!p)
    return p.takeError();
  StringRef base = p->base;
  std::string pre = prerelease(base);
  if (pre.empty()) {
    // vX.0.0-TIME-REV: no base version.
    if (!p->build.empty())
      return pseudoError(v, "lacks base version, but has build metadata " +
                                module::quote(p->build));
    return "";
  }
  if (pre == "-0") {
    // vX.Y.(Z+1)-0.TIME-REV: the base is vX.Y.Z.
    base = base.drop_back(pre.size());
    size_t dot = base.rfind('.');
    std::string patch = decrementDecimal(base.drop_front(dot + 1));
    if (patch.empty())
      return pseudoError(v, "version before " + base +
                                " would have negative patch number");
    return (base.take_front(dot + 1) + patch + p->build).str();
  }
  // vX.Y.Z-PRE.0.TIME-REV: the base is vX.Y.Z-PRE.
  return (base.drop_back(2) + p->build).str();
}
