// RUN: mochi-go-opt %s -split-input-file --cgo-export -verify-diagnostics

// expected-error @+1 {{no cabi.library: run --typemap and --handle-pool first}}
module {
  go.module @"example.com/m" version "v1.0.0" {
    go.package @"example.com/m" name "m" {
      go.func @F()
    }
  }
}

// -----

module {
  go.module @"example.com/m" version "v1.0.0" {
    go.package @"example.com/m" name "m" {
      go.func @F(p: ptr<int>) {cabi.crossing = #cabi.crossing<handle>}
    }
  }
  // expected-error @+1 {{no handle type for *int: run --handle-pool first}}
  cabi.library @"example.com/m" version "v1.0.0" prefix "mochigo_m" {
  }
}

// -----

module {
  // expected-error @+1 {{no go.module named 'example.com/gone' next to the library}}
  cabi.library @"example.com/gone" version "v1.0.0" prefix "mochigo_gone" {
  }
}
