package testsrv

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"golang.org/x/mod/module"
)

// Faults is the set of faults switched on (flag -fault, repeatable).
type Faults struct {
	NoteTamper         bool // the tree note's body is changed after signing
	NoteWrongKey       bool // notes are signed by another key of the same name
	LookupOtherModule  bool // /lookup answers with another module's record
	LookupOtherVersion bool // /lookup answers with another version's record
	NoSumdbProxy       bool // the proxy does not serve /sumdb/<name>/...

	TileCorrupt []int64          // records whose level-0 hash is corrupted in every tile served
	ZipTamper   []module.Version // versions whose .zip is served with altered content
	ModTamper   []module.Version // versions whose .mod is served with a line appended

	Status   []*StatusRule
	Delay    []DelayRule
	Truncate []string // URL path prefixes
}

// A StatusRule answers requests under Prefix with Code, the first Count
// requests of each exact path only when Count > 0.
type StatusRule struct {
	Code   int
	Prefix string
	Count  int
}

// A DelayRule delays the answers to requests under Prefix.
type DelayRule struct {
	Delay  time.Duration
	Prefix string
}

// Add parses one -fault value and adds it to f.
func (f *Faults) Add(s string) error {
	name, arg, hasArg := strings.Cut(s, "=")
	noArg := func() error {
		if hasArg {
			return fmt.Errorf("fault %s takes no argument", name)
		}
		return nil
	}
	needArg := func() error {
		if !hasArg || arg == "" {
			return fmt.Errorf("fault %s needs an argument (%s=...)", name, name)
		}
		return nil
	}
	switch name {
	case "note-tamper":
		f.NoteTamper = true
		return noArg()
	case "note-wrong-key":
		f.NoteWrongKey = true
		return noArg()
	case "lookup-other-module":
		f.LookupOtherModule = true
		return noArg()
	case "lookup-other-version":
		f.LookupOtherVersion = true
		return noArg()
	case "no-sumdb-proxy":
		f.NoSumdbProxy = true
		return noArg()
	case "tile-corrupt":
		if err := needArg(); err != nil {
			return err
		}
		i, err := strconv.ParseInt(arg, 10, 64)
		if err != nil || i < 0 {
			return fmt.Errorf("tile-corrupt=%s: want a record number", arg)
		}
		f.TileCorrupt = append(f.TileCorrupt, i)
		return nil
	case "zip-tamper", "mod-tamper":
		if err := needArg(); err != nil {
			return err
		}
		path, vers, ok := strings.Cut(arg, "@")
		if !ok || module.Check(path, vers) != nil {
			return fmt.Errorf("%s=%s: want module@version", name, arg)
		}
		m := module.Version{Path: path, Version: vers}
		if name == "zip-tamper" {
			f.ZipTamper = append(f.ZipTamper, m)
		} else {
			f.ModTamper = append(f.ModTamper, m)
		}
		return nil
	case "status":
		if err := needArg(); err != nil {
			return err
		}
		r, err := parseStatus(arg)
		if err != nil {
			return err
		}
		f.Status = append(f.Status, r)
		return nil
	case "delay":
		if err := needArg(); err != nil {
			return err
		}
		ms, prefix, ok := strings.Cut(arg, ":")
		n, err := strconv.Atoi(ms)
		if !ok || err != nil || n < 0 || !strings.HasPrefix(prefix, "/") {
			return fmt.Errorf("delay=%s: want MS:/PREFIX", arg)
		}
		f.Delay = append(f.Delay, DelayRule{time.Duration(n) * time.Millisecond, prefix})
		return nil
	case "truncate":
		if err := needArg(); err != nil {
			return err
		}
		if !strings.HasPrefix(arg, "/") {
			return fmt.Errorf("truncate=%s: want /PREFIX", arg)
		}
		f.Truncate = append(f.Truncate, arg)
		return nil
	}
	return fmt.Errorf("unknown fault %q", s)
}

// parseStatus parses CODE:PREFIX[:COUNT].
func parseStatus(arg string) (*StatusRule, error) {
	bad := fmt.Errorf("status=%s: want CODE:/PREFIX[:COUNT]", arg)
	code, rest, ok := strings.Cut(arg, ":")
	if !ok {
		return nil, bad
	}
	c, err := strconv.Atoi(code)
	if err != nil || c < 200 || c > 599 {
		return nil, fmt.Errorf("status=%s: HTTP status must be 200-599", arg)
	}
	r := &StatusRule{Code: c, Prefix: rest}
	if i := strings.LastIndex(rest, ":"); i >= 0 {
		if n, err := strconv.Atoi(rest[i+1:]); err == nil {
			if n <= 0 {
				return nil, fmt.Errorf("status=%s: COUNT must be positive", arg)
			}
			r.Prefix, r.Count = rest[:i], n
		}
	}
	if !strings.HasPrefix(r.Prefix, "/") {
		return nil, bad
	}
	return r, nil
}
