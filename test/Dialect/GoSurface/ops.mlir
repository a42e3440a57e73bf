// RUN: mochi-go-opt %s -split-input-file | mochi-go-opt -split-input-file | FileCheck %s
// RUN: mochi-go-opt %s -split-input-file -mlir-print-debuginfo -o %t.1.mlir
// RUN: mochi-go-opt %t.1.mlir -split-input-file -mlir-print-debuginfo -o %t.2.mlir
// RUN: diff %t.1.mlir %t.2.mlir
// RUN: FileCheck %s --check-prefix=LOC < %t.1.mlir

// CHECK-LABEL: go.module @"example.com/uuid" version "v1.6.0" attributes {go_version = "1.21", goarch = "amd64", goos = "linux", toolchain = "go1.23.5"}
// CHECK: go.package @"example.com/uuid" name "uuid" attributes {doc = "Package uuid generates UUIDs."}
go.module @"example.com/uuid" version "v1.6.0" attributes {go_version = "1.21", goarch = "amd64", goos = "linux", toolchain = "go1.23.5"} {
  go.package @"example.com/uuid" name "uuid" attributes {doc = "Package uuid generates UUIDs."} {
    // CHECK: go.type @UUID : array<16 x byte> {doc = "A UUID is a 128 bit (16 byte) value."}
    // LOC: go.type @UUID : array<16 x byte> {{.*}} loc([[UUIDLOC:#loc[0-9]+]])
    // LOC: [[UUIDLOC]] = loc("example.com/uuid@v1.6.0/uuid.go":18:6)
    go.type @UUID : array<16 x byte> {doc = "A UUID is a 128 bit (16 byte) value."} loc("example.com/uuid@v1.6.0/uuid.go":18:6)
    // CHECK: go.type @Version : uint8
    go.type @Version : uint8
    // CHECK: go.func @New() -> (_: named<"example.com/uuid.UUID">)
    go.func @New() -> (_: named<"example.com/uuid.UUID">)
    // CHECK: go.func @Parse(s: string) -> (_: named<"example.com/uuid.UUID">, _: error)
    go.func @Parse(s: string) -> (_: named<"example.com/uuid.UUID">, _: error)
    // CHECK: go.method @UUID.String recv(uuid: named<"example.com/uuid.UUID">) () -> (_: string)
    go.method @UUID.String recv(uuid: named<"example.com/uuid.UUID">) () -> (_: string)
    // A receiver without a name.
    // CHECK: go.method @UUID.Version recv(named<"example.com/uuid.UUID">) () -> (_: named<"example.com/uuid.Version">)
    go.method @UUID.Version recv(named<"example.com/uuid.UUID">) () -> (_: named<"example.com/uuid.Version">)
    // CHECK: go.method @UUID.UnmarshalText recv(uuid: ptr<named<"example.com/uuid.UUID">>) (data: slice<byte>) -> (_: error)
    go.method @UUID.UnmarshalText recv(uuid: ptr<named<"example.com/uuid.UUID">>) (data: slice<byte>) -> (_: error)
  }
}

// -----

// CHECK-LABEL: go.module @"example.com/consts"
go.module @"example.com/consts" version "v0.1.0" {
  go.package @"example.com/consts" name "consts" {
    // CHECK: go.const @Big : untyped_int = int "340282366920938463463374607431768211456"
    go.const @Big : untyped_int = int "340282366920938463463374607431768211456"
    // CHECK: go.const @Neg : int64 = int "-9223372036854775808"
    go.const @Neg : int64 = int "-9223372036854775808"
    // CHECK: go.const @Pi : untyped_float = float "3.14159265358979323846264338327950288419716939937510582097494459"
    go.const @Pi : untyped_float = float "3.14159265358979323846264338327950288419716939937510582097494459"
    // CHECK: go.const @Third : float64 = float "1/3"
    go.const @Third : float64 = float "1/3"
    // CHECK: go.const @I : untyped_complex = complex "(0 + 1i)"
    go.const @I : untyped_complex = complex "(0 + 1i)"
    // CHECK: go.const @Yes : untyped_bool = bool "true"
    go.const @Yes : untyped_bool = bool "true"
    // CHECK: go.const @Quote : untyped_string = string "say \22hi\22\0A"
    go.const @Quote : untyped_string = string "say \"hi\"\n"
    // CHECK: go.const @Letter : untyped_rune = int "97"
    go.const @Letter : untyped_rune = int "97"
    // CHECK: go.const @V2 : named<"example.com/consts.Version"> = int "2" {deprecated = "use V3", doc = "V2 is old."}
    go.const @V2 : named<"example.com/consts.Version"> = int "2" {deprecated = "use V3", doc = "V2 is old."}
    go.type @Version : int
  }
}

// -----

// CHECK-LABEL: go.module @"example.com/cobra"
go.module @"example.com/cobra" version "v1.8.0" {
  go.package @"example.com/cobra" name "cobra" {
    // CHECK: go.type @Command struct {
    // CHECK-NEXT: go.field "Use" : string {doc = "Use is the one-line usage message."}
    // CHECK-NEXT: go.field "Aliases" : slice<string>
    // CHECK-NEXT: go.field "Run" : func<(ptr<named<"example.com/cobra.Command">>, slice<string>)>
    // CHECK-NEXT: go.field "Ctx" : named<"context.Context"> tag "json:\22-\22"
    // CHECK-NEXT: go.field "commands" : hidden
    // CHECK-NEXT: }
    go.type @Command struct {
      go.field "Use" : string {doc = "Use is the one-line usage message."}
      go.field "Aliases" : slice<string>
      go.field "Run" : func<(ptr<named<"example.com/cobra.Command">>, slice<string>)>
      go.field "Ctx" : named<"context.Context"> tag "json:\"-\""
      go.field "commands" : hidden
    }
    // CHECK: go.type @Base struct {
    // CHECK-NEXT: go.field "Command" : ptr<named<"example.com/cobra.Command">> embedded
    go.type @Base struct {
      go.field "Command" : ptr<named<"example.com/cobra.Command">> embedded
    }
    // CHECK: go.type @PositionalArgs : func<(ptr<named<"example.com/cobra.Command">>, slice<string>) -> (error)>
    go.type @PositionalArgs : func<(ptr<named<"example.com/cobra.Command">>, slice<string>) -> (error)>
    // CHECK: go.type @Empty struct {
    // CHECK-NEXT: }
    go.type @Empty struct {
    }
    // Hidden: unexported, but mentioned by the exported API.
    // CHECK: go.type @flagSet struct attributes {hidden} {
    go.type @flagSet struct attributes {hidden} {
    }
    // CHECK: go.var @Stats : named<"example.com/cobra.flagSet"> {doc = "Stats."}
    go.var @Stats : named<"example.com/cobra.flagSet"> {doc = "Stats."}
  }
  go.external_type "context.Context" : interface<Done: func<() -> (chan<recv, struct<>>)>, Err: func<() -> (error)>>
}

// -----

// CHECK-LABEL: go.module @"example.com/io"
go.module @"example.com/io" version "v1.0.0" {
  go.package @"example.com/io" name "io" {
    // CHECK: go.type @ReadCloser interface {
    // CHECK-NEXT: go.interface_method "Read"(p: slice<byte>) -> (n: int, err: error) {doc = "Read reads."}
    // CHECK-NEXT: go.embed named<"example.com/io.Closer">
    // CHECK-NEXT: }
    go.type @ReadCloser interface {
      go.interface_method "Read"(p: slice<byte>) -> (n: int, err: error) {doc = "Read reads."}
      go.embed named<"example.com/io.Closer">
    }
    // CHECK: go.type @Closer interface {
    // CHECK-NEXT: go.interface_method "Close"() -> (_: error)
    go.type @Closer interface {
      go.interface_method "Close"() -> (_: error)
    }
    // CHECK: go.type @Any interface {
    // CHECK-NEXT: }
    go.type @Any interface {
    }
    // CHECK: go.alias @RC = named<"example.com/io.ReadCloser">
    go.alias @RC = named<"example.com/io.ReadCloser">
    // CHECK: go.alias @Set<K: comparable> = map<typeparam<"K">, struct<>>
    go.alias @Set<K: comparable> = map<typeparam<"K">, struct<>>
    // CHECK: go.func @Printf(format: string, a: ...any) -> (n: int, err: error)
    go.func @Printf(format: string, a: ...any) -> (n: int, err: error)
  }
}

// -----

// CHECK-LABEL: go.module @"example.com/list"
go.module @"example.com/list" version "v1.0.0" {
  go.package @"example.com/list" name "list" {
    // CHECK: go.type @List<T: any> struct {
    go.type @List<T: any> struct {
      go.field "Head" : ptr<named<"example.com/list.Elem", [typeparam<"T">]>>
    }
    go.type @Elem<T: any> struct {
      go.field "Value" : typeparam<"T">
    }
    // CHECK: go.method @List.Push recv(l: ptr<named<"example.com/list.List", [typeparam<"T">]>>) (v: typeparam<"T">)
    go.method @List.Push recv(l: ptr<named<"example.com/list.List", [typeparam<"T">]>>) (v: typeparam<"T">)
    // A method may rename its receiver's type parameters.
    // CHECK: go.method @List.Len recv(l: ptr<named<"example.com/list.List", [typeparam<"E">]>>) () -> (_: int)
    go.method @List.Len recv(l: ptr<named<"example.com/list.List", [typeparam<"E">]>>) () -> (_: int)
    // CHECK: go.func @Map<T: any, U: any>(l: ptr<named<"example.com/list.List", [typeparam<"T">]>>, f: func<(typeparam<"T">) -> (typeparam<"U">)>) -> (_: ptr<named<"example.com/list.List", [typeparam<"U">]>>)
    go.func @Map<T: any, U: any>(l: ptr<named<"example.com/list.List", [typeparam<"T">]>>, f: func<(typeparam<"T">) -> (typeparam<"U">)>) -> (_: ptr<named<"example.com/list.List", [typeparam<"U">]>>)
    // CHECK: go.func @Sum<N: interface<embed union<tilde int | tilde float64>>>(xs: ...typeparam<"N">) -> (_: typeparam<"N">)
    go.func @Sum<N: interface<embed union<tilde int | tilde float64>>>(xs: ...typeparam<"N">) -> (_: typeparam<"N">)
  }
}
