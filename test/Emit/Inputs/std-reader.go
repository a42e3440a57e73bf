//go:build ignore

// The calls of std-reader.c, made directly in Go.
package main

import (
	"bufio"
	"fmt"
	"io"
	"strings"
)

func main() {
	text := "hello, reader\nsecond line\n"
	r := strings.NewReader(text)
	var rd io.Reader = r
	buf := make([]byte, 10)
	for {
		n, err := rd.Read(buf)
		if err != nil {
			fmt.Printf("Read: status=1 err=%s\n", err)
			break
		}
		fmt.Printf("Read: n=%d left=%d\n", n, r.Len())
	}
	b := bufio.NewReader(strings.NewReader(text))
	for {
		line, err := b.ReadString('\n')
		if err != nil {
			fmt.Printf("ReadString: err=%s\n", err)
			break
		}
		fmt.Printf("ReadString: %s", line)
	}
	// A *bufio.Reader is an io.Reader in Go; the C side shows what its
	// zero value does when read: it panics (status 2).
	func() {
		defer func() {
			if recover() != nil {
				fmt.Printf("Read(nil bufio.Reader): status=2\n")
			}
		}()
		var zero io.Reader = new(bufio.Reader)
		zero.Read(buf)
		fmt.Printf("Read(nil bufio.Reader): status=0\n")
	}()
	fmt.Printf("live: %d\n", 0)
}
