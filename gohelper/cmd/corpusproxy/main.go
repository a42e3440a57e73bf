// Command mochi-go-corpus-proxy builds a GOPROXY file:// tree from the Debian
// Go sources, for ingesting the corpus modules in module mode.
//
//	mochi-go-corpus-proxy [-src /usr/share/gocode/src] -out DIR [-v]
//
// It writes DIR/<module>/@v/{list,V.info,V.mod,V.zip}, DIR/pins.txt (one
// "module version" line per module, for `replace` pins) and DIR/index.json.
// See docs/Corpus.md.
package main

import (
	"flag"
	"fmt"
	"os"
	"time"

	"mochi-go/gohelper/internal/modproxy"
)

func main() {
	src := flag.String("src", "/usr/share/gocode/src", "Debian Go source tree")
	out := flag.String("out", "", "proxy directory to write (required)")
	dpkg := flag.String("dpkg", "/var/lib/dpkg", "dpkg database directory")
	verbose := flag.Bool("v", false, "log every module written and every adjustment")
	flag.Parse()
	if *out == "" || flag.NArg() != 0 {
		fmt.Fprintln(os.Stderr, "usage: mochi-go-corpus-proxy [-src DIR] -out DIR [-v]")
		os.Exit(2)
	}
	start := time.Now()
	opts := modproxy.Options{Src: *src, Out: *out, DpkgDir: *dpkg}
	warnings := 0
	opts.Logf = func(format string, args ...any) {
		if *verbose {
			fmt.Fprintf(os.Stderr, format+"\n", args...)
		} else {
			warnings++
		}
	}
	mods, err := modproxy.Discover(opts)
	if err != nil {
		fmt.Fprintln(os.Stderr, "mochi-go-corpus-proxy:", err)
		os.Exit(1)
	}
	written, err := modproxy.Build(opts, mods)
	if err != nil {
		fmt.Fprintln(os.Stderr, "mochi-go-corpus-proxy:", err)
		os.Exit(1)
	}
	fmt.Fprintf(os.Stderr, "mochi-go-corpus-proxy: %d modules (%d written) in %s\n",
		len(mods), written, time.Since(start).Round(time.Millisecond))
}
