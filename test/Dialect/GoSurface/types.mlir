// RUN: mochi-go-opt %s -split-input-file | mochi-go-opt -split-input-file | FileCheck %s
// RUN: mochi-go-opt %s -split-input-file -o %t.1.mlir
// RUN: mochi-go-opt %t.1.mlir -split-input-file -o %t.2.mlir
// RUN: diff %t.1.mlir %t.2.mlir

// Every Go type form, printed the Go-like way inside go.var.

// CHECK-LABEL: go.module @"example.com/basic"
go.module @"example.com/basic" version "v1.0.0" {
  go.package @"example.com/basic" name "basic" {
    // CHECK: go.var @B : bool
    go.var @B : bool
    // CHECK: go.var @I : int
    go.var @I : int
    // CHECK: go.var @I8 : int8
    go.var @I8 : int8
    // CHECK: go.var @I16 : int16
    go.var @I16 : int16
    // CHECK: go.var @I32 : int32
    go.var @I32 : int32
    // CHECK: go.var @I64 : int64
    go.var @I64 : int64
    // CHECK: go.var @U : uint
    go.var @U : uint
    // CHECK: go.var @U8 : uint8
    go.var @U8 : uint8
    // CHECK: go.var @U16 : uint16
    go.var @U16 : uint16
    // CHECK: go.var @U32 : uint32
    go.var @U32 : uint32
    // CHECK: go.var @U64 : uint64
    go.var @U64 : uint64
    // CHECK: go.var @UP : uintptr
    go.var @UP : uintptr
    // CHECK: go.var @F32 : float32
    go.var @F32 : float32
    // CHECK: go.var @F64 : float64
    go.var @F64 : float64
    // CHECK: go.var @C64 : complex64
    go.var @C64 : complex64
    // CHECK: go.var @C128 : complex128
    go.var @C128 : complex128
    // CHECK: go.var @S : string
    go.var @S : string
    // CHECK: go.var @By : byte
    go.var @By : byte
    // CHECK: go.var @R : rune
    go.var @R : rune
    // CHECK: go.var @P : unsafe.Pointer
    go.var @P : unsafe.Pointer
    // CHECK: go.var @E : error
    go.var @E : error
    // CHECK: go.var @A : any
    go.var @A : any
    // A full dialect type spelling is accepted too.
    // CHECK: go.var @Full : int64
    go.var @Full : !go.int64
  }
}

// -----

// CHECK-LABEL: go.module @"example.com/composite"
go.module @"example.com/composite" version "v1.0.0" {
  go.package @"example.com/composite" name "composite" {
    // CHECK: go.var @Arr : array<16 x byte>
    go.var @Arr : array<16 x byte>
    // CHECK: go.var @Sl : slice<slice<string>>
    go.var @Sl : slice<slice<string>>
    // CHECK: go.var @M : map<string, ptr<int>>
    go.var @M : map<string, ptr<int>>
    // CHECK: go.var @Ch : chan<int>
    go.var @Ch : chan<int>
    // CHECK: go.var @ChS : chan<send, int>
    go.var @ChS : chan<send, int>
    // CHECK: go.var @ChR : chan<recv, chan<recv, int>>
    go.var @ChR : chan<recv, chan<recv, int>>
    // CHECK: go.var @Fn : func<(string, ...any) -> (int, error)>
    go.var @Fn : func<(string, ...any) -> (int, error)>
    // CHECK: go.var @Fn0 : func<()>
    go.var @Fn0 : func<()>
    // CHECK: go.var @St : struct<X: int, Y: string tag "json:\22y\22", z: hidden>
    go.var @St : struct<X: int, Y: string tag "json:\"y\"", z: hidden>
    // CHECK: go.var @St0 : struct<>
    go.var @St0 : struct<>
    // CHECK: go.var @If : interface<Close: func<() -> (error)>, embed named<"io.Reader">>
    go.var @If : interface<Close: func<() -> (error)>, embed named<"io.Reader">>
    // CHECK: go.var @N : named<"time.Duration">
    go.var @N : named<"time.Duration">
  }
  go.external_type "time.Duration" : int64
  go.external_type "io.Reader" : interface<Read: func<(slice<byte>) -> (int, error)>>
}

// -----

// CHECK-LABEL: go.module @"example.com/generic"
go.module @"example.com/generic" version "v1.0.0" {
  go.package @"example.com/generic" name "generic" {
    // CHECK: go.type @Number<T: any> interface {
    // CHECK-NEXT: go.embed union<tilde int | tilde float64 | string>
    go.type @Number<T: any> interface {
      go.embed union<tilde int | tilde float64 | string>
    }
    // CHECK: go.type @List<T: comparable> struct {
    go.type @List<T: comparable> struct {
      go.field "Items" : slice<typeparam<"T">>
    }
    // CHECK: go.func @Keys<K: comparable, V: any>(m: map<typeparam<"K">, typeparam<"V">>) -> (_: slice<typeparam<"K">>)
    go.func @Keys<K: comparable, V: any>(m: map<typeparam<"K">, typeparam<"V">>) -> (_: slice<typeparam<"K">>)
    // CHECK: go.var @IntList : named<"example.com/generic.List", [int]>
    go.var @IntList : named<"example.com/generic.List", [int]>
  }
}
