package modproxy

import (
	"archive/zip"
	"bytes"
	"os"
	"path/filepath"
	"sort"
	"testing"
)

func TestDebianToSemver(t *testing.T) {
	cases := []struct{ deb, want string }{
		{"1.6.0-1", "v1.6.0"},
		{"1.3.0-2~bpo12+1", "v1.3.0"},
		{"1:2.4.0-3", "v2.4.0"},
		{"1.8.1+ds-2", "v1.8.1"},
		{"0.5.0+dfsg1-1", "v0.5.0"},
		{"3.0.1-3", "v3.0.1"},
		{"1.2-1", "v1.2.0"},
		{"2-1", "v2.0.0"},
		{"1.14.16~ds1-1", "v1.14.16-ds1"},
		{"1.0.0~rc1-1", "v1.0.0-rc1"},
		{"0.0~git20230105.8ea5a2c-1", "v0.0.0-20230105000000-8ea5a2c00000"},
		{"1.0.6~git20210604-d5e0c0615ace-1", "v1.0.7-0.20210604000000-d5e0c0615ace"},
		{"1.0+really0.9.1-1", "v0.9.1"},
		{"01.02.03-1", "v1.2.3"},
	}
	for _, c := range cases {
		got, err := DebianToSemver(c.deb)
		if err != nil || got != c.want {
			t.Errorf("DebianToSemver(%q) = %q, %v; want %q", c.deb, got, err, c.want)
		}
	}
	if _, err := DebianToSemver("git-only"); err == nil {
		t.Errorf("DebianToSemver(git-only) succeeded")
	}
}

func TestPathMajorAndEscape(t *testing.T) {
	for path, want := range map[string]string{
		"github.com/cespare/xxhash/v2": "2",
		"github.com/labstack/echo/v4":  "4",
		"gopkg.in/yaml.v3":             "3",
		"github.com/google/uuid":       "",
		"example.com/v1":               "",
		"example.com/v02":              "",
	} {
		if got := PathMajor(path); got != want {
			t.Errorf("PathMajor(%q) = %q, want %q", path, got, want)
		}
	}
	if got := EscapePath("github.com/BurntSushi/toml"); got != "github.com/!burnt!sushi/toml" {
		t.Errorf("EscapePath = %q", got)
	}
	if !IsValidSemver("v1.2.3-rc.1+incompatible") || IsValidSemver("1.2.3") || IsValidSemver("v1.2") {
		t.Errorf("IsValidSemver misjudges")
	}
}

func writeTree(t *testing.T, root string, files map[string]string) {
	for name, data := range files {
		p := filepath.Join(root, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func TestZipLayoutAndDeterminism(t *testing.T) {
	root := t.TempDir()
	writeTree(t, root, map[string]string{
		"go.mod":              "module example.com/m\n",
		"m.go":                "package m\n",
		"sub/s.go":            "package sub\n",
		"vendor/x/x.go":       "package x\n",
		"nested/go.mod":       "module example.com/m/nested\n",
		"nested/n.go":         "package nested\n",
		".git/config":         "",
		"testdata/data.txt":   "kept",
		"bad name with space": "dropped",
	})
	files, err := ModuleFiles(root)
	if err != nil {
		t.Fatal(err)
	}
	var rels []string
	for _, f := range files {
		rels = append(rels, f.Rel)
	}
	want := []string{"go.mod", "m.go", "sub/s.go", "testdata/data.txt"}
	if len(rels) != len(want) {
		t.Fatalf("files = %v, want %v", rels, want)
	}
	for i := range want {
		if rels[i] != want[i] {
			t.Fatalf("files = %v, want %v", rels, want)
		}
	}
	m := &Module{Path: "example.com/m", Version: "v1.0.0", HasGoMod: true}
	var a, b bytes.Buffer
	if err := writeZip(&a, m, files); err != nil {
		t.Fatal(err)
	}
	if err := writeZip(&b, m, files); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Fatalf("two zips of the same tree differ")
	}
	zr, err := zip.NewReader(bytes.NewReader(a.Bytes()), int64(a.Len()))
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, f := range zr.File {
		names = append(names, f.Name)
	}
	sort.Strings(names)
	if names[0] != "example.com/m@v1.0.0/go.mod" || len(names) != 4 {
		t.Fatalf("zip entries = %v", names)
	}
}

func TestWriteFileAtomic(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "f")
	if err := WriteFileAtomic(p, []byte("one")); err != nil {
		t.Fatal(err)
	}
	if err := WriteFileAtomic(p, []byte("two")); err != nil {
		t.Fatal(err)
	}
	data, _ := os.ReadFile(p)
	entries, _ := os.ReadDir(dir)
	if string(data) != "two" || len(entries) != 1 {
		t.Fatalf("content %q, %d entries (temporary files left behind?)", data, len(entries))
	}
	if err := WriteFileAtomic(filepath.Join(dir, "missing", "f"), nil); err == nil {
		t.Fatalf("writing into a missing directory succeeded")
	}
}
