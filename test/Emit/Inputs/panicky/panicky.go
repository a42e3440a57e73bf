// Package panicky has results whose conversion to C panics half-way
// (test/Emit/result-panic.test): the wrapper must write nothing, and free and
// release everything it converted before the panic.
package panicky

import "fmt"

// Thing is carried as a handle.
type Thing struct{ n int }

// N is the number of the thing.
func (t *Thing) N() int { return t.n }

// Boom is an error whose message panics when N is 2.
type Boom struct{ N int }

func (b *Boom) Error() string {
	if b.N == 2 {
		panic(fmt.Sprintf("boom %d", b.N))
	}
	return fmt.Sprintf("fine %d", b.N)
}

// Mixed returns a handle, strings, handles, and n errors: the message of
// the third one panics, so Mixed(3)'s results cannot all be converted.
func Mixed(n int) (*Thing, []string, []*Thing, []error) {
	errs := make([]error, n)
	for i := range errs {
		errs[i] = &Boom{i}
	}
	return &Thing{1}, []string{"a", "b"}, []*Thing{{2}, {3}}, errs
}
