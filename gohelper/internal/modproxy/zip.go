package modproxy

import (
	"archive/zip"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"time"
	"unicode"
)

// The limits of golang.org/x/mod/zip.
const (
	maxZipFile = 500 << 20 // a module's total unpacked size, and its zip file
	maxGoMod   = 16 << 20  // go.mod
	maxLICENSE = 16 << 20  // LICENSE
)

// zipTime is the modification time of every zip entry, and the time in the
// .info files of release versions: zips are byte-identical from one build
// to the next.
var zipTime = time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)

// File is one file of a module zip.
type File struct {
	Rel     string // slash-separated path inside the module
	Abs     string // where to read it
	Size    int64
	ModTime time.Time // of the file on disk (for the up-to-date stamp only)
}

// ModuleFiles lists the files that belong in the zip of the module rooted at
// root, sorted by path, following golang.org/x/mod/zip:
//
//   - no vendor directories, no .git, .hg, .bzr or .svn directories, no
//     .hg_archival.txt;
//   - no subdirectory holding its own go.mod (a nested module), and none of
//     the directories in exclude (other modules without a go.mod on disk);
//   - regular files only: a symbolic link to a file is followed (Debian
//     links some files to other packages), a link to a directory is skipped;
//   - no path the go command refuses (CheckFilePath), no case-insensitive
//     collision, no go.mod spelt in another case.
//
// Files left out for a reason the go command would report are passed to
// warnf (may be nil).
func ModuleFiles(root string, exclude []string, warnf func(string, ...any)) ([]File, error) {
	if warnf == nil {
		warnf = func(string, ...any) {}
	}
	excluded := map[string]bool{}
	for _, e := range exclude {
		excluded[filepath.Clean(e)] = true
	}
	var files []File
	collisions := collisionChecker{}
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if p == root {
			return nil
		}
		rel, err := filepath.Rel(root, p)
		if err != nil {
			return err
		}
		rel = filepath.ToSlash(rel)
		if d.IsDir() {
			switch d.Name() {
			case "vendor", ".git", ".hg", ".bzr", ".svn":
				return filepath.SkipDir
			}
			if excluded[p] {
				return filepath.SkipDir
			}
			if st, err := os.Lstat(filepath.Join(p, "go.mod")); err == nil && !st.IsDir() {
				return filepath.SkipDir // a nested module
			}
			return nil
		}
		if rel == ".hg_archival.txt" {
			return nil
		}
		st, err := os.Stat(p) // follows symbolic links
		switch {
		case err != nil:
			warnf("%s: %v; left out of the zip", p, err)
			return nil
		case st.IsDir():
			warnf("%s: symbolic link to a directory; left out of the zip", p)
			return nil
		case !st.Mode().IsRegular():
			return nil
		}
		if err := CheckFilePath(rel); err != nil {
			warnf("%s: %v; left out of the zip", p, err)
			return nil
		}
		if strings.EqualFold(rel, "go.mod") && rel != "go.mod" {
			warnf("%s: go.mod spelt %q; left out of the zip", p, rel)
			return nil
		}
		if err := collisions.check(rel, false); err != nil {
			warnf("%s: %v; left out of the zip", p, err)
			return nil
		}
		files = append(files, File{Rel: rel, Abs: p, Size: st.Size(), ModTime: st.ModTime()})
		return nil
	})
	if err != nil {
		return nil, err
	}
	sort.Slice(files, func(i, j int) bool { return files[i].Rel < files[j].Rel })
	return files, nil
}

// checkSizes applies the size limits of golang.org/x/mod/zip.
func checkSizes(files []File) error {
	var total int64
	for _, f := range files {
		switch {
		case f.Rel == "go.mod" && f.Size > maxGoMod:
			return fmt.Errorf("go.mod is larger than %d bytes", maxGoMod)
		case f.Rel == "LICENSE" && f.Size > maxLICENSE:
			return fmt.Errorf("LICENSE is larger than %d bytes", maxLICENSE)
		case f.Size > maxZipFile:
			return fmt.Errorf("%s is larger than %d bytes", f.Rel, maxZipFile)
		}
		total += f.Size
		if total > maxZipFile {
			return fmt.Errorf("module contents are larger than %d bytes unpacked", maxZipFile)
		}
	}
	return nil
}

// writeZip writes the module zip of m: every file under the
// "path@version/" prefix, in the order given (ModuleFiles sorts), deflated,
// all with the same modification time. The tree's go.mod is left out when
// the module is served with a synthesised one (the go command then
// synthesises it as well).
func writeZip(w io.Writer, m *Module, files []File) error {
	if err := checkSizes(files); err != nil {
		return err
	}
	zw := zip.NewWriter(w)
	prefix := m.Path + "@" + m.Version + "/"
	for _, f := range files {
		if f.Rel == "go.mod" && !m.HasGoMod {
			continue
		}
		hdr := &zip.FileHeader{Name: prefix + f.Rel, Method: zip.Deflate, Modified: zipTime}
		fw, err := zw.CreateHeader(hdr)
		if err != nil {
			return err
		}
		if err := copyFile(fw, f); err != nil {
			return err
		}
	}
	return zw.Close()
}

// copyFile copies f to w, failing if its size changed since it was listed
// (the stamp would then describe other contents).
func copyFile(w io.Writer, f File) error {
	r, err := os.Open(f.Abs)
	if err != nil {
		return err
	}
	defer r.Close()
	n, err := io.Copy(w, io.LimitReader(r, f.Size+1))
	if err != nil {
		return fmt.Errorf("reading %s: %w", f.Abs, err)
	}
	if n != f.Size {
		return fmt.Errorf("%s changed size while being zipped (%d bytes, listed %d)", f.Abs, n, f.Size)
	}
	return nil
}

// CheckFilePath reports whether the go command accepts rel as the path of a
// file in a module zip (golang.org/x/mod/module.CheckFilePath): clean,
// relative, every element a valid file name.
func CheckFilePath(rel string) error {
	if rel == "" || path.IsAbs(rel) || path.Clean(rel) != rel || strings.Contains(rel, "\\") {
		return fmt.Errorf("file path %q is not clean and relative", rel)
	}
	for _, elem := range strings.Split(rel, "/") {
		if !checkFileElem(elem) {
			return fmt.Errorf("file path %q: invalid element %q", rel, elem)
		}
	}
	return nil
}

// badWindowsNames are the path elements Windows reserves, refused by the go
// command in any case and with any extension.
var badWindowsNames = []string{"CON", "PRN", "AUX", "NUL",
	"COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8", "COM9",
	"LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9"}

// checkFileElem is golang.org/x/mod/module's file name element check.
func checkFileElem(elem string) bool {
	if elem == "" || strings.Count(elem, ".") == len(elem) || elem[len(elem)-1] == '.' {
		return false
	}
	for _, r := range elem {
		ok := r >= '0' && r <= '9' || r >= 'A' && r <= 'Z' || r >= 'a' && r <= 'z' ||
			strings.ContainsRune("!#$%&()+,-.=@[]^_{}~ ", r) ||
			r >= 0x80 && unicode.IsLetter(r)
		if !ok {
			return false
		}
	}
	short, _, _ := strings.Cut(elem, ".")
	for _, bad := range badWindowsNames {
		if strings.EqualFold(bad, short) {
			return false
		}
	}
	return true
}

// collisionChecker finds paths that differ only in case, and a path used
// both as a file and as a directory, as golang.org/x/mod/zip does.
type collisionChecker map[string]collisionEntry

type collisionEntry struct {
	path  string
	isDir bool
}

func (cc collisionChecker) check(p string, isDir bool) error {
	fold := foldString(p)
	if other, ok := cc[fold]; ok {
		switch {
		case other.path != p:
			return fmt.Errorf("case-insensitive file name collision: %q and %q", other.path, p)
		case other.isDir != isDir:
			return fmt.Errorf("entry %q is both a file and a directory", p)
		case !isDir:
			return fmt.Errorf("multiple entries for file %q", p)
		}
		return nil // the same directory again
	}
	cc[fold] = collisionEntry{p, isDir}
	if parent := path.Dir(p); parent != "." {
		return cc.check(parent, true)
	}
	return nil
}

// foldString maps every rune to the smallest rune of its case-folding orbit.
func foldString(s string) string {
	return strings.Map(func(r rune) rune {
		min := r
		for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
			if f < min {
				min = f
			}
		}
		return min
	}, s)
}
