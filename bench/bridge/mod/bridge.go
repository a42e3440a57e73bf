// Package bridge is what bench/bridge.py calls: a trivial function, one that
// calls its func argument once, and a channel.
package bridge

// Add is the trivial call.
func Add(a, b int64) int64 { return a + b }

// Apply calls f once: from C, a C -> Go -> C round trip.
func Apply(f func(int64) int64, x int64) int64 { return f(x) }

// Pipe makes a channel of int64 with the given capacity.
func Pipe(capacity int) chan int64 { return make(chan int64, capacity) }
