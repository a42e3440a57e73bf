// Package modproxy builds a GOPROXY file:// tree (list, .info, .mod and .zip
// per module version) from the Debian Go sources under /usr/share/gocode/src,
// so that the go command can resolve corpus modules in module mode exactly as
// it would against a real proxy. See docs/Corpus.md.
package modproxy

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
)

var (
	// upstreamRe splits a Debian upstream version into its numeric release
	// and whatever follows (~rc1, +ds1, ~git20230105.8ea5a2c, ...).
	upstreamRe = regexp.MustCompile(`^(\d+(?:\.\d+)*)(.*)$`)
	// snapshotRe matches one "git snapshot" modifier: ~git20230105.8ea5a2c,
	// +git20190917.de67a66, ~git20210604-d5e0c0615ace, +git20200101 (no hash).
	snapshotRe = regexp.MustCompile(`^(?:git|snapshot|svn|hg|bzr)?(\d{8})(?:[.-]?(\d{6}))?(?:[.-]([0-9a-fA-F]{4,40}))?$`)
	// repackRe matches the Debian repack markers that say nothing about the
	// upstream release: ds, ds1, dfsg, dfsg1, repack2, debian, nmu1, ...
	repackRe = regexp.MustCompile(`^(?:ds|dfsg|repack|debian|nmu|deb|really)\d*$`)
	semverRe = regexp.MustCompile(`^v(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?(\+incompatible)?$`)
	pseudoRe = regexp.MustCompile(`(?:^|[-.])(\d{14})-[0-9a-f]{12}$`)
)

// DebianToSemver converts a Debian package version to a Go module version.
//
//   - The epoch ("1:") and the Debian revision ("-1", "-2~bpo12+1") are
//     dropped; "A+reallyB" means B.
//   - Repack markers (+ds, +ds1, +dfsg, ~ds1, +repack2, ...) are dropped.
//   - A release with fewer than three numbers is padded (1.2 -> v1.2.0);
//     numbers beyond the third are dropped; leading zeros are removed.
//   - A pre-release marker "~rc1" (any ~word) becomes "-rc1".
//   - A snapshot becomes a pseudo-version, the time being the snapshot date
//     at 00:00:00 and the revision the hash padded with zeros to 12 hex
//     digits: 0.0~git20230105.8ea5a2c -> v0.0.0-20230105000000-8ea5a2c00000
//     (no release yet); X~gitDATE.HASH is a commit before release X, so
//     vX-0.DATE-HASH; X+gitDATE.HASH is a commit after release X, so
//     vX.Y.(Z+1)-0.DATE-HASH.
//
// The result is checked with IsValidSemver.
func DebianToSemver(deb string) (string, error) {
	v := strings.TrimSpace(deb)
	if i := strings.IndexByte(v, ':'); i >= 0 {
		if _, err := strconv.Atoi(v[:i]); err != nil {
			return "", fmt.Errorf("Debian version %q: bad epoch", deb)
		}
		v = v[i+1:]
	}
	if i := strings.LastIndexByte(v, '-'); i >= 0 {
		v = v[:i]
	}
	if i := strings.Index(v, "+really"); i >= 0 {
		v = v[i+len("+really"):]
	}
	m := upstreamRe.FindStringSubmatch(v)
	if m == nil {
		return "", fmt.Errorf("Debian version %q has no numeric upstream release", deb)
	}
	nums := strings.Split(m[1], ".")
	for len(nums) < 3 {
		nums = append(nums, "0")
	}
	var n [3]int
	for i := range n {
		x, err := strconv.Atoi(nums[i])
		if err != nil {
			return "", fmt.Errorf("Debian version %q: bad number %q", deb, nums[i])
		}
		n[i] = x
	}

	// The modifiers: each starts with '~' (sorts before the release) or
	// '+' (after it).
	var pre []string // pre-release identifiers (~rc1 -> rc1)
	var snapDate, snapTime, snapHash string
	snapAfter := false
	rest := m[2]
	for rest != "" {
		sep := rest[0]
		if sep != '~' && sep != '+' && sep != '.' {
			return "", fmt.Errorf("Debian version %q: cannot read %q", deb, rest)
		}
		rest = rest[1:]
		end := strings.IndexAny(rest, "~+")
		word := rest
		if end >= 0 {
			word, rest = rest[:end], rest[end:]
		} else {
			rest = ""
		}
		lower := strings.ToLower(word)
		switch {
		case word == "":
		case repackRe.MatchString(lower):
			// A repack: no information about the upstream code.
		case snapshotRe.MatchString(lower) && (sep != '.' || strings.HasPrefix(lower, "git")):
			s := snapshotRe.FindStringSubmatch(lower)
			snapDate, snapTime, snapHash = s[1], s[2], s[3]
			snapAfter = sep == '+'
		case sep == '~':
			id := sanitizeIdent(word)
			if id != "" {
				pre = append(pre, id)
			}
		default:
			// "+something" we do not know: build metadata, dropped.
		}
	}

	out := fmt.Sprintf("v%d.%d.%d", n[0], n[1], n[2])
	switch {
	case snapDate != "":
		if _, err := time.Parse("20060102", snapDate); err != nil {
			return "", fmt.Errorf("Debian version %q: bad snapshot date %q", deb, snapDate)
		}
		if snapTime == "" {
			snapTime = "000000"
		}
		hash := snapHash
		if len(hash) > 12 {
			hash = hash[:12]
		}
		hash += strings.Repeat("0", 12-len(hash))
		stamp := snapDate + snapTime + "-" + hash
		switch {
		case n == [3]int{} && len(pre) == 0:
			out = "v0.0.0-" + stamp
		case snapAfter && len(pre) == 0:
			out = fmt.Sprintf("v%d.%d.%d-0.%s", n[0], n[1], n[2]+1, stamp)
		case snapAfter:
			out += "-" + strings.Join(pre, ".") + ".0." + stamp
		default:
			// A snapshot before release X (or before X-pre).
			out += "-" + strings.Join(append(pre, "0"), ".") + "." + stamp
		}
	case len(pre) > 0:
		out += "-" + strings.Join(pre, ".")
	}
	if !IsValidSemver(out) {
		return "", fmt.Errorf("Debian version %q gives invalid module version %q", deb, out)
	}
	return out, nil
}

// sanitizeIdent turns a Debian pre-release word into dot-separated semver
// identifiers: letters, digits and '-' are kept, '.' separates, numeric
// identifiers lose their leading zeros.
func sanitizeIdent(word string) string {
	var ids []string
	for _, part := range strings.Split(word, ".") {
		part = strings.Map(func(r rune) rune {
			if r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' {
				return r
			}
			return -1
		}, part)
		if part == "" {
			continue
		}
		if strings.Trim(part, "0123456789") == "" {
			part = strings.TrimLeft(part, "0")
			if part == "" {
				part = "0"
			}
		}
		ids = append(ids, part)
	}
	return strings.Join(ids, ".")
}

// IsValidSemver reports whether v is a canonical module version: vX.Y.Z with
// an optional pre-release and an optional +incompatible, no leading zeros in
// numbers (including numeric pre-release identifiers).
func IsValidSemver(v string) bool {
	m := semverRe.FindStringSubmatch(v)
	if m == nil {
		return false
	}
	if m[4] != "" {
		for _, id := range strings.Split(m[4], ".") {
			if len(id) > 1 && id[0] == '0' && strings.Trim(id, "0123456789") == "" {
				return false
			}
		}
	}
	return true
}

// CompareSemver compares two valid versions by semver precedence (build
// metadata such as +incompatible is ignored), returning -1, 0 or +1.
func CompareSemver(a, b string) int {
	pa, pb := parseSemver(a), parseSemver(b)
	for i := 0; i < 3; i++ {
		if c := compareNum(pa.nums[i], pb.nums[i]); c != 0 {
			return c
		}
	}
	switch {
	case pa.pre == "" && pb.pre == "":
		return 0
	case pa.pre == "":
		return 1
	case pb.pre == "":
		return -1
	}
	ia, ib := strings.Split(pa.pre, "."), strings.Split(pb.pre, ".")
	for i := 0; i < len(ia) && i < len(ib); i++ {
		na := strings.Trim(ia[i], "0123456789") == ""
		nb := strings.Trim(ib[i], "0123456789") == ""
		var c int
		switch {
		case na && nb:
			c = compareNum(ia[i], ib[i])
		case na:
			c = -1
		case nb:
			c = 1
		default:
			c = strings.Compare(ia[i], ib[i])
		}
		if c != 0 {
			return c
		}
	}
	return compareNum(strconv.Itoa(len(ia)), strconv.Itoa(len(ib)))
}

type semverParts struct {
	nums [3]string
	pre  string
}

func parseSemver(v string) semverParts {
	var p semverParts
	m := semverRe.FindStringSubmatch(v)
	if m == nil {
		return p
	}
	p.nums = [3]string{m[1], m[2], m[3]}
	p.pre = m[4]
	return p
}

// compareNum compares two decimal numbers without leading zeros.
func compareNum(a, b string) int {
	if len(a) != len(b) {
		if len(a) < len(b) {
			return -1
		}
		return 1
	}
	return strings.Compare(a, b)
}

// Major returns the major number of a version ("v2.1.0" -> "2").
func Major(v string) string {
	v = strings.TrimPrefix(v, "v")
	if i := strings.IndexByte(v, '.'); i >= 0 {
		return v[:i]
	}
	return v
}

// IsPseudoVersion reports whether v looks like a pseudo-version.
func IsPseudoVersion(v string) bool {
	return strings.Count(v, "-") >= 2 && pseudoRe.MatchString(strings.TrimSuffix(v, "+incompatible"))
}

// PseudoVersionTime returns the time a pseudo-version records.
func PseudoVersionTime(v string) (time.Time, bool) {
	m := pseudoRe.FindStringSubmatch(strings.TrimSuffix(v, "+incompatible"))
	if m == nil || strings.Count(v, "-") < 2 {
		return time.Time{}, false
	}
	t, err := time.Parse("20060102150405", m[1])
	return t, err == nil
}

// PathMajor returns the major version a module path demands: "2" for
// example.com/m/v2, "3" for gopkg.in/yaml.v3 (and "1" for gopkg.in/x.v1),
// "" when the path has no major-version suffix.
func PathMajor(path string) string {
	if strings.HasPrefix(path, "gopkg.in/") {
		if i := strings.LastIndex(path, ".v"); i >= 0 {
			n := strings.TrimSuffix(path[i+2:], "-unstable")
			if n != "" && strings.Trim(n, "0123456789") == "" && (n == "0" || n[0] != '0') {
				return n
			}
		}
		return ""
	}
	i := strings.LastIndex(path, "/v")
	if i < 0 {
		return ""
	}
	n := path[i+2:]
	if n == "" || strings.Trim(n, "0123456789") != "" || n[0] == '0' || n == "1" {
		return ""
	}
	return n
}

// EscapePath applies the module proxy's case encoding to a module path:
// every upper-case ASCII letter becomes '!' followed by its lower-case form
// (github.com/BurntSushi/toml -> github.com/!burnt!sushi/toml). Paths with
// '!' or non-ASCII characters cannot be encoded and are refused.
func EscapePath(path string) (string, error) {
	if path == "" {
		return "", fmt.Errorf("empty module path")
	}
	return escapeString(path, "module path")
}

// EscapeVersion applies the same case encoding to a version, for the file
// names under @v/ (v1.0.0-RC1 -> v1.0.0-!r!c1).
func EscapeVersion(v string) (string, error) {
	if v == "" || strings.ContainsAny(v, "/\\") || !checkFileElem(v) {
		return "", fmt.Errorf("version %q cannot be used in a file name", v)
	}
	return escapeString(v, "version")
}

func escapeString(s, what string) (string, error) {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '!' || r >= 0x80:
			return "", fmt.Errorf("%s %q: character %q cannot be case-encoded", what, s, r)
		case 'A' <= r && r <= 'Z':
			b.WriteByte('!')
			b.WriteByte(byte(r - 'A' + 'a'))
		default:
			b.WriteRune(r)
		}
	}
	return b.String(), nil
}
