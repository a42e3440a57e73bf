// RUN: mochi-go-opt %s -split-input-file --go-surface-stats -o /dev/null | FileCheck %s
// RUN: mochi-go-opt %s -split-input-file --pass-pipeline='builtin.module(go.module(go-surface-stats{output=%t.stats}))' -o /dev/null
// RUN: FileCheck %s --check-prefix=FILE < %t.stats
// RUN: mochi-go-opt %s -split-input-file --go-surface-stats | FileCheck %s --check-prefix=IR

// The pass counts exported declarations per kind and leaves the IR alone.

// CHECK-LABEL: example.com/uuid@v1.6.0:
// CHECK-SAME: packages=1 const=2 var=1 type=2 alias=1 func=2 method=2 generic=1 hidden=2 external=1
// IR-LABEL: go.module @"example.com/uuid"
// IR: go.func @New
go.module @"example.com/uuid" version "v1.6.0" {
  go.package @"example.com/uuid" name "uuid" {
    go.const @A : untyped_int = int "1"
    go.const @B : untyped_int = int "2"
    go.var @Nil : named<"example.com/uuid.UUID">
    go.type @UUID : array<16 x byte>
    go.type @Set<T: comparable> : map<typeparam<"T">, struct<>>
    go.type @node struct attributes {hidden} {
    }
    go.alias @ID = named<"example.com/uuid.UUID">
    go.func @New() -> (_: named<"example.com/uuid.UUID">)
    go.func @Parse(s: string) -> (_: named<"example.com/uuid.UUID">, _: error)
    go.method @UUID.String recv(u: named<"example.com/uuid.UUID">) () -> (_: string)
    go.method @UUID.Time recv(u: named<"example.com/uuid.UUID">) () -> (_: named<"time.Time">)
    go.method @node.Next recv(n: ptr<named<"example.com/uuid.node">>) () -> (_: ptr<named<"example.com/uuid.node">>) {hidden}
  }
  go.external_type "time.Time" : struct<wall: hidden>
}

// -----

// An empty module: every count is zero.
// CHECK-LABEL: example.com/empty@v0.0.1:
// CHECK-SAME: packages=0 const=0 var=0 type=0 alias=0 func=0 method=0 generic=0 hidden=0 external=0
// FILE: example.com/empty@v0.0.1: packages=0
go.module @"example.com/empty" version "v0.0.1" {
}
