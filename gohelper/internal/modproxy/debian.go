package modproxy

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// DebianDB answers which Debian package owns a file and at which version,
// from dpkg's own database files (no dpkg calls).
type DebianDB struct {
	Versions map[string]string // installed package -> Debian version
	Owner    map[string]string // file path (.go or go.mod) -> package
}

// LoadDebianDB reads dpkgDir/status (the Package/Status/Version stanzas of
// installed packages) and the file lists dpkgDir/info/*.list, keeping the
// .go and go.mod files under src. When two packages list the same file
// (rare: diversions, transitional packages) the alphabetically first
// installed one owns it.
func LoadDebianDB(dpkgDir, src string) (*DebianDB, error) {
	db := &DebianDB{Versions: map[string]string{}, Owner: map[string]string{}}
	statusPath := filepath.Join(dpkgDir, "status")
	f, err := os.Open(statusPath)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	var pkg, status, version string
	flush := func() {
		if pkg != "" && version != "" && strings.HasSuffix(status, " installed") {
			db.Versions[pkg] = version
		}
		pkg, status, version = "", "", ""
	}
	for sc.Scan() {
		line := sc.Text()
		switch {
		case line == "":
			flush()
		case strings.HasPrefix(line, "Package:"):
			pkg = strings.TrimSpace(strings.TrimPrefix(line, "Package:"))
		case strings.HasPrefix(line, "Status:"):
			status = strings.TrimSpace(strings.TrimPrefix(line, "Status:"))
		case strings.HasPrefix(line, "Version:"):
			version = strings.TrimSpace(strings.TrimPrefix(line, "Version:"))
		}
	}
	flush()
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", statusPath, err)
	}

	lists, err := filepath.Glob(filepath.Join(dpkgDir, "info", "*.list"))
	if err != nil {
		return nil, err
	}
	sort.Strings(lists)
	prefix := filepath.Clean(src) + "/"
	for _, list := range lists {
		name := strings.TrimSuffix(filepath.Base(list), ".list")
		name, _, _ = strings.Cut(name, ":") // multi-arch: pkg:amd64.list
		if _, ok := db.Versions[name]; !ok {
			continue // not installed (config files left behind)
		}
		data, err := os.ReadFile(list)
		if err != nil {
			return nil, err
		}
		for _, p := range strings.Split(string(data), "\n") {
			if !strings.HasPrefix(p, prefix) || !(strings.HasSuffix(p, ".go") || strings.HasSuffix(p, "/go.mod")) {
				continue
			}
			if _, taken := db.Owner[p]; !taken {
				db.Owner[p] = name
			}
		}
	}
	return db, nil
}
