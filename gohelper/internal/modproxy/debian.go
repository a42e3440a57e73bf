package modproxy

import (
	"bufio"
	"os"
	"path/filepath"
	"strings"
)

// DebianDB answers which Debian package owns a file and at which version.
type DebianDB struct {
	Versions map[string]string // package -> Debian version
	Owner    map[string]string // file path -> package
}

// LoadDebianDB reads dpkg's status file and the file lists of the golang-*
// packages (fast: no dpkg calls).
func LoadDebianDB(dpkgDir string) (*DebianDB, error) {
	db := &DebianDB{Versions: map[string]string{}, Owner: map[string]string{}}
	f, err := os.Open(filepath.Join(dpkgDir, "status"))
	if err != nil {
		return nil, err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	var pkg, status string
	flush := func() {
		pkg, status = "", ""
	}
	for sc.Scan() {
		line := sc.Text()
		switch {
		case line == "":
			flush()
		case strings.HasPrefix(line, "Package: "):
			pkg = strings.TrimPrefix(line, "Package: ")
		case strings.HasPrefix(line, "Status: "):
			status = strings.TrimPrefix(line, "Status: ")
		case strings.HasPrefix(line, "Version: "):
			if pkg != "" && strings.HasSuffix(status, " installed") {
				db.Versions[pkg] = strings.TrimPrefix(line, "Version: ")
			}
		}
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	lists, _ := filepath.Glob(filepath.Join(dpkgDir, "info", "golang-*.list"))
	for _, list := range lists {
		name := strings.TrimSuffix(filepath.Base(list), ".list")
		name = strings.SplitN(name, ":", 2)[0]
		data, err := os.ReadFile(list)
		if err != nil {
			return nil, err
		}
		for _, p := range strings.Split(string(data), "\n") {
			if strings.HasSuffix(p, ".go") || strings.HasSuffix(p, "/go.mod") {
				db.Owner[p] = name
			}
		}
	}
	return db, nil
}
