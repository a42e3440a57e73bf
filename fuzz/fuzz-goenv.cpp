//===- fuzz-goenv.cpp - GOPROXY, GOSUMDB and GOPRIVATE-style globs --------===//
//
// Part of mochi-go. The go command's settings, parsed with its rules.
//
//===----------------------------------------------------------------------===//

#include "FuzzCommon.h"

#include "mochi-go/Fetch/GoEnv.h"
#include "mochi-go/Module/Module.h"

using namespace mochigo;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  llvm::StringRef text = fuzz::text(data, size);
  // The input is "VALUE\nGLOBS\nTARGET" in parts, so one input reaches each.
  auto [value, rest] = text.split('\n');
  auto [globs, target] = rest.split('\n');
  llvm::Expected<std::vector<fetch::ProxySpec>> proxies =
      fetch::parseGoProxy(value, globs);
  fuzz::drop(proxies);
  llvm::Expected<fetch::SumDBSpec> sumdb = fetch::parseGoSumDB(value);
  fuzz::drop(sumdb);
  fuzz::drop(module::checkPrefixPatterns(globs));
  (void)module::matchPrefixPatterns(globs, target);
  return 0;
}
