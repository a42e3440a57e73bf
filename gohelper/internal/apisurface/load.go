// Package apisurface type-checks the packages of one Go module and writes
// their exported API as ApiSurface JSON (docs/ApiSurface.md).
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

// Config says what to ingest and how to run the go command.
type Config struct {
	Module   string // module path
	Version  string // module version (module mode), or the version to record (-dir mode)
	Dir      string // -dir mode: the module's root directory
	Proxy    string // GOPROXY for module mode
	Pins     string // file of "module version" lines -> replace directives
	WorkDir  string // where the synthesised main module lives (module mode)
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
	set("GOFLAGS", "-mod=mod")
	set("GOSUMDB", "off")
	set("GOMODCACHE", c.ModCache)
	set("GOCACHE", c.GoCache)
	set("GOOS", c.GOOS)
	set("GOARCH", c.GOARCH)
	if c.Dir == "" {
		set("GOPROXY", c.Proxy)
	} else if c.Proxy != "" {
		set("GOPROXY", c.Proxy)
	}
	return env
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
		var lines []string
		for _, line := range strings.Split(string(data), "\n") {
			f := strings.Fields(line)
			if len(f) == 0 || strings.HasPrefix(f[0], "#") {
				continue
			}
			if len(f) != 2 {
				return fmt.Errorf("%s: malformed pin %q (want \"module version\")", c.Pins, line)
			}
			lines = append(lines, fmt.Sprintf("\t%s => %s %s\n", f[0], f[0], f[1]))
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
	os.Remove(filepath.Join(c.WorkDir, "go.sum"))
	return nil
}

// List runs go list over the module's packages and their dependencies.
func (c *Config) List() ([]*ListedPackage, error) {
	goCmd := c.GoCmd
	if goCmd == "" {
		goCmd = "go"
	}
	dir := c.Dir
	pattern := "./..."
	if dir == "" {
		if err := c.writeMainModule(); err != nil {
			return nil, err
		}
		dir = c.WorkDir
		pattern = c.Module + "/..."
	}
	c.logf("go list -e -export -deps %s", pattern)
	cmd := exec.Command(goCmd, "list", "-e", "-export", "-deps", "-json", pattern)
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
		return nil, fmt.Errorf("go list failed:\n%s", msg)
	}
	var pkgs []*ListedPackage
	dec := json.NewDecoder(&stdout)
	for dec.More() {
		p := new(ListedPackage)
		if err := dec.Decode(p); err != nil {
			return nil, fmt.Errorf("decoding go list output: %w", err)
		}
		pkgs = append(pkgs, p)
	}
	return pkgs, nil
}

// surfacePackages picks the module's own packages that are part of its API:
// not internal, not main, not testdata, with Go files for the target.
func surfacePackages(pkgs []*ListedPackage, module string) []*ListedPackage {
	var out []*ListedPackage
	for _, p := range pkgs {
		if p.Module == nil || p.Module.Path != module {
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
