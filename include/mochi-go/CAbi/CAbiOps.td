//===- CAbiOps.td - wrapper library operations --------------*- tablegen -*-===//
//
// Part of mochi-go.
//
//===----------------------------------------------------------------------===//

#ifndef MOCHIGO_CABI_OPS_TD
#define MOCHIGO_CABI_OPS_TD

include "mochi-go/CAbi/CAbiDialect.td"
include "mochi-go/CAbi/CAbiTypes.td"
include "mlir/IR/SymbolInterfaces.td"
include "mlir/IR/BuiltinAttributes.td"

def CAbi_LibraryOp : CAbi_Op<"library", [
    IsolatedFromAbove, SymbolTable, NoTerminator, SingleBlock,
    NoRegionArguments]> {
  let summary = "the wrapper library of one Go module at one version";
  let description = [{
    ```mlir
    cabi.library @"github.com/google/uuid" version "v1.3.0" prefix "mochigo_uuid" {
      cabi.handle_type @Time : !go.named<"time.Time">
      cabi.package @"github.com/google/uuid" name "uuid" { ... }
    }
    ```
    The name is the module path; the library is not a symbol of the
    enclosing module (it sits next to the `go.module` of the same name).
    Every C symbol of the library starts with `prefix` and an underscore.
    The handle types and records are shared by the packages: one handle pool
    per library.
  }];
  // Not `sym_name`: MLIR's symbol tables take any op with that attribute
  // for a symbol, and the go.module of the same name is one.
  let arguments = (ins SymbolNameAttr:$path, StrAttr:$version,
                       StrAttr:$prefix);
  let regions = (region SizedRegion<1>:$body);
  let assemblyFormat = [{
    $path `version` $version `prefix` $prefix attr-dict-with-keyword $body
  }];
  let hasVerifier = 1;
  let extraClassDeclaration = [{
    ::mlir::Block &getBodyBlock() { return getBody().front(); }
    /// The module path (same as getPath()).
    ::llvm::StringRef getSymName() { return getPath(); }
  }];
}

def CAbi_HandleTypeOp : CAbi_Op<"handle_type", [
    Symbol, HasParent<"LibraryOp">]> {
  let summary = "a Go type whose values are carried as handles";
  let description = [{
    `cabi.handle_type @Node : !go.named<"gopkg.in/yaml.v3.Node">` covers the
    values of `yaml.Node` and of `*yaml.Node` (a named type and a pointer to
    it share one handle type; the pool keeps a pointer). Other types
    (interfaces, funcs, chans, `**T`) have a handle type of their own. The
    symbol is also the Mochi type name (`extern type alias.Node`).

    `boxed`: the type is a named type that is not an interface, so the pool
    keeps its values behind a pointer (`rt.NewValue`, `rt.Val`, `rt.Ptr`);
    other handle values are kept as they are (`rt.New`, `rt.Iface`).
  }];
  let arguments = (ins SymbolNameAttr:$sym_name, TypeAttr:$go_type,
                       UnitAttr:$boxed);
  let assemblyFormat = "$sym_name `:` $go_type (`boxed` $boxed^)? attr-dict";
}

def CAbi_RecordOp : CAbi_Op<"record", [Symbol, HasParent<"LibraryOp">]> {
  let summary = "a Go struct copied field by field into a C struct";
  let description = [{
    ```mlir
    cabi.record @Point : !go.named<"p.Point"> [#cabi.value<"X" : !go.int as si64>]
    ```
    Every field of the Go struct is exported and has a copyable C form.
  }];
  let arguments = (ins SymbolNameAttr:$sym_name, TypeAttr:$go_type,
                       TypedArrayAttrBase<CAbi_ValueAttr, "fields">:$fields);
  let assemblyFormat = "$sym_name `:` $go_type $fields attr-dict";
  let hasVerifier = 1;
}

def CAbi_PackageOp : CAbi_Op<"package", [
    Symbol, SymbolTable, NoTerminator, SingleBlock, NoRegionArguments,
    HasParent<"LibraryOp">]> {
  let summary = "the wrapper package of one Go package";
  let description = [{
    `cabi.package @"gopkg.in/yaml.v3" name "yaml" qualifier "" { ... }`:
    the Go import path, the Go package name, and the Mochi qualifier of its
    declarations (empty for the module's root package, otherwise the path
    below the module root with `/` turned into `.`).
  }];
  let arguments = (ins SymbolNameAttr:$sym_name, StrAttr:$name,
                       StrAttr:$qualifier);
  let regions = (region SizedRegion<1>:$body);
  let assemblyFormat = [{
    $sym_name `name` $name `qualifier` $qualifier attr-dict-with-keyword $body
  }];
  let extraClassDeclaration = [{
    ::mlir::Block &getBodyBlock() { return getBody().front(); }
    ::llvm::StringRef getPath() { return getSymName(); }
  }];
}

def CAbi_ExportOp : CAbi_Op<"export", [Symbol, HasParent<"PackageOp">]> {
  let summary = "one exported C function wrapping one Go declaration";
  let description = [{
    ```mlir
    cabi.export @mochigo_uuid_Parse func "Parse"
        [#cabi.value<"s" : !go.string as !cabi.string>]
        -> [#cabi.value<"r0" : !go.named<"github.com/google/uuid.UUID"> as !cabi.bytes>]
        error
    ```
    The symbol is the C symbol. `go_name` is the Go identifier, by kind:

    - `func`: `Name`;
    - `method`: `Type.Method`, the receiver first among the parameters; a
      method of an interface type from outside the module is
      `<handle type symbol>.Method` (`io_Reader.Read`);
    - `var_get`, `var_set`, `const_get`: `Name`;
    - `new`: `Type.new`, no parameters, a handle to a new zero value of a
      struct type;
    - `box`: `box_string`, `box_int`, `box_float`, `box_bool`, `box_bytes` or
      `box_handle` (lowercase: never a Go name), one parameter, one result of
      the library's `any` handle type: the value as a Go `any`;
    - `field_get`: `Type.Field`, parameters [receiver handle], results
      [the field's value];
    - `field_set`: `Type.set_Field`, parameters [receiver handle, value], no
      results;
    - the goroutine bridge, go_name `<handle type>.<op>`: `chan_make`
      ([capacity si64] -> [the channel's handle]; only `chan T`),
      `chan_send` ([handle, value, timeout_ms si64]), `chan_try_send`
      ([handle, value]), `chan_recv` ([handle, timeout_ms] -> [value]),
      `chan_try_recv` ([handle] -> [value]), `chan_close` ([handle]),
      `chan_len` and `chan_cap` ([handle] -> [si64]); a `struct{}` element
      has no value. Send, receive and close have `error` (the timeout and
      closed statuses). The verifier enforces direction: no send, try_send
      or close on `<-chan T`, no recv or try_recv on `chan<- T`;
    - `func_call`: `<handle type>.call`, the func handle first, then the
      func's parameters and results;
    - `callback`: `<handle type>.callback`, parameters
      [`!cabi.c_func<"F">`, `!cabi.user_data`] -> [`!cabi.handle<"F">`]; the
      C function's signature is the `func_call` export's of the same handle
      type, which must exist.

    `error`: the Go declaration's last result is an `error`, reported through
    the status and not listed in `results`. `variadic`: the last parameter is
    a list passed with `...`. `inout_receiver` (methods only): the Go method
    has a pointer receiver on a type copied by value; the receiver is passed
    by value, the method runs on a copy, and the updated copy is the first
    result, named `self`, before the Go results. The C function is
    `int32_t sym(params..., R *results..., prefix_string *err)`; see
    docs/CAbi.md.

    ```mlir
    cabi.export @mochigo_uuid_UUID_UnmarshalText method "UUID.UnmarshalText"
        [#cabi.value<"uuid" : !go.named<"github.com/google/uuid.UUID"> as !cabi.bytes>,
         #cabi.value<"data" : !go.slice<byte> as !cabi.bytes>]
        -> [#cabi.value<"self" : !go.named<"github.com/google/uuid.UUID"> as !cabi.bytes>]
        error inout_receiver
    ```
  }];
  let arguments = (ins SymbolNameAttr:$sym_name,
                       CAbi_ExportKind:$kind,
                       StrAttr:$go_name,
                       TypedArrayAttrBase<CAbi_ValueAttr, "parameters">:$params,
                       TypedArrayAttrBase<CAbi_ValueAttr, "results">:$results,
                       UnitAttr:$returns_error,
                       UnitAttr:$variadic,
                       OptionalAttr<StrAttr>:$doc,
                       UnitAttr:$inout_receiver);
  let assemblyFormat = [{
    $sym_name $kind $go_name $params `->` $results
    (`error` $returns_error^)? (`variadic` $variadic^)?
    (`inout_receiver` $inout_receiver^)? attr-dict
  }];
  let extraClassDeclaration = [{
    /// The C form of a box function's parameter for `box_<form>`, or null
    /// for a name that is not one of the six.
    static ::mlir::Type boxParamForm(::mlir::MLIRContext *ctx,
                                     ::llvm::StringRef goName);
    /// The checks of the chan_* kinds.
    ::llvm::LogicalResult verifyChannel();
  }];
  let hasVerifier = 1;
}

#endif // MOCHIGO_CABI_OPS_TD
