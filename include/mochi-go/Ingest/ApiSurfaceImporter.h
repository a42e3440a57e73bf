//===- ApiSurfaceImporter.h - ApiSurface JSON to GoSurface ------*- C++ -*-===//
//
// Part of mochi-go. Reads the ApiSurface JSON written by mochi-go-ingest
// (schema in docs/ApiSurface.md) and builds one `go.module` operation.
//
//===----------------------------------------------------------------------===//

#ifndef MOCHIGO_INGEST_APISURFACEIMPORTER_H
#define MOCHIGO_INGEST_APISURFACEIMPORTER_H

#include "mlir/IR/BuiltinOps.h"
#include "mlir/IR/OwningOpRef.h"
#include "llvm/ADT/StringRef.h"

namespace llvm {
class SourceMgr;
} // namespace llvm

namespace mochigo {
namespace ingest {

/// The schema name and the only version this importer reads.
constexpr llvm::StringLiteral kApiSurfaceSchema = "mochi-go.apisurface";
constexpr int64_t kApiSurfaceVersion = 1;

/// Import the main buffer of `sourceMgr`. Every problem (malformed JSON, an
/// unknown schema or version, a missing or mistyped key, a dangling type
/// reference) is reported through the context's diagnostic engine at its
/// line and column in the JSON text, and the result is null: there is never
/// a partial module. Whole-line `//` comments in the JSON are ignored (test
/// inputs carry `expected-error` annotations that way).
mlir::OwningOpRef<mlir::ModuleOp> importApiSurface(llvm::SourceMgr &sourceMgr,
                                                   mlir::MLIRContext *context);

/// Convenience for tools and tests: import `json`, naming the buffer `name`.
mlir::OwningOpRef<mlir::ModuleOp> importApiSurface(llvm::StringRef json,
                                                   llvm::StringRef name,
                                                   mlir::MLIRContext *context);

/// Register `--import-apisurface` with mlir-translate style tools.
void registerImportApiSurfaceTranslation();

} // namespace ingest
} // namespace mochigo

#endif // MOCHIGO_INGEST_APISURFACEIMPORTER_H
