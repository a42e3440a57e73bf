//===- ModZip.cpp - h1 hashes, module zip rules, safe extraction ----------===//
//
// Part of mochi-go. dirhash's Hash1 over zips, go.mod files and directory
// trees; the CheckZip rules of golang.org/x/mod/zip; and an extraction that
// checks everything first, writes into a fresh sibling directory, and
// renames it into place only when every byte has been verified.
//
//===----------------------------------------------------------------------===//

#include "mochi-go/ModZip/ModZip.h"
#include "mochi-go/Module/Module.h"
#include "mochi-go/Support/Base64.h"
#include "mochi-go/Support/FileUtil.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Support/Path.h"

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstring>
#include <dirent.h>
#include <fcntl.h>
#include <memory>
#include <sys/stat.h>
#include <thread>
#include <unistd.h>
#include <unordered_map>

using namespace mochigo;
using namespace mochigo::modzip;
using llvm::StringRef;

namespace {

llvm::Error makeError(const llvm::Twine &msg) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(), msg);
}

/// "<what> <path>: <strerror(err)>".
llvm::Error sysError(int err, const char *what, const std::string &path) {
  return llvm::createStringError(std::error_code(err, std::generic_category()),
                                 llvm::Twine(what) + " " + path + ": " +
                                     std::strerror(err));
}

/// The same for the errno of the call that just failed. (errno is read
/// before anything else happens: the arguments need no allocation.)
llvm::Error sysError(const char *what, const std::string &path) {
  return sysError(errno, what, path);
}

/// Go's path.Clean: the shortest lexically equivalent slash path.
std::string cleanPath(StringRef p) {
  if (p.empty())
    return ".";
  bool rooted = p.front() == '/';
  llvm::SmallVector<StringRef, 16> parts, kept;
  p.split(parts, '/');
  for (StringRef part : parts) {
    if (part.empty() || part == ".")
      continue;
    if (part == "..") {
      if (!kept.empty() && kept.back() != "..")
        kept.pop_back();
      else if (!rooted)
        kept.push_back(part);
      continue;
    }
    kept.push_back(part);
  }
  std::string out = rooted ? "/" : "";
  for (size_t i = 0; i < kept.size(); ++i) {
    if (i)
      out += '/';
    out += kept[i];
  }
  if (out.empty())
    return ".";
  return out;
}

/// The directory part of a clean relative slash path ("." for none).
StringRef parentOf(StringRef p) {
  size_t slash = p.rfind('/');
  return slash == StringRef::npos ? StringRef(".") : p.take_front(slash);
}

/// Case-insensitive collisions, and names used both as a file and as a
/// directory. Every parent directory of a path is recorded as a directory.
class CollisionChecker {
public:
  /// An error message, or "" if `p` fits with everything seen so far.
  std::string check(StringRef p, bool isDir) {
    while (true) {
      std::string folded = module::foldString(p);
      auto it = seen.find(folded);
      if (it != seen.end()) {
        const Seen &other = it->second;
        if (other.path != p)
          return "case-insensitive file name collision: " +
                 module::quote(other.path) + " and " + module::quote(p);
        if (other.isDir != isDir)
          return "entry " + module::quote(p) +
                 " is both a file and a directory";
        if (!isDir)
          return "multiple entries for file " + module::quote(p);
      } else {
        seen.emplace(std::move(folded), Seen{p.str(), isDir});
      }
      StringRef parent = parentOf(p);
      if (parent == ".")
        return "";
      p = parent;
      isDir = true;
    }
  }

private:
  struct Seen {
    std::string path;
    bool isDir;
  };
  std::unordered_map<std::string, Seen> seen;
};

std::string sizeLimitText(uint64_t max) {
  return "(max size is " + std::to_string(max) + " bytes)";
}

/// Write all of `data` to `fd`.
llvm::Error writeAll(int fd, llvm::ArrayRef<uint8_t> data,
                     const std::string &path) {
  const uint8_t *p = data.data();
  size_t left = data.size();
  while (left > 0) {
    ssize_t n = ::write(fd, p, left);
    if (n < 0 && errno == EINTR)
      continue;
    if (n <= 0)
      return sysError(n < 0 ? errno : EIO, "writing", path);
    p += n;
    left -= static_cast<size_t>(n);
  }
  return llvm::Error::success();
}

/// Collect the files under `dir` (relative slash paths in `rel`): regular
/// files, and symbolic links, which are hashed through (as dirhash does).
llvm::Error listFiles(const std::string &dir, const std::string &rel,
                      std::vector<std::string> &out) {
  DIR *d = ::opendir(dir.c_str());
  if (!d)
    return sysError("reading directory", dir);
  std::vector<std::pair<std::string, unsigned char>> children;
  errno = 0;
  while (struct dirent *ent = ::readdir(d)) {
    StringRef name(ent->d_name);
    if (name == "." || name == "..")
      continue;
    children.emplace_back(name.str(), ent->d_type);
  }
  int readErr = errno;
  ::closedir(d);
  if (readErr)
    return sysError(readErr, "reading directory", dir);
  for (auto &[name, type] : children) {
    std::string full = dir + "/" + name;
    std::string relName = rel.empty() ? name : rel + "/" + name;
    if (type == DT_UNKNOWN) {
      struct stat st;
      if (::lstat(full.c_str(), &st) != 0)
        return sysError("examining", full);
      type = S_ISDIR(st.st_mode)   ? DT_DIR
             : S_ISREG(st.st_mode) ? DT_REG
             : S_ISLNK(st.st_mode) ? DT_LNK
                                   : DT_UNKNOWN;
    }
    if (type == DT_DIR) {
      if (llvm::Error err = listFiles(full, relName, out))
        return err;
    } else if (type == DT_REG || type == DT_LNK) {
      out.push_back(std::move(relName));
    } else {
      return makeError("hashing " + full + ": not a regular file");
    }
  }
  return llvm::Error::success();
}

/// The read buffer of hashDir (one per thread).
constexpr size_t kReadBuffer = 256 << 10;

/// Below this much data, hashing stays on the calling thread.
constexpr uint64_t kParallelBytes = 4 << 20;

/// Run work(i) for every i in `order` on up to a few threads, each taking
/// the next index (so put the biggest items first). work returns false to
/// stop everybody (after an error).
void parallelFor(const std::vector<size_t> &order, uint64_t totalBytes,
                 llvm::function_ref<bool(size_t)> work) {
  unsigned threads = 1;
  if (totalBytes >= kParallelBytes && order.size() > 1)
    threads =
        std::min<unsigned>({std::max(1u, std::thread::hardware_concurrency()),
                            8u, static_cast<unsigned>(order.size())});
  std::atomic<size_t> next{0};
  std::atomic<bool> stop{false};
  auto worker = [&] {
    for (size_t i; !stop.load(std::memory_order_relaxed) &&
                   (i = next.fetch_add(1)) < order.size();)
      if (!work(order[i]))
        stop = true;
  };
  std::vector<std::thread> pool;
  for (unsigned t = 1; t < threads; ++t)
    pool.emplace_back(worker);
  worker();
  for (std::thread &t : pool)
    t.join();
}

/// Indices 0..n-1 by decreasing weight.
std::vector<size_t> heaviestFirst(const std::vector<uint64_t> &weights) {
  std::vector<size_t> order(weights.size());
  for (size_t i = 0; i < order.size(); ++i)
    order[i] = i;
  std::stable_sort(order.begin(), order.end(),
                   [&](size_t a, size_t b) { return weights[a] > weights[b]; });
  return order;
}

bool pathExists(const std::string &p) {
  struct stat st;
  return ::lstat(p.c_str(), &st) == 0;
}

} // namespace

//===----------------------------------------------------------------------===//
// h1 hashes
//===----------------------------------------------------------------------===//

llvm::Expected<std::string>
modzip::hash1(std::vector<std::pair<std::string, Sha256Digest>> files) {
  std::sort(files.begin(), files.end(),
            [](const auto &a, const auto &b) { return a.first < b.first; });
  static const char hexDigits[] = "0123456789abcdef";
  Sha256 summary;
  std::string line;
  for (const auto &[name, digest] : files) {
    if (name.find('\n') != std::string::npos)
      return makeError("dirhash: file name " + module::quote(name) +
                       " contains a newline (not supported)");
    line.clear();
    for (uint8_t b : digest) {
      line.push_back(hexDigits[b >> 4]);
      line.push_back(hexDigits[b & 15]);
    }
    line += "  ";
    line += name;
    line += '\n';
    summary.update(StringRef(line));
  }
  Sha256Digest sum = summary.final();
  return "h1:" + base64Encode(sum);
}

llvm::Expected<std::string> modzip::hashZip(const ZipArchive &zip) {
  llvm::ArrayRef<ZipEntry> entries = zip.entries();
  // A name listed twice is hashed twice, with the content of its last entry
  // (as dirhash.HashZip looks entries up by name).
  llvm::StringMap<size_t> last;
  for (size_t i = 0; i < entries.size(); ++i)
    last[entries[i].name] = i;
  std::vector<uint64_t> work(entries.size(), 0);
  uint64_t total = 0;
  for (size_t i = 0; i < entries.size(); ++i) {
    if (last[entries[i].name] != i)
      continue;
    // Inflating costs more than hashing what comes out.
    work[i] = entries[i].uncompressedSize + 3 * entries[i].compressedSize + 1;
    total += work[i];
  }
  std::vector<size_t> order = heaviestFirst(work);
  while (!order.empty() && work[order.back()] == 0)
    order.pop_back();

  std::vector<Sha256Digest> digests(entries.size());
  std::vector<std::string> errors(entries.size());
  parallelFor(order, total, [&](size_t i) {
    Sha256 sha;
    llvm::Error err = zip.read(entries[i], [&](llvm::ArrayRef<uint8_t> b) {
      sha.update(b);
      return llvm::Error::success();
    });
    if (err) {
      errors[i] = llvm::toString(std::move(err));
      return false;
    }
    digests[i] = sha.final();
    return true;
  });
  for (const std::string &e : errors)
    if (!e.empty())
      return makeError(e);

  std::vector<std::pair<std::string, Sha256Digest>> files;
  files.reserve(entries.size());
  for (const ZipEntry &e : entries)
    files.emplace_back(e.name, digests[last[e.name]]);
  return hash1(std::move(files));
}

std::string modzip::hashGoMod(StringRef gomod) {
  std::vector<std::pair<std::string, Sha256Digest>> files;
  files.emplace_back("go.mod", Sha256::hash(gomod));
  return llvm::cantFail(hash1(std::move(files)));
}

llvm::Expected<std::string> modzip::hashDir(StringRef dir, StringRef prefix) {
  std::string root = dir.str();
  while (root.size() > 1 && root.back() == '/')
    root.pop_back();
  struct stat st;
  if (::stat(root.c_str(), &st) != 0)
    return sysError("hashing", root);
  if (!S_ISDIR(st.st_mode))
    return makeError("hashing " + root + ": not a directory");
  std::vector<std::string> rels;
  if (llvm::Error err = listFiles(root, "", rels))
    return std::move(err);
  // Sizes, to spread the reading over threads.
  std::vector<uint64_t> sizes(rels.size(), 1);
  uint64_t total = 0;
  for (size_t i = 0; i < rels.size(); ++i) {
    struct stat fst;
    if (::stat((root + "/" + rels[i]).c_str(), &fst) == 0)
      sizes[i] += static_cast<uint64_t>(fst.st_size);
    total += sizes[i];
  }
  std::vector<Sha256Digest> digests(rels.size());
  std::vector<std::string> errors(rels.size());
  parallelFor(heaviestFirst(sizes), total, [&](size_t i) {
    thread_local std::unique_ptr<uint8_t[]> buffer(new uint8_t[kReadBuffer]);
    Sha256 sha;
    if (llvm::Error err = sha256OfFile(
            root + "/" + rels[i],
            llvm::MutableArrayRef<uint8_t>(buffer.get(), kReadBuffer), sha,
            digests[i])) {
      errors[i] = llvm::toString(std::move(err));
      return false;
    }
    return true;
  });
  for (const std::string &e : errors)
    if (!e.empty())
      return makeError(e);
  std::vector<std::pair<std::string, Sha256Digest>> files;
  files.reserve(rels.size());
  for (size_t i = 0; i < rels.size(); ++i) {
    std::string name =
        prefix.empty() ? rels[i] : cleanPath(prefix.str() + "/" + rels[i]);
    files.emplace_back(std::move(name), digests[i]);
  }
  return hash1(std::move(files));
}

//===----------------------------------------------------------------------===//
// The module zip rules
//===----------------------------------------------------------------------===//

llvm::Error CheckResult::takeError() const {
  if (sizeError.empty() && invalid.empty())
    return llvm::Error::success();
  std::string msg;
  if (!sizeError.empty())
    msg = sizeError;
  for (const FileProblem &p : invalid) {
    if (!msg.empty())
      msg += '\n';
    msg += p.name + ": " + p.reason;
  }
  return makeError(msg);
}

llvm::Expected<CheckResult> modzip::checkZip(const module::Version &mod,
                                             const ZipArchive &zip) {
  std::string canonical = module::canonicalVersion(mod.version);
  if (canonical != mod.version)
    return makeError("version " + module::quote(mod.version) +
                     " is not canonical (should be " +
                     module::quote(canonical) + ")");
  if (llvm::Error err = module::check(mod.path, mod.version))
    return std::move(err);

  CheckResult result;
  if (zip.size() > kMaxZipFile) {
    result.sizeError = "module zip file is too large (" +
                       std::to_string(zip.size()) + " bytes; limit is " +
                       std::to_string(kMaxZipFile) + " bytes)";
    return result;
  }

  const std::string prefix = mod.path + "@" + mod.version + "/";
  CollisionChecker collisions;
  uint64_t total = 0;
  for (const ZipEntry &e : zip.entries()) {
    auto refuse = [&](std::string reason) {
      result.invalid.push_back(FileProblem{e.name, std::move(reason)});
    };
    StringRef name = e.name;
    if (!name.consume_front(prefix)) {
      refuse("path does not have prefix " + module::quote(prefix));
      continue;
    }
    if (name.empty())
      continue; // the root directory entry
    bool isDir = name.consume_back("/");
    if (cleanPath(name) != name) {
      refuse("file path is not clean");
      continue;
    }
    if (llvm::Error err = module::checkFilePath(name)) {
      refuse(llvm::toString(std::move(err)));
      continue;
    }
    std::string collision = collisions.check(name, isDir);
    if (!collision.empty()) {
      refuse(std::move(collision));
      continue;
    }
    if (isDir)
      continue; // directories are tolerated and otherwise ignored
    StringRef base = name.substr(name.rfind('/') + 1); // npos + 1 == 0
    if (module::foldString(base) == "go.mod") {
      if (base != name) {
        refuse("go.mod file not in module root directory");
        continue;
      }
      if (name != "go.mod") {
        refuse("go.mod files must have lowercase names");
        continue;
      }
    }
    uint64_t size = e.uncompressedSize;
    if (size <= kMaxZipFile - total)
      total += size;
    else if (result.sizeError.empty())
      result.sizeError =
          "total uncompressed size of module contents too large " +
          sizeLimitText(kMaxZipFile);
    if (name == "go.mod" && size > kMaxGoMod) {
      refuse("go.mod file too large " + sizeLimitText(kMaxGoMod));
      continue;
    }
    if (name == "LICENSE" && size > kMaxLicense) {
      refuse("LICENSE file too large " + sizeLimitText(kMaxLicense));
      continue;
    }
    result.valid.push_back(e.name);
  }
  return result;
}

//===----------------------------------------------------------------------===//
// Extraction
//===----------------------------------------------------------------------===//

namespace {

/// Rename `from` to `to`, failing if `to` exists (even as an empty
/// directory, which rename(2) would replace).
llvm::Error renameNoReplace(const std::string &from, const std::string &to) {
#ifdef RENAME_NOREPLACE
  if (::renameat2(AT_FDCWD, from.c_str(), AT_FDCWD, to.c_str(),
                  RENAME_NOREPLACE) == 0)
    return llvm::Error::success();
  if (errno != EINVAL && errno != ENOSYS)
    return sysError("renaming into place", to);
#endif
  if (pathExists(to))
    return sysError(EEXIST, "renaming into place", to);
  if (::rename(from.c_str(), to.c_str()) != 0)
    return sysError("renaming into place", to);
  return llvm::Error::success();
}

/// The files of a checked zip, written under `root`.
llvm::Error writeTree(const ZipArchive &zip, StringRef prefix,
                      const std::string &root) {
  std::vector<std::string> dirs; // created below root, in creation order
  llvm::StringSet<> made;
  for (const ZipEntry &e : zip.entries()) {
    StringRef name = e.name;
    if (!name.consume_front(prefix) || name.empty() || name.ends_with("/"))
      continue;
    // Parent directories first, outermost first.
    for (size_t slash = name.find('/'); slash != StringRef::npos;
         slash = name.find('/', slash + 1)) {
      StringRef dir = name.take_front(slash);
      if (!made.insert(dir).second)
        continue;
      std::string full = root + "/" + dir.str();
      if (::mkdir(full.c_str(), 0755) != 0)
        return sysError("creating directory", full);
      dirs.push_back(full);
    }
    std::string path = root + "/" + name.str();
    int fd =
        ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
    if (fd < 0)
      return sysError("creating", path);
    llvm::Error err = zip.read(e, [&](llvm::ArrayRef<uint8_t> chunk) {
      return writeAll(fd, chunk, path);
    });
    if (!err && ::fchmod(fd, 0444) != 0)
      err = sysError("making read-only", path);
    if (::close(fd) != 0 && !err)
      err = sysError("closing", path);
    if (err)
      return err;
  }
  // Read-only directories, innermost first, then the root.
  for (auto it = dirs.rbegin(); it != dirs.rend(); ++it)
    if (::chmod(it->c_str(), 0555) != 0)
      return sysError("making read-only", *it);
  if (::chmod(root.c_str(), 0555) != 0)
    return sysError("making read-only", root);
  return llvm::Error::success();
}

} // namespace

llvm::Error modzip::extractZip(const module::Version &mod,
                               const ZipArchive &zip, StringRef destDir) {
  llvm::Expected<CheckResult> checked = checkZip(mod, zip);
  if (!checked)
    return checked.takeError();
  if (llvm::Error err = checked->takeError())
    return err;
  for (const ZipEntry &e : zip.entries())
    if (e.method != 0 && e.method != 8)
      return makeError("zip entry " + module::quote(e.name) +
                       ": unsupported compression method " +
                       std::to_string(e.method));

  std::string dest = destDir.str();
  while (dest.size() > 1 && dest.back() == '/')
    dest.pop_back();
  if (dest.empty())
    return makeError("extracting " + mod.str() + ": empty destination");
  if (pathExists(dest))
    return makeError("extracting " + mod.str() + ": destination " + dest +
                     " already exists");

  // Create missing parents, remembering the ones made here so that a
  // failure can take them away again.
  llvm::SmallString<256> parent(dest);
  llvm::sys::path::remove_filename(parent, llvm::sys::path::Style::posix);
  if (parent.empty())
    parent = ".";
  std::vector<std::string> missing; // innermost first
  for (std::string p = std::string(parent); !pathExists(p);) {
    missing.push_back(p);
    llvm::SmallString<256> up(p);
    llvm::sys::path::remove_filename(up, llvm::sys::path::Style::posix);
    if (up.empty() || up == p)
      break;
    p = std::string(up);
  }
  std::vector<std::string> createdParents; // outermost first
  auto removeParents = [&]() {
    for (auto it = createdParents.rbegin(); it != createdParents.rend(); ++it)
      ::rmdir(it->c_str());
  };
  for (auto it = missing.rbegin(); it != missing.rend(); ++it) {
    if (::mkdir(it->c_str(), 0755) == 0) {
      createdParents.push_back(*it);
    } else if (errno != EEXIST) {
      llvm::Error err = sysError("creating directory", *it);
      removeParents();
      return err;
    }
  }

  std::string base =
      llvm::sys::path::filename(dest, llvm::sys::path::Style::posix).str();
  llvm::Expected<std::string> tmp =
      makeTempDir(std::string(parent), "." + base + ".tmp-");
  if (!tmp) {
    removeParents();
    return tmp.takeError();
  }
  const std::string prefix = mod.path + "@" + mod.version + "/";
  llvm::Error err = writeTree(zip, prefix, *tmp);
  if (!err)
    err = renameNoReplace(*tmp, dest);
  if (err) {
    llvm::consumeError(removeTree(*tmp));
    removeParents();
    return makeError("extracting " + mod.str() + " into " + dest + ": " +
                     llvm::toString(std::move(err)));
  }
  return llvm::Error::success();
}
