//===- Emit.h - printers of the wrapper library -----------------*- C++ -*-===//
//
// Part of mochi-go. Printers that read `cabi` (and the typemap's decisions on
// `go`) and write the Go wrapper module, the C header, the Mochi externs and
// the skip report. All are deterministic: the same IR gives the same bytes.
//
//===----------------------------------------------------------------------===//

#ifndef MOCHIGO_EMIT_EMIT_H
#define MOCHIGO_EMIT_EMIT_H

#include "mlir/IR/BuiltinOps.h"
#include "mlir/Support/LogicalResult.h"
#include "llvm/Support/raw_ostream.h"

#include <string>

namespace mochigo {
namespace emit {

/// The Go wrapper module of the single `cabi.library` in `module` (go.mod,
/// main.go, rt/rt.go, w/<dir>/wrap.go), as one stream in LLVM split-file form
/// (`//--- <path>` lines). See docs/CAbi.md.
mlir::LogicalResult emitGoWrapper(mlir::ModuleOp module, llvm::raw_ostream &os);

struct GoWrapperOptions {
  /// The import path of the wrapper's main package. Empty: the wrapper is a
  /// module of its own, `mochigo.local/<prefix>`, with a go.mod that
  /// requires the wrapped module. Given: the wrapper is a directory of an
  /// existing module at that import path (`mochi-go publish --c-header`
  /// puts it in `<module>/cabi` of the published module, docs/Publish.md),
  /// and no go.mod is printed.
  std::string importRoot;
};
mlir::LogicalResult emitGoWrapper(mlir::ModuleOp module,
                                  const GoWrapperOptions &options,
                                  llvm::raw_ostream &os);
/// The Go wrapper module of the embedded profile (no cgo; //go:wasmexport
/// for GOOS=wasip1 GOARCH=wasm) of the single `cabi.library` in `module`,
/// which the `linkname` pass lowered; split-file form as emitGoWrapper. See
/// docs/CAbi.md, "The embedded profile".
mlir::LogicalResult emitGoWasmWrapper(mlir::ModuleOp module,
                                      llvm::raw_ostream &os);

/// The C header `<prefix>.h` of the single `cabi.library` in `module`.
mlir::LogicalResult emitCHeader(mlir::ModuleOp module, llvm::raw_ostream &os);

struct MochiExternOptions {
  /// The Mochi alias of the import; empty: derived from the module path
  /// (typemap::defaultAlias).
  std::string alias;
};

/// The Mochi extern file `<alias>.mochi` (Mochi, by Mochi's grammar) and
/// its C bindings `<alias>.bindings.yaml` of the single `cabi.library` in
/// `module`, in split-file form. See docs/MochiExterns.md.
mlir::LogicalResult emitMochiExterns(mlir::ModuleOp module,
                                     const MochiExternOptions &options,
                                     llvm::raw_ostream &os);

/// The skip report of every `go.module` in `module`, from the `cabi.crossing`
/// attributes the typemap pass set. See docs/SkipReport.md.
mlir::LogicalResult emitSkipReport(mlir::ModuleOp module,
                                   llvm::raw_ostream &os);

/// Register --emit-go-wrapper, --emit-go-wasm-wrapper, --emit-c-header,
/// --emit-mochi-externs (with --mochi-alias) and --emit-skip-report with
/// mlir-translate.
void registerEmitTranslations();

} // namespace emit
} // namespace mochigo

#endif // MOCHIGO_EMIT_EMIT_H
