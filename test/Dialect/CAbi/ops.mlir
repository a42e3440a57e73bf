// RUN: mochi-go-opt %s -split-input-file | mochi-go-opt -split-input-file | FileCheck %s

// CHECK-LABEL: cabi.library @"example.com/lib" version "v1.0.0" prefix "mochigo_lib" {
// CHECK-NEXT: cabi.handle_type @Conn : !go.named<"example.com/lib.Conn"> boxed
// CHECK-NEXT: cabi.handle_type @io_Reader : !go.named<"io.Reader">{{$}}
// CHECK-NEXT: cabi.record @Pair : !go.named<"example.com/lib.Pair"> [#cabi.value<"K" : !go.string as !cabi.string>, #cabi.value<"V" : !go.slice<int8> as !cabi.list<si8>>]
// CHECK-NEXT: cabi.package @"example.com/lib" name "lib" qualifier "" {
// CHECK-NEXT: cabi.export @mochigo_lib_Get func "Get" [#cabi.value<"m" : !go.map<string, uint16> as !cabi.map<!cabi.string, ui16>>, #cabi.value<"e" : !go.error as !cabi.error>, #cabi.value<"xs" : !go.slice<int8> as !cabi.list<si8>>] -> [#cabi.value<"r0" : !go.slice<byte> as !cabi.bytes>, #cabi.value<"r1" : !go.bool as i1>] error variadic
// CHECK-NEXT: cabi.export @mochigo_lib_Conn_Close method "Conn.Close" [#cabi.value<"c" : !go.ptr<named<"example.com/lib.Conn">> as !cabi.handle<"Conn">>] -> [] {doc = "Close closes."}
// CHECK-NEXT: cabi.export @mochigo_lib_Level_get var_get "Level" [] -> [#cabi.value<"Level" : !go.float32 as f32>]
// CHECK-NEXT: cabi.export @mochigo_lib_Level_set var_set "Level" [#cabi.value<"Level" : !go.float32 as f32>] -> []
// CHECK-NEXT: cabi.export @mochigo_lib_Max_get const_get "Max" [] -> [#cabi.value<"Max" : !go.untyped_int as ui64>]
cabi.library @"example.com/lib" version "v1.0.0" prefix "mochigo_lib" {
  cabi.handle_type @Conn : !go.named<"example.com/lib.Conn"> boxed
  cabi.handle_type @io_Reader : !go.named<"io.Reader">
  cabi.record @Pair : !go.named<"example.com/lib.Pair"> [#cabi.value<"K" : !go.string as !cabi.string>, #cabi.value<"V" : !go.slice<int8> as !cabi.list<si8>>]
  cabi.package @"example.com/lib" name "lib" qualifier "" {
    cabi.export @mochigo_lib_Get func "Get" [#cabi.value<"m" : !go.map<string, uint16> as !cabi.map<!cabi.string, ui16>>, #cabi.value<"e" : !go.error as !cabi.error>, #cabi.value<"xs" : !go.slice<int8> as !cabi.list<si8>>] -> [#cabi.value<"r0" : !go.slice<byte> as !cabi.bytes>, #cabi.value<"r1" : !go.bool as i1>] error variadic
    cabi.export @mochigo_lib_Conn_Close method "Conn.Close" [#cabi.value<"c" : !go.ptr<named<"example.com/lib.Conn">> as !cabi.handle<"Conn">>] -> [] {doc = "Close closes."}
    cabi.export @mochigo_lib_Level_get var_get "Level" [] -> [#cabi.value<"Level" : !go.float32 as f32>]
    cabi.export @mochigo_lib_Level_set var_set "Level" [#cabi.value<"Level" : !go.float32 as f32>] -> []
    cabi.export @mochigo_lib_Max_get const_get "Max" [] -> [#cabi.value<"Max" : !go.untyped_int as ui64>]
  }
}

// -----

// The typemap's decisions.
// CHECK-LABEL: module attributes
// CHECK-SAME: cabi.a = #cabi.crossing<bridged>
// CHECK-SAME: cabi.b = #cabi.crossing<handle>
// CHECK-SAME: cabi.c = #cabi.crossing<skipped complex_number "parameter c: complex64">
// CHECK-SAME: cabi.d = #cabi.crossing<skipped unsafe_pointer>
module attributes {cabi.a = #cabi.crossing<bridged>, cabi.b = #cabi.crossing<handle>, cabi.c = #cabi.crossing<skipped complex_number "parameter c: complex64">, cabi.d = #cabi.crossing<skipped unsafe_pointer>} {
}

// -----

// The kinds of the rest of the consume surface round-trip: box, field_get,
// field_set, and a method with an in-out receiver.
// CHECK-LABEL: cabi.library @"example.com/more"
// CHECK: cabi.export @m_box_bytes box "box_bytes" [#cabi.value<"v" : !go.slice<byte> as !cabi.bytes>] -> [#cabi.value<"r0" : !go.any as !cabi.handle<"Any">>]
// CHECK-NEXT: cabi.export @m_T_F_get field_get "T.F" [#cabi.value<"recv" : !go.ptr<named<"example.com/more.T">> as !cabi.handle<"T">>] -> [#cabi.value<"F" : !go.int as si64>]
// CHECK-NEXT: cabi.export @m_T_F_set field_set "T.set_F" [#cabi.value<"recv" : !go.ptr<named<"example.com/more.T">> as !cabi.handle<"T">>, #cabi.value<"F" : !go.int as si64>] -> []
// CHECK-NEXT: cabi.export @m_ID_Set method "ID.Set" [#cabi.value<"id" : !go.named<"example.com/more.ID"> as !cabi.bytes>] -> [#cabi.value<"self" : !go.named<"example.com/more.ID"> as !cabi.bytes>] error inout_receiver
cabi.library @"example.com/more" version "v1.0.0" prefix "m" {
  cabi.handle_type @Any : !go.any
  cabi.handle_type @T : !go.named<"example.com/more.T"> boxed
  cabi.package @"example.com/more" name "more" qualifier "" {
    cabi.export @m_box_bytes box "box_bytes" [#cabi.value<"v" : !go.slice<byte> as !cabi.bytes>] -> [#cabi.value<"r0" : !go.any as !cabi.handle<"Any">>]
    cabi.export @m_T_F_get field_get "T.F" [#cabi.value<"recv" : !go.ptr<named<"example.com/more.T">> as !cabi.handle<"T">>] -> [#cabi.value<"F" : !go.int as si64>]
    cabi.export @m_T_F_set field_set "T.set_F" [#cabi.value<"recv" : !go.ptr<named<"example.com/more.T">> as !cabi.handle<"T">>, #cabi.value<"F" : !go.int as si64>] -> []
    cabi.export @m_ID_Set method "ID.Set" [#cabi.value<"id" : !go.named<"example.com/more.ID"> as !cabi.bytes>] -> [#cabi.value<"self" : !go.named<"example.com/more.ID"> as !cabi.bytes>] error inout_receiver
  }
}
