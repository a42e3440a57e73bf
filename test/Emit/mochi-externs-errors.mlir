// RUN: mochi-go-translate --emit-mochi-externs %s --split-input-file --verify-diagnostics
// RUN: not mochi-go-translate --emit-mochi-externs --mochi-alias=yaml.v3 %s --split-input-file 2>&1 | FileCheck %s --check-prefix=BADALIAS
// RUN: not mochi-go-translate --emit-mochi-externs --mochi-alias=2fa %s --split-input-file 2>&1 | FileCheck %s --check-prefix=DIGIT

// An alias that is not a Mochi identifier is refused with a fixed one.
// BADALIAS: error: the Mochi alias 'yaml.v3' is not a Mochi identifier; use --mochi-alias=yaml_v3
// DIGIT: error: the Mochi alias '2fa' is not a Mochi identifier; use --mochi-alias=_2fa

// No library at all.
// expected-error@+1 {{expected exactly one cabi.library, found none (run --handle-pool and --cgo-export first)}}
module {
  go.module @"example.com/a" version "v1.0.0" {
  }
}

// -----

// Two libraries.
// expected-note@+1 {{the first one}}
cabi.library @"example.com/a" version "v1.0.0" prefix "mochigo_a" {
}
// expected-error@+1 {{expected exactly one cabi.library, found 2}}
cabi.library @"example.com/b" version "v1.0.0" prefix "mochigo_b" {
}

// -----

// The default alias of example.com/type is a Mochi keyword.
// expected-error@+1 {{the Mochi alias 'type' is not a Mochi identifier (it is a keyword); use --mochi-alias=type_}}
cabi.library @"example.com/type" version "v1.0.0" prefix "mochigo_type" {
}

// -----

// A handle type and a function with one Mochi name.
cabi.library @"example.com/a" version "v1.0.0" prefix "mochigo_a" {
  // expected-note@+1 {{first declared here}}
  cabi.handle_type @New : !go.named<"example.com/other.New">
  cabi.package @"example.com/a" name "a" qualifier "" {
    // expected-error@+1 {{Mochi name 'a.New' is declared twice}}
    cabi.export @mochigo_a_New func "New" [] -> []
  }
}

// -----

// A variable with two getters.
cabi.library @"example.com/a" version "v1.0.0" prefix "mochigo_a" {
  cabi.package @"example.com/a" name "a" qualifier "" {
    // expected-note@+1 {{the first one}}
    cabi.export @mochigo_a_X_get var_get "X" [] -> [#cabi.value<"X" : !go.int as si64>]
    // expected-error@+1 {{a second var_get export of 'X'}}
    cabi.export @mochigo_a_X_get2 var_get "X" [] -> [#cabi.value<"X" : !go.int as si64>]
  }
}
