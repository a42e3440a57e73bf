//===- Version.cpp - The version of mochi-go ------------------------------===//
//
// Part of mochi-go.
//
//===----------------------------------------------------------------------===//

#include "mochi-go/Support/Version.h"

// MOCHIGO_GIT_DESCRIBE, generated at build time (only this file includes it).
#include "mochi-go/Support/GitDescribe.inc"

#include "llvm/Config/llvm-config.h"
#include "llvm/Support/CommandLine.h"

#include <string>

#ifndef MOCHIGO_PROJECT_VERSION
#error "MOCHIGO_PROJECT_VERSION is set by lib/Support/CMakeLists.txt"
#endif

using namespace mochigo;

llvm::StringRef mochigo::projectVersion() { return MOCHIGO_PROJECT_VERSION; }

llvm::StringRef mochigo::gitDescribe() { return MOCHIGO_GIT_DESCRIBE; }

std::string mochigo::versionString() {
  std::string v = projectVersion().str();
  if (!gitDescribe().empty())
    v += " (git " + gitDescribe().str() + ")";
  return v;
}

llvm::StringRef mochigo::llvmVersion() { return LLVM_VERSION_STRING; }

void mochigo::printVersion(
    llvm::raw_ostream &os, llvm::StringRef tool,
    const std::function<void(llvm::raw_ostream &)> &extra) {
  os << tool << " version " << versionString() << "\n";
  os << "  LLVM/MLIR " << llvmVersion() << "\n";
  if (extra)
    extra(os);
}

void mochigo::setVersionPrinter(
    llvm::StringRef tool, std::function<void(llvm::raw_ostream &)> extra) {
  static std::string name;
  static std::function<void(llvm::raw_ostream &)> more;
  name = tool.str();
  more = std::move(extra);
  llvm::cl::SetVersionPrinter(
      [](llvm::raw_ostream &os) { printVersion(os, name, more); });
}
