// RUN: mochi-go-opt %s -split-input-file --typemap --handle-pool | FileCheck %s
// RUN: mochi-go-opt %s -split-input-file --typemap --handle-pool="prefix=lib_x" | FileCheck %s --check-prefix=PREFIX

// One handle type per Go type a bridged declaration carries as a handle:
// N and *N share one (boxed unless N is an interface), a pointer to a
// copied type is `<Name>_ptr`, types from outside the module are named
// after their package, funcs and chans of simply spelled types after those
// types (`Func_int_to_int`), other unnamed types after their kind and a hash.
// CHECK-LABEL: cabi.library @"example.com/pool" version "v1.2.0" prefix "mochigo_pool" {
// CHECK-NEXT: cabi.handle_type @Client : !go.named<"example.com/pool.Client"> boxed
// CHECK-NEXT: cabi.handle_type @io_Reader : !go.named<"io.Reader">{{$}}
// CHECK-NEXT: cabi.handle_type @Any : !go.any
// CHECK-NEXT: cabi.handle_type @Func_int_to_int : !go.func<(int) -> (int)>
// CHECK-NEXT: cabi.handle_type @sub_Conn : !go.named<"example.com/pool/sub.Conn"> boxed
// CHECK-NEXT: cabi.handle_type @ID_ptr : !go.named<"example.com/pool.ID"> boxed
// CHECK-NEXT: }
// PREFIX: cabi.library @"example.com/pool" version "v1.2.0" prefix "lib_x"
go.module @"example.com/pool" version "v1.2.0" {
  go.package @"example.com/pool" name "pool" {
    go.type @Client struct {
      go.field "conn" : hidden
    }
    go.type @ID : array<4 x byte>
    go.func @Dial(addr: string) -> (_: ptr<named<"example.com/pool.Client">>, _: error)
    // The same handle type for Client and *Client.
    go.func @Copy(c: named<"example.com/pool.Client">) -> (_: ptr<named<"example.com/pool.Client">>)
    go.method @Client.Read recv(c: ptr<named<"example.com/pool.Client">>) (r: named<"io.Reader">, v: any, f: func<(int) -> (int)>)
    go.func @Sub() -> (_: ptr<named<"example.com/pool/sub.Conn">>)
    // A method with a pointer receiver on a copied type takes the value
    // (inout_receiver), so only a function taking *ID needs ID_ptr.
    go.method @ID.Set recv(id: ptr<named<"example.com/pool.ID">>) (s: string)
    go.func @Fill(id: ptr<named<"example.com/pool.ID">>)
    // Skipped declarations create no handle type.
    go.func @Skipped(p: unsafe.Pointer, c: chan<int>)
  }
  go.package @"example.com/pool/sub" name "sub" {
    go.type @Conn struct {
      go.field "fd" : hidden
    }
  }
  go.external_type "io.Reader" : interface<Read: func<(slice<byte>) -> (int, error)>>
}

// -----

// A handle type's C typedef must not take the name of an export: `Any` is
// the function here, so `any` gets `Any_2`.
// CHECK-LABEL: cabi.library @"example.com/zaplike"
// CHECK-NEXT: cabi.handle_type @Any_2 : !go.any
go.module @"example.com/zaplike" version "v1.0.0" {
  go.package @"example.com/zaplike" name "zaplike" {
    go.func @Any(key: string, value: any) -> (_: string)
  }
}

// -----

// The goroutine bridge: a channel in a method signature of an interface
// handle type (Done() <-chan struct{}, embedded ones too) gets its handle
// type; other types there (the func) do not.
// CHECK-LABEL: cabi.library @"example.com/ctx"
// CHECK-NEXT: cabi.handle_type @Ctx : !go.named<"example.com/ctx.Ctx">{{$}}
// CHECK-NEXT: cabi.handle_type @SendChan_int : !go.chan<send, int>
// CHECK-NEXT: cabi.handle_type @RecvChan_struct : !go.chan<recv, struct<>>
// CHECK-NEXT: }
go.module @"example.com/ctx" version "v1.0.0" {
  go.package @"example.com/ctx" name "ctx" {
    go.type @Waiter interface {
      go.interface_method "Done"() -> (_: chan<recv, struct<>>)
    }
    go.type @Ctx interface {
      go.interface_method "Feed"(c: chan<send, int>, f: func<(int)>)
      go.embed named<"example.com/ctx.Waiter">
    }
    go.func @Background() -> (_: named<"example.com/ctx.Ctx">)
  }
}
