// RUN: mochi-go-opt %s --typemap --handle-pool --cgo-export | mochi-go-translate --emit-go-wrapper | FileCheck %s
// RUN: mochi-go-opt %s --typemap --handle-pool --cgo-export | mochi-go-translate --emit-c-header | FileCheck %s --check-prefix=HEADER

// The Go printer of the goroutine bridge: channel operations through the
// runtime's Send, Recv and Close (timeout_ms last, 0 for the try forms), a
// func value called, and a callback's closure calling the C function
// through the preamble's trampoline.

// CHECK-LABEL: //--- rt/rt.go
// CHECK: StatusTimeout = 5
// CHECK: StatusClosed  = 6
// CHECK: func Send[T any](ch chan<- T, v T, ms int64, errp unsafe.Pointer) (status int32) {
// CHECK: func Recv[T any](ch <-chan T, ms int64, errp unsafe.Pointer) (T, int32) {
// CHECK: func Close[T any](ch chan<- T, errp unsafe.Pointer) (status int32) {
// CHECK: func TakeString(errp unsafe.Pointer) string {

// CHECK-LABEL: //--- w/root/wrap.go
// CHECK: typedef int32_t (*mochigo_pipe_Func_string_to_int_error_fn)(void *user, mochigo_pipe_string p1, int64_t *r0, mochigo_pipe_string *err);
// CHECK: static inline int32_t mochigo_pipe_Func_string_to_int_error_trampoline(mochigo_pipe_Func_string_to_int_error_fn fn, void *user, mochigo_pipe_string p1, int64_t *r0, mochigo_pipe_string *err) {
// CHECK-NEXT:   return fn(user, p1, r0, err);
// CHECK-NEXT: }

// CHECK-LABEL: func mochigo_pipe_Chan_int_make(a0 C.int64_t, r0 *C.mochigo_pipe_Chan_int, err *C.mochigo_pipe_string) (status C.int32_t) {
// CHECK:        if g0 < 0 {
// CHECK:        t0 = C.mochigo_pipe_Chan_int(tx.New(make(chan int, g0)))

// CHECK-LABEL: func mochigo_pipe_Chan_int_send(
// CHECK:        if s := rt.Send(g0, g1, g2, unsafe.Pointer(err)); s != 0 {
// CHECK-NEXT:     return C.int32_t(s)
// CHECK-LABEL: func mochigo_pipe_Chan_int_try_send(
// CHECK:        if s := rt.Send(g0, g1, 0, unsafe.Pointer(err)); s != 0 {
// CHECK-LABEL: func mochigo_pipe_Chan_int_recv(
// CHECK:        v0, s := rt.Recv(g0, g1, unsafe.Pointer(err))
// CHECK:        t0 = C.int64_t(v0)
// CHECK-LABEL: func mochigo_pipe_Chan_int_close(
// CHECK:        if s := rt.Close(g0, unsafe.Pointer(err)); s != 0 {
// CHECK-LABEL: func mochigo_pipe_Chan_int_len(
// CHECK:        t0 = C.int64_t(len(g0))
// CHECK-LABEL: func mochigo_pipe_Chan_int_cap(
// CHECK:        t0 = C.int64_t(cap(g0))

// `<-chan struct{}`: nothing to convert.
// CHECK-LABEL: func mochigo_pipe_RecvChan_struct_recv(
// CHECK:        _, s := rt.Recv(g0, g1, unsafe.Pointer(err))

// CHECK-LABEL: func mochigo_pipe_Func_string_to_int_error_call(
// CHECK:        if g0 == nil {
// CHECK-NEXT:     return C.int32_t(rt.Fail(&rt.BadHandle{Msg: "handle 0 is a nil func"}, unsafe.Pointer(err)))
// CHECK:        v0, e := g0(g1)

// CHECK-LABEL: func mochigo_pipe_Func_string_to_int_error_callback(a0 C.mochigo_pipe_Func_string_to_int_error_fn, a1 unsafe.Pointer, r0 *C.mochigo_pipe_Func_string_to_int_error, err *C.mochigo_pipe_string) (status C.int32_t) {
// CHECK:        f := func(in1 string) (x0 int, xe error) {
// CHECK-NEXT:     tx := &rt.Tx{}
// CHECK-NEXT:     defer tx.Abort()
// CHECK-NEXT:     c1 := toC{{[0-9]+}}(tx, in1)
// CHECK-NEXT:     var o0 C.int64_t
// CHECK-NEXT:     var ce C.mochigo_pipe_string
// CHECK-NEXT:     st := C.mochigo_pipe_Func_string_to_int_error_trampoline(a0, a1, c1, &o0, &ce)
// CHECK-NEXT:     msg := rt.TakeString(unsafe.Pointer(&ce))
// CHECK-NEXT:     if st != 0 {
// CHECK-NEXT:       return x0, rt.CallbackError(int32(st), msg)
// CHECK-NEXT:     }
// CHECK-NEXT:     x0 = int(o0)
// CHECK-NEXT:     return
// CHECK-NEXT:   }
// CHECK:        t0 = C.mochigo_pipe_Func_string_to_int_error(tx.New(f))

// HEADER:      #define MOCHIGO_PIPE_TIMEOUT 5
// HEADER-NEXT: #define MOCHIGO_PIPE_CLOSED 6
// HEADER:      typedef int32_t (*mochigo_pipe_Func_string_to_int_error_fn)(void *user, mochigo_pipe_string p1, int64_t *r0, mochigo_pipe_string *err);
// HEADER:      // chan_send Chan_int.send
// HEADER-NEXT: // ch <- value, waiting at most timeout_ms (< 0: forever)
// HEADER-NEXT: // MOCHIGO_PIPE_TIMEOUT: not ready within timeout_ms; MOCHIGO_PIPE_CLOSED: the channel is closed.
// HEADER-NEXT: int32_t mochigo_pipe_Chan_int_send(mochigo_pipe_Chan_int self, int64_t value, int64_t timeout_ms, mochigo_pipe_string *err);
// HEADER:      // chan_try_recv Chan_int.try_recv
// HEADER-NEXT: // <-ch if a value is ready at once
// HEADER-NEXT: // MOCHIGO_PIPE_TIMEOUT: not ready at once; MOCHIGO_PIPE_CLOSED: the channel is closed.
// HEADER-NEXT: int32_t mochigo_pipe_Chan_int_try_recv(mochigo_pipe_Chan_int self, int64_t *value, mochigo_pipe_string *err);
// HEADER:      // callback Func_string_to_int_error.callback
// HEADER-NEXT: // a func(string) (int, error) that calls fn(user, ...) from C
// HEADER-NEXT: // r0: release with mochigo_pipe_handle_release.
// HEADER-NEXT: int32_t mochigo_pipe_Func_string_to_int_error_callback(mochigo_pipe_Func_string_to_int_error_fn fn, void *user, mochigo_pipe_Func_string_to_int_error *r0, mochigo_pipe_string *err);
go.module @"example.com/pipe" version "v1.0.0" {
  go.package @"example.com/pipe" name "pipe" {
    go.func @Ints(ch: chan<int>)
    go.func @Done() -> (_: chan<recv, struct<>>)
    go.func @Each(f: func<(string) -> (int, error)>)
  }
}
