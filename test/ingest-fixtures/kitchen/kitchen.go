// Package kitchen has one of every kind of declaration ApiSurface records.
package kitchen

import (
	"io"
	"time"
	"unsafe"

	"example.com/fixture/kitchen/internal/secret"
)

// Big does not fit in 64 bits.
const Big = 1 << 70

// Greeting has quotes and a newline.
const Greeting = "say \"hi\"\n"

// Third is exact.
const Third = 1.0 / 3

// I is imaginary.
const I = 2i

const (
	// A is the first.
	A Level = iota
	B
)

// Level is a level.
type Level uint8

// Default is a variable.
var Default *Options

// Options configure things.
type Options struct {
	// Name names.
	Name    string `json:"name"`
	Timeout time.Duration
	time.Time
	cache map[string]int
	Inner secret.Key
}

// Reader reads and closes.
type Reader interface {
	// Read reads.
	Read(p []byte) (n int, err error)
	io.Closer
}

// Number is a type set.
type Number interface {
	~int | ~float64 | string
}

// Set is generic.
type Set[K comparable] map[K]struct{}

// Has reports membership.
func (s Set[K]) Has(k K) bool { _, ok := s[k]; return ok }

// Dur is an alias.
type Dur = time.Duration

// Keys is a generic function.
func Keys[K comparable, V any](m map[K]V) []K { return nil }

// Printf is variadic.
func Printf(format string, args ...any) (int, error) { return 0, nil }

// Watch takes channels.
func Watch(c <-chan unsafe.Pointer, d chan<- [4]complex128, e chan float32, f func(rune) bool) {}

// NewState returns a hidden type.
func NewState() *state { return nil }

type state struct{ n int }

// String is exported on a hidden type.
func (s *state) String() string { return "" }

func (s *state) private() {}

// Old is old.
//
// Deprecated: Use New.
func Old() {}

// Apply applies.
func (o *Options) Apply(s Set[string]) {}
