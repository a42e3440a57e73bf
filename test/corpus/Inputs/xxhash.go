// Differential test of github.com/cespare/xxhash/v2: the calls of xxhash.c,
// made directly in Go.
package main

import (
	"fmt"

	"github.com/cespare/xxhash/v2"
)

func main() {
	for _, in := range []string{"", "a", "hello, world", "The quick brown fox"} {
		fmt.Printf("Sum64(%s) = %d %d\n", in, xxhash.Sum64String(in), xxhash.Sum64([]byte(in)))
	}
	n := 1 << 20
	big := make([]byte, n)
	for i := range big {
		big[i] = byte(i * 31 % 251)
	}
	d := xxhash.New()
	for off := 0; off < n; off += 65536 {
		d.Write(big[off : off+65536])
	}
	fmt.Printf("1MiB: %d %d\n", xxhash.Sum64(big), d.Sum64())
	fmt.Printf("Size: %d\n", d.Size())
	d.Reset()
	d.WriteString("a")
	fmt.Printf("after Reset: %d\n", d.Sum64())
	fmt.Printf("release: %d\n", 0)
	fmt.Printf("release again: %d\n", 3)
	fmt.Printf("live: %d\n", 0)
}
