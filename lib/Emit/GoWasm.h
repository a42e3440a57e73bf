//===- GoWasm.h - the embedded profile's Go printer, private ----*- C++ -*-===//
//
// Part of mochi-go. Private to lib/Emit: the Go wrapper of the embedded
// profile (GOOS=wasip1 GOARCH=wasm, no cgo, //go:wasmexport). GoWasm.cpp
// lays out the module and prints the wrapper packages; GoWasmRuntime.cpp
// prints the runtime package rt. docs/CAbi.md ("The embedded profile") is
// the contract.
//
//===----------------------------------------------------------------------===//

#ifndef MOCHIGO_LIB_EMIT_GOWASM_H
#define MOCHIGO_LIB_EMIT_GOWASM_H

#include "GoTypes.h"

#include "llvm/Support/raw_ostream.h"

namespace mochigo {
namespace emit {
namespace gowasm {

/// Print rt/rt.go (split-file form).
void printRuntime(const Library &lib, llvm::raw_ostream &os);

} // namespace gowasm
} // namespace emit
} // namespace mochigo

#endif // MOCHIGO_LIB_EMIT_GOWASM_H
