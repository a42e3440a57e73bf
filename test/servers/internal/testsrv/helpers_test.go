package testsrv

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"golang.org/x/mod/sumdb"
	"golang.org/x/mod/sumdb/tlog"
)

// corpusDir returns $MOCHIGO_CORPUS_PROXY or skips the test.
func corpusDir(t *testing.T) string {
	t.Helper()
	dir := os.Getenv("MOCHIGO_CORPUS_PROXY")
	if dir == "" {
		t.Skip("MOCHIGO_CORPUS_PROXY is not set (the corpus proxy tree, e.g. build/corpus-proxy)")
	}
	return dir
}

var (
	corpusOnce  sync.Once
	corpusStore *Store
	corpusErr   error
	corpusTime  time.Duration
	evilOnce    sync.Once
	evilStore   *Store
	evilErr     error
)

// corpus returns the Store of the corpus proxy, loaded once.
func corpus(t *testing.T) *Store {
	t.Helper()
	dir := corpusDir(t)
	corpusOnce.Do(func() {
		start := time.Now()
		corpusStore, corpusErr = LoadProxy(dir)
		corpusTime = time.Since(start)
	})
	if corpusErr != nil {
		t.Fatal(corpusErr)
	}
	return corpusStore
}

// corpusEvil returns the corpus with the synthetic modules.
func corpusEvil(t *testing.T) *Store {
	t.Helper()
	s := corpus(t)
	evilOnce.Do(func() { evilStore, evilErr = s.WithEvil() })
	if evilErr != nil {
		t.Fatal(evilErr)
	}
	return evilStore
}

// goCmd returns the go command to test with ($MOCHIGO_GO, else go on PATH).
func goCmd(t *testing.T) string {
	t.Helper()
	if g := os.Getenv("MOCHIGO_GO"); g != "" {
		return g
	}
	g, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command: set MOCHIGO_GO")
	}
	return g
}

// syncBuffer is a goroutine-safe request log.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// testServer is a Server listening on 127.0.0.1.
type testServer struct {
	*Server
	URL string // http://127.0.0.1:PORT
	Log *syncBuffer
}

// start builds a Server of store with opts and serves it until the test ends.
// Records and ForkAt 0 mean "unset" (all records, no fork): tests never ask
// for a fork at 0 or an empty log.
func start(t *testing.T, store *Store, opts Options) *testServer {
	t.Helper()
	if opts.Records == 0 {
		opts.Records = -1
	}
	if opts.ForkAt == 0 {
		opts.ForkAt = -1
	}
	log := &syncBuffer{}
	opts.Log = log
	s, err := New(store, opts)
	if err != nil {
		t.Fatal(err)
	}
	hs := httptest.NewServer(s.Handler())
	t.Cleanup(hs.Close)
	if !strings.HasPrefix(hs.URL, "http://127.0.0.1:") {
		t.Fatalf("test server at %s, not on 127.0.0.1", hs.URL)
	}
	return &testServer{s, hs.URL, log}
}

// SumdbURL is the checksum database's URL.
func (s *testServer) SumdbURL() string { return s.URL + s.SumdbPath() }

// get fetches s.URL+path and returns the status and body.
func (s *testServer) get(t *testing.T, path string) (int, []byte) {
	t.Helper()
	resp, err := http.Get(s.URL + path)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatalf("GET %s: %v", path, err)
	}
	return resp.StatusCode, body
}

// record returns the record text of path@vers in s's log.
func (s *testServer) record(t *testing.T, path, vers string) Record {
	t.Helper()
	for _, r := range s.Records() {
		if r.Path == path && r.Version == vers {
			return r
		}
	}
	t.Fatalf("%s@%s is not in the log", path, vers)
	return Record{}
}

// goEnv returns the environment of a go command using s: a fresh GOPATH (so
// a fresh module cache and sumdb cache) unless gopath is given, GOSUMDB as
// "key url" or, if keyOnly, as just the key.
func (s *testServer) goEnv(t *testing.T, gopath string, keyOnly bool) []string {
	t.Helper()
	if gopath == "" {
		gopath = t.TempDir()
	}
	var env []string
	for _, kv := range os.Environ() {
		k, _, _ := strings.Cut(kv, "=")
		if strings.HasPrefix(k, "GO") && k != "GOCACHE" && k != "GOROOT" || strings.HasSuffix(strings.ToUpper(k), "_PROXY") {
			continue
		}
		env = append(env, kv)
	}
	env = append(env, s.Env(s.URL)...)
	if keyOnly {
		env = append(env, "GOSUMDB="+s.VerifierKey())
	}
	return append(env,
		"GOPATH="+gopath,
		"GOMODCACHE="+filepath.Join(gopath, "pkg", "mod"),
		"GOFLAGS=-modcacherw",
		"GOTOOLCHAIN=local",
		"GOENV=off",
		"GOWORK=off",
		// Anything but 127.0.0.1 goes to a closed port: nothing leaves the machine.
		"HTTPS_PROXY=http://127.0.0.1:1",
		"HTTP_PROXY=http://127.0.0.1:1",
		"NO_PROXY=",
	)
}

// ModuleJSON is what go mod download -json prints per module.
type ModuleJSON struct {
	Path, Version, Error, Info, GoMod, Zip, Dir, Sum, GoModSum string
}

// goDownload runs go mod download -json mods... with env in a temporary
// directory and returns the modules printed, its stderr and its error.
func goDownload(t *testing.T, env []string, mods ...string) ([]ModuleJSON, string, error) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, goCmd(t), append([]string{"mod", "download", "-json"}, mods...)...)
	cmd.Dir = t.TempDir()
	cmd.Env = env
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	var out []ModuleJSON
	dec := json.NewDecoder(&stdout)
	for {
		var m ModuleJSON
		if derr := dec.Decode(&m); derr == io.EOF {
			break
		} else if derr != nil {
			t.Fatalf("go mod download -json: %v\n%s", derr, stdout.String())
		}
		out = append(out, m)
	}
	return out, stderr.String(), err
}

// mustFail runs go mod download mod and checks that it fails with an error
// containing every string of want; it returns the error text.
func mustFail(t *testing.T, env []string, mod string, want ...string) string {
	t.Helper()
	mods, stderr, err := goDownload(t, env, mod)
	if err == nil {
		t.Fatalf("go mod download %s succeeded, want an error", mod)
	}
	text := stderr
	for _, m := range mods {
		if m.Error != "" {
			text += m.Error + "\n"
		}
	}
	for _, w := range want {
		if !strings.Contains(text, w) {
			t.Errorf("go mod download %s: error does not contain %q:\n%s", mod, w, text)
		}
	}
	t.Logf("go mod download %s refused it:\n%s", mod, text)
	return text
}

// clientOps implements sumdb.ClientOps against a server URL, with the
// configuration and the cache in memory (shared between clients, as the go
// command shares GOPATH/pkg/sumdb).
type clientOps struct {
	t     *testing.T
	url   string // the checksum database's URL
	key   string
	mu    sync.Mutex
	conf  map[string][]byte
	cache map[string][]byte
	sec   []string
}

func newClientOps(t *testing.T, url, key string) *clientOps {
	return &clientOps{t: t, url: url, key: key, conf: map[string][]byte{}, cache: map[string][]byte{}}
}

func (c *clientOps) ReadRemote(path string) ([]byte, error) {
	resp, err := http.Get(c.url + path)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	if err != nil {
		return nil, err
	}
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("GET %s: %s", path, resp.Status)
	}
	return data, nil
}

func (c *clientOps) ReadConfig(file string) ([]byte, error) {
	if file == "key" {
		return []byte(c.key), nil
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.conf[file], nil
}

func (c *clientOps) WriteConfig(file string, old, new []byte) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if !bytes.Equal(c.conf[file], old) {
		return sumdb.ErrWriteConflict
	}
	c.conf[file] = new
	return nil
}

func (c *clientOps) ReadCache(file string) ([]byte, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if data, ok := c.cache[file]; ok {
		return data, nil
	}
	return nil, os.ErrNotExist
}

func (c *clientOps) WriteCache(file string, data []byte) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.cache[file] = data
}

func (c *clientOps) Log(msg string) { c.t.Log(msg) }
func (c *clientOps) SecurityError(msg string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.sec = append(c.sec, msg)
}

// tileReader reads tiles over HTTP from a checksum database URL.
type tileReader struct{ url string }

func (r tileReader) Height() int { return TileHeight }

func (r tileReader) ReadTiles(tiles []tlog.Tile) ([][]byte, error) {
	out := make([][]byte, len(tiles))
	for i, t := range tiles {
		resp, err := http.Get(r.url + "/" + t.Path())
		if err != nil {
			return nil, err
		}
		data, err := io.ReadAll(resp.Body)
		resp.Body.Close()
		if err != nil {
			return nil, err
		}
		if resp.StatusCode != http.StatusOK {
			return nil, fmt.Errorf("GET %s: %s", t.Path(), resp.Status)
		}
		out[i] = data
	}
	return out, nil
}

func (r tileReader) SaveTiles(tiles []tlog.Tile, data [][]byte) {}
