//===- fuzz-lock.cpp - mochi.lock reader, with a round trip ---------------===//
//
// Part of mochi-go. A lock that parses prints, and what it prints parses
// again to the same text (docs/LockFile.md).
//
//===----------------------------------------------------------------------===//

#include "FuzzCommon.h"

#include "mochi-go/Lock/LockFile.h"

using namespace mochigo;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  llvm::Expected<lock::LockFile> first =
      lock::parseLock(fuzz::text(data, size), "mochi.lock");
  if (!first) {
    llvm::consumeError(first.takeError());
    return 0;
  }
  std::string printed = lock::printLock(*first);
  llvm::Expected<lock::LockFile> second =
      lock::parseLock(printed, "printed.lock");
  if (!second) {
    llvm::errs() << llvm::toString(second.takeError()) << "\n" << printed;
    fuzz::require(false, "a printed lock parses again");
  }
  fuzz::require(lock::printLock(*second) == printed,
                "print(parse(print(lock))) == print(lock)");
  return 0;
}
