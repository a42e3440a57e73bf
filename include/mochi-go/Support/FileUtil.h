//===- FileUtil.h - Atomic files and directories ----------------*- C++ -*-===//
//
// Part of mochi-go. Writing into caches so that a reader (or a crash) never
// sees a partial file: write a temporary sibling, flush it, rename it.
//
//===----------------------------------------------------------------------===//

#ifndef MOCHIGO_SUPPORT_FILEUTIL_H
#define MOCHIGO_SUPPORT_FILEUTIL_H

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <string>

namespace mochigo {

/// Write `data` to `path` atomically: a temporary file in the same
/// directory, fsync, then rename over `path`. The directory must exist.
/// `mode` is applied to the new file. On error nothing is left behind.
llvm::Error writeFileAtomic(llvm::StringRef path, llvm::StringRef data,
                            unsigned mode = 0644);

/// Create a new, empty, uniquely named directory inside `parent`, whose name
/// starts with `prefix`. Returns its path.
llvm::Expected<std::string> makeTempDir(llvm::StringRef parent,
                                        llvm::StringRef prefix);

/// Remove `path` and everything under it, making read-only directories
/// writable first (extracted module trees are read-only). Missing is fine.
llvm::Error removeTree(llvm::StringRef path);

/// Read a whole file; an error names the path.
llvm::Expected<std::string> readFile(llvm::StringRef path);

} // namespace mochigo

#endif // MOCHIGO_SUPPORT_FILEUTIL_H
