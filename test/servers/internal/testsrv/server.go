package testsrv

import (
	"archive/zip"
	"bytes"
	"context"
	"crypto/ed25519"
	"crypto/sha256"
	"encoding/base64"
	"fmt"
	"io"
	"io/fs"
	"net"
	"sort"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/mod/module"
	"golang.org/x/mod/sumdb"
	"golang.org/x/mod/sumdb/note"
	"golang.org/x/mod/sumdb/tlog"
)

const (
	// DefaultName is the default name of the checksum database.
	DefaultName = "sum.mochi-go.test"
	// DefaultKeySeed is the default seed of the signing key.
	DefaultKeySeed = "mochi-go-test"
	// TileHeight is the height of the tiles served (as sum.golang.org).
	TileHeight = 8
	// ForkedPath and ForkedVersion name the made-up record of -fork-at.
	ForkedPath    = "example.com/forked"
	ForkedVersion = "v1.0.0"
	// DirectPrefix is where the checksum database is served instead of
	// /sumdb/ when the no-sumdb-proxy fault is on.
	DirectPrefix = "/sumdb-direct/"
)

// Options configure a Server.
type Options struct {
	Name    string // checksum database name (DefaultName if empty)
	KeySeed string // the key's Ed25519 seed is SHA-256(KeySeed) (DefaultKeySeed if empty)
	Records int64  // serve only the first Records records of the log; all if < 0
	ForkAt  int64  // replace record ForkAt by a made-up one, shifting the rest; none if < 0
	Faults  Faults
	Log     io.Writer // one line per request, nil for none
}

// A Record is one record of the log.
type Record struct {
	Path    string
	Version string
	Text    []byte // "<path> <version> h1:...\n<path> <version>/go.mod h1:...\n"
}

// A Server serves a Store as a module proxy and a checksum database.
type Server struct {
	store *Store
	opts  Options

	records []Record
	ids     map[module.Version]int64
	hashes  []tlog.Hash // stored hashes of the tree (tlog.StoredHashIndex)
	tree    tlog.Tree
	vkey    string
	signed  []byte // the signed tree note served (faults applied)

	zips map[module.Version][]byte // zip-tamper
	mods map[module.Version][]byte // mod-tamper

	sumdb *sumdb.Server

	mu     sync.Mutex
	counts map[*StatusRule]map[string]int
	logMu  sync.Mutex
}

// RecordText returns the text of v's record.
func RecordText(v *Version) []byte {
	return []byte(fmt.Sprintf("%s %s %s\n%s %s/go.mod %s\n", v.Path, v.Version, v.ZipHash, v.Path, v.Version, v.ModHash))
}

// forkedRecord returns the made-up record of -fork-at.
func forkedRecord(seed string) Record {
	h := func(s string) string {
		sum := sha256.Sum256([]byte("mochi-go forked record " + seed + " " + s))
		return "h1:" + base64.StdEncoding.EncodeToString(sum[:])
	}
	text := fmt.Sprintf("%s %s %s\n%s %s/go.mod %s\n", ForkedPath, ForkedVersion, h("zip"), ForkedPath, ForkedVersion, h("mod"))
	return Record{ForkedPath, ForkedVersion, []byte(text)}
}

// Keys returns the signer and verifier keys of name whose Ed25519 seed is
// SHA-256(seed). (Built by hand rather than with note.GenerateKey, whose
// randomness source newer Go releases may ignore.)
func Keys(name, seed string) (skey, vkey string, err error) {
	s := sha256.Sum256([]byte(seed))
	pub := ed25519.NewKeyFromSeed(s[:]).Public().(ed25519.PublicKey)
	vkey, err = note.NewEd25519VerifierKey(name, pub)
	if err != nil {
		return "", "", err
	}
	// vkey is name+hash+base64(alg, pub); the signer key has the same hash.
	hash := vkey[len(name)+1 : len(name)+1+8]
	skey = fmt.Sprintf("PRIVATE+KEY+%s+%s+%s", name, hash, base64.StdEncoding.EncodeToString(append([]byte{1}, s[:]...)))
	if _, err := note.NewSigner(skey); err != nil {
		return "", "", err
	}
	return skey, vkey, nil
}

// New builds the log of store as opts ask and returns the Server.
func New(store *Store, opts Options) (*Server, error) {
	if opts.Name == "" {
		opts.Name = DefaultName
	}
	if opts.KeySeed == "" {
		opts.KeySeed = DefaultKeySeed
	}
	if !validName(opts.Name) {
		return nil, fmt.Errorf("invalid checksum database name %q (no spaces, '+' or '/')", opts.Name)
	}
	s := &Server{store: store, opts: opts, ids: map[module.Version]int64{}, counts: map[*StatusRule]map[string]int{}}

	for _, v := range store.LogVersions() {
		s.records = append(s.records, Record{v.Path, v.Version, RecordText(v)})
	}
	if opts.ForkAt >= 0 {
		if opts.ForkAt >= int64(len(s.records)) {
			return nil, fmt.Errorf("-fork-at %d: the log has only %d records", opts.ForkAt, len(s.records))
		}
		recs := append([]Record(nil), s.records[:opts.ForkAt]...)
		recs = append(recs, forkedRecord(opts.KeySeed))
		s.records = append(recs, s.records[opts.ForkAt:]...)
	}
	if opts.Records >= 0 {
		if opts.Records > int64(len(s.records)) {
			return nil, fmt.Errorf("-records %d: the log has only %d records", opts.Records, len(s.records))
		}
		if opts.ForkAt >= opts.Records {
			return nil, fmt.Errorf("-fork-at %d: the tree has only %d records", opts.ForkAt, opts.Records)
		}
		s.records = s.records[:opts.Records]
	}

	// The tree.
	for i, r := range s.records {
		s.ids[module.Version{Path: r.Path, Version: r.Version}] = int64(i)
		hs, err := tlog.StoredHashes(int64(i), r.Text, s)
		if err != nil {
			return nil, err
		}
		s.hashes = append(s.hashes, hs...)
	}
	s.tree.N = int64(len(s.records))
	th, err := tlog.TreeHash(s.tree.N, s)
	if err != nil {
		return nil, err
	}
	s.tree.Hash = th
	for _, i := range opts.Faults.TileCorrupt {
		if i >= s.tree.N {
			return nil, fmt.Errorf("tile-corrupt=%d: the tree has only %d records", i, s.tree.N)
		}
	}

	// The signed note.
	skey, vkey, err := Keys(opts.Name, opts.KeySeed)
	if err != nil {
		return nil, err
	}
	s.vkey = vkey
	if opts.Faults.NoteWrongKey {
		if skey, _, err = Keys(opts.Name, opts.KeySeed+"/wrong"); err != nil {
			return nil, err
		}
	}
	signer, err := note.NewSigner(skey)
	if err != nil {
		return nil, err
	}
	s.signed, err = note.Sign(&note.Note{Text: string(tlog.FormatTree(s.tree))}, signer)
	if err != nil {
		return nil, err
	}
	if opts.Faults.NoteTamper {
		bad := s.tree.Hash
		bad[0] ^= 1
		old := "\n" + s.tree.Hash.String() + "\n"
		s.signed = bytes.Replace(s.signed, []byte(old), []byte("\n"+bad.String()+"\n"), 1)
	}

	// Tampered files.
	s.zips = map[module.Version][]byte{}
	for _, m := range opts.Faults.ZipTamper {
		v := store.Lookup(m.Path, m.Version)
		if v == nil || !v.HasZip() {
			return nil, fmt.Errorf("zip-tamper=%s: no such zip served", m)
		}
		data, err := v.ReadZip()
		if err == nil {
			data, err = tamperZip(m, data)
		}
		if err != nil {
			return nil, fmt.Errorf("zip-tamper=%s: %v", m, err)
		}
		s.zips[m] = data
	}
	s.mods = map[module.Version][]byte{}
	for _, m := range opts.Faults.ModTamper {
		v := store.Lookup(m.Path, m.Version)
		if v == nil || v.Mod == nil {
			return nil, fmt.Errorf("mod-tamper=%s: no such go.mod served", m)
		}
		s.mods[m] = append(append([]byte(nil), v.Mod...), "// tampered\n"...)
	}

	s.sumdb = sumdb.NewServer(ops{s})
	return s, nil
}

// Records returns the records of the log served.
func (s *Server) Records() []Record { return s.records }

// Tree returns the tree served.
func (s *Server) Tree() tlog.Tree { return s.tree }

// VerifierKey returns the verifier key of the checksum database.
func (s *Server) VerifierKey() string { return s.vkey }

// Name returns the name of the checksum database.
func (s *Server) Name() string { return s.opts.Name }

// Signed returns the signed tree note served.
func (s *Server) Signed() []byte { return s.signed }

// SumdbPath returns the URL path of the checksum database.
func (s *Server) SumdbPath() string {
	if s.opts.Faults.NoSumdbProxy {
		return DirectPrefix + s.opts.Name
	}
	return "/sumdb/" + s.opts.Name
}

// Env returns the environment given to commands (NAME=value), for a server
// whose base URL is base (http://127.0.0.1:PORT).
func (s *Server) Env(base string) []string {
	sumdbURL := base + s.SumdbPath()
	return []string{
		"GOPROXY=" + base,
		"GOSUMDB=" + s.vkey + " " + sumdbURL,
		"GONOSUMDB=",
		"GONOPROXY=",
		"GOPRIVATE=",
		"MOCHIGO_TEST_URL=" + base,
		"MOCHIGO_TEST_SUMDB_NAME=" + s.opts.Name,
		"MOCHIGO_TEST_SUMDB_KEY=" + s.vkey,
		"MOCHIGO_TEST_SUMDB_URL=" + sumdbURL,
		"MOCHIGO_TEST_TREE_SIZE=" + strconv.FormatInt(s.tree.N, 10),
	}
}

// ReadHashes implements tlog.HashReader over the stored hashes.
func (s *Server) ReadHashes(indexes []int64) ([]tlog.Hash, error) {
	out := make([]tlog.Hash, len(indexes))
	for i, x := range indexes {
		if x < 0 || x >= int64(len(s.hashes)) {
			return nil, &fs.PathError{Op: "read", Path: fmt.Sprintf("hash %d", x), Err: fs.ErrNotExist}
		}
		out[i] = s.hashes[x]
	}
	return out, nil
}

// ops implements sumdb.ServerOps.
type ops struct{ s *Server }

func (o ops) Signed(ctx context.Context) ([]byte, error) { return o.s.signed, nil }

func (o ops) ReadRecords(ctx context.Context, id, n int64) ([][]byte, error) {
	if id < 0 || n < 0 || id+n > int64(len(o.s.records)) {
		return nil, &fs.PathError{Op: "read", Path: fmt.Sprintf("records %d-%d", id, id+n-1), Err: fs.ErrNotExist}
	}
	list := make([][]byte, n)
	for i := range list {
		list[i] = o.s.records[id+int64(i)].Text
	}
	return list, nil
}

func (o ops) Lookup(ctx context.Context, m module.Version) (int64, error) {
	s := o.s
	id, ok := s.ids[m]
	if !ok {
		return 0, &fs.PathError{Op: "lookup", Path: m.String() + " (not in the log)", Err: fs.ErrNotExist}
	}
	f := s.opts.Faults
	if f.LookupOtherVersion {
		// The nearest record of the same module at another version.
		for d := int64(1); d < int64(len(s.records)); d++ {
			for _, j := range []int64{id - d, id + d} {
				if j >= 0 && j < int64(len(s.records)) && s.records[j].Path == m.Path && s.records[j].Version != m.Version {
					return j, nil
				}
			}
		}
	}
	if f.LookupOtherVersion || f.LookupOtherModule {
		// The next record (cyclically) of another module.
		n := int64(len(s.records))
		for d := int64(1); d < n; d++ {
			if j := (id + d) % n; s.records[j].Path != m.Path {
				return j, nil
			}
		}
	}
	return id, nil
}

func (o ops) ReadTileData(ctx context.Context, t tlog.Tile) ([]byte, error) {
	data, err := tlog.ReadTileData(t, o.s)
	if err != nil {
		return nil, err
	}
	if t.L == 0 {
		start := t.N << uint(t.H)
		for _, i := range o.s.opts.Faults.TileCorrupt {
			if i >= start && i < start+int64(t.W) {
				data[(i-start)*tlog.HashSize] ^= 1
			}
		}
	}
	return data, nil
}

// tamperZip returns a valid zip of m whose content differs from data: the
// first file gets a newline appended (or, in a zip without files, a file is
// added). The other entries are copied as they are.
func tamperZip(m module.Version, data []byte) ([]byte, error) {
	z, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	w := zip.NewWriter(&buf)
	done := false
	files := append([]*zip.File(nil), z.File...)
	sort.SliceStable(files, func(i, j int) bool { return files[i].Name < files[j].Name })
	for _, f := range files {
		if done || strings.HasSuffix(f.Name, "/") {
			if err := w.Copy(f); err != nil {
				return nil, err
			}
			continue
		}
		r, err := f.Open()
		if err != nil {
			return nil, err
		}
		content, err := io.ReadAll(r)
		r.Close()
		if err != nil {
			return nil, err
		}
		hdr := f.FileHeader
		hdr.CRC32, hdr.CompressedSize64, hdr.UncompressedSize64 = 0, 0, 0
		hdr.CompressedSize, hdr.UncompressedSize = 0, 0
		fw, err := w.CreateHeader(&hdr)
		if err != nil {
			return nil, err
		}
		if _, err := fw.Write(append(content, '\n')); err != nil {
			return nil, err
		}
		done = true
	}
	if !done {
		fw, err := w.Create(m.Path + "@" + m.Version + "/tampered.txt")
		if err != nil {
			return nil, err
		}
		if _, err := fw.Write([]byte("tampered\n")); err != nil {
			return nil, err
		}
	}
	if err := w.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// validName reports whether name can name a checksum database: a valid note
// signer name that is also a single URL path element.
func validName(name string) bool {
	return name != "" && utf8.ValidString(name) && !strings.ContainsAny(name, "+/?#%") &&
		strings.IndexFunc(name, unicode.IsSpace) < 0
}

// CheckLoopback returns an error unless addr (host:port) names a loopback IP.
func CheckLoopback(addr string) error {
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return fmt.Errorf("listen address %q: %v", addr, err)
	}
	ip := net.ParseIP(host)
	if ip == nil || !ip.IsLoopback() {
		return fmt.Errorf("listen address %q: not a loopback IP address (use 127.0.0.1 or ::1)", addr)
	}
	if n, err := strconv.Atoi(port); err != nil || n < 0 || n > 65535 {
		return fmt.Errorf("listen address %q: bad port", addr)
	}
	return nil
}
