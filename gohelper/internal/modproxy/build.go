package modproxy

import (
	"archive/zip"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"
)

// Module is one module the proxy serves.
type Module struct {
	Path          string   `json:"path"`
	Version       string   `json:"version"`
	Dir           string   `json:"dir"`
	DebianPackage string   `json:"debianPackage"`
	DebianVersion string   `json:"debianVersion"`
	GoMod         []byte   `json:"-"` // the go.mod served (synthesised when the tree has none)
	HasGoMod      bool     `json:"-"`
	Exclude       []string `json:"-"` // nested module directories without a go.mod on disk
	// AliasOf is set for a module served under the path of its directory
	// (github.com/cespare/xxhash for .../xxhash/v2): Debian packages import
	// it that way, as in GOPATH mode.
	AliasOf string `json:"aliasOf,omitempty"`
	// Stub is set for a module that some go.mod requires but Debian does
	// not ship: only its go.mod is served, so that the module graph loads.
	Stub bool `json:"stub,omitempty"`
}

// Options configure a build.
type Options struct {
	Src     string               // the Debian source tree, /usr/share/gocode/src
	Out     string               // the proxy directory to write
	DpkgDir string               // /var/lib/dpkg
	Logf    func(string, ...any) // progress and warnings (may be nil)
}

// zipTime is the modification time of every zip entry: zips are
// byte-identical from one build to the next.
var zipTime = time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)

func skipDir(name string) bool {
	return name == "vendor" || name == "testdata" || strings.HasPrefix(name, ".") ||
		strings.HasPrefix(name, "_")
}

// Discover finds the modules of the source tree: every directory with a
// go.mod, plus, for Debian packages that ship Go files outside any go.mod,
// one module rooted at the common directory of those files, named after it.
func Discover(opts Options) ([]*Module, error) {
	db, err := LoadDebianDB(opts.DpkgDir)
	if err != nil {
		return nil, fmt.Errorf("reading the dpkg database: %w", err)
	}
	logf := opts.Logf
	if logf == nil {
		logf = func(string, ...any) {}
	}
	src, err := filepath.Abs(opts.Src)
	if err != nil {
		return nil, err
	}
	roots := map[string]bool{} // directories holding a go.mod
	err = filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && p != src && skipDir(d.Name()) {
			return filepath.SkipDir
		}
		if !d.IsDir() && d.Name() == "go.mod" {
			roots[filepath.Dir(p)] = true
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	inModule := func(file string) bool {
		for dir := filepath.Dir(file); len(dir) > len(src); dir = filepath.Dir(dir) {
			if roots[dir] {
				return true
			}
		}
		return false
	}
	ownerOf := func(dir string) string {
		if pkg := db.Owner[filepath.Join(dir, "go.mod")]; pkg != "" {
			return pkg
		}
		// The package of any Go file directly in the directory.
		entries, _ := os.ReadDir(dir)
		for _, e := range entries {
			if pkg := db.Owner[filepath.Join(dir, e.Name())]; pkg != "" {
				return pkg
			}
		}
		return ""
	}

	var mods []*Module
	for dir := range roots {
		gomod, err := os.ReadFile(filepath.Join(dir, "go.mod"))
		if err != nil {
			return nil, err
		}
		path := modulePath(gomod)
		if path == "" {
			logf("warning: %s/go.mod has no module line, skipped", dir)
			continue
		}
		mods = append(mods, &Module{Path: path, Dir: dir, DebianPackage: ownerOf(dir), GoMod: gomod, HasGoMod: true})
	}
	// Debian sometimes drops the go.mod of a nested module that the parent
	// module requires (github.com/ugorji/go requires .../go/codec, whose
	// go.mod is gone): serve such a directory as its own module again.
	for _, parent := range append([]*Module(nil), mods...) {
		for _, req := range requires(parent.GoMod) {
			rel, ok := strings.CutPrefix(req, parent.Path+"/")
			if !ok {
				continue
			}
			dir := filepath.Join(parent.Dir, filepath.FromSlash(rel))
			if roots[dir] {
				continue
			}
			if st, err := os.Stat(dir); err != nil || !st.IsDir() {
				continue
			}
			roots[dir] = true
			parent.Exclude = append(parent.Exclude, dir)
			logf("note: %s: serving %s as its own module (required by %s, go.mod missing on disk)", dir, req, parent.Path)
			mods = append(mods, &Module{Path: req, Dir: dir, DebianPackage: ownerOf(dir),
				GoMod: []byte("module " + req + "\n")})
		}
	}
	// Packages with Go files outside every go.mod (modules from before
	// modules): one module per package at the common directory.
	legacy := map[string][]string{}
	for file, pkg := range db.Owner {
		if strings.HasSuffix(file, ".go") && strings.HasPrefix(file, src+"/") && !inModule(file) {
			legacy[pkg] = append(legacy[pkg], filepath.Dir(file))
		}
	}
	for pkg, dirs := range legacy {
		root := commonDir(dirs)
		rel, _ := filepath.Rel(src, root)
		// On the code hosts the go command knows, a repository (and so a
		// module from before modules) is host/owner/repo, even when all
		// its Go files live in a subdirectory (go-spew/spew).
		if parts := strings.Split(filepath.ToSlash(rel), "/"); len(parts) > 3 &&
			(parts[0] == "github.com" || parts[0] == "gitlab.com" || parts[0] == "bitbucket.org") {
			rel = strings.Join(parts[:3], "/")
			root = filepath.Join(src, rel)
		}
		if strings.Count(rel, "/") < 1 || roots[root] {
			logf("warning: %s ships Go files with no common module root (%s), skipped", pkg, rel)
			continue
		}
		path := filepath.ToSlash(rel)
		mods = append(mods, &Module{Path: path, Dir: root, DebianPackage: pkg,
			GoMod: []byte("module " + path + "\n")})
	}

	// Versions, and one directory per module path.
	byPath := map[string]*Module{}
	for _, m := range mods {
		deb := db.Versions[m.DebianPackage]
		if m.DebianPackage == "" || deb == "" {
			logf("warning: no Debian package owns %s, skipped", m.Dir)
			continue
		}
		v, err := DebianToSemver(deb)
		if err != nil {
			logf("warning: %s: %v, skipped", m.Path, err)
			continue
		}
		m.DebianVersion = deb
		m.Version = fixMajor(m, v, logf)
		if prev, ok := byPath[m.Path]; ok {
			// Prefer the directory whose location matches the module path.
			keep := prev
			if rel, _ := filepath.Rel(src, m.Dir); filepath.ToSlash(rel) == m.Path {
				keep = m
			} else if rel, _ := filepath.Rel(src, prev.Dir); filepath.ToSlash(rel) != m.Path && m.Dir < prev.Dir {
				keep = m
			}
			other := prev
			if keep == prev {
				other = m
			}
			logf("warning: module %s found in %s and %s; serving %s", m.Path, prev.Dir, m.Dir, keep.Dir)
			_ = other
			byPath[m.Path] = keep
			continue
		}
		byPath[m.Path] = m
	}
	// Aliases: a /vN module that Debian keeps at the path without the
	// suffix is also served under that path, as an +incompatible version
	// without go.mod, for the Debian packages that import it that way.
	for _, m := range mods {
		if byPath[m.Path] != m || PathMajor(m.Path) == "" || strings.HasPrefix(m.Path, "gopkg.in/") {
			continue
		}
		rel, _ := filepath.Rel(src, m.Dir)
		alias := filepath.ToSlash(rel)
		if alias == m.Path || byPath[alias] != nil || !strings.HasPrefix(m.Path, alias+"/v") {
			continue
		}
		v := m.Version
		if i := strings.IndexAny(v, "+"); i >= 0 {
			v = v[:i]
		}
		a := &Module{Path: alias, Version: v + "+incompatible", Dir: m.Dir, DebianPackage: m.DebianPackage,
			DebianVersion: m.DebianVersion, GoMod: []byte("module " + alias + "\n"), Exclude: m.Exclude, AliasOf: m.Path}
		logf("note: also serving %s as %s@%s (its directory path)", m.Path, alias, a.Version)
		byPath[alias] = a
	}
	// Stubs: modules that a served go.mod requires but Debian lacks.
	var served []*Module
	for _, m := range byPath {
		served = append(served, m)
	}
	for _, m := range served {
		for _, req := range requireVersions(m.GoMod) {
			if byPath[req[0]] != nil || !IsValidSemver(req[1]) {
				continue
			}
			logf("note: %s requires %s@%s, which Debian lacks; serving a go.mod-only stub", m.Path, req[0], req[1])
			byPath[req[0]] = &Module{Path: req[0], Version: req[1], Stub: true,
				GoMod: []byte("module " + req[0] + "\n")}
		}
	}
	out := make([]*Module, 0, len(byPath))
	for _, m := range byPath {
		out = append(out, m)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Path < out[j].Path })
	return out, nil
}

// fixMajor makes the version agree with the module path's major suffix.
func fixMajor(m *Module, v string, logf func(string, ...any)) string {
	want := PathMajor(m.Path)
	have := Major(v)
	switch {
	case want != "" && want != have:
		fixed := "v" + want + ".0.0"
		logf("note: %s: Debian version %s has major %s but the path demands v%s; serving %s", m.Path, m.DebianVersion, have, want, fixed)
		return fixed
	case want == "" && have != "0" && have != "1":
		if !m.HasGoMod {
			return v + "+incompatible"
		}
		// A go.mod without a /vN suffix cannot carry a v2+ version.
		fixed := "v1.9999.0"
		logf("note: %s: version %s is v2+ but the module path has no /v%s suffix; serving %s", m.Path, v, have, fixed)
		return fixed
	}
	return v
}

func commonDir(dirs []string) string {
	common := dirs[0]
	for _, d := range dirs[1:] {
		for !(d == common || strings.HasPrefix(d, common+"/")) {
			common = filepath.Dir(common)
		}
	}
	return common
}

// requires lists the module paths a go.mod requires.
func requires(gomod []byte) []string {
	var out []string
	for _, r := range requireVersions(gomod) {
		out = append(out, r[0])
	}
	return out
}

// requireVersions lists the (path, version) pairs a go.mod requires.
func requireVersions(gomod []byte) [][2]string {
	var out [][2]string
	inBlock := false
	for _, line := range strings.Split(string(gomod), "\n") {
		line = strings.TrimSpace(line)
		if i := strings.Index(line, "//"); i >= 0 {
			line = strings.TrimSpace(line[:i])
		}
		switch {
		case line == "require (":
			inBlock = true
		case inBlock && line == ")":
			inBlock = false
		case inBlock:
			if f := strings.Fields(line); len(f) >= 2 {
				out = append(out, [2]string{unquote(f[0]), unquote(f[1])})
			}
		case strings.HasPrefix(line, "require "):
			if f := strings.Fields(line); len(f) >= 3 {
				out = append(out, [2]string{unquote(f[1]), unquote(f[2])})
			}
		}
	}
	return out
}

// unquote removes the quotes go.mod allows around paths and versions.
func unquote(s string) string {
	if u, err := strconv.Unquote(s); err == nil {
		return u
	}
	return s
}

func modulePath(gomod []byte) string {
	for _, line := range strings.Split(string(gomod), "\n") {
		line = strings.TrimSpace(line)
		if strings.HasPrefix(line, "module") {
			rest := strings.TrimSpace(strings.TrimPrefix(line, "module"))
			if i := strings.Index(rest, "//"); i >= 0 {
				rest = strings.TrimSpace(rest[:i])
			}
			return unquote(rest)
		}
	}
	return ""
}

// Build writes the proxy tree for mods under opts.Out. Modules whose zip is
// already up to date (same file list, sizes and times) are left alone.
func Build(opts Options, mods []*Module) (written int, err error) {
	logf := opts.Logf
	if logf == nil {
		logf = func(string, ...any) {}
	}
	if err := os.MkdirAll(opts.Out, 0o755); err != nil {
		return 0, err
	}
	for i, m := range mods {
		var files []File
		if !m.Stub {
			files, err = ModuleFiles(m.Dir, m.Exclude...)
			if err != nil {
				return written, fmt.Errorf("%s: %w", m.Path, err)
			}
		}
		dir := filepath.Join(opts.Out, EscapePath(m.Path), "@v")
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return written, err
		}
		stamp := fingerprint(m, files)
		stampFile := filepath.Join(dir, m.Version+".stamp")
		if old, err := os.ReadFile(stampFile); err == nil && string(old) == stamp {
			continue
		}
		logf("[%d/%d] %s@%s (%d files)", i+1, len(mods), m.Path, m.Version, len(files))
		var zbuf bytes.Buffer
		if err := writeZip(&zbuf, m, files); err != nil {
			return written, fmt.Errorf("%s: %w", m.Path, err)
		}
		info, _ := json.Marshal(struct {
			Version string
			Time    string
		}{m.Version, zipTime.Format(time.RFC3339)})
		for name, data := range map[string][]byte{
			m.Version + ".zip":  zbuf.Bytes(),
			m.Version + ".mod":  m.GoMod,
			m.Version + ".info": append(info, '\n'),
			"list":              []byte(m.Version + "\n"),
		} {
			if err := WriteFileAtomic(filepath.Join(dir, name), data); err != nil {
				return written, err
			}
		}
		if err := WriteFileAtomic(stampFile, []byte(stamp)); err != nil {
			return written, err
		}
		written++
	}
	// The index and the pins, for tools and tests.
	var pins strings.Builder
	for _, m := range mods {
		fmt.Fprintf(&pins, "%s %s\n", m.Path, m.Version)
	}
	if err := WriteFileAtomic(filepath.Join(opts.Out, "pins.txt"), []byte(pins.String())); err != nil {
		return written, err
	}
	index, err := json.MarshalIndent(struct {
		Modules []*Module `json:"modules"`
	}{mods}, "", "  ")
	if err != nil {
		return written, err
	}
	return written, WriteFileAtomic(filepath.Join(opts.Out, "index.json"), append(index, '\n'))
}

// File is one file of a module zip.
type File struct {
	Rel  string // slash-separated path inside the module
	Abs  string
	Size int64
	Mod  time.Time
}

// ModuleFiles lists the files that belong in a module's zip, following the
// go command's rules: no vendor directories, no nested modules, no VCS
// directories, regular files only (symbolic links to files are followed),
// and no file names the go command would refuse.
func ModuleFiles(root string, exclude ...string) ([]File, error) {
	var files []File
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, p)
		rel = filepath.ToSlash(rel)
		if d.IsDir() {
			if p == root {
				return nil
			}
			name := d.Name()
			if name == "vendor" || name == ".git" || name == ".hg" || name == ".bzr" || name == ".svn" {
				return filepath.SkipDir
			}
			if _, err := os.Stat(filepath.Join(p, "go.mod")); err == nil {
				return filepath.SkipDir // a nested module
			}
			for _, e := range exclude {
				if p == e {
					return filepath.SkipDir
				}
			}
			return nil
		}
		st, err := os.Stat(p) // follows symbolic links
		if err != nil || !st.Mode().IsRegular() {
			return nil
		}
		if !validFilePath(rel) {
			return nil
		}
		files = append(files, File{Rel: rel, Abs: p, Size: st.Size(), Mod: st.ModTime()})
		return nil
	})
	sort.Slice(files, func(i, j int) bool { return files[i].Rel < files[j].Rel })
	return files, err
}

// validFilePath is a conservative form of the go command's file path check.
func validFilePath(rel string) bool {
	for _, elem := range strings.Split(rel, "/") {
		if elem == "" || elem == "." || elem == ".." || strings.HasSuffix(elem, ".") {
			return false
		}
		for _, r := range elem {
			ok := r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' ||
				strings.ContainsRune("-+._~!#$%&()+,;=@[]^{}", r)
			if !ok {
				return false
			}
		}
	}
	return true
}

const maxZipSize = 500 << 20

func writeZip(w io.Writer, m *Module, files []File) error {
	zw := zip.NewWriter(w)
	prefix := m.Path + "@" + m.Version + "/"
	var total int64
	for _, f := range files {
		if f.Rel == "go.mod" && !m.HasGoMod {
			continue
		}
		total += f.Size
		if total > maxZipSize {
			return fmt.Errorf("module is larger than %d bytes unpacked", maxZipSize)
		}
		hdr := &zip.FileHeader{Name: prefix + f.Rel, Method: zip.Deflate, Modified: zipTime}
		fw, err := zw.CreateHeader(hdr)
		if err != nil {
			return err
		}
		data, err := os.ReadFile(f.Abs)
		if err != nil {
			return err
		}
		if _, err := fw.Write(data); err != nil {
			return err
		}
	}
	return zw.Close()
}

func fingerprint(m *Module, files []File) string {
	h := sha256.New()
	fmt.Fprintf(h, "%s@%s\n%s\n", m.Path, m.Version, m.GoMod)
	for _, f := range files {
		fmt.Fprintf(h, "%s %d %d\n", f.Rel, f.Size, f.Mod.UnixNano())
	}
	return hex.EncodeToString(h.Sum(nil))
}

// WriteFileAtomic writes data to a temporary file beside path and renames
// it into place, so that readers never see a partial file.
func WriteFileAtomic(path string, data []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".tmp-"+filepath.Base(path)+"-*")
	if err != nil {
		return err
	}
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		os.Remove(tmp.Name())
		return err
	}
	if err := tmp.Close(); err != nil {
		os.Remove(tmp.Name())
		return err
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		os.Remove(tmp.Name())
		return err
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		os.Remove(tmp.Name())
		return err
	}
	return nil
}
