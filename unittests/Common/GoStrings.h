//===- GoStrings.h - Reading Go-quoted strings in test vector files -------===//
//
// Part of mochi-go. The reference vectors under unittests/*/Inputs are
// written by Go programs with %q; the tests read them back with unquote().
//
//===----------------------------------------------------------------------===//

#ifndef MOCHIGO_UNITTESTS_COMMON_GOSTRINGS_H
#define MOCHIGO_UNITTESTS_COMMON_GOSTRINGS_H

#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringRef.h"

#include <cstdint>
#include <cstring>
#include <string>

namespace mochigo {
namespace testvectors {

/// Append rune `r` encoded as UTF-8.
inline void appendUTF8(std::string &out, uint32_t r) {
  if (r < 0x80) {
    out.push_back(char(r));
  } else if (r < 0x800) {
    out.push_back(char(0xC0 | (r >> 6)));
    out.push_back(char(0x80 | (r & 0x3F)));
  } else if (r < 0x10000) {
    out.push_back(char(0xE0 | (r >> 12)));
    out.push_back(char(0x80 | ((r >> 6) & 0x3F)));
    out.push_back(char(0x80 | (r & 0x3F)));
  } else {
    out.push_back(char(0xF0 | (r >> 18)));
    out.push_back(char(0x80 | ((r >> 12) & 0x3F)));
    out.push_back(char(0x80 | ((r >> 6) & 0x3F)));
    out.push_back(char(0x80 | (r & 0x3F)));
  }
}

/// Undo strconv.Quote: false when `q` is not a quoted Go string.
inline bool unquote(llvm::StringRef q, std::string &out) {
  out.clear();
  if (q.size() < 2 || q.front() != '"' || q.back() != '"')
    return false;
  q = q.drop_front().drop_back();
  for (size_t i = 0; i < q.size(); ++i) {
    if (q[i] != '\\') {
      out.push_back(q[i]);
      continue;
    }
    if (++i >= q.size())
      return false;
    char c = q[i];
    size_t digits = c == 'x' ? 2 : c == 'u' ? 4 : c == 'U' ? 8 : 0;
    if (digits) {
      unsigned long long v;
      if (i + digits >= q.size() ||
          llvm::getAsUnsignedInteger(q.substr(i + 1, digits), 16, v))
        return false;
      i += digits;
      if (c == 'x')
        out.push_back(char(v));
      else
        appendUTF8(out, uint32_t(v));
      continue;
    }
    static const char from[] = "abfnrtv\\\"", to[] = "\a\b\f\n\r\t\v\\\"";
    const char *at = std::strchr(from, c);
    if (!at || !c)
      return false;
    out.push_back(to[at - from]);
  }
  return true;
}

} // namespace testvectors
} // namespace mochigo

#endif // MOCHIGO_UNITTESTS_COMMON_GOSTRINGS_H
