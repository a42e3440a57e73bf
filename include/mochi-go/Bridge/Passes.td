//===- Passes.td - passes from GoSurface to the C ABI ------*- tablegen -*-===//
//
// Part of mochi-go. typemap -> handle-pool -> cgo-export (the cgo profile)
// or linkname (the embedded profile).
//
//===----------------------------------------------------------------------===//

#ifndef MOCHIGO_BRIDGE_PASSES_TD
#define MOCHIGO_BRIDGE_PASSES_TD

include "mlir/Pass/PassBase.td"

def Typemap : Pass<"typemap", "::mochigo::gosurface::GoModuleOp"> {
  let summary = "Decide how every exported Go declaration crosses into Mochi";
  let description = [{
    Applies the closed type map (docs/TypeMap.md) to every exported
    declaration of the module (functions, methods, types, aliases, variables,
    constants) and records the decision as the discardable attribute
    `cabi.crossing`:
    - `#cabi.crossing<bridged>`: every value crosses by copy;
    - `#cabi.crossing<handle>`: at least one value is carried as a handle;
    - `#cabi.crossing<skipped REASON "detail">`: not bridged, with a reason
      from the closed set and the parameter or type that caused it.

    Unexported types that the API mentions (`hidden`) and their methods are
    not part of the API and get no decision. With `strict`, a skipped
    declaration is an error instead (for modules that must bridge whole).
  }];
  let dependentDialects = ["::mochigo::cabi::CAbiDialect"];
  let options = [
    Option<"strict", "strict", "bool", /*default=*/"false",
           "Fail on the first declaration that would be skipped">
  ];
}

def HandlePool : Pass<"handle-pool", "::mlir::ModuleOp"> {
  let summary = "Create the wrapper library and its handle types";
  let description = [{
    For every `go.module` whose declarations carry `cabi.crossing` (run
    `typemap` first), creates a `cabi.library` with the same symbol and
    version, and one `cabi.handle_type` per Go type that a bridged
    declaration carries as a handle. A named type `N` and `*N` share one
    handle type (keyed by `N`; `boxed` unless `N` is an interface); every
    other type (interfaces, funcs, chans, `any`) is its own key.

    A channel type in a method signature of a named interface type that
    has a handle type (context.Context's `Done() <-chan struct{}`, embedded
    interfaces included) gets its handle type too, so that `cgo-export` can
    export the method and the channel's operations (channels only: nothing
    cascades).

    The library's C symbol prefix is the `prefix` option, by default
    `mochigo_<alias>`, `<alias>` being the last element of the module path
    without a major-version suffix (`mochigo_uuid`, `mochigo_yaml` for
    `gopkg.in/yaml.v3`). A standard-library surface of one package (module
    `std`, docs/ApiSurface.md) takes the package path instead
    (`mochigo_strings`, `mochigo_url` for `net/url`), and that package
    stands for the module's root package in every name below and in
    `cgo-export` (`Replacer`, `mochigo_strings_ToUpper`).

    Handle type names: `Name` for a type of the module's root package,
    `<dir>_Name` for a type of another package of the module, `<pkg>_Name`
    for a type from outside the module (`time_Time`), with `_ptr` added when
    values of the named type are copied and only pointers to it are handles
    (`UUID_ptr` for `*uuid.UUID`), `Any`, and
    `Chan_<elem>`, `RecvChan_<elem>`, `SendChan_<elem>` for channels and
    `Func_<params>_to_<results>` for funcs whose elements have a simple
    spelling (`Chan_int`, `RecvChan_Time`, `Func_int_to_int`,
    `Func_ptr_Flag`), and `Func_<hash>`, `Chan_<hash>`, `Ptr_<hash>`,
    `Iface_<hash>`, `Struct_<hash>` (8 hex digits of the SHA-256 of the Go
    spelling) for other unnamed types; a clash gets `_2`, `_3`, ...

    The pool itself (new/get/release/live) is generated into the wrapper's
    `rt` package by the Go printer (docs/CAbi.md).
  }];
  let dependentDialects = ["::mochigo::cabi::CAbiDialect"];
  let options = [
    Option<"prefix", "prefix", "std::string", /*default=*/"\"\"",
           "C symbol prefix of the library (default: mochigo_<alias>)">
  ];
}

def CgoExport : Pass<"cgo-export", "::mlir::ModuleOp"> {
  let summary = "Create one C ABI export per bridged declaration";
  let description = [{
    For every `cabi.library` (run `handle-pool` first), creates a
    `cabi.package` per Go package with bridged declarations and in it one
    `cabi.export` per bridged or handle-carried function (`func`), method
    (`method`, the receiver first; a method of a handle-carried type takes
    the handle), variable (`var_get`, and `var_set` when its type can be
    named) and constant (`const_get`), plus a `cabi.record` per struct type
    copied as a record. C symbols are `<prefix>_<Name>`,
    `<prefix>_<Type>_<Method>`, `<prefix>_<Name>_get`/`_set`, with
    `<dir>_` after the prefix for packages other than the module's root
    (the one package of a standard-library surface is the root, see
    `handle-pool`). A declaration the typemap skipped gets no export.

    A method with a pointer receiver on a type copied by value takes and
    returns the receiver by value (`inout_receiver`, the updated receiver
    `self` first among the results). Beyond the declarations:
    - `new` (`<Type>_new`) and, for every exported field of a
      handle-carried struct type, `field_get` (`<Type>_<Field>_get`,
      go_name `Type.Field`) and `field_set` (`<Type>_<Field>_set`, go_name
      `Type.set_Field`) when the field's type has a C form as a result
      (getter) or a nameable parameter (setter);
    - for every named interface type with a handle type, a `method` per
      exported method (embedded named interfaces included): go_name
      `Type.Method` in the type's package for a type of the module,
      `<handle type>.Method` (`io_Reader.Read`, C symbol
      `<prefix>_io_Reader_Read`) in the first `cabi.package` for a type from
      outside;
    - when the library has a handle type for `any`, six `box` exports in the
      first `cabi.package`: `<prefix>_box_string`, `_box_int`, `_box_float`,
      `_box_bool`, `_box_bytes`, `_box_handle` (go_name `box_<form>`);
    - the goroutine bridge, in the first `cabi.package`: for every channel
      handle type `C`, the `chan_*` exports its direction allows
      (`<prefix>_C_make` for `chan T`, `_send`, `_try_send`, `_recv`,
      `_try_recv`, `_close`, `_len`, `_cap`); for every func handle type
      `F`, `func_call` (`<prefix>_F_call`) and, when every parameter and
      result is a scalar, string or handle, `callback`
      (`<prefix>_F_callback`: a C function pointer and user data made into
      a func of type F; docs/CAbi.md); a func handle type without a
      callback gets the discardable attribute `callback_skipped` with the
      reason.
    Field accessors, interface methods, channel operations that carry the
    element, `call` and `callback` are made only when every value they
    carry has a handle type the library already has (nothing new is
    added to the handle pool here, so nothing cascades).
  }];
  let dependentDialects = ["::mochigo::cabi::CAbiDialect"];
}

def Linkname : Pass<"linkname", "::mlir::ModuleOp"> {
  let summary = "Create the exports of the embedded profile (no cgo)";
  let description = [{
    The alternative to `cgo-export` for targets where cgo is off
    (`GOOS=wasip1 GOARCH=wasm`, docs/Embedded.md): the wrapper exports its
    functions with `//go:wasmexport` instead of cgo's `//export`, so only
    values that cross without C memory are allowed. Run after `typemap` and
    `handle-pool`; makes the exports `cgo-export` would make (same symbols,
    kinds and values), then keeps only those in the embedded subset and
    marks the library `cabi.profile = "embedded"`.

    The subset is a closed list. A value crosses when its C form is an
    integer, `i1`, a float, `!cabi.string`, `!cabi.bytes`, `!cabi.error` or
    a `!cabi.handle` whose handle type is a named type, a pointer to one, or
    `any`. Anything else is dropped, and a declaration whose export is
    dropped (func, method, var, const) gets
    `#cabi.crossing<skipped REASON "detail">` in place of the typemap's
    decision, so the skip report counts it:
    - `cgo_package`: the declaration's package imports "C" (the `go.package`
      has `cgo`), or a value's type is declared in such a package; every
      export that names that package is dropped (its box functions and the
      methods of interfaces from outside the module, which only sit in its
      wrapper, stay);
    - `unsafe_api`: a value is a `uintptr` (Go's integer for addresses;
      refused whatever it holds, a descriptor or a program counter too);
    - `c_memory_form`: a value's form is a list, map or record (in the cgo
      profile it crosses in C memory that only cgo allocates);
    - `anonymous_handle`: a value is carried as a handle of an unnamed func,
      chan, struct, interface or pointer type.
    The first value that fails names the detail (`parameter b:
    []string`). Exports that are not declarations (field accessors,
    interface methods, `new`, box functions) are dropped without a mark.
    Records, and handle types that no export left uses, are removed.
  }];
  let dependentDialects = ["::mochigo::cabi::CAbiDialect"];
}

#endif // MOCHIGO_BRIDGE_PASSES_TD
