package modproxy

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"
)

// fakeDebian makes a source tree and a dpkg database owning it. pkgs maps a
// package to its version and to the directories (relative to src) whose .go
// and go.mod files it owns.
type fakePkg struct {
	version string
	dirs    []string
}

func fakeDebian(t *testing.T, tree map[string]string, pkgs map[string]fakePkg) (src, dpkg string) {
	t.Helper()
	base := t.TempDir()
	src = filepath.Join(base, "src")
	dpkg = filepath.Join(base, "dpkg")
	writeTree(t, src, tree)
	var status strings.Builder
	var names []string
	for name := range pkgs {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		p := pkgs[name]
		fmt.Fprintf(&status, "Package: %s\nStatus: install ok installed\nPriority: optional\nVersion: %s\nDescription: test\n continued\n\n", name, p.version)
		var list []string
		for file := range tree {
			for _, d := range p.dirs {
				if strings.HasPrefix(file, d+"/") {
					list = append(list, filepath.Join(src, filepath.FromSlash(file)))
				}
			}
		}
		sort.Strings(list)
		writeTree(t, dpkg, map[string]string{"info/" + name + ":amd64.list": strings.Join(list, "\n") + "\n"})
	}
	// A removed package whose files are still listed does not count.
	status.WriteString("Package: golang-removed-dev\nStatus: deinstall ok config-files\nVersion: 9.9.9-1\n\n")
	writeTree(t, dpkg, map[string]string{
		"status":                       status.String(),
		"info/golang-removed-dev.list": filepath.Join(src, "example.com/removed/r.go") + "\n",
	})
	return src, dpkg
}

var testTree = map[string]string{
	// a plain module
	"example.com/a/go.mod": "module example.com/a\n\ngo 1.20\n",
	"example.com/a/a.go":   "package a\n\nimport _ \"example.com/parent/sub\"\n\nconst A = 1\n",
	// a /v2 module kept at the path without the suffix (xxhash)
	"github.com/x/y/go.mod": "module github.com/x/y/v2\n\ngo 1.18\n",
	"github.com/x/y/y.go":   "package y\n\nconst Y = 2\n",
	// a package from before modules, Go files only in a subdirectory
	"github.com/old/lib/README":      "old\n",
	"github.com/old/lib/sub/sub.go":  "package sub\n\nconst S = 3\n",
	"github.com/old/lib/sub/more.go": "package sub\n",
	// gopkg.in with a Debian version of another major
	"gopkg.in/foo.v3/go.mod": "module gopkg.in/foo.v3\n",
	"gopkg.in/foo.v3/foo.go": "package foo\n",
	// a parent whose go.mod requires a subdirectory Debian shipped
	// without its go.mod, and a module Debian lacks
	"example.com/parent/go.mod":   "module example.com/parent\n\ngo 1.20\n\nrequire (\n\texample.com/parent/sub v1.0.0\n\texample.com/missing v1.2.0 // indirect\n)\n",
	"example.com/parent/p.go":     "package parent\n",
	"example.com/parent/sub/s.go": "package sub\n\nconst Sub = 4\n",
	"example.com/other/go.mod":    "module example.com/other\n\nrequire \"example.com/missing\" v1.10.0\n",
	"example.com/other/o.go":      "package other\n",
	// one module path in two directories
	"example.com/dup/go.mod":  "module example.com/dup\n",
	"example.com/dup/d.go":    "package dup\n",
	"example.com/dup2/go.mod": "module example.com/dup\n",
	"example.com/dup2/d.go":   "package dup\n",
	// a package from before modules at v3: +incompatible
	"example.com/legacy3/l.go": "package legacy3\n",
	// a go.mod nobody owns, and a go.mod with no module line
	"example.com/unowned/go.mod":  "module example.com/unowned\n",
	"example.com/nomodule/go.mod": "go 1.20\n",
	"example.com/nomodule/n.go":   "package n\n",
	// go.mod files the search skips
	"example.com/a/testdata/go.mod": "module example.com/a/testdata\n",
	"example.com/a/_x/go.mod":       "module example.com/a/_x\n",
	"example.com/a/vendor/go.mod":   "module example.com/a/vendor\n",
	// removed package
	"example.com/removed/r.go": "package removed\n",
}

var testPkgs = map[string]fakePkg{
	"golang-a-dev":        {"1:1.2.3-1", []string{"example.com/a"}},
	"golang-xy-dev":       {"2.1.0+ds-2", []string{"github.com/x/y"}},
	"golang-old-lib-dev":  {"0.0~git20200102.abcdef1-1", []string{"github.com/old/lib"}},
	"golang-foo.v3-dev":   {"1.0.0-1", []string{"gopkg.in/foo.v3"}},
	"golang-parent-dev":   {"0.4.0-1", []string{"example.com/parent"}},
	"golang-other-dev":    {"1.0.0~rc1-1", []string{"example.com/other"}},
	"golang-dup-dev":      {"1.0.0-1", []string{"example.com/dup"}},
	"golang-dup2-dev":     {"2.0.0-1", []string{"example.com/dup2"}},
	"golang-legacy3-dev":  {"3.1.4-1", []string{"example.com/legacy3"}},
	"golang-nomodule-dev": {"1.0.0-1", []string{"example.com/nomodule"}},
}

func collect(out *[]string) func(string, ...any) {
	return func(format string, args ...any) { *out = append(*out, fmt.Sprintf(format, args...)) }
}

func TestDiscover(t *testing.T) {
	src, dpkg := fakeDebian(t, testTree, testPkgs)
	var notes, warnings []string
	opts := Options{Src: src, DpkgDir: dpkg, Logf: collect(&notes), Warnf: collect(&warnings)}
	mods, err := Discover(opts)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, m := range mods {
		rel, _ := filepath.Rel(src, m.Dir)
		if m.Stub {
			rel = "-"
		}
		got = append(got, fmt.Sprintf("%s %s %s gomod=%v", m.Path, m.Version, filepath.ToSlash(rel), m.HasGoMod))
	}
	want := []string{
		"example.com/a v1.2.3 example.com/a gomod=true",
		"example.com/dup v1.0.0 example.com/dup gomod=true",
		"example.com/legacy3 v3.1.4+incompatible example.com/legacy3 gomod=false",
		"example.com/missing v1.10.0 - gomod=false",
		"example.com/other v1.0.0-rc1 example.com/other gomod=true",
		"example.com/parent v0.4.0 example.com/parent gomod=true",
		"example.com/parent/sub v0.4.0 example.com/parent/sub gomod=false",
		"github.com/old/lib v0.0.0-20200102000000-abcdef100000 github.com/old/lib gomod=false",
		"github.com/x/y v2.1.0+incompatible github.com/x/y gomod=false",
		"github.com/x/y/v2 v2.1.0 github.com/x/y gomod=true",
		"gopkg.in/foo.v3 v3.0.0 gopkg.in/foo.v3 gomod=true",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("modules:\n got %s\nwant %s", strings.Join(got, "\n     "), strings.Join(want, "\n     "))
	}
	byPath := map[string]*Module{}
	for _, m := range mods {
		byPath[m.Path] = m
	}
	if p := byPath["example.com/parent"]; p == nil || len(p.Exclude) != 1 || !strings.HasSuffix(p.Exclude[0], "example.com/parent/sub") {
		t.Errorf("example.com/parent does not exclude its sub-module: %+v", p)
	}
	if a := byPath["github.com/x/y"]; a == nil || a.AliasOf != "github.com/x/y/v2" || string(a.GoMod) != "module github.com/x/y\n" {
		t.Errorf("alias github.com/x/y: %+v", a)
	}
	if l := byPath["github.com/old/lib"]; l == nil || string(l.GoMod) != "module github.com/old/lib\n" || l.DebianPackage != "golang-old-lib-dev" {
		t.Errorf("legacy module: %+v", l)
	}
	for _, w := range []string{"example.com/dup found in 2 directories", "example.com/unowned", "example.com/nomodule/go.mod has no module line"} {
		if !strings.Contains(strings.Join(warnings, "\n"), w) {
			t.Errorf("no warning %q in:\n%s", w, strings.Join(warnings, "\n"))
		}
	}
	for _, n := range []string{"gopkg.in/foo.v3: Debian version 1.0.0-1 gives v1.0.0, but the path demands major v3; serving v3.0.0",
		"example.com/missing is required (by example.com/other@v1.10.0, example.com/parent@v1.2.0)"} {
		if !strings.Contains(strings.Join(notes, "\n"), n) {
			t.Errorf("no note %q in:\n%s", n, strings.Join(notes, "\n"))
		}
	}

	// Discover does not depend on map order: ten runs, one answer.
	for i := 0; i < 10; i++ {
		var notes2, warnings2 []string
		opts := Options{Src: src, DpkgDir: dpkg, Logf: collect(&notes2), Warnf: collect(&warnings2)}
		again, err := Discover(opts)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(again, mods) || !reflect.DeepEqual(notes2, notes) || !reflect.DeepEqual(warnings2, warnings) {
			t.Fatalf("run %d of Discover differs from the first", i+2)
		}
	}
}

func TestFixMajor(t *testing.T) {
	for _, c := range []struct {
		path, v string
		gomod   bool
		want    string
	}{
		{"example.com/m", "v1.2.3", true, "v1.2.3"},
		{"example.com/m", "v0.2.3", false, "v0.2.3"},
		{"example.com/m", "v2.2.3", false, "v2.2.3+incompatible"},
		{"example.com/m", "v2.2.3", true, "v1.9999.0"},
		{"example.com/m/v2", "v2.0.1", true, "v2.0.1"},
		{"example.com/m/v2", "v1.5.0", true, "v2.0.0"},
		{"example.com/m/v3", "v0.0.0-20200101000000-abcdefabcdef", true, "v3.0.0-20200101000000-abcdefabcdef"},
		{"gopkg.in/yaml.v3", "v3.0.1", true, "v3.0.1"},
		{"gopkg.in/yaml.v3", "v1.0.0", true, "v3.0.0"},
		{"gopkg.in/check.v1", "v0.0.0-20200101000000-abcdefabcdef", false, "v0.0.0-20200101000000-abcdefabcdef"},
		{"gopkg.in/check.v1", "v0.5.0", false, "v1.0.0"},
	} {
		m := &Module{Path: c.path, HasGoMod: c.gomod}
		if got := fixMajor(&Options{}, m, c.v); got != c.want {
			t.Errorf("fixMajor(%s, %s, go.mod=%v) = %s, want %s", c.path, c.v, c.gomod, got, c.want)
		}
	}
}

func TestParseGoMod(t *testing.T) {
	gf := parseGoMod([]byte(`// comment
module "example.com/m" // trailing

go 1.21

require example.com/a v1.0.0
require (
	example.com/b v1.2.0 // indirect
	"example.com/c" "v0.1.0"
)
replace example.com/d => ../d
exclude example.com/e v1.0.0
`))
	want := GoMod{Module: "example.com/m", Go: "1.21", Require: []Requirement{
		{"example.com/a", "v1.0.0"}, {"example.com/b", "v1.2.0"}, {"example.com/c", "v0.1.0"}}}
	if !reflect.DeepEqual(gf, want) {
		t.Errorf("parseGoMod = %+v, want %+v", gf, want)
	}
}

func readIndex(t *testing.T, out string) []Module {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(out, "index.json"))
	if err != nil {
		t.Fatal(err)
	}
	var index []Module
	if err := json.Unmarshal(data, &index); err != nil {
		t.Fatal(err)
	}
	return index
}

// snapshot reads every file of a directory tree.
func snapshot(t *testing.T, root string) map[string]string {
	t.Helper()
	out := map[string]string{}
	filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			t.Fatal(err)
		}
		if !d.IsDir() {
			data, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			rel, _ := filepath.Rel(root, p)
			out[filepath.ToSlash(rel)] = string(data)
		}
		return nil
	})
	return out
}

func TestBuild(t *testing.T) {
	src, dpkg := fakeDebian(t, testTree, testPkgs)
	out := filepath.Join(t.TempDir(), "proxy")
	opts := Options{Src: src, Out: out, DpkgDir: dpkg}
	mods, err := Discover(opts)
	if err != nil {
		t.Fatal(err)
	}
	res, err := Build(opts, mods)
	if err != nil {
		t.Fatal(err)
	}
	if res.Written != len(mods) || len(res.Served) != len(mods) {
		t.Fatalf("first build: %d written, %d served, want %d", res.Written, len(res.Served), len(mods))
	}
	files := snapshot(t, out)
	for name, want := range map[string]string{
		"github.com/old/lib/@v/list":                                    "v0.0.0-20200102000000-abcdef100000\n",
		"github.com/old/lib/@v/v0.0.0-20200102000000-abcdef100000.info": `{"Version":"v0.0.0-20200102000000-abcdef100000","Time":"2020-01-02T00:00:00Z"}` + "\n",
		"github.com/old/lib/@v/v0.0.0-20200102000000-abcdef100000.mod":  "module github.com/old/lib\n",
		"example.com/a/@v/v1.2.3.info":                                  `{"Version":"v1.2.3","Time":"2024-01-01T00:00:00Z"}` + "\n",
		"example.com/a/@v/v1.2.3.mod":                                   testTree["example.com/a/go.mod"],
		"github.com/x/y/v2/@v/v2.1.0.mod":                               testTree["github.com/x/y/go.mod"],
		"github.com/x/y/@v/v2.1.0+incompatible.mod":                     "module github.com/x/y\n",
		"example.com/missing/@v/v1.10.0.mod":                            "module example.com/missing\n",
	} {
		if files[name] != want {
			t.Errorf("%s = %q, want %q", name, files[name], want)
		}
	}
	pins := files["pins.txt"]
	if !strings.HasPrefix(pins, "example.com/a v1.2.3\nexample.com/dup v1.0.0\n") || strings.Count(pins, "\n") != len(mods) {
		t.Errorf("pins.txt:\n%s", pins)
	}
	index := readIndex(t, out)
	if len(index) != len(mods) || index[0].Path != "example.com/a" || index[0].DebianPackage != "golang-a-dev" ||
		index[0].DebianVersion != "1:1.2.3-1" || index[0].Dir != filepath.Join(src, "example.com/a") {
		t.Errorf("index.json: %+v", index)
	}
	// The legacy module's zip: no go.mod (synthesised), files under the prefix.
	zipEntries := readZip(t, []byte(files["github.com/old/lib/@v/v0.0.0-20200102000000-abcdef100000.zip"]))
	var names []string
	for n := range zipEntries {
		names = append(names, n)
	}
	sort.Strings(names)
	wantNames := []string{
		"github.com/old/lib@v0.0.0-20200102000000-abcdef100000/README",
		"github.com/old/lib@v0.0.0-20200102000000-abcdef100000/sub/more.go",
		"github.com/old/lib@v0.0.0-20200102000000-abcdef100000/sub/sub.go",
	}
	if !reflect.DeepEqual(names, wantNames) {
		t.Errorf("legacy zip entries %q, want %q", names, wantNames)
	}
	// The parent's zip leaves its sub-module out.
	for n := range readZip(t, []byte(files["example.com/parent/@v/v0.4.0.zip"])) {
		if strings.Contains(n, "/sub/") {
			t.Errorf("example.com/parent zip holds %s", n)
		}
	}

	// A second run writes nothing and changes nothing.
	res, err = Build(opts, mods)
	if err != nil {
		t.Fatal(err)
	}
	if res.Written != 0 {
		t.Errorf("second build wrote %d modules, want 0", res.Written)
	}
	if again := snapshot(t, out); !reflect.DeepEqual(again, files) {
		t.Errorf("second build changed the proxy")
	}

	// A build from scratch elsewhere gives byte-identical files (the Dir
	// fields of index.json aside, which are the same source tree here).
	out2 := filepath.Join(t.TempDir(), "proxy")
	opts2 := opts
	opts2.Out = out2
	opts2.Jobs = 1
	if _, err := Build(opts2, mods); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(snapshot(t, out2), files) {
		t.Errorf("two builds from scratch differ")
	}

	// A changed source file rewrites its module only. An interrupted
	// earlier write (a temporary file, no stamp) is cleaned up, and a
	// module whose zip went missing is rewritten.
	if err := os.WriteFile(filepath.Join(src, "example.com/a/a.go"), []byte("package a\n\nconst A = 2\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	tmp := filepath.Join(out, "example.com/a/@v/.tmp-v1.2.3.zip-12345")
	if err := os.WriteFile(tmp, []byte("truncat"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Remove(filepath.Join(out, "gopkg.in/foo.v3/@v/v3.0.0.zip")); err != nil {
		t.Fatal(err)
	}
	var notes []string
	opts.Logf = collect(&notes)
	res, err = Build(opts, mods)
	if err != nil {
		t.Fatal(err)
	}
	if res.Written != 2 {
		t.Errorf("after one change and one missing zip: %d modules written, want 2:\n%s", res.Written, strings.Join(notes, "\n"))
	}
	if _, err := os.Stat(tmp); err == nil {
		t.Errorf("temporary file of an interrupted build left behind")
	}
	if got := readZip(t, mustRead(t, filepath.Join(out, "example.com/a/@v/v1.2.3.zip")))["example.com/a@v1.2.3/a.go"]; got != "package a\n\nconst A = 2\n" {
		t.Errorf("a.go in the rewritten zip: %q", got)
	}

	// A new version replaces the old one's files.
	mods2 := append([]*Module(nil), mods...)
	for i, m := range mods2 {
		if m.Path == "example.com/a" {
			c := *m
			c.Version = "v1.2.4"
			mods2[i] = &c
		}
	}
	if _, err := Build(opts, mods2); err != nil {
		t.Fatal(err)
	}
	entries, _ := os.ReadDir(filepath.Join(out, "example.com/a/@v"))
	var left []string
	for _, e := range entries {
		left = append(left, e.Name())
	}
	if want := []string{"list", "v1.2.4.info", "v1.2.4.mod", "v1.2.4.stamp", "v1.2.4.zip"}; !reflect.DeepEqual(left, want) {
		t.Errorf("after a version change @v holds %q, want %q", left, want)
	}
}

func mustRead(t *testing.T, p string) []byte {
	t.Helper()
	data, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// TestGoCommandUsesProxy checks the proxy against the go command itself:
// it resolves modules from it, verifies the zips as it extracts them
// (golang.org/x/mod/zip's rules), and loads the packages.
func TestGoCommandUsesProxy(t *testing.T) {
	goCmd := goCommand(t)
	src, dpkg := fakeDebian(t, testTree, testPkgs)
	out := filepath.Join(t.TempDir(), "proxy")
	opts := Options{Src: src, Out: out, DpkgDir: dpkg}
	mods, err := Discover(opts)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Build(opts, mods); err != nil {
		t.Fatal(err)
	}
	var gomod strings.Builder
	gomod.WriteString("module example.com/main\n\ngo 1.21\n\nrequire (\n")
	for _, m := range []string{"example.com/a v1.2.3", "github.com/x/y/v2 v2.1.0", "github.com/x/y v2.1.0+incompatible",
		"github.com/old/lib v0.0.0-20200102000000-abcdef100000", "gopkg.in/foo.v3 v3.0.0", "example.com/legacy3 v3.1.4+incompatible"} {
		fmt.Fprintf(&gomod, "\t%s\n", m)
	}
	gomod.WriteString(")\n\n")
	for _, line := range strings.Split(strings.TrimSpace(string(mustRead(t, filepath.Join(out, "pins.txt")))), "\n") {
		f := strings.Fields(line)
		fmt.Fprintf(&gomod, "replace %s => %s %s\n", f[0], f[0], f[1])
	}
	dir := t.TempDir()
	writeTree(t, dir, map[string]string{
		"go.mod": gomod.String(),
		"main.go": `package main

import (
	_ "example.com/a"
	_ "example.com/legacy3"
	_ "github.com/old/lib/sub"
	_ "github.com/x/y"
	_ "github.com/x/y/v2"
	_ "gopkg.in/foo.v3"
)

func main() {}
`,
	})
	// The version printed is the one the replace pins select; a package
	// found only through a pin (example.com/parent/sub, imported by
	// example.com/a without a requirement) is required at the go command's
	// zero pseudo-version and replaced.
	cmd := exec.Command(goCmd, "list", "-e", "-deps", "-f", "{{.ImportPath}} {{with .Module}}{{.Path}}@{{if .Replace}}{{.Replace.Version}}{{else}}{{.Version}}{{end}}{{end}} {{with .Error}}ERROR {{.Err}}{{end}}", ".")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOPROXY=file://"+out, "GOSUMDB=off", "GOFLAGS=-mod=mod -modcacherw",
		"GOTOOLCHAIN=local", "GOWORK=off", "GOMODCACHE="+t.TempDir(), "GOCACHE="+t.TempDir())
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	listing, err := cmd.Output()
	if err != nil {
		t.Fatalf("go list: %v\n%s", err, stderr.String())
	}
	got := string(listing)
	for _, want := range []string{
		"example.com/a example.com/a@v1.2.3 \n",
		"example.com/parent/sub example.com/parent/sub@v0.4.0 \n",
		"github.com/old/lib/sub github.com/old/lib@v0.0.0-20200102000000-abcdef100000 \n",
		"github.com/x/y/v2 github.com/x/y/v2@v2.1.0 \n",
		"github.com/x/y github.com/x/y@v2.1.0+incompatible \n",
		"gopkg.in/foo.v3 gopkg.in/foo.v3@v3.0.0 \n",
		"example.com/legacy3 example.com/legacy3@v3.1.4+incompatible \n",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("go list output lacks %q:\n%s\n%s", want, got, stderr.String())
		}
	}
	if strings.Contains(got, "ERROR") {
		t.Errorf("go list reports errors:\n%s", got)
	}
}
