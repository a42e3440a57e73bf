// RUN: mochi-go-opt %s -split-input-file --typemap --handle-pool --cgo-export | FileCheck %s

// One export per bridged function, method, variable and constant; records
// before the packages; C symbols with the package directory after the
// prefix; parameter names made C names; skipped declarations left out.
// CHECK-LABEL: cabi.library @"example.com/shapes" version "v0.3.0" prefix "mochigo_shapes" {
// CHECK: cabi.handle_type @Canvas : !go.named<"example.com/shapes.Canvas"> boxed
// CHECK: cabi.record @Point : !go.named<"example.com/shapes.Point"> [#cabi.value<"X" : !go.float64 as f64>, #cabi.value<"Y" : !go.float64 as f64>]
// CHECK: cabi.record @Path : !go.named<"example.com/shapes.Path"> [#cabi.value<"Name" : !go.string as !cabi.string>, #cabi.value<"Points" : !go.slice<named<"example.com/shapes.Point">> as !cabi.list<!cabi.record<"Point">>>]
// CHECK: cabi.package @"example.com/shapes" name "shapes" qualifier "" {
// A handle-carried struct type gets a constructor of its zero value.
// CHECK-NEXT: cabi.export @mochigo_shapes_Canvas_new new "Canvas.new" [] -> [#cabi.value<"r0" : !go.ptr<named<"example.com/shapes.Canvas">> as !cabi.handle<"Canvas">>] {doc = "new(Canvas) as a handle"}
// CHECK-NEXT: cabi.export @mochigo_shapes_Length func "Length" [#cabi.value<"p" : !go.named<"example.com/shapes.Path"> as !cabi.record<"Path">>] -> [#cabi.value<"r0" : !go.float64 as f64>] {doc = "Length is the length of p."}
// CHECK-NEXT: cabi.export @mochigo_shapes_Parse func "Parse" [#cabi.value<"int_" : !go.string as !cabi.string>] -> [#cabi.value<"r0" : !go.named<"example.com/shapes.Point"> as !cabi.record<"Point">>, #cabi.value<"ok" : !go.bool as i1>] error
// CHECK-NEXT: cabi.export @mochigo_shapes_Sum func "Sum" [#cabi.value<"p0" : !go.string as !cabi.string>, #cabi.value<"xs" : !go.slice<float64> as !cabi.list<f64>>] -> [#cabi.value<"r0" : !go.float64 as f64>] variadic
// CHECK-NEXT: cabi.export @mochigo_shapes_NewCanvas func "NewCanvas" [] -> [#cabi.value<"r0" : !go.ptr<named<"example.com/shapes.Canvas">> as !cabi.handle<"Canvas">>]
// CHECK-NEXT: cabi.export @mochigo_shapes_Canvas_Draw method "Canvas.Draw" [#cabi.value<"c" : !go.ptr<named<"example.com/shapes.Canvas">> as !cabi.handle<"Canvas">>, #cabi.value<"p" : !go.named<"example.com/shapes.Path"> as !cabi.record<"Path">>] -> [] error
// CHECK-NEXT: cabi.export @mochigo_shapes_Scale_get var_get "Scale" [] -> [#cabi.value<"Scale" : !go.float64 as f64>]
// CHECK-NEXT: cabi.export @mochigo_shapes_Scale_set var_set "Scale" [#cabi.value<"Scale" : !go.float64 as f64>] -> []
// CHECK-NEXT: cabi.export @mochigo_shapes_MaxPoints_get const_get "MaxPoints" [] -> [#cabi.value<"MaxPoints" : !go.untyped_int as si64>]
// CHECK-NEXT: }
// CHECK-NEXT: cabi.package @"example.com/shapes/svg" name "svg" qualifier "svg" {
// CHECK-NEXT: cabi.export @mochigo_shapes_svg_Render func "Render" [#cabi.value<"c" : !go.ptr<named<"example.com/shapes.Canvas">> as !cabi.handle<"Canvas">>] -> [#cabi.value<"r0" : !go.slice<byte> as !cabi.bytes>]
// CHECK-NEXT: }
// CHECK-NEXT: }
go.module @"example.com/shapes" version "v0.3.0" {
  go.package @"example.com/shapes" name "shapes" {
    go.type @Point struct {
      go.field "X" : float64
      go.field "Y" : float64
    }
    go.type @Path struct {
      go.field "Name" : string
      go.field "Points" : slice<named<"example.com/shapes.Point">>
    }
    go.type @Canvas struct {
      go.field "pixels" : hidden
    }
    go.func @Length(p: named<"example.com/shapes.Path">) -> (_: float64) {doc = "Length is the length of p.\nIt is never negative."}
    go.func @Parse(int: string) -> (_: named<"example.com/shapes.Point">, ok: bool, err: error)
    go.func @Sum(_: string, xs: ...float64) -> (_: float64)
    go.func @NewCanvas() -> (_: ptr<named<"example.com/shapes.Canvas">>)
    go.method @Canvas.Draw recv(c: ptr<named<"example.com/shapes.Canvas">>) (p: named<"example.com/shapes.Path">) -> (_: error)
    go.func @Rotate(c: complex128)
    go.var @Scale : float64
    go.const @MaxPoints : untyped_int = int "1024"
  }
  go.package @"example.com/shapes/svg" name "svg" {
    go.func @Render(c: ptr<named<"example.com/shapes.Canvas">>) -> (_: slice<byte>)
  }
}

// -----

// A package with nothing bridged gets no cabi.package.
// CHECK-LABEL: cabi.library @"example.com/empty" version "v1.0.0" prefix "mochigo_empty" {
// CHECK-NEXT: }
go.module @"example.com/empty" version "v1.0.0" {
  go.package @"example.com/empty" name "empty" {
    go.func @Complex(c: complex64)
  }
}

// -----

// The rest of the consume surface: box functions when the library has an
// `any` handle type (in the first package), a getter and a setter per
// exported field of a handle-carried struct whose type has a C form (a
// field needing a handle type the library lacks gets none), the methods of
// a named interface type of the module (`Type.Method`) and of one from
// outside (`<handle type>.Method`), and a pointer-receiver method on a
// copied type with an in-out receiver.
// CHECK-LABEL: cabi.library @"example.com/surface" version "v1.0.0" prefix "mochigo_surface" {
// CHECK: cabi.package @"example.com/surface" name "surface" qualifier "" {
// CHECK-NEXT: cabi.export @mochigo_surface_Flag_new new "Flag.new"
// CHECK-NEXT: cabi.export @mochigo_surface_Flag_Name_get field_get "Flag.Name" [#cabi.value<"recv" : !go.ptr<named<"example.com/surface.Flag">> as !cabi.handle<"Flag">>] -> [#cabi.value<"Name" : !go.string as !cabi.string>] {doc = "Name is the flag's name."}
// CHECK-NEXT: cabi.export @mochigo_surface_Flag_Name_set field_set "Flag.set_Name" [#cabi.value<"recv" : !go.ptr<named<"example.com/surface.Flag">> as !cabi.handle<"Flag">>, #cabi.value<"Name" : !go.string as !cabi.string>] -> []
// CHECK-NEXT: cabi.export @mochigo_surface_Flag_Value_get field_get "Flag.Value" [#cabi.value<"recv" : !go.ptr<named<"example.com/surface.Flag">> as !cabi.handle<"Flag">>] -> [#cabi.value<"Value" : !go.named<"example.com/surface.Value"> as !cabi.handle<"Value">>]
// CHECK-NEXT: cabi.export @mochigo_surface_Flag_Value_set field_set "Flag.set_Value"
// CHECK-NOT: Flag_Out
// CHECK-NOT: Flag_hidden
// CHECK: cabi.export @mochigo_surface_ID_Set method "ID.Set" [#cabi.value<"id" : !go.named<"example.com/surface.ID"> as !cabi.bytes>, #cabi.value<"s" : !go.string as !cabi.string>] -> [#cabi.value<"self" : !go.named<"example.com/surface.ID"> as !cabi.bytes>, #cabi.value<"ok" : !go.bool as i1>] error inout_receiver
// Interface methods come after the declarations, in handle-type order, by
// method name.
// CHECK: cabi.export @mochigo_surface_io_Writer_Write method "io_Writer.Write" [#cabi.value<"recv" : !go.named<"io.Writer"> as !cabi.handle<"io_Writer">>, #cabi.value<"p1" : !go.slice<byte> as !cabi.bytes>] -> [#cabi.value<"r0" : !go.int as si64>] error
// CHECK-NEXT: cabi.export @mochigo_surface_Value_Set method "Value.Set" [#cabi.value<"recv" : !go.named<"example.com/surface.Value"> as !cabi.handle<"Value">>, #cabi.value<"s" : !go.string as !cabi.string>] -> [] error {doc = "Set parses s."}
// CHECK-NEXT: cabi.export @mochigo_surface_Value_String method "Value.String" [#cabi.value<"recv" : !go.named<"example.com/surface.Value"> as !cabi.handle<"Value">>] -> [#cabi.value<"r0" : !go.string as !cabi.string>]
// CHECK-NEXT: cabi.export @mochigo_surface_box_string box "box_string" [#cabi.value<"v" : !go.string as !cabi.string>] -> [#cabi.value<"r0" : !go.any as !cabi.handle<"Any">>] {doc = "a Go string as an any"}
// CHECK-NEXT: cabi.export @mochigo_surface_box_int box "box_int" [#cabi.value<"v" : !go.int as si64>]
// CHECK-NEXT: cabi.export @mochigo_surface_box_float box "box_float" [#cabi.value<"v" : !go.float64 as f64>]
// CHECK-NEXT: cabi.export @mochigo_surface_box_bool box "box_bool" [#cabi.value<"v" : !go.bool as i1>]
// CHECK-NEXT: cabi.export @mochigo_surface_box_bytes box "box_bytes" [#cabi.value<"v" : !go.slice<byte> as !cabi.bytes>]
// CHECK-NEXT: cabi.export @mochigo_surface_box_handle box "box_handle" [#cabi.value<"v" : !go.any as !cabi.handle<"Any">>] -> [#cabi.value<"r0" : !go.any as !cabi.handle<"Any">>] {doc = "the value a handle holds, as an any"}
// CHECK-NEXT: }
go.module @"example.com/surface" version "v1.0.0" {
  go.package @"example.com/surface" name "surface" {
    go.type @Flag struct {
      go.field "Name" : string {doc = "Name is the flag's name."}
      go.field "Value" : named<"example.com/surface.Value">
      go.field "Out" : chan<int>
      go.field "hidden" : hidden
    }
    go.type @Value interface {
      go.interface_method "String"() -> (_: string)
      go.interface_method "Set"(s: string) -> (_: error) {doc = "Set parses s.\nMore."}
    }
    go.type @ID : array<4 x byte>
    go.method @ID.Set recv(id: ptr<named<"example.com/surface.ID">>) (s: string) -> (ok: bool, err: error)
    go.func @Lookup(name: string) -> (_: ptr<named<"example.com/surface.Flag">>)
    go.func @Print(w: named<"io.Writer">, v: any)
    go.func @Var(v: named<"example.com/surface.Value">, name: string)
  }
  go.external_type "io.Writer" : interface<Write: func<(slice<byte>) -> (int, error)>>
}
