//===- TomlText.h - checks of TOML text before toml++ reads it --*- C++ -*-===//
//
// Part of mochi-go. Private to lib/Lock.
//
//===----------------------------------------------------------------------===//

#ifndef MOCHIGO_LIB_LOCK_TOMLTEXT_H
#define MOCHIGO_LIB_LOCK_TOMLTEXT_H

#include "llvm/ADT/StringRef.h"

#include <optional>
#include <string>

namespace mochigo {
namespace lock {

/// A problem found in TOML text, at a 1-based line and column (in code
/// points, as toml++ counts them).
struct TomlTextProblem {
  unsigned line = 0, column = 0;
  std::string message;
};

/// mochi.lock is ASCII outside comments: printLock writes every non-ASCII
/// character of a string as a `\u`/`\U` escape, and the reader holds a lock
/// to that before toml++ sees the text (a second line of defence: Toml.h
/// says why toml++ 3.3 is fragile with non-ASCII text). Comments are
/// skipped; invalid UTF-8 is left to toml++, which reports it precisely.
std::optional<TomlTextProblem> checkTomlText(llvm::StringRef text);

} // namespace lock
} // namespace mochigo

#endif // MOCHIGO_LIB_LOCK_TOMLTEXT_H
