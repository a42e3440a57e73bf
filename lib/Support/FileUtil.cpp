//===- FileUtil.cpp - Atomic files and directories ------------------------===//
//
// Part of mochi-go.
//
//===----------------------------------------------------------------------===//

#include "mochi-go/Support/FileUtil.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <ctime>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace mochigo;
namespace fs = llvm::sys::fs;

static llvm::Error errnoError(llvm::StringRef what, llvm::StringRef path) {
  return llvm::createStringError(
      std::error_code(errno, std::generic_category()), "%s %s: %s",
      what.str().c_str(), path.str().c_str(), std::strerror(errno));
}

llvm::Error mochigo::writeFileAtomic(llvm::StringRef path, llvm::StringRef data,
                                     unsigned mode) {
  std::string tmpl = path.str() + ".tmp-XXXXXX";
  int fd = ::mkstemp(&tmpl[0]);
  if (fd < 0)
    return errnoError("creating a temporary file for", path);
  const char *p = data.data();
  size_t left = data.size();
  while (left > 0) {
    ssize_t n = ::write(fd, p, left);
    if (n < 0 && errno == EINTR)
      continue;
    if (n <= 0) {
      llvm::Error err = errnoError("writing", tmpl);
      ::close(fd);
      ::unlink(tmpl.c_str());
      return err;
    }
    p += n;
    left -= static_cast<size_t>(n);
  }
  if (::fchmod(fd, mode) != 0 || ::fsync(fd) != 0) {
    llvm::Error err = errnoError("finishing", tmpl);
    ::close(fd);
    ::unlink(tmpl.c_str());
    return err;
  }
  if (::close(fd) != 0) {
    llvm::Error err = errnoError("closing", tmpl);
    ::unlink(tmpl.c_str());
    return err;
  }
  if (::rename(tmpl.c_str(), path.str().c_str()) != 0) {
    llvm::Error err = errnoError("renaming into place", path);
    ::unlink(tmpl.c_str());
    return err;
  }
  return llvm::Error::success();
}

llvm::Expected<std::string> mochigo::makeTempDir(llvm::StringRef parent,
                                                 llvm::StringRef prefix) {
  llvm::SmallString<256> base(parent);
  llvm::sys::path::append(base, prefix);
  std::string tmpl = std::string(base.str()) + "XXXXXX";
  if (!::mkdtemp(&tmpl[0]))
    return errnoError("creating a temporary directory in", parent);
  return tmpl;
}

static void makeWritable(llvm::StringRef dir) {
  ::chmod(dir.str().c_str(), 0755);
  std::error_code ec;
  for (fs::directory_iterator it(dir, ec), end; it != end && !ec;
       it.increment(ec)) {
    llvm::ErrorOr<fs::basic_file_status> st = it->status();
    if (st && st->type() == fs::file_type::directory_file)
      makeWritable(it->path());
  }
}

llvm::Error mochigo::removeTree(llvm::StringRef path) {
  if (!fs::exists(path))
    return llvm::Error::success();
  if (!fs::is_directory(path)) {
    if (std::error_code ec = fs::remove(path))
      return llvm::createStringError(ec, "removing %s: %s", path.str().c_str(),
                                     ec.message().c_str());
    return llvm::Error::success();
  }
  makeWritable(path);
  if (std::error_code ec = fs::remove_directories(path, /*IgnoreErrors=*/false))
    return llvm::createStringError(ec, "removing %s: %s", path.str().c_str(),
                                   ec.message().c_str());
  return llvm::Error::success();
}

llvm::Expected<std::string> mochigo::readFile(llvm::StringRef path) {
  llvm::ErrorOr<std::unique_ptr<llvm::MemoryBuffer>> buf =
      llvm::MemoryBuffer::getFile(path, /*IsText=*/false,
                                  /*RequiresNullTerminator=*/false);
  if (!buf)
    return llvm::createStringError(buf.getError(), "reading %s: %s",
                                   path.str().c_str(),
                                   buf.getError().message().c_str());
  return (*buf)->getBuffer().str();
}

llvm::Expected<LockedTempDir> LockedTempDir::create(llvm::StringRef parent,
                                                    llvm::StringRef prefix) {
  llvm::SmallString<256> base(parent);
  llvm::sys::path::append(base, prefix);
  for (int attempt = 0; attempt < 100; ++attempt) {
    // The lock file first, locked, then the directory: a directory whose
    // lock file is missing is never one in use.
    std::string lock = std::string(base.str()) + "XXXXXX.lock";
    int fd = ::mkostemps(&lock[0], 5, O_CLOEXEC);
    if (fd < 0)
      return errnoError("creating a temporary directory in", parent);
    while (::flock(fd, LOCK_EX) != 0 && errno == EINTR) {
    }
    // A sweeper may have taken the file for a leftover between mkstemps
    // and flock and removed it: then start again with another name.
    struct stat byFd, byName;
    if (::fstat(fd, &byFd) != 0 || ::stat(lock.c_str(), &byName) != 0 ||
        byFd.st_ino != byName.st_ino || byFd.st_dev != byName.st_dev) {
      ::close(fd);
      continue;
    }
    std::string dir = lock.substr(0, lock.size() - 5);
    if (::mkdir(dir.c_str(), 0700) != 0) {
      int e = errno;
      llvm::Error err = errnoError("creating", dir);
      ::unlink(lock.c_str());
      ::close(fd);
      if (e == EEXIST) {
        llvm::consumeError(std::move(err));
        continue;
      }
      return std::move(err);
    }
    return LockedTempDir(std::move(dir), fd);
  }
  return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                 "cannot create a temporary directory in " +
                                     parent);
}

LockedTempDir::LockedTempDir(LockedTempDir &&other) noexcept
    : dir(std::move(other.dir)), fd(other.fd) {
  other.fd = -1;
  other.dir.clear();
}

LockedTempDir::~LockedTempDir() {
  if (fd < 0)
    return;
  if (fs::exists(dir))
    llvm::consumeError(removeTree(dir));
  ::unlink((dir + ".lock").c_str());
  ::close(fd);
}

unsigned mochigo::sweepStaleTemps(llvm::StringRef parent,
                                  llvm::ArrayRef<llvm::StringRef> prefixes,
                                  int64_t legacyAgeSeconds) {
  std::vector<std::string> names;
  std::error_code ec;
  for (fs::directory_iterator it(parent, ec), end; it != end && !ec;
       it.increment(ec))
    names.push_back(llvm::sys::path::filename(it->path()).str());
  std::sort(names.begin(), names.end());
  auto has = [&](const std::string &n) {
    return std::binary_search(names.begin(), names.end(), n);
  };
  unsigned removed = 0;
  for (const std::string &name : names) {
    std::string full = (parent + "/" + name).str();
    llvm::StringRef n(name);
    if (n.ends_with(".lock")) {
      int fd = ::open(full.c_str(), O_RDWR | O_CLOEXEC);
      if (fd < 0)
        continue;
      if (::flock(fd, LOCK_EX | LOCK_NB) == 0) {
        // Nobody holds it: its owner is gone.
        std::string dir = full.substr(0, full.size() - 5);
        if (!llvm::errorToBool(removeTree(dir))) {
          ::unlink(full.c_str());
          ++removed;
        }
      }
      ::close(fd);
      continue;
    }
    if (has(name + ".lock"))
      continue;
    bool ours = false;
    for (llvm::StringRef p : prefixes)
      ours |= n.starts_with(p);
    if (!ours)
      continue;
    struct stat st;
    if (::lstat(full.c_str(), &st) != 0 ||
        std::time(nullptr) - st.st_mtime < legacyAgeSeconds)
      continue;
    if (!llvm::errorToBool(removeTree(full)))
      ++removed;
  }
  return removed;
}

FileLock::FileLock(const std::string &path) {
  fs::create_directories(llvm::sys::path::parent_path(path));
  fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd < 0)
    return;
  while (::flock(fd, LOCK_EX) != 0) {
    if (errno != EINTR) {
      ::close(fd);
      fd = -1;
      return;
    }
  }
}

FileLock::~FileLock() {
  if (fd >= 0)
    ::close(fd);
}
