// RUN: mochi-go-opt %s -split-input-file --linkname -verify-diagnostics

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
      go.func @F() {cabi.crossing = #cabi.crossing<bridged>}
    }
  }
  cabi.library @"example.com/m" version "v1.0.0" prefix "mochigo_m" {
    // expected-error @+1 {{the library already has exports: run --linkname instead of --cgo-export, not after it}}
    cabi.package @"example.com/m" name "m" qualifier "" {
      cabi.export @mochigo_m_F func "F" [] -> []
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
