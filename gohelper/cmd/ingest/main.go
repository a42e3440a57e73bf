// Command mochi-go-ingest type-checks one Go module, or one standard-library
// package, and writes its exported API as ApiSurface JSON
// (docs/ApiSurface.md).
//
//	mochi-go-ingest [flags] module@version     module mode, through a proxy
//	mochi-go-ingest [flags] -dir DIR            the module rooted at DIR
//	mochi-go-ingest [flags] -std PKG            a standard-library package
//
// Exit status: 0 on success, 1 when the module cannot be ingested, 2 for
// usage errors. On failure no output file is written.
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"mochi-go/gohelper/internal/apisurface"
	"mochi-go/gohelper/internal/modproxy"
)

func usage() {
	fmt.Fprintf(os.Stderr, `usage: mochi-go-ingest [flags] module@version
       mochi-go-ingest [flags] -dir DIR [-version vX.Y.Z]
       mochi-go-ingest [flags] -std PKG

Flags:
`)
	flag.PrintDefaults()
}

func defaultModCache() string {
	if d := os.Getenv("GOMODCACHE"); d != "" {
		return d
	}
	base, err := os.UserCacheDir()
	if err != nil {
		return ""
	}
	return filepath.Join(base, "mochi-go", "modcache")
}

func main() {
	var cfg apisurface.Config
	flag.StringVar(&cfg.Proxy, "proxy", os.Getenv("GOPROXY"), "GOPROXY to resolve modules through (file:///dir for the corpus proxy)")
	flag.StringVar(&cfg.Pins, "pins", "", "file of \"module version\" lines, each made a replace pin")
	flag.StringVar(&cfg.GoSum, "gosum", "", "file of go.sum lines the synthesised main module starts with (module mode)")
	flag.StringVar(&cfg.SumDB, "gosumdb", "off", "GOSUMDB for the go command (module mode)")
	flag.StringVar(&cfg.WorkDir, "workdir", "", "directory for the synthesised main module (default: a temporary directory)")
	flag.StringVar(&cfg.ModCache, "modcache", defaultModCache(), "module cache (GOMODCACHE)")
	flag.StringVar(&cfg.GoCache, "gocache", "", "Go build cache (GOCACHE; default: inherited)")
	flag.StringVar(&cfg.GOOS, "goos", "", "target GOOS (default: the host)")
	flag.StringVar(&cfg.GOARCH, "goarch", "", "target GOARCH (default: the host)")
	flag.StringVar(&cfg.Dir, "dir", "", "ingest the module rooted at this directory instead")
	flag.StringVar(&cfg.Version, "version", "", "with -dir: the version to record (default v0.0.0)")
	flag.StringVar(&cfg.Std, "std", "", "ingest this standard-library package (strings, net/url) as module \"std\"")
	flag.StringVar(&cfg.GoCmd, "go", "go", "the go command")
	out := flag.String("o", "-", "output file ('-' for standard output)")
	verbose := flag.Bool("v", false, "show progress on standard error")
	flag.Usage = usage
	flag.Parse()

	switch {
	case cfg.Std != "":
		if cfg.Dir != "" || cfg.Version != "" || flag.NArg() != 0 {
			fmt.Fprintln(os.Stderr, "mochi-go-ingest: -std takes no module@version, -dir or -version")
			os.Exit(2)
		}
		if err := apisurface.CheckStdPath(cfg.Std); err != nil {
			fmt.Fprintln(os.Stderr, "mochi-go-ingest: -std:", err)
			os.Exit(2)
		}
	case cfg.Dir != "" && flag.NArg() == 0:
		if cfg.Version == "" {
			cfg.Version = "v0.0.0"
		}
	case cfg.Dir == "" && flag.NArg() == 1:
		arg := flag.Arg(0)
		i := strings.LastIndex(arg, "@")
		if i <= 0 || !modproxy.IsValidSemver(arg[i+1:]) {
			fmt.Fprintf(os.Stderr, "mochi-go-ingest: %q is not module@version (version like v1.2.3)\n", arg)
			os.Exit(2)
		}
		cfg.Module, cfg.Version = arg[:i], arg[i+1:]
		if cfg.Proxy == "" {
			fmt.Fprintln(os.Stderr, "mochi-go-ingest: no -proxy and GOPROXY is not set")
			os.Exit(2)
		}
	default:
		usage()
		os.Exit(2)
	}
	if *verbose {
		cfg.Progress = os.Stderr
	}
	if cfg.Dir == "" && cfg.WorkDir == "" {
		tmp, err := os.MkdirTemp("", "mochi-go-ingest-")
		if err != nil {
			fail(err)
		}
		defer os.RemoveAll(tmp)
		cfg.WorkDir = tmp
	}
	start := time.Now()
	data, err := apisurface.Run(&cfg)
	if err != nil {
		if cfg.WorkDir != "" && strings.HasPrefix(cfg.WorkDir, os.TempDir()) {
			os.RemoveAll(cfg.WorkDir)
		}
		fail(err)
	}
	if *out == "-" {
		os.Stdout.Write(data)
	} else if err := modproxy.WriteFileAtomic(*out, data); err != nil {
		fail(err)
	}
	cfg.Progress = nil
	if *verbose {
		fmt.Fprintf(os.Stderr, "mochi-go-ingest: done in %s\n", time.Since(start).Round(time.Millisecond))
	}
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "mochi-go-ingest:", err)
	os.Exit(1)
}
