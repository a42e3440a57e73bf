// mochi-go-opt accepts LLVM opt's spelling --print-after-all as an alias of
// --mlir-print-ir-after-all; both print the IR after each pass.
// RUN: mochi-go-opt %s --go-surface-stats --print-after-all -o /dev/null 2>&1 >/dev/null | FileCheck %s
// RUN: mochi-go-opt %s --go-surface-stats --mlir-print-ir-after-all -o /dev/null 2>&1 >/dev/null | FileCheck %s

// CHECK: // -----// IR Dump After GoSurfaceStats (go-surface-stats) //----- //
// CHECK-NEXT: go.module @"example.com/m" version "v1.0.0" {
go.module @"example.com/m" version "v1.0.0" {
  go.package @"example.com/m" name "m" {
    go.var @V : int
  }
}
