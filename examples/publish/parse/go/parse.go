// Package parse is what Mochi's Go back end produces for package parse
// (hand-written here).
package parse

import (
	"fmt"
	"strconv"
)

// Entry is a key with an optional value.
type Entry struct {
	Key   string
	Value *int64
}

// ParseInt parses a decimal integer.
func ParseInt(s string) (int64, error) {
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		return 0, fmt.Errorf("parse_int: %q is not a decimal integer", s)
	}
	return n, nil
}

// FirstEven is the first even number, if there is one.
func FirstEven(xs []int64) *int64 {
	for _, x := range xs {
		if x%2 == 0 {
			return &x
		}
	}
	return nil
}

// Lookup is the entry of key, or nil.
func Lookup(entries []Entry, key string) (*Entry, error) {
	for i := range entries {
		if entries[i].Key == key {
			return &entries[i], nil
		}
	}
	return nil, nil
}

// MapInts is f applied to every element.
func MapInts(xs []int64, f func(int64) int64) []int64 {
	out := make([]int64, len(xs))
	for i, x := range xs {
		out[i] = f(x)
	}
	return out
}

// OrDefault is n or the default.
func OrDefault(n *int64, d int64) int64 {
	if n == nil {
		return d
	}
	return *n
}
