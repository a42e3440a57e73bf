package main

import (
	"bufio"
	"bytes"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"

	"mochi-go/testservers/internal/testsrv"
)

// The test binary is the command when MOCHIGO_TESTSERVERS_MAIN is set: tests
// run it as a subprocess to check exit statuses, output and signals.
func TestMain(m *testing.M) {
	if u := os.Getenv("MOCHIGO_TESTSERVERS_FETCH"); u != "" {
		// Run by TestCommand inside the command: fetch u, print the body.
		resp, err := http.Get(u)
		if err != nil {
			os.Stderr.WriteString(err.Error() + "\n")
			os.Exit(1)
		}
		io.Copy(os.Stdout, resp.Body)
		if resp.StatusCode != http.StatusOK {
			os.Exit(1)
		}
		os.Exit(0)
	}
	if os.Getenv("MOCHIGO_TESTSERVERS_MAIN") == "1" {
		os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
	}
	os.Exit(m.Run())
}

// command returns the command mochi-go-test-servers args... (this test binary).
func command(args ...string) *exec.Cmd {
	cmd := exec.Command(os.Args[0], args...)
	cmd.Env = append(os.Environ(), "MOCHIGO_TESTSERVERS_MAIN=1")
	return cmd
}

// runCmd runs mochi-go-test-servers args... and returns its exit status,
// stdout and stderr.
func runCmd(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	cmd := command(args...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	return code, stdout.String(), stderr.String()
}

// smallProxy writes a proxy tree with two small modules.
func smallProxy(t *testing.T) string {
	dir := t.TempDir()
	for _, p := range []string{"example.com/a", "example.com/b"} {
		if err := testsrv.WriteModule(dir, p, "v1.0.0", map[string]string{"go.mod": "module " + p + "\n", "a.go": "package a\n"}); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func TestUsageErrors(t *testing.T) {
	dir := smallProxy(t)
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{}, "-proxy DIR is required"},
		{[]string{"-bogus"}, "flag provided but not defined"},
		{[]string{"-proxy", dir, "-fault", "bogus"}, "unknown fault"},
		{[]string{"-proxy", dir, "-fault", "status=abc:/"}, "status"},
		{[]string{"-proxy", dir, "-records", "-5"}, "-records"},
		{[]string{"-proxy", dir, "-listen", "0.0.0.0:0"}, "not a loopback IP"},
		{[]string{"-proxy", dir, "-listen", ":0"}, "not a loopback IP"},
		{[]string{"-proxy", dir, "-listen", "localhost:0"}, "not a loopback IP"},
		{[]string{"-proxy", dir, "-listen", "[::]:0"}, "not a loopback IP"},
		{[]string{"-proxy", dir, "-listen", "10.0.0.1:0"}, "not a loopback IP"},
		{[]string{"-proxy", dir, "-listen", "127.0.0.1"}, "missing port"},
	} {
		code, _, stderr := runCmd(t, append(c.args, "--", "true")...)
		if code != 2 || !strings.Contains(stderr, c.want) {
			t.Errorf("%q: exit %d, stderr %q; want 2 and %q", c.args, code, stderr, c.want)
		}
	}
}

func TestStartupErrors(t *testing.T) {
	dir := smallProxy(t)
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"-proxy", filepath.Join(dir, "nope")}, "no such file"},
		{[]string{"-proxy", dir, "-records", "3"}, "-records 3: the log has only 2 records"},
		{[]string{"-proxy", dir, "-fork-at", "2"}, "-fork-at 2: the log has only 2 records"},
		{[]string{"-proxy", dir, "-fork-at", "1", "-records", "1"}, "-fork-at 1: the tree has only 1 records"},
		{[]string{"-proxy", dir, "-fault", "tile-corrupt=2"}, "tile-corrupt=2"},
		{[]string{"-proxy", dir, "-fault", "zip-tamper=example.com/c@v1.0.0"}, "no such zip"},
		{[]string{"-proxy", dir, "-fault", "mod-tamper=example.com/a@v1.1.0"}, "no such go.mod"},
		{[]string{"-proxy", dir, "-name", "a b"}, "invalid checksum database name"},
		{[]string{"-proxy", dir, "-log", filepath.Join(dir, "no/such/dir/log")}, "no such file"},
	} {
		code, _, stderr := runCmd(t, append(c.args, "--", "true")...)
		if code != 1 || !strings.Contains(stderr, c.want) {
			t.Errorf("%q: exit %d, stderr %q; want 1 and %q", c.args, code, stderr, c.want)
		}
	}
}

func TestCommand(t *testing.T) {
	dir := smallProxy(t)
	// The exit status is the command's.
	for _, c := range []struct {
		script string
		code   int
	}{{"exit 0", 0}, {"exit 3", 3}, {"kill -TERM $$", 128 + 15}} {
		if code, _, stderr := runCmd(t, "-proxy", dir, "--", "sh", "-c", c.script); code != c.code {
			t.Errorf("%s: exit %d, want %d\n%s", c.script, code, c.code, stderr)
		}
	}
	if code, _, _ := runCmd(t, "-proxy", dir, "--", filepath.Join(dir, "no-such-command")); code != 127 {
		t.Errorf("missing command: exit %d", code)
	}
	// The command sees the environment, and the server answers it.
	logFile := filepath.Join(t.TempDir(), "requests.log")
	code, stdout, stderr := runCmd(t, "-proxy", dir, "-log", logFile, "-name", "sum.example.test", "--", "sh", "-c",
		`env | grep -E '^(GO|MOCHIGO_TEST_)' | sort; echo ---; MOCHIGO_TESTSERVERS_FETCH="$GOPROXY/example.com/a/@v/list" "$0"`, os.Args[0])
	if code != 0 {
		t.Fatalf("exit %d\n%s%s", code, stdout, stderr)
	}
	env, fetched, _ := strings.Cut(stdout, "---\n")
	checkEnv(t, env, "sum.example.test", "2")
	if fetched != "v1.0.0\n" {
		t.Errorf("the command fetched %q", fetched)
	}
	if log, _ := os.ReadFile(logFile); string(log) != "GET /example.com/a/@v/list 200 7\n" {
		t.Errorf("log %q", log)
	}
}

// checkEnv checks the NAME=value lines of env.
func checkEnv(t *testing.T, env, name, size string) map[string]string {
	t.Helper()
	vars := map[string]string{}
	for _, line := range strings.Split(strings.TrimSpace(env), "\n") {
		k, v, _ := strings.Cut(line, "=")
		vars[k] = v
	}
	url := vars["MOCHIGO_TEST_URL"]
	if !regexp.MustCompile(`^http://127\.0\.0\.1:[0-9]+$`).MatchString(url) {
		t.Fatalf("MOCHIGO_TEST_URL=%q\n%s", url, env)
	}
	key := vars["MOCHIGO_TEST_SUMDB_KEY"]
	want := map[string]string{
		"GOPROXY":                 url,
		"GOSUMDB":                 key + " " + url + "/sumdb/" + name,
		"GONOSUMDB":               "",
		"GONOPROXY":               "",
		"GOPRIVATE":               "",
		"MOCHIGO_TEST_SUMDB_NAME": name,
		"MOCHIGO_TEST_SUMDB_URL":  url + "/sumdb/" + name,
		"MOCHIGO_TEST_TREE_SIZE":  size,
	}
	for k, v := range want {
		if got, ok := vars[k]; !ok || got != v {
			t.Errorf("%s=%q, want %q\n%s", k, got, v, env)
		}
	}
	if !strings.HasPrefix(key, name+"+") {
		t.Errorf("key %q", key)
	}
	return vars
}

// TestServe runs the command without a command: it prints the environment,
// serves, and stops on SIGTERM / SIGINT with status 0.
func TestServe(t *testing.T) {
	dir := smallProxy(t)
	var keys []string
	for _, sig := range []syscall.Signal{syscall.SIGTERM, syscall.SIGINT} {
		logFile := filepath.Join(t.TempDir(), "requests.log")
		cmd := command("-proxy", dir, "-log", logFile)
		stdout, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		var env strings.Builder
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			env.WriteString(sc.Text() + "\n")
			if strings.HasPrefix(sc.Text(), "MOCHIGO_TEST_TREE_SIZE=") {
				break
			}
		}
		vars := checkEnv(t, env.String(), testsrv.DefaultName, "2")
		keys = append(keys, vars["MOCHIGO_TEST_SUMDB_KEY"])
		for _, p := range []string{"/example.com/a/@v/list", "/sumdb/" + testsrv.DefaultName + "/latest", "/example.com/zzz/@v/list"} {
			resp, err := http.Get(vars["MOCHIGO_TEST_URL"] + p)
			if err != nil {
				t.Fatal(err)
			}
			io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
		}
		cmd.Process.Signal(sig)
		done := make(chan error, 1)
		go func() { io.Copy(io.Discard, stdout); done <- cmd.Wait() }()
		select {
		case err := <-done:
			if err != nil {
				t.Errorf("after %v: %v\n%s", sig, err, stderr.String())
			}
		case <-time.After(30 * time.Second):
			cmd.Process.Kill()
			t.Fatalf("still serving 30s after %v", sig)
		}
		log, _ := os.ReadFile(logFile)
		if want := "GET /example.com/a/@v/list 200 7\nGET /sumdb/" + testsrv.DefaultName + "/latest 200 "; !strings.HasPrefix(string(log), want) ||
			!strings.HasSuffix(string(log), "\nGET /example.com/zzz/@v/list 404 19\n") {
			t.Errorf("log:\n%s", log)
		}
	}
	if keys[0] != keys[1] {
		t.Errorf("keys differ between runs: %s %s", keys[0], keys[1])
	}
	// Another seed, another key.
	_, stdout, _ := runCmd(t, "-proxy", dir, "-key-seed", "other", "--", "sh", "-c", "echo $MOCHIGO_TEST_SUMDB_KEY")
	if strings.TrimSpace(stdout) == keys[0] || !strings.HasPrefix(stdout, testsrv.DefaultName+"+") {
		t.Errorf("-key-seed other: key %s", stdout)
	}
}

// TestGoCommand runs the go command under the server, as lit tests do.
func TestGoCommand(t *testing.T) {
	corpus := os.Getenv("MOCHIGO_CORPUS_PROXY")
	if corpus == "" {
		t.Skip("MOCHIGO_CORPUS_PROXY is not set (the corpus proxy tree, e.g. build/corpus-proxy)")
	}
	goCmd := os.Getenv("MOCHIGO_GO")
	if goCmd == "" {
		var err error
		if goCmd, err = exec.LookPath("go"); err != nil {
			t.Skip("no go command: set MOCHIGO_GO")
		}
	}
	pins, err := os.ReadFile(filepath.Join(corpus, "pins.txt"))
	if err != nil {
		t.Fatal(err)
	}
	uuid := ""
	for _, l := range strings.Split(string(pins), "\n") {
		if v, ok := strings.CutPrefix(l, "github.com/google/uuid "); ok {
			uuid = "github.com/google/uuid@" + v
		}
	}
	for _, c := range []struct {
		args []string
		code int
		want string
	}{
		{nil, 0, `"GoModSum": "h1:`},
		{[]string{"-fault", "mod-tamper=" + uuid}, 1, "verifying go.mod: checksum mismatch"},
		{[]string{"-records", "1"}, 1, "404 Not Found"},
	} {
		gopath := t.TempDir()
		logFile := filepath.Join(gopath, "requests.log")
		args := append([]string{"-proxy", corpus, "-log", logFile, "-v"}, c.args...)
		args = append(args, "--", goCmd, "mod", "download", "-json", uuid)
		cmd := command(args...)
		cmd.Dir = gopath
		for _, kv := range []string{"GOPATH=" + gopath, "GOMODCACHE=" + filepath.Join(gopath, "pkg/mod"), "GOFLAGS=-modcacherw",
			"GOTOOLCHAIN=local", "GOENV=off", "GOWORK=off", "HTTPS_PROXY=http://127.0.0.1:1", "HTTP_PROXY=http://127.0.0.1:1"} {
			cmd.Env = append(cmd.Env, kv)
		}
		var stdout, stderr bytes.Buffer
		cmd.Stdout, cmd.Stderr = &stdout, &stderr
		err := cmd.Run()
		code := 0
		if ee, ok := err.(*exec.ExitError); ok {
			code = ee.ExitCode()
		}
		out := stdout.String() + stderr.String()
		if code != c.code || !strings.Contains(out, c.want) {
			t.Errorf("%q: exit %d (%v), want %d and %q\n%s", c.args, code, err, c.code, c.want, out)
		}
		log, _ := os.ReadFile(logFile)
		if !strings.Contains(string(log), "GET /github.com/google/uuid/@v/") {
			t.Errorf("%q: log:\n%s", c.args, log)
		}
		t.Logf("%q: %s", c.args, strings.SplitN(stderr.String(), "\n", 2)[0])
	}
}
