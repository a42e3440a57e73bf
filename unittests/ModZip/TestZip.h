//===- TestZip.h - A zip writer for the ModZip tests ------------*- C++ -*-===//
//
// Part of mochi-go. Test-only: builds zips in memory with stored or
// deflated entries (zlib), optional zip64 records and data descriptors, and
// the ability to lie about sizes, CRC-32 and names, so that every refusal of
// the reader and of the module zip rules can be provoked. Also a few byte
// helpers for corrupting the result.
//
//===----------------------------------------------------------------------===//

#ifndef MOCHIGO_UNITTESTS_MODZIP_TESTZIP_H
#define MOCHIGO_UNITTESTS_MODZIP_TESTZIP_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"

#include <zlib.h>

#include <cstdint>
#include <cstring>
#include <optional>
#include <string>
#include <sys/mman.h>
#include <vector>

namespace mochigo {
namespace testzip {

inline std::string deflateRaw(llvm::StringRef data, int level = 6) {
  z_stream zs{};
  if (deflateInit2(&zs, level, Z_DEFLATED, -MAX_WBITS, 8, Z_DEFAULT_STRATEGY) !=
      Z_OK)
    return "";
  std::string out(deflateBound(&zs, data.size()) + 16, '\0');
  zs.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(data.data()));
  zs.avail_in = static_cast<uInt>(data.size());
  zs.next_out = reinterpret_cast<Bytef *>(&out[0]);
  zs.avail_out = static_cast<uInt>(out.size());
  deflate(&zs, Z_FINISH);
  out.resize(zs.total_out);
  deflateEnd(&zs);
  return out;
}

inline uint32_t crcOf(llvm::StringRef data) {
  return static_cast<uint32_t>(
      crc32_z(crc32(0L, Z_NULL, 0),
              reinterpret_cast<const Bytef *>(data.data()), data.size()));
}

/// One entry to write. By default the headers tell the truth.
struct Entry {
  std::string name;
  std::string content;
  uint16_t method = 8; // 0 stored, 8 deflated; other numbers store raw bytes
  std::optional<uint32_t> crc;          // declared CRC-32
  std::optional<uint64_t> size;         // declared uncompressed size
  std::optional<std::string> data;      // the bytes written as "compressed"
  std::optional<std::string> localName; // name in the local header
  std::optional<uint16_t> localMethod;  // method in the local header
  uint16_t extraFlags = 0;              // e.g. 1 (encrypted)
  bool zip64 = false;      // 0xFFFFFFFF fields and a zip64 extra field
  bool descriptor = false; // flag bit 3 and a data descriptor
  std::optional<uint32_t> descriptorCrc; // CRC-32 in the data descriptor
  uint32_t externalAttrs = 0100644u << 16;

  Entry(std::string name, std::string content, uint16_t method = 8)
      : name(std::move(name)), content(std::move(content)), method(method) {}
};

struct Options {
  bool zip64End = false; // zip64 end record and locator, 0xFFFF markers
  std::string comment;
};

/// The bytes of a zip: the local part (headers and data) and the central
/// part (central directory and end records). `directoryOffset` is where the
/// central part will sit (normally right after the local part).
struct Parts {
  std::string local;
  std::string central;
};

inline void put16(std::string &s, uint16_t v) {
  s.push_back(char(v & 0xFF));
  s.push_back(char(v >> 8));
}
inline void put32(std::string &s, uint32_t v) {
  put16(s, uint16_t(v & 0xFFFF));
  put16(s, uint16_t(v >> 16));
}
inline void put64(std::string &s, uint64_t v) {
  put32(s, uint32_t(v & 0xFFFFFFFF));
  put32(s, uint32_t(v >> 32));
}
/// Overwrite bytes at `at` in place.
inline void set16(std::string &s, size_t at, uint16_t v) {
  s[at] = char(v & 0xFF);
  s[at + 1] = char(v >> 8);
}
inline void set32(std::string &s, size_t at, uint32_t v) {
  set16(s, at, uint16_t(v & 0xFFFF));
  set16(s, at + 2, uint16_t(v >> 16));
}
inline uint32_t get32(const std::string &s, size_t at) {
  auto b = [&](size_t i) { return uint32_t(uint8_t(s[at + i])); };
  return b(0) | b(1) << 8 | b(2) << 16 | b(3) << 24;
}

inline Parts buildParts(const std::vector<Entry> &entries,
                        const Options &opts = {}, uint64_t gap = 0) {
  Parts parts;
  std::string &local = parts.local;
  std::string central;
  for (const Entry &e : entries) {
    uint64_t offset = local.size();
    std::string data = e.data          ? *e.data
                       : e.method == 8 ? deflateRaw(e.content)
                                       : e.content;
    uint32_t crc = e.crc ? *e.crc : crcOf(e.content);
    uint64_t usize = e.size ? *e.size : e.content.size();
    uint64_t csize = data.size();
    uint16_t flags = uint16_t(0x800 | e.extraFlags | (e.descriptor ? 8 : 0));
    uint16_t needed = e.zip64 ? 45 : 20;
    std::string lname = e.localName ? *e.localName : e.name;

    // Local header.
    put32(local, 0x04034b50);
    put16(local, needed);
    put16(local, flags);
    put16(local, e.localMethod ? *e.localMethod : e.method);
    put16(local, 0);    // time
    put16(local, 0x21); // date: 1980-01-01
    std::string lextra;
    if (e.zip64) {
      put16(lextra, 1);
      put16(lextra, 16);
      put64(lextra, e.descriptor ? 0 : usize);
      put64(lextra, e.descriptor ? 0 : csize);
    }
    put32(local, e.descriptor ? 0 : crc);
    put32(local, e.zip64 ? 0xFFFFFFFF : (e.descriptor ? 0 : uint32_t(csize)));
    put32(local, e.zip64 ? 0xFFFFFFFF : (e.descriptor ? 0 : uint32_t(usize)));
    put16(local, uint16_t(lname.size()));
    put16(local, uint16_t(lextra.size()));
    local += lname;
    local += lextra;
    local += data;
    if (e.descriptor) {
      put32(local, 0x08074b50);
      put32(local, e.descriptorCrc ? *e.descriptorCrc : crc);
      if (e.zip64) {
        put64(local, csize);
        put64(local, usize);
      } else {
        put32(local, uint32_t(csize));
        put32(local, uint32_t(usize));
      }
    }

    // Central directory header.
    std::string cextra;
    if (e.zip64) {
      put16(cextra, 1);
      put16(cextra, 24);
      put64(cextra, usize);
      put64(cextra, csize);
      put64(cextra, offset);
    }
    put32(central, 0x02014b50);
    put16(central, 0x031E); // made by: Unix, 3.0
    put16(central, needed);
    put16(central, flags);
    put16(central, e.method);
    put16(central, 0);
    put16(central, 0x21);
    put32(central, crc);
    put32(central, e.zip64 ? 0xFFFFFFFF : uint32_t(csize));
    put32(central, e.zip64 ? 0xFFFFFFFF : uint32_t(usize));
    put16(central, uint16_t(e.name.size()));
    put16(central, uint16_t(cextra.size()));
    put16(central, 0); // comment
    put16(central, 0); // disk
    put16(central, 0); // internal attributes
    put32(central, e.externalAttrs);
    put32(central, e.zip64 ? 0xFFFFFFFF : uint32_t(offset));
    central += e.name;
    central += cextra;
  }

  uint64_t dirOffset = local.size() + gap;
  uint64_t count = entries.size();
  std::string &tail = parts.central;
  tail = central;
  if (opts.zip64End) {
    uint64_t recordAt = dirOffset + central.size();
    put32(tail, 0x06064b50);
    put64(tail, 44);
    put16(tail, 0x031E);
    put16(tail, 45);
    put32(tail, 0);
    put32(tail, 0);
    put64(tail, count);
    put64(tail, count);
    put64(tail, central.size());
    put64(tail, dirOffset);
    put32(tail, 0x07064b50);
    put32(tail, 0);
    put64(tail, recordAt);
    put32(tail, 1);
  }
  put32(tail, 0x06054b50);
  put16(tail, 0);
  put16(tail, 0);
  put16(tail, opts.zip64End ? 0xFFFF : uint16_t(count));
  put16(tail, opts.zip64End ? 0xFFFF : uint16_t(count));
  put32(tail, opts.zip64End ? 0xFFFFFFFF : uint32_t(central.size()));
  put32(tail, opts.zip64End ? 0xFFFFFFFF : uint32_t(dirOffset));
  put16(tail, uint16_t(opts.comment.size()));
  tail += opts.comment;
  return parts;
}

inline std::string build(const std::vector<Entry> &entries,
                         const Options &opts = {}) {
  Parts p = buildParts(entries, opts);
  return p.local + p.central;
}

inline llvm::ArrayRef<uint8_t> bytes(const std::string &s) {
  return llvm::ArrayRef<uint8_t>(reinterpret_cast<const uint8_t *>(s.data()),
                                 s.size());
}

/// Offset of the end of central directory record in a zip without comment.
inline size_t endRecord(const std::string &zip) { return zip.size() - 22; }

/// Bytes i of a generated file (the same formula as Inputs/modzipvectors.go).
inline std::string genBytes(size_t n) {
  std::string b(n, '\0');
  for (size_t i = 0; i < n; ++i) {
    uint32_t x = uint32_t(i) * 2654435761u;
    b[i] = char(uint8_t(x >> 24) ^ uint8_t(i));
    if (i % 4 == 3)
      b[i] = 'a';
  }
  return b;
}

/// A zip of exactly `total` bytes held in an anonymous mapping: the entries
/// at the start, the central directory at the end, untouched (unallocated)
/// pages between them.
class MappedZip {
public:
  MappedZip(const std::vector<Entry> &entries, uint64_t total) : size(total) {
    Parts first = buildParts(entries);
    uint64_t gap = total - first.local.size() - first.central.size();
    Parts parts = buildParts(entries, {}, gap);
    void *map = ::mmap(nullptr, total, PROT_READ | PROT_WRITE,
                       MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (map == MAP_FAILED)
      return;
    base = static_cast<uint8_t *>(map);
    std::memcpy(base, parts.local.data(), parts.local.size());
    std::memcpy(base + total - parts.central.size(), parts.central.data(),
                parts.central.size());
  }
  ~MappedZip() {
    if (base)
      ::munmap(base, size);
  }
  MappedZip(const MappedZip &) = delete;
  MappedZip &operator=(const MappedZip &) = delete;

  bool ok() const { return base != nullptr; }
  llvm::ArrayRef<uint8_t> bytes() const { return {base, size}; }

private:
  uint8_t *base = nullptr;
  uint64_t size;
};

/// The message of an error, "" for success.
inline std::string errorText(llvm::Error err) {
  return err ? llvm::toString(std::move(err)) : std::string();
}
template <typename T> std::string errorText(llvm::Expected<T> &value) {
  return value ? std::string() : llvm::toString(value.takeError());
}

} // namespace testzip
} // namespace mochigo

#endif // MOCHIGO_UNITTESTS_MODZIP_TESTZIP_H
