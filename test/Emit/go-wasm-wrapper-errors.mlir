// RUN: rm -f %t.txt
// RUN: not mochi-go-translate --emit-go-wasm-wrapper --split-input-file %s -o %t.txt 2>&1 | FileCheck %s
// RUN: test ! -e %t.txt

// The embedded printer prints only what linkname lowered.

// CHECK: error: the library was not lowered for the embedded profile: run --linkname instead of --cgo-export
cabi.library @"example.com/m" version "v1.0.0" prefix "mochigo_m" {
}

// -----

// CHECK: error: the form of parameter xs is not in the embedded subset (run --linkname)
cabi.library @"example.com/m" version "v1.0.0" prefix "mochigo_m" attributes {cabi.profile = "embedded"} {
  cabi.package @"example.com/m" name "m" qualifier "" {
    cabi.export @mochigo_m_Sum func "Sum" [#cabi.value<"xs" : !go.slice<float64> as !cabi.list<f64>>] -> []
  }
}

// -----

// CHECK: error: the embedded printer cannot spell the Go type func(int) (run --linkname, not --cgo-export)
cabi.library @"example.com/m" version "v1.0.0" prefix "mochigo_m" attributes {cabi.profile = "embedded"} {
  cabi.handle_type @Func_1 : !go.func<(int)>
  cabi.package @"example.com/m" name "m" qualifier "" {
    cabi.export @mochigo_m_Call func "Call" [#cabi.value<"f" : !go.func<(int)> as !cabi.handle<"Func_1">>] -> []
  }
}
