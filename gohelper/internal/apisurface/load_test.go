package apisurface

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// lastEnv is the value the go command sees for key: the last one in env.
func lastEnv(env []string, key string) string {
	v := ""
	for _, kv := range env {
		if strings.HasPrefix(kv, key+"=") {
			v = strings.TrimPrefix(kv, key+"=")
		}
	}
	return v
}

func TestGoEnvSumDB(t *testing.T) {
	t.Setenv("GOSUMDB", "sum.golang.org")
	c := &Config{}
	if got := lastEnv(c.goEnv(), "GOSUMDB"); got != "off" {
		t.Errorf("default GOSUMDB = %q, want off (the corpus proxy has no checksum database)", got)
	}
	c.SumDB = "sum.example.test+1234abcd+AAAA http://127.0.0.1:1/sumdb"
	if got := lastEnv(c.goEnv(), "GOSUMDB"); got != c.SumDB {
		t.Errorf("GOSUMDB = %q, want %q", got, c.SumDB)
	}
}

func TestWriteMainModuleGoSum(t *testing.T) {
	dir := t.TempDir()
	work := filepath.Join(dir, "work")
	if err := os.MkdirAll(work, 0o755); err != nil {
		t.Fatal(err)
	}
	stale := filepath.Join(work, "go.sum")
	if err := os.WriteFile(stale, []byte("stale\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	c := &Config{Module: "example.com/top", Version: "v1.0.0", WorkDir: work}

	// No -gosum: a go.sum left from before is removed.
	if err := c.writeMainModule(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(stale); !os.IsNotExist(err) {
		t.Errorf("go.sum still there without -gosum: %v", err)
	}

	// -gosum: the main module starts from exactly those lines.
	lines := "example.com/dep v1.0.0 h1:827wPqMf+wDdqAWZVsMTllkWbqSsOZL/qG4bLijX2o8=\n"
	in := filepath.Join(dir, "go.sum.in")
	if err := os.WriteFile(in, []byte(lines), 0o644); err != nil {
		t.Fatal(err)
	}
	c.GoSum = in
	if err := c.writeMainModule(); err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(stale)
	if err != nil || string(got) != lines {
		t.Errorf("go.sum = %q, %v; want %q", got, err, lines)
	}

	// A -gosum file that cannot be read is an error, not an empty go.sum.
	c.GoSum = filepath.Join(dir, "missing")
	if err := c.writeMainModule(); err == nil || !strings.Contains(err.Error(), "reading go.sum lines") {
		t.Errorf("missing -gosum file: err = %v", err)
	}
}
