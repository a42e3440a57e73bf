// Differential test of github.com/spf13/pflag: the calls of pflag.c, made
// directly in Go.
package main

import (
	"fmt"
	"strings"

	"github.com/spf13/pflag"
)

func run(label string, args []string) {
	fs := pflag.NewFlagSet("demo", pflag.ContinueOnError)
	fs.Int("count", 3, "how many")
	fs.String("name", "anon", "who")
	fs.Bool("verbose", false, "talk")
	fs.StringSlice("tags", []string{"a", "b"}, "tags")
	if err := fs.Parse(args); err != nil {
		fmt.Printf("%s: parse error: %s\n", label, err)
		return
	}
	count, _ := fs.GetInt("count")
	name, _ := fs.GetString("name")
	verbose, _ := fs.GetBool("verbose")
	tags, _ := fs.GetStringSlice("tags")
	b := func(v bool) int {
		if v {
			return 1
		}
		return 0
	}
	fmt.Printf("%s: count=%d changed=%d name=%s verbose=%d tags=%s nargs=%d args=%s\n",
		label, count, b(fs.Changed("count")), name, b(verbose),
		strings.Join(tags, ","), fs.NArg(), strings.Join(fs.Args(), ","))
	fmt.Printf("%s: lookup(count)=%d lookup(nope)=%d nflag=%d dash=%d\n", label,
		b(fs.Lookup("count") != nil), b(fs.Lookup("nope") != nil), fs.NFlag(), fs.ArgsLenAtDash())
	if f := fs.Lookup("count"); f != nil {
		fmt.Printf("%s: Flag.Name=%s Usage=%s DefValue=%s Changed=%d Value=%s\n",
			label, f.Name, f.Usage, f.DefValue, b(f.Changed), f.Value.String())
		f.Usage = "how many, really"
		fmt.Printf("%s: Flag.Usage after set=%s\n", label, f.Usage)
	}
	fs.VisitAll(func(f *pflag.Flag) {
		fmt.Printf("%s: visit %s changed=%d\n", label, f.Name, b(f.Changed))
	})
	if err := fs.Set("count", "42"); err == nil {
		n, _ := fs.GetInt("count")
		fmt.Printf("%s: Set(count, 42): %d\n", label, n)
	}
	if err := fs.Set("count", "x"); err != nil {
		fmt.Printf("%s: Set(count, x): %s\n", label, err)
	}
	if _, err := fs.GetInt("missing"); err != nil {
		fmt.Printf("%s: GetInt(missing): %s\n", label, err)
	}
}

func main() {
	run("a", []string{"--count=7", "--name", "gopher", "-", "x", "--", "--verbose"})
	run("b", []string{"--verbose", "--tags=x,y,z", "file1", "file2"})
	run("c", []string{"--count=notanumber"})
	run("d", []string{"--unknown"})
	fmt.Printf("live: %d\n", 0)
}
