package modproxy

import (
	"testing"
	"time"
)

func TestDebianToSemver(t *testing.T) {
	cases := []struct{ deb, want string }{
		// plain releases, Debian revisions, epochs
		{"1.6.0-1", "v1.6.0"},
		{"1.6.0", "v1.6.0"}, // native package: no revision
		{"3.0.1-3", "v3.0.1"},
		{"1.0.0-1.1", "v1.0.0"}, // NMU revision
		{"1.3.0-2~bpo12+1", "v1.3.0"},
		{"1.23.5-1~bpo12+1", "v1.23.5"},
		{"1:2.4.0-3", "v2.4.0"},
		{"1:1.31.0-4", "v1.31.0"},
		{"5:1.0-1", "v1.0.0"},
		// short and odd releases
		{"1.2-1", "v1.2.0"},
		{"2-1", "v2.0.0"},
		{"01.02.03-1", "v1.2.3"},
		{"1.2.3.4-1", "v1.2.3"},
		// repacks
		{"1:0.7.0+dfsg-1", "v0.7.0"},
		{"1.8.1+ds-2", "v1.8.1"},
		{"0.5.0+dfsg1-1", "v0.5.0"},
		{"2.0.2+ds1-1", "v2.0.2"},
		{"1.15.12+ds1-3", "v1.15.12"},
		{"1.14.16~ds1-1", "v1.14.16"},
		{"1.2.3+repack2-1", "v1.2.3"},
		{"1.2.3~dfsg-1", "v1.2.3"},
		// +really: the real upstream release
		{"1.0+really0.9.1-1", "v0.9.1"},
		{"1.1.0+really1.1.0-2", "v1.1.0"},
		{"2.0.0+really1.9.0+ds-1", "v1.9.0"},
		// pre-releases
		{"1.0.0~rc1-1", "v1.0.0-rc1"},
		{"2.0.0~beta.2-1", "v2.0.0-beta.2"},
		{"1.0~alpha-1", "v1.0.0-alpha"},
		{"1.0.0~rc1+ds-1", "v1.0.0-rc1"},
		{"1.0~RC1-1", "v1.0.0-RC1"},
		{"1.0.0~rc.01-1", "v1.0.0-rc.1"},
		// snapshots
		{"0.0~git20230105.8ea5a2c-1", "v0.0.0-20230105000000-8ea5a2c00000"},
		{"0.0~git20190716.2f06839-3", "v0.0.0-20190716000000-2f0683900000"},
		{"0~git20190716.2f06839-3", "v0.0.0-20190716000000-2f0683900000"},
		{"0.0~git20200101-1", "v0.0.0-20200101000000-000000000000"},
		{"0.0~git20211218.B94A6E3-1", "v0.0.0-20211218000000-b94a6e300000"},
		{"0.0~git20230105.8ea5a2c0123456789-1", "v0.0.0-20230105000000-8ea5a2c01234"},
		{"1.0.6~git20210604-d5e0c0615ace-1", "v1.0.6-0.20210604000000-d5e0c0615ace"},
		{"1.2.0+git20190917.de67a66-3", "v1.2.1-0.20190917000000-de67a6600000"},
		{"1.2.0+git20190917.de67a66+ds-3", "v1.2.1-0.20190917000000-de67a6600000"},
		{"2.0.0~rc1+git20200101.abcdef1-1", "v2.0.0-rc1.0.20200101000000-abcdef100000"},
		{"0.0~git20200101.1234567-1", "v0.0.0-20200101000000-123456700000"},
	}
	for _, c := range cases {
		got, err := DebianToSemver(c.deb)
		if err != nil || got != c.want {
			t.Errorf("DebianToSemver(%q) = %q, %v; want %q", c.deb, got, err, c.want)
		}
		if err == nil && !IsValidSemver(got) {
			t.Errorf("DebianToSemver(%q) = %q, which IsValidSemver refuses", c.deb, got)
		}
	}
	for _, bad := range []string{"", "git-only", "x1.0", "a:1.0-1", "0.0~git20231399.abcdef1-1", "1.0!2-1"} {
		if got, err := DebianToSemver(bad); err == nil {
			t.Errorf("DebianToSemver(%q) = %q, want an error", bad, got)
		}
	}
}

func TestIsValidSemver(t *testing.T) {
	for v, want := range map[string]bool{
		"v1.2.3":                             true,
		"v0.0.0-20230105000000-8ea5a2c00000": true,
		"v1.2.3-rc.1+incompatible":           true,
		"v2.0.0+incompatible":                true,
		"v1.2.3-rc.01":                       false,
		"1.2.3":                              false,
		"v1.2":                               false,
		"v01.2.3":                            false,
		"v1.2.3+build":                       false,
		"v1.2.3-":                            false,
		"v1.2.3-a..b":                        false,
	} {
		if got := IsValidSemver(v); got != want {
			t.Errorf("IsValidSemver(%q) = %v, want %v", v, got, want)
		}
	}
}

func TestCompareSemver(t *testing.T) {
	// Each version is lower than the next.
	order := []string{
		"v0.0.0-20190101000000-aaaaaaaaaaaa",
		"v0.0.0-20200101000000-aaaaaaaaaaaa",
		"v0.1.0",
		"v0.9.0",
		"v0.10.0",
		"v1.0.0-alpha",
		"v1.0.0-alpha.1",
		"v1.0.0-alpha.beta",
		"v1.0.0-beta.2",
		"v1.0.0-beta.11",
		"v1.0.0-rc.1",
		"v1.0.0",
		"v1.0.1-0.20200101000000-aaaaaaaaaaaa",
		"v1.0.1",
		"v1.10.0",
		"v2.0.0+incompatible",
		"v10.0.0",
	}
	for i := range order {
		for j := range order {
			want := 0
			if i < j {
				want = -1
			} else if i > j {
				want = 1
			}
			if got := CompareSemver(order[i], order[j]); got != want {
				t.Errorf("CompareSemver(%s, %s) = %d, want %d", order[i], order[j], got, want)
			}
		}
	}
	if CompareSemver("v2.0.0+incompatible", "v2.0.0") != 0 {
		t.Errorf("+incompatible takes part in the comparison")
	}
}

func TestPathMajor(t *testing.T) {
	for path, want := range map[string]string{
		"github.com/cespare/xxhash/v2":   "2",
		"github.com/labstack/echo/v4":    "4",
		"go.etcd.io/etcd/client/v2":      "2",
		"gopkg.in/yaml.v3":               "3",
		"gopkg.in/check.v1":              "1",
		"gopkg.in/alecthomas/kingpin.v2": "2",
		"gopkg.in/foo.v2-unstable":       "2",
		"github.com/google/uuid":         "",
		"example.com/v1":                 "",
		"example.com/v02":                "",
		"example.com/vx":                 "",
		"gopkg.in/foo":                   "",
	} {
		if got := PathMajor(path); got != want {
			t.Errorf("PathMajor(%q) = %q, want %q", path, got, want)
		}
	}
}

func TestEscape(t *testing.T) {
	for path, want := range map[string]string{
		"github.com/BurntSushi/toml":         "github.com/!burnt!sushi/toml",
		"github.com/Azure/azure-sdk-for-go":  "github.com/!azure/azure-sdk-for-go",
		"github.com/shurcooL/sanitized_name": "github.com/shurcoo!l/sanitized_name",
		"github.com/google/uuid":             "github.com/google/uuid",
	} {
		if got, err := EscapePath(path); err != nil || got != want {
			t.Errorf("EscapePath(%q) = %q, %v; want %q", path, got, err, want)
		}
	}
	for _, bad := range []string{"", "example.com/a!b", "example.com/é"} {
		if got, err := EscapePath(bad); err == nil {
			t.Errorf("EscapePath(%q) = %q, want an error", bad, got)
		}
	}
	for v, want := range map[string]string{
		"v1.0.0":              "v1.0.0",
		"v1.0.0-RC1":          "v1.0.0-!r!c1",
		"v2.1.1+incompatible": "v2.1.1+incompatible",
	} {
		if got, err := EscapeVersion(v); err != nil || got != want {
			t.Errorf("EscapeVersion(%q) = %q, %v; want %q", v, got, err, want)
		}
	}
	for _, bad := range []string{"", "v1/2", "v1.0.0!", "..", "con"} {
		if got, err := EscapeVersion(bad); err == nil {
			t.Errorf("EscapeVersion(%q) = %q, want an error", bad, got)
		}
	}
}

func TestPseudoVersionTime(t *testing.T) {
	for v, want := range map[string]string{
		"v0.0.0-20230105000000-8ea5a2c00000":              "2023-01-05T00:00:00Z",
		"v1.0.6-0.20210604193023-d5e0c0615ace":            "2021-06-04T19:30:23Z",
		"v2.0.0-rc1.0.20200101000000-abcdef100000":        "2020-01-01T00:00:00Z",
		"v3.0.0-20200101000000-abcdef100000+incompatible": "2020-01-01T00:00:00Z",
		"v1.0.0":     "",
		"v1.0.0-rc1": "",
	} {
		tm, ok := PseudoVersionTime(v)
		got := ""
		if ok {
			got = tm.Format(time.RFC3339)
		}
		if got != want || IsPseudoVersion(v) != (want != "") {
			t.Errorf("PseudoVersionTime(%q) = %q (IsPseudoVersion %v), want %q", v, got, IsPseudoVersion(v), want)
		}
	}
}
