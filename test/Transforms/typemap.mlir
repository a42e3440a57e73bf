// RUN: mochi-go-opt %s -split-input-file --typemap | FileCheck %s

// One input per row of docs/TypeMap.md.

// Scalars: bool, every sized integer, uintptr, floats, string, byte, rune.
// CHECK-LABEL: go.module @"example.com/scalars"
go.module @"example.com/scalars" version "v1.0.0" {
  go.package @"example.com/scalars" name "scalars" {
    // CHECK: go.func @Ints{{.*}}cabi.crossing = #cabi.crossing<bridged>
    go.func @Ints(a: int, b: int8, c: int16, d: int32, e: int64) -> (_: uint, _: uint8, _: uint16, _: uint32, _: uint64, _: uintptr)
    // CHECK: go.func @Others{{.*}}cabi.crossing = #cabi.crossing<bridged>
    go.func @Others(a: bool, b: float32, c: float64, d: string, e: byte, f: rune)
  }
}

// -----

// []byte, []T, [N]T, map[K]V of mappable K and V are copied.
// CHECK-LABEL: go.module @"example.com/containers"
go.module @"example.com/containers" version "v1.0.0" {
  go.package @"example.com/containers" name "containers" {
    // CHECK: go.func @Bytes{{.*}}#cabi.crossing<bridged>
    go.func @Bytes(b: slice<byte>, a: array<16 x uint8>) -> (_: slice<byte>)
    // CHECK: go.func @Lists{{.*}}#cabi.crossing<bridged>
    go.func @Lists(a: slice<string>, b: array<3 x int>, c: slice<slice<float64>>)
    // CHECK: go.func @Maps{{.*}}#cabi.crossing<bridged>
    go.func @Maps(m: map<string, slice<int>>, n: map<int64, bool>)
    // A map key must be a scalar or a string.
    // CHECK: go.func @BadKey{{.*}}#cabi.crossing<skipped map_key_not_scalar "parameter m: [2]int">
    go.func @BadKey(m: map<array<2 x int>, int>)
  }
}

// -----

// Records: structs whose fields are all exported and copyable. A private
// field, or a field carried as a handle, makes the struct a handle.
// CHECK-LABEL: go.module @"example.com/records"
go.module @"example.com/records" version "v1.0.0" {
  go.package @"example.com/records" name "records" {
    // CHECK: go.type @Point struct {{.*}}#cabi.crossing<bridged>
    go.type @Point struct {
      go.field "X" : int
      go.field "Y" : int
    }
    // CHECK: go.type @Secret struct {{.*}}#cabi.crossing<handle>
    go.type @Secret struct {
      go.field "Name" : string
      go.field "key" : hidden
    }
    // CHECK: go.type @Linked struct {{.*}}#cabi.crossing<handle>
    go.type @Linked struct {
      go.field "Next" : ptr<named<"example.com/records.Linked">>
    }
    // CHECK: go.func @Move{{.*}}#cabi.crossing<bridged>
    go.func @Move(p: named<"example.com/records.Point">, by: struct<DX: int, DY: int>) -> (_: named<"example.com/records.Point">)
    // CHECK: go.func @Open{{.*}}#cabi.crossing<handle>
    go.func @Open(s: named<"example.com/records.Secret">) -> (_: ptr<named<"example.com/records.Linked">>)
  }
}

// -----

// error is a message; a last error result is the status. Multiple results
// and variadic parameters are bridged.
// CHECK-LABEL: go.module @"example.com/errs"
go.module @"example.com/errs" version "v1.0.0" {
  go.package @"example.com/errs" name "errs" {
    // CHECK: go.func @Parse{{.*}}#cabi.crossing<bridged>
    go.func @Parse(s: string) -> (n: int, rest: string, err: error)
    // CHECK: go.func @Wrap{{.*}}#cabi.crossing<bridged>
    go.func @Wrap(err: error, msg: string) -> (_: error)
    // CHECK: go.func @Join{{.*}}#cabi.crossing<bridged>
    go.func @Join(sep: string, parts: ...string) -> (_: string)
  }
}

// -----

// Handles: pointers, interfaces, any, funcs, chans, and named types whose
// underlying type is one of them.
// CHECK-LABEL: go.module @"example.com/handles"
go.module @"example.com/handles" version "v1.0.0" {
  go.package @"example.com/handles" name "handles" {
    // CHECK: go.type @Reader interface {{.*}}#cabi.crossing<handle>
    go.type @Reader interface {
      go.interface_method "Read"(p: slice<byte>) -> (n: int, err: error)
    }
    // CHECK: go.type @Handler : func<(string)> {cabi.crossing = #cabi.crossing<handle>}
    go.type @Handler : func<(string)>
    // CHECK: go.func @Use{{.*}}#cabi.crossing<handle>
    go.func @Use(r: named<"example.com/handles.Reader">, h: named<"example.com/handles.Handler">) -> (_: any)
    // CHECK: go.func @Funcs{{.*}}#cabi.crossing<handle>
    go.func @Funcs(f: func<(int) -> (int)>, c: chan<recv, int>, p: ptr<int>)
  }
}

// -----

// Skipped, each with its reason.
// CHECK-LABEL: go.module @"example.com/skips"
go.module @"example.com/skips" version "v1.0.0" {
  go.package @"example.com/skips" name "skips" {
    // CHECK: go.func @Complex{{.*}}#cabi.crossing<skipped complex_number "parameter c: complex128">
    go.func @Complex(c: complex128)
    // CHECK: go.func @Unsafe{{.*}}#cabi.crossing<skipped unsafe_pointer "result _: unsafe.Pointer">
    go.func @Unsafe() -> (_: unsafe.Pointer)
    // CHECK: go.func @Map{{.*}}#cabi.crossing<skipped uninstantiated_generic "type parameters">
    go.func @Map<T: any>(xs: slice<typeparam<"T">>) -> (_: slice<typeparam<"T">>)
    // CHECK: go.func @Broken{{.*}}#cabi.crossing<skipped invalid_type "parameter x: invalid">
    go.func @Broken(x: invalid)
    // An unexported type cannot be named by the wrapper as a parameter...
    // CHECK: go.func @Configure{{.*}}#cabi.crossing<skipped unexported_type "parameter o: example.com/skips.option">
    go.func @Configure(o: named<"example.com/skips.option">)
    // ...but a result carried as a handle is never named.
    // CHECK: go.func @NewOption{{.*}}#cabi.crossing<handle>
    go.func @NewOption() -> (_: ptr<named<"example.com/skips.option">>)
    // CHECK: go.func @Internal{{.*}}#cabi.crossing<skipped internal_type "parameter x: example.com/skips/internal/impl.Thing">
    go.func @Internal(x: ptr<named<"example.com/skips/internal/impl.Thing">>)
    // CHECK: go.type @Number interface attributes {cabi.crossing = #cabi.crossing<skipped constraint_interface "type Number: example.com/skips.Number">}
    go.type @Number interface {
      go.embed union<tilde int | tilde float64>
    }
    // Unexported types the API mentions, and their methods, get no decision.
    // CHECK: go.type @option struct attributes {hidden} {
    go.type @option struct attributes {hidden} {
      go.field "level" : hidden
    }
    // CHECK: go.method @option.Apply recv(o: ptr<named<"example.com/skips.option">>) (){{$}}
    go.method @option.Apply recv(o: ptr<named<"example.com/skips.option">>) ()
  }
  go.external_type "example.com/skips/internal/impl.Thing" : struct<x: hidden>
}

// -----

// Methods take the receiver first; a pointer receiver is a handle, except
// on a type copied by value, whose value goes in and comes out again
// (inout_receiver).
// CHECK-LABEL: go.module @"example.com/methods"
go.module @"example.com/methods" version "v1.0.0" {
  go.package @"example.com/methods" name "methods" {
    go.type @ID : array<4 x byte>
    // CHECK: go.method @ID.String{{.*}}#cabi.crossing<bridged>
    go.method @ID.String recv(id: named<"example.com/methods.ID">) () -> (_: string)
    // CHECK: go.method @ID.Set{{.*}}#cabi.crossing<bridged>
    go.method @ID.Set recv(id: ptr<named<"example.com/methods.ID">>) (s: string) -> (_: error)
    go.type @List<T: any> struct {
      go.field "Items" : slice<typeparam<"T">>
    }
    // CHECK: go.method @List.Len{{.*}}#cabi.crossing<skipped uninstantiated_generic "method of a generic type">
    go.method @List.Len recv(l: ptr<named<"example.com/methods.List", [typeparam<"T">]>>) () -> (_: int)
  }
}

// -----

// Variables and constants; a constant must fit a Mochi scalar.
// CHECK-LABEL: go.module @"example.com/values"
go.module @"example.com/values" version "v1.0.0" {
  go.package @"example.com/values" name "values" {
    // CHECK: go.var @Debug : bool {cabi.crossing = #cabi.crossing<bridged>}
    go.var @Debug : bool
    // CHECK: go.const @MaxU : untyped_int = int "18446744073709551615" {cabi.crossing = #cabi.crossing<bridged>}
    go.const @MaxU : untyped_int = int "18446744073709551615"
    // CHECK: go.const @MinI : untyped_int = int "-9223372036854775808" {cabi.crossing = #cabi.crossing<bridged>}
    go.const @MinI : untyped_int = int "-9223372036854775808"
    // CHECK: go.const @Huge : untyped_int = int "18446744073709551616" {cabi.crossing = #cabi.crossing<skipped const_out_of_range "constant Huge = 18446744073709551616">}
    go.const @Huge : untyped_int = int "18446744073709551616"
    // CHECK: go.const @Pi : untyped_float = float "3.14159" {cabi.crossing = #cabi.crossing<bridged>}
    go.const @Pi : untyped_float = float "3.14159"
    // CHECK: go.const @I : untyped_complex = complex "(0 + 1i)" {cabi.crossing = #cabi.crossing<skipped complex_number "constant I: untyped complex">}
    go.const @I : untyped_complex = complex "(0 + 1i)"
  }
}
