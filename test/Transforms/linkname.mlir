// RUN: mochi-go-opt %s -split-input-file --typemap --handle-pool --linkname | FileCheck %s

// The embedded subset: scalars, strings, bytes ([]byte and [N]byte), errors
// and handles of named types cross; the exports and their symbols are
// cgo-export's. A list, a record, a uintptr and a handle of an unnamed type
// do not: the export is dropped and the declaration is marked skipped with
// the named reason, in place of the typemap's decision.
// CHECK-LABEL: go.module @"example.com/kv" version "v1.0.0"
// CHECK: go.type @Entry struct
// CHECK-SAME: cabi.crossing = #cabi.crossing<bridged>
// CHECK: go.func @Open(path: string) -> (_: ptr<named<"example.com/kv.DB">>, _: error) {cabi.crossing = #cabi.crossing<handle>}
// CHECK: go.func @Hash(b: slice<byte>) -> (_: uint64) {cabi.crossing = #cabi.crossing<bridged>}
// CHECK: go.func @ID() -> (_: array<16 x byte>) {cabi.crossing = #cabi.crossing<bridged>}
// CHECK: go.func @Keys(db: ptr<named<"example.com/kv.DB">>) -> (_: slice<string>) {cabi.crossing = #cabi.crossing<skipped c_memory_form "result r0: []string">}
// CHECK: go.func @First(db: ptr<named<"example.com/kv.DB">>) -> (_: named<"example.com/kv.Entry">) {cabi.crossing = #cabi.crossing<skipped c_memory_form "result r0: example.com/kv.Entry">}
// CHECK: go.func @Addr(db: ptr<named<"example.com/kv.DB">>) -> (_: uintptr) {cabi.crossing = #cabi.crossing<skipped unsafe_api "result r0: uintptr">}
// CHECK: go.func @Each(db: ptr<named<"example.com/kv.DB">>, f: func<(string)>) {cabi.crossing = #cabi.crossing<skipped anonymous_handle "parameter f: func(string)">}
// CHECK: go.method @DB.Get recv(db: ptr<named<"example.com/kv.DB">>) (key: string) -> (_: slice<byte>, _: bool) {cabi.crossing = #cabi.crossing<handle>}
// CHECK: go.var @Verbose : bool {cabi.crossing = #cabi.crossing<bridged>}
// CHECK: go.const @Version : untyped_string = string "1.0" {cabi.crossing = #cabi.crossing<bridged>}
// CHECK: cabi.library @"example.com/kv" version "v1.0.0" prefix "mochigo_kv" attributes {cabi.profile = "embedded"} {
// No record and no handle type of an unnamed type is left.
// CHECK-NEXT: cabi.handle_type @DB : !go.named<"example.com/kv.DB"> boxed
// CHECK-NEXT: cabi.package @"example.com/kv" name "kv" qualifier "" {
// CHECK-NEXT: cabi.export @mochigo_kv_DB_new new "DB.new"
// CHECK-NEXT: cabi.export @mochigo_kv_Open func "Open" [#cabi.value<"path" : !go.string as !cabi.string>] -> [#cabi.value<"r0" : !go.ptr<named<"example.com/kv.DB">> as !cabi.handle<"DB">>] error
// CHECK-NEXT: cabi.export @mochigo_kv_Hash func "Hash" [#cabi.value<"b" : !go.slice<byte> as !cabi.bytes>] -> [#cabi.value<"r0" : !go.uint64 as ui64>]
// CHECK-NEXT: cabi.export @mochigo_kv_ID func "ID" [] -> [#cabi.value<"r0" : !go.array<16 x byte> as !cabi.bytes>]
// CHECK-NEXT: cabi.export @mochigo_kv_DB_Get method "DB.Get"
// CHECK-NEXT: cabi.export @mochigo_kv_Verbose_get var_get "Verbose"
// CHECK-NEXT: cabi.export @mochigo_kv_Verbose_set var_set "Verbose"
// CHECK-NEXT: cabi.export @mochigo_kv_Version_get const_get "Version"
// CHECK-NEXT: }
// CHECK-NEXT: }
go.module @"example.com/kv" version "v1.0.0" {
  go.package @"example.com/kv" name "kv" {
    go.type @DB struct {
      go.field "path" : hidden
    }
    go.type @Entry struct {
      go.field "Key" : string
      go.field "Value" : slice<byte>
    }
    go.func @Open(path: string) -> (_: ptr<named<"example.com/kv.DB">>, _: error)
    go.func @Hash(b: slice<byte>) -> (_: uint64)
    go.func @ID() -> (_: array<16 x byte>)
    go.func @Keys(db: ptr<named<"example.com/kv.DB">>) -> (_: slice<string>)
    go.func @First(db: ptr<named<"example.com/kv.DB">>) -> (_: named<"example.com/kv.Entry">)
    go.func @Addr(db: ptr<named<"example.com/kv.DB">>) -> (_: uintptr)
    go.func @Each(db: ptr<named<"example.com/kv.DB">>, f: func<(string) -> ()>)
    go.method @DB.Get recv(db: ptr<named<"example.com/kv.DB">>) (key: string) -> (_: slice<byte>, _: bool)
    go.var @Verbose : bool
    go.const @Version : untyped_string = string "1.0"
  }
}

// -----

// A package that imports "C" is skipped whole (cgo_package), and so is a
// declaration elsewhere whose value has a type of it; the module's other
// packages keep their exports. The typemap's own skips stand.
// CHECK-LABEL: go.module @"example.com/mix" version "v0.1.0"
// CHECK: go.package @"example.com/mix" name "mix" {
// CHECK: go.func @Pure(s: string) -> (_: string) {cabi.crossing = #cabi.crossing<bridged>}
// CHECK: go.func @Cplx(c: complex128) {cabi.crossing = #cabi.crossing<skipped complex_number "parameter c: complex128">}
// CHECK: go.func @Wrap(b: ptr<named<"example.com/mix/native.Buf">>) {cabi.crossing = #cabi.crossing<skipped cgo_package "parameter b: *example.com/mix/native.Buf (package example.com/mix/native imports \22C\22)">}
// CHECK: go.package @"example.com/mix/native" name "native" attributes {cgo} {
// CHECK: go.type @Buf struct attributes {cabi.crossing = #cabi.crossing<skipped cgo_package "package example.com/mix/native imports \22C\22">}
// CHECK: go.func @Sum(a: int32, b: int32) -> (_: int32) {cabi.crossing = #cabi.crossing<skipped cgo_package "package example.com/mix/native imports \22C\22">}
// CHECK: go.const @Max : untyped_int = int "8" {cabi.crossing = #cabi.crossing<skipped cgo_package "package example.com/mix/native imports \22C\22">}
// CHECK: cabi.library @"example.com/mix" version "v0.1.0" prefix "mochigo_mix" attributes {cabi.profile = "embedded"} {
// CHECK-NEXT: cabi.package @"example.com/mix" name "mix" qualifier "" {
// CHECK-NEXT: cabi.export @mochigo_mix_Pure func "Pure"
// CHECK-NEXT: }
// CHECK-NEXT: }
go.module @"example.com/mix" version "v0.1.0" {
  go.package @"example.com/mix" name "mix" {
    go.func @Pure(s: string) -> (_: string)
    go.func @Cplx(c: complex128)
    go.func @Wrap(b: ptr<named<"example.com/mix/native.Buf">>)
  }
  go.package @"example.com/mix/native" name "native" attributes {cgo} {
    go.type @Buf struct {
      go.field "N" : int
    }
    go.func @Sum(a: int32, b: int32) -> (_: int32)
    go.const @Max : untyped_int = int "8"
  }
}

// -----

// The goroutine bridge is the cgo profile's: a handle of a named channel or
// func type crosses, but its channel operations, `call` and `callback`
// exports are dropped (not declarations: no mark).
// CHECK-LABEL: go.module @"example.com/feed" version "v1.0.0"
// CHECK: go.func @Watch() -> (_: named<"example.com/feed.Events">) {cabi.crossing = #cabi.crossing<handle>}
// CHECK: go.func @Hook() -> (_: named<"example.com/feed.Handler">) {cabi.crossing = #cabi.crossing<handle>}
// CHECK: cabi.library @"example.com/feed" version "v1.0.0" prefix "mochigo_feed" attributes {cabi.profile = "embedded"} {
// CHECK-NEXT: cabi.handle_type @Events : !go.named<"example.com/feed.Events">
// CHECK-NEXT: cabi.handle_type @Handler : !go.named<"example.com/feed.Handler">
// CHECK-NEXT: cabi.package @"example.com/feed" name "feed" qualifier "" {
// CHECK-NEXT: cabi.export @mochigo_feed_Watch func "Watch"
// CHECK-NEXT: cabi.export @mochigo_feed_Hook func "Hook"
// CHECK-NEXT: }
// CHECK-NEXT: }
go.module @"example.com/feed" version "v1.0.0" {
  go.package @"example.com/feed" name "feed" {
    go.type @Events : chan<int>
    go.type @Handler : func<(string) -> (int)>
    go.func @Watch() -> (_: named<"example.com/feed.Events">)
    go.func @Hook() -> (_: named<"example.com/feed.Handler">)
  }
}
