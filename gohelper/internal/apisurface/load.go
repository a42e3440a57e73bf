// Package apisurface type-checks the packages of one Go module, or one
// standard-library package, and writes their exported API as ApiSurface
// JSON (docs/ApiSurface.md).
//
// It uses the standard library only: `go list -e -export -deps -json` names
// every package and the export data of its dependencies, and go/types checks
// the module's own packages from source (for doc comments and positions),
// importing everything else from the gc export data.
package apisurface

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
)

// ListedPackage is the part of `go list -json` output the ingester reads.
type ListedPackage struct {
	Dir             string
	Root            string // GOROOT for a standard-library package
	ImportPath      string
	Name            string
	Export          string
	GoFiles         []string
	CgoFiles        []string
	CompiledGoFiles []string
	Standard        bool
	DepOnly         bool
	ImportMap       map[string]string
	Module          *struct {
		Path      string
		Version   string
		Dir       string
		GoVersion string
	}
	Error *struct {
		Err string
	}
	DepsErrors []*struct {
		Err string
	}
}

// StdModule is the module path of a standard-library surface (-std mode).
const StdModule = "std"

// Config says what to ingest and how to run the go command.
type Config struct {
	Module   string // module path
	Version  string // module version (module mode), or the version to record (-dir and -std mode)
	Dir      string // -dir mode: the module's root directory
	Std      string // -std mode: the one standard-library package to ingest
	Proxy    string // GOPROXY for module mode
	Pins     string // file of "module version" lines -> replace directives
	GoSum    string // file of go.sum lines the synthesised main module starts with ("" = none)
	SumDB    string // GOSUMDB for the go command ("" = "off": the corpus proxy has no checksum database)
	WorkDir  string // where the synthesised main module lives (module mode); an empty directory (-std mode)
	ModCache string // GOMODCACHE ("" = inherit)
	GoCache  string // GOCACHE ("" = inherit)
	GOOS     string
	GOARCH   string
	GoCmd    string // the go command ("" = "go" on PATH)
	Progress io.Writer
}

func (c *Config) logf(format string, args ...any) {
	if c.Progress != nil {
		fmt.Fprintf(c.Progress, format+"\n", args...)
	}
}

func (c *Config) goEnv() []string {
	env := os.Environ()
	set := func(k, v string) {
		if v != "" {
			env = append(env, k+"="+v)
		}
	}
	set("GOTOOLCHAIN", "local")
	set("GOWORK", "off")
	// The caller's GOFLAGS come after ours, so that they win; the module
	// cache is left writable (a test or a user can delete it).
	set("GOFLAGS", strings.TrimSpace("-mod=mod -modcacherw "+os.Getenv("GOFLAGS")))
	// Without a checksum database (the corpus proxy has none) every module
	// the go command fetches is unchecked; a caller that has one (mochi-go
	// sync) passes it, so dependencies are verified before they are
	// compiled for their export data.
	sumdb := c.SumDB
	if sumdb == "" {
		sumdb = "off"
	}
	set("GOSUMDB", sumdb)
	set("GOMODCACHE", c.ModCache)
	set("GOCACHE", c.GoCache)
	set("GOOS", c.GOOS)
	set("GOARCH", c.GOARCH)
	if c.Std != "" {
		// The standard library comes from GOROOT: nothing to resolve.
		set("GOPROXY", "off")
	} else {
		set("GOPROXY", c.Proxy)
	}
	return env
}

// CheckStdPath reports whether path can be ingested in -std mode: an import
// path of the standard library (its first element has no dot) that other
// code may import (no internal or vendor package, no command of cmd/).
func CheckStdPath(path string) error {
	elems := strings.Split(path, "/")
	for _, e := range elems {
		if e == "" || e == "." || e == ".." {
			return fmt.Errorf("%q is not an import path", path)
		}
	}
	switch {
	case strings.Contains(elems[0], "."):
		return fmt.Errorf("%q is not a standard-library package: its first element %q has a dot (a module path: ingest it as module@version)", path, elems[0])
	case elems[0] == "cmd" || elems[0] == "vendor":
		return fmt.Errorf("%q is not a standard-library package others may import", path)
	case path == "unsafe" || path == "builtin" || path == "C":
		return fmt.Errorf("%q is built into the compiler, not a package with an API to wrap", path)
	}
	for _, e := range elems {
		if e == "internal" || e == "testdata" {
			return fmt.Errorf("%q is internal to the standard library", path)
		}
	}
	return nil
}

// runGo runs the go command in dir and returns its standard output.
func (c *Config) runGo(dir string, args ...string) ([]byte, error) {
	goCmd := c.GoCmd
	if goCmd == "" {
		goCmd = "go"
	}
	cmd := exec.Command(goCmd, args...)
	cmd.Dir = dir
	cmd.Env = c.goEnv()
	var stdout, stderr bytes.Buffer
	cmd.Stdout = &stdout
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil {
		msg := strings.TrimSpace(stderr.String())
		if msg == "" {
			msg = err.Error()
		}
		return nil, fmt.Errorf("go %s failed:\n%s", args[0], msg)
	}
	return stdout.Bytes(), nil
}

// writeMainModule synthesises the module that requires the target module,
// with a replace pin for every other module the proxy serves (dependencies
// then resolve to the versions that exist, whatever the go.mod files ask).
func (c *Config) writeMainModule() error {
	var b strings.Builder
	fmt.Fprintf(&b, "module mochigo.local/ingest\n\ngo 1.23\n\nrequire %s %s\n", c.Module, c.Version)
	if c.Pins != "" {
		data, err := os.ReadFile(c.Pins)
		if err != nil {
			return fmt.Errorf("reading pins: %w", err)
		}
		var lines, requires []string
		for _, line := range strings.Split(string(data), "\n") {
			f := strings.Fields(line)
			if len(f) == 0 || strings.HasPrefix(f[0], "#") {
				continue
			}
			switch {
			case len(f) == 2:
				// "M V": every version of M is M at V.
				lines = append(lines, fmt.Sprintf("\t%s => %s %s\n", f[0], f[0], f[1]))
			case len(f) == 3 && f[0] == "require":
				requires = append(requires, fmt.Sprintf("require %s %s\n", f[1], f[2]))
			case len(f) == 3 && f[1] == "=>":
				// "M => DIR": a local directory.
				lines = append(lines, fmt.Sprintf("\t%s => %s\n", f[0], f[2]))
			case len(f) == 4 && f[1] == "=>":
				lines = append(lines, fmt.Sprintf("\t%s => %s %s\n", f[0], f[2], f[3]))
			default:
				return fmt.Errorf("%s: malformed pin %q (want \"module version\", \"module => new version\", \"module => dir\" or \"require module version\")", c.Pins, line)
			}
		}
		for _, r := range requires {
			b.WriteString(r)
		}
		if len(lines) > 0 {
			b.WriteString("\nreplace (\n")
			for _, l := range lines {
				b.WriteString(l)
			}
			b.WriteString(")\n")
		}
	}
	if err := os.MkdirAll(c.WorkDir, 0o755); err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(c.WorkDir, "go.mod"), []byte(b.String()), 0o644); err != nil {
		return err
	}
	gosum := filepath.Join(c.WorkDir, "go.sum")
	os.Remove(gosum)
	if c.GoSum != "" {
		// Hashes the caller already trusts (a lock's): the go command
		// refuses any module whose bytes differ from them.
		data, err := os.ReadFile(c.GoSum)
		if err != nil {
			return fmt.Errorf("reading go.sum lines: %w", err)
		}
		if err := os.WriteFile(gosum, data, 0o644); err != nil {
			return err
		}
	}
	return nil
}

// List runs go list over the packages to ingest and their dependencies.
func (c *Config) List() ([]*ListedPackage, error) {
	dir := c.Dir
	pattern := "./..."
	switch {
	case c.Std != "":
		if err := CheckStdPath(c.Std); err != nil {
			return nil, err
		}
		// No main module: the go command finds std in GOROOT.
		if c.WorkDir == "" {
			tmp, err := os.MkdirTemp("", "mochi-go-ingest-std-")
			if err != nil {
				return nil, err
			}
			defer os.RemoveAll(tmp)
			dir = tmp
		} else {
			if err := os.MkdirAll(c.WorkDir, 0o755); err != nil {
				return nil, err
			}
			dir = c.WorkDir
		}
		pattern = c.Std
	case dir == "":
		if err := c.writeMainModule(); err != nil {
			return nil, err
		}
		dir = c.WorkDir
		pattern = c.Module + "/..."
	}
	c.logf("go list -e -export -deps %s", pattern)
	out, err := c.runGo(dir, "list", "-e", "-export", "-deps", "-json", pattern)
	if err != nil {
		return nil, err
	}
	if c.Std != "" && c.Version == "" {
		// The standard library's version is the Go version of the
		// toolchain whose GOROOT it comes from.
		v, err := c.runGo(dir, "env", "GOVERSION")
		if err != nil {
			return nil, err
		}
		c.Version = strings.TrimSpace(string(v))
	}
	var pkgs []*ListedPackage
	dec := json.NewDecoder(bytes.NewReader(out))
	for dec.More() {
		p := new(ListedPackage)
		if err := dec.Decode(p); err != nil {
			return nil, fmt.Errorf("decoding go list output: %w", err)
		}
		pkgs = append(pkgs, p)
	}
	return pkgs, nil
}

// surfacePackages picks the packages that are part of the API: the
// module's own packages (the one -std package) that are not internal, not
// main, not testdata, with Go files for the target.
func (c *Config) surfacePackages(pkgs []*ListedPackage, module string) []*ListedPackage {
	var out []*ListedPackage
	for _, p := range pkgs {
		if c.Std != "" {
			if !p.Standard || p.ImportPath != c.Std {
				continue
			}
		} else if p.Module == nil || p.Module.Path != module {
			continue
		}
		if p.Name == "main" || len(p.GoFiles)+len(p.CgoFiles) == 0 {
			continue
		}
		internal := false
		for _, elem := range strings.Split(p.ImportPath, "/") {
			if elem == "internal" || elem == "testdata" {
				internal = true
			}
		}
		if internal {
			continue
		}
		out = append(out, p)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ImportPath < out[j].ImportPath })
	return out
}

// moduleRoot gives the directory positions are relative to (the module
// root, or GOROOT/src for the standard library) and the go version of the
// package's module ("" for the standard library).
func moduleRoot(p *ListedPackage) (dir, goVersion string) {
	if p.Module == nil {
		return filepath.Join(p.Root, "src"), ""
	}
	return p.Module.Dir, p.Module.GoVersion
}
