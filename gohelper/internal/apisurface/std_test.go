package apisurface

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
)

// TestStd ingests a standard-library package: module "std" at the Go
// version of the toolchain, exactly that package, positions below GOROOT/src,
// and the same bytes twice.
func TestStd(t *testing.T) {
	run := func() []byte {
		got, err := Run(&Config{Std: "encoding/base64", GOOS: "linux", GOARCH: "amd64"})
		if err != nil {
			t.Fatal(err)
		}
		return got
	}
	got := run()
	if again := run(); !bytes.Equal(got, again) {
		t.Fatal("two ingests of encoding/base64 differ")
	}
	var doc struct {
		Module struct {
			Path, Version, GoVersion, Toolchain string
		}
		Packages []struct {
			Path, Name string
			Decls      []struct {
				Kind, Name string
				Pos        struct{ File string }
			}
		}
		Externals []struct{ Pkg, Name string }
	}
	if err := json.Unmarshal(got, &doc); err != nil {
		t.Fatal(err)
	}
	if doc.Module.Path != "std" || !strings.HasPrefix(doc.Module.Version, "go1.") || doc.Module.GoVersion != "" {
		t.Errorf("module = %+v, want path std, version go1.N, no goVersion", doc.Module)
	}
	if len(doc.Packages) != 1 || doc.Packages[0].Path != "encoding/base64" || doc.Packages[0].Name != "base64" {
		t.Fatalf("packages = %+v, want encoding/base64 alone", doc.Packages)
	}
	found := false
	for _, d := range doc.Packages[0].Decls {
		if d.Kind == "func" && d.Name == "NewEncoding" {
			found = true
			if !strings.HasPrefix(d.Pos.File, "encoding/base64/") {
				t.Errorf("NewEncoding at %q, want a path below GOROOT/src", d.Pos.File)
			}
		}
	}
	if !found {
		t.Error("no func NewEncoding")
	}
	for _, e := range doc.Externals {
		if e.Pkg == "encoding/base64" {
			t.Errorf("external %s.%s belongs to the surface package", e.Pkg, e.Name)
		}
	}
}

func TestStdErrors(t *testing.T) {
	for path, want := range map[string]string{
		"github.com/x/y":               `first element "github.com" has a dot`,
		"internal/abi":                 "internal to the standard library",
		"crypto/internal/fips":         "internal to the standard library",
		"cmd/go":                       "not a standard-library package others may import",
		"vendor/golang.org/x/net/idna": "not a standard-library package others may import",
		"unsafe":                       "built into the compiler",
		"net//url":                     "not an import path",
		"":                             "not an import path",
	} {
		if err := CheckStdPath(path); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("CheckStdPath(%q) = %v, want an error with %q", path, err, want)
		}
	}
	for _, path := range []string{"strings", "net/url", "encoding/base64", "math/rand/v2"} {
		if err := CheckStdPath(path); err != nil {
			t.Errorf("CheckStdPath(%q) = %v", path, err)
		}
	}
	// A path that is no package of the standard library: go list says so.
	_, err := Run(&Config{Std: "no/such/pkg"})
	if err == nil || !strings.Contains(err.Error(), "is not in std") {
		t.Errorf("Run(-std no/such/pkg) = %v, want go list's \"is not in std\"", err)
	}
}
