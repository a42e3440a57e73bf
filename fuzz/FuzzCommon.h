//===- FuzzCommon.h - shared bits of the libFuzzer targets ------*- C++ -*-===//
//
// Part of mochi-go. Every target reads outside input the way mochi-go does and
// asserts what must always hold (a round trip, no partial result); a failed
// assertion aborts, which libFuzzer reports as a crash with the input.
//
//===----------------------------------------------------------------------===//

#ifndef MOCHIGO_FUZZ_FUZZCOMMON_H
#define MOCHIGO_FUZZ_FUZZCOMMON_H

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Error.h"
#include "llvm/Support/raw_ostream.h"

#include <cstdint>
#include <cstdlib>

namespace mochigo {
namespace fuzz {

inline llvm::StringRef text(const uint8_t *data, size_t size) {
  return llvm::StringRef(reinterpret_cast<const char *>(data), size);
}

/// Drop an expected error: refusing bad input is the point.
template <typename T> void drop(llvm::Expected<T> &v) {
  if (!v)
    llvm::consumeError(v.takeError());
}
inline void drop(llvm::Error e) { llvm::consumeError(std::move(e)); }

/// Abort with a message when an invariant does not hold.
inline void require(bool cond, const char *what) {
  if (cond)
    return;
  llvm::errs() << "fuzz invariant broken: " << what << "\n";
  std::abort();
}

} // namespace fuzz
} // namespace mochigo

#endif // MOCHIGO_FUZZ_FUZZCOMMON_H
