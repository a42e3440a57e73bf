// Package ga has generic type aliases (Go 1.24).
package ga

// Pair is a generic struct.
type Pair[K comparable, V any] struct {
	Key K
	Val V
}

// StrPair is a generic alias.
type StrPair[V any] = Pair[string, V]

// List is a generic alias of a slice.
type List[T any] = []T

// IntList is a plain alias of an instance.
type IntList = List[int]

// Sum adds the ints.
func Sum(xs IntList) int {
	t := 0
	for _, x := range xs {
		t += x
	}
	return t
}

// First returns the first pair's key.
func First(p StrPair[int]) string { return p.Key }
