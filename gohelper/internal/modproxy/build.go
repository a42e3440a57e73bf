package modproxy

import (
	"bufio"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"time"
)

// stampFormat is part of every module's up-to-date stamp: change it when the
// layout of what Build writes changes, so that old proxies are rewritten.
const stampFormat = "mochi-go-corpus-proxy/2"

// Result describes what Build did.
type Result struct {
	Served  []*Module // the modules in the proxy, as listed in pins.txt and index.json
	Written int       // modules whose files were (re)written
	Skipped []*Module // modules left out (the reason went to Options.Warnf)
}

// skipError marks a problem with one module's sources: the module is left
// out and the build goes on. Other errors (writing the proxy) stop it.
type skipError struct{ err error }

func (e skipError) Error() string { return e.err.Error() }
func (e skipError) Unwrap() error { return e.err }

// Build writes the proxy tree for mods under opts.Out:
//
//	<escaped path>/@v/list, <v>.info, <v>.mod, <v>.zip  (the GOPROXY layout)
//	<escaped path>/@v/<v>.stamp                         (up-to-date stamp)
//	pins.txt    one "path version" line per served module, sorted
//	index.json  path, version, dir, Debian package and version per module
//
// Every file is written to a temporary file and renamed into place, the
// stamp last, so an interrupted build never leaves a truncated file and is
// redone where it stopped. A module whose stamp matches (the same module,
// version, go.mod and file list with sizes and modification times) is left
// alone. Modules are zipped in parallel (Options.Jobs).
func Build(opts Options, mods []*Module) (*Result, error) {
	if opts.Out == "" {
		return nil, errors.New("no output directory")
	}
	if err := os.MkdirAll(opts.Out, 0o755); err != nil {
		return nil, err
	}
	jobs := opts.Jobs
	if jobs <= 0 {
		jobs = runtime.GOMAXPROCS(0)
	}
	type outcome struct {
		wrote bool
		err   error
	}
	outcomes := make([]outcome, len(mods))
	var (
		wg   sync.WaitGroup
		next = make(chan int)
		done int
		mu   sync.Mutex
	)
	for w := 0; w < jobs; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				wrote, err := buildModule(&opts, mods[i])
				outcomes[i] = outcome{wrote, err}
				if wrote {
					mu.Lock()
					done++
					opts.logf("[%d written] %s@%s", done, mods[i].Path, mods[i].Version)
					mu.Unlock()
				}
			}
		}()
	}
	for i := range mods {
		next <- i
	}
	close(next)
	wg.Wait()

	res := &Result{}
	for i, m := range mods {
		o := outcomes[i]
		var skip skipError
		switch {
		case o.err == nil:
			res.Served = append(res.Served, m)
			if o.wrote {
				res.Written++
			}
		case errors.As(o.err, &skip):
			opts.warnf("%s@%s (%s): %v; module left out", m.Path, m.Version, m.Dir, o.err)
			res.Skipped = append(res.Skipped, m)
		default:
			return nil, fmt.Errorf("%s@%s: %w", m.Path, m.Version, o.err)
		}
	}

	var pins strings.Builder
	for _, m := range res.Served {
		fmt.Fprintf(&pins, "%s %s\n", m.Path, m.Version)
	}
	if err := WriteFileAtomic(filepath.Join(opts.Out, "pins.txt"), []byte(pins.String())); err != nil {
		return nil, err
	}
	served := res.Served
	if served == nil {
		served = []*Module{}
	}
	index, err := json.MarshalIndent(served, "", "  ")
	if err != nil {
		return nil, err
	}
	if err := WriteFileAtomic(filepath.Join(opts.Out, "index.json"), append(index, '\n')); err != nil {
		return nil, err
	}
	return res, nil
}

// buildModule writes one module's files unless its stamp says they are up
// to date, and reports whether it wrote them.
func buildModule(opts *Options, m *Module) (bool, error) {
	escPath, err := EscapePath(m.Path)
	if err != nil {
		return false, skipError{err}
	}
	escVer, err := EscapeVersion(m.Version)
	if err != nil {
		return false, skipError{err}
	}
	var files []File
	if !m.Stub {
		files, err = ModuleFiles(m.Dir, m.Exclude, opts.warnf)
		if err != nil {
			return false, skipError{err}
		}
		if err := checkSizes(files); err != nil {
			return false, skipError{err}
		}
	}
	dir := filepath.Join(opts.Out, filepath.FromSlash(escPath), "@v")
	base := filepath.Join(dir, escVer)
	stamp := fingerprint(m, files)
	if upToDate(dir, base, stamp) {
		return false, nil
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return false, err
	}
	if err := writeZipAtomic(base+".zip", m, files); err != nil {
		return false, err
	}
	info, err := json.Marshal(struct {
		Version string
		Time    string
	}{m.Version, infoTime(m.Version).Format(time.RFC3339)})
	if err != nil {
		return false, err
	}
	for _, f := range []struct {
		name string
		data []byte
	}{
		{base + ".mod", m.GoMod},
		{base + ".info", append(info, '\n')},
		{filepath.Join(dir, "list"), []byte(m.Version + "\n")},
	} {
		if err := WriteFileAtomic(f.name, f.data); err != nil {
			return false, err
		}
	}
	if err := removeStale(dir, escVer); err != nil {
		return false, err
	}
	return true, WriteFileAtomic(base+".stamp", []byte(stamp))
}

// infoTime is the time the .info file gives a version: the time recorded in
// a pseudo-version, a fixed time otherwise.
func infoTime(v string) time.Time {
	if t, ok := PseudoVersionTime(v); ok {
		return t
	}
	return zipTime
}

// upToDate reports whether the files of a module version exist and its
// stamp matches.
func upToDate(dir, base, stamp string) bool {
	old, err := os.ReadFile(base + ".stamp")
	if err != nil || string(old) != stamp {
		return false
	}
	for _, p := range []string{base + ".zip", base + ".mod", base + ".info", filepath.Join(dir, "list")} {
		if _, err := os.Stat(p); err != nil {
			return false
		}
	}
	return true
}

// removeStale removes, from a module's @v directory, the files of versions
// other than escVer and temporary files left by an interrupted build.
func removeStale(dir, escVer string) error {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return err
	}
	for _, e := range entries {
		name := e.Name()
		if name == "list" || e.IsDir() {
			continue
		}
		ext := filepath.Ext(name)
		ours := ext == ".zip" || ext == ".mod" || ext == ".info" || ext == ".stamp"
		if strings.HasPrefix(name, ".tmp-") || ours && strings.TrimSuffix(name, ext) != escVer {
			if err := os.Remove(filepath.Join(dir, name)); err != nil {
				return err
			}
		}
	}
	return nil
}

// fingerprint is the up-to-date stamp of a module: everything that goes
// into its files.
func fingerprint(m *Module, files []File) string {
	h := sha256.New()
	fmt.Fprintf(h, "%s\n%s@%s\nstub=%v gomod=%v\n%s\n", stampFormat, m.Path, m.Version, m.Stub, m.HasGoMod, m.GoMod)
	for _, f := range files {
		fmt.Fprintf(h, "%q %s %d %d\n", f.Rel, f.Abs, f.Size, f.ModTime.UnixNano())
	}
	return hex.EncodeToString(h.Sum(nil)) + "\n"
}

// writeZipAtomic writes the zip of m to a temporary file beside path and
// renames it into place.
func writeZipAtomic(path string, m *Module, files []File) error {
	return writeAtomic(path, func(f *os.File) error {
		bw := bufio.NewWriterSize(f, 1<<20)
		if err := writeZip(bw, m, files); err != nil {
			return err
		}
		if err := bw.Flush(); err != nil {
			return err
		}
		if st, err := f.Stat(); err == nil && st.Size() > maxZipFile {
			return skipError{fmt.Errorf("module zip is larger than %d bytes", maxZipFile)}
		}
		return nil
	})
}

// WriteFileAtomic writes data to a temporary file beside path and renames
// it into place, so that readers never see a partial file.
func WriteFileAtomic(path string, data []byte) error {
	return writeAtomic(path, func(f *os.File) error {
		_, err := f.Write(data)
		return err
	})
}

func writeAtomic(path string, fill func(*os.File) error) (err error) {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".tmp-"+filepath.Base(path)+"-*")
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if err := fill(tmp); err != nil {
		return err
	}
	if err := tmp.Chmod(0o644); err != nil {
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}
