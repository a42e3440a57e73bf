//===- GoSurfaceOps.td - GoSurface declarations ------------*- tablegen -*-===//
//
// Part of mochi-go. One operation per kind of Go declaration.
//
//===----------------------------------------------------------------------===//

#ifndef MOCHIGO_GOSURFACE_OPS_TD
#define MOCHIGO_GOSURFACE_OPS_TD

include "mochi-go/GoSurface/GoSurfaceDialect.td"
include "mochi-go/GoSurface/GoSurfaceTypes.td"
include "mlir/IR/SymbolInterfaces.td"
include "mlir/IR/OpAsmInterface.td"
include "mlir/IR/BuiltinAttributes.td"

// Attributes every declaration may carry.
defvar DeclDocAttrs = (ins OptionalAttr<StrAttr>:$doc,
                           OptionalAttr<StrAttr>:$deprecated,
                           UnitAttr:$hidden);

//===----------------------------------------------------------------------===//
// Containers
//===----------------------------------------------------------------------===//

def GoSurface_GoModuleOp : GoSurface_Op<"module", [
    IsolatedFromAbove, SymbolTable, Symbol, NoTerminator, SingleBlock,
    NoRegionArguments]> {
  let summary = "a Go module at one version";
  let description = [{
    ```mlir
    go.module @"github.com/google/uuid" version "v1.3.0" {
      go.package @"github.com/google/uuid" name "uuid" { ... }
      go.external_type "time.Time" : struct<wall: hidden, ext: hidden, loc: hidden>
    }
    ```
    Holds one `go.package` per surface package and one `go.external_type` per
    named type declared elsewhere that the surface mentions. The verifier
    checks that every named type whose package is one of the module's
    packages is declared in it (no dangling references).
  }];
  let arguments = (ins SymbolNameAttr:$sym_name, StrAttr:$version,
                       OptionalAttr<StrAttr>:$go_version,
                       OptionalAttr<StrAttr>:$toolchain,
                       OptionalAttr<StrAttr>:$goos,
                       OptionalAttr<StrAttr>:$goarch);
  let regions = (region SizedRegion<1>:$body);
  let assemblyFormat = [{
    $sym_name `version` $version attr-dict-with-keyword $body
  }];
  let hasRegionVerifier = 1;
  let skipDefaultBuilders = 1;
  let builders = [
    OpBuilder<(ins "::llvm::StringRef":$path, "::llvm::StringRef":$version)>
  ];
  let extraClassDeclaration = [{
    ::mlir::Block &getBodyBlock() { return getBody().front(); }
  }];
}

def GoSurface_PackageOp : GoSurface_Op<"package", [
    SymbolTable, Symbol, NoTerminator, SingleBlock, NoRegionArguments,
    HasParent<"GoModuleOp">]> {
  let summary = "a Go package: its import path, name and declarations";
  let description = [{
    `cgo`: some of the package's files import "C" (the package needs cgo to
    build; the embedded profile's `linkname` pass skips it).
  }];
  let arguments = !con((ins SymbolNameAttr:$sym_name, StrAttr:$name,
                            OptionalAttr<StrArrayAttr>:$errors,
                            UnitAttr:$cgo),
                       (ins OptionalAttr<StrAttr>:$doc));
  let regions = (region SizedRegion<1>:$body);
  let assemblyFormat = [{
    $sym_name `name` $name attr-dict-with-keyword $body
  }];
  let hasVerifier = 1;
  let skipDefaultBuilders = 1;
  let builders = [
    OpBuilder<(ins "::llvm::StringRef":$path, "::llvm::StringRef":$name)>
  ];
  let extraClassDeclaration = [{
    ::mlir::Block &getBodyBlock() { return getBody().front(); }
    /// The import path (the symbol name).
    ::llvm::StringRef getPath() { return getSymName(); }
  }];
}

def GoSurface_ExternalTypeOp : GoSurface_Op<"external_type", [
    HasParent<"GoModuleOp">]> {
  let summary = "a named type declared outside the module's surface";
  let description = [{
    `go.external_type "time.Duration" : int64` records the underlying type of
    a named type from the standard library, another module or an internal
    package, so that later passes can tell a `time.Duration` (an integer)
    from an `io.Reader` (an interface). Named types mentioned by the
    underlying type are not chased.
  }];
  let arguments = (ins StrAttr:$qualified_name, TypeAttr:$underlying,
                       DefaultValuedAttr<I64Attr, "0">:$num_type_params);
  let assemblyFormat = [{
    $qualified_name `:` custom<GoType>($underlying) attr-dict
  }];
  let hasVerifier = 1;
}

//===----------------------------------------------------------------------===//
// Declarations
//===----------------------------------------------------------------------===//

def GoSurface_TypeOp : GoSurface_Op<"type", [
    Symbol, NoTerminator, HasParent<"PackageOp">, NoRegionArguments]> {
  let summary = "a defined type: type T U";
  let description = [{
    A type whose underlying type is not a struct or an interface:
    ```mlir
    go.type @UUID : array<16 x byte>
    go.type @Set<T: comparable> : map<typeparam<"T">, struct<>>
    ```
    A struct or interface type lists its fields, methods and embedded types as
    operations, each with its own doc comment and position:
    ```mlir
    go.type @Command struct {
      go.field "Use" : string
      go.field "Base" : named<"p.Base"> embedded
    }
    go.type @ReadCloser interface {
      go.interface_method "Read"(p: slice<byte>) -> (n: int, err: error)
      go.embed named<"io.Closer">
    }
    ```
    `hidden` marks an unexported type that the exported API mentions.
  }];
  let arguments = !con((ins SymbolNameAttr:$sym_name,
                            TypedArrayAttrBase<GoSurface_TypeParamAttr,
                                "type parameters">:$type_params,
                            GoSurface_TypeForm:$form,
                            OptionalAttr<TypeAttr>:$underlying),
                       DeclDocAttrs);
  let regions = (region AnyRegion:$body);
  let hasCustomAssemblyFormat = 1;
  let hasVerifier = 1;
  let extraClassDeclaration = [{
    /// The underlying type; for struct and interface forms it is rebuilt
    /// from the field, method and embed operations.
    ::mlir::Type getUnderlyingType();
    bool isExported() { return !getHidden(); }
  }];
}

def GoSurface_FieldOp : GoSurface_Op<"field", [HasParent<"TypeOp">]> {
  let summary = "a field of a named struct type";
  let arguments = !con((ins StrAttr:$name, TypeAttr:$type, UnitAttr:$embedded,
                            OptionalAttr<StrAttr>:$tag),
                       (ins OptionalAttr<StrAttr>:$doc));
  let assemblyFormat = [{
    $name `:` custom<GoType>($type) (`embedded` $embedded^)? (`tag` $tag^)?
    attr-dict
  }];
  let hasVerifier = 1;
  let extraClassDeclaration = [{
    bool isExported();
  }];
}

def GoSurface_InterfaceMethodOp : GoSurface_Op<"interface_method", [
    HasParent<"TypeOp">]> {
  let summary = "a method of a named interface type";
  let arguments = (ins StrAttr:$name, TypeAttr:$function_type,
                       StrArrayAttr:$arg_names, StrArrayAttr:$result_names,
                       OptionalAttr<StrAttr>:$doc);
  let hasCustomAssemblyFormat = 1;
  let hasVerifier = 1;
  let extraClassDeclaration = [{
    FuncType getSignature() {
      return ::llvm::cast<FuncType>(getFunctionType());
    }
  }];
}

def GoSurface_EmbedOp : GoSurface_Op<"embed", [HasParent<"TypeOp">]> {
  let summary = "an embedded interface or type set of a named interface";
  let arguments = (ins TypeAttr:$type);
  let assemblyFormat = "custom<GoType>($type) attr-dict";
  let hasVerifier = 1;
}

def GoSurface_AliasOp : GoSurface_Op<"alias", [
    Symbol, HasParent<"PackageOp">]> {
  let summary = "a type alias: type A = T";
  let arguments = !con((ins SymbolNameAttr:$sym_name,
                            TypedArrayAttrBase<GoSurface_TypeParamAttr,
                                "type parameters">:$type_params,
                            TypeAttr:$target),
                       DeclDocAttrs);
  let hasCustomAssemblyFormat = 1;
  let hasVerifier = 1;
}

def GoSurface_FuncOp : GoSurface_Op<"func", [
    Symbol, HasParent<"PackageOp">]> {
  let summary = "a package-level function";
  let description = [{
    ```mlir
    go.func @Parse(s: string) -> (_: named<"github.com/google/uuid.UUID">, _: error)
    go.func @Map<K: comparable, V: any>(m: map<typeparam<"K">, typeparam<"V">>) -> (_: slice<typeparam<"K">>)
    ```
    Parameter and result names are kept (`_` when Go has none).
  }];
  let arguments = !con((ins SymbolNameAttr:$sym_name,
                            TypedArrayAttrBase<GoSurface_TypeParamAttr,
                                "type parameters">:$type_params,
                            TypeAttr:$function_type,
                            StrArrayAttr:$arg_names,
                            StrArrayAttr:$result_names),
                       DeclDocAttrs);
  let hasCustomAssemblyFormat = 1;
  let hasVerifier = 1;
  let extraClassDeclaration = [{
    FuncType getSignature() {
      return ::llvm::cast<FuncType>(getFunctionType());
    }
  }];
}

def GoSurface_MethodOp : GoSurface_Op<"method", [
    Symbol, HasParent<"PackageOp">]> {
  let summary = "a method declared on a named type of the same package";
  let description = [{
    ```mlir
    go.method @UUID.String recv(uuid: named<"github.com/google/uuid.UUID">) () -> (_: string)
    go.method @List.Push recv(l: ptr<named<"example.com/g.List", [typeparam<"T">]>>) (v: typeparam<"T">)
    ```
    The symbol is `<receiver type name>.<method name>`. The verifier checks
    that the receiver is a named type (or a pointer to one) of the enclosing
    package whose name matches the symbol.
  }];
  let arguments = !con((ins SymbolNameAttr:$sym_name,
                            TypeAttr:$receiver,
                            StrAttr:$receiver_name,
                            TypeAttr:$function_type,
                            StrArrayAttr:$arg_names,
                            StrArrayAttr:$result_names),
                       DeclDocAttrs);
  let hasCustomAssemblyFormat = 1;
  let hasVerifier = 1;
  let extraClassDeclaration = [{
    FuncType getSignature() {
      return ::llvm::cast<FuncType>(getFunctionType());
    }
    /// The method name (the part of the symbol after the receiver type).
    ::llvm::StringRef getMethodName();
    /// The receiver's type name (the part of the symbol before the dot).
    ::llvm::StringRef getReceiverTypeName();
    bool hasPointerReceiver() {
      return ::llvm::isa<PointerType>(getReceiver());
    }
  }];
}

def GoSurface_ConstOp : GoSurface_Op<"const", [
    Symbol, HasParent<"PackageOp">]> {
  let summary = "a constant with its exact value";
  let description = [{
    ```mlir
    go.const @MaxUint64 : untyped_int = int "18446744073709551615"
    go.const @Pi : untyped_float = float "3.14159265358979323846264338327950288419716939937510582097494459"
    go.const @Version : untyped_string = string "1.0"
    ```
    The value is exact: any-size decimal integers, exact decimals or `p/q`
    rationals for floats, `(re + im i)` for complex, the bytes of a string.
  }];
  let arguments = !con((ins SymbolNameAttr:$sym_name, TypeAttr:$type,
                            GoSurface_ConstKind:$kind, StrAttr:$value),
                       DeclDocAttrs);
  let assemblyFormat = [{
    $sym_name `:` custom<GoType>($type) `=` $kind $value attr-dict
  }];
  let hasVerifier = 1;
}

def GoSurface_VarOp : GoSurface_Op<"var", [
    Symbol, HasParent<"PackageOp">]> {
  let summary = "a package-level variable";
  let arguments = !con((ins SymbolNameAttr:$sym_name, TypeAttr:$type),
                       DeclDocAttrs);
  let assemblyFormat = [{
    $sym_name `:` custom<GoType>($type) attr-dict
  }];
}

#endif // MOCHIGO_GOSURFACE_OPS_TD
