// RUN: mochi-go-opt %s -split-input-file --handle-pool -verify-diagnostics

// expected-error @+1 {{no typemap decisions: run --typemap first}}
go.module @"example.com/undecided" version "v1.0.0" {
  go.package @"example.com/undecided" name "undecided" {
    go.func @F()
  }
}
