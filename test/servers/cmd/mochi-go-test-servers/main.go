// Command mochi-go-test-servers serves a module proxy and a checksum database
// on a loopback address for mochi-go's tests, optionally with faults.
//
//	mochi-go-test-servers -proxy DIR [flags] [-- command args...]
//
// With a command, it starts the server, runs the command with GOPROXY,
// GOSUMDB and the MOCHIGO_TEST_* variables set, shuts the server down and
// exits with the command's exit status. Without one, it prints those
// variables (NAME=value, one per line) and serves until SIGINT or SIGTERM.
// See README.md.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"mochi-go/testservers/internal/testsrv"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

const usage = `usage: mochi-go-test-servers -proxy DIR [flags] [-- command args...]

Serves the GOPROXY file tree DIR and a checksum database of every module
version in it on a loopback address. With a command: runs it with GOPROXY,
GOSUMDB, ... set and exits with its status. Without: prints the environment
(NAME=value lines) and serves until SIGINT/SIGTERM.

Flags:
`

func run(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("mochi-go-test-servers", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprint(stderr, usage)
		fs.PrintDefaults()
	}
	proxy := fs.String("proxy", "", "GOPROXY file tree to serve (required)")
	listen := fs.String("listen", "127.0.0.1:0", "loopback address to listen on")
	name := fs.String("name", testsrv.DefaultName, "checksum database name")
	seed := fs.String("key-seed", testsrv.DefaultKeySeed, "the signing key's Ed25519 seed is SHA-256 of this")
	records := fs.Int64("records", -1, "serve only the first N records of the log (default all)")
	forkAt := fs.Int64("fork-at", -1, "replace record K by a made-up one, shifting the rest (an alternative history)")
	evil := fs.Bool("evil", false, "add the synthetic example.com/evil/... modules")
	logFile := fs.String("log", "", "append one line per request to this file")
	verbose := fs.Bool("v", false, "report the start-up time on stderr")
	var faults testsrv.Faults
	fs.Func("fault", "switch a fault on (repeatable; see README.md)", faults.Add)
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	usageErr := func(format string, a ...any) int {
		fmt.Fprintf(stderr, "mochi-go-test-servers: "+format+"\n", a...)
		return 2
	}
	if *proxy == "" {
		return usageErr("-proxy DIR is required")
	}
	if err := testsrv.CheckLoopback(*listen); err != nil {
		return usageErr("%v", err)
	}
	if *records < -1 {
		return usageErr("-records must be >= 0")
	}
	if *forkAt < -1 {
		return usageErr("-fork-at must be >= 0")
	}
	fail := func(err error) int {
		fmt.Fprintf(stderr, "mochi-go-test-servers: %v\n", err)
		return 1
	}

	start := time.Now()
	store, err := testsrv.LoadProxy(*proxy)
	if err != nil {
		return fail(err)
	}
	if *evil {
		if store, err = store.WithEvil(); err != nil {
			return fail(err)
		}
	}
	opts := testsrv.Options{Name: *name, KeySeed: *seed, Records: *records, ForkAt: *forkAt, Faults: faults}
	if *logFile != "" {
		f, err := os.OpenFile(*logFile, os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o666)
		if err != nil {
			return fail(err)
		}
		defer f.Close()
		opts.Log = f
	}
	srv, err := testsrv.New(store, opts)
	if err != nil {
		return fail(err)
	}
	ln, err := net.Listen("tcp", *listen)
	if err != nil {
		return fail(err)
	}
	if *verbose {
		fmt.Fprintf(stderr, "mochi-go-test-servers: %d modules, %d records, ready in %v\n",
			len(store.Modules), srv.Tree().N, time.Since(start).Round(time.Millisecond))
	}
	env := srv.Env("http://" + ln.Addr().String())

	hs := &http.Server{Handler: srv.Handler(), ReadHeaderTimeout: 30 * time.Second}
	served := make(chan error, 1)
	go func() { served <- hs.Serve(ln) }()
	shutdown := func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		if hs.Shutdown(ctx) != nil {
			hs.Close()
		}
	}

	if cmd := fs.Args(); len(cmd) > 0 {
		code := runCommand(cmd, env, stdout, stderr)
		shutdown()
		return code
	}

	sigs := make(chan os.Signal, 1)
	signal.Notify(sigs, syscall.SIGINT, syscall.SIGTERM)
	defer signal.Stop(sigs)
	if _, err := io.WriteString(stdout, strings.Join(env, "\n")+"\n"); err != nil {
		shutdown()
		return fail(err)
	}
	if f, ok := stdout.(interface{ Sync() error }); ok {
		f.Sync() // pipes and terminals ignore it; files get the lines at once
	}
	select {
	case <-sigs:
		shutdown()
		return 0
	case err := <-served:
		return fail(err)
	}
}

// runCommand runs cmd with env added to the environment and returns its exit
// status (128+N if signal N killed it, 127 if it could not be started).
// SIGINT and SIGTERM received meanwhile are passed on to it.
func runCommand(cmd, env []string, stdout, stderr io.Writer) int {
	c := exec.Command(cmd[0], cmd[1:]...)
	c.Env = mergeEnv(os.Environ(), env)
	c.Stdin, c.Stdout, c.Stderr = os.Stdin, stdout, stderr
	sigs := make(chan os.Signal, 1)
	signal.Notify(sigs, syscall.SIGINT, syscall.SIGTERM)
	defer signal.Stop(sigs)
	if err := c.Start(); err != nil {
		fmt.Fprintf(stderr, "mochi-go-test-servers: %v\n", err)
		return 127
	}
	done := make(chan struct{})
	go func() {
		for {
			select {
			case sig := <-sigs:
				c.Process.Signal(sig)
			case <-done:
				return
			}
		}
	}()
	err := c.Wait()
	close(done)
	if err == nil {
		return 0
	}
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		if ws, ok := ee.Sys().(syscall.WaitStatus); ok && ws.Signaled() {
			return 128 + int(ws.Signal())
		}
		return ee.ExitCode()
	}
	fmt.Fprintf(stderr, "mochi-go-test-servers: %v\n", err)
	return 1
}

// mergeEnv returns base with the variables of add set (replacing any of the
// same name).
func mergeEnv(base, add []string) []string {
	names := map[string]bool{}
	for _, kv := range add {
		k, _, _ := strings.Cut(kv, "=")
		names[k] = true
	}
	out := make([]string, 0, len(base)+len(add))
	for _, kv := range base {
		k, _, _ := strings.Cut(kv, "=")
		if !names[k] {
			out = append(out, kv)
		}
	}
	return append(out, add...)
}
