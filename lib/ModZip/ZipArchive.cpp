//===- ZipArchive.cpp - Reading module zips -------------------------------===//
//
// Part of mochi-go. A strict reader of the zip format (APPNOTE 6.3): the
// end-of-central-directory record (with its zip64 locator and record), the
// central directory (with zip64 extra fields), local headers, and stored
// and deflated data. Everything is bounds checked against the buffer; sizes
// and CRC-32 are verified while the data streams through one reusable
// buffer per thread.
//
//===----------------------------------------------------------------------===//

#include "mochi-go/ModZip/ModZip.h"
#include "mochi-go/Module/Module.h"

#include "llvm/ADT/ScopeExit.h"
#include "llvm/ADT/Twine.h"
#include "llvm/Support/Format.h"

#include <zlib.h>

#if defined(__x86_64__)
#include <immintrin.h>
#endif

#include <algorithm>
#include <memory>
#include <sys/mman.h>
#include <unistd.h>

using namespace mochigo;
using namespace mochigo::modzip;

namespace {

constexpr uint32_t kLocalHeaderSig = 0x04034b50;
constexpr uint32_t kCentralHeaderSig = 0x02014b50;
constexpr uint32_t kEndSig = 0x06054b50;
constexpr uint32_t kZip64EndSig = 0x06064b50;
constexpr uint32_t kZip64LocatorSig = 0x07064b50;
constexpr uint32_t kDataDescriptorSig = 0x08074b50;

constexpr size_t kEndLen = 22;
constexpr size_t kZip64LocatorLen = 20;
constexpr size_t kZip64EndLen = 56;
constexpr size_t kCentralHeaderLen = 46;
constexpr size_t kLocalHeaderLen = 30;

constexpr uint16_t kFlagEncrypted = 1 << 0;
constexpr uint16_t kFlagDataDescriptor = 1 << 3;

/// Output chunk size: big enough to amortise calls, small enough that the
/// chunk is still in cache when the sink hashes or writes it.
constexpr size_t kChunk = 128 << 10;

uint16_t le16(const uint8_t *p) { return uint16_t(p[0] | p[1] << 8); }
uint32_t le32(const uint8_t *p) {
  return uint32_t(p[0]) | uint32_t(p[1]) << 8 | uint32_t(p[2]) << 16 |
         uint32_t(p[3]) << 24;
}
uint64_t le64(const uint8_t *p) {
  return uint64_t(le32(p)) | uint64_t(le32(p + 4)) << 32;
}

llvm::Error malformed(const llvm::Twine &msg) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                 "malformed zip: " + msg);
}

llvm::Error entryError(const ZipEntry &e, const llvm::Twine &msg) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                 "zip entry " + module::quote(e.name) + ": " +
                                     msg);
}

std::string hex32(uint32_t v) {
  std::string s;
  llvm::raw_string_ostream(s) << llvm::format_hex(v, 10);
  return s;
}

/// The zlib state and output buffer of one thread, reused by every read().
struct Inflater {
  z_stream zs{};
  bool ready = false;
  bool busy = false;
  std::unique_ptr<uint8_t[]> buffer{new uint8_t[kChunk]};

  ~Inflater() {
    if (ready)
      inflateEnd(&zs);
  }
  /// A raw-deflate stream ready for new input; false if zlib cannot start.
  bool reset() {
    if (!ready) {
      if (inflateInit2(&zs, -MAX_WBITS) != Z_OK)
        return false;
      ready = true;
      return true;
    }
    return inflateReset(&zs) == Z_OK;
  }
};

/// Marks the thread's inflater as in use; a nested read() (from a sink)
/// gets its own.
class InflaterLease {
public:
  InflaterLease() {
    thread_local Inflater shared;
    if (!shared.busy) {
      inflater = &shared;
    } else {
      owned = std::make_unique<Inflater>();
      inflater = owned.get();
    }
    inflater->busy = true;
  }
  ~InflaterLease() { inflater->busy = false; }
  Inflater &operator*() { return *inflater; }

private:
  Inflater *inflater;
  std::unique_ptr<Inflater> owned;
};

//===----------------------------------------------------------------------===//
// CRC-32
//===----------------------------------------------------------------------===//
//
// zlib's table-driven crc32 runs at about 2 GB/s, as slow as SHA-256 with
// the SHA extensions, so on x86-64 with PCLMULQDQ the bulk of the data is
// folded with carry-less multiplications instead: the running 512-bit (then
// 128-bit) remainder is multiplied by x^D mod P and added into the block D
// bits further on, which keeps it congruent to the message. The last 16
// bytes of remainder and the tail go through zlib again.
//
// In the bit-reflected layout of a 128-bit register (bit 0 is the first bit
// of the stream), a 64-bit half multiplied by the constant reflect32(c) << 1
// lands 32 bits lower than its degree suggests, so the constants are
// x^(D+32) mod P for the first half and x^(D-32) mod P for the second.

/// x^e mod P for the CRC-32 polynomial P (0x104C11DB7), bit-reflected into
/// 32 bits and shifted left by one.
constexpr uint64_t foldConstant(unsigned e) {
  uint64_t r = 1;
  for (unsigned i = 0; i < e; ++i) {
    r <<= 1;
    if (r >> 32)
      r ^= 0x104C11DB7ull;
  }
  uint64_t reflected = 0;
  for (unsigned i = 0; i < 32; ++i)
    if (r & (uint64_t(1) << i))
      reflected |= uint64_t(1) << (31 - i);
  return reflected << 1;
}

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#define MOCHIGO_HAVE_PCLMUL_CRC 1

constexpr uint64_t kFold512Hi = foldConstant(512 + 32);
constexpr uint64_t kFold512Lo = foldConstant(512 - 32);
constexpr uint64_t kFold128Hi = foldConstant(128 + 32);
constexpr uint64_t kFold128Lo = foldConstant(128 - 32);

/// CRC-32 (zlib's convention) of `len` >= 64 bytes; returns the CRC of the
/// first (len rounded down to 16) bytes and sets `done` to that count.
__attribute__((target("pclmul,sse4.1"))) uint32_t
crcFold(uint32_t crc, const uint8_t *p, size_t len, size_t &done) {
  auto load = [](const uint8_t *q) {
    return _mm_loadu_si128(reinterpret_cast<const __m128i *>(q));
  };
  // Fold x (D bits before `next`) into next.
  auto fold = [](__m128i x, __m128i k, __m128i next)
      __attribute__((target("pclmul,sse4.1"))) {
    __m128i first = _mm_clmulepi64_si128(x, k, 0x00);
    __m128i second = _mm_clmulepi64_si128(x, k, 0x11);
    return _mm_xor_si128(_mm_xor_si128(first, second), next);
  };
  const __m128i k512 = _mm_set_epi64x(static_cast<long long>(kFold512Lo),
                                      static_cast<long long>(kFold512Hi));
  const __m128i k128 = _mm_set_epi64x(static_cast<long long>(kFold128Lo),
                                      static_cast<long long>(kFold128Hi));
  const uint8_t *start = p;
  __m128i x0 = load(p), x1 = load(p + 16), x2 = load(p + 32), x3 = load(p + 48);
  x0 = _mm_xor_si128(x0, _mm_cvtsi32_si128(static_cast<int>(~crc)));
  p += 64;
  len -= 64;
  while (len >= 64) {
    x0 = fold(x0, k512, load(p));
    x1 = fold(x1, k512, load(p + 16));
    x2 = fold(x2, k512, load(p + 32));
    x3 = fold(x3, k512, load(p + 48));
    p += 64;
    len -= 64;
  }
  __m128i x = fold(x0, k128, x1);
  x = fold(x, k128, x2);
  x = fold(x, k128, x3);
  while (len >= 16) {
    x = fold(x, k128, load(p));
    p += 16;
    len -= 16;
  }
  alignas(16) uint8_t rest[16];
  _mm_store_si128(reinterpret_cast<__m128i *>(rest), x);
  done = static_cast<size_t>(p - start);
  // The remainder is congruent to the whole message with the initial value
  // folded in; its CRC with a zero register is the answer.
  return static_cast<uint32_t>(crc32_z(0xFFFFFFFFul, rest, 16));
}

bool havePclmul() {
  static const bool have =
      __builtin_cpu_supports("pclmul") && __builtin_cpu_supports("sse4.1");
  return have;
}
#endif

/// zlib's crc32, faster.
uLong updateCrc(uLong crc, const uint8_t *p, size_t len) {
#ifdef MOCHIGO_HAVE_PCLMUL_CRC
  if (len >= 256 && havePclmul()) {
    size_t done = 0;
    crc = crcFold(static_cast<uint32_t>(crc), p, len, done);
    p += done;
    len -= done;
  }
#endif
  return crc32_z(crc, p, len);
}

} // namespace

llvm::Expected<ZipArchive> ZipArchive::open(llvm::ArrayRef<uint8_t> data) {
  const uint64_t size = data.size();
  const uint8_t *base = data.data();
  if (size < kEndLen)
    return malformed("too short for an end of central directory record (" +
                     llvm::Twine(size) + " bytes)");

  // The end record is the last signature whose comment fits in the file.
  uint64_t endAt = UINT64_MAX;
  uint64_t lowest = size - kEndLen > 0xFFFF ? size - kEndLen - 0xFFFF : 0;
  for (uint64_t i = size - kEndLen + 1; i-- > lowest;) {
    if (le32(base + i) == kEndSig &&
        i + kEndLen + le16(base + i + 20) <= size) {
      endAt = i;
      break;
    }
  }
  if (endAt == UINT64_MAX)
    return malformed("no end of central directory record");
  const uint8_t *end = base + endAt;
  if (le16(end + 4) != 0 || le16(end + 6) != 0 ||
      le16(end + 8) != le16(end + 10))
    return malformed("multi-disk archives are not supported");
  uint64_t count = le16(end + 10);
  uint64_t dirSize = le32(end + 12);
  uint64_t dirOffset = le32(end + 16);
  uint64_t dirLimit = endAt; // where the central directory must end

  // A zip64 locator right before the end record points to the zip64 end
  // record, whose fields replace the 16- and 32-bit ones.
  if (endAt >= kZip64LocatorLen &&
      le32(base + endAt - kZip64LocatorLen) == kZip64LocatorSig) {
    const uint8_t *loc = base + endAt - kZip64LocatorLen;
    uint64_t recordAt = le64(loc + 8);
    if (le32(loc + 4) != 0 || le32(loc + 16) > 1)
      return malformed("multi-disk archives are not supported");
    if (recordAt > endAt - kZip64LocatorLen ||
        endAt - kZip64LocatorLen - recordAt < kZip64EndLen)
      return malformed("zip64 end of central directory record at offset " +
                       llvm::Twine(recordAt) + " is out of bounds");
    const uint8_t *rec = base + recordAt;
    if (le32(rec) != kZip64EndSig)
      return malformed("bad zip64 end of central directory signature at "
                       "offset " +
                       llvm::Twine(recordAt));
    if (le32(rec + 16) != 0 || le32(rec + 20) != 0 ||
        le64(rec + 24) != le64(rec + 32))
      return malformed("multi-disk archives are not supported");
    count = le64(rec + 32);
    dirSize = le64(rec + 40);
    dirOffset = le64(rec + 48);
    dirLimit = recordAt;
  }

  if (dirOffset > dirLimit || dirSize > dirLimit - dirOffset)
    return malformed("central directory (offset " + llvm::Twine(dirOffset) +
                     ", size " + llvm::Twine(dirSize) + ") is out of bounds");
  if (count > dirSize / kCentralHeaderLen)
    return malformed("central directory of " + llvm::Twine(dirSize) +
                     " bytes cannot hold " + llvm::Twine(count) + " entries");

  ZipArchive zip(data);
  zip.entryList.reserve(count);
  uint64_t pos = dirOffset;
  const uint64_t dirEnd = dirOffset + dirSize;
  for (uint64_t n = 0; n < count; ++n) {
    if (dirEnd - pos < kCentralHeaderLen)
      return malformed("central directory entry " + llvm::Twine(n) +
                       " is truncated");
    const uint8_t *h = base + pos;
    if (le32(h) != kCentralHeaderSig)
      return malformed("bad signature of central directory entry " +
                       llvm::Twine(n) + " at offset " + llvm::Twine(pos));
    uint64_t nameLen = le16(h + 28), extraLen = le16(h + 30),
             commentLen = le16(h + 32);
    if (dirEnd - pos - kCentralHeaderLen < nameLen + extraLen + commentLen)
      return malformed("central directory entry " + llvm::Twine(n) +
                       " is truncated");
    ZipEntry e;
    e.method = le16(h + 10);
    e.crc32 = le32(h + 16);
    e.compressedSize = le32(h + 20);
    e.uncompressedSize = le32(h + 24);
    e.externalAttrs = le32(h + 38);
    e.localHeaderOffset = le32(h + 42);
    e.name.assign(reinterpret_cast<const char *>(h + kCentralHeaderLen),
                  nameLen);
    bool needUSize = e.uncompressedSize == 0xFFFFFFFF;
    bool needCSize = e.compressedSize == 0xFFFFFFFF;
    bool needOffset = e.localHeaderOffset == 0xFFFFFFFF;

    // Extra fields: the zip64 one (0x0001) carries the 64-bit values, in
    // this order, of those fields that are 0xFFFFFFFF.
    const uint8_t *x = h + kCentralHeaderLen + nameLen;
    const uint8_t *xEnd = x + extraLen;
    while (xEnd - x >= 4) {
      uint16_t id = le16(x), len = le16(x + 2);
      const uint8_t *field = x + 4;
      if (uint64_t(xEnd - field) < len)
        return malformed("extra field of " + module::quote(e.name) +
                         " is truncated");
      if (id == 0x0001) {
        const uint8_t *f = field, *fEnd = field + len;
        auto take = [&](uint64_t &v) {
          if (fEnd - f < 8)
            return false;
          v = le64(f);
          f += 8;
          return true;
        };
        if ((needUSize && !take(e.uncompressedSize)) ||
            (needCSize && !take(e.compressedSize)) ||
            (needOffset && !take(e.localHeaderOffset)))
          return malformed("zip64 extra field of " + module::quote(e.name) +
                           " is too short");
        needUSize = needCSize = needOffset = false;
      }
      x = field + len;
    }
    // A 0xFFFFFFFF without a zip64 field stays as it is (Go reads it so).
    if (e.localHeaderOffset >= dirOffset ||
        dirOffset - e.localHeaderOffset < kLocalHeaderLen)
      return malformed("local header of " + module::quote(e.name) +
                       " at offset " + llvm::Twine(e.localHeaderOffset) +
                       " is out of bounds");
    pos += kCentralHeaderLen + nameLen + extraLen + commentLen;
    zip.entryList.push_back(std::move(e));
  }
  if (pos != dirEnd)
    return malformed("central directory has " + llvm::Twine(dirEnd - pos) +
                     " bytes after its " + llvm::Twine(count) + " entries");
  return std::move(zip);
}

llvm::Error
ZipArchive::read(const ZipEntry &entry,
                 llvm::function_ref<llvm::Error(llvm::ArrayRef<uint8_t>)> sink,
                 uint64_t limit) const {
  if (entry.method != 0 && entry.method != 8)
    return entryError(entry, "unsupported compression method " +
                                 llvm::Twine(entry.method));
  const uint64_t size = data.size();
  const uint8_t *base = data.data();
  uint64_t at = entry.localHeaderOffset;
  if (at > size || size - at < kLocalHeaderLen)
    return entryError(entry, "local header at offset " + llvm::Twine(at) +
                                 " is out of bounds");
  const uint8_t *h = base + at;
  if (le32(h) != kLocalHeaderSig)
    return entryError(entry, "bad local header signature at offset " +
                                 llvm::Twine(at));
  uint16_t flags = le16(h + 6);
  uint64_t nameLen = le16(h + 26), extraLen = le16(h + 28);
  if (flags & kFlagEncrypted)
    return entryError(entry, "encrypted entries are not supported");
  if (le16(h + 8) != entry.method)
    return entryError(entry, "local header says compression method " +
                                 llvm::Twine(le16(h + 8)) +
                                 ", central directory says " +
                                 llvm::Twine(entry.method));
  uint64_t dataAt = at + kLocalHeaderLen;
  if (size - dataAt < nameLen + extraLen)
    return entryError(entry, "local header is truncated");
  llvm::StringRef localName(reinterpret_cast<const char *>(base + dataAt),
                            nameLen);
  if (localName != entry.name)
    return entryError(entry, "local header names " + module::quote(localName));
  dataAt += nameLen + extraLen;
  if (entry.compressedSize > size - dataAt)
    return entryError(entry, "compressed data (" +
                                 llvm::Twine(entry.compressedSize) +
                                 " bytes at offset " + llvm::Twine(dataAt) +
                                 ") runs past the end of the zip");
  const uint8_t *in = base + dataAt;
  const uint64_t inLen = entry.compressedSize;
  auto release = llvm::make_scope_exit([&] {
    if (!releasePages)
      return;
    // The whole pages from the local header to the end of the data.
    const uintptr_t page = uintptr_t(::sysconf(_SC_PAGESIZE));
    uintptr_t from = (uintptr_t(base + at) + page - 1) & ~(page - 1);
    uintptr_t to = uintptr_t(in + inLen) & ~(page - 1);
    if (to > from)
      ::madvise(reinterpret_cast<void *>(from), to - from, MADV_DONTNEED);
  });

  if (entry.isDir() && inLen != 0)
    return entryError(entry, "directory entry has content");

  // A data descriptor after the data repeats the CRC-32.
  if (flags & kFlagDataDescriptor) {
    uint64_t d = dataAt + inLen;
    if (size - d >= 4 && le32(base + d) == kDataDescriptorSig)
      d += 4;
    if (size - d < 4)
      return entryError(entry, "data descriptor is missing");
    if (le32(base + d) != entry.crc32)
      return entryError(entry, "data descriptor CRC-32 " +
                                   hex32(le32(base + d)) +
                                   " disagrees with the central directory (" +
                                   hex32(entry.crc32) + ")");
  }

  const uint64_t declared = entry.uncompressedSize;
  const uint64_t maxOut = std::min(declared, limit);
  auto tooLarge = [&]() {
    if (limit < declared)
      return entryError(entry, "uncompressed size exceeds the limit of " +
                                   llvm::Twine(limit) + " bytes");
    return entryError(entry, "uncompressed size is larger than declared (" +
                                 llvm::Twine(declared) + " bytes)");
  };
  uLong crc = crc32(0L, Z_NULL, 0);
  uint64_t produced = 0;

  if (entry.method == 0) {
    if (inLen > maxOut)
      return tooLarge();
    for (uint64_t off = 0; off < inLen;) {
      uint64_t n = std::min<uint64_t>(kChunk, inLen - off);
      crc = updateCrc(crc, in + off, n);
      if (llvm::Error err = sink(llvm::ArrayRef<uint8_t>(in + off, n)))
        return err;
      off += n;
    }
    produced = inLen;
  } else {
    InflaterLease lease;
    Inflater &inf = *lease;
    if (!inf.reset())
      return entryError(entry, "cannot initialise zlib");
    z_stream &zs = inf.zs;
    zs.next_in = nullptr; // inflateReset keeps the previous input
    zs.avail_in = 0;
    uint64_t consumed = 0;
    int ret = Z_OK;
    while (ret != Z_STREAM_END) {
      if (zs.avail_in == 0 && consumed < inLen) {
        uint64_t n = std::min<uint64_t>(inLen - consumed, 1u << 30);
        zs.next_in = const_cast<Bytef *>(in + consumed);
        zs.avail_in = static_cast<uInt>(n);
        consumed += n;
      }
      zs.next_out = inf.buffer.get();
      zs.avail_out = kChunk;
      ret = inflate(&zs, Z_NO_FLUSH);
      size_t have = kChunk - zs.avail_out;
      if (ret == Z_DATA_ERROR || ret == Z_NEED_DICT || ret == Z_MEM_ERROR ||
          ret == Z_STREAM_ERROR)
        return entryError(entry, llvm::Twine("invalid deflate data: ") +
                                     (zs.msg ? zs.msg : "zlib error"));
      if (have > maxOut - produced)
        return tooLarge();
      if (have == 0 && ret != Z_STREAM_END && zs.avail_in == 0 &&
          consumed == inLen)
        return entryError(entry, "compressed data ends before the end of "
                                 "the deflate stream");
      produced += have;
      if (have) {
        crc = updateCrc(crc, inf.buffer.get(), have);
        if (llvm::Error err =
                sink(llvm::ArrayRef<uint8_t>(inf.buffer.get(), have)))
          return err;
      }
    }
  }
  if (produced < declared)
    return entryError(entry, "uncompressed size " + llvm::Twine(produced) +
                                 " is smaller than declared (" +
                                 llvm::Twine(declared) + " bytes)");
  if (crc != entry.crc32)
    return entryError(entry, "CRC-32 mismatch: content has " + hex32(crc) +
                                 ", zip declares " + hex32(entry.crc32));
  return llvm::Error::success();
}

llvm::Expected<std::string> ZipArchive::readAll(const ZipEntry &entry,
                                                uint64_t limit) const {
  // Reserve what the entry can really produce, not what a lying header
  // claims: deflate expands at most about 1032 to 1.
  std::string out;
  uint64_t possible = entry.method == 0 ? entry.compressedSize
                                        : entry.compressedSize * 1032 + 1024;
  out.reserve(std::min({entry.uncompressedSize, limit, possible}));
  if (llvm::Error err = read(
          entry,
          [&](llvm::ArrayRef<uint8_t> chunk) {
            out.append(reinterpret_cast<const char *>(chunk.data()),
                       chunk.size());
            return llvm::Error::success();
          },
          limit))
    return std::move(err);
  return out;
}
