//===- ZipArchiveTest.cpp - Reading zips and refusing broken ones ---------===//
//
// Part of mochi-go.
//
//===----------------------------------------------------------------------===//

#include "TestZip.h"

#include "mochi-go/ModZip/ModZip.h"

#include "gtest/gtest.h"

using namespace mochigo;
using namespace mochigo::modzip;
using namespace mochigo::testzip;

namespace {

/// Open `zip`, which must be well formed.
ZipArchive openOk(const std::string &zip) {
  llvm::Expected<ZipArchive> z = ZipArchive::open(bytes(zip));
  if (!z) {
    ADD_FAILURE() << llvm::toString(z.takeError());
    static const std::string empty = build({});
    return llvm::cantFail(ZipArchive::open(bytes(empty)));
  }
  return std::move(*z);
}

/// The error of opening `zip`.
std::string openError(const std::string &zip) {
  llvm::Expected<ZipArchive> z = ZipArchive::open(bytes(zip));
  return errorText(z);
}

/// The error of reading the only (or first) entry of `zip`.
std::string readError(const std::string &zip, uint64_t limit = kMaxZipFile) {
  ZipArchive z = openOk(zip);
  if (z.entries().empty())
    return "no entries";
  auto content = z.readAll(z.entries()[0], limit);
  return errorText(content);
}

bool contains(const std::string &haystack, llvm::StringRef needle) {
  return haystack.find(needle.str()) != std::string::npos;
}

TEST(ZipArchiveTest, StoredAndDeflatedEntries) {
  std::string text = "package m\n\nfunc F() {}\n";
  std::string zip =
      build({Entry("m@v1/a.go", text, 0), Entry("m@v1/b.go", text + text, 8),
             Entry("m@v1/empty", "", 0), Entry("m@v1/empty-deflated", "", 8),
             Entry("m@v1/dir/", "", 0)});
  ZipArchive z = openOk(zip);
  ASSERT_EQ(z.entries().size(), 5u);
  EXPECT_EQ(z.size(), zip.size());
  const ZipEntry &a = z.entries()[0];
  EXPECT_EQ(a.name, "m@v1/a.go");
  EXPECT_EQ(a.method, 0);
  EXPECT_EQ(a.crc32, crcOf(text));
  EXPECT_EQ(a.uncompressedSize, text.size());
  EXPECT_EQ(a.compressedSize, text.size());
  EXPECT_EQ(a.localHeaderOffset, 0u);
  EXPECT_EQ(a.externalAttrs, 0100644u << 16);
  EXPECT_FALSE(a.isDir());
  const ZipEntry &b = z.entries()[1];
  EXPECT_EQ(b.method, 8);
  EXPECT_EQ(b.uncompressedSize, 2 * text.size());
  EXPECT_LT(b.compressedSize, b.uncompressedSize);
  EXPECT_TRUE(z.entries()[4].isDir());

  auto ca = z.readAll(a);
  ASSERT_TRUE(bool(ca)) << errorText(ca);
  EXPECT_EQ(*ca, text);
  auto cb = z.readAll(b);
  ASSERT_TRUE(bool(cb)) << errorText(cb);
  EXPECT_EQ(*cb, text + text);
  for (size_t i = 2; i < 5; ++i) {
    auto c = z.readAll(z.entries()[i]);
    ASSERT_TRUE(bool(c)) << errorText(c);
    EXPECT_EQ(*c, "");
  }
}

TEST(ZipArchiveTest, LargeEntriesStreamInBoundedChunks) {
  std::string big = genBytes(3 << 20);
  for (uint16_t method : {uint16_t(0), uint16_t(8)}) {
    std::string zip = build({Entry("big", big, method)});
    ZipArchive z = openOk(zip);
    std::string got;
    size_t calls = 0, largest = 0;
    const uint8_t *firstData = nullptr;
    llvm::Error err = z.read(z.entries()[0], [&](llvm::ArrayRef<uint8_t> c) {
      ++calls;
      largest = std::max(largest, c.size());
      if (!firstData)
        firstData = c.data();
      got.append(reinterpret_cast<const char *>(c.data()), c.size());
      return llvm::Error::success();
    });
    ASSERT_EQ(errorText(std::move(err)), "") << method;
    EXPECT_TRUE(got == big) << method;
    EXPECT_GT(calls, 3u) << method;
    EXPECT_LE(largest, size_t(1) << 20) << method;
    if (method == 0) { // stored data is handed out in place, not copied
      EXPECT_TRUE(firstData >= bytes(zip).data() &&
                  firstData < bytes(zip).data() + zip.size());
    }
  }
}

TEST(ZipArchiveTest, Zip64RecordsAndExtraFields) {
  std::string text = "zip64 content\n";
  Entry e1("m@v1/a", text, 8);
  e1.zip64 = true;
  Entry e2("m@v1/b", text, 0);
  e2.zip64 = true;
  Options opts;
  opts.zip64End = true;
  std::string zip = build({e1, e2, Entry("m@v1/c", "plain", 0)}, opts);
  ZipArchive z = openOk(zip);
  ASSERT_EQ(z.entries().size(), 3u);
  EXPECT_EQ(z.entries()[0].uncompressedSize, text.size());
  EXPECT_EQ(z.entries()[1].compressedSize, text.size());
  EXPECT_GT(z.entries()[1].localHeaderOffset, 0u);
  for (size_t i = 0; i < 2; ++i) {
    auto c = z.readAll(z.entries()[i]);
    ASSERT_TRUE(bool(c)) << errorText(c);
    EXPECT_EQ(*c, text);
  }
  auto c = z.readAll(z.entries()[2]);
  ASSERT_TRUE(bool(c)) << errorText(c);
  EXPECT_EQ(*c, "plain");
}

TEST(ZipArchiveTest, DataDescriptors) {
  Entry e("m@v1/a", "described", 8);
  e.descriptor = true;
  Entry e64("m@v1/b", "described too", 0);
  e64.descriptor = true;
  e64.zip64 = true;
  std::string zip = build({e, e64});
  ZipArchive z = openOk(zip);
  for (size_t i = 0; i < 2; ++i) {
    auto c = z.readAll(z.entries()[i]);
    ASSERT_TRUE(bool(c)) << errorText(c);
    EXPECT_EQ(*c, i == 0 ? "described" : "described too");
  }
  // A descriptor that disagrees with the central directory.
  e.descriptorCrc = 0x12345678;
  std::string text = readError(build({e}));
  EXPECT_TRUE(contains(text, "\"m@v1/a\"")) << text;
  EXPECT_TRUE(contains(text, "data descriptor")) << text;
}

TEST(ZipArchiveTest, EmptyZipAndComment) {
  std::string emptyZip = build({});
  ZipArchive empty = openOk(emptyZip);
  EXPECT_TRUE(empty.entries().empty());
  Options opts;
  opts.comment = "a comment with PK\x05\x06 inside";
  std::string commentedZip = build({Entry("a", "x")}, opts);
  ZipArchive commented = openOk(commentedZip);
  ASSERT_EQ(commented.entries().size(), 1u);
  auto c = commented.readAll(commented.entries()[0]);
  ASSERT_TRUE(bool(c)) << errorText(c);
  EXPECT_EQ(*c, "x");
}

TEST(ZipArchiveTest, RefusesTruncatedZips) {
  std::string zip = build(
      {Entry("m@v1/a.go", "package m\n"), Entry("m@v1/b.go", "package m\n")});
  EXPECT_TRUE(contains(openError(""), "too short")) << openError("");
  EXPECT_TRUE(contains(openError("PK\x05\x06"), "too short"));
  // Every strict prefix of the zip is refused.
  for (size_t n = 0; n < zip.size(); ++n)
    EXPECT_NE(openError(zip.substr(0, n)), "") << n;
  // No end record at all.
  std::string garbage(1000, 'x');
  EXPECT_TRUE(contains(openError(garbage), "no end of central directory"));
}

TEST(ZipArchiveTest, RefusesMalformedCentralDirectories) {
  std::string zip = build(
      {Entry("m@v1/a.go", "package m\n"), Entry("m@v1/b.go", "package m\n")});
  size_t end = endRecord(zip);
  uint32_t dirOffset = get32(zip, end + 16);
  uint32_t dirSize = get32(zip, end + 12);

  // More entries than the directory holds.
  std::string more = zip;
  set16(more, end + 8, 3);
  set16(more, end + 10, 3);
  EXPECT_NE(openError(more), "");
  // Fewer entries: bytes left over.
  std::string fewer = zip;
  set16(fewer, end + 8, 1);
  set16(fewer, end + 10, 1);
  EXPECT_TRUE(contains(openError(fewer), "bytes after its 1 entries"))
      << openError(fewer);
  // A directory beyond the end record.
  std::string far = zip;
  set32(far, end + 16, uint32_t(zip.size()));
  EXPECT_TRUE(contains(openError(far), "out of bounds")) << openError(far);
  std::string big = zip;
  set32(big, end + 12, dirSize + 1);
  EXPECT_TRUE(contains(openError(big), "out of bounds")) << openError(big);
  // A broken signature of the second entry.
  std::string sig = zip;
  size_t second = dirOffset + 46 + std::string("m@v1/a.go").size();
  sig[second] = 'X';
  EXPECT_TRUE(contains(openError(sig), "bad signature of central directory "
                                       "entry 1"))
      << openError(sig);
  // A name running past the directory.
  std::string name = zip;
  set16(name, second + 28, 0x7000);
  EXPECT_TRUE(contains(openError(name), "truncated")) << openError(name);
  // A local header offset inside the central directory.
  std::string offset = zip;
  set32(offset, dirOffset + 42, dirOffset);
  EXPECT_TRUE(contains(openError(offset), "\"m@v1/a.go\""))
      << openError(offset);
  // Several disks.
  std::string disks = zip;
  set16(disks, end + 4, 1);
  EXPECT_TRUE(contains(openError(disks), "multi-disk")) << openError(disks);
}

TEST(ZipArchiveTest, RefusesMalformedZip64Records) {
  Entry e("m@v1/a", "content", 0);
  e.zip64 = true;
  Options opts;
  opts.zip64End = true;
  std::string zip = build({e}, opts);
  size_t end = endRecord(zip);
  size_t locator = end - 20;
  ASSERT_EQ(get32(zip, locator), 0x07064b50u);
  std::string far = zip;
  set32(far, locator + 8, uint32_t(zip.size()));
  EXPECT_TRUE(contains(openError(far), "zip64 end of central directory"))
      << openError(far);
  std::string sig = zip;
  size_t record = get32(zip, locator + 8);
  sig[record] = 'X';
  EXPECT_TRUE(contains(openError(sig), "zip64")) << openError(sig);
  // A zip64 extra field too short for the values it must carry.
  std::string shortExtra = zip;
  size_t dirOffset = get32(zip, record + 48);
  size_t extra = dirOffset + 46 + e.name.size();
  ASSERT_EQ(uint8_t(shortExtra[extra]), 1);
  set16(shortExtra, extra + 2, 8);          // only one of three values
  set16(shortExtra, extra + 4 + 8, 0xCAFE); // the rest: an unknown field
  set16(shortExtra, extra + 4 + 10, 12);
  EXPECT_TRUE(contains(openError(shortExtra), "zip64 extra field"))
      << openError(shortExtra);
}

TEST(ZipArchiveTest, RefusesUnsupportedMethods) {
  Entry bzip2("m@v1/a.go", "package m\n", 12);
  std::string text = readError(build({bzip2}));
  EXPECT_EQ(text, "zip entry \"m@v1/a.go\": unsupported compression method 12");
  Entry encrypted("m@v1/a.go", "package m\n", 0);
  encrypted.extraFlags = 1;
  text = readError(build({encrypted}));
  EXPECT_TRUE(contains(text, "encrypted")) << text;
}

TEST(ZipArchiveTest, RefusesLocalHeadersThatDisagree) {
  Entry renamed("m@v1/a.go", "package m\n", 0);
  renamed.localName = "m@v1/evil.go";
  std::string text = readError(build({renamed}));
  EXPECT_TRUE(contains(text, "\"m@v1/a.go\"")) << text;
  EXPECT_TRUE(contains(text, "\"m@v1/evil.go\"")) << text;
  Entry method("m@v1/a.go", "package m\n", 0);
  method.localMethod = 8;
  text = readError(build({method}));
  EXPECT_TRUE(contains(text, "compression method")) << text;
  // A broken local signature.
  std::string zip = build({Entry("m@v1/a.go", "package m\n", 0)});
  zip[0] = 'X';
  text = readError(zip);
  EXPECT_TRUE(contains(text, "bad local header signature")) << text;
}

TEST(ZipArchiveTest, RefusesDataPastTheEnd) {
  Entry e("m@v1/a.go", "package m\n", 0);
  e.size = 1000;
  e.data = std::string(10, 'x');
  std::string zip = build({e});
  // Claim 1000 compressed bytes.
  size_t dirOffset = get32(zip, endRecord(zip) + 16);
  set32(zip, dirOffset + 20, 1000);
  std::string text = readError(zip);
  EXPECT_TRUE(contains(text, "runs past the end")) << text;
}

TEST(ZipArchiveTest, RefusesCrcMismatch) {
  for (uint16_t method : {uint16_t(0), uint16_t(8)}) {
    Entry e("m@v1/a.go", "package m\n", method);
    e.crc = crcOf("package m\n") ^ 1;
    std::string text = readError(build({e}));
    EXPECT_TRUE(contains(text, "zip entry \"m@v1/a.go\": CRC-32 mismatch"))
        << text;
  }
}

TEST(ZipArchiveTest, RefusesMoreOutputThanDeclared) {
  // A zip bomb: 64 MiB of zeros declared as 1000 bytes. The sink never sees
  // more than the declared size, and reading stops early.
  std::string zeros(64 << 20, '\0');
  Entry bomb("m@v1/bomb", zeros, 8);
  bomb.size = 1000;
  std::string zip = build({bomb});
  ZipArchive z = openOk(zip);
  uint64_t seen = 0;
  llvm::Error err = z.read(z.entries()[0], [&](llvm::ArrayRef<uint8_t> c) {
    seen += c.size();
    return llvm::Error::success();
  });
  std::string text = errorText(std::move(err));
  EXPECT_EQ(text, "zip entry \"m@v1/bomb\": uncompressed size is larger than "
                  "declared (1000 bytes)");
  EXPECT_LE(seen, 1000u);
  // Stored data longer than declared.
  Entry stored("m@v1/a", "0123456789", 0);
  stored.size = 5;
  text = readError(build({stored}));
  EXPECT_TRUE(contains(text, "larger than declared (5 bytes)")) << text;
}

TEST(ZipArchiveTest, RefusesLessOutputThanDeclared) {
  for (uint16_t method : {uint16_t(0), uint16_t(8)}) {
    Entry e("m@v1/a.go", "package m\n", method);
    e.size = 100;
    std::string text = readError(build({e}));
    EXPECT_TRUE(contains(text, "zip entry \"m@v1/a.go\": uncompressed size "
                               "10 is smaller than declared (100 bytes)"))
        << text;
  }
}

TEST(ZipArchiveTest, RefusesBrokenDeflateStreams) {
  std::string content = genBytes(100000);
  std::string deflated = deflateRaw(content);
  // Cut short: the stream ends before its last block.
  Entry cut("m@v1/cut", content, 8);
  cut.data = deflated.substr(0, deflated.size() / 2);
  std::string text = readError(build({cut}));
  EXPECT_TRUE(contains(text, "\"m@v1/cut\"")) << text;
  EXPECT_TRUE(contains(text, "ends before the end")) << text;
  // Garbage.
  Entry garbage("m@v1/garbage", content, 8);
  garbage.data = std::string(100, '\xff');
  text = readError(build({garbage}));
  EXPECT_TRUE(contains(text, "invalid deflate data")) << text;
}

TEST(ZipArchiveTest, LimitCapsTheOutput) {
  std::string content = genBytes(10000);
  for (uint16_t method : {uint16_t(0), uint16_t(8)}) {
    std::string zip = build({Entry("m@v1/a", content, method)});
    EXPECT_EQ(readError(zip, 10000), "");
    EXPECT_EQ(readError(zip, 9999),
              "zip entry \"m@v1/a\": uncompressed size exceeds the limit of "
              "9999 bytes");
  }
}

TEST(ZipArchiveTest, SinkErrorsStopReading) {
  std::string zip = build({Entry("m@v1/a", genBytes(1 << 20), 8)});
  ZipArchive z = openOk(zip);
  int calls = 0;
  llvm::Error err = z.read(z.entries()[0], [&](llvm::ArrayRef<uint8_t>) {
    ++calls;
    return llvm::createStringError(llvm::inconvertibleErrorCode(), "disk full");
  });
  EXPECT_EQ(errorText(std::move(err)), "disk full");
  EXPECT_EQ(calls, 1);
}

TEST(ZipArchiveTest, NestedReads) {
  std::string a = genBytes(500000), b = genBytes(300000);
  std::string zip = build({Entry("a", a, 8), Entry("b", b, 8)});
  ZipArchive z = openOk(zip);
  std::string gotA, gotB;
  bool nested = false;
  llvm::Error err =
      z.read(z.entries()[0], [&](llvm::ArrayRef<uint8_t> c) -> llvm::Error {
        gotA.append(reinterpret_cast<const char *>(c.data()), c.size());
        if (!nested) {
          nested = true;
          auto inner = z.readAll(z.entries()[1]);
          if (!inner)
            return inner.takeError();
          gotB = *inner;
        }
        return llvm::Error::success();
      });
  ASSERT_EQ(errorText(std::move(err)), "");
  EXPECT_TRUE(gotA == a);
  EXPECT_TRUE(gotB == b);
}

// The CRC-32 is computed with carry-less multiplication where the CPU has
// it: compare with zlib's over every length around the block sizes, at
// every alignment, and make sure a single flipped bit is caught.
TEST(ZipArchiveTest, CrcOfManyLengthsAndAlignments) {
  std::string random = genBytes(3100);
  std::vector<Entry> entries;
  std::vector<size_t> lengths;
  for (size_t n = 0; n <= 700; ++n)
    lengths.push_back(n);
  for (size_t n : {1023u, 1024u, 1025u, 2047u, 2999u})
    lengths.push_back(n);
  for (size_t i = 0; i < lengths.size(); ++i) {
    // Names of varying length move the data to every alignment.
    std::string name = "f" + std::string(i % 16, 'x') + std::to_string(i);
    entries.emplace_back(name, random.substr(i % 7, lengths[i]), 0);
  }
  std::string zip = build(entries);
  ZipArchive z = openOk(zip);
  ASSERT_EQ(z.entries().size(), lengths.size());
  for (size_t i = 0; i < lengths.size(); ++i) {
    auto c = z.readAll(z.entries()[i]);
    ASSERT_TRUE(bool(c)) << lengths[i] << ": " << errorText(c);
    EXPECT_EQ(c->size(), lengths[i]);
  }
  // A flipped bit anywhere in a long entry changes the CRC-32.
  std::string content = genBytes(5000);
  for (size_t at : {0u, 1u, 63u, 64u, 100u, 2500u, 4990u, 4999u}) {
    std::string flipped = content;
    flipped[at] ^= 0x10;
    Entry e("m@v1/a", flipped, 0);
    e.crc = crcOf(content);
    std::string text = readError(build({e}));
    EXPECT_TRUE(contains(text, "CRC-32 mismatch")) << at << ": " << text;
  }
}

TEST(ZipArchiveTest, ReadAfterAFailedReadStartsClean) {
  // A failure in the middle of a deflate stream must not leave anything
  // behind in the reused inflater.
  Entry bad("m@v1/bad", genBytes(400000), 8);
  std::string deflated = deflateRaw(bad.content);
  bad.data = deflated.substr(0, deflated.size() / 3);
  std::string good = genBytes(200000);
  std::string zip = build({bad, Entry("m@v1/good", good, 8)});
  ZipArchive z = openOk(zip);
  for (int round = 0; round < 3; ++round) {
    auto b = z.readAll(z.entries()[0]);
    EXPECT_FALSE(bool(b));
    llvm::consumeError(b.takeError());
    auto g = z.readAll(z.entries()[1]);
    ASSERT_TRUE(bool(g)) << errorText(g);
    EXPECT_TRUE(*g == good);
  }
}

TEST(ZipArchiveTest, DirectoryEntryWithContentIsRefused) {
  std::string text = readError(build({Entry("m@v1/dir/", "content", 0)}));
  EXPECT_TRUE(contains(text, "directory entry has content")) << text;
}

} // namespace
