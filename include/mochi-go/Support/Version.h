//===- Version.h - The version of mochi-go, for --version -------*- C++ -*-===//
//
// Part of mochi-go. One place for the version: the CMake project version,
// the `git describe` of the checkout it was built from (regenerated at build
// time only when it changes), and the LLVM/MLIR it was built with. Every
// tool installs printVersion() as its --version printer.
//
//===----------------------------------------------------------------------===//

#ifndef MOCHIGO_SUPPORT_VERSION_H
#define MOCHIGO_SUPPORT_VERSION_H

#include "llvm/ADT/StringRef.h"
#include "llvm/Support/raw_ostream.h"

#include <functional>
#include <string>

namespace mochigo {

/// "0.1.0": the CMake project version.
llvm::StringRef projectVersion();
/// `git describe --tags --always --dirty` of the source tree at build time;
/// "" when it was not built from a git checkout.
llvm::StringRef gitDescribe();
/// "0.1.0 (git f34b0b9-dirty)", or "0.1.0" without git.
std::string versionString();
/// The LLVM/MLIR release the tools were built with ("19.1.7").
llvm::StringRef llvmVersion();

/// The --version text of `tool`:
///   TOOL version 0.1.0 (git ...)
///     LLVM/MLIR 19.1.7
/// then `extra` (more lines, e.g. the Go toolchain), if given.
void printVersion(llvm::raw_ostream &os, llvm::StringRef tool,
                  const std::function<void(llvm::raw_ostream &)> &extra = {});

/// Make printVersion(tool) the --version printer of the process's
/// llvm::cl options (replacing LLVM's "LLVM version ..." text).
void setVersionPrinter(llvm::StringRef tool,
                       std::function<void(llvm::raw_ostream &)> extra = {});

} // namespace mochigo

#endif // MOCHIGO_SUPPORT_VERSION_H
