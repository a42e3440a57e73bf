// RUN: mochi-go-opt %s -split-input-file --typemap --handle-pool --cgo-export | FileCheck %s

// The goroutine bridge: every channel handle type gets its operations, in
// the first package after the declarations; a bidirectional channel all of
// them, a `<-chan` no send, try_send, close or make, a `chan<-` no recv,
// try_recv or make.
// CHECK-LABEL: cabi.library @"example.com/pipe" version "v1.0.0" prefix "mochigo_pipe" {
// CHECK: cabi.handle_type @Chan_int : !go.chan<int>
// CHECK: cabi.handle_type @RecvChan_string : !go.chan<recv, string>
// CHECK: cabi.handle_type @SendChan_float64 : !go.chan<send, float64>
// CHECK: cabi.export @mochigo_pipe_Chan_int_make chan_make "Chan_int.make" [#cabi.value<"capacity" : !go.int64 as si64>] -> [#cabi.value<"r0" : !go.chan<int> as !cabi.handle<"Chan_int">>] {doc = "make(chan int, capacity)"}
// CHECK-NEXT: cabi.export @mochigo_pipe_Chan_int_send chan_send "Chan_int.send" [#cabi.value<"self" : !go.chan<int> as !cabi.handle<"Chan_int">>, #cabi.value<"value" : !go.int as si64>, #cabi.value<"timeout_ms" : !go.int64 as si64>] -> [] error
// CHECK-NEXT: cabi.export @mochigo_pipe_Chan_int_try_send chan_try_send "Chan_int.try_send" [#cabi.value<"self" : !go.chan<int> as !cabi.handle<"Chan_int">>, #cabi.value<"value" : !go.int as si64>] -> [] error
// CHECK-NEXT: cabi.export @mochigo_pipe_Chan_int_recv chan_recv "Chan_int.recv" [#cabi.value<"self" : !go.chan<int> as !cabi.handle<"Chan_int">>, #cabi.value<"timeout_ms" : !go.int64 as si64>] -> [#cabi.value<"value" : !go.int as si64>] error
// CHECK-NEXT: cabi.export @mochigo_pipe_Chan_int_try_recv chan_try_recv "Chan_int.try_recv" [#cabi.value<"self" : !go.chan<int> as !cabi.handle<"Chan_int">>] -> [#cabi.value<"value" : !go.int as si64>] error
// CHECK-NEXT: cabi.export @mochigo_pipe_Chan_int_close chan_close "Chan_int.close" [#cabi.value<"self" : !go.chan<int> as !cabi.handle<"Chan_int">>] -> [] error
// CHECK-NEXT: cabi.export @mochigo_pipe_Chan_int_len chan_len "Chan_int.len" [#cabi.value<"self" : !go.chan<int> as !cabi.handle<"Chan_int">>] -> [#cabi.value<"r0" : !go.int as si64>]
// CHECK-NEXT: cabi.export @mochigo_pipe_Chan_int_cap chan_cap "Chan_int.cap"
// CHECK-NEXT: cabi.export @mochigo_pipe_RecvChan_string_recv chan_recv "RecvChan_string.recv" {{.*}} -> [#cabi.value<"value" : !go.string as !cabi.string>] error
// CHECK-NEXT: cabi.export @mochigo_pipe_RecvChan_string_try_recv chan_try_recv
// CHECK-NEXT: cabi.export @mochigo_pipe_RecvChan_string_len chan_len
// CHECK-NEXT: cabi.export @mochigo_pipe_RecvChan_string_cap chan_cap
// CHECK-NEXT: cabi.export @mochigo_pipe_SendChan_float64_send chan_send "SendChan_float64.send" {{.*}}#cabi.value<"value" : !go.float64 as f64>
// CHECK-NEXT: cabi.export @mochigo_pipe_SendChan_float64_try_send chan_try_send
// CHECK-NEXT: cabi.export @mochigo_pipe_SendChan_float64_close chan_close
// CHECK-NEXT: cabi.export @mochigo_pipe_SendChan_float64_len chan_len
// CHECK-NEXT: cabi.export @mochigo_pipe_SendChan_float64_cap chan_cap "SendChan_float64.cap" {{.*}}{doc = "cap(ch)"}
// CHECK-NEXT: }
go.module @"example.com/pipe" version "v1.0.0" {
  go.package @"example.com/pipe" name "pipe" {
    go.func @Ints(ch: chan<int>)
    go.func @Names() -> (_: chan<recv, string>)
    go.func @Sink() -> (_: chan<send, float64>)
  }
}

// -----

// `<-chan struct{}` (context's Done) carries no value: recv without a
// result. A channel of channels of ints is named with the hash; the library
// has no handle type for its element (chan int crosses nowhere else), so it
// gets no make, send or receive, only close, len and cap. A channel of *T
// is named after T.
// CHECK-LABEL: cabi.library @"example.com/done"
// CHECK: cabi.handle_type @RecvChan_struct : !go.chan<recv, struct<>>
// CHECK: cabi.handle_type @[[NESTED:Chan_[0-9a-f]+]] : !go.chan<chan<int>>
// CHECK: cabi.handle_type @Chan_ptr_T : !go.chan<ptr<named<"example.com/done.T">>>
// CHECK: cabi.export @mochigo_done_RecvChan_struct_recv chan_recv "RecvChan_struct.recv" [#cabi.value<"self" : !go.chan<recv, struct<>> as !cabi.handle<"RecvChan_struct">>, #cabi.value<"timeout_ms" : !go.int64 as si64>] -> [] error
// CHECK-NEXT: cabi.export @mochigo_done_RecvChan_struct_try_recv chan_try_recv "RecvChan_struct.try_recv" {{.*}} -> [] error
// CHECK-NEXT: cabi.export @mochigo_done_RecvChan_struct_len
// CHECK-NEXT: cabi.export @mochigo_done_RecvChan_struct_cap
// CHECK-NEXT: cabi.export @mochigo_done_[[NESTED]]_close chan_close
// CHECK-NEXT: cabi.export @mochigo_done_[[NESTED]]_len chan_len
// CHECK-NEXT: cabi.export @mochigo_done_[[NESTED]]_cap chan_cap
// CHECK-NEXT: cabi.export @mochigo_done_Chan_ptr_T_make chan_make
// CHECK-NEXT: cabi.export @mochigo_done_Chan_ptr_T_send chan_send "Chan_ptr_T.send" {{.*}}#cabi.value<"value" : !go.ptr<named<"example.com/done.T">> as !cabi.handle<"T">>
go.module @"example.com/done" version "v1.0.0" {
  go.package @"example.com/done" name "done" {
    go.type @T struct {
      go.field "x" : hidden
    }
    go.func @Done() -> (_: chan<recv, struct<>>)
    go.func @Nested() -> (_: chan<chan<int>>)
    go.func @Ptrs() -> (_: chan<ptr<named<"example.com/done.T">>>)
  }
}

// -----

// A func handle type gets `call`, and `callback` when every value has a
// simple C form both ways (scalar, string, handle); a func with a list
// parameter gets `call` only.
// CHECK-LABEL: cabi.library @"example.com/cb"
// CHECK: cabi.handle_type @Func_string_to_int_error : !go.func<(string) -> (int, error)>
// CHECK: cabi.export @mochigo_cb_Func_string_to_int_error_call func_call "Func_string_to_int_error.call" [#cabi.value<"self" : !go.func<(string) -> (int, error)> as !cabi.handle<"Func_string_to_int_error">>, #cabi.value<"p1" : !go.string as !cabi.string>] -> [#cabi.value<"r0" : !go.int as si64>] error
// CHECK-NEXT: cabi.export @mochigo_cb_Func_string_to_int_error_callback callback "Func_string_to_int_error.callback" [#cabi.value<"fn" : !go.func<(string) -> (int, error)> as !cabi.c_func<"Func_string_to_int_error">>, #cabi.value<"user" : !go.func<(string) -> (int, error)> as !cabi.user_data>] -> [#cabi.value<"r0" : !go.func<(string) -> (int, error)> as !cabi.handle<"Func_string_to_int_error">>]
// CHECK: cabi.export @mochigo_cb_Func_{{[0-9a-f]+}}_call func_call
// CHECK-NOT: callback
// CHECK: }
go.module @"example.com/cb" version "v1.0.0" {
  go.package @"example.com/cb" name "cb" {
    go.func @Each(f: func<(string) -> (int, error)>)
    go.func @Lists(f: func<(slice<string>)>)
  }
}

// -----

// Why a func handle type has no callback: `callback_skipped`.
// CHECK-LABEL: cabi.library @"example.com/why"
// CHECK-DAG: cabi.handle_type @{{Func_[0-9a-f]+}} : !go.func<(...string)> {callback_skipped = "variadic"}
// CHECK-DAG: cabi.handle_type @{{Func_[0-9a-f]+}} : !go.func<(slice<string>)> {callback_skipped = "parameter p1 is []string (a callback carries scalars, strings and handles)"}
// CHECK-DAG: cabi.handle_type @Func_complex128 : !go.func<(complex128)> {callback_skipped = "no call: parameter _: complex128"}
go.module @"example.com/why" version "v1.0.0" {
  go.package @"example.com/why" name "why" {
    go.func @Variadic(f: func<(...string)>)
    go.func @List(f: func<(slice<string>)>)
    go.func @Complex(f: func<(complex128)>)
  }
}
