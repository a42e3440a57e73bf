// RUN: mochi-go-opt %s -split-input-file -verify-diagnostics

// expected-error @+1 {{prefix 'mochi-go' is not a C identifier}}
cabi.library @"example.com/a" version "v1.0.0" prefix "mochi-go" {
}

// -----

cabi.library @"example.com/a" version "v1.0.0" prefix "p" {
  cabi.package @"example.com/a" name "a" qualifier "" {
    // expected-error @+1 {{C symbol 'other_F' does not start with the library prefix 'p_'}}
    cabi.export @other_F func "F" [] -> []
  }
}

// -----

cabi.library @"example.com/a" version "v1.0.0" prefix "p" {
  cabi.package @"example.com/a" name "a" qualifier "" {
    // expected-error @+1 {{parameter 'x' names handle type 'Nope', which the library does not declare}}
    cabi.export @p_F func "F" [#cabi.value<"x" : !go.any as !cabi.handle<"Nope">>] -> []
  }
}

// -----

cabi.library @"example.com/a" version "v1.0.0" prefix "p" {
  cabi.package @"example.com/a" name "a" qualifier "" {
    // expected-error @+1 {{result 'r0' names record 'Gone', which the library does not declare}}
    cabi.export @p_F func "F" [] -> [#cabi.value<"r0" : !go.struct<> as !cabi.list<!cabi.record<"Gone">>>]
  }
}

// -----

cabi.library @"example.com/a" version "v1.0.0" prefix "p" {
  cabi.package @"example.com/a" name "a" qualifier "" {
    // expected-error @+1 {{parameter 'x' has no C form: 'i32'}}
    cabi.export @p_F func "F" [#cabi.value<"x" : !go.int32 as i32>] -> []
  }
}

// -----

cabi.library @"example.com/a" version "v1.0.0" prefix "p" {
  cabi.package @"example.com/a" name "a" qualifier "" {
    // expected-error @+1 {{a variadic wrapper's last parameter must be a list}}
    cabi.export @p_F func "F" [#cabi.value<"x" : !go.int as si64>] -> [] variadic
  }
}

// -----

cabi.library @"example.com/a" version "v1.0.0" prefix "p" {
  cabi.package @"example.com/a" name "a" qualifier "" {
    // expected-error @+1 {{a method wrapper takes the receiver first}}
    cabi.export @p_T_M method "T.M" [] -> []
  }
}

// -----

cabi.library @"example.com/a" version "v1.0.0" prefix "p" {
  cabi.package @"example.com/a" name "a" qualifier "" {
    // expected-error @+1 {{a getter takes nothing and returns one value}}
    cabi.export @p_V_get var_get "V" [] -> []
  }
}

// -----

cabi.library @"example.com/a" version "v1.0.0" prefix "p" {
  cabi.record @R : !go.struct<X: int> [#cabi.value<"X" : !go.int as si64>]
  // expected-error @+1 {{'cabi.record' op field 'F' has no C form: 'index'}}
  cabi.record @S : !go.struct<F: int> [#cabi.value<"F" : !go.int as index>]
}

// -----

// expected-error @+1 {{a skip reason is given exactly when the kind is skipped}}
module attributes {cabi.a = #cabi.crossing<handle unsafe_pointer>} {
}

// -----

// expected-error @+1 {{unknown skip reason 'lazy'}}
module attributes {cabi.a = #cabi.crossing<skipped lazy>} {
}

// -----

cabi.library @"example.com/a" version "v1.0.0" prefix "p" {
  cabi.package @"example.com/a" name "a" qualifier "" {
    // expected-error @+1 {{a constructor 'Type.new' takes nothing and returns one handle}}
    cabi.export @p_T_new new "T.new" [] -> [#cabi.value<"r0" : !go.int as si64>]
  }
}

// -----

cabi.library @"example.com/a" version "v1.0.0" prefix "p" {
  cabi.handle_type @Any : !go.any
  cabi.package @"example.com/a" name "a" qualifier "" {
    // expected-error @+1 {{a box function's Go name is box_string, box_int, box_float, box_bool, box_bytes or box_handle, not 'box_map'}}
    cabi.export @p_box_map box "box_map" [#cabi.value<"v" : !go.string as !cabi.string>] -> [#cabi.value<"r0" : !go.any as !cabi.handle<"Any">>]
  }
}

// -----

cabi.library @"example.com/a" version "v1.0.0" prefix "p" {
  cabi.handle_type @Any : !go.any
  cabi.package @"example.com/a" name "a" qualifier "" {
    // expected-error @+1 {{a box function takes one value and returns one handle}}
    cabi.export @p_box_string box "box_string" [#cabi.value<"v" : !go.string as !cabi.string>] -> [#cabi.value<"r0" : !go.string as !cabi.string>]
  }
}

// -----

cabi.library @"example.com/a" version "v1.0.0" prefix "p" {
  cabi.handle_type @Any : !go.any
  cabi.package @"example.com/a" name "a" qualifier "" {
    // expected-error @+1 {{'box_int' takes 'si64', not '!cabi.string'}}
    cabi.export @p_box_int box "box_int" [#cabi.value<"v" : !go.string as !cabi.string>] -> [#cabi.value<"r0" : !go.any as !cabi.handle<"Any">>]
  }
}

// -----

cabi.library @"example.com/a" version "v1.0.0" prefix "p" {
  cabi.handle_type @Any : !go.any
  cabi.package @"example.com/a" name "a" qualifier "" {
    // expected-error @+1 {{the C symbol of 'box_int' is '<prefix>_box_int'}}
    cabi.export @p_boxed_int box "box_int" [#cabi.value<"v" : !go.int as si64>] -> [#cabi.value<"r0" : !go.any as !cabi.handle<"Any">>]
  }
}

// -----

cabi.library @"example.com/a" version "v1.0.0" prefix "p" {
  cabi.handle_type @T : !go.named<"example.com/a.T"> boxed
  cabi.package @"example.com/a" name "a" qualifier "" {
    // expected-error @+1 {{a field setter takes the receiver handle and one value, and returns nothing}}
    cabi.export @p_T_F_set field_set "T.set_F" [#cabi.value<"recv" : !go.ptr<named<"example.com/a.T">> as !cabi.handle<"T">>, #cabi.value<"F" : !go.int as si64>] -> [#cabi.value<"r0" : !go.int as si64>]
  }
}

// -----

cabi.library @"example.com/a" version "v1.0.0" prefix "p" {
  cabi.handle_type @T : !go.named<"example.com/a.T"> boxed
  cabi.package @"example.com/a" name "a" qualifier "" {
    // expected-error @+1 {{a field setter's Go name is 'Type.set_Field'}}
    cabi.export @p_T_F_set field_set "T.F" [#cabi.value<"recv" : !go.ptr<named<"example.com/a.T">> as !cabi.handle<"T">>, #cabi.value<"F" : !go.int as si64>] -> []
  }
}

// -----

cabi.library @"example.com/a" version "v1.0.0" prefix "p" {
  cabi.package @"example.com/a" name "a" qualifier "" {
    // expected-error @+1 {{a field getter takes the receiver handle and returns one value}}
    cabi.export @p_T_F_get field_get "T.F" [#cabi.value<"recv" : !go.int as si64>] -> [#cabi.value<"F" : !go.int as si64>]
  }
}

// -----

cabi.library @"example.com/a" version "v1.0.0" prefix "p" {
  cabi.package @"example.com/a" name "a" qualifier "" {
    // expected-error @+1 {{only a method has an in-out receiver}}
    cabi.export @p_F func "F" [#cabi.value<"x" : !go.int as si64>] -> [#cabi.value<"self" : !go.int as si64>] inout_receiver
  }
}

// -----

cabi.library @"example.com/a" version "v1.0.0" prefix "p" {
  cabi.package @"example.com/a" name "a" qualifier "" {
    // expected-error @+1 {{an in-out receiver is the first parameter and the first result, 'self', of the same form}}
    cabi.export @p_ID_Set method "ID.Set" [#cabi.value<"id" : !go.named<"example.com/a.ID"> as !cabi.bytes>] -> [#cabi.value<"r0" : !go.int as si64>] inout_receiver
  }
}
