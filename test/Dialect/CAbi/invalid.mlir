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

// -----

// The goroutine bridge: channel direction is enforced.
cabi.library @"example.com/a" version "v1.0.0" prefix "p" {
  cabi.handle_type @RecvChan_int : !go.chan<recv, int>
  cabi.package @"example.com/a" name "a" qualifier "" {
    // expected-error @+1 {{a receive-only channel ('!go.chan<recv, int>') cannot be sent to or closed}}
    cabi.export @p_RecvChan_int_send chan_send "RecvChan_int.send" [#cabi.value<"self" : !go.chan<recv, int> as !cabi.handle<"RecvChan_int">>, #cabi.value<"value" : !go.int as si64>, #cabi.value<"timeout_ms" : !go.int64 as si64>] -> [] error
  }
}

// -----

cabi.library @"example.com/a" version "v1.0.0" prefix "p" {
  cabi.handle_type @SendChan_int : !go.chan<send, int>
  cabi.package @"example.com/a" name "a" qualifier "" {
    // expected-error @+1 {{a send-only channel ('!go.chan<send, int>') cannot be received from}}
    cabi.export @p_SendChan_int_recv chan_recv "SendChan_int.recv" [#cabi.value<"self" : !go.chan<send, int> as !cabi.handle<"SendChan_int">>, #cabi.value<"timeout_ms" : !go.int64 as si64>] -> [#cabi.value<"value" : !go.int as si64>] error
  }
}

// -----

cabi.library @"example.com/a" version "v1.0.0" prefix "p" {
  cabi.handle_type @RecvChan_int : !go.chan<recv, int>
  cabi.package @"example.com/a" name "a" qualifier "" {
    // expected-error @+1 {{only a bidirectional channel is made}}
    cabi.export @p_RecvChan_int_make chan_make "RecvChan_int.make" [#cabi.value<"capacity" : !go.int64 as si64>] -> [#cabi.value<"r0" : !go.chan<recv, int> as !cabi.handle<"RecvChan_int">>]
  }
}

// -----

cabi.library @"example.com/a" version "v1.0.0" prefix "p" {
  cabi.handle_type @Chan_int : !go.chan<int>
  cabi.package @"example.com/a" name "a" qualifier "" {
    // expected-error @+1 {{the value '!go.string' is not the channel's element '!go.int'}}
    cabi.export @p_Chan_int_try_send chan_try_send "Chan_int.try_send" [#cabi.value<"self" : !go.chan<int> as !cabi.handle<"Chan_int">>, #cabi.value<"value" : !go.string as !cabi.string>] -> [] error
  }
}

// -----

cabi.library @"example.com/a" version "v1.0.0" prefix "p" {
  cabi.handle_type @Chan_int : !go.chan<int>
  cabi.package @"example.com/a" name "a" qualifier "" {
    // expected-error @+1 {{a channel recv takes the handle and timeout_ms (si64), and returns at most the value}}
    cabi.export @p_Chan_int_recv chan_recv "Chan_int.recv" [#cabi.value<"self" : !go.chan<int> as !cabi.handle<"Chan_int">>] -> [#cabi.value<"value" : !go.int as si64>] error
  }
}

// -----

cabi.library @"example.com/a" version "v1.0.0" prefix "p" {
  cabi.handle_type @Chan_int : !go.chan<int>
  cabi.package @"example.com/a" name "a" qualifier "" {
    // expected-error @+1 {{a channel send, receive or close reports through the status: it needs 'error'}}
    cabi.export @p_Chan_int_close chan_close "Chan_int.close" [#cabi.value<"self" : !go.chan<int> as !cabi.handle<"Chan_int">>] -> []
  }
}

// -----

cabi.library @"example.com/a" version "v1.0.0" prefix "p" {
  cabi.handle_type @Chan_int : !go.chan<int>
  cabi.package @"example.com/a" name "a" qualifier "" {
    // expected-error @+1 {{the Go name of this channel operation is 'Chan_int.len', not 'Chan_int.size'}}
    cabi.export @p_Chan_int_len chan_len "Chan_int.size" [#cabi.value<"self" : !go.chan<int> as !cabi.handle<"Chan_int">>] -> [#cabi.value<"r0" : !go.int as si64>]
  }
}

// -----

cabi.library @"example.com/a" version "v1.0.0" prefix "p" {
  cabi.handle_type @Func_int : !go.func<(int)>
  cabi.package @"example.com/a" name "a" qualifier "" {
    // expected-error @+1 {{a channel operation takes the channel's handle first}}
    cabi.export @p_Func_int_len chan_len "Func_int.len" [#cabi.value<"self" : !go.int as si64>] -> [#cabi.value<"r0" : !go.int as si64>]
  }
}

// -----

// Callbacks: the C function and user data, a handle of the same type back,
// and the func_call export that gives the signature.
cabi.library @"example.com/a" version "v1.0.0" prefix "p" {
  cabi.handle_type @Func_int : !go.func<(int)>
  cabi.package @"example.com/a" name "a" qualifier "" {
    // expected-error @+1 {{a callback of 'Func_int' needs the func_call export 'Func_int.call' for its signature}}
    cabi.export @p_Func_int_callback callback "Func_int.callback" [#cabi.value<"fn" : !go.func<(int)> as !cabi.c_func<"Func_int">>, #cabi.value<"user" : !go.func<(int)> as !cabi.user_data>] -> [#cabi.value<"r0" : !go.func<(int)> as !cabi.handle<"Func_int">>]
  }
}

// -----

cabi.library @"example.com/a" version "v1.0.0" prefix "p" {
  cabi.handle_type @Func_int : !go.func<(int)>
  cabi.package @"example.com/a" name "a" qualifier "" {
    // expected-error @+1 {{a callback takes a C function (!cabi.c_func<H>) and its user data (!cabi.user_data), and returns a handle of type H}}
    cabi.export @p_Func_int_callback callback "Func_int.callback" [#cabi.value<"fn" : !go.func<(int)> as !cabi.c_func<"Func_int">>] -> [#cabi.value<"r0" : !go.func<(int)> as !cabi.handle<"Func_int">>]
  }
}

// -----

cabi.library @"example.com/a" version "v1.0.0" prefix "p" {
  cabi.handle_type @Func_int : !go.func<(int)>
  cabi.package @"example.com/a" name "a" qualifier "" {
    // expected-error @+1 {{only a callback takes '!cabi.user_data'}}
    cabi.export @p_F func "F" [#cabi.value<"user" : !go.int as !cabi.user_data>] -> []
  }
}

// -----

cabi.library @"example.com/a" version "v1.0.0" prefix "p" {
  cabi.package @"example.com/a" name "a" qualifier "" {
    // expected-error @+1 {{parameter 'fn' names handle type 'Nope', which the library does not declare}}
    cabi.export @p_Nope_callback callback "Nope.callback" [#cabi.value<"fn" : !go.func<(int)> as !cabi.c_func<"Nope">>, #cabi.value<"user" : !go.func<(int)> as !cabi.user_data>] -> []
  }
}

// -----

cabi.library @"example.com/a" version "v1.0.0" prefix "p" {
  cabi.handle_type @Func_int : !go.func<(int)>
  cabi.package @"example.com/a" name "a" qualifier "" {
    // expected-error @+1 {{a func call's Go name is 'Func_int.call', not 'Func_int.invoke'}}
    cabi.export @p_Func_int_call func_call "Func_int.invoke" [#cabi.value<"self" : !go.func<(int)> as !cabi.handle<"Func_int">>, #cabi.value<"p1" : !go.int as si64>] -> []
  }
}
