// Command modulevectors writes module-vectors.txt: the answers of
// golang.org/x/mod v0.7.0 (semver, module) and of Go's path.Match,
// strings.EqualFold and strconv.Quote for the inputs listed below. The
// Module unit tests read the file and check that the C++ library gives the
// same answers.
//
// Each line is a kind followed by tab-separated fields, every field written
// with strconv.Quote.
//
// To regenerate, from /work/main with the corpus proxy built (it serves
// golang.org/x/mod v0.7.0) and Go 1.23's go command on PATH
// (/usr/lib/go-1.23/bin):
//
//	root=$PWD d=$(mktemp -d) &&
//	cp unittests/Module/Inputs/modulevectors.go $d/main.go &&
//	printf 'module gen\n\ngo 1.23\n\nrequire golang.org/x/mod v0.7.0\n' >$d/go.mod &&
//	(cd $d && GOPROXY=file://$root/build/corpus-proxy GOSUMDB=off \
//	  GOFLAGS=-mod=mod GOTOOLCHAIN=local GOWORK=off go run .) \
//	  >unittests/Module/Inputs/module-vectors.txt
package main

import (
	"bufio"
	"fmt"
	"os"
	"path"
	"sort"
	"strconv"
	"strings"
	"unicode"

	"golang.org/x/mod/module"
	"golang.org/x/mod/semver"
)

var out = bufio.NewWriter(os.Stdout)

func emit(kind string, fields ...string) {
	out.WriteString(kind)
	for _, f := range fields {
		out.WriteByte('\t')
		out.WriteString(strconv.Quote(f))
	}
	out.WriteByte('\n')
}

func errText(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}

func boolText(b bool) string { return strconv.FormatBool(b) }

var versions = []string{
	"", "v", "v0", "v1", "v1.2", "v1.2.3", "v01", "v1.02", "v1.2.03",
	"v1.2.3.4", "1.2.3", "V1.2.3", "vv1", " v1.2.3", "v1.2.3 ", "v1.2.3_4",
	"v1.2.3-", "v1.2.3-01", "v1.2.3-0", "v1.2.3-00", "v1.2.3-0a", "v1.2.3-a.01",
	"v1.2.3-pre..1", "v1.2.3-.pre", "v1.2.3-pre.", "v1.2.3-a_b", "v1.2.3-é",
	"v1.2.3+", "v1.2.3+01", "v1.2.3+meta", "v1.2.3+a..b", "v1.2.3+a.",
	"v1.2.3+a+b", "v1.2.3-pre+meta", "v1.2.3-pre.1.x-y", "v1.2+meta", "v1-pre",
	"v1.2-pre", "v1.0.0-alpha", "v1.0.0-alpha.1", "v1.0.0-alpha.beta",
	"v1.0.0-beta", "v1.0.0-beta.2", "v1.0.0-beta.11", "v1.0.0-rc.1", "v1.0.0",
	"v1.0.0+build.1", "v1.0.0-1", "v1.0.0-1.1", "v1.0.0-2", "v1.0.0-10",
	"v1.0.0-a.1", "v1.0.0-a.a", "v1.0.0-x-y-z.--", "v1.0.0-0.3.7",
	"v1.0.0-A", "v1.0.0-a", "v1.0.0-a-", "v1.0.0--", "v2.0.0+incompatible",
	"v2.0.0-rc.1+incompatible", "v18446744073709551616.0.0",
	"v18446744073709551617.0.0", "v1.10.0", "v1.9.0", "v1.9", "v1.10", "v10",
	"v2", "v0.0.0-20191109021931-daa7c04131f5",
	"v1.2.4-0.20191109021931-daa7c04131f5",
	"v1.2.3-pre.0.20191109021931-daa7c04131f5",
	"v2.0.0-20191109021931-daa7c04131f5+incompatible",
}

var pseudoVersions = []string{
	"v0.0.0-20191109021931-daa7c04131f5",
	"v1.0.0-20191109021931-daa7c04131f5",
	"v2.0.0-20191109021931-daa7c04131f5+incompatible",
	"v1.2.4-0.20191109021931-daa7c04131f5",
	"v1.2.4-0.20191109021931-daa7c04131f5+incompatible",
	"v1.2.3-pre.0.20191109021931-daa7c04131f5",
	"v1.2.3-pre.0.20191109021931-daa7c04131f5+incompatible",
	"v1.2.3-rc.1.0.20191109021931-daa7c04131f5",
	"v1.2.3-0.0.20191109021931-daa7c04131f5",
	"v1.2.10-0.20191109021931-daa7c04131f5",
	"v1.2.100-0.20191109021931-daa7c04131f5",
	"v1.3.0-0.20191109021931-daa7c04131f5",
	"v1.2.0-0.20191109021931-daa7c04131f5",
	"v1.2.1-0.20191109021931-daa7c04131f5",
	"v0.0.0-2019110902193-daa7c04131f5",
	"v0.0.0-201911090219311-daa7c04131f5",
	"v0.0.0-20191109021931-",
	"v0.0.0-20191109021931-daa7c04131f5-x",
	"v0.0.0-20191109021931-daa_7c04131f5",
	"v0.0.0-20191109021931-DAA7C04131F5",
	"v0.0.0-20191109021931-daa7c04131f5+meta.1",
	"v0.0.0-20191109021931-daa7c04131f5+",
	"v0.0.0-20191309021931-daa7c04131f5",
	"v0.0.0-20190230021931-abcdef123456",
	"v0.0.0-20200229000000-abcdef123456",
	"v0.0.0-21000229000000-abcdef123456",
	"v0.0.0-20000229000000-abcdef123456",
	"v0.0.0-20191109240000-abcdef123456",
	"v0.0.0-20191109236000-abcdef123456",
	"v0.0.0-20191109235960-abcdef123456",
	"v0.0.0-20191109235959-abcdef123456",
	"v0.0.0-00000000000000-000000000000",
	"v0.0.0-00010101000000-000000000000",
	"v1.2.3-20191109021931-daa7c04131f5",
	"v1.2.3-pre.1.20191109021931-daa7c04131f5",
	"v1.2.3-0.20191109021931-daa7c04131f5",
	"v1.2.3-a+b.0.20191109021931-daa7c04131f5",
	"v1.2.3-a.b.0.20191109021931-abc",
	"v1.2.3-0.20191109021931-abc.0.20191109021931-def",
	"v1.0.0-0.20191109021931-daa7c04131f5",
	"v0.1.0-0.20191109021931-daa7c04131f5",
	"v0.0.1-0.20191109021931-daa7c04131f5",
	"v0.0.0-0.20191109021931-daa7c04131f5",
	"v1.2-0.20191109021931-daa7c04131f5",
	"v1-20191109021931-daa7c04131f5",
	"v1.0.0-20191109021931",
	"v1.0.0",
	"",
}

var paths = []string{
	"", "-", "x", "x.y", "-x.y", ".x.y", "x.y.", "x.y/-z", "x.y/.z", "x.y/z.",
	"x.y/z..", "x.y/..", "x.y/.", "x.y/...", "x.y//z", "x.y/z/", "/x.y",
	"x.y:80/z", "X.y/z", "x.Y", "x_y.com", "x~y.com", "x-y.com", "x.y/-",
	"x.y/_", "x.y/~", "x.y/+", "x.y/z+", "x.y/z~", "x.y/z~1", "x.y/z~a",
	"x.y/GOPATH~1", "x.y/z~1.txt", "x.y/z~1~", "x.y/con", "x.y/CON",
	"x.y/con.txt", "x.y/com1.txt", "x.y/aux.go", "x.y/Aux.Go", "x.y/conx",
	"x.y/lpt9", "x.y/lpt0", "x.y/nul.tar.gz", "x.y/prn/z", "x.y/a b",
	"x.y/ a", "x.y/ ", "x.y/-a", "x.y/a@b", "x.y/a!b", "x.y/a#b", "x.y/a$b",
	"x.y/a%b", "x.y/a&b", "x.y/a(b)", "x.y/a,b", "x.y/a=b", "x.y/a[b]",
	"x.y/a^b", "x.y/a{b}", "x.y/a'b", "x.y/a\"b", "x.y/a*b", "x.y/a<b",
	"x.y/a>b", "x.y/a?b", "x.y/a`b", "x.y/a|b", "x.y/a\\b", "x.y/a:b",
	"x.y/a;b", "x.y/\x00", "x.y/\t", "x.y/a\nb", "x.y/\x7f", "x.y/\xff",
	"x.y/\xc3", "x.y/a\u200bb", "x.y/\u00a0", "x.y/中文", "x.y/Ǆ", "x.y/ǅ",
	"x.y/a\u0301", "x.y/é", "x.y/ß", "x.y/K", "x.y/\U0001F600",
	"x.y/v2", "x.y/v1", "x.y/v0", "x.y/v02", "x.y/v2.0", "x.y/v2/v3",
	"x.y/z/v2", "x.y/v", "x.y/z/v1", "x.y/z/v10", "x.y/z/v2.", "x.y/z.v2",
	"gopkg.in/yaml.v2", "gopkg.in/yaml", "gopkg.in/yaml.v0", "gopkg.in/yaml.v1",
	"gopkg.in/yaml.v02", "gopkg.in/yaml.v2-unstable", "gopkg.in/v2",
	"gopkg.in/yaml.v2/foo", "gopkg.in/user/yaml.v3", "gopkg.in/.v2",
	"a.b.c/d", "é.com/x", "xn--e.com/x", "x.y/a.b.c", "x.y/a..b", "a/b.c",
	".com", "com.", "x.y./z", "example.com/m", "example.com/m/v2",
	"example.com/m/v1.2", "example.com/m/vv2", "example.com/M",
	"github.com/Azure/azure-sdk-for-go",
	"github.com/GoogleCloudPlatform/cloudsql-proxy",
	"github.com/Sirupsen/logrus", "rsc.io/quote/v17", "rsc.io/QUOTE",
	"golang.org/x/mod", "x.y/go.mod", "x.y/GO.MOD", "x.y/a/./b",
	"x.y/a/../b", "../x", "./x", "x.y/z\\w",
}

var escaped = []string{
	"github.com/!azure/azure-sdk-for-go",
	"github.com/!google!cloud!platform/cloudsql-proxy",
	"github.com/!sirupsen/logrus", "!a.com", "a.com/!", "a.com/!!a",
	"a.com/!A", "a.com/A", "a.com/!a!b", "a.com/é", "a.com/!é", "a.com/a!",
	"a.com/!0", "a.com/!-", "a.com/!z", "a.com/!z!", "rsc.io/!q!u!o!t!e",
}

var versionStrings = []string{
	"v1.0.0-RC1", "v1.0.0-!r!c1", "v1.0.0-!R", "v1.0.0-rc1", "V1", "!v1",
	"v1.0.0/x", "v!", "", ".", "..", "v1.0.0-é", "con", "CON.x", "v1.0.0 ",
	"latest", "master", "a~1", "v1.0.0-!", "!", "v1.0.0-!!", "v1.0.0-a!b",
	"v1.0.0+Meta", "v1.0.0*", "v1.0.0.", "-v1",
}

var majors = []string{
	"", "/v2", "/v3", ".v0", ".v1", ".v2", ".v1-unstable", ".v2-unstable",
	"v2", "/v1",
}

var checkPaths = []string{
	"rsc.io/quote", "rsc io/quote", "github.com/go-yaml/yaml",
	"github.com/go-yaml/yaml/v2", "gopkg.in/yaml.v0", "gopkg.in/yaml.v1",
	"gopkg.in/yaml.v2", "gopkg.in/check.v1", "gopkg.in/yaml.v2-unstable",
	"example.com/m/v1", "Example.com/m",
}

var checkVersions = []string{
	"0.1.0", "v0.8.0", "v1.0.0", "v2.0.0", "v2.1.5", "v3.0.0", "v17.0.0",
	"v17.0.0+incompatible", "v0.0.0", "v0.0.0-20160102150405-abcdef123456",
	"v1.0.0-20160102150405-abcdef123456", "v2.0.0+incompatible", "v1.2",
	"v2", "", "latest", "v1.0.0+incompatible", "v2.0.0-rc.1+incompatible",
	"v2.0.0+meta",
}

var globs = []string{
	"", ",", "*.corp.example.com,rsc.io/private", "rsc.io/private",
	"rsc.io/private/", "rsc.io/*", "rsc.io", "*", "*/*", "*/quote",
	"rsc.io/pri*", "rsc.io/priv?te", "rsc.io/[p]rivate", "rsc.io/[^q]rivate",
	"rsc.io/[a-z]rivate", "rsc.io/[", "rsc.io/[,rsc.io/private", "\\",
	"rsc.io/privat\\e", "git.corp.example.com", "*.example.com",
	"*.com", "example.com/*/x", ",,rsc.io/private,,", "RSC.io/private",
	"rsc.io/private/quux", "rsc.io/private/quux/", "*/private",
	"rsc.io/[]", "rsc.io/[a-]", "rsc.io/[-a]", "rsc.io/[\\]]x",
}

var targets = []string{
	"git.corp.example.com/x/y", "rsc.io/private/quux", "rsc.io/privateer",
	"rsc.io/private", "rsc.io/quote", "rsc.io", "rsc.io/private/quux/deep",
	"example.com/a/x", "example.com/a/y", "corp.example.com/x",
	"a.b.corp.example.com/x", "RSC.io/private", "", "rsc.io/]x",
	"rsc.io/-rivate",
}

var matchCases = [][2]string{
	{"abc", "abc"}, {"*", "abc"}, {"*c", "abc"}, {"a*", "a"}, {"a*", "abc"},
	{"a*", "ab/c"}, {"a*/b", "abc/b"}, {"a*/b", "a/c/b"},
	{"a*b*c*d*e*/f", "axbxcxdxe/f"}, {"a*b*c*d*e*/f", "axbxcxdxexxx/f"},
	{"a*b*c*d*e*/f", "axbxcxdxe/xxx/f"}, {"a*b*c*d*e*/f", "axbxcxdxexxx/fff"},
	{"a*b?c*x", "abxbbxdbxebxczzx"}, {"a*b?c*x", "abxbbxdbxebxczzy"},
	{"ab[c]", "abc"}, {"ab[b-d]", "abc"}, {"ab[e-g]", "abc"},
	{"ab[^c]", "abc"}, {"ab[^b-d]", "abc"}, {"ab[^e-g]", "abc"},
	{"a\\*b", "a*b"}, {"a\\*b", "ab"}, {"a?b", "a☺b"}, {"a[^a]b", "a☺b"},
	{"a???b", "a☺b"}, {"a[^a][^a][^a]b", "a☺b"}, {"[a-ζ]*", "α"},
	{"*[a-ζ]", "A"}, {"a?b", "a/b"}, {"a*b", "a/b"}, {"[\\]a]", "]"},
	{"[\\-]", "-"}, {"[x\\-]", "x"}, {"[x\\-]", "-"}, {"[x\\-]", "z"},
	{"[\\-x]", "x"}, {"[\\-x]", "-"}, {"[\\-x]", "a"}, {"[]a]", "]"},
	{"[-]", "-"}, {"[x-]", "x"}, {"[x-]", "-"}, {"[x-]", "z"},
	{"[-x]", "x"}, {"[-x]", "-"}, {"[-x]", "a"}, {"\\", "a"},
	{"[a-b-c]", "a"}, {"[", "a"}, {"[^", "a"}, {"[^bc", "a"}, {"a[", "a"},
	{"a[", "ab"}, {"a[", "x"}, {"a/b[", "x"}, {"*x", "xxx"}, {"a\\", "a"},
	{"[a\\", "a"}, {"[\xff]", "a"}, {"[a-\xff]", "a"}, {"a[b", "a"},
	{"*x[", "abc"}, {"x*[", "xyz"}, {"*", ""}, {"", ""}, {"", "a"},
	{"?", ""}, {"?", "/"}, {"[^/]", "/"}, {"[/]", "/"}, {"a*", "a/"},
	{"\\*", "*"}, {"a[]]", "a]"}, {"[^]a]", "b"}, {"[]", "a"},
	{"a?", "a\xff"}, {"a[\xc3\xa9]", "a\xc3\xa9"}, {"**", "abc"},
	{"*a*", "bab"}, {"*.go", "x.go"}, {"*.go", "dir/x.go"},
}

var foldWords = []string{
	"", "a", "A", "k", "K", "\u212a", "s", "S", "\u017f", "ss", "ß", "ẞ",
	"σ", "Σ", "ς", "µ", "μ", "Μ", "ǆ", "ǅ", "Ǆ", "i", "I", "İ", "ı", "é", "É",
	"e\u0301", "README", "readme", "ReadMe", "read\u212ae", "Go.Mod",
	"go.mod", "\xff", "\xfe", "\ufffd", "a\xffb", "A\xffB", "ǰ", "J̌",
	"ᾈ", "ᾀ", "Ω", "ω", "\u2126", "Å", "å", "\u212b", "θ", "ϑ", "Θ", "ϴ",
	"Ⱥ", "ⱥ", "ǈ", "ǉ", "Ǉ", "ﬀ", "ff", "𐐀", "𐐨", "ȿ", "Ȿ",
}

var quoteStrings = []string{
	"", "abc", "a\"b", "a\\b", "a'b", "\x00\x01\x1f\x7f", "\a\b\f\n\r\t\v",
	"é", "\u200b", "\u00a0", "\xff", "\xc3", "a\xe2\x82", "\U0001F600",
	"\U000e0001", "\ufffd", "\u2028", " ", "中文", "\u0301",
}

func main() {
	defer out.Flush()

	// semver: predicates and the accessors.
	for _, v := range versions {
		emit("semver", v, boolText(semver.IsValid(v)), semver.Canonical(v),
			semver.Major(v), semver.MajorMinor(v), semver.Prerelease(v),
			semver.Build(v), module.CanonicalVersion(v))
	}
	for _, v := range versions {
		for _, w := range versions {
			emit("compare", v, w, strconv.Itoa(semver.Compare(v, w)))
		}
	}
	sorted := append([]string(nil), versions...)
	semver.Sort(sorted)
	emit("semversort", sorted...)

	// Pseudo-versions.
	for _, v := range append(append([]string(nil), pseudoVersions...), versions...) {
		tm, terr := module.PseudoVersionTime(v)
		ts := ""
		if terr == nil {
			ts = tm.UTC().Format(module.PseudoVersionTimestampFormat)
		}
		rev, rerr := module.PseudoVersionRev(v)
		base, berr := module.PseudoVersionBase(v)
		emit("pseudo", v, boolText(module.IsPseudoVersion(v)), ts, errText(terr),
			rev, errText(rerr), base, errText(berr))
	}

	// Paths.
	for _, p := range paths {
		pre, maj, ok := module.SplitPathVersion(p)
		esc, eerr := module.EscapePath(p)
		emit("path", p, errText(module.CheckPath(p)),
			errText(module.CheckImportPath(p)), errText(module.CheckFilePath(p)),
			pre, maj, boolText(ok), esc, errText(eerr))
	}
	for _, e := range append(append([]string(nil), escaped...), paths...) {
		p, err := module.UnescapePath(e)
		emit("unescapepath", e, p, errText(err))
	}
	for _, v := range append(append([]string(nil), versionStrings...), versions...) {
		e, eerr := module.EscapeVersion(v)
		u, uerr := module.UnescapeVersion(v)
		emit("version", v, e, errText(eerr), u, errText(uerr))
	}
	for _, v := range append(append([]string(nil), checkVersions...), versions...) {
		for _, m := range majors {
			emit("pathmajor", v, m, errText(module.CheckPathMajor(v, m)))
		}
	}
	for _, p := range checkPaths {
		for _, v := range checkVersions {
			emit("check", p, v, errText(module.Check(p, v)))
		}
	}
	for _, p := range paths {
		for _, v := range []string{"v1.0.0", "v2.0.0", "v0.0.0-20160102150405-abcdef123456"} {
			emit("check", p, v, errText(module.Check(p, v)))
		}
	}

	// GOPRIVATE-style lists and path.Match.
	for _, g := range globs {
		for _, t := range targets {
			emit("prefix", g, t, boolText(module.MatchPrefixPatterns(g, t)))
		}
	}
	for _, c := range matchCases {
		ok, err := path.Match(c[0], c[1])
		emit("match", c[0], c[1], boolText(ok), boolText(err != nil))
	}
	for _, g := range globs {
		for _, t := range targets {
			ok, err := path.Match(g, t)
			emit("match", g, t, boolText(ok), boolText(err != nil))
		}
	}

	// go.sum order. (No two versions of one path may be equal by semver
	// precedence yet differ as strings, such as v1.0.0 and v1.0.0+meta:
	// module.Sort leaves their order to the sort algorithm.)
	var list []module.Version
	for _, p := range []string{"x.y/b", "x.y/a", "x.y/a/v2"} {
		for _, v := range []string{"v1.0.0", "v1.10.0", "v1.9.0", "v1.2.0-pre",
			"v0.0.0-20191109021931-daa7c04131f5", "v2.0.0+incompatible",
			"v1.0.0-rc.1", "bad", "v1.0.0/extra"} {
			list = append(list, module.Version{Path: p, Version: v})
			list = append(list, module.Version{Path: p, Version: v + "/go.mod"})
		}
	}
	// Start from a scrambled but fixed order.
	sort.Slice(list, func(i, j int) bool {
		return strings.Repeat(list[i].Version, 2)+list[i].Path > strings.Repeat(list[j].Version, 2)+list[j].Path
	})
	var in []string
	for _, m := range list {
		in = append(in, m.Path+" "+m.Version)
	}
	emit("modsortin", in...)
	module.Sort(list)
	var outList []string
	for _, m := range list {
		outList = append(outList, m.Path+" "+m.Version)
	}
	emit("modsortout", outList...)

	// Case folding: every pair of words, and every fold class of the
	// Unicode tables (the runes of one class fold together, those of
	// different classes apart).
	for _, a := range foldWords {
		for _, b := range foldWords {
			emit("fold", a, b, boolText(strings.EqualFold(a, b)))
		}
	}
	seen := map[rune]bool{}
	for r := rune(0); r <= unicode.MaxRune; r++ {
		if seen[r] || unicode.SimpleFold(r) == r {
			continue
		}
		class := []string{string(r)}
		seen[r] = true
		for x := unicode.SimpleFold(r); x != r; x = unicode.SimpleFold(x) {
			class = append(class, string(x))
			seen[x] = true
		}
		emit("foldclass", class...)
	}

	// Letters: a sample of code points around every range boundary.
	var letters []string
	for _, tab := range []*unicode.RangeTable{unicode.Letter, unicode.Mark, unicode.Digit} {
		for _, r16 := range tab.R16 {
			for _, r := range []rune{rune(r16.Lo) - 1, rune(r16.Lo), rune(r16.Hi), rune(r16.Hi) + 1} {
				letters = append(letters, fmt.Sprintf("%d:%t", r, unicode.IsLetter(r)))
			}
		}
		for _, r32 := range tab.R32 {
			for _, r := range []rune{rune(r32.Lo) - 1, rune(r32.Lo), rune(r32.Hi), rune(r32.Hi) + 1} {
				letters = append(letters, fmt.Sprintf("%d:%t", r, unicode.IsLetter(r)))
			}
		}
	}
	emit("letters", letters...)

	for _, s := range append(append([]string(nil), quoteStrings...), paths...) {
		emit("quote", s, strconv.Quote(s))
	}
}
