//===- GoSurfaceTypes.td - Go types --------------------------*- tablegen -*-===//
//
// Part of mochi-go. One type for every Go type form.
//
//===----------------------------------------------------------------------===//

#ifndef MOCHIGO_GOSURFACE_TYPES_TD
#define MOCHIGO_GOSURFACE_TYPES_TD

include "mochi-go/GoSurface/GoSurfaceDialect.td"
include "mlir/IR/AttrTypeBase.td"
include "mlir/IR/EnumAttr.td"

//===----------------------------------------------------------------------===//
// Enums
//===----------------------------------------------------------------------===//

def GoSurface_BasicKind : I32EnumAttr<"BasicKind", "Go basic type kind", [
    I32EnumAttrCase<"Bool", 0, "bool">,
    I32EnumAttrCase<"Int", 1, "int">,
    I32EnumAttrCase<"Int8", 2, "int8">,
    I32EnumAttrCase<"Int16", 3, "int16">,
    I32EnumAttrCase<"Int32", 4, "int32">,
    I32EnumAttrCase<"Int64", 5, "int64">,
    I32EnumAttrCase<"Uint", 6, "uint">,
    I32EnumAttrCase<"Uint8", 7, "uint8">,
    I32EnumAttrCase<"Uint16", 8, "uint16">,
    I32EnumAttrCase<"Uint32", 9, "uint32">,
    I32EnumAttrCase<"Uint64", 10, "uint64">,
    I32EnumAttrCase<"Uintptr", 11, "uintptr">,
    I32EnumAttrCase<"Float32", 12, "float32">,
    I32EnumAttrCase<"Float64", 13, "float64">,
    I32EnumAttrCase<"Complex64", 14, "complex64">,
    I32EnumAttrCase<"Complex128", 15, "complex128">,
    I32EnumAttrCase<"String", 16, "string">,
    I32EnumAttrCase<"Byte", 17, "byte">,
    I32EnumAttrCase<"Rune", 18, "rune">,
    I32EnumAttrCase<"UnsafePointer", 19, "unsafe.Pointer">,
    I32EnumAttrCase<"UntypedBool", 20, "untyped_bool">,
    I32EnumAttrCase<"UntypedInt", 21, "untyped_int">,
    I32EnumAttrCase<"UntypedRune", 22, "untyped_rune">,
    I32EnumAttrCase<"UntypedFloat", 23, "untyped_float">,
    I32EnumAttrCase<"UntypedComplex", 24, "untyped_complex">,
    I32EnumAttrCase<"UntypedString", 25, "untyped_string">,
    I32EnumAttrCase<"UntypedNil", 26, "untyped_nil">,
    I32EnumAttrCase<"Invalid", 27, "invalid">
  ]> {
  let cppNamespace = "::mochigo::gosurface";
  let genSpecializedAttr = 0;
}

def GoSurface_ChanDir : I32EnumAttr<"ChanDir", "Go channel direction", [
    I32EnumAttrCase<"Both", 0, "both">,
    I32EnumAttrCase<"Send", 1, "send">,
    I32EnumAttrCase<"Recv", 2, "recv">
  ]> {
  let cppNamespace = "::mochigo::gosurface";
  let genSpecializedAttr = 0;
}

def GoSurface_ConstKind : I32EnumAttr<"ConstKind", "kind of a constant value", [
    I32EnumAttrCase<"Bool", 0, "bool">,
    I32EnumAttrCase<"String", 1, "string">,
    I32EnumAttrCase<"Int", 2, "int">,
    I32EnumAttrCase<"Float", 3, "float">,
    I32EnumAttrCase<"Complex", 4, "complex">
  ]> {
  let cppNamespace = "::mochigo::gosurface";
}

def GoSurface_TypeForm : I32EnumAttr<"TypeForm",
    "how a named type declaration holds its underlying type", [
    I32EnumAttrCase<"Defined", 0, "defined">,
    I32EnumAttrCase<"Struct", 1, "struct">,
    I32EnumAttrCase<"Interface", 2, "interface">
  ]> {
  let cppNamespace = "::mochigo::gosurface";
}

//===----------------------------------------------------------------------===//
// Types
//===----------------------------------------------------------------------===//

class GoSurface_Type<string name, string typeMnemonic, list<Trait> traits = []>
    : TypeDef<GoSurface_Dialect, name, traits> {
  let mnemonic = typeMnemonic;
}

def GoSurface_BasicType : TypeDef<GoSurface_Dialect, "Basic"> {
  let summary = "a Go basic type: bool, sized integers, floats, complex, "
                "string, byte, rune, unsafe.Pointer, and the untyped kinds";
  let description = [{
    Written with the Go spelling as the mnemonic: `!go.int32`, `!go.string`,
    `!go.byte`, `!go.unsafe.Pointer`. Untyped constant kinds use an underscore:
    `!go.untyped_int`, `!go.untyped_float`. `byte` and `rune` keep their
    spelling (go/types keeps it too); they are identical to `uint8` and
    `int32` for Go. `!go.invalid` is a type go/types could not determine
    because of a load or type error (the package's `errors` say which);
    later passes skip whatever mentions it.
  }];
  let typeName = "go.basic";
  let parameters = (ins "::mochigo::gosurface::BasicKind":$kind);
  let extraClassDeclaration = [{
    bool isInteger() const;
    bool isUnsigned() const;
    bool isFloat() const;
    bool isComplex() const;
    bool isUntyped() const;
    /// Bit width for sized kinds, 64 for int/uint/uintptr, 0 otherwise.
    unsigned getBitWidth() const;
  }];
}

def GoSurface_ErrorType : GoSurface_Type<"Error", "error"> {
  let summary = "the predeclared interface type error";
}

def GoSurface_AnyType : GoSurface_Type<"Any", "any"> {
  let summary = "any, the empty interface interface{}";
}

def GoSurface_ComparableType : GoSurface_Type<"Comparable", "comparable"> {
  let summary = "the predeclared constraint comparable";
}

def GoSurface_HiddenType : GoSurface_Type<"Hidden", "hidden"> {
  let summary = "the type of an unexported struct field (not recorded)";
  let description = [{
    Unexported struct fields are part of a struct's shape (a struct with one
    is not a plain record for the bridge) but not of its API, so their type
    is not recorded.
  }];
}

def GoSurface_NamedType : GoSurface_Type<"Named", "named"> {
  let summary = "a defined (named) Go type, possibly instantiated";
  let description = [{
    `!go.named<"github.com/google/uuid.UUID">` names a type by its package
    path and name, joined with the last `.` (a type name never holds a dot).
    An instantiated generic type lists its type arguments:
    `!go.named<"example.com/list.List", [int]>`. A named type declared in a
    package of the enclosing `go.module` must be declared there
    (`go.type` or `go.alias`); the module verifier refuses a dangling one.
  }];
  let parameters = (ins StringRefParameter<"package import path">:$pkg,
                        StringRefParameter<"type name">:$name,
                        OptionalArrayRefParameter<"::mlir::Type">:$args);
  let hasCustomAssemblyFormat = 1;
  let genVerifyDecl = 1;
  let builders = [
    TypeBuilder<(ins "::llvm::StringRef":$pkg, "::llvm::StringRef":$name), [{
      return $_get($_ctxt, pkg, name, ::llvm::ArrayRef<::mlir::Type>());
    }]>
  ];
  let extraClassDeclaration = [{
    /// "pkg.Name", as Go's types.TypeString spells it without arguments.
    std::string getQualifiedName() const;
  }];
}

def GoSurface_TypeParamType : GoSurface_Type<"TypeParam", "typeparam"> {
  let summary = "a type parameter of the enclosing generic declaration";
  let parameters = (ins StringRefParameter<"parameter name">:$name);
  let assemblyFormat = "`<` $name `>`";
  let genVerifyDecl = 1;
}

def GoSurface_PointerType : GoSurface_Type<"Pointer", "ptr"> {
  let summary = "a Go pointer type *T";
  let parameters = (ins "::mlir::Type":$elem);
  let hasCustomAssemblyFormat = 1;
}

def GoSurface_SliceType : GoSurface_Type<"Slice", "slice"> {
  let summary = "a Go slice type []T";
  let parameters = (ins "::mlir::Type":$elem);
  let hasCustomAssemblyFormat = 1;
}

def GoSurface_ArrayType : GoSurface_Type<"Array", "array"> {
  let summary = "a Go array type [N]T, written array<N x T>";
  let parameters = (ins "int64_t":$length, "::mlir::Type":$elem);
  let hasCustomAssemblyFormat = 1;
  let genVerifyDecl = 1;
}

def GoSurface_MapType : GoSurface_Type<"Map", "map"> {
  let summary = "a Go map type map[K]V, written map<K, V>";
  let parameters = (ins "::mlir::Type":$key, "::mlir::Type":$elem);
  let hasCustomAssemblyFormat = 1;
  let genVerifyDecl = 1;
}

def GoSurface_ChanType : GoSurface_Type<"Chan", "chan"> {
  let summary = "a Go channel type";
  let description = [{
    `chan T` is `!go.chan<T>`, `chan<- T` is `!go.chan<send, T>` and
    `<-chan T` is `!go.chan<recv, T>`.
  }];
  let parameters = (ins "::mochigo::gosurface::ChanDir":$dir,
                        "::mlir::Type":$elem);
  let hasCustomAssemblyFormat = 1;
}

def GoSurface_FuncType : GoSurface_Type<"Func", "func"> {
  let summary = "a Go function signature";
  let description = [{
    `func(string, ...any) (int, error)` is
    `!go.func<(string, ...any) -> (int, error)>`; a signature without results
    drops the arrow: `!go.func<(int)>`. A variadic signature's last parameter
    has a slice type and is printed with `...` and its element type.
  }];
  let parameters = (ins OptionalArrayRefParameter<"::mlir::Type">:$inputs,
                        OptionalArrayRefParameter<"::mlir::Type">:$results,
                        "bool":$variadic);
  let hasCustomAssemblyFormat = 1;
  let genVerifyDecl = 1;
}

def GoSurface_StructType : GoSurface_Type<"Struct", "struct"> {
  let summary = "an anonymous Go struct type";
  let description = [{
    `!go.struct<X: int, Y: string tag "json:\"y\"", Base: named<"p.Base"> embedded, mu: hidden>`.
    A named struct type is declared with `go.type ... struct { go.field ... }`
    instead, which also keeps each field's doc comment and position.
  }];
  let parameters = (ins
    OptionalArrayRefParameter<"::mochigo::gosurface::StructField">:$fields);
  let hasCustomAssemblyFormat = 1;
  let genVerifyDecl = 1;
}

def GoSurface_InterfaceType : GoSurface_Type<"Interface", "interface"> {
  let summary = "an anonymous Go interface type or constraint";
  let description = [{
    `!go.interface<Read: func<(slice<byte>) -> (int, error)>, embed named<"io.Closer">>`;
    a constraint with a type set embeds a union:
    `!go.interface<embed union<tilde int | string>>`. The empty interface is
    `!go.any`.
  }];
  let parameters = (ins
    OptionalArrayRefParameter<"::mochigo::gosurface::InterfaceMethod">:$methods,
    OptionalArrayRefParameter<"::mlir::Type">:$embeds);
  let hasCustomAssemblyFormat = 1;
  let genVerifyDecl = 1;
}

def GoSurface_UnionType : GoSurface_Type<"Union", "union"> {
  let summary = "a union of type terms in a constraint (~int | string)";
  let description = [{
    Go's `~T` (every type whose underlying type is T) is written `tilde T`,
    since `~` is not an MLIR token: `!go.union<tilde int | tilde int64 | string>`.
  }];
  let parameters = (ins ArrayRefParameter<"::mochigo::gosurface::UnionTerm">:$terms);
  let hasCustomAssemblyFormat = 1;
  let genVerifyDecl = 1;
}

//===----------------------------------------------------------------------===//
// Attributes
//===----------------------------------------------------------------------===//

def GoSurface_TypeParamAttr : AttrDef<GoSurface_Dialect, "TypeParam"> {
  let mnemonic = "type_param";
  let summary = "a type parameter with its constraint";
  let parameters = (ins StringRefParameter<"name">:$name,
                        "::mlir::Type":$constraint);
  let assemblyFormat = "`<` $name `:` $constraint `>`";
}

#endif // MOCHIGO_GOSURFACE_TYPES_TD
