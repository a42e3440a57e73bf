//===- fuzz-modzip.cpp - module zips and Go's zip rules -------------------===//
//
// Part of mochi-go. A zip from a proxy: the archive reader, Go's module zip
// rules, the h1: hash and reading every entry.
//
//===----------------------------------------------------------------------===//

#include "FuzzCommon.h"

#include "mochi-go/ModZip/ModZip.h"

using namespace mochigo;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  llvm::Expected<modzip::ZipArchive> zip =
      modzip::ZipArchive::open(llvm::ArrayRef<uint8_t>(data, size));
  if (!zip) {
    llvm::consumeError(zip.takeError());
    return 0;
  }
  module::Version mod{"example.com/m", "v1.0.0"};
  llvm::Expected<modzip::CheckResult> checked = modzip::checkZip(mod, *zip);
  fuzz::drop(checked);
  llvm::Expected<std::string> h1 = modzip::hashZip(*zip);
  if (h1)
    fuzz::require(llvm::StringRef(*h1).starts_with("h1:"), "h1: prefix");
  fuzz::drop(h1);
  return 0;
}
