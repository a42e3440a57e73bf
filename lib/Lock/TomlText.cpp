//===- TomlText.cpp - checks of TOML text before toml++ reads it ----------===//
//
// Part of mochi-go.
//
//===----------------------------------------------------------------------===//

#include "TomlText.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/ConvertUTF.h"

using namespace mochigo;
using namespace mochigo::lock;
using llvm::StringRef;

std::optional<TomlTextProblem> lock::checkTomlText(StringRef text) {
  unsigned line = 1, column = 1;
  bool comment = false;
  for (size_t i = 0; i < text.size(); ++i) {
    unsigned char c = text[i];
    if (c == '\n') {
      ++line;
      column = 1;
      comment = false;
      continue;
    }
    if (c == '#')
      comment = true;
    if (c >= 0x80 && !comment) {
      // Invalid UTF-8 is toml++'s to report (it does, precisely); it comes
      // first in the text, so toml++ stops there.
      auto *begin = reinterpret_cast<const llvm::UTF8 *>(text.data() + i);
      size_t len = llvm::getNumBytesForUTF8(c);
      if (i + len > text.size() ||
          !llvm::isLegalUTF8Sequence(begin, begin + len))
        return std::nullopt;
      return TomlTextProblem{line, column,
                             "a non-ASCII character outside a comment (a "
                             "lock file writes it as a \\u escape)"};
    }
    if ((c & 0xC0) != 0x80)
      ++column;
  }
  return std::nullopt;
}
