// RUN: mochi-go-opt %s --typemap --handle-pool --cgo-export -o %t.mlir
// RUN: mochi-go-translate --emit-go-wrapper %t.mlir | FileCheck %s --check-prefix=GO
// RUN: mochi-go-translate --emit-c-header %t.mlir -o %t.h
// RUN: FileCheck %s --check-prefix=H < %t.h
// RUN: cc -std=c99 -Wall -Wextra -Werror -pedantic -fsyntax-only -x c %t.h

// The printers on the rest of the consume surface: box functions, field
// getters and setters, interface methods, an in-out receiver.

// GO-LABEL: //export mochigo_surface_Flag_Name_get
// GO-NEXT: func mochigo_surface_Flag_Name_get(a0 C.mochigo_surface_Flag, r0 *C.mochigo_surface_string, err *C.mochigo_surface_string) (status C.int32_t) {
// GO:   g0, e := rt.Ptr[p0.Flag](rt.Handle(a0))
// GO:     t0 = [[STR_OUT:toC[0-9]+]](tx, g0.Name)
// GO-LABEL: //export mochigo_surface_Flag_Name_set
// GO:   g0, e := rt.Ptr[p0.Flag](rt.Handle(a0))
// GO:   g1, e := {{fromC[0-9]+}}(a1)
// GO:   g0.Name = g1
// GO-NEXT:   return 0

// The receiver is a local copy; the method updates it, and it is result 0.
// GO-LABEL: //export mochigo_surface_ID_Set
// GO-NEXT: func mochigo_surface_ID_Set(a0 C.mochigo_surface_bytes, a1 C.mochigo_surface_string, r0 *C.mochigo_surface_bytes, r1 *C.bool, err *C.mochigo_surface_string) (status C.int32_t) {
// GO:   v1, e := g0.Set(g1)
// GO:     t0 = {{toC[0-9]+}}(tx, g0)
// GO:     t1 = C.bool(v1)

// The method of an interface from outside the module, on its handle.
// GO-LABEL: //export mochigo_surface_io_Writer_Write
// GO:   g0, e := rt.Iface[p1.Writer](rt.Handle(a0))
// GO:   v0, e := g0.Write(g1)

// GO-LABEL: //export mochigo_surface_Value_String
// GO:   g0, e := rt.Iface[p0.Value](rt.Handle(a0))
// GO:   v0 := g0.String()

// A box: the C value converted to Go becomes the result's any.
// GO-LABEL: //export mochigo_surface_box_int
// GO-NEXT: func mochigo_surface_box_int(a0 C.int64_t, r0 *C.mochigo_surface_Any, err *C.mochigo_surface_string) (status C.int32_t) {
// GO:   g0 := int(a0)
// GO:     t0 = C.mochigo_surface_Any(tx.New(g0))
// GO-LABEL: //export mochigo_surface_box_handle
// GO:   g0, e := rt.Iface[any](rt.Handle(a0))
// GO:     t0 = C.mochigo_surface_Any(tx.New(g0))

// H: // field example.com/surface.Flag.Name (get)
// H-NEXT: // Name is the flag's name.
// H-NEXT: // Name: free with mochigo_surface_free_string.
// H-NEXT: int32_t mochigo_surface_Flag_Name_get(mochigo_surface_Flag recv, mochigo_surface_string *Name, mochigo_surface_string *err);
// H: // field example.com/surface.Flag.Name (set)
// H-NEXT: int32_t mochigo_surface_Flag_Name_set(mochigo_surface_Flag recv, mochigo_surface_string Name, mochigo_surface_string *err);
// H: // method example.com/surface.ID.Set
// H-NEXT: // In-out receiver: the method runs on a copy of the first parameter; the copy
// H-NEXT: // after the call is the first result.
// H:      int32_t mochigo_surface_ID_Set(mochigo_surface_bytes id, mochigo_surface_string s, mochigo_surface_bytes *self, bool *ok, mochigo_surface_string *err);
// H: // box_string: a value as a Go any
// H-NEXT: // a Go string as an any
// H-NEXT: // r0: release with mochigo_surface_handle_release.
// H-NEXT: int32_t mochigo_surface_box_string(mochigo_surface_string v, mochigo_surface_Any *r0, mochigo_surface_string *err);
go.module @"example.com/surface" version "v1.0.0" {
  go.package @"example.com/surface" name "surface" {
    go.type @Flag struct {
      go.field "Name" : string {doc = "Name is the flag's name."}
      go.field "Value" : named<"example.com/surface.Value">
      go.field "hidden" : hidden
    }
    go.type @Value interface {
      go.interface_method "String"() -> (_: string)
      go.interface_method "Set"(s: string) -> (_: error)
    }
    go.type @ID : array<4 x byte>
    go.method @ID.Set recv(id: ptr<named<"example.com/surface.ID">>) (s: string) -> (ok: bool, err: error)
    go.func @Lookup(name: string) -> (_: ptr<named<"example.com/surface.Flag">>)
    go.func @Print(w: named<"io.Writer">, v: any)
    go.func @Var(v: named<"example.com/surface.Value">, name: string)
  }
  go.external_type "io.Writer" : interface<Write: func<(slice<byte>) -> (int, error)>>
}
