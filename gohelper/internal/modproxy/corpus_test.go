package modproxy

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"testing"
	"time"
)

// TestCorpusResolves is the acceptance test of the real corpus proxy, run by
// hand (it needs the Debian Go packages of utils/setup.sh and takes about a
// minute):
//
//	MOCHIGO_CORPUS_TEST=1 go test -run Corpus -v ./internal/modproxy/
//
// It builds the proxy from /usr/share/gocode/src into a temporary directory
// (or uses MOCHIGO_CORPUS_PROXY=DIR, already built), then, for every module
// M of test/corpus/modules.txt, makes a main module requiring M at the
// version the proxy serves with a replace pin for every line of pins.txt,
// and runs `go list -e -deps -json M/...` through the proxy. Every package
// of M must load without Error and DepsErrors, except for errors saying that
// a package lives in a module Debian does not ship (a stub): those are
// logged as known missing (see docs/Corpus.md). It also checks every zip of
// the proxy with golang.org/x/mod/zip.CheckZip, fetched through the proxy.
func TestCorpusResolves(t *testing.T) {
	if os.Getenv("MOCHIGO_CORPUS_TEST") == "" {
		t.Skip("set MOCHIGO_CORPUS_TEST=1 to check the corpus proxy built from /usr/share/gocode/src")
	}
	goCmd := goCommand(t)
	proxy := os.Getenv("MOCHIGO_CORPUS_PROXY")
	if proxy == "" {
		proxy = t.TempDir()
		opts := Options{Src: "/usr/share/gocode/src", Out: proxy, DpkgDir: "/var/lib/dpkg", Warnf: t.Logf}
		start := time.Now()
		mods, err := Discover(opts)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := Build(opts, mods); err != nil {
			t.Fatal(err)
		}
		t.Logf("proxy built in %s", time.Since(start).Round(time.Millisecond))
	}
	proxy, _ = filepath.Abs(proxy)
	corpus := readLines(t, filepath.Join("..", "..", "..", "test", "corpus", "modules.txt"))
	seen := map[string]bool{}
	for _, m := range corpus {
		if seen[m] {
			t.Errorf("test/corpus/modules.txt lists %s twice", m)
		}
		seen[m] = true
	}
	if len(corpus) == 0 {
		t.Fatal("test/corpus/modules.txt lists no module")
	}
	var index []Module
	data, err := os.ReadFile(filepath.Join(proxy, "index.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(data, &index); err != nil {
		t.Fatal(err)
	}
	version := map[string]string{}
	stub := map[string]bool{}
	for _, m := range index {
		version[m.Path] = m.Version
		stub[m.Path] = m.Stub
	}
	// An error is tolerated only when it says that a package lives in a
	// module Debian does not ship (served as a go.mod-only stub): the
	// dependency is genuinely missing, and the test reports it.
	missingRe := regexp.MustCompile(`module (\S+)@\S+ found \(.*\), but does not contain package (\S+)`)
	check := func(t *testing.T, pkg, msg string) bool {
		if m := missingRe.FindStringSubmatch(msg); m != nil && stub[m[1]] {
			t.Logf("%s: needs %s, which Debian does not ship (known missing)", pkg, m[2])
			return true
		}
		t.Errorf("%s: %s", pkg, msg)
		return false
	}
	var replaces strings.Builder
	for _, line := range readLines(t, filepath.Join(proxy, "pins.txt")) {
		f := strings.Fields(line)
		fmt.Fprintf(&replaces, "replace %s => %s %s\n", f[0], f[0], f[1])
	}
	modcache := t.TempDir()
	env := append(os.Environ(), "GOPROXY=file://"+proxy, "GOSUMDB=off", "GONOSUMDB=", "GOPRIVATE=",
		"GOFLAGS=-mod=mod -modcacherw", "GOTOOLCHAIN=local", "GOWORK=off", "GOMODCACHE="+modcache)
	if os.Getenv("GOCACHE") == "" {
		env = append(env, "GOCACHE="+t.TempDir())
	}

	for _, mod := range corpus {
		t.Run(strings.ReplaceAll(mod, "/", "_"), func(t *testing.T) {
			v := version[mod]
			if v == "" {
				t.Fatalf("%s is not in the proxy's index.json", mod)
			}
			dir := t.TempDir()
			gomod := fmt.Sprintf("module example.com/m\n\ngo 1.23\n\nrequire %s %s\n\n%s", mod, v, replaces.String())
			if err := os.WriteFile(filepath.Join(dir, "go.mod"), []byte(gomod), 0o644); err != nil {
				t.Fatal(err)
			}
			cmd := exec.Command(goCmd, "list", "-e", "-deps", "-json", mod+"/...")
			cmd.Dir, cmd.Env = dir, env
			var stderr bytes.Buffer
			cmd.Stderr = &stderr
			out, err := cmd.Output()
			if err != nil {
				t.Fatalf("go list %s/...: %v\n%s", mod, err, stderr.String())
			}
			own, bad, missing := 0, 0, 0
			dec := json.NewDecoder(bytes.NewReader(out))
			for {
				var p struct {
					ImportPath string
					Module     *struct{ Path, Version string }
					Error      *struct{ Err string }
					DepsErrors []struct{ Err string }
				}
				if err := dec.Decode(&p); err == io.EOF {
					break
				} else if err != nil {
					t.Fatal(err)
				}
				if p.Module == nil || p.Module.Path != mod {
					continue
				}
				own++
				var errs []string
				if p.Error != nil {
					errs = append(errs, p.Error.Err)
				}
				for _, e := range p.DepsErrors {
					errs = append(errs, e.Err)
				}
				for _, e := range errs {
					if check(t, p.ImportPath, e) {
						missing++
					} else {
						bad++
					}
				}
			}
			if own == 0 {
				t.Errorf("go list %s/... listed no package of the module\n%s", mod, stderr.String())
			}
			t.Logf("%s@%s: %d packages, %d errors, %d known-missing dependencies", mod, v, own, bad, missing)
		})
	}

	t.Run("CheckZip", func(t *testing.T) {
		if version["golang.org/x/mod"] == "" {
			t.Skip("golang.org/x/mod is not in the proxy")
		}
		dir := t.TempDir()
		gomod := fmt.Sprintf("module example.com/check\n\ngo 1.23\n\nrequire golang.org/x/mod %s\n\n%s",
			version["golang.org/x/mod"], replaces.String())
		if err := os.WriteFile(filepath.Join(dir, "go.mod"), []byte(gomod), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, "main.go"), []byte(checkZipProgram), 0o644); err != nil {
			t.Fatal(err)
		}
		cmd := exec.Command(goCmd, "run", ".", proxy)
		cmd.Dir, cmd.Env = dir, env
		out, err := cmd.CombinedOutput()
		t.Logf("%s", out)
		if err != nil {
			t.Fatalf("CheckZip over the proxy: %v", err)
		}
	})
}

// checkZipProgram checks every zip in a proxy with golang.org/x/mod/zip.
const checkZipProgram = `package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"

	"golang.org/x/mod/module"
	"golang.org/x/mod/zip"
)

func main() {
	proxy := os.Args[1]
	data, err := os.ReadFile(filepath.Join(proxy, "index.json"))
	if err != nil {
		panic(err)
	}
	var index []struct{ Path, Version string }
	if err := json.Unmarshal(data, &index); err != nil {
		panic(err)
	}
	bad := 0
	for _, m := range index {
		ep, err1 := module.EscapePath(m.Path)
		ev, err2 := module.EscapeVersion(m.Version)
		if err1 != nil || err2 != nil {
			fmt.Println(m.Path, m.Version, err1, err2)
			bad++
			continue
		}
		cf, err := zip.CheckZip(module.Version{Path: m.Path, Version: m.Version},
			filepath.Join(proxy, ep, "@v", ev+".zip"))
		if err == nil {
			err = cf.Err()
		}
		if err != nil {
			fmt.Println(m.Path, m.Version, err)
			bad++
		}
	}
	fmt.Printf("%d zips checked, %d bad\n", len(index), bad)
	if bad > 0 {
		os.Exit(1)
	}
}
`

func goCommand(t *testing.T) string {
	if p, err := exec.LookPath("go"); err == nil {
		return p
	}
	p := filepath.Join(runtime.GOROOT(), "bin", "go")
	if _, err := os.Stat(p); runtime.GOROOT() == "" || err != nil {
		t.Skip("no go command")
	}
	return p
}

func readLines(t *testing.T, path string) []string {
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var lines []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if line := strings.TrimSpace(sc.Text()); line != "" && !strings.HasPrefix(line, "#") {
			lines = append(lines, line)
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return lines
}
