// RUN: mochi-go-translate --emit-go-wrapper %s | FileCheck %s

// The go.module of the same module path gives the underlying types of the
// named types.
go.module @"github.com/google/uuid" version "v1.3.0" {
  go.package @"github.com/google/uuid" name "uuid" {
    go.type @UUID : array<16 x byte>
    go.type @Names : slice<string>
    go.type @Counts : map<string, int>
    go.type @Point struct {
      go.field "X" : int
      go.field "Tags" : slice<string>
    }
  }
  go.package @"github.com/google/uuid/a-b" name "ab" {
  }
  go.package @"github.com/google/uuid/a_b" name "ab2" {
  }
  go.external_type "time.Time" : struct<wall: hidden, ext: hidden, loc: hidden>
}

cabi.library @"github.com/google/uuid" version "v1.3.0" prefix "mochigo_uuid" {
  cabi.handle_type @Time : !go.named<"time.Time"> boxed
  cabi.handle_type @Reader : !go.named<"io.Reader">
  cabi.record @Point : !go.named<"github.com/google/uuid.Point"> [#cabi.value<"X" : !go.int as si64>, #cabi.value<"Tags" : !go.slice<string> as !cabi.list<!cabi.string>>]
  cabi.record @Pair : !go.struct<A: int, B: string tag "json:\"b\""> [#cabi.value<"A" : !go.int as si64>, #cabi.value<"B" : !go.string as !cabi.string>]
  cabi.package @"github.com/google/uuid" name "uuid" qualifier "" {
    cabi.export @mochigo_uuid_Parse func "Parse" [#cabi.value<"s" : !go.string as !cabi.string>] -> [#cabi.value<"r0" : !go.named<"github.com/google/uuid.UUID"> as !cabi.bytes>] error
    cabi.export @mochigo_uuid_UUID_Time method "UUID.Time" [#cabi.value<"uuid" : !go.named<"github.com/google/uuid.UUID"> as !cabi.bytes>] -> [#cabi.value<"r0" : !go.named<"time.Time"> as !cabi.handle<"Time">>]
    cabi.export @mochigo_uuid_SetTime func "SetTime" [#cabi.value<"t" : !go.ptr<named<"time.Time">> as !cabi.handle<"Time">>] -> []
    cabi.export @mochigo_uuid_Join func "Join" [#cabi.value<"xs" : !go.slice<string> as !cabi.list<!cabi.string>>] -> [] variadic
    cabi.export @mochigo_uuid_AllNames func "AllNames" [] -> [#cabi.value<"r0" : !go.named<"github.com/google/uuid.Names"> as !cabi.list<!cabi.string>>]
    cabi.export @mochigo_uuid_Move func "Move" [#cabi.value<"ps" : !go.slice<named<"github.com/google/uuid.Point">> as !cabi.list<!cabi.record<"Point">>>] -> [#cabi.value<"r0" : !go.array<2 x named<"github.com/google/uuid.Point">> as !cabi.list<!cabi.record<"Point">>>]
    cabi.export @mochigo_uuid_Tally func "Tally" [#cabi.value<"c" : !go.named<"github.com/google/uuid.Counts"> as !cabi.map<!cabi.string, si64>>] -> [#cabi.value<"r0" : !go.map<string, bool> as !cabi.map<!cabi.string, i1>>]
    cabi.export @mochigo_uuid_Read func "Read" [#cabi.value<"r" : !go.named<"io.Reader"> as !cabi.handle<"Reader">>] -> [#cabi.value<"r0" : !go.named<"io.Reader"> as !cabi.handle<"Reader">>, #cabi.value<"r1" : !go.slice<named<"io.Reader">> as !cabi.list<!cabi.handle<"Reader">>>] error
    cabi.export @mochigo_uuid_MakePair func "MakePair" [#cabi.value<"p" : !go.struct<A: int, B: string tag "json:\"b\""> as !cabi.record<"Pair">>] -> [#cabi.value<"r0" : !go.struct<A: int, B: string tag "json:\"b\""> as !cabi.record<"Pair">>]
    cabi.export @mochigo_uuid_Check func "Check" [#cabi.value<"err" : !go.error as !cabi.error>, #cabi.value<"ok" : !go.bool as i1>, #cabi.value<"f" : !go.float32 as f32>] -> [] error
    cabi.export @mochigo_uuid_Nil var_get "Nil" [] -> [#cabi.value<"r0" : !go.named<"github.com/google/uuid.UUID"> as !cabi.bytes>]
    cabi.export @mochigo_uuid_SetNil var_set "Nil" [#cabi.value<"v" : !go.named<"github.com/google/uuid.UUID"> as !cabi.bytes>] -> []
    cabi.export @mochigo_uuid_Max const_get "Max" [] -> [#cabi.value<"r0" : !go.untyped_int as ui64>]
  }
  cabi.package @"github.com/google/uuid/a-b" name "ab" qualifier "a-b" {
    cabi.export @mochigo_uuid_ab_F func "F" [] -> []
  }
  cabi.package @"github.com/google/uuid/a_b" name "ab2" qualifier "a_b" {
  }
}

// go.mod requires the wrapped module; main.go imports every package.
// CHECK-LABEL: //--- go.mod
// CHECK-NEXT: module mochigo.local/mochigo_uuid
// CHECK-EMPTY:
// CHECK-NEXT: go 1.21
// CHECK-EMPTY:
// CHECK-NEXT: require github.com/google/uuid v1.3.0
// CHECK-LABEL: //--- main.go
// CHECK: package main
// CHECK-EMPTY:
// CHECK-NEXT: import "C"
// CHECK-EMPTY:
// CHECK-NEXT: import (
// CHECK-NEXT:   _ "mochigo.local/mochigo_uuid/rt"
// CHECK-NEXT:   _ "mochigo.local/mochigo_uuid/w/a_b"
// CHECK-NEXT:   _ "mochigo.local/mochigo_uuid/w/a_b_2"
// CHECK-NEXT:   _ "mochigo.local/mochigo_uuid/w/root"
// CHECK-NEXT: )
// CHECK-EMPTY:
// CHECK-NEXT: func main() {}

// rt: the C type section in the preamble, the pool, the free functions of
// the owning forms of results and record fields (not of the map only taken
// as a parameter).
// CHECK-LABEL: //--- rt/rt.go
// CHECK: package rt
// CHECK: #include <stdlib.h>
// CHECK: typedef mochigo_uuid_handle mochigo_uuid_Reader;
// CHECK: } mochigo_uuid_list_handle;
// CHECK-NEXT: */
// CHECK-NEXT: import "C"
// CHECK: type BadHandle struct{ Msg string }
// CHECK: func NewValue[T any](v T) Handle {
// CHECK: func Ptr[T any](h Handle) (*T, error) {
// CHECK: func Val[T any](h Handle) (T, error) {
// CHECK: func Iface[T any](h Handle) (T, error) {
// CHECK: func Catch(status unsafe.Pointer, errp unsafe.Pointer) {
// CHECK: //export mochigo_uuid_handle_release
// CHECK: //export mochigo_uuid_handle_live
// CHECK: //export mochigo_uuid_free_string
// CHECK: //export mochigo_uuid_free_bytes
// CHECK: //export mochigo_uuid_free_list_string
// CHECK: //export mochigo_uuid_free_Point
// CHECK-NEXT: func mochigo_uuid_free_Point(v *C.mochigo_uuid_Point) {
// CHECK:   mochigo_uuid_free_list_string(&v.Tags)
// CHECK-NEXT:   *v = C.mochigo_uuid_Point{}
// CHECK: //export mochigo_uuid_free_list_Point
// CHECK:       mochigo_uuid_free_Point(&xs[i])
// CHECK: //export mochigo_uuid_free_map_string_bool
// CHECK:   C.free(unsafe.Pointer(v.keys))
// CHECK-NEXT:   C.free(unsafe.Pointer(v.values))
// CHECK: //export mochigo_uuid_free_list_handle
// CHECK-NOT: free_map_string_int64
// CHECK-LABEL: //--- w/root/wrap.go

// The root package: explicit aliases, sorted imports.
// CHECK: package w_root
// CHECK: import (
// CHECK-NEXT:   "errors"
// CHECK-NEXT:   p0 "github.com/google/uuid"
// CHECK-NEXT:   p2 "io"
// CHECK-NEXT:   "mochigo.local/mochigo_uuid/rt"
// CHECK-NEXT:   p1 "time"
// CHECK-NEXT:   "unsafe"
// CHECK-NEXT: )
// CHECK-EMPTY:
// CHECK-NEXT: type anon0 = struct {
// CHECK-NEXT:   A int
// CHECK-NEXT:   B string "json:\"b\""
// CHECK-NEXT: }

// CHECK-LABEL: //export mochigo_uuid_Parse
// CHECK-NEXT: func mochigo_uuid_Parse(a0 C.mochigo_uuid_string, r0 *C.mochigo_uuid_bytes, err *C.mochigo_uuid_string) (status C.int32_t) {
// CHECK-NEXT:   defer rt.Catch(unsafe.Pointer(&status), unsafe.Pointer(err))
// CHECK-NEXT:   rt.ClearErr(unsafe.Pointer(err))
// CHECK-NEXT:   g0, e := [[STR_IN:fromC[0-9]+]](a0)
// CHECK-NEXT:   if e != nil {
// CHECK-NEXT:     return C.int32_t(rt.Fail(rt.Arg("s", e), unsafe.Pointer(err)))
// CHECK-NEXT:   }
// CHECK-NEXT:   v0, e := p0.Parse(g0)
// CHECK-NEXT:   if e != nil {
// CHECK-NEXT:     return C.int32_t(rt.Error(e, unsafe.Pointer(err)))
// CHECK-NEXT:   }
// Results are converted into temporaries under a transaction that a panic
// aborts (freeing and releasing what was made), then written.
// CHECK-NEXT:   tx := &rt.Tx{}
// CHECK-NEXT:   defer tx.Abort()
// CHECK-NEXT:   var t0 C.mochigo_uuid_bytes
// CHECK-NEXT:   if r0 != nil {
// CHECK-NEXT:     t0 = [[UUID_OUT:toC[0-9]+]](tx, v0)
// CHECK-NEXT:   }
// CHECK-NEXT:   tx.Commit()
// CHECK-NEXT:   if r0 != nil {
// CHECK-NEXT:     *r0 = t0
// CHECK-NEXT:   }
// CHECK-NEXT:   return 0
// CHECK-NEXT: }

// A method: the receiver is parameter 0; a boxed value result is NewValue.
// CHECK-LABEL: //export mochigo_uuid_UUID_Time
// CHECK:   g0, e := [[UUID_IN:fromC[0-9]+]](a0)
// CHECK:   v0 := g0.Time()
// CHECK:     t0 = C.mochigo_uuid_Time(rt.NewValueIn(tx, v0))

// A pointer to a boxed type is Ptr.
// CHECK-LABEL: //export mochigo_uuid_SetTime
// CHECK:   g0, e := rt.Ptr[p1.Time](rt.Handle(a0))
// CHECK:   p0.SetTime(g0)

// CHECK-LABEL: //export mochigo_uuid_Join
// CHECK:   p0.Join(g0...)

// An interface handle is Iface / New, also inside a list.
// CHECK-LABEL: //export mochigo_uuid_Read
// CHECK-NEXT: func mochigo_uuid_Read(a0 C.mochigo_uuid_Reader, r0 *C.mochigo_uuid_Reader, r1 *C.mochigo_uuid_list_handle, err *C.mochigo_uuid_string) (status C.int32_t) {
// CHECK:   g0, e := rt.Iface[p2.Reader](rt.Handle(a0))
// CHECK:   v0, v1, e := p0.Read(g0)
// CHECK:     t0 = C.mochigo_uuid_Reader(tx.New(v0))
// CHECK:     t1 = [[READERS_OUT:toC[0-9]+]](tx, v1)

// No results but an error; scalars by conversion.
// CHECK-LABEL: //export mochigo_uuid_Check
// CHECK:   g0, e := [[ERR_IN:fromC[0-9]+]](a0)
// CHECK:   g1 := bool(a1)
// CHECK-NEXT:   g2 := float32(a2)
// CHECK-NEXT:   if e := p0.Check(g0, g1, g2); e != nil {

// Variables and constants: read and assigned in place; an untyped constant
// goes straight to the C type.
// CHECK-LABEL: //export mochigo_uuid_Nil
// CHECK:     t0 = [[UUID_OUT]](tx, p0.Nil)
// CHECK-LABEL: //export mochigo_uuid_SetNil
// CHECK:   g0, e := [[UUID_IN]](a0)
// CHECK:   p0.Nil = g0
// CHECK-LABEL: //export mochigo_uuid_Max
// CHECK-NEXT: func mochigo_uuid_Max(r0 *C.uint64_t, err *C.mochigo_uuid_string) (status C.int32_t) {
// Scalar results need no transaction.
// CHECK-NOT: tx
// CHECK:     t0 = C.uint64_t(p0.Max)

// The helpers: a named [16]byte (from the go.module) checks its length.
// CHECK: func [[UUID_IN]](c C.mochigo_uuid_bytes) (p0.UUID, error) {
// CHECK:   if len(b) != 16 {
// CHECK-NEXT:     return r, rt.BadArgumentf("%d bytes for a github.com/google/uuid.UUID", len(b))
// CHECK:   copy(r[:], b)

// An array of records out.
// CHECK-LABEL: (tx *rt.Tx, v [2]p0.Point) C.mochigo_uuid_list_Point {
// CHECK:   dst := unsafe.Slice((*C.mochigo_uuid_Point)(tx.Alloc(len(v), unsafe.Sizeof(*c.data))), len(v))

// A named map, converted element by element.
// CHECK-LABEL: (c C.mochigo_uuid_map_string_int64) (p0.Counts, error) {
// CHECK:   r := make(p0.Counts, n)
// CHECK:     v := int(vs[i])
// CHECK-NEXT:     r[k] = v

// CHECK: func [[READERS_OUT]](tx *rt.Tx, v []p2.Reader) C.mochigo_uuid_list_handle {
// CHECK:     dst[i] = C.mochigo_uuid_handle(tx.New(v[i]))

// The anonymous struct record.
// CHECK-LABEL: (c C.mochigo_uuid_Pair) (anon0, error) {
// CHECK:   r.A = int(c.A)
// CHECK-NEXT:   r.B, e = [[STR_IN]](c.B)

// An error parameter: NULL data is nil.
// CHECK: func [[ERR_IN]](c C.mochigo_uuid_string) (error, error) {
// CHECK-NEXT:   if c.data == nil {
// CHECK-NEXT:     return nil, nil
// CHECK:   return errors.New(s), nil

// Package directories: the path below the module root, made unique.
// CHECK-LABEL: //--- w/a_b/wrap.go
// CHECK: package w_a_b
// CHECK:   p0 "github.com/google/uuid/a-b"
// CHECK:   p0.F()
// CHECK-LABEL: //--- w/a_b_2/wrap.go
// CHECK: package w_a_b_2
// CHECK: import "C"
// CHECK-NOT: import
