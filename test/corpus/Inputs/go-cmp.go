// Differential test of github.com/google/go-cmp: the calls of go-cmp.c, made
// directly in Go.
package main

import (
	"fmt"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

func main() {
	ignore := cmp.Ignore()
	empty := cmpopts.EquateEmpty()
	nans := cmpopts.EquateNaNs()
	approx := cmpopts.EquateApprox(0.01, 0.5)
	fmt.Printf("Options{Ignore}: %s\n", cmp.Options{ignore}.String())
	fmt.Printf("Options{4}: %s\n", cmp.Options{ignore, empty, nans, approx}.String())
	fmt.Printf("Options{}: %s\n", cmp.Options{}.String())
	b := func(v bool) int {
		if v {
			return 1
		}
		return 0
	}
	fmt.Printf("Equal(nil, nil): %d\n", b(cmp.Equal(nil, nil)))
	func() {
		defer func() {
			if r := recover(); r != nil {
				fmt.Printf("Equal(ignore, ignore): status 2: panic: %v\n", r)
			}
		}()
		fmt.Printf("Equal(ignore, ignore): %d\n", b(cmp.Equal(ignore, ignore)))
	}()
	fmt.Printf("Diff(nil, nil): [%s]\n", cmp.Diff(nil, nil))
	fmt.Printf("Equal(3, 3): %d\n", b(cmp.Equal(3, 3)))
	fmt.Printf("Equal(x, y): %d\n", b(cmp.Equal("x", "y")))
	fmt.Printf("Equal(3, 3.0): %d\n", b(cmp.Equal(3, 3.0)))
	fmt.Printf("Equal(bytes, bytes): %d\n", b(cmp.Equal([]byte{1, 2, 3}, []byte{1, 2, 3})))
	fmt.Printf("Equal(bytes, nil, EquateEmpty): %d\n", b(cmp.Equal([]byte{1, 2, 3}, nil, empty)))
	fmt.Printf("live: %d\n", 0)
}
