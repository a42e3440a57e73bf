//===- CAbiTypes.td - C forms and crossing decisions --------*- tablegen -*-===//
//
// Part of mochi-go.
//
//===----------------------------------------------------------------------===//

#ifndef MOCHIGO_CABI_TYPES_TD
#define MOCHIGO_CABI_TYPES_TD

include "mochi-go/CAbi/CAbiDialect.td"
include "mlir/IR/AttrTypeBase.td"
include "mlir/IR/EnumAttr.td"

//===----------------------------------------------------------------------===//
// Enums
//===----------------------------------------------------------------------===//

def CAbi_CrossingKind : I32EnumAttr<"CrossingKind",
    "how a Go declaration crosses into Mochi", [
    I32EnumAttrCase<"Bridged", 0, "bridged">,
    I32EnumAttrCase<"Handle", 1, "handle">,
    I32EnumAttrCase<"Skipped", 2, "skipped">
  ]> {
  let cppNamespace = "::mochigo::cabi";
  let genSpecializedAttr = 0;
}

// The closed set of reasons a declaration is not bridged. The string of each
// case is its stable token (skip reports, golden files, docs/TypeMap.md).
def CAbi_SkipReason : I32EnumAttr<"SkipReason",
    "why a Go declaration is not bridged", [
    I32EnumAttrCase<"ComplexNumber", 0, "complex_number">,
    I32EnumAttrCase<"UnsafePointer", 1, "unsafe_pointer">,
    I32EnumAttrCase<"Generic", 2, "uninstantiated_generic">,
    I32EnumAttrCase<"InvalidType", 3, "invalid_type">,
    I32EnumAttrCase<"UnexportedType", 4, "unexported_type">,
    I32EnumAttrCase<"InternalType", 5, "internal_type">,
    I32EnumAttrCase<"MapKey", 6, "map_key_not_scalar">,
    I32EnumAttrCase<"ConstOverflow", 7, "const_out_of_range">,
    I32EnumAttrCase<"Constraint", 8, "constraint_interface">,
    I32EnumAttrCase<"RecursiveValue", 9, "recursive_value">,
    // The embedded profile's (the `linkname` pass), past the typemap's: a
    // declaration the cgo profile bridges but a build without cgo cannot.
    I32EnumAttrCase<"CgoPackage", 10, "cgo_package">,
    I32EnumAttrCase<"UnsafeApi", 11, "unsafe_api">,
    I32EnumAttrCase<"CMemoryForm", 12, "c_memory_form">,
    I32EnumAttrCase<"AnonymousHandle", 13, "anonymous_handle">
  ]> {
  let cppNamespace = "::mochigo::cabi";
  let genSpecializedAttr = 0;
}

def CAbi_ExportKind : I32EnumAttr<"ExportKind",
    "what an exported wrapper does", [
    I32EnumAttrCase<"Func", 0, "func">,
    I32EnumAttrCase<"Method", 1, "method">,
    I32EnumAttrCase<"VarGet", 2, "var_get">,
    I32EnumAttrCase<"VarSet", 3, "var_set">,
    I32EnumAttrCase<"ConstGet", 4, "const_get">,
    I32EnumAttrCase<"New", 5, "new">,
    I32EnumAttrCase<"Box", 6, "box">,
    I32EnumAttrCase<"FieldGet", 7, "field_get">,
    I32EnumAttrCase<"FieldSet", 8, "field_set">,
    I32EnumAttrCase<"ChanMake", 9, "chan_make">,
    I32EnumAttrCase<"ChanSend", 10, "chan_send">,
    I32EnumAttrCase<"ChanTrySend", 11, "chan_try_send">,
    I32EnumAttrCase<"ChanRecv", 12, "chan_recv">,
    I32EnumAttrCase<"ChanTryRecv", 13, "chan_try_recv">,
    I32EnumAttrCase<"ChanClose", 14, "chan_close">,
    I32EnumAttrCase<"ChanLen", 15, "chan_len">,
    I32EnumAttrCase<"ChanCap", 16, "chan_cap">,
    I32EnumAttrCase<"FuncCall", 17, "func_call">,
    I32EnumAttrCase<"Callback", 18, "callback">
  ]> {
  let cppNamespace = "::mochigo::cabi";
}

//===----------------------------------------------------------------------===//
// Types: the C forms
//===----------------------------------------------------------------------===//

class CAbi_Type<string name, string typeMnemonic, list<Trait> traits = []>
    : TypeDef<CAbi_Dialect, name, traits> {
  let mnemonic = typeMnemonic;
}

def CAbi_StringType : CAbi_Type<"String", "string"> {
  let summary = "a Go string: `struct { char *data; int64_t len; }`";
  let description = [{
    Any bytes, NUL included; `len` counts them. An input is borrowed (Go
    copies it); an output is allocated with `malloc` and owned by the caller.
  }];
}

def CAbi_BytesType : CAbi_Type<"Bytes", "bytes"> {
  let summary = "a Go []byte or [N]byte: `struct { uint8_t *data; int64_t len; }`";
}

def CAbi_ErrorType : CAbi_Type<"Error", "error"> {
  let summary = "a Go error value as its message; `data == NULL` is nil";
}

def CAbi_HandleType : CAbi_Type<"Handle", "handle"> {
  let summary = "a Go value held in the handle pool: a `uint64_t`, 0 is nil";
  let description = [{
    `!cabi.handle<"Node">` names the `cabi.handle_type @Node` of the
    enclosing `cabi.library`.
  }];
  let parameters = (ins StringRefParameter<"handle type symbol">:$name);
  let assemblyFormat = "`<` $name `>`";
}

def CAbi_CFuncType : CAbi_Type<"CFunc", "c_func"> {
  let summary = "a C function pointer called back as a Go func value";
  let description = [{
    `!cabi.c_func<"Func_int_to_int">` is the C type `<prefix>_<name>_fn`:
    `int32_t (*)(void *user, params..., results *..., <prefix>_string *err)`,
    the parameters and results being those of the `func_call` export of the
    handle type `name` without the handle. Only a `callback` export takes
    one.
  }];
  let parameters = (ins StringRefParameter<"handle type symbol">:$name);
  let assemblyFormat = "`<` $name `>`";
}

def CAbi_UserDataType : CAbi_Type<"UserData", "user_data"> {
  let summary = "the caller's `void *`, passed back to its C function";
  let description = [{
    Opaque to Go: never read, written or freed; only a `callback` export
    takes one.
  }];
}

def CAbi_ListType : CAbi_Type<"List", "list"> {
  let summary = "a copied Go slice or array: `struct { T *data; int64_t len; }`";
  let parameters = (ins "::mlir::Type":$elem);
  let assemblyFormat = "`<` $elem `>`";
}

def CAbi_MapType : CAbi_Type<"Map", "map"> {
  let summary = "a copied Go map: `struct { K *keys; V *values; int64_t len; }`";
  let parameters = (ins "::mlir::Type":$key, "::mlir::Type":$value);
  let assemblyFormat = "`<` $key `,` $value `>`";
}

def CAbi_RecordType : CAbi_Type<"Record", "record"> {
  let summary = "a copied Go struct: the C struct of a `cabi.record`";
  let parameters = (ins StringRefParameter<"record symbol">:$name);
  let assemblyFormat = "`<` $name `>`";
}

//===----------------------------------------------------------------------===//
// Attributes
//===----------------------------------------------------------------------===//

def CAbi_CrossingAttr : AttrDef<CAbi_Dialect, "Crossing"> {
  let mnemonic = "crossing";
  let summary = "the typemap's decision for one Go declaration";
  let description = [{
    Set by `typemap` as the discardable attribute `cabi.crossing` on every
    exported `go` declaration:
    `#cabi.crossing<bridged>` (every value crosses by copy),
    `#cabi.crossing<handle>` (at least one value is carried as a handle),
    `#cabi.crossing<skipped unsafe_pointer "parameter p: unsafe.Pointer">`
    (not bridged, with the reason and what caused it).
  }];
  let parameters = (ins "::mochigo::cabi::CrossingKind":$kind,
                        OptionalParameter<"std::optional<::mochigo::cabi::SkipReason>">:$reason,
                        StringRefParameter<"what caused the skip", "\"\"">:$detail);
  let hasCustomAssemblyFormat = 1;
  let genVerifyDecl = 1;
}

def CAbi_ValueAttr : AttrDef<CAbi_Dialect, "Value"> {
  let mnemonic = "value";
  let summary = "a parameter, result or field: name, Go type and C form";
  let description = [{
    `#cabi.value<"s" : !go.string as !cabi.string>`.
  }];
  let parameters = (ins StringRefParameter<"name">:$name,
                        "::mlir::Type":$go_type,
                        "::mlir::Type":$abi_type);
  let assemblyFormat = "`<` $name `:` $go_type `as` $abi_type `>`";
}

#endif // MOCHIGO_CABI_TYPES_TD
