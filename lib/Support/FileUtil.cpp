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

#include <cerrno>
#include <cstring>
#include <fcntl.h>
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
