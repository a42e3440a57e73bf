// RUN: mochi-go-translate --emit-go-wasm-wrapper %s | FileCheck %s

// The embedded profile's printer, form by form: wasm parameter types,
// conversions in, result slots out, handles by kind (boxed value, boxed
// pointer, interface), errors, in-out receivers, variables, constants,
// constructors and box functions.
go.module @"example.com/kv" version "v1.2.0" {
  go.package @"example.com/kv" name "kv" {
    go.type @ID : array<4 x byte>
    go.type @Level : int8
    go.type @Flag : bool
    go.type @DB struct {
      go.field "path" : hidden
    }
  }
}

cabi.library @"example.com/kv" version "v1.2.0" prefix "mochigo_kv" attributes {cabi.profile = "embedded"} {
  cabi.handle_type @DB : !go.named<"example.com/kv.DB"> boxed
  cabi.handle_type @io_Reader : !go.named<"io.Reader">
  cabi.handle_type @Any : !go.any
  cabi.package @"example.com/kv" name "kv" qualifier "" {
    cabi.export @mochigo_kv_Open func "Open" [#cabi.value<"path" : !go.string as !cabi.string>, #cabi.value<"level" : !go.named<"example.com/kv.Level"> as si8>, #cabi.value<"ro" : !go.named<"example.com/kv.Flag"> as i1>] -> [#cabi.value<"r0" : !go.ptr<named<"example.com/kv.DB">> as !cabi.handle<"DB">>] error
    cabi.export @mochigo_kv_Load func "Load" [#cabi.value<"r" : !go.named<"io.Reader"> as !cabi.handle<"io_Reader">>, #cabi.value<"id" : !go.named<"example.com/kv.ID"> as !cabi.bytes>, #cabi.value<"cause" : !go.error as !cabi.error>] -> [#cabi.value<"r0" : !go.named<"example.com/kv.DB"> as !cabi.handle<"DB">>, #cabi.value<"r1" : !go.float32 as f32>, #cabi.value<"r2" : !go.uint64 as ui64>]
    cabi.export @mochigo_kv_DB_Get method "DB.Get" [#cabi.value<"db" : !go.named<"example.com/kv.DB"> as !cabi.handle<"DB">>, #cabi.value<"key" : !go.slice<byte> as !cabi.bytes>] -> [#cabi.value<"r0" : !go.slice<byte> as !cabi.bytes>, #cabi.value<"ok" : !go.bool as i1>]
    cabi.export @mochigo_kv_ID_Reset method "ID.Reset" [#cabi.value<"id" : !go.named<"example.com/kv.ID"> as !cabi.bytes>] -> [#cabi.value<"self" : !go.named<"example.com/kv.ID"> as !cabi.bytes>] inout_receiver
    cabi.export @mochigo_kv_Default_set var_set "Default" [#cabi.value<"Default" : !go.named<"example.com/kv.ID"> as !cabi.bytes>] -> []
    cabi.export @mochigo_kv_Max_get const_get "Max" [] -> [#cabi.value<"Max" : !go.untyped_int as si64>]
    cabi.export @mochigo_kv_DB_new new "DB.new" [] -> [#cabi.value<"r0" : !go.ptr<named<"example.com/kv.DB">> as !cabi.handle<"DB">>]
    cabi.export @mochigo_kv_box_handle box "box_handle" [#cabi.value<"v" : !go.any as !cabi.handle<"Any">>] -> [#cabi.value<"r0" : !go.any as !cabi.handle<"Any">>]
  }
}

// CHECK-LABEL: //--- go.mod
// CHECK-NEXT: module mochigo.local/mochigo_kv
// CHECK-EMPTY:
// CHECK-NEXT: go 1.24
// CHECK-EMPTY:
// CHECK-NEXT: require example.com/kv v1.2.0
// CHECK-NEXT: //--- main.go
// CHECK-NEXT: //go:build wasip1
// CHECK-NOT: import "C"
// CHECK: import (
// CHECK-NEXT: _ "mochigo.local/mochigo_kv/rt"
// CHECK-NEXT: _ "mochigo.local/mochigo_kv/w/root"
// CHECK-NEXT: )
// CHECK: //--- rt/rt.go
// CHECK: package rt
// CHECK: //go:wasmexport mochigo_kv_alloc
// CHECK-NEXT: func alloc(n uint32) uint32 { return Alloc(n) }
// CHECK: //go:wasmexport mochigo_kv_free
// CHECK: //go:wasmexport mochigo_kv_handle_release
// CHECK: //go:wasmexport mochigo_kv_handle_live

// CHECK-LABEL: //--- w/root/wrap.go
// CHECK-NEXT: //go:build wasip1
// CHECK: package w_root
// CHECK-EMPTY:
// CHECK-NEXT: import (
// CHECK-NEXT: p0 "example.com/kv"
// CHECK-NEXT: p1 "io"
// CHECK-NEXT: "mochigo.local/mochigo_kv/rt"
// CHECK-NEXT: )

// Strings as (ptr, len); a named int8 as int32; a named bool as uint32; a
// pointer result as a boxed handle; the returned error as status 1.
// CHECK-LABEL: //go:wasmexport mochigo_kv_Open
// CHECK-NEXT: func mochigo_kv_Open(a0p uint32, a0n uint32, a1 int32, a2 uint32, r0 uint32, err uint32) (status int32) {
// CHECK-NEXT: defer rt.Catch(&status, err)
// CHECK-NEXT: rt.ClearErr(err)
// CHECK-NEXT: sa0, ea0 := rt.String(a0p, a0n)
// CHECK-NEXT: if ea0 != nil {
// CHECK-NEXT: return rt.Fail(rt.BadArgument, "parameter path", ea0, err)
// CHECK-NEXT: }
// CHECK-NEXT: g0 := string(sa0)
// CHECK-NEXT: g1 := p0.Level(a1)
// CHECK-NEXT: g2 := p0.Flag(a2 != 0)
// CHECK-NEXT: v0, e := p0.Open(g0, g1, g2)
// CHECK-NEXT: if e != nil {
// CHECK-NEXT: return rt.Returned(e, err)
// CHECK-NEXT: }
// CHECK-NEXT: if r0 != 0 {
// CHECK-NEXT: rt.PutI64(r0, rt.NewPtr(v0))
// CHECK-NEXT: }
// CHECK-NEXT: return rt.OK
// CHECK-NEXT: }

// An interface handle (rt.Iface), an array (length checked), an error
// parameter; a value of a boxed type (rt.NewValue), float32 and uint64
// results.
// CHECK-LABEL: //go:wasmexport mochigo_kv_Load
// CHECK-NEXT: func mochigo_kv_Load(a0 int64, a1p uint32, a1n uint32, a2p uint32, a2n uint32, r0 uint32, r1 uint32, r2 uint32, err uint32) (status int32) {
// CHECK: g0, ea0 := rt.Iface[p1.Reader](a0)
// CHECK-NEXT: if ea0 != nil {
// CHECK-NEXT: return rt.Fail(rt.BadHandle, "parameter r", ea0, err)
// CHECK-NEXT: }
// CHECK-NEXT: var g1 p0.ID
// CHECK-NEXT: if ea1 := rt.Array(g1[:], a1p, a1n); ea1 != nil {
// CHECK-NEXT: return rt.Fail(rt.BadArgument, "parameter id", ea1, err)
// CHECK-NEXT: }
// CHECK-NEXT: g2, ea2 := rt.Err(a2p, a2n)
// CHECK: v0, v1, v2 := p0.Load(g0, g1, g2)
// CHECK-NEXT: if r0 != 0 {
// CHECK-NEXT: rt.PutI64(r0, rt.NewValue(v0))
// CHECK-NEXT: }
// CHECK-NEXT: rt.PutF64(r1, float64(v1))
// CHECK-NEXT: rt.PutU64(r2, uint64(v2))

// A receiver of a boxed type by value (rt.Val); bytes and bool results.
// CHECK-LABEL: //go:wasmexport mochigo_kv_DB_Get
// CHECK: g0, ea0 := rt.Val[p0.DB](a0)
// CHECK: g1 := []byte(ba1)
// CHECK-NEXT: v0, v1 := g0.Get(g1)
// CHECK-NEXT: rt.PutBytes(r0, []byte(v0))
// CHECK-NEXT: rt.PutBool(r1, bool(v1))

// In-out receiver: the method runs on g0, which is the result.
// CHECK-LABEL: //go:wasmexport mochigo_kv_ID_Reset
// CHECK: g0.Reset()
// CHECK-NEXT: rt.PutBytes(r0, g0[:])

// CHECK-LABEL: //go:wasmexport mochigo_kv_Default_set
// CHECK: p0.Default = g0
// CHECK-LABEL: //go:wasmexport mochigo_kv_Max_get
// CHECK: rt.PutI64(r0, int64(p0.Max))
// CHECK-LABEL: //go:wasmexport mochigo_kv_DB_new
// CHECK: v0 := new(p0.DB)
// CHECK-LABEL: //go:wasmexport mochigo_kv_box_handle
// CHECK: g0, ea0 := rt.Iface[any](a0)
// CHECK: v0 := any(g0)
// CHECK-NEXT: if r0 != 0 {
// CHECK-NEXT: rt.PutI64(r0, rt.New(v0))
