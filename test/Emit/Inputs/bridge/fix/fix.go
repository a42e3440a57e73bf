// Package bridgefix is the fixture of the goroutine bridge tests
// (test/Emit/bridge-*.test): channels made and fed by goroutines, func
// values returned to C, and func parameters called from goroutines.
package bridgefix

import "sync"

// Pipe makes a channel of ints with the given capacity.
func Pipe(capacity int) chan int { return make(chan int, capacity) }

// Feed starts a goroutine that sends from, from+1, ..., from+n-1 on ch.
func Feed(ch chan<- int, from, n int) {
	go func() {
		for i := 0; i < n; i++ {
			ch <- from + i
		}
	}()
}

// Count starts a goroutine that sends 0 .. n-1 on a new channel and closes
// it.
func Count(n int) <-chan int {
	ch := make(chan int)
	go func() {
		for i := 0; i < n; i++ {
			ch <- i
		}
		close(ch)
	}()
	return ch
}

// Words sends the words on a buffered channel and closes it.
func Words(words []string) <-chan string {
	ch := make(chan string, len(words))
	for _, w := range words {
		ch <- w
	}
	close(ch)
	return ch
}

// Sink gives a channel that a goroutine drains, adding what it receives;
// the total comes on done when the channel is closed.
func Sink() (chan<- float64, <-chan float64) {
	in, done := make(chan float64), make(chan float64, 1)
	go func() {
		t := 0.0
		for v := range in {
			t += v
		}
		done <- t
	}()
	return in, done
}

// Adder returns a func that adds n.
func Adder(n int) func(int) int { return func(x int) int { return x + n } }

// Failer returns a func that fails when its argument is empty.
func Failer() func(string) (int, error) {
	return func(s string) (int, error) {
		if s == "" {
			return 0, errEmpty
		}
		return len(s), nil
	}
}

type emptyError struct{}

func (emptyError) Error() string { return "empty" }

var errEmpty error = emptyError{}

// Fan calls f(i) for i in 0 .. n-1 from g goroutines at once and gives the
// sum of the results.
func Fan(f func(int) int, n, g int) int {
	var wg sync.WaitGroup
	var mu sync.Mutex
	total := 0
	for w := 0; w < g; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			for i := w; i < n; i += g {
				r := f(i)
				mu.Lock()
				total += r
				mu.Unlock()
			}
		}(w)
	}
	wg.Wait()
	return total
}

// Twice calls f twice with s and joins the results.
func Twice(f func(string) string, s string) string { return f(s) + f(s) }

// Try calls f with s.
func Try(f func(string) (int, error), s string) (int, error) { return f(s) }

// ThenPanic calls f and panics with its result.
func ThenPanic(f func(int) int) { panic(f(41)) }
