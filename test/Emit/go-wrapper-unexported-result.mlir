// RUN: mochi-go-opt %s --typemap --handle-pool --cgo-export | mochi-go-translate --emit-go-wrapper | FileCheck %s

// A result of an unexported named type with a copied underlying type (as
// testify's `type AnythingOfTypeArgument = anythingOfTypeArgument`) is
// converted to that underlying type at the call: the wrapper never names
// the unexported type, which the Go compiler would refuse.

// CHECK-LABEL: func mochigo_hide_KindOf(
// CHECK:       v0 := p0.KindOf(g0)
// CHECK:       toC[[N:[0-9]+]](tx, string(v0))
// CHECK:       func toC[[N]](tx *rt.Tx, v string) C.mochigo_hide_string {
// CHECK-NOT:   p0.kind
go.module @"example.com/hide" version "v1.0.0" {
  go.package @"example.com/hide" name "hide" {
    go.type @kind : string {hidden}
    go.alias @Kind = named<"example.com/hide.kind">
    go.func @KindOf(t: string) -> (_: named<"example.com/hide.kind">)
  }
}
