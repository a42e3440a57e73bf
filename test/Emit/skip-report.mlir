// RUN: mochi-go-translate --emit-skip-report %s --split-input-file --verify-diagnostics | FileCheck %s

// Modules are reported by path (example.com/empty before github.com/...),
// whatever their order in the input.

// CHECK-LABEL: # example.com/empty@v0.1.0
// CHECK-NEXT:  summary: bridged=0 handle=0 skipped=0 coverage=n/a (funcs+methods 0/0) complex_number=0 unsafe_pointer=0 uninstantiated_generic=0 invalid_type=0 unexported_type=0 internal_type=0 map_key_not_scalar=0 const_out_of_range=0 constraint_interface=0 recursive_value=0
// CHECK-NEXT:  kind     bridged  handle  skipped
// CHECK-NEXT:  func           0       0        0
// CHECK-NEXT:  method         0       0        0
// CHECK-NEXT:  type           0       0        0
// CHECK-NEXT:  alias          0       0        0
// CHECK-NEXT:  var            0       0        0
// CHECK-NEXT:  const          0       0        0
// CHECK-EMPTY:
// CHECK-NEXT:  # github.com/google/uuid@v1.3.0
// funcs+methods: 9, of which New, Parse, NewGen, UUID.String and UUID.Time
// cross: 5/9 = 55.555...% rounds to 55.6%.
// CHECK-NEXT:  summary: bridged=8 handle=3 skipped=7 coverage=55.6% (funcs+methods 5/9) complex_number=1 unsafe_pointer=1 uninstantiated_generic=2 invalid_type=0 unexported_type=0 internal_type=1 map_key_not_scalar=0 const_out_of_range=1 constraint_interface=1 recursive_value=0
// CHECK-NEXT:  kind     bridged  handle  skipped
// CHECK-NEXT:  func           2       1        4
// CHECK-NEXT:  method         1       1        0
// CHECK-NEXT:  type           2       1        2
// CHECK-NEXT:  alias          1       0        0
// CHECK-NEXT:  var            1       0        0
// CHECK-NEXT:  const          1       0        1
// Sorted; a skip without a detail has no trailing colon.
// CHECK-NEXT:  skipped: github.com/google/uuid.Big (const): const_out_of_range: 1e400 overflows float64
// CHECK-NEXT:  skipped: github.com/google/uuid.Cplx (func): complex_number: parameter c: complex128
// CHECK-NEXT:  skipped: github.com/google/uuid.FromPtr (func): unsafe_pointer: parameter p: unsafe.Pointer
// CHECK-NEXT:  skipped: github.com/google/uuid.Keys (func): uninstantiated_generic
// CHECK-NEXT:  skipped: github.com/google/uuid.Number (type): constraint_interface: interface{~int | ~float64}
// CHECK-NEXT:  skipped: github.com/google/uuid.Set (type): uninstantiated_generic
// CHECK-NEXT:  skipped: github.com/google/uuid/dce.Run (func): internal_type: result 0: github.com/google/uuid/internal/x.T
// CHECK-NOT:   {{.}}
go.module @"github.com/google/uuid" version "v1.3.0" {
  go.package @"github.com/google/uuid" name "uuid" {
    go.type @UUID : array<16 x byte> {cabi.crossing = #cabi.crossing<bridged>}
    go.type @Domain : uint8 {cabi.crossing = #cabi.crossing<bridged>}
    go.type @Gen interface attributes {cabi.crossing = #cabi.crossing<handle>} {
    }
    go.type @Set<T: comparable> : map<typeparam<"T">, struct<>> {cabi.crossing = #cabi.crossing<skipped uninstantiated_generic>}
    go.type @Number interface attributes {cabi.crossing = #cabi.crossing<skipped constraint_interface "interface{~int | ~float64}">} {
    }
    // Hidden types and the methods of hidden types are not part of the API:
    // not counted, and they need no cabi.crossing.
    go.type @node struct attributes {hidden} {
    }
    go.method @node.Next recv(n: ptr<named<"github.com/google/uuid.node">>) () -> (_: ptr<named<"github.com/google/uuid.node">>)
    go.method @node.Prev recv(n: ptr<named<"github.com/google/uuid.node">>) () -> (_: ptr<named<"github.com/google/uuid.node">>) {hidden}
    go.alias @ID = named<"github.com/google/uuid.UUID"> {cabi.crossing = #cabi.crossing<bridged>}
    go.func @New() -> (_: named<"github.com/google/uuid.UUID">) {cabi.crossing = #cabi.crossing<bridged>}
    go.func @Parse(s: string) -> (_: named<"github.com/google/uuid.UUID">, _: error) {cabi.crossing = #cabi.crossing<bridged>}
    go.func @NewGen() -> (_: named<"github.com/google/uuid.Gen">) {cabi.crossing = #cabi.crossing<handle>}
    go.func @FromPtr(p: unsafe.Pointer) {cabi.crossing = #cabi.crossing<skipped unsafe_pointer "parameter p: unsafe.Pointer">}
    go.func @Cplx(c: complex128) {cabi.crossing = #cabi.crossing<skipped complex_number "parameter c: complex128">}
    go.func @Keys<K: comparable>(m: map<typeparam<"K">, int>) -> (_: slice<typeparam<"K">>) {cabi.crossing = #cabi.crossing<skipped uninstantiated_generic>}
    go.method @UUID.String recv(uuid: named<"github.com/google/uuid.UUID">) () -> (_: string) {cabi.crossing = #cabi.crossing<bridged>}
    go.method @UUID.Time recv(uuid: named<"github.com/google/uuid.UUID">) () -> (_: named<"time.Time">) {cabi.crossing = #cabi.crossing<handle>}
    go.var @Nil : named<"github.com/google/uuid.UUID"> {cabi.crossing = #cabi.crossing<bridged>}
    go.var @hidden : named<"github.com/google/uuid.node"> {hidden}
    go.const @Max : untyped_int = int "16" {cabi.crossing = #cabi.crossing<bridged>}
    go.const @Big : untyped_float = float "1e400" {cabi.crossing = #cabi.crossing<skipped const_out_of_range "1e400 overflows float64">}
  }
  go.package @"github.com/google/uuid/dce" name "dce" {
    go.func @Run() -> (_: named<"github.com/google/uuid/internal/x.T">) {cabi.crossing = #cabi.crossing<skipped internal_type "result 0: github.com/google/uuid/internal/x.T">}
  }
  go.external_type "time.Time" : struct<wall: hidden>
  go.external_type "github.com/google/uuid/internal/x.T" : struct<a: hidden>
}
go.module @"example.com/empty" version "v0.1.0" {
}

// -----

// A declaration the typemap has not seen.
go.module @"example.com/a" version "v1.0.0" {
  go.package @"example.com/a" name "a" {
    go.func @Done() {cabi.crossing = #cabi.crossing<bridged>}
    // expected-error@+1 {{declaration has no 'cabi.crossing' attribute (run --typemap first)}}
    go.func @Todo()
  }
}

// -----

// An attribute of the wrong kind.
go.module @"example.com/b" version "v1.0.0" {
  go.package @"example.com/b" name "b" {
    // expected-error@+1 {{'cabi.crossing' is not a #cabi.crossing attribute: "bridged"}}
    go.var @V : int {cabi.crossing = "bridged"}
  }
}

// -----

// With the lowered library next to the module, an `exports:` line counts
// the exports beyond the declarations: box functions, field getters and
// setters, methods of interface types, and methods with an in-out receiver.
// CHECK-LABEL: # example.com/lowered@v1.0.0
// CHECK-NEXT: summary: bridged=1 handle=0 skipped=0
// CHECK-NEXT: exports: box=6 field_get=1 field_set=1 interface_method=2 inout_receiver=1 chan=0 func_call=0 callback=0
// CHECK-NEXT: kind     bridged  handle  skipped
// RUN: mochi-go-opt %S/consume-surface.mlir --typemap --handle-pool --cgo-export | mochi-go-translate --emit-skip-report | FileCheck %s --check-prefix=LOWERED
// LOWERED: # example.com/surface@v1.0.0
// LOWERED-NEXT: summary: bridged=2 handle=5 skipped=0
// LOWERED-NEXT: exports: box=6 field_get=2 field_set=2 interface_method=3 inout_receiver=1 chan=0 func_call=0 callback=0
go.module @"example.com/lowered" version "v1.0.0" {
  go.package @"example.com/lowered" name "lowered" {
    go.type @ID : array<4 x byte> {cabi.crossing = #cabi.crossing<bridged>}
  }
  go.external_type "io.Writer" : interface<Write: func<(slice<byte>) -> (int, error)>>
}
cabi.library @"example.com/lowered" version "v1.0.0" prefix "l" {
  cabi.handle_type @Any : !go.any
  cabi.handle_type @T : !go.named<"example.com/lowered.T"> boxed
  cabi.handle_type @io_Writer : !go.named<"io.Writer">
  cabi.package @"example.com/lowered" name "lowered" qualifier "" {
    cabi.export @l_T_F_get field_get "T.F" [#cabi.value<"recv" : !go.ptr<named<"example.com/lowered.T">> as !cabi.handle<"T">>] -> [#cabi.value<"F" : !go.int as si64>]
    cabi.export @l_T_F_set field_set "T.set_F" [#cabi.value<"recv" : !go.ptr<named<"example.com/lowered.T">> as !cabi.handle<"T">>, #cabi.value<"F" : !go.int as si64>] -> []
    cabi.export @l_ID_Set method "ID.Set" [#cabi.value<"id" : !go.named<"example.com/lowered.ID"> as !cabi.bytes>] -> [#cabi.value<"self" : !go.named<"example.com/lowered.ID"> as !cabi.bytes>] error inout_receiver
    cabi.export @l_T_M method "T.M" [#cabi.value<"t" : !go.ptr<named<"example.com/lowered.T">> as !cabi.handle<"T">>] -> []
    cabi.export @l_io_Writer_Write method "io_Writer.Write" [#cabi.value<"recv" : !go.named<"io.Writer"> as !cabi.handle<"io_Writer">>, #cabi.value<"p1" : !go.slice<byte> as !cabi.bytes>] -> [#cabi.value<"r0" : !go.int as si64>] error
    cabi.export @l_io_Writer_Write_2 method "io_Writer.Write2" [#cabi.value<"recv" : !go.named<"io.Writer"> as !cabi.handle<"io_Writer">>] -> []
    cabi.export @l_box_string box "box_string" [#cabi.value<"v" : !go.string as !cabi.string>] -> [#cabi.value<"r0" : !go.any as !cabi.handle<"Any">>]
    cabi.export @l_box_int box "box_int" [#cabi.value<"v" : !go.int as si64>] -> [#cabi.value<"r0" : !go.any as !cabi.handle<"Any">>]
    cabi.export @l_box_float box "box_float" [#cabi.value<"v" : !go.float64 as f64>] -> [#cabi.value<"r0" : !go.any as !cabi.handle<"Any">>]
    cabi.export @l_box_bool box "box_bool" [#cabi.value<"v" : !go.bool as i1>] -> [#cabi.value<"r0" : !go.any as !cabi.handle<"Any">>]
    cabi.export @l_box_bytes box "box_bytes" [#cabi.value<"v" : !go.slice<byte> as !cabi.bytes>] -> [#cabi.value<"r0" : !go.any as !cabi.handle<"Any">>]
    cabi.export @l_box_handle box "box_handle" [#cabi.value<"v" : !go.any as !cabi.handle<"Any">>] -> [#cabi.value<"r0" : !go.any as !cabi.handle<"Any">>]
  }
}
