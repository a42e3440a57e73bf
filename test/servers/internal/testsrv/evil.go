package testsrv

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"fmt"
	"hash/crc32"
	"io"
	"sort"
	"time"

	"golang.org/x/mod/sumdb/dirhash"
)

// EvilVersion is the version of every synthetic module of -evil.
const EvilVersion = "v1.0.0"

// EvilModules lists the synthetic modules -evil adds, in log order, with what
// is wrong with each ("" for the well-formed control).
var EvilModules = []struct{ Path, Problem string }{
	{"example.com/evil/abspath", "an entry with an absolute path and one with an empty path element"},
	{"example.com/evil/biglicense", "a LICENSE of 17 MiB"},
	{"example.com/evil/bomb", "an entry declaring 100 bytes that inflates to 1 MiB"},
	{"example.com/evil/case", "README.md and readme.md"},
	{"example.com/evil/dotdot", "an entry with a .. path element"},
	{"example.com/evil/good", ""},
	{"example.com/evil/huge", "an entry declaring 600 MiB uncompressed"},
}

var evilTime = time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)

// zipBuilder writes a module zip with archive/zip.
type zipBuilder struct {
	buf bytes.Buffer
	w   *zip.Writer
	err error
}

func newZipBuilder() *zipBuilder {
	b := &zipBuilder{}
	b.w = zip.NewWriter(&b.buf)
	return b
}

// file adds a deflated entry name (a full zip path) with content data.
func (b *zipBuilder) file(name string, data []byte) {
	if b.err != nil {
		return
	}
	w, err := b.w.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Deflate, Modified: evilTime})
	if err == nil {
		_, err = w.Write(data)
	}
	b.err = err
}

// zeros adds a deflated entry of n zero bytes, written in chunks.
func (b *zipBuilder) zeros(name string, n int64) {
	if b.err != nil {
		return
	}
	w, err := b.w.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Deflate, Modified: evilTime})
	if err == nil {
		_, err = io.CopyN(w, zeroReader{}, n)
	}
	b.err = err
}

// raw adds an entry whose deflate stream inflates to real, but whose header
// declares size bytes uncompressed (the CRC is that of real).
func (b *zipBuilder) raw(name string, real []byte, size uint64) {
	if b.err != nil {
		return
	}
	var comp bytes.Buffer
	fw, err := flate.NewWriter(&comp, flate.BestCompression)
	if err == nil {
		_, err = fw.Write(real)
	}
	if err == nil {
		err = fw.Close()
	}
	if err != nil {
		b.err = err
		return
	}
	w, err := b.w.CreateRaw(&zip.FileHeader{
		Name:               name,
		Method:             zip.Deflate,
		Modified:           evilTime,
		CRC32:              crc32.ChecksumIEEE(real),
		CompressedSize64:   uint64(comp.Len()),
		UncompressedSize64: size,
	})
	if err == nil {
		_, err = w.Write(comp.Bytes())
	}
	b.err = err
}

func (b *zipBuilder) bytes() ([]byte, error) {
	if b.err != nil {
		return nil, b.err
	}
	if err := b.w.Close(); err != nil {
		return nil, err
	}
	return b.buf.Bytes(), nil
}

type zeroReader struct{}

func (zeroReader) Read(p []byte) (int, error) {
	clear(p)
	return len(p), nil
}

// evilZip builds the zip of the synthetic module path@EvilVersion.
func evilZip(path string, gomod []byte) ([]byte, error) {
	prefix := path + "@" + EvilVersion + "/"
	b := newZipBuilder()
	b.file(prefix+"go.mod", gomod)
	switch path {
	case "example.com/evil/good":
		b.file(prefix+"a.go", []byte("package good\n\n// A is the control: this module is well-formed.\nconst A = 1\n"))
		b.file(prefix+"sub/b.go", []byte("package sub\n\nconst B = 2\n"))
	case "example.com/evil/dotdot":
		b.file(prefix+"../escape.txt", []byte("escaped from the module directory\n"))
	case "example.com/evil/abspath":
		b.file("/tmp/mochi-go-evil-abspath.txt", []byte("absolute path\n"))
		b.file(prefix+"/abs.txt", []byte("empty path element\n"))
	case "example.com/evil/case":
		b.file(prefix+"README.md", []byte("upper case\n"))
		b.file(prefix+"readme.md", []byte("lower case\n"))
	case "example.com/evil/biglicense":
		b.zeros(prefix+"LICENSE", 17<<20)
	case "example.com/evil/bomb":
		b.raw(prefix+"bomb.txt", make([]byte, 1<<20), 100)
	case "example.com/evil/huge":
		b.raw(prefix+"huge.txt", []byte("tiny\n"), 600<<20)
	default:
		return nil, fmt.Errorf("no synthetic module %s", path)
	}
	return b.bytes()
}

// WithEvil returns a copy of s with the synthetic modules of EvilModules added
// (they must not be served already).
func (s *Store) WithEvil() (*Store, error) {
	n := &Store{Dir: s.Dir, Modules: make(map[string]*Module, len(s.Modules)+len(EvilModules))}
	for p, m := range s.Modules {
		n.Modules[p] = m
	}
	for _, e := range EvilModules {
		if n.Modules[e.Path] != nil {
			return nil, fmt.Errorf("-evil: module %s is already served", e.Path)
		}
		gomod := []byte("module " + e.Path + "\n")
		data, err := evilZip(e.Path, gomod)
		if err != nil {
			return nil, fmt.Errorf("-evil: %s: %v", e.Path, err)
		}
		v := &Version{
			Path:    e.Path,
			Version: EvilVersion,
			Info:    []byte(fmt.Sprintf("{\"Version\":%q,\"Time\":%q}\n", EvilVersion, evilTime.Format(time.RFC3339))),
			Mod:     gomod,
			ZipData: data,
		}
		if err := hashVersion(v); err != nil {
			return nil, err
		}
		n.Modules[e.Path] = &Module{Path: e.Path, Versions: map[string]*Version{EvilVersion: v}}
	}
	return n, nil
}

// hashZipData returns the h1: hash (dirhash.Hash1) of the files of an
// in-memory zip, computed from what each entry's data really inflates to:
// declared sizes and CRCs are ignored, so that the log holds a hash even for
// zips that archive/zip refuses to read (the bomb, the huge entry).
func hashZipData(data []byte) (string, error) {
	z, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return "", err
	}
	files := make([]string, 0, len(z.File))
	byName := map[string]*zip.File{}
	for _, f := range z.File {
		files = append(files, f.Name)
		byName[f.Name] = f
	}
	sort.Strings(files)
	return dirhash.Hash1(files, func(name string) (io.ReadCloser, error) {
		f := byName[name]
		r, err := f.OpenRaw()
		if err != nil {
			return nil, err
		}
		switch f.Method {
		case zip.Store:
			return io.NopCloser(r), nil
		case zip.Deflate:
			return flate.NewReader(r), nil
		}
		return nil, fmt.Errorf("%s: unsupported compression method %d", name, f.Method)
	})
}
