//===- FileUtil.h - Atomic files and directories ----------------*- C++ -*-===//
//
// Part of mochi-go. Writing into caches so that a reader (or a crash) never
// sees a partial file: write a temporary sibling, flush it, rename it.
//
//===----------------------------------------------------------------------===//

#ifndef MOCHIGO_SUPPORT_FILEUTIL_H
#define MOCHIGO_SUPPORT_FILEUTIL_H

#include "llvm/ADT/ArrayRef.h"
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

/// A temporary directory in use: `<parent>/<prefix>XXXXXX`, with the lock
/// file `<parent>/<prefix>XXXXXX.lock` held (flock, exclusive) for as long as
/// the object lives. The kernel releases the lock when the process dies,
/// even by SIGKILL, so a later run can tell a leftover from a directory in
/// use (sweepStaleTemps). The destructor removes the directory (unless it
/// was renamed away) and the lock file.
class LockedTempDir {
public:
  static llvm::Expected<LockedTempDir> create(llvm::StringRef parent,
                                              llvm::StringRef prefix);
  LockedTempDir(LockedTempDir &&other) noexcept;
  LockedTempDir &operator=(LockedTempDir &&other) = delete;
  LockedTempDir(const LockedTempDir &) = delete;
  ~LockedTempDir();
  const std::string &path() const { return dir; }

private:
  LockedTempDir(std::string dir, int fd) : dir(std::move(dir)), fd(fd) {}
  std::string dir;
  int fd = -1;
};

/// An exclusive flock on `path` (created if needed, with its parent
/// directory), held from construction to destruction; blocks until it is
/// free. The kernel releases it when the process dies. A lock that cannot
/// be taken (the file cannot be created) is not held: locking is how
/// processes avoid doing the same work twice, never what makes it correct.
class FileLock {
public:
  explicit FileLock(const std::string &path);
  FileLock(FileLock &&other) noexcept : fd(other.fd) { other.fd = -1; }
  FileLock &operator=(FileLock &&) = delete;
  FileLock(const FileLock &) = delete;
  ~FileLock();
  bool held() const { return fd >= 0; }

private:
  int fd = -1;
};

/// Remove the temporaries in `parent` whose owner is gone: every
/// `NAME.lock` that no process holds, with `NAME`; and entries starting
/// with one of `prefixes` that have no lock file and were last modified
/// more than `legacyAgeSeconds` ago (left by a mochi-go that did not lock
/// its temporaries). Best effort; returns how many entries were removed.
unsigned sweepStaleTemps(llvm::StringRef parent,
                         llvm::ArrayRef<llvm::StringRef> prefixes,
                         int64_t legacyAgeSeconds);

/// Remove `path` and everything under it, making read-only directories
/// writable first (extracted module trees are read-only). Missing is fine.
llvm::Error removeTree(llvm::StringRef path);

/// Read a whole file; an error names the path.
llvm::Expected<std::string> readFile(llvm::StringRef path);

} // namespace mochigo

#endif // MOCHIGO_SUPPORT_FILEUTIL_H
