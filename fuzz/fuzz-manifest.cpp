//===- fuzz-manifest.cpp - mochi.toml reader ------------------------------===//
//
// Part of mochi-go. The manifest a user writes beside a program
// ([go-dependencies], [go.replace]; docs/Driver.md): read strictly, never
// undefined behaviour, whatever the bytes.
//
//===----------------------------------------------------------------------===//

#include "FuzzCommon.h"

#include "mochi-go/Lock/Manifest.h"

using namespace mochigo;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  llvm::Expected<lock::Manifest> m =
      lock::parseManifest(fuzz::text(data, size), "mochi.toml");
  fuzz::drop(m);
  return 0;
}
