package modproxy

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"
)

func writeTree(t *testing.T, root string, files map[string]string) {
	t.Helper()
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

// zipTree is a module tree exercising every exclusion rule.
func zipTree(t *testing.T) string {
	root := t.TempDir()
	writeTree(t, root, map[string]string{
		"go.mod":                 "module example.com/m\n",
		"m.go":                   "package m\n",
		"sub/s.go":               "package sub\n",
		"sub/vendor/v/v.go":      "package v\n",
		"vendor/x/x.go":          "package x\n",
		"vendor/modules.txt":     "# vendored\n",
		"nested/go.mod":          "module example.com/m/nested\n",
		"nested/n.go":            "package nested\n",
		"excluded/e.go":          "package excluded\n",
		".git/config":            "[core]\n",
		".hg/store":              "",
		".svn/entries":           "",
		".bzr/x":                 "",
		".hg_archival.txt":       "repo: x\n",
		".github/workflow.yml":   "kept\n",
		"_example/ex.go":         "package main\n",
		"testdata/data.txt":      "kept",
		"file with space.txt":    "kept: the go command allows spaces",
		"bad*name.go":            "dropped",
		"aux.go":                 "dropped: reserved on Windows",
		"README.md":              "kept",
		"Readme.md":              "dropped: collides with README.md (listed first)",
		"target/real.txt":        "through a link",
		"unicodé/ok.go":          "package unicode\n",
		"trailingdot./x.go":      "dropped",
		"deep/a/b/c/d/e/f/g.txt": "deep",
	})
	if err := os.Symlink("target/real.txt", filepath.Join(root, "link.txt")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("target", filepath.Join(root, "linkdir")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("missing", filepath.Join(root, "dangling")); err != nil {
		t.Fatal(err)
	}
	return root
}

func TestModuleFiles(t *testing.T) {
	root := zipTree(t)
	var warnings []string
	files, err := ModuleFiles(root, []string{filepath.Join(root, "excluded")}, func(f string, args ...any) {
		warnings = append(warnings, fmt.Sprintf(f, args...))
	})
	if err != nil {
		t.Fatal(err)
	}
	var rels []string
	for _, f := range files {
		rels = append(rels, f.Rel)
	}
	want := []string{
		".github/workflow.yml",
		"README.md",
		"_example/ex.go",
		"deep/a/b/c/d/e/f/g.txt",
		"file with space.txt",
		"go.mod",
		"link.txt",
		"m.go",
		"sub/s.go",
		"target/real.txt",
		"testdata/data.txt",
		"unicodé/ok.go",
	}
	if !reflect.DeepEqual(rels, want) {
		t.Errorf("files:\n got %q\nwant %q", rels, want)
	}
	// Every file the go command would refuse is reported, the others not.
	joined := strings.Join(warnings, "\n")
	for _, w := range []string{"bad*name.go", "aux.go", "Readme.md", "linkdir", "dangling", "trailingdot."} {
		if !strings.Contains(joined, w) {
			t.Errorf("no warning about %s in:\n%s", w, joined)
		}
	}
	if len(warnings) != 6 {
		t.Errorf("%d warnings, want 6:\n%s", len(warnings), joined)
	}
	for _, f := range files {
		if f.Rel == "link.txt" && f.Size != int64(len("through a link")) {
			t.Errorf("link.txt: size %d, want the size of its target", f.Size)
		}
	}
}

func readZip(t *testing.T, data []byte) map[string]string {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	var names []string
	for _, f := range zr.File {
		names = append(names, f.Name)
		if !f.Modified.Equal(zipTime) {
			t.Errorf("%s: modified %v, want %v", f.Name, f.Modified, zipTime)
		}
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		out[f.Name] = string(b)
	}
	for i := 1; i < len(names); i++ {
		if names[i-1] >= names[i] {
			t.Errorf("zip entries not sorted: %q before %q", names[i-1], names[i])
		}
	}
	return out
}

func TestZipLayoutAndDeterminism(t *testing.T) {
	root := zipTree(t)
	files, err := ModuleFiles(root, []string{filepath.Join(root, "excluded")}, nil)
	if err != nil {
		t.Fatal(err)
	}
	m := &Module{Path: "example.com/M", Version: "v1.0.0-RC1", HasGoMod: true}
	var a, b bytes.Buffer
	if err := writeZip(&a, m, files); err != nil {
		t.Fatal(err)
	}
	// Another modification time on disk changes nothing in the zip.
	later := time.Date(2030, 5, 6, 7, 8, 9, 0, time.UTC)
	if err := os.Chtimes(filepath.Join(root, "m.go"), later, later); err != nil {
		t.Fatal(err)
	}
	files2, err := ModuleFiles(root, []string{filepath.Join(root, "excluded")}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := writeZip(&b, m, files2); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Fatalf("two zips of the same tree differ")
	}
	entries := readZip(t, a.Bytes())
	// The prefix is path@version, neither case-encoded.
	for name := range entries {
		if !strings.HasPrefix(name, "example.com/M@v1.0.0-RC1/") {
			t.Errorf("entry %q lacks the module@version/ prefix", name)
		}
	}
	if len(entries) != len(files) {
		t.Errorf("%d zip entries for %d files", len(entries), len(files))
	}
	if got := entries["example.com/M@v1.0.0-RC1/link.txt"]; got != "through a link" {
		t.Errorf("link.txt holds %q, want its target's contents", got)
	}
	if got := entries["example.com/M@v1.0.0-RC1/go.mod"]; got != "module example.com/m\n" {
		t.Errorf("go.mod holds %q", got)
	}

	// A module served with a synthesised go.mod has none in its zip.
	var c bytes.Buffer
	m.HasGoMod = false
	if err := writeZip(&c, m, files); err != nil {
		t.Fatal(err)
	}
	if _, ok := readZip(t, c.Bytes())["example.com/M@v1.0.0-RC1/go.mod"]; ok {
		t.Errorf("synthesised module's zip has the tree's go.mod")
	}
}

func TestSizeLimits(t *testing.T) {
	for _, c := range []struct {
		files []File
		err   string
	}{
		{[]File{{Rel: "go.mod", Size: 100}, {Rel: "a.go", Size: 1 << 20}}, ""},
		{[]File{{Rel: "go.mod", Size: maxGoMod + 1}}, "go.mod is larger"},
		{[]File{{Rel: "LICENSE", Size: maxLICENSE + 1}}, "LICENSE is larger"},
		{[]File{{Rel: "big.bin", Size: maxZipFile + 1}}, "big.bin is larger"},
		{[]File{{Rel: "a", Size: maxZipFile / 2}, {Rel: "b", Size: maxZipFile / 2}}, ""},
		{[]File{{Rel: "a", Size: maxZipFile / 2}, {Rel: "b", Size: maxZipFile/2 + 1}}, "larger than"},
	} {
		err := checkSizes(c.files)
		if c.err == "" && err != nil || c.err != "" && (err == nil || !strings.Contains(err.Error(), c.err)) {
			t.Errorf("checkSizes(%v) = %v, want %q", c.files, err, c.err)
		}
	}
}

func TestCheckFilePath(t *testing.T) {
	for p, ok := range map[string]bool{
		"a.go":              true,
		"dir/file name.txt": true,
		"x/_y/.z/~w+1.go":   true,
		"naïve.txt":         true,
		"":                  false,
		"/abs":              false,
		"a/../b":            false,
		"a//b":              false,
		"a/./b":             false,
		"a/b/":              false,
		"dot.":              false,
		"...":               false,
		"q?.go":             false,
		"quote'.go":         false,
		"back\\slash":       false,
		"col:on":            false,
		"NUL":               false,
		"com1.txt":          false,
		"lpt9/x":            false,
		"com10.txt":         true,
	} {
		if err := CheckFilePath(p); (err == nil) != ok {
			t.Errorf("CheckFilePath(%q) = %v, want ok=%v", p, err, ok)
		}
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
	// A write that fails half-way leaves the old file whole and no
	// temporary file behind.
	err := writeAtomic(p, func(f *os.File) error {
		f.Write([]byte("half of a fi"))
		return fmt.Errorf("interrupted")
	})
	if err == nil {
		t.Fatal("failed write reported success")
	}
	data, _ = os.ReadFile(p)
	entries, _ = os.ReadDir(dir)
	if string(data) != "two" || len(entries) != 1 {
		t.Fatalf("after a failed write: content %q, %d entries", data, len(entries))
	}
	if st, _ := os.Stat(p); st.Mode().Perm() != 0o644 {
		t.Errorf("mode %v, want 0644", st.Mode().Perm())
	}
	if err := WriteFileAtomic(filepath.Join(dir, "missing", "f"), nil); err == nil {
		t.Fatalf("writing into a missing directory succeeded")
	}
}
