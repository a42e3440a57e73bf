//===- GoSurfaceDialect.td - the GoSurface dialect ---------*- tablegen -*-===//
//
// Part of mochi-go. The exported API of one Go module at one version, as typed
// IR.
//
//===----------------------------------------------------------------------===//

#ifndef MOCHIGO_GOSURFACE_DIALECT_TD
#define MOCHIGO_GOSURFACE_DIALECT_TD

include "mlir/IR/OpBase.td"

def GoSurface_Dialect : Dialect {
  let name = "go";
  let cppNamespace = "::mochigo::gosurface";
  let summary = "The exported API of a Go module, as typed IR";
  let description = [{
    GoSurface (`go`) holds the exported API of one Go module at one version:
    its packages, and in each package the constants, variables, types,
    aliases, functions and methods it exports, with their exact Go types, doc
    comments, deprecation notices and source positions (as MLIR locations of
    the form `"module@version/file.go":line:col`).

    Declarations are operations; Go types are dialect types whose textual form
    follows Go's spelling: `!go.slice<byte>`, `!go.map<string, any>`,
    `!go.func<(string, ...any) -> (int, error)>`,
    `!go.named<"github.com/google/uuid.UUID">`. Types nested inside a `go`
    type or a `go` operation are printed without the `!go.` prefix.

    The IR is produced by importing ApiSurface JSON (see
    `docs/ApiSurface.md`) with `mochi-go-translate --import-apisurface`, and is
    the input of the bridge's lowering passes.
  }];
  let useDefaultTypePrinterParser = 0;
  let useDefaultAttributePrinterParser = 1;
  let extraClassDeclaration = [{
    void registerTypes();
    void registerAttributes();
    ::mlir::Type parseType(::mlir::DialectAsmParser &parser) const override;
    void printType(::mlir::Type type,
                   ::mlir::DialectAsmPrinter &printer) const override;
  }];
}

class GoSurface_Op<string mnemonic, list<Trait> traits = []>
    : Op<GoSurface_Dialect, mnemonic, traits>;

#endif // MOCHIGO_GOSURFACE_DIALECT_TD
