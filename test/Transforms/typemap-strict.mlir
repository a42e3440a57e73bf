// RUN: mochi-go-opt %s -split-input-file --typemap="strict=true" -verify-diagnostics

// With strict, a declaration that would be skipped is an error that names
// the reason and the value that caused it.
go.module @"example.com/strict" version "v1.0.0" {
  go.package @"example.com/strict" name "strict" {
    go.func @Fine(s: string) -> (_: int)
    // expected-error @+1 {{not bridged: complex_number (parameter c: complex128)}}
    go.func @Complex(c: complex128)
    // expected-error @+1 {{not bridged: unsafe_pointer (result _: unsafe.Pointer)}}
    go.func @Unsafe() -> (_: unsafe.Pointer)
  }
}

// -----

go.module @"example.com/strict2" version "v1.0.0" {
  go.package @"example.com/strict2" name "strict2" {
    // expected-error @+1 {{not bridged: map_key_not_scalar (parameter m: example.com/strict2.Key)}}
    go.func @Lookup(m: map<named<"example.com/strict2.Key">, int>)
    go.type @Key struct {
      go.field "A" : int
    }
  }
}
