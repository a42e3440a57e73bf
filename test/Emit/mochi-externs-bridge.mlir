// RUN: rm -rf %t && mkdir -p %t
// RUN: mochi-go-opt %s --typemap --handle-pool --cgo-export | mochi-go-translate --emit-mochi-externs -o %t/out.txt
// RUN: split-file %t/out.txt %t/x
// RUN: FileCheck %s < %t/x/pipe.mochi
// RUN: FileCheck %s --check-prefix=YAML < %t/x/pipe.bindings.yaml
// RUN: mochi-go-check --bindings %t/x/pipe.bindings.yaml %t/x/pipe.mochi

// Channel operations and func calls are Mochi functions on the handle type
// (`self` first; `close` is a keyword, so `close_`); send, receive and
// close give a Result whose error is the timeout or closed message. A
// callback takes a C function pointer, which Mochi cannot make: it is left
// out of the externs and the bindings.
// CHECK: extern type pipe__Chan_int  // handle: chan int (release with pipe.Chan_int.release)
// CHECK: extern fun pipe.Chan_int.close_(self: pipe__Chan_int): Result<unit, string>  // C: mochigo_pipe_Chan_int_close
// CHECK: extern fun pipe.Chan_int.make(capacity: int): pipe__Chan_int  // C: mochigo_pipe_Chan_int_make
// CHECK: extern fun pipe.Chan_int.recv(self: pipe__Chan_int, timeout_ms: int): Result<int, string>  // C: mochigo_pipe_Chan_int_recv
// CHECK: extern fun pipe.Chan_int.send(self: pipe__Chan_int, value: int, timeout_ms: int): Result<unit, string>  // C: mochigo_pipe_Chan_int_send
// CHECK: extern fun pipe.Func_string_to_int_error.call(self: pipe__Func_string_to_int_error, p1: string): Result<int, string>  // C: mochigo_pipe_Func_string_to_int_error_call
// CHECK-NOT: callback
// YAML: kind: chan_recv
// YAML: kind: func_call
// YAML-NOT: callback
go.module @"example.com/pipe" version "v1.0.0" {
  go.package @"example.com/pipe" name "pipe" {
    go.func @Ints(ch: chan<int>)
    go.func @Each(f: func<(string) -> (int, error)>)
  }
}
