//===- Publish.h - A Mochi package becomes a Go module ----------*- C++ -*-===//
//
// Part of mochi-go. The publish direction (docs/Publish.md): the exported
// API of a Mochi package is lowered into a GoSurface `go.module` by the
// reverse type map, checked against the GoSurface of the Go implementation
// (pass `publish-check`), and printed as a Go library module.
//
//===----------------------------------------------------------------------===//

#ifndef MOCHIGO_PUBLISH_PUBLISH_H
#define MOCHIGO_PUBLISH_PUBLISH_H

#include "mochi-go/Mochi/PackageSource.h"

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/OwningOpRef.h"
#include "mlir/Pass/Pass.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/raw_ostream.h"

#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace mochigo {
namespace publish {

/// The attribute values that mark the two `go.module`s of a publish check
/// (`mochi.publish = "api"` / `"impl"`) and carry the manifest.
constexpr llvm::StringLiteral kRoleAttr = "mochi.publish";
constexpr llvm::StringLiteral kMochiNameAttr = "mochi.name";
constexpr llvm::StringLiteral kMochiSigAttr = "mochi.signature";
constexpr llvm::StringLiteral kDescriptionAttr = "mochi.description";
constexpr llvm::StringLiteral kLicenseAttr = "mochi.license";
constexpr llvm::StringLiteral kRequiresAttr = "mochi.requires";
/// The directory of the implementation inside the published module.
constexpr llvm::StringLiteral kImplDir = "internal/impl";

/// mochi.toml.
struct Manifest {
  std::string path;
  std::string name, version, description, license;
  std::string module, goVersion;
  /// `module version` lines of the implementation's go.mod, sorted.
  std::vector<std::string>
    requires;
};

/// A message at `file:line:col` (line 0: the file as a whole).
struct Problem {
  std::string file;
  unsigned line = 0, column = 0;
  std::string message;
  std::string str() const;
};

/// Read and check mochi.toml: `[package]` name (a Mochi and Go identifier),
/// version (semver, `v` optional), description, license; `[go]` module (a
/// valid module path whose major suffix matches the version), go (default
/// "1.22").
bool readManifest(llvm::StringRef path, Manifest &out,
                  std::vector<Problem> &problems);

/// Mochi snake_case to Go PascalCase: split at `_`, drop empty parts,
/// upper-case the first letter of each part, keep the rest. Empty when the
/// result would not be an exported Go identifier (non-ASCII, or a digit
/// first).
std::string goExportedName(llvm::StringRef mochiName);

/// Lower the exported API of `sources` into one `go.module` (marked
/// `mochi.publish = "api"`) inside a new builtin module. Every unmappable
/// type, name clash and package-name mismatch is an error at its Mochi
/// position through the context's diagnostic engine; the result is null
/// then.
mlir::OwningOpRef<mlir::ModuleOp>
lowerPackage(const Manifest &manifest,
             const std::vector<mochi::PackageSource> &sources,
             mlir::MLIRContext *ctx);

/// The `publish-check` pass (registered by Passes.h).
std::unique_ptr<mlir::Pass> createPublishCheckPass();

/// One generated file.
struct OutFile {
  std::string name;
  std::string text;
};

/// The files the printer makes from checked IR: go.mod, doc.go, api.go,
/// README.md (sorted by name). `op` holds the api `go.module`.
mlir::LogicalResult emitGoLibraryFiles(mlir::ModuleOp op,
                                       std::vector<OutFile> &files);
/// The same in LLVM split-file form (`// --- NAME` headers).
mlir::LogicalResult emitGoLibrary(mlir::ModuleOp op, llvm::raw_ostream &os);
/// The consumer module: go.mod (require + replace => `publishedDir`) and
/// main.go calling every exported function.
mlir::LogicalResult emitConsumer(mlir::ModuleOp op,
                                 llvm::StringRef publishedDir,
                                 std::vector<OutFile> &files);
void registerPublishTranslations();

/// `mochi-go publish`.
struct Options {
  std::string packageDir, goSrc, outDir;
  std::string goCommand;     // default: $MOCHIGO_GO, else go on PATH
  std::string ingestCommand; // default: mochi-go-ingest next to the tool
  std::string sumFile;       // write the two go.sum lines here
  std::string keepMlir;      // write the checked IR here
  bool skipGates = false;
  /// Also write the C face (`cabi/`: the Go wrapper and `<prefix>.h`, made
  /// by the consume direction's pipeline from the published module) and
  /// gate it (c-header, c-archive, c-program).
  bool cHeader = false;
  std::string cCompiler;   // default: $CC, else cc
  std::string cxxCompiler; // default: $CXX, else c++
  std::function<void(llvm::StringRef)> verbose;
};
/// Exit status as mochi-go's: 0, 1 a step (gate) failed, 3 errors in the
/// Mochi package (sources, mochi.toml, the check).
int publish(const Options &options, llvm::raw_ostream &out,
            llvm::raw_ostream &err);

} // namespace publish
} // namespace mochigo

#endif // MOCHIGO_PUBLISH_PUBLISH_H
