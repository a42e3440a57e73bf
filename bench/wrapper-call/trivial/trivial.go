// Package trivial is the function the wrapper-call benchmark wraps.
package trivial

// Add returns a + b.
func Add(a, b int64) int64 { return a + b }
