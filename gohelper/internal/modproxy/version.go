// Package modproxy builds a GOPROXY file:// tree (list, .info, .mod and .zip
// per module version) from the Debian Go sources under /usr/share/gocode/src,
// so that the go command can resolve corpus modules in module mode exactly as
// it would against a real proxy.
package modproxy

import (
	"fmt"
	"regexp"
	"strings"
	"unicode"
)

var (
	snapshotRe = regexp.MustCompile(`^(\d+(?:\.\d+)*)~git(\d{8})[.-]([0-9a-f]+)`)
	numericRe  = regexp.MustCompile(`^(\d+)(?:\.(\d+))?(?:\.(\d+))?(.*)$`)
	semverRe   = regexp.MustCompile(`^v(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(-[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?(\+incompatible)?$`)
)

// DebianToSemver converts a Debian package version to a Go module version:
// the epoch, the Debian revision and repack suffixes (+ds, +dfsg, ...) are
// dropped; `~rc1` becomes `-rc1`; a `~gitYYYYMMDD.hash` snapshot becomes a
// pseudo-version.
func DebianToSemver(deb string) (string, error) {
	v := deb
	if i := strings.IndexByte(v, ':'); i >= 0 {
		v = v[i+1:]
	}
	if i := strings.LastIndexByte(v, '-'); i >= 0 {
		v = v[:i]
	}
	if i := strings.Index(v, "+really"); i >= 0 {
		v = v[i+len("+really"):]
	}
	if i := strings.IndexByte(v, '+'); i >= 0 {
		v = v[:i]
	}
	if m := snapshotRe.FindStringSubmatch(v); m != nil {
		rev := m[3]
		if len(rev) > 12 {
			rev = rev[:12]
		}
		rev += strings.Repeat("0", 12-len(rev))
		base := strings.Split(m[1], ".")
		for len(base) < 3 {
			base = append(base, "0")
		}
		// A snapshot after release X.Y.Z: vX.Y.(Z+1)-0.date-hash; of 0.0.0:
		// the plain v0.0.0-date-hash form.
		if base[0] == "0" && base[1] == "0" && base[2] == "0" {
			return fmt.Sprintf("v0.0.0-%s000000-%s", m[2], rev), nil
		}
		var patch int
		fmt.Sscanf(base[2], "%d", &patch)
		return fmt.Sprintf("v%s.%s.%d-0.%s000000-%s", base[0], base[1], patch+1, m[2], rev), nil
	}
	m := numericRe.FindStringSubmatch(v)
	if m == nil {
		return "", fmt.Errorf("Debian version %q has no numeric release", deb)
	}
	parts := []string{m[1], m[2], m[3]}
	for i := range parts {
		if parts[i] == "" {
			parts[i] = "0"
		}
		parts[i] = strings.TrimLeft(parts[i], "0")
		if parts[i] == "" {
			parts[i] = "0"
		}
	}
	out := "v" + strings.Join(parts, ".")
	rest := m[4]
	if strings.HasPrefix(rest, "~") {
		pre := strings.TrimLeftFunc(rest[1:], func(r rune) bool { return r == '.' || r == '-' })
		pre = strings.Map(func(r rune) rune {
			if r == '~' {
				return '.'
			}
			if unicode.IsLetter(r) || unicode.IsDigit(r) || r == '.' || r == '-' {
				return r
			}
			return -1
		}, pre)
		if pre != "" {
			out += "-" + pre
		}
	}
	if !IsValidSemver(out) {
		return "", fmt.Errorf("Debian version %q gives invalid module version %q", deb, out)
	}
	return out, nil
}

// IsValidSemver reports whether v is a canonical module version.
func IsValidSemver(v string) bool { return semverRe.MatchString(v) }

// Major returns the major number of a valid version ("v2.1.0" -> "2").
func Major(v string) string {
	v = strings.TrimPrefix(v, "v")
	if i := strings.IndexByte(v, '.'); i >= 0 {
		return v[:i]
	}
	return v
}

// PathMajor returns the major version a module path demands: "2" for
// example.com/m/v2 and gopkg.in/yaml.v2, "" when the path has no suffix.
func PathMajor(path string) string {
	if strings.HasPrefix(path, "gopkg.in/") {
		if i := strings.LastIndex(path, ".v"); i >= 0 {
			n := path[i+2:]
			if n != "" && strings.Trim(n, "0123456789") == "" {
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

// EscapePath applies the module proxy's case encoding: every upper-case
// letter becomes '!' followed by its lower-case form.
func EscapePath(path string) string {
	var b strings.Builder
	for _, r := range path {
		if 'A' <= r && r <= 'Z' {
			b.WriteByte('!')
			b.WriteRune(unicode.ToLower(r))
		} else {
			b.WriteRune(r)
		}
	}
	return b.String()
}
