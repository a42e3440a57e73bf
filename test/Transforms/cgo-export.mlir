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
