// Package cgomod is a fixture of the embedded profile: its root package is
// plain Go, and its package native imports "C".
package cgomod

import (
	"strings"
	"unsafe"
)

// Greet is in the embedded subset: a string in, a string out.
func Greet(name string) string { return "hello, " + name }

// Count is too: bytes in, an int and an error out.
func Count(b []byte, c byte) (int, error) {
	n := 0
	for _, x := range b {
		if x == c {
			n++
		}
	}
	return n, nil
}

// Words returns a list: c_memory_form in the embedded profile.
func Words(s string) []string { return strings.Fields(s) }

// Addr returns an address: unsafe_api in the embedded profile.
func Addr(b []byte) uintptr { return uintptr(unsafe.Pointer(unsafe.SliceData(b))) }

// Apply takes a func: anonymous_handle in the embedded profile.
func Apply(f func(string) string, s string) string { return f(s) }
