package apisurface

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files")

const fixtures = "../../../test/ingest-fixtures"

// TestGolden ingests each fixture module and compares the JSON with its
// golden file byte for byte; the second run must give the same bytes.
func TestGolden(t *testing.T) {
	entries, err := os.ReadDir(fixtures)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, e := range entries {
		if !e.IsDir() {
			continue
		}
		n++
		t.Run(e.Name(), func(t *testing.T) {
			dir := filepath.Join(fixtures, e.Name())
			cfg := &Config{Dir: dir, Version: "v1.0.0", GOOS: "linux", GOARCH: "amd64"}
			got, err := Run(cfg)
			if err != nil {
				t.Fatal(err)
			}
			again, err := Run(&Config{Dir: dir, Version: "v1.0.0", GOOS: "linux", GOARCH: "amd64"})
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, again) {
				t.Fatalf("two ingests of %s differ", e.Name())
			}
			golden := filepath.Join(fixtures, e.Name()+".golden.json")
			if *update {
				if err := os.WriteFile(golden, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test -update to create it)", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("ingest of %s differs from %s (go test -update rewrites it after review)", e.Name(), golden)
			}
		})
	}
	if n == 0 {
		t.Fatal("no fixtures found")
	}
}

func TestConstValue(t *testing.T) {
	cases := map[string][2]string{}
	_ = cases
	for _, c := range []struct{ src, val, kind string }{
		{"1 << 70", "1180591620717411303424", "int"},
		{`"a\"b"`, `"a\"b"`, "string"},
		{"1.0 / 4", "1/4", "float"},
		{"true", "true", "bool"},
		{"3i", "(0 + 3i)", "complex"},
	} {
		v := evalConst(t, c.src)
		val, kind := constValue(v)
		if val != c.val || kind != c.kind {
			t.Errorf("constValue(%s) = %s, %s; want %s, %s", c.src, val, kind, c.val, c.kind)
		}
	}
}

func TestMarshalOrderAndOmission(t *testing.T) {
	o := Obj("b", 1).Set("a", "x").SetOpt("empty", "").SetOpt("no", false).
		SetOpt("none", []any(nil)).Set("list", []any{true, Obj("k", "<&>")})
	want := "{\n  \"b\": 1,\n  \"a\": \"x\",\n  \"list\": [\n    true,\n    {\n      \"k\": \"<&>\"\n    }\n  ]\n}\n"
	if got := string(Marshal(o)); got != want {
		t.Errorf("Marshal = %q, want %q", got, want)
	}
}
