package testsrv

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"golang.org/x/mod/module"
	"golang.org/x/mod/semver"
	"golang.org/x/mod/sumdb"
	"golang.org/x/mod/sumdb/dirhash"
	"golang.org/x/mod/sumdb/note"
	"golang.org/x/mod/sumdb/tlog"
)

// Corpus modules downloaded through the servers (versions from the corpus).
var corpusModules = []string{
	"github.com/google/uuid",
	"github.com/pkg/errors",
	"gopkg.in/yaml.v3",
	"github.com/spf13/pflag",
	"github.com/cespare/xxhash/v2",
	"go.uber.org/zap",
	"github.com/BurntSushi/toml", // case-encoded in URLs
}

// only returns the one version the store serves for path.
func only(t *testing.T, s *Store, path string) string {
	t.Helper()
	m := s.Modules[path]
	if m == nil || len(m.Versions) != 1 {
		t.Fatalf("the corpus does not serve exactly one version of %s", path)
	}
	for v := range m.Versions {
		return v
	}
	return ""
}

// sums returns the h1: hashes of a record text: the zip's and the go.mod's.
func sums(t *testing.T, r Record) (zipSum, modSum string) {
	t.Helper()
	lines := strings.Split(strings.TrimSuffix(string(r.Text), "\n"), "\n")
	if len(lines) != 2 {
		t.Fatalf("record %q: want 2 lines", r.Text)
	}
	f0, f1 := strings.Fields(lines[0]), strings.Fields(lines[1])
	if len(f0) != 3 || len(f1) != 3 || f0[0] != r.Path || f0[1] != r.Version || f1[0] != r.Path || f1[1] != r.Version+"/go.mod" {
		t.Fatalf("malformed record %q", r.Text)
	}
	return f0[2], f1[2]
}

func TestStartupTime(t *testing.T) {
	s := corpus(t)
	t.Logf("loaded and hashed %d modules of %s in %v", len(s.Modules), s.Dir, corpusTime)
	if corpusTime > 10*time.Second {
		t.Errorf("loading the corpus took %v", corpusTime)
	}
}

func TestKeys(t *testing.T) {
	skey, vkey, err := Keys(DefaultName, DefaultKeySeed)
	if err != nil {
		t.Fatal(err)
	}
	skey2, vkey2, _ := Keys(DefaultName, DefaultKeySeed)
	if skey != skey2 || vkey != vkey2 {
		t.Fatal("keys differ for the same seed")
	}
	_, wkey, _ := Keys(DefaultName, DefaultKeySeed+"/wrong")
	if wkey == vkey || !strings.HasPrefix(wkey, DefaultName+"+") {
		t.Fatalf("wrong key %s vs %s", wkey, vkey)
	}
	signer, err := note.NewSigner(skey)
	if err != nil {
		t.Fatal(err)
	}
	msg, err := note.Sign(&note.Note{Text: "hello\n"}, signer)
	if err != nil {
		t.Fatal(err)
	}
	v, err := note.NewVerifier(vkey)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := note.Open(msg, note.VerifierList(v)); err != nil {
		t.Fatal(err)
	}
}

func TestFaultParsing(t *testing.T) {
	var f Faults
	for _, s := range []string{
		"note-tamper", "note-wrong-key", "lookup-other-module", "lookup-other-version", "no-sumdb-proxy",
		"tile-corrupt=3", "zip-tamper=github.com/google/uuid@v1.3.0", "mod-tamper=example.com/a@v1.0.0",
		"status=503:/github.com/google/uuid/@v/:2", "status=404:/", "status=410:/sumdb/",
		"delay=250:/x", "truncate=/github.com/",
	} {
		if err := f.Add(s); err != nil {
			t.Errorf("Add(%q): %v", s, err)
		}
	}
	if !f.NoteTamper || !f.NoteWrongKey || !f.LookupOtherModule || !f.LookupOtherVersion || !f.NoSumdbProxy {
		t.Error("flags not set")
	}
	if len(f.Status) != 3 || *f.Status[0] != (StatusRule{503, "/github.com/google/uuid/@v/", 2}) ||
		*f.Status[1] != (StatusRule{404, "/", 0}) || *f.Status[2] != (StatusRule{410, "/sumdb/", 0}) {
		t.Errorf("status rules: %+v %+v %+v", f.Status[0], f.Status[1], f.Status[2])
	}
	if f.Delay[0] != (DelayRule{250 * time.Millisecond, "/x"}) || f.Truncate[0] != "/github.com/" || f.TileCorrupt[0] != 3 {
		t.Errorf("parsed %+v", f)
	}
	for _, s := range []string{
		"", "bogus", "note-tamper=1", "tile-corrupt", "tile-corrupt=x", "tile-corrupt=-1",
		"zip-tamper=nope", "zip-tamper=example.com/a@latest", "status=abc:/", "status=99:/", "status=503",
		"status=503:nope", "status=503:/x:0", "delay=x:/", "delay=10", "truncate=", "truncate=x",
	} {
		if err := new(Faults).Add(s); err == nil {
			t.Errorf("Add(%q) succeeded, want an error", s)
		}
	}
}

func TestCheckLoopback(t *testing.T) {
	for _, a := range []string{"127.0.0.1:0", "127.0.0.1:8080", "[::1]:0", "127.1.2.3:0"} {
		if err := CheckLoopback(a); err != nil {
			t.Errorf("CheckLoopback(%q): %v", a, err)
		}
	}
	for _, a := range []string{"0.0.0.0:0", ":0", "localhost:0", "10.0.0.1:0", "[::]:0", "192.168.1.1:80", "127.0.0.1", "example.com:80"} {
		if err := CheckLoopback(a); err == nil {
			t.Errorf("CheckLoopback(%q) succeeded", a)
		}
	}
}

// TestEvilZips checks the synthetic zips themselves (no corpus needed).
func TestEvilZips(t *testing.T) {
	s, err := (&Store{Modules: map[string]*Module{}}).WithEvil()
	if err != nil {
		t.Fatal(err)
	}
	if len(s.LogVersions()) != len(EvilModules) {
		t.Fatalf("%d versions in the log, want %d", len(s.LogVersions()), len(EvilModules))
	}
	for _, e := range EvilModules {
		v := s.Lookup(e.Path, EvilVersion)
		if len(v.ZipData) > 100<<10 {
			t.Errorf("%s: zip of %d bytes", e.Path, len(v.ZipData))
		}
		z, err := zip.NewReader(bytes.NewReader(v.ZipData), int64(len(v.ZipData)))
		if err != nil {
			t.Fatalf("%s: %v", e.Path, err)
		}
		prefix := e.Path + "@" + EvilVersion + "/"
		entries := map[string]*zip.File{}
		for _, f := range z.File {
			entries[strings.TrimPrefix(f.Name, prefix)] = f
		}
		if f := entries["go.mod"]; f == nil || string(v.Mod) != "module "+e.Path+"\n" {
			t.Errorf("%s: go.mod missing or wrong", e.Path)
		}
		// The hash in the log is dirhash's over the real content of the entries.
		switch e.Path {
		case "example.com/evil/good", "example.com/evil/dotdot", "example.com/evil/abspath", "example.com/evil/case", "example.com/evil/biglicense":
			file := filepath.Join(t.TempDir(), "m.zip")
			if err := os.WriteFile(file, v.ZipData, 0o666); err != nil {
				t.Fatal(err)
			}
			h, err := dirhash.HashZip(file, dirhash.Hash1)
			if err != nil || h != v.ZipHash {
				t.Errorf("%s: dirhash.HashZip = %s, %v; log has %s", e.Path, h, err, v.ZipHash)
			}
		}
		check := func(name string, declared, real uint64) {
			t.Helper()
			f := entries[name]
			if f == nil {
				t.Errorf("%s: no entry %s", e.Path, name)
				return
			}
			if f.UncompressedSize64 != declared {
				t.Errorf("%s: %s declares %d bytes, want %d", e.Path, name, f.UncompressedSize64, declared)
			}
			r, _ := f.OpenRaw()
			n, err := io.Copy(io.Discard, flate.NewReader(r))
			if err != nil || uint64(n) != real {
				t.Errorf("%s: %s inflates to %d bytes (%v), want %d", e.Path, name, n, err, real)
			}
		}
		switch e.Path {
		case "example.com/evil/good":
			if entries["a.go"] == nil || entries["sub/b.go"] == nil || len(entries) != 3 {
				t.Errorf("good: entries %v", entries)
			}
		case "example.com/evil/dotdot":
			if entries["../escape.txt"] == nil {
				t.Error("dotdot: no ../escape.txt")
			}
		case "example.com/evil/abspath":
			if entries["/abs.txt"] == nil {
				t.Error("abspath: no //abs.txt")
			}
			found := false
			for _, f := range z.File {
				found = found || f.Name == "/tmp/mochi-go-evil-abspath.txt"
			}
			if !found {
				t.Error("abspath: no /tmp/mochi-go-evil-abspath.txt")
			}
		case "example.com/evil/case":
			if entries["README.md"] == nil || entries["readme.md"] == nil {
				t.Error("case: entries missing")
			}
		case "example.com/evil/biglicense":
			check("LICENSE", 17<<20, 17<<20)
		case "example.com/evil/bomb":
			check("bomb.txt", 100, 1<<20)
		case "example.com/evil/huge":
			check("huge.txt", 600<<20, 5)
		}
	}
}

// TestHashZipData checks the in-memory zip hash against dirhash.HashZip on
// real zips of the corpus.
func TestHashZipData(t *testing.T) {
	s := corpus(t)
	n := 0
	for _, v := range s.LogVersions() {
		if v.ZipFile == "" || n >= 10 {
			continue
		}
		if fi, err := os.Stat(v.ZipFile); err != nil || fi.Size() > 1<<20 {
			continue
		}
		n++
		data, err := v.ReadZip()
		if err != nil {
			t.Fatal(err)
		}
		h, err := hashZipData(data)
		if err != nil || h != v.ZipHash {
			t.Errorf("%s@%s: hashZipData = %s, %v; dirhash.HashZip = %s", v.Path, v.Version, h, err, v.ZipHash)
		}
	}
}

func TestLog(t *testing.T) {
	st := corpus(t)
	s := start(t, st, Options{})
	recs := s.Records()
	if int64(len(recs)) != s.Tree().N || len(recs) != len(st.LogVersions()) || len(recs) < 100 {
		t.Fatalf("%d records, tree of %d, %d versions", len(recs), s.Tree().N, len(st.LogVersions()))
	}
	for i, r := range recs {
		if i > 0 {
			p := recs[i-1]
			if p.Path > r.Path || p.Path == r.Path && semver.Compare(p.Version, r.Version) >= 0 {
				t.Errorf("records %d and %d out of order: %s@%s, %s@%s", i-1, i, p.Path, p.Version, r.Path, r.Version)
			}
		}
		v := st.Lookup(r.Path, r.Version)
		zs, ms := sums(t, r)
		if zs != v.ZipHash || ms != v.ModHash {
			t.Errorf("record %d: %q", i, r.Text)
		}
		if h, _ := ModHash(v.Mod); h != ms {
			t.Errorf("%s: go.mod hash", r.Path)
		}
	}
	// The tree hash and the signed note.
	hashes := make([]tlog.Hash, 0)
	for i, r := range recs {
		hs, err := tlog.StoredHashes(int64(i), r.Text, tlog.HashReaderFunc(func(ix []int64) ([]tlog.Hash, error) {
			out := make([]tlog.Hash, len(ix))
			for j, x := range ix {
				out[j] = hashes[x]
			}
			return out, nil
		}))
		if err != nil {
			t.Fatal(err)
		}
		hashes = append(hashes, hs...)
	}
	th, _ := tlog.TreeHash(int64(len(recs)), tlog.HashReaderFunc(func(ix []int64) ([]tlog.Hash, error) {
		out := make([]tlog.Hash, len(ix))
		for j, x := range ix {
			out[j] = hashes[x]
		}
		return out, nil
	}))
	_, latest := s.get(t, s.SumdbPath()+"/latest")
	v, _ := note.NewVerifier(s.VerifierKey())
	n, err := note.Open(latest, note.VerifierList(v))
	if err != nil {
		t.Fatal(err)
	}
	tree, err := tlog.ParseTree([]byte(n.Text))
	if err != nil || tree.N != int64(len(recs)) || tree.Hash != th {
		t.Fatalf("tree %+v, %v; want %d %v", tree, err, len(recs), th)
	}
	// The environment.
	env := strings.Join(s.Env(s.URL), "\n") + "\n"
	for _, want := range []string{
		"GOPROXY=" + s.URL + "\n",
		"GOSUMDB=" + s.VerifierKey() + " " + s.URL + "/sumdb/" + DefaultName + "\n",
		"GONOSUMDB=\n", "GONOPROXY=\n", "GOPRIVATE=\n",
		"MOCHIGO_TEST_URL=" + s.URL + "\n",
		"MOCHIGO_TEST_SUMDB_NAME=" + DefaultName + "\n",
		"MOCHIGO_TEST_SUMDB_KEY=" + s.VerifierKey() + "\n",
		"MOCHIGO_TEST_SUMDB_URL=" + s.URL + "/sumdb/" + DefaultName + "\n",
		fmt.Sprintf("MOCHIGO_TEST_TREE_SIZE=%d\n", len(recs)),
	} {
		if !strings.Contains(env, want) {
			t.Errorf("environment lacks %q:\n%s", want, env)
		}
	}
	// Same seed, same key; another seed or name, another key.
	s2, _ := New(st, Options{Records: -1, ForkAt: -1})
	s3, _ := New(st, Options{Records: -1, ForkAt: -1, KeySeed: "other"})
	s4, _ := New(st, Options{Records: -1, ForkAt: -1, Name: "sum.other.test"})
	if s2.VerifierKey() != s.VerifierKey() || s3.VerifierKey() == s.VerifierKey() || !strings.HasPrefix(s4.VerifierKey(), "sum.other.test+") {
		t.Errorf("keys: %s %s %s %s", s.VerifierKey(), s2.VerifierKey(), s3.VerifierKey(), s4.VerifierKey())
	}
}

var logLine = regexp.MustCompile(`^(GET|HEAD|POST) /\S* [0-9]{3} [0-9]+$`)

func TestProxyProtocol(t *testing.T) {
	dir := t.TempDir()
	for _, m := range []struct{ path, vers string }{
		{"example.com/multi", "v1.0.0"},
		{"example.com/multi", "v1.1.0"},
		{"example.com/multi", "v1.2.0-pre"},
		{"example.com/multi", "v0.0.0-20240101000000-abcdefabcdef"},
		{"example.com/Upper", "v1.0.0-RC1"},
	} {
		if err := WriteModule(dir, m.path, m.vers, map[string]string{"go.mod": "module " + m.path + "\n", "a.go": "package a\n"}); err != nil {
			t.Fatal(err)
		}
	}
	// A version with only a .mod is served but not logged; junk is ignored.
	os.WriteFile(filepath.Join(dir, "example.com/multi/@v/v1.3.0.mod"), []byte("module example.com/multi\n"), 0o666)
	os.WriteFile(filepath.Join(dir, "example.com/multi/@v/junk.zip"), []byte("junk"), 0o666)
	os.MkdirAll(filepath.Join(dir, "Bad/@v"), 0o777)
	st, err := LoadProxy(dir)
	if err != nil {
		t.Fatal(err)
	}
	s := start(t, st, Options{})
	var got []string
	for _, r := range s.Records() {
		got = append(got, r.Path+"@"+r.Version)
	}
	want := "example.com/Upper@v1.0.0-RC1 example.com/multi@v0.0.0-20240101000000-abcdefabcdef example.com/multi@v1.0.0 example.com/multi@v1.1.0 example.com/multi@v1.2.0-pre"
	if strings.Join(got, " ") != want {
		t.Fatalf("log:\n%s\nwant\n%s", strings.Join(got, " "), want)
	}
	for _, c := range []struct {
		path   string
		status int
		body   string
	}{
		{"/example.com/multi/@v/list", 200, "v1.0.0\nv1.1.0\nv1.2.0-pre\nv0.0.0-20240101000000-abcdefabcdef\n"},
		{"/example.com/multi/@v/v1.1.0.info", 200, `{"Version":"v1.1.0","Time":"2024-01-01T00:00:00Z"}` + "\n"},
		{"/example.com/multi/@v/v1.1.0.mod", 200, "module example.com/multi\n"},
		{"/example.com/multi/@v/v1.3.0.mod", 200, "module example.com/multi\n"},
		{"/example.com/multi/@v/v1.3.0.zip", 404, ""},
		{"/example.com/multi/@v/v1.3.0.info", 404, ""},
		{"/example.com/multi/@latest", 200, `{"Version":"v1.3.0"}` + "\n"},
		{"/example.com/!upper/@v/v1.0.0-!r!c1.info", 200, `{"Version":"v1.0.0-RC1","Time":"2024-01-01T00:00:00Z"}` + "\n"},
		{"/example.com/!upper/@latest", 200, `{"Version":"v1.0.0-RC1","Time":"2024-01-01T00:00:00Z"}` + "\n"},
		{"/example.com/Upper/@v/list", 404, ""},             // does not unescape
		{"/example.com/!upper/@v/v1.0.0-RC1.info", 404, ""}, // does not unescape
		{"/example.com/multi/@v/v9.9.9.info", 404, ""},
		{"/example.com/none/@v/list", 404, ""},
		{"/example.com/multi/@v/junk.zip", 404, ""},
		{"/example.com/multi", 404, ""},
		{"/", 404, ""},
		{"/sumdb/" + DefaultName + "/supported", 200, ""},
		{"/sumdb/sum.golang.org/supported", 404, ""},
		{"/sumdb/sum.golang.org/latest", 404, ""},
		{"/sumdb/" + DefaultName + "/tile/4/0/000.p/5", 404, ""},
		{"/sumdb/" + DefaultName + "/tile/8/0/000", 404, ""}, // beyond the tree
		{"/sumdb/" + DefaultName + "/tile/8/0/001.p/1", 404, ""},
		{"/sumdb/" + DefaultName + "/lookup/example.com/multi@v1.3.0", 404, ""},
		{"/sumdb/" + DefaultName + "/lookup/example.com/none@v1.0.0", 404, ""},
	} {
		status, body := s.get(t, c.path)
		if status != c.status || c.status == 200 && string(body) != c.body {
			t.Errorf("GET %s: %d %q, want %d %q", c.path, status, body, c.status, c.body)
		}
	}
	// The zip is served as is.
	_, zipData := s.get(t, "/example.com/multi/@v/v1.0.0.zip")
	if disk, _ := os.ReadFile(filepath.Join(dir, "example.com/multi/@v/v1.0.0.zip")); !bytes.Equal(zipData, disk) {
		t.Error("zip differs from the file")
	}
	// Tiles: the level-0 tile holds the record hashes; the data tile the records.
	_, tile := s.get(t, fmt.Sprintf("/sumdb/%s/tile/8/0/000.p/5", DefaultName))
	for i, r := range s.Records() {
		if h := tlog.RecordHash(r.Text); !bytes.Equal(tile[i*32:i*32+32], h[:]) {
			t.Errorf("tile: hash %d", i)
		}
	}
	_, data := s.get(t, fmt.Sprintf("/sumdb/%s/tile/8/data/000.p/5", DefaultName))
	for i, r := range s.Records() {
		id, text, rest, err := tlog.ParseRecord(data)
		if err != nil || id != int64(i) || !bytes.Equal(text, r.Text) {
			t.Fatalf("data tile record %d: %d %q %v", i, id, text, err)
		}
		data = rest
	}
	// HEAD, other methods.
	resp, err := http.Head(s.URL + "/example.com/multi/@v/v1.0.0.zip")
	if err != nil || resp.StatusCode != 200 || resp.ContentLength != int64(len(zipData)) {
		t.Errorf("HEAD: %v %v", resp, err)
	}
	resp, err = http.Post(s.URL+"/example.com/multi/@v/list", "text/plain", nil)
	if err != nil || resp.StatusCode != http.StatusMethodNotAllowed {
		t.Errorf("POST: %v %v", resp, err)
	}
	// Every request was logged.
	lines := strings.Split(strings.TrimSuffix(s.Log.String(), "\n"), "\n")
	for _, l := range lines {
		if !logLine.MatchString(l) {
			t.Errorf("log line %q", l)
		}
	}
	if !strings.Contains(s.Log.String(), "GET /example.com/multi/@v/v1.0.0.zip 200 "+strconv.Itoa(len(zipData))+"\n") ||
		!strings.Contains(s.Log.String(), "GET /example.com/Upper/@v/list 404 ") ||
		!strings.Contains(s.Log.String(), "HEAD /example.com/multi/@v/v1.0.0.zip 200 0\n") {
		t.Errorf("log:\n%s", s.Log)
	}
}

func TestGoModDownload(t *testing.T) {
	st := corpus(t)
	for _, keyOnly := range []bool{false, true} {
		name := "key url"
		if keyOnly {
			name = "key only"
		}
		t.Run(name, func(t *testing.T) {
			s := start(t, st, Options{})
			var mods []string
			for _, p := range corpusModules {
				mods = append(mods, p+"@"+only(t, st, p))
			}
			out, stderr, err := goDownload(t, s.goEnv(t, "", keyOnly), mods...)
			if err != nil {
				t.Fatalf("go mod download: %v\n%s", err, stderr)
			}
			if len(out) != len(mods) {
				t.Fatalf("%d modules printed, want %d", len(out), len(mods))
			}
			for _, m := range out {
				zs, ms := sums(t, s.record(t, m.Path, m.Version))
				if m.Error != "" || m.Sum != zs || m.GoModSum != ms {
					t.Errorf("%s@%s: Sum %s GoModSum %s Error %q; log has %s %s", m.Path, m.Version, m.Sum, m.GoModSum, m.Error, zs, ms)
				}
			}
			log := s.Log.String()
			supported := strings.Contains(log, "GET /sumdb/"+DefaultName+"/supported 200")
			if supported != keyOnly {
				t.Errorf("GOSUMDB %s: asked the proxy for /sumdb/%s/supported: %v\n%s", name, DefaultName, supported, log)
			}
			if !strings.Contains(log, "GET /sumdb/"+DefaultName+"/lookup/github.com/!burnt!sushi/toml@") {
				t.Errorf("no lookup through the checksum database:\n%s", log)
			}
		})
	}
}

// TestSumdbClient checks the checksum database with x/mod's client.
func TestSumdbClient(t *testing.T) {
	st := corpus(t)
	s := start(t, st, Options{})
	c := sumdb.NewClient(newClientOps(t, s.SumdbURL(), s.VerifierKey()))
	recs := s.Records()
	for _, i := range []int{0, 1, len(recs) / 2, len(recs) - 1} {
		r := recs[i]
		checkLookup(t, c, r)
	}
}

func TestNoteTamper(t *testing.T) {
	s := start(t, corpus(t), Options{Faults: Faults{NoteTamper: true}})
	mustFail(t, s.goEnv(t, "", false), "github.com/google/uuid@"+only(t, corpus(t), "github.com/google/uuid"),
		"reading tree note: invalid signature for key "+DefaultName+"+")
}

func TestNoteWrongKey(t *testing.T) {
	s := start(t, corpus(t), Options{Faults: Faults{NoteWrongKey: true}})
	mustFail(t, s.goEnv(t, "", false), "github.com/google/uuid@"+only(t, corpus(t), "github.com/google/uuid"),
		"reading tree note: note has no verifiable signatures")
	// The same name, another key.
	_, body := s.get(t, s.SumdbPath()+"/latest")
	if !bytes.Contains(body, []byte("\n— "+DefaultName+" ")) {
		t.Errorf("note %q", body)
	}
}

func TestTileCorrupt(t *testing.T) {
	st := corpus(t)
	honest := start(t, st, Options{})
	const i = 5
	s := start(t, st, Options{Faults: Faults{TileCorrupt: []int64{i}}})
	mustFail(t, s.goEnv(t, "", false), "github.com/google/uuid@"+only(t, st, "github.com/google/uuid"),
		"downloaded inconsistent tile")
	// Exactly one bit of the tile differs, in the hash of record i.
	p := fmt.Sprintf("%s/tile/8/0/000.p/%d", s.SumdbPath(), s.Tree().N)
	_, good := honest.get(t, p)
	_, bad := s.get(t, p)
	diff := 0
	for j := range good {
		if good[j] != bad[j] {
			diff++
			if j/32 != i || good[j]^bad[j] != 1 {
				t.Errorf("byte %d differs: %x vs %x", j, good[j], bad[j])
			}
		}
	}
	if diff != 1 || len(good) != len(bad) {
		t.Errorf("%d bytes differ", diff)
	}
	// Smaller tiles that hold record i are corrupted too; others are not.
	_, good = honest.get(t, s.SumdbPath()+"/tile/8/0/000.p/6")
	_, bad = s.get(t, s.SumdbPath()+"/tile/8/0/000.p/6")
	if bytes.Equal(good, bad) {
		t.Error("tile 000.p/6 not corrupted")
	}
	_, good = honest.get(t, s.SumdbPath()+"/tile/8/0/000.p/5")
	_, bad = s.get(t, s.SumdbPath()+"/tile/8/0/000.p/5")
	if !bytes.Equal(good, bad) {
		t.Error("tile 000.p/5 corrupted")
	}
}

func TestZipTamper(t *testing.T) {
	st := corpus(t)
	for _, p := range []string{"github.com/google/uuid", "golang.org/x/tools"} { // a real zip, a stub's
		m := module.Version{Path: p, Version: only(t, st, p)}
		s := start(t, st, Options{Faults: Faults{ZipTamper: []module.Version{m}}})
		zs, _ := sums(t, s.record(t, m.Path, m.Version))
		mustFail(t, s.goEnv(t, "", false), m.String(),
			m.String()+": verifying module: checksum mismatch", DefaultName+": "+zs, "SECURITY ERROR")
		// Still a valid zip of the module.
		_, data := s.get(t, "/"+p+"/@v/"+m.Version+".zip")
		h, err := hashZipData(data)
		if err != nil || h == zs {
			t.Errorf("tampered zip: %s %v", h, err)
		}
		file := filepath.Join(t.TempDir(), "m.zip")
		os.WriteFile(file, data, 0o666)
		if h2, err := dirhash.HashZip(file, dirhash.Hash1); err != nil || h2 != h {
			t.Errorf("tampered zip: dirhash %s %v", h2, err)
		}
	}
}

func TestModTamper(t *testing.T) {
	st := corpus(t)
	m := module.Version{Path: "github.com/pkg/errors", Version: only(t, st, "github.com/pkg/errors")}
	s := start(t, st, Options{Faults: Faults{ModTamper: []module.Version{m}}})
	_, ms := sums(t, s.record(t, m.Path, m.Version))
	mustFail(t, s.goEnv(t, "", false), m.String(),
		m.String()+": verifying go.mod: checksum mismatch", DefaultName+": "+ms, "SECURITY ERROR")
	_, body := s.get(t, "/github.com/pkg/errors/@v/"+m.Version+".mod")
	if !bytes.HasSuffix(body, []byte("\n// tampered\n")) {
		t.Errorf("mod %q", body)
	}
}

// checkLookup checks that x/mod's client verifies both lines of r.
func checkLookup(t *testing.T, c *sumdb.Client, r Record) {
	t.Helper()
	want := strings.Split(string(r.Text), "\n")
	for i, vers := range []string{r.Version, r.Version + "/go.mod"} {
		lines, err := c.Lookup(r.Path, vers)
		if err != nil || len(lines) != 1 || lines[0] != want[i] {
			t.Errorf("lookup %s@%s: %q, %v; want %q", r.Path, vers, lines, err, want[i])
		}
	}
}

// lookupAnswer fetches and parses /lookup/path@vers, verifying the note.
func lookupAnswer(t *testing.T, s *testServer, path, vers string) (int64, []byte) {
	t.Helper()
	status, body := s.get(t, s.SumdbPath()+"/lookup/"+path+"@"+vers)
	if status != 200 {
		t.Fatalf("lookup %s@%s: %d %s", path, vers, status, body)
	}
	id, text, rest, err := tlog.ParseRecord(body)
	if err != nil {
		t.Fatal(err)
	}
	v, _ := note.NewVerifier(s.VerifierKey())
	if _, err := note.Open(rest, note.VerifierList(v)); err != nil {
		t.Fatalf("lookup %s@%s: note: %v", path, vers, err)
	}
	return id, text
}

func TestLookupOtherModule(t *testing.T) {
	st := corpus(t)
	s := start(t, st, Options{Faults: Faults{LookupOtherModule: true}})
	m := module.Version{Path: "github.com/google/uuid", Version: only(t, st, "github.com/google/uuid")}
	id, text := lookupAnswer(t, s, m.Path, m.Version)
	r := s.Records()[id]
	if r.Path == m.Path || !bytes.Equal(text, r.Text) {
		t.Fatalf("lookup answered record %d %q", id, text)
	}
	// x/mod's client accepts the answer (well-formed, signed, in the tree)
	// but finds no line for the module in it.
	ops := newClientOps(t, s.SumdbURL(), s.VerifierKey())
	lines, err := sumdb.NewClient(ops).Lookup(m.Path, m.Version)
	if err != nil || len(lines) != 0 {
		t.Fatalf("x/mod client: %q, %v; want no lines", lines, err)
	}
	// The go command (1.23) does not refuse a lookup answer without the
	// module's lines; mochi-go must. Record what it does.
	_, stderr, err := goDownload(t, s.goEnv(t, "", false), m.String())
	t.Logf("go mod download %s with lookup-other-module: err=%v\n%s", m, err, stderr)
}

func TestLookupOtherVersion(t *testing.T) {
	dir := t.TempDir()
	for _, m := range []struct{ path, vers string }{
		{"example.com/multi", "v1.0.0"}, {"example.com/multi", "v1.1.0"}, {"example.com/other", "v1.0.0"},
	} {
		if err := WriteModule(dir, m.path, m.vers, map[string]string{"go.mod": "module " + m.path + "\n", "a.go": "package a // " + m.vers + "\n"}); err != nil {
			t.Fatal(err)
		}
	}
	st, err := LoadProxy(dir)
	if err != nil {
		t.Fatal(err)
	}
	s := start(t, st, Options{Faults: Faults{LookupOtherVersion: true}})
	for _, c := range []struct{ path, vers, wantPath, wantVers string }{
		{"example.com/multi", "v1.0.0", "example.com/multi", "v1.1.0"},
		{"example.com/multi", "v1.1.0", "example.com/multi", "v1.0.0"},
		{"example.com/other", "v1.0.0", "example.com/multi", "v1.0.0"}, // no other version: another module
	} {
		id, text := lookupAnswer(t, s, c.path, c.vers)
		if r := s.Records()[id]; r.Path != c.wantPath || r.Version != c.wantVers || !bytes.Equal(text, r.Text) {
			t.Errorf("lookup %s@%s: record %d %q", c.path, c.vers, id, text)
		}
		lines, err := sumdb.NewClient(newClientOps(t, s.SumdbURL(), s.VerifierKey())).Lookup(c.path, c.vers)
		if err != nil || len(lines) != 0 {
			t.Errorf("x/mod client: %q, %v; want no lines", lines, err)
		}
	}
	_, stderr, err := goDownload(t, s.goEnv(t, "", false), "example.com/multi@v1.0.0")
	t.Logf("go mod download example.com/multi@v1.0.0 with lookup-other-version: err=%v\n%s", err, stderr)
}

func TestRecords(t *testing.T) {
	st := corpus(t)
	all := start(t, st, Options{})
	const n = 100
	s := start(t, st, Options{Records: n})
	if s.Tree().N != n || len(s.Records()) != n || !strings.Contains(strings.Join(s.Env(s.URL), "\n"), "MOCHIGO_TEST_TREE_SIZE=100") {
		t.Fatalf("tree of %d", s.Tree().N)
	}
	_, latest := s.get(t, s.SumdbPath()+"/latest")
	if !bytes.HasPrefix(latest, []byte("go.sum database tree\n100\n")) {
		t.Fatalf("latest %q", latest)
	}
	// Record n-1 verifies, record n is not found.
	last, next := all.Records()[n-1], all.Records()[n]
	c := sumdb.NewClient(newClientOps(t, s.SumdbURL(), s.VerifierKey()))
	checkLookup(t, c, last)
	if status, _ := s.get(t, s.SumdbPath()+"/lookup/"+mustEscape(t, next.Path)+"@"+next.Version); status != 404 {
		t.Errorf("lookup of record %d: status %d", n, status)
	}
	mustFail(t, s.goEnv(t, "", false), next.Path+"@"+next.Version, "404 Not Found", "not in the log")
	// The honest tree of size n is a prefix of the whole one.
	p, err := tlog.ProveTree(all.Tree().N, n, tlog.TileHashReader(all.Tree(), tileReader{all.SumdbURL()}))
	if err != nil {
		t.Fatal(err)
	}
	if err := tlog.CheckTree(p, all.Tree().N, all.Tree().Hash, n, s.Tree().Hash); err != nil {
		t.Errorf("the tree of %d records is not a prefix of the whole: %v", n, err)
	}
}

func mustEscape(t *testing.T, path string) string {
	e, err := module.EscapePath(path)
	if err != nil {
		t.Fatal(err)
	}
	return e
}

func TestForkAt(t *testing.T) {
	st := corpus(t)
	honest := start(t, st, Options{})
	const k = 10
	fork := start(t, st, Options{ForkAt: k})
	if fork.VerifierKey() != honest.VerifierKey() || fork.Tree().N != honest.Tree().N+1 {
		t.Fatalf("fork: key %s, tree %d", fork.VerifierKey(), fork.Tree().N)
	}
	if r := fork.Records()[k]; r.Path != ForkedPath || r.Version != ForkedVersion {
		t.Fatalf("record %d: %q", k, r.Text)
	}
	if !bytes.Equal(fork.Records()[k+1].Text, honest.Records()[k].Text) || !bytes.Equal(fork.Records()[k-1].Text, honest.Records()[k-1].Text) {
		t.Fatal("records not shifted by one")
	}
	// tlog.CheckTree refuses the fork's proof that it extends the honest tree.
	p, err := tlog.ProveTree(fork.Tree().N, honest.Tree().N, tlog.TileHashReader(fork.Tree(), tileReader{fork.SumdbURL()}))
	if err != nil {
		t.Fatal(err)
	}
	if err := tlog.CheckTree(p, fork.Tree().N, fork.Tree().Hash, honest.Tree().N, honest.Tree().Hash); err == nil {
		t.Fatal("tlog.CheckTree accepted the fork")
	} else {
		t.Logf("tlog.CheckTree: %v", err)
	}
	// A fork at the end of the honest tree's size, and a fork of the same size.
	same := start(t, st, Options{ForkAt: k, Records: int64(len(honest.Records()))})
	if same.Tree().N != honest.Tree().N || same.Tree().Hash == honest.Tree().Hash {
		t.Fatal("same-size fork")
	}
	// x/mod's client, having seen the honest tree, reports the fork.
	ops := newClientOps(t, honest.SumdbURL(), honest.VerifierKey())
	if _, err := sumdb.NewClient(ops).Lookup("github.com/google/uuid", only(t, st, "github.com/google/uuid")); err != nil {
		t.Fatal(err)
	}
	ops.url = fork.SumdbURL()
	_, err = sumdb.NewClient(ops).Lookup("github.com/pkg/errors", only(t, st, "github.com/pkg/errors"))
	if err == nil || !strings.Contains(err.Error(), sumdb.ErrSecurity.Error()) || len(ops.sec) == 0 || !strings.Contains(ops.sec[0], "go.sum database server misbehavior detected") {
		t.Fatalf("x/mod client against the fork: %v, %q", err, ops.sec)
	}
	// So does the go command, which keeps the latest tree in GOPATH/pkg/sumdb.
	gopath := t.TempDir()
	if _, stderr, err := goDownload(t, honest.goEnv(t, gopath, false), "github.com/google/uuid@"+only(t, st, "github.com/google/uuid")); err != nil {
		t.Fatalf("%v\n%s", err, stderr)
	}
	mustFail(t, fork.goEnv(t, gopath, false), "github.com/pkg/errors@"+only(t, st, "github.com/pkg/errors"),
		"SECURITY ERROR", "go.sum database server misbehavior detected!")
}

func TestStatus(t *testing.T) {
	st := corpus(t)
	rule := &StatusRule{Code: 503, Prefix: "/github.com/google/uuid/@v/", Count: 2}
	s := start(t, st, Options{Faults: Faults{Status: []*StatusRule{rule}}})
	v := only(t, st, "github.com/google/uuid")
	info, mod := "/github.com/google/uuid/@v/"+v+".info", "/github.com/google/uuid/@v/"+v+".mod"
	var got []int
	for _, p := range []string{info, info, mod, info, mod, mod, info, "/github.com/pkg/errors/@v/list"} {
		status, _ := s.get(t, p)
		got = append(got, status)
	}
	if fmt.Sprint(got) != "[503 503 503 200 503 200 200 200]" {
		t.Errorf("statuses %v", got)
	}

	// The go command gives up at the first 503.
	s = start(t, st, Options{Faults: Faults{Status: []*StatusRule{{503, "/github.com/google/uuid/@v/", 2}}}})
	mustFail(t, s.goEnv(t, "", false), "github.com/google/uuid@"+v, "503 Service Unavailable")

	s = start(t, st, Options{Faults: Faults{Status: []*StatusRule{{404, "/", 0}}}})
	for _, p := range []string{info, s.SumdbPath() + "/latest", "/sumdb/" + DefaultName + "/supported"} {
		if status, _ := s.get(t, p); status != 404 {
			t.Errorf("status=404:/ GET %s: %d", p, status)
		}
	}
	mustFail(t, s.goEnv(t, "", false), "github.com/google/uuid@"+v, "404 Not Found")

	s = start(t, st, Options{Faults: Faults{Status: []*StatusRule{{410, "/sumdb/", 0}}}})
	if status, _ := s.get(t, info); status != 200 {
		t.Errorf("status=410:/sumdb/ GET %s: %d", info, status)
	}
	if status, _ := s.get(t, s.SumdbPath()+"/latest"); status != 410 {
		t.Errorf("status=410:/sumdb/ GET latest: %d", status)
	}
	mustFail(t, s.goEnv(t, "", false), "github.com/google/uuid@"+v, "/lookup/github.com/google/uuid@"+v+": 410 Gone")
}

func TestDelay(t *testing.T) {
	st := corpus(t)
	const d = 600 * time.Millisecond
	s := start(t, st, Options{Faults: Faults{Delay: []DelayRule{{d, "/github.com/google/uuid/"}}}})
	for _, c := range []struct {
		path    string
		delayed bool
	}{
		{"/github.com/google/uuid/@v/list", true},
		{"/github.com/pkg/errors/@v/list", false},
	} {
		t0 := time.Now()
		status, _ := s.get(t, c.path)
		el := time.Since(t0)
		if status != 200 || c.delayed && el < d || !c.delayed && el >= d {
			t.Errorf("GET %s: %d after %v", c.path, status, el)
		}
	}
}

func TestTruncate(t *testing.T) {
	st := corpus(t)
	v := only(t, st, "github.com/google/uuid")
	p := "/github.com/google/uuid/@v/" + v + ".zip"
	s := start(t, st, Options{Faults: Faults{Truncate: []string{p}}})
	full, err := st.Lookup("github.com/google/uuid", v).ReadZip()
	if err != nil {
		t.Fatal(err)
	}
	resp, err := http.Get(s.URL + p)
	if err != nil {
		t.Fatal(err)
	}
	body, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || resp.ContentLength != int64(len(full)) || err != io.ErrUnexpectedEOF || len(body) != len(full)/2 || !bytes.Equal(body, full[:len(full)/2]) {
		t.Errorf("truncated GET: %d, Content-Length %d, %d bytes, %v; full size %d", resp.StatusCode, resp.ContentLength, len(body), err, len(full))
	}
	if want := fmt.Sprintf("GET %s 200 %d\n", p, len(full)/2); !strings.Contains(s.Log.String(), want) {
		t.Errorf("log lacks %q:\n%s", want, s.Log)
	}
	// Other paths are whole.
	if status, _ := s.get(t, "/github.com/google/uuid/@v/"+v+".mod"); status != 200 {
		t.Error(".mod")
	}
	mustFail(t, s.goEnv(t, "", false), "github.com/google/uuid@"+v, "unexpected EOF")
}

func TestNoSumdbProxy(t *testing.T) {
	st := corpus(t)
	s := start(t, st, Options{Faults: Faults{NoSumdbProxy: true}})
	direct := DirectPrefix + DefaultName
	if s.SumdbPath() != direct || !strings.Contains(strings.Join(s.Env(s.URL), "\n"), "MOCHIGO_TEST_SUMDB_URL="+s.URL+direct+"\n") {
		t.Fatalf("sumdb at %s", s.SumdbPath())
	}
	for _, c := range []struct {
		path   string
		status int
	}{
		{"/sumdb/" + DefaultName + "/supported", 404},
		{"/sumdb/" + DefaultName + "/latest", 404},
		{direct + "/latest", 200},
		{direct + "/supported", 404},
	} {
		if status, _ := s.get(t, c.path); status != c.status {
			t.Errorf("GET %s: %d, want %d", c.path, status, c.status)
		}
	}
	m := "github.com/google/uuid@" + only(t, st, "github.com/google/uuid")
	// With the URL, the go command goes straight to it.
	before := len(s.Log.String())
	if _, stderr, err := goDownload(t, s.goEnv(t, "", false), m); err != nil {
		t.Fatalf("%v\n%s", err, stderr)
	}
	if log := s.Log.String()[before:]; strings.Contains(log, "GET /sumdb/") || !strings.Contains(log, "GET "+direct+"/lookup/") {
		t.Errorf("log:\n%s", log)
	}
	// With the key only, it asks the proxy, is told no, and tries
	// https://<name>, which is not there (HTTPS_PROXY is a closed local port).
	mustFail(t, s.goEnv(t, "", true), m, "https://"+DefaultName+"/lookup/")
	if log := s.Log.String(); !strings.Contains(log, "GET /sumdb/"+DefaultName+"/supported 404") {
		t.Errorf("log:\n%s", log)
	}
}

// evilErrors is what the go command says about each evil module (any of the
// alternatives; they name the rule the module breaks).
var evilErrors = map[string][]string{
	"example.com/evil/dotdot":     {`malformed file path "../escape.txt": invalid path element ".."`},
	"example.com/evil/abspath":    {"has unexpected file /tmp/mochi-go-evil-abspath.txt"},
	"example.com/evil/case":       {`case-insensitive file name collision: "README.md" and "readme.md"`},
	"example.com/evil/biglicense": {"LICENSE file too large (max size is 16777216 bytes)"},
	"example.com/evil/bomb":       {"zip: not a valid zip file", "larger than declared size"},
	"example.com/evil/huge":       {"unexpected EOF", "too large"},
}

func TestEvil(t *testing.T) {
	st := corpusEvil(t)
	s := start(t, st, Options{})
	if int(s.Tree().N) != len(corpus(t).LogVersions())+len(EvilModules) {
		t.Fatalf("tree of %d", s.Tree().N)
	}
	gopath := t.TempDir()
	env := s.goEnv(t, gopath, false)
	out, stderr, err := goDownload(t, env, "example.com/evil/good@"+EvilVersion)
	if err != nil || len(out) != 1 {
		t.Fatalf("good: %v\n%s", err, stderr)
	}
	zs, ms := sums(t, s.record(t, "example.com/evil/good", EvilVersion))
	if out[0].Sum != zs || out[0].GoModSum != ms {
		t.Errorf("good: %+v", out[0])
	}
	os.Remove("/tmp/mochi-go-evil-abspath.txt")
	for _, e := range EvilModules {
		if e.Problem == "" {
			continue
		}
		text := mustFail(t, env, e.Path+"@"+EvilVersion)
		ok := false
		for _, alt := range evilErrors[e.Path] {
			ok = ok || strings.Contains(text, alt)
		}
		if !ok {
			t.Errorf("%s (%s): the go command refused it, but not with any of %q", e.Path, e.Problem, evilErrors[e.Path])
		}
		if strings.Contains(text, "checksum mismatch") || strings.Contains(text, "verifying") {
			t.Errorf("%s: refused by the checksum database, not by the zip rules:\n%s", e.Path, text)
		}
	}
	for _, p := range []string{"/tmp/mochi-go-evil-abspath.txt", filepath.Join(gopath, "pkg/mod/example.com/evil/escape.txt")} {
		if _, err := os.Stat(p); err == nil {
			t.Errorf("%s was written", p)
		}
	}
	// Every evil hash is in the log (so only the zip rules can refuse them).
	c := sumdb.NewClient(newClientOps(t, s.SumdbURL(), s.VerifierKey()))
	var paths []string
	for _, e := range EvilModules {
		checkLookup(t, c, s.record(t, e.Path, EvilVersion))
		paths = append(paths, e.Path)
	}
	if !sort.StringsAreSorted(paths) {
		t.Error("EvilModules not in log order")
	}
}
