// Package testsrv implements mochi-go's loopback test servers: a module proxy
// (GOPROXY protocol) serving a file tree read-only and a checksum database
// (sumdb) whose log holds every module version served, with faults that can be
// switched on to check that clients refuse what they must.
package testsrv

import (
	"bytes"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"

	"golang.org/x/mod/module"
	"golang.org/x/mod/semver"
	"golang.org/x/mod/sumdb/dirhash"
)

// Version is one version of a module as the proxy serves it.
type Version struct {
	Path    string // module path
	Version string // module version

	Info []byte // the .info file, nil if there is none
	Mod  []byte // the .mod file, nil if there is none

	// The .zip: a file of the proxy tree (ZipFile) or, for synthetic
	// modules, bytes in memory (ZipData). Neither is set if there is no zip.
	ZipFile string
	ZipData []byte

	ZipHash string // h1: hash of the zip content (set when the version has a .mod and a .zip)
	ModHash string // h1: hash of the .mod
}

// HasZip reports whether v has a .zip.
func (v *Version) HasZip() bool { return v.ZipFile != "" || v.ZipData != nil }

// InLog reports whether v goes into the checksum database's log: it has a
// .mod and a .zip.
func (v *Version) InLog() bool { return v.Mod != nil && v.HasZip() }

// ReadZip returns the content of the zip.
func (v *Version) ReadZip() ([]byte, error) {
	if v.ZipData != nil {
		return v.ZipData, nil
	}
	if v.ZipFile == "" {
		return nil, fs.ErrNotExist
	}
	return os.ReadFile(v.ZipFile)
}

// A Module is every version served for one module path.
type Module struct {
	Path     string
	List     []byte // the @v/list file, nil if there is none (then it is computed)
	Versions map[string]*Version
}

// SortedVersions returns the versions of m in semver order.
func (m *Module) SortedVersions() []*Version {
	list := make([]*Version, 0, len(m.Versions))
	for _, v := range m.Versions {
		list = append(list, v)
	}
	sort.Slice(list, func(i, j int) bool { return versionLess(list[i].Version, list[j].Version) })
	return list
}

func versionLess(a, b string) bool {
	if c := semver.Compare(a, b); c != 0 {
		return c < 0
	}
	return a < b
}

// A Store is the content served: the modules of a proxy tree, and the
// synthetic ones added to it. It is not modified once loaded.
type Store struct {
	Dir     string
	Modules map[string]*Module
}

// Lookup returns the version path@vers, or nil.
func (s *Store) Lookup(path, vers string) *Version {
	if m := s.Modules[path]; m != nil {
		return m.Versions[vers]
	}
	return nil
}

// LogVersions returns every version that goes into the log, ordered by
// module path, then by semver.
func (s *Store) LogVersions() []*Version {
	paths := make([]string, 0, len(s.Modules))
	for p := range s.Modules {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	var list []*Version
	for _, p := range paths {
		for _, v := range s.Modules[p].SortedVersions() {
			if v.InLog() {
				list = append(list, v)
			}
		}
	}
	return list
}

// LoadProxy reads the GOPROXY file tree dir (dir/<escaped path>/@v/{list,
// V.info, V.mod, V.zip}) and hashes every version that has a .mod and a .zip.
// Files whose names do not unescape are ignored. The zips are not kept in
// memory: they are served from dir.
func LoadProxy(dir string) (*Store, error) {
	st, err := os.Stat(dir)
	if err != nil {
		return nil, err
	}
	if !st.IsDir() {
		return nil, fmt.Errorf("%s is not a directory", dir)
	}
	s := &Store{Dir: dir, Modules: map[string]*Module{}}
	err = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() || d.Name() != "@v" {
			return nil
		}
		rel, err := filepath.Rel(dir, filepath.Dir(p))
		if err != nil {
			return err
		}
		path, err := module.UnescapePath(filepath.ToSlash(rel))
		if err != nil {
			return fs.SkipDir // not a module directory
		}
		if err := s.loadVersions(path, p); err != nil {
			return err
		}
		return fs.SkipDir
	})
	if err != nil {
		return nil, err
	}
	if err := s.hash(); err != nil {
		return nil, err
	}
	return s, nil
}

// loadVersions reads the @v directory vdir of module path.
func (s *Store) loadVersions(path, vdir string) error {
	entries, err := os.ReadDir(vdir)
	if err != nil {
		return err
	}
	m := &Module{Path: path, Versions: map[string]*Version{}}
	get := func(vers string) *Version {
		v := m.Versions[vers]
		if v == nil {
			v = &Version{Path: path, Version: vers}
			m.Versions[vers] = v
		}
		return v
	}
	for _, e := range entries {
		if !e.Type().IsRegular() {
			continue
		}
		name := e.Name()
		file := filepath.Join(vdir, name)
		if name == "list" {
			if m.List, err = os.ReadFile(file); err != nil {
				return err
			}
			continue
		}
		ext := filepath.Ext(name)
		if ext != ".info" && ext != ".mod" && ext != ".zip" {
			continue
		}
		vers, err := module.UnescapeVersion(strings.TrimSuffix(name, ext))
		if err != nil || !semver.IsValid(vers) {
			continue
		}
		v := get(vers)
		switch ext {
		case ".info":
			if v.Info, err = os.ReadFile(file); err != nil {
				return err
			}
		case ".mod":
			if v.Mod, err = os.ReadFile(file); err != nil {
				return err
			}
		case ".zip":
			v.ZipFile = file
		}
	}
	if len(m.Versions) > 0 || m.List != nil {
		s.Modules[path] = m
	}
	return nil
}

// hash computes the h1: hashes of every version in the log, the largest zips
// first, on GOMAXPROCS goroutines.
func (s *Store) hash() error {
	type job struct {
		v    *Version
		size int64
	}
	var jobs []job
	for _, v := range s.LogVersions() {
		if v.ZipHash != "" {
			continue
		}
		var size int64
		if v.ZipFile != "" {
			fi, err := os.Stat(v.ZipFile)
			if err != nil {
				return err
			}
			size = fi.Size()
		}
		jobs = append(jobs, job{v, size})
	}
	sort.SliceStable(jobs, func(i, j int) bool { return jobs[i].size > jobs[j].size })

	ch := make(chan *Version)
	errs := make([]error, len(jobs))
	index := map[*Version]int{}
	for i, j := range jobs {
		index[j.v] = i
	}
	var wg sync.WaitGroup
	for w := 0; w < runtime.GOMAXPROCS(0); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for v := range ch {
				errs[index[v]] = hashVersion(v)
			}
		}()
	}
	for _, j := range jobs {
		ch <- j.v
	}
	close(ch)
	wg.Wait()
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// hashVersion sets v.ZipHash and v.ModHash.
func hashVersion(v *Version) error {
	var err error
	if v.ModHash, err = ModHash(v.Mod); err != nil {
		return fmt.Errorf("%s@%s: hashing go.mod: %v", v.Path, v.Version, err)
	}
	if v.ZipFile != "" {
		v.ZipHash, err = dirhash.HashZip(v.ZipFile, dirhash.Hash1)
	} else {
		v.ZipHash, err = hashZipData(v.ZipData)
	}
	if err != nil {
		return fmt.Errorf("%s@%s: hashing zip: %v", v.Path, v.Version, err)
	}
	return nil
}

// ModHash returns the h1: hash of a go.mod file, as the go command computes it.
func ModHash(data []byte) (string, error) {
	return dirhash.Hash1([]string{"go.mod"}, func(string) (io.ReadCloser, error) {
		return io.NopCloser(bytes.NewReader(data)), nil
	})
}

// WriteModule adds path@vers to the GOPROXY file tree dir (for tests): its
// .info, its .mod (files["go.mod"]) and a .zip of files (names relative to
// the module root), and appends vers to @v/list.
func WriteModule(dir, path, vers string, files map[string]string) error {
	esc, err := module.EscapePath(path)
	if err != nil {
		return err
	}
	escVers, err := module.EscapeVersion(vers)
	if err != nil {
		return err
	}
	vdir := filepath.Join(dir, filepath.FromSlash(esc), "@v")
	if err := os.MkdirAll(vdir, 0o777); err != nil {
		return err
	}
	b := newZipBuilder()
	names := make([]string, 0, len(files))
	for name := range files {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		b.file(path+"@"+vers+"/"+name, []byte(files[name]))
	}
	zipData, err := b.bytes()
	if err != nil {
		return err
	}
	info := fmt.Sprintf("{\"Version\":%q,\"Time\":\"2024-01-01T00:00:00Z\"}\n", vers)
	for ext, data := range map[string][]byte{".info": []byte(info), ".mod": []byte(files["go.mod"]), ".zip": zipData} {
		if err := os.WriteFile(filepath.Join(vdir, escVers+ext), data, 0o666); err != nil {
			return err
		}
	}
	f, err := os.OpenFile(filepath.Join(vdir, "list"), os.O_WRONLY|os.O_APPEND|os.O_CREATE, 0o666)
	if err != nil {
		return err
	}
	_, err = fmt.Fprintln(f, vers)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}
