// Command mochi-go-corpus-proxy builds a GOPROXY file:// tree from the Debian
// Go sources, for ingesting the corpus modules in module mode.
//
//	mochi-go-corpus-proxy [-src /usr/share/gocode/src] [-dpkg /var/lib/dpkg] -out DIR [-j N] [-v]
//
// It writes DIR/<escaped module path>/@v/{list,V.info,V.mod,V.zip}, DIR/pins.txt
// (one "module version" line per module, for `replace` pins) and
// DIR/index.json. Running it again only rewrites the modules whose sources
// changed. See docs/Corpus.md.
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
	dpkg := flag.String("dpkg", "/var/lib/dpkg", "dpkg database directory (status and info/*.list)")
	jobs := flag.Int("j", 0, "modules zipped in parallel (0: one per CPU)")
	verbose := flag.Bool("v", false, "log every adjustment made and every module written")
	flag.Usage = func() {
		fmt.Fprintln(os.Stderr, "usage: mochi-go-corpus-proxy [-src DIR] [-dpkg DIR] -out DIR [-j N] [-v]")
		flag.PrintDefaults()
	}
	flag.Parse()
	if *out == "" || flag.NArg() != 0 {
		flag.Usage()
		os.Exit(2)
	}
	start := time.Now()
	opts := modproxy.Options{Src: *src, Out: *out, DpkgDir: *dpkg, Jobs: *jobs}
	opts.Warnf = func(format string, args ...any) {
		fmt.Fprintf(os.Stderr, "mochi-go-corpus-proxy: "+format+"\n", args...)
	}
	if *verbose {
		opts.Logf = func(format string, args ...any) {
			fmt.Fprintf(os.Stderr, "mochi-go-corpus-proxy: "+format+"\n", args...)
		}
	}
	mods, err := modproxy.Discover(opts)
	if err != nil {
		fmt.Fprintln(os.Stderr, "mochi-go-corpus-proxy:", err)
		os.Exit(1)
	}
	res, err := modproxy.Build(opts, mods)
	if err != nil {
		fmt.Fprintln(os.Stderr, "mochi-go-corpus-proxy:", err)
		os.Exit(1)
	}
	fmt.Fprintf(os.Stderr, "mochi-go-corpus-proxy: %d modules in %s (%d written, %d left out) in %s\n",
		len(res.Served), *out, res.Written, len(res.Skipped), time.Since(start).Round(time.Millisecond))
}
