// RUN: mochi-go-translate --emit-mochi-externs %s --split-input-file --verify-diagnostics
// RUN: not mochi-go-translate --emit-mochi-externs --mochi-alias=yaml.v3 %s --split-input-file 2>&1 | FileCheck %s --check-prefix=BADALIAS
// RUN: not mochi-go-translate --emit-mochi-externs --mochi-alias=2fa %s --split-input-file 2>&1 | FileCheck %s --check-prefix=DIGIT
// RUN: not mochi-go-translate --emit-mochi-externs --mochi-alias=my__lib %s --split-input-file 2>&1 | FileCheck %s --check-prefix=DOUBLE

// An alias that is not a Mochi identifier is refused with a fixed one.
// BADALIAS: error: the Mochi alias 'yaml.v3' is not a Mochi identifier; use --mochi-alias=yaml_v3
// DIGIT: error: the Mochi alias '2fa' is not a Mochi identifier; use --mochi-alias=_2fa
// `__` separates the alias from the type in the Mochi names of Go types.
// DOUBLE: error: the Mochi alias 'my__lib' has two '_' in a row (reserved: '__' separates the alias from a type name in the Mochi names of Go types); use --mochi-alias=my_lib

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

// A method of type T in the root package and a function of the package in
// directory T have one Mochi name.
cabi.library @"example.com/a" version "v1.0.0" prefix "mochigo_a" {
  cabi.package @"example.com/a" name "a" qualifier "" {
    // expected-note@+1 {{first declared here}}
    cabi.export @mochigo_a_T_M method "T.M" [#cabi.value<"t" : !go.int as si64>] -> []
  }
  cabi.package @"example.com/a/T" name "T" qualifier "T" {
    // expected-error@+1 {{Mochi name 'a.T.M' is declared twice}}
    cabi.export @mochigo_a_T_M2 func "M" [] -> []
  }
}

// -----

// A type symbol that starts with `_` would make `<alias>__<symbol>`
// ambiguous.
cabi.library @"example.com/a" version "v1.0.0" prefix "mochigo_a" {
  // expected-error@+1 {{type symbol '_T' cannot follow '<alias>__' in a Mochi type name (it must be an identifier that does not start with '_')}}
  cabi.handle_type @_T : !go.named<"example.com/other.T">
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
