// RUN: mochi-go-opt %s --publish-check -split-input-file -verify-diagnostics | FileCheck %s

// The API and the implementation agree: the IR is unchanged.
// CHECK-LABEL: go.module @"example.com/ok"
// CHECK: go.func @AddInts(a: int64, b: int64) -> (_: int64)
// CHECK: go.module @"example.com/ok/impl"
go.module @"example.com/ok" version "v0.1.0" attributes {mochi.publish = "api"} {
  go.package @"example.com/ok" name "ok" {
    go.type @Point struct {
      go.field "X" : float64
      go.field "Tags" : map<string, int64>
    }
    go.func @AddInts(a: int64, b: int64) -> (_: int64) {mochi.name = "add_ints", mochi.signature = "add_ints(a: int, b: int): int"}
    go.func @Parse(s: string) -> (_: ptr<named<"example.com/ok.Point">>, _: error) {mochi.signature = "parse(s: string): Result<Point?, string>"}
    go.func @Bytes(f: func<(int64) -> (bool)>) -> (_: slice<byte>) {mochi.signature = "bytes(f: fun(int): bool): bytes"}
  }
}
go.module @"example.com/ok/impl" version "v0.1.0" attributes {mochi.publish = "impl"} {
  go.package @"example.com/ok/impl" name "ok" {
    go.type @Point struct {
      go.field "X" : float64
      go.field "Tags" : map<string, int64>
    }
    go.func @AddInts(x: int64, y: int64) -> (_: int64)
    go.func @Parse(s: string) -> (_: ptr<named<"example.com/ok/impl.Point">>, _: error)
    go.func @Bytes(f: func<(int64) -> (bool)>) -> (_: slice<uint8>)
  }
}

// -----

// A missing function and a signature mismatch.
go.module @"example.com/bad" version "v0.1.0" attributes {mochi.publish = "api"} {
  go.package @"example.com/bad" name "bad" {
    // expected-error @+1 {{`add_ints` (Go `AddInts`) is not defined by the implementation package `example.com/bad/impl`}}
    go.func @AddInts(a: int64, b: int64) -> (_: int64) {mochi.name = "add_ints", mochi.signature = "add_ints(a: int, b: int): int"}
    // expected-error @+1 {{signature mismatch: `mean(x: float, y: float): float` is Go `func Mean(float64, float64) float64`, the implementation has `func Mean(float32, float32) float32`}}
    go.func @Mean(x: float64, y: float64) -> (_: float64) {mochi.name = "mean", mochi.signature = "mean(x: float, y: float): float"}
  }
}
go.module @"example.com/bad/impl" version "v0.1.0" attributes {mochi.publish = "impl"} {
  go.package @"example.com/bad/impl" name "bad" {
    // expected-note @+1 {{the implementation's `Mean` is here}}
    go.func @Mean(x: float32, y: float32) -> (_: float32)
    go.func @addInts(a: int64, b: int64) -> (_: int64)
  }
}

// -----

// Result<T, string> is (T, error): an implementation without the error
// does not match.
go.module @"example.com/res" version "v0.1.0" attributes {mochi.publish = "api"} {
  go.package @"example.com/res" name "res" {
    // expected-error @+1 {{signature mismatch: `parse_int(s: string): Result<int, string>` is Go `func ParseInt(string) (int64, error)`, the implementation has `func ParseInt(string) int64`}}
    go.func @ParseInt(s: string) -> (_: int64, _: error) {mochi.signature = "parse_int(s: string): Result<int, string>"}
  }
}
go.module @"example.com/res/impl" version "v0.1.0" attributes {mochi.publish = "impl"} {
  go.package @"example.com/res/impl" name "res" {
    // expected-note @+1 {{here}}
    go.func @ParseInt(s: string) -> (_: int64)
  }
}

// -----

// Records: a field of another type, and a record the implementation lacks.
go.module @"example.com/rec" version "v0.1.0" attributes {mochi.publish = "api"} {
  go.package @"example.com/rec" name "rec" {
    // expected-error @+1 {{record `Point` does not match the implementation: field 2 is `Y float64`, the implementation has `Y int64`}}
    go.type @Point struct attributes {mochi.name = "Point"} {
      go.field "X" : float64
      go.field "Y" : float64
    }
    // expected-error @+1 {{record `Path` (Go `Path`) is not defined as a struct type by the implementation package `example.com/rec/impl`}}
    go.type @Path struct {
      go.field "Name" : string
    }
  }
}
go.module @"example.com/rec/impl" version "v0.1.0" attributes {mochi.publish = "impl"} {
  go.package @"example.com/rec/impl" name "rec" {
    // expected-note @+1 {{here}}
    go.type @Point struct {
      go.field "X" : float64
      go.field "Y" : int64
    }
    go.type @Path : string
  }
}

// -----

// expected-error @+1 {{publish-check needs two go.modules, marked mochi.publish = "api" and "impl"}}
module {
  go.module @"example.com/alone" version "v0.1.0" attributes {mochi.publish = "api"} {
    go.package @"example.com/alone" name "alone" {
    }
  }
}
