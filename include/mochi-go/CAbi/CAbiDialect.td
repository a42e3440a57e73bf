//===- CAbiDialect.td - the C ABI boundary dialect ----------*- tablegen -*-===//
//
// Part of mochi-go. The wrappers that carry a Go module across the C ABI.
//
//===----------------------------------------------------------------------===//

#ifndef MOCHIGO_CABI_DIALECT_TD
#define MOCHIGO_CABI_DIALECT_TD

include "mlir/IR/OpBase.td"

def CAbi_Dialect : Dialect {
  let name = "cabi";
  let cppNamespace = "::mochigo::cabi";
  let summary = "The C ABI boundary between a Go module and Mochi";
  let description = [{
    `cabi` describes the wrapper library that carries one Go module across
    the C ABI: the handle types (Go values that never cross into C memory),
    the records (Go structs copied field by field), and one exported wrapper
    function per bridged Go function, method, variable or constant, each
    knowing the Go declaration it wraps and the C form of every parameter
    and result.

    The `typemap` pass decides, on the GoSurface (`go`) dialect, how each
    declaration crosses (`#cabi.crossing`); `handle-pool` and `cgo-export`
    build the `cabi.library`; the printers (Go wrapper package, C header,
    Mochi externs) read only `cabi` operations.

    C forms are types: builtin `i1` (C `bool`), `si8`..`si64`, `ui8`..`ui64`
    (`int8_t`..`uint64_t`), `f32`, `f64`, and the dialect types below.
  }];
  let useDefaultTypePrinterParser = 1;
  let useDefaultAttributePrinterParser = 1;
  let extraClassDeclaration = [{
    void registerTypes();
    void registerAttributes();
  }];
}

class CAbi_Op<string mnemonic, list<Trait> traits = []>
    : Op<CAbi_Dialect, mnemonic, traits>;

#endif // MOCHIGO_CABI_DIALECT_TD
