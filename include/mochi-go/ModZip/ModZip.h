//===- ModZip.h - Module zips: read, hash, check, extract -------*- C++ -*-===//
//
// Part of mochi-go. A module zip as the go command serves and trusts it:
//   - reading: the central directory (zip64 included), stored and deflated
//     entries, CRC-32 and declared sizes checked while inflating;
//   - h1 hashes (golang.org/x/mod/sumdb/dirhash Hash1): SHA-256 of every
//     file, one "<hex>  <name>\n" line per file in name order, SHA-256 of
//     those lines, "h1:" + base64. Over a zip the names are the entry names
//     (with the "path@version/" prefix); for a go.mod alone the name is
//     "go.mod"; for a directory, prefix + "/" + the relative slash path;
//   - the rules of golang.org/x/mod/zip (CheckZip and Unzip): every entry
//     under "path@version/", clean relative paths that pass
//     module::checkFilePath, no case-insensitive collisions, no duplicate
//     entries, no file that is also a directory, go.mod only at the root and
//     spelled in lower case, at most kMaxZipFile bytes of zip and of
//     uncompressed content, kMaxGoMod for go.mod and kMaxLicense for LICENSE;
//   - safe extraction: everything is checked before the first byte is
//     written, files are extracted into a fresh temporary directory beside
//     the destination and renamed into place in one step, read-only. A
//     failure leaves nothing behind.
//
//===----------------------------------------------------------------------===//

#ifndef MOCHIGO_MODZIP_MODZIP_H
#define MOCHIGO_MODZIP_MODZIP_H

#include "mochi-go/Module/Module.h"
#include "mochi-go/Support/Crypto.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace mochigo {
namespace modzip {

constexpr uint64_t kMaxZipFile = uint64_t(500) << 20;
constexpr uint64_t kMaxGoMod = uint64_t(16) << 20;
constexpr uint64_t kMaxLicense = uint64_t(16) << 20;

/// One entry of the central directory.
struct ZipEntry {
  std::string name;
  uint16_t method = 0; // 0 stored, 8 deflated; others are refused on read
  uint32_t crc32 = 0;
  uint64_t compressedSize = 0;
  uint64_t uncompressedSize = 0;
  uint64_t localHeaderOffset = 0;
  uint32_t externalAttrs = 0;
  bool isDir() const { return !name.empty() && name.back() == '/'; }
};

/// A zip held in memory. The bytes must outlive the archive.
class ZipArchive {
public:
  /// Parse the end-of-central-directory record (zip64 too) and the central
  /// directory. Errors say what is malformed and where.
  static llvm::Expected<ZipArchive> open(llvm::ArrayRef<uint8_t> data);

  llvm::ArrayRef<ZipEntry> entries() const { return entryList; }
  uint64_t size() const { return data.size(); }

  /// Stream the uncompressed content of `entry` to `sink` in chunks. Fails
  /// (without calling sink further) on an unsupported method, a local header
  /// that disagrees with the central directory, more output than
  /// min(declared size, limit), less output than declared, or a CRC-32
  /// mismatch. The error names the entry.
  llvm::Error
  read(const ZipEntry &entry,
       llvm::function_ref<llvm::Error(llvm::ArrayRef<uint8_t>)> sink,
       uint64_t limit = kMaxZipFile) const;

  /// read() into a string.
  llvm::Expected<std::string> readAll(const ZipEntry &entry,
                                      uint64_t limit = kMaxZipFile) const;

  /// The bytes are a read-only mapping of a file: after each read() the
  /// pages of the entry are given back (madvise MADV_DONTNEED; they are
  /// read from the file again if needed), so reading a whole zip keeps
  /// about one entry of it in memory. Never for bytes in ordinary memory.
  void releasePagesAfterRead() { releasePages = true; }

private:
  ZipArchive(llvm::ArrayRef<uint8_t> data) : data(data) {}
  llvm::ArrayRef<uint8_t> data;
  bool releasePages = false;
  std::vector<ZipEntry> entryList;
};

/// dirhash.Hash1 over (name, SHA-256 of content) pairs, in any order.
/// Names must not contain '\n' (error).
llvm::Expected<std::string>
hash1(std::vector<std::pair<std::string, Sha256Digest>> files);

/// The h1 hash of a module zip (dirhash.HashZip): every entry, by its full
/// name. Reads (inflates) every entry.
llvm::Expected<std::string> hashZip(const ZipArchive &zip);
/// The h1 hash of a go.mod file (the "/go.mod" line of go.sum).
std::string hashGoMod(llvm::StringRef gomod);
/// The h1 hash of an extracted tree, as dirhash.HashDir(dir, prefix): every
/// regular file under `dir`, named prefix + "/" + relative slash path.
llvm::Expected<std::string> hashDir(llvm::StringRef dir,
                                    llvm::StringRef prefix);

/// One entry refused by the rules.
struct FileProblem {
  std::string name;   // the entry name as it is in the zip
  std::string reason; // "path does not have prefix ...", "case-insensitive
                      // file name collision: "a" and "A"", ...
};

/// The outcome of checkZip: what is valid, what is not and why.
struct CheckResult {
  std::vector<std::string> valid;   // full entry names of files kept
  std::vector<FileProblem> invalid; // every refused entry
  std::string sizeError;            // a size limit broken, if any
  /// Success when nothing is invalid and no size limit was broken; else
  /// one error listing every problem (one per line).
  llvm::Error takeError() const;
};

/// Apply golang.org/x/mod/zip's CheckZip rules to `zip` for module `mod`
/// (whose path and version are checked with module::check first: that
/// failure is the returned error). Declared sizes are used here; read()
/// enforces them while extracting.
llvm::Expected<CheckResult> checkZip(const module::Version &mod,
                                     const ZipArchive &zip);

/// Check `zip` for `mod` (checkZip must find no problem), then extract its
/// files (without the "path@version/" prefix) into a new temporary
/// directory next to `destDir`, make files 0444 and directories 0555, and
/// rename it to `destDir`, which must not exist. On any error (a rule, a
/// CRC or size mismatch while inflating, I/O) the temporary directory is
/// removed and `destDir` does not exist.
llvm::Error extractZip(const module::Version &mod, const ZipArchive &zip,
                       llvm::StringRef destDir);

} // namespace modzip
} // namespace mochigo

#endif // MOCHIGO_MODZIP_MODZIP_H
