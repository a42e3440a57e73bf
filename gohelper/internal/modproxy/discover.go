package modproxy

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
)

// Module is one module version the proxy serves.
type Module struct {
	Path          string `json:"path"`
	Version       string `json:"version"`
	Dir           string `json:"dir"`
	DebianPackage string `json:"debianPackage"`
	DebianVersion string `json:"debianVersion"`
	// AliasOf is set for a module served under the path of its directory
	// (github.com/cespare/xxhash for .../xxhash/v2, as +incompatible):
	// Debian packages import it that way, as in GOPATH mode.
	AliasOf string `json:"aliasOf,omitempty"`
	// Stub is set for a module that some served go.mod requires but Debian
	// does not ship: only a go.mod is served (and an empty zip), so that the
	// module graph loads.
	Stub bool `json:"stub,omitempty"`

	GoMod    []byte   `json:"-"` // the go.mod served (synthesised when the tree has none)
	HasGoMod bool     `json:"-"` // GoMod is the tree's own go.mod
	Exclude  []string `json:"-"` // directories under Dir that belong to other modules
}

// Options configure Discover and Build.
type Options struct {
	Src     string // the Debian source tree, /usr/share/gocode/src
	Out     string // the proxy directory to write
	DpkgDir string // the dpkg database, /var/lib/dpkg
	Jobs    int    // modules zipped in parallel (0: GOMAXPROCS)
	// Logf receives notes: every adjustment made and every module written
	// (printed with -v). May be nil.
	Logf func(format string, args ...any)
	// Warnf receives warnings: modules skipped, duplicates, files left out
	// of a zip. May be nil.
	Warnf func(format string, args ...any)
}

func (o *Options) logf(format string, args ...any) {
	if o.Logf != nil {
		o.Logf(format, args...)
	}
}

func (o *Options) warnf(format string, args ...any) {
	if o.Warnf != nil {
		o.Warnf("warning: "+format, args...)
	}
}

// skipRootSearch reports whether the search for module roots skips a
// directory: testdata, vendor, and _ or . prefixed directories never hold
// modules.
func skipRootSearch(name string) bool {
	return name == "vendor" || name == "testdata" || strings.HasPrefix(name, ".") ||
		strings.HasPrefix(name, "_")
}

// codeHosts are the hosts on which a repository, and so a module from before
// modules, is host/owner/repo.
var codeHosts = map[string]bool{"github.com": true, "gitlab.com": true, "bitbucket.org": true}

// Discover finds the modules of the source tree and their versions:
//
//   - every directory with a go.mod is a module, named by its module line;
//   - a subdirectory that its parent's go.mod requires as a module of its
//     own, but whose go.mod Debian dropped, is served as that module again;
//   - a Debian package with Go files outside every go.mod (a package from
//     before modules) is a module at the common directory of those files,
//     cut to host/owner/repo on github.com, gitlab.com and bitbucket.org,
//     named after its directory, with a synthesised go.mod;
//   - the version comes from the owning Debian package (DebianToSemver),
//     made to agree with a /vN or gopkg.in .vN suffix (fixMajor);
//   - a /vN module kept on disk at the path without the suffix is also
//     served at that path as an +incompatible alias;
//   - a module some served go.mod requires but Debian lacks is served as a
//     go.mod-only stub at the highest version required.
//
// The result is sorted by module path and does not depend on map order.
func Discover(opts Options) ([]*Module, error) {
	src, err := filepath.Abs(opts.Src)
	if err != nil {
		return nil, err
	}
	if st, err := os.Stat(src); err != nil || !st.IsDir() {
		return nil, fmt.Errorf("source tree %s: not a directory", opts.Src)
	}
	db, err := LoadDebianDB(opts.DpkgDir, src)
	if err != nil {
		return nil, fmt.Errorf("reading the dpkg database: %w", err)
	}

	// 1. Directories holding a go.mod.
	roots := map[string]bool{}
	var rootList []string
	err = filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && p != src && skipRootSearch(d.Name()) {
			return filepath.SkipDir
		}
		if d.Name() == "go.mod" && !d.IsDir() {
			roots[filepath.Dir(p)] = true
			rootList = append(rootList, filepath.Dir(p))
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("walking %s: %w", src, err)
	}
	sort.Strings(rootList)

	ownerOf := func(dir string) string {
		if pkg := db.Owner[filepath.Join(dir, "go.mod")]; pkg != "" {
			return pkg
		}
		entries, _ := os.ReadDir(dir) // sorted by name
		for _, e := range entries {
			if pkg := db.Owner[filepath.Join(dir, e.Name())]; pkg != "" {
				return pkg
			}
		}
		// The first owned file anywhere below dir.
		var files []string
		for f := range db.Owner {
			if strings.HasPrefix(f, dir+"/") {
				files = append(files, f)
			}
		}
		if len(files) == 0 {
			return ""
		}
		sort.Strings(files)
		return db.Owner[files[0]]
	}

	var cands []*Module
	for _, dir := range rootList {
		gomodPath := filepath.Join(dir, "go.mod")
		st, err := os.Stat(gomodPath)
		if err != nil {
			return nil, err
		}
		if st.Size() > maxGoMod {
			opts.warnf("%s is larger than %d bytes, module skipped", gomodPath, maxGoMod)
			continue
		}
		gomod, err := os.ReadFile(gomodPath)
		if err != nil {
			return nil, err
		}
		gf := parseGoMod(gomod)
		if gf.Module == "" {
			opts.warnf("%s has no module line, skipped", gomodPath)
			continue
		}
		cands = append(cands, &Module{Path: gf.Module, Dir: dir, DebianPackage: ownerOf(dir),
			GoMod: gomod, HasGoMod: true})
	}

	// 2. Nested modules whose go.mod Debian dropped (github.com/ugorji/go
	// requires github.com/ugorji/go/codec, shipped without its go.mod).
	for _, parent := range append([]*Module(nil), cands...) {
		for _, req := range parseGoMod(parent.GoMod).Require {
			rel, ok := strings.CutPrefix(req.Path, parent.Path+"/")
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
			opts.logf("note: %s: serving %s as its own module (required by %s; its go.mod is missing on disk)",
				dir, req.Path, parent.Path)
			cands = append(cands, &Module{Path: req.Path, Dir: dir, DebianPackage: ownerOf(dir),
				GoMod: []byte("module " + req.Path + "\n")})
		}
	}

	// 3. Packages from before modules.
	inModule := func(file string) bool {
		for dir := filepath.Dir(file); len(dir) > len(src); dir = filepath.Dir(dir) {
			if roots[dir] {
				return true
			}
		}
		return false
	}
	legacy := map[string][]string{} // package -> directories of its Go files
	for file, pkg := range db.Owner {
		if strings.HasSuffix(file, ".go") && !inModule(file) && !inSkippedDir(src, file) {
			legacy[pkg] = append(legacy[pkg], filepath.Dir(file))
		}
	}
	var legacyPkgs []string
	for pkg := range legacy {
		legacyPkgs = append(legacyPkgs, pkg)
	}
	sort.Strings(legacyPkgs)
	for _, pkg := range legacyPkgs {
		dirs := legacy[pkg]
		sort.Strings(dirs)
		root := commonDir(dirs)
		rel, err := filepath.Rel(src, root)
		if err != nil || rel == "." || strings.HasPrefix(rel, "..") {
			opts.warnf("%s ships Go files with no common module root, skipped", pkg)
			continue
		}
		rel = filepath.ToSlash(rel)
		// A repository on a known code host is host/owner/repo, even when
		// all its Go files live in a subdirectory (go-spew/spew).
		if parts := strings.Split(rel, "/"); len(parts) > 3 && codeHosts[parts[0]] {
			rel = strings.Join(parts[:3], "/")
			root = filepath.Join(src, filepath.FromSlash(rel))
		}
		if !strings.Contains(rel, "/") && !strings.Contains(rel, ".") {
			opts.warnf("%s ships Go files at %s, which cannot be a module path; skipped", pkg, rel)
			continue
		}
		if roots[root] {
			opts.warnf("%s ships Go files outside the modules of %s, skipped", pkg, rel)
			continue
		}
		cands = append(cands, &Module{Path: rel, Dir: root, DebianPackage: pkg,
			GoMod: []byte("module " + rel + "\n")})
	}

	// 4. Versions, and one directory per module path.
	byPath := map[string]*Module{}
	dups := map[string][]*Module{}
	var paths []string
	for _, m := range cands {
		if _, err := EscapePath(m.Path); err != nil || !validModulePath(m.Path) {
			opts.warnf("%s: %q is not a valid module path, skipped", m.Dir, m.Path)
			continue
		}
		deb := db.Versions[m.DebianPackage]
		if m.DebianPackage == "" || deb == "" {
			opts.warnf("no installed Debian package owns %s, skipped", m.Dir)
			continue
		}
		v, err := DebianToSemver(deb)
		if err != nil {
			opts.warnf("%s (%s): %v; skipped", m.Path, m.DebianPackage, err)
			continue
		}
		m.DebianVersion = deb
		m.Version = fixMajor(&opts, m, v)
		if dups[m.Path] == nil {
			paths = append(paths, m.Path)
		}
		dups[m.Path] = append(dups[m.Path], m)
	}
	sort.Strings(paths)
	for _, path := range paths {
		ms := dups[path]
		if len(ms) > 1 {
			sort.Slice(ms, func(i, j int) bool { return preferDir(src, ms[i], ms[j]) })
			var dirs []string
			for _, m := range ms {
				dirs = append(dirs, m.Dir)
			}
			opts.warnf("module %s found in %d directories (%s); serving %s",
				path, len(ms), strings.Join(dirs, ", "), ms[0].Dir)
		}
		byPath[path] = ms[0]
	}

	// 5. Aliases: a /vN module that Debian keeps at the path without the
	// suffix, for the Debian packages that import it that way.
	for _, m := range sortedModules(byPath) {
		if PathMajor(m.Path) == "" || strings.HasPrefix(m.Path, "gopkg.in/") {
			continue
		}
		rel, _ := filepath.Rel(src, m.Dir)
		alias := filepath.ToSlash(rel)
		if alias == m.Path || byPath[alias] != nil || !strings.HasPrefix(m.Path, alias+"/v") {
			continue
		}
		v := strings.TrimSuffix(m.Version, "+incompatible") + "+incompatible"
		a := &Module{Path: alias, Version: v, Dir: m.Dir, DebianPackage: m.DebianPackage,
			DebianVersion: m.DebianVersion, GoMod: []byte("module " + alias + "\n"), AliasOf: m.Path}
		opts.logf("note: also serving %s as %s@%s (its directory path, imported so by Debian packages)",
			m.Path, alias, a.Version)
		byPath[alias] = a
	}

	// 6. Stubs for required modules Debian lacks, at the highest version
	// any served go.mod requires.
	type need struct {
		version string
		by      []string
	}
	needs := map[string]*need{}
	for _, m := range sortedModules(byPath) {
		for _, req := range parseGoMod(m.GoMod).Require {
			if byPath[req.Path] != nil || !IsValidSemver(req.Version) || !validModulePath(req.Path) {
				continue
			}
			n := needs[req.Path]
			if n == nil {
				n = &need{version: req.Version}
				needs[req.Path] = n
			} else if CompareSemver(req.Version, n.version) > 0 {
				n.version = req.Version
			}
			n.by = append(n.by, m.Path+"@"+req.Version)
		}
	}
	var needPaths []string
	for path := range needs {
		needPaths = append(needPaths, path)
	}
	sort.Strings(needPaths)
	for _, path := range needPaths {
		n := needs[path]
		opts.logf("note: %s is required (by %s) but Debian lacks it; serving a go.mod-only stub at %s",
			path, strings.Join(n.by, ", "), n.version)
		byPath[path] = &Module{Path: path, Version: n.version, Stub: true, GoMod: []byte("module " + path + "\n")}
	}

	// 7. A module's zip leaves out the directories of the other modules
	// inside it (nested modules without a go.mod on disk, legacy roots).
	mods := sortedModules(byPath)
	for _, m := range mods {
		if m.Stub {
			continue
		}
		for _, o := range mods {
			if o != m && !o.Stub && strings.HasPrefix(o.Dir, m.Dir+"/") {
				m.Exclude = append(m.Exclude, o.Dir)
			}
		}
		sort.Strings(m.Exclude)
	}
	return mods, nil
}

// preferDir orders the candidate directories of one module path: the
// directory whose location matches the path first, then one with its own
// go.mod, then the lexically first directory.
func preferDir(src string, a, b *Module) bool {
	ra, _ := filepath.Rel(src, a.Dir)
	rb, _ := filepath.Rel(src, b.Dir)
	ma, mb := filepath.ToSlash(ra) == a.Path, filepath.ToSlash(rb) == b.Path
	if ma != mb {
		return ma
	}
	if a.HasGoMod != b.HasGoMod {
		return a.HasGoMod
	}
	return a.Dir < b.Dir
}

// inSkippedDir reports whether file lies under a directory that the search
// for module roots skips (testdata, vendor, _x, .x).
func inSkippedDir(src, file string) bool {
	rel, err := filepath.Rel(src, filepath.Dir(file))
	if err != nil {
		return true
	}
	for _, elem := range strings.Split(filepath.ToSlash(rel), "/") {
		if elem != "." && skipRootSearch(elem) {
			return true
		}
	}
	return false
}

func sortedModules(byPath map[string]*Module) []*Module {
	out := make([]*Module, 0, len(byPath))
	for _, m := range byPath {
		out = append(out, m)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Path < out[j].Path })
	return out
}

// fixMajor makes the version agree with the module path's major-version
// suffix, logging every change:
//
//   - path /vN or gopkg.in .vN, version of another major: vN.0.0 (a
//     v0.0.0 pseudo-version keeps its date and hash: vN.0.0-DATE-HASH);
//     gopkg.in .v1 also accepts a v0.0.0 pseudo-version, as the go command
//     does;
//   - no suffix, version v2 or later, no go.mod: vX.Y.Z+incompatible;
//   - no suffix, version v2 or later, with a go.mod (which the go command
//     refuses as +incompatible): v1.9999.0, above every real v1 release,
//     so that any v1 requirement is satisfied.
func fixMajor(opts *Options, m *Module, v string) string {
	want := PathMajor(m.Path)
	have := Major(v)
	switch {
	case want != "" && want != have:
		if want == "1" && strings.HasPrefix(m.Path, "gopkg.in/") && strings.HasPrefix(v, "v0.0.0-") {
			return v
		}
		fixed := "v" + want + ".0.0"
		if strings.HasPrefix(v, "v0.0.0-") && IsPseudoVersion(v) {
			fixed += strings.TrimPrefix(v, "v0.0.0")
		}
		opts.logf("note: %s: Debian version %s gives %s, but the path demands major v%s; serving %s",
			m.Path, m.DebianVersion, v, want, fixed)
		return fixed
	case want == "" && have != "0" && have != "1":
		if !m.HasGoMod {
			return v + "+incompatible"
		}
		fixed := "v1.9999.0"
		opts.logf("note: %s: Debian version %s gives %s, but the module has a go.mod and no /v%s suffix; serving %s",
			m.Path, m.DebianVersion, v, have, fixed)
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

// validModulePath is a light form of the go command's module path check:
// the first element is a lower-case domain name with a dot, every element
// is a valid file name element without a leading dot.
func validModulePath(path string) bool {
	elems := strings.Split(path, "/")
	host := elems[0]
	if !strings.Contains(host, ".") || strings.HasPrefix(host, "-") {
		return false
	}
	for _, r := range host {
		if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '.' || r == '-') {
			return false
		}
	}
	for _, e := range elems {
		if e == "" || e[0] == '.' || !checkFileElem(e) || strings.ContainsAny(e, " !") {
			return false
		}
	}
	return true
}

// GoMod is what parseGoMod reads from a go.mod file.
type GoMod struct {
	Module  string
	Go      string
	Require []Requirement
}

// Requirement is one require line.
type Requirement struct{ Path, Version string }

// parseGoMod reads the module, go and require directives of a go.mod file
// (single-line and block forms, comments and quoted paths allowed). It is
// deliberately small: the proxy serves the file verbatim.
func parseGoMod(data []byte) GoMod {
	var gf GoMod
	block := ""
	for _, line := range strings.Split(string(data), "\n") {
		if i := strings.Index(line, "//"); i >= 0 {
			line = line[:i]
		}
		f := strings.Fields(line)
		if len(f) == 0 {
			continue
		}
		if block != "" {
			if f[0] == ")" {
				block = ""
				continue
			}
			f = append([]string{block}, f...)
		} else if len(f) == 2 && f[1] == "(" {
			block = f[0]
			continue
		}
		switch f[0] {
		case "module":
			if len(f) >= 2 {
				gf.Module = unquote(f[1])
			}
		case "go":
			if len(f) >= 2 {
				gf.Go = f[1]
			}
		case "require":
			if len(f) >= 3 {
				gf.Require = append(gf.Require, Requirement{unquote(f[1]), unquote(f[2])})
			}
		}
	}
	return gf
}

// unquote removes the quotes go.mod allows around paths and versions.
func unquote(s string) string {
	if u, err := strconv.Unquote(s); err == nil {
		return u
	}
	return s
}
