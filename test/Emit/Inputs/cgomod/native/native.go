// Package native imports "C": cgo_package in the embedded profile.
package native

// static int add(int a, int b) { return a + b; }
import "C"

// Add adds with C.
func Add(a, b int32) int32 { return int32(C.add(C.int(a), C.int(b))) }

// Version is a constant of a cgo package: skipped with it.
const Version = "1.0"
