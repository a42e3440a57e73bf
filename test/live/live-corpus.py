#!/usr/bin/env python3
"""The live suite: the 24 corpus modules at real versions, from the real world.

    live-corpus.py --bin DIR --work DIR [--versions FILE] [--go GO] [--cc CC]

Uses the machine's go command settings (`go env`: GOPROXY, GOSUMDB, ...) and
nothing else; never names a registry. Steps, each printed as one line:

1. `mochi-go sync` of one program importing the 24 modules at the versions
   of FILE (test/live/corpus-versions.txt), with a fresh cache in DIR: every
   module downloaded, verified against the checksum database, bound, and all
   24 wrappers built into one archive.
2. mochi.lock: every module `sumdb-verified = true`.
3. The go.sum lines of the lock (each module's zip and go.mod hash, and the
   `[archive] dependencies` of the build) are byte-identical to what
   `go mod download -json` gives for the same module versions on this
   machine.
4. A C program, generated from the bindings files, links the archive and
   calls one chosen function of each module (FILE's third column), with
   arguments made from the Mochi types; each call prints its status.
5. A tampered module in the cache is refused by the next sync: exit 5.

Ends with `live: N passed, M failed` and exits 1 when a step failed.
"""

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import time

try:
    import tomllib
except ImportError:  # Python < 3.11
    tomllib = None

results = []


def step(name, ok, detail=""):
    results.append(ok)
    print("%s %s%s" % ("ok" if ok else "FAIL", name, ": " + detail if detail else ""),
          flush=True)
    return ok


def run(cmd, **kw):
    return subprocess.run(cmd, capture_output=True, text=True, **kw)


def read_versions(path):
    mods = []
    with open(path) as f:
        for line in f:
            line = line.split("#", 1)[0].strip()
            if line:
                parts = line.split()
                mods.append((parts[0], parts[1], parts[2] if len(parts) > 2 else ""))
    return mods


def parse_lock(path):
    text = open(path).read()
    if tomllib:
        return tomllib.loads(text)
    sys.exit("live-corpus: needs Python 3.11 (tomllib)")


# --- step 4: a C program from the bindings --------------------------------

def c_string(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def arg_for(value):
    """A C expression for a parameter of this binding value."""
    t, ct = value["type"], value["c-type"]
    if t == "string":
        return "(%s){(char *)\"mochi\", 5}" % ct
    if t == "bytes":
        return "(%s){(uint8_t *)\"{}\", 2}" % ct
    if t == "int":
        return "200"
    if t == "float":
        return "1.5"
    if t == "bool":
        return "true"
    if t.startswith("list<") or t.startswith("map<"):
        return "(%s){0}" % ct
    return "0"  # a handle: nil


def print_for(value, var):
    t = value["type"]
    if t == "string":
        return 'printf(" %%.*s", (int)%s.len, %s.data);' % (var, var)
    if t == "bytes":
        return 'printf(" %%lld bytes", (long long)%s.len);' % var
    if t == "int":
        return 'printf(" %%lld", (long long)%s);' % var
    if t == "float":
        return 'printf(" %%g", (double)%s);' % var
    if t == "bool":
        return 'printf(" %%s", %s ? "true" : "false");' % var
    if t.startswith("list<") or t.startswith("map<"):
        return 'printf(" len %%lld", (long long)%s.len);' % var
    return 'printf(" handle");'


def generate_c(bindings_dir, mods):
    import yaml  # python3-yaml (utils/setup.sh)
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    by_module = {}
    for f in sorted(os.listdir(bindings_dir)):
        if f.endswith(".bindings.yaml"):
            with open(os.path.join(bindings_dir, f)) as fh:
                doc = yaml.load(fh, Loader=loader)
            by_module[doc["library"]["module"]] = doc
    lines = ["#include <stdbool.h>", "#include <stdint.h>", "#include <stdio.h>"]
    calls = []
    for path, version, fun in mods:
        doc = by_module.get(path)
        if doc is None:
            calls.append('  printf("%s: no bindings\\n");' % path)
            continue
        alias = doc["import"]["alias"]
        lines.insert(0, "#include \"%s\"" % doc["library"]["header"])
        chosen = [b for b in doc["funs"] if b.get("go", "").endswith("/" + fun)]
        if not chosen:
            calls.append('  printf("%s: no function %s\\n");' % (path, fun))
            continue
        b = chosen[0]
        args = [arg_for(p) for p in b["params"]]
        body = ["  {"]
        for i, r in enumerate(b["results"]):
            body.append("    %s r%d;" % (r["c-type"], i))
            args.append("&r%d" % i)
        prefix = doc["library"]["prefix"]
        body.append("    %s_string err = {0};" % prefix)
        args.append("&err")
        body.append("    int32_t st = %s(%s);" % (b["c"], ", ".join(args)))
        body.append('    printf("%s: %s status %%d", st);' % (path, b["mochi"]))
        body.append("    if (st == 0) {")
        for i, r in enumerate(b["results"]):
            body.append("      " + print_for(r, "r%d" % i))
            if r.get("free"):
                body.append("      %s(&r%d);" % (r["free"], i))
            elif r["type"].startswith(alias + "__"):
                body.append("      %s_handle_release(r%d, NULL);" % (prefix, i))
        body.append("    } else {")
        body.append('      printf(" (%.*s)", (int)err.len, err.data);')
        body.append("      %s_free_string(&err);" % prefix)
        body.append("    }")
        body.append('    printf("\\n");')
        body.append("  }")
        calls.extend(body)
    return "\n".join(lines + ["", "int main(void) {"] + calls + ["  return 0;", "}", ""])


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--bin", required=True)
    ap.add_argument("--work", required=True)
    ap.add_argument("--versions", default=os.path.join(os.path.dirname(__file__),
                                                       "corpus-versions.txt"))
    ap.add_argument("--go", default=shutil.which("go"))
    ap.add_argument("--cc", default="cc")
    args = ap.parse_args()
    mods = read_versions(args.versions)
    env = dict(os.environ)
    env.pop("MOCHIGO_LOOPBACK_ONLY", None)
    print("go: %s (%s)" % (args.go, run([args.go, "env", "GOVERSION"]).stdout.strip()))

    shutil.rmtree(args.work, ignore_errors=True)
    app = os.path.join(args.work, "app")
    os.makedirs(app)
    with open(os.path.join(app, "app.mochi"), "w") as f:
        f.write("// The 24 corpus modules at the versions of corpus-versions.txt.\n")
        for path, version, _ in mods:
            f.write('import go "%s@%s"\n' % (path, version))
    cache = os.path.join(args.work, "cache")
    sync = [os.path.join(args.bin, "mochi-go"), "sync", "--cache-dir", cache,
            "--go", args.go, os.path.join(app, "app.mochi")]

    # 1. sync
    t0 = time.time()
    p = run(sync, env=env)
    secs = time.time() - t0
    if not step("sync", p.returncode == 0, "%d modules in %.0f s%s" % (
            len(mods), secs, "" if p.returncode == 0 else
            " (exit %d)\n%s" % (p.returncode, p.stderr[-6000:]))):
        return finish()

    # 2. the checksum database
    lock = parse_lock(os.path.join(app, "mochi.lock"))
    pkgs = [g for g in lock.get("go-package", []) if g.get("module") != "std"]
    unverified = [g["module"] for g in pkgs if g.get("sumdb-verified") is not True]
    step("sumdb", len(pkgs) == len(mods) and not unverified,
         "%d/%d modules verified against the checksum database" % (
             len(pkgs) - len(unverified), len(pkgs)) +
         (" (not: %s)" % ", ".join(unverified) if unverified else ""))

    # 3. go.sum lines against `go mod download -json`
    ours = []
    for g in pkgs:
        ours.append("%s %s %s" % (g["module"], g["version"], g["zip-h1"]))
        ours.append("%s %s/go.mod %s" % (g["module"], g["version"], g["mod-h1"]))
    ours += lock.get("archive", {}).get("dependencies", [])
    ours = sorted(set(ours))
    wanted = sorted({"%s@%s" % tuple(l.split()[:2]) for l in ours
                     if not l.split()[1].endswith("/go.mod")} |
                    {"%s@%s" % (l.split()[0], l.split()[1][:-len("/go.mod")])
                     for l in ours if l.split()[1].endswith("/go.mod")})
    genv = dict(env, GOMODCACHE=os.path.join(args.work, "gomodcache"),
                GOFLAGS="-mod=mod")
    mod = os.path.join(args.work, "gomod")
    os.makedirs(mod)
    with open(os.path.join(mod, "go.mod"), "w") as f:
        f.write("module live.example/check\n\ngo 1.23\n")
    theirs = set()
    failed = []
    for mv in wanted:
        q = run([args.go, "mod", "download", "-json", mv], env=genv, cwd=mod)
        if q.returncode != 0 and not q.stdout:
            failed.append(mv)
            continue
        info = json.loads(q.stdout)
        path, version = info["Path"], info["Version"]
        if info.get("Sum"):
            theirs.add("%s %s %s" % (path, version, info["Sum"]))
        if info.get("GoModSum"):
            theirs.add("%s %s/go.mod %s" % (path, version, info["GoModSum"]))
    differ = [l for l in ours if l not in theirs]
    step("go.sum", not differ and not failed,
         "%d lines byte-identical to go mod download -json (%d module versions)"
         % (len(ours) - len(differ), len(wanted)) +
         ("; differ: %s" % differ[:5] if differ else "") +
         ("; go mod download failed: %s" % failed[:5] if failed else ""))

    # 4. a C program calling one function of each module
    out = os.path.join(app, ".mochi-go")
    src = generate_c(os.path.join(out, "mochi"), mods)
    with open(os.path.join(args.work, "calls.c"), "w") as f:
        f.write(src)
    pc = [f for f in os.listdir(out) if f.endswith(".pc")]
    flags = run(["pkg-config", "--cflags", "--libs", os.path.join(out, pc[0])]).stdout.split()
    exe = os.path.join(args.work, "calls")
    c = run([args.cc, "-std=c99", "-Wall", "-Werror", os.path.join(args.work, "calls.c"),
             "-o", exe] + flags)
    if step("link", c.returncode == 0, "calls.c against %s" % pc[0] +
            ("" if c.returncode == 0 else "\n" + c.stderr[-4000:])):
        r = run([exe])
        print(r.stdout, end="")
        lines = [l for l in r.stdout.splitlines() if " status " in l]
        bad = [l for l in lines if not re.search(r" status [01]( |$)", l)]
        step("calls", r.returncode == 0 and len(lines) == len(mods) and not bad,
             "%d/%d modules called (status 0, or 1 with the Go error)" % (
                 len(lines) - len(bad), len(mods)))

    # 5. a tampered module in the cache is refused
    path, version, _ = mods[0]
    index = os.path.join(cache, "index", path, "@v", version + ".json")
    victim = None
    if os.path.exists(index):
        sha = json.load(open(index))["ZipSha256"]
        victim = os.path.join(cache, "blobs", "sha256", sha[:2], sha)
    if step("tamper", victim is not None and os.path.exists(victim),
            "appended a byte to the cached zip of %s@%s" % (path, version)):
        os.chmod(os.path.dirname(victim), 0o755)
        os.chmod(victim, 0o644)
        with open(victim, "ab") as f:
            f.write(b"x")
        p = run(sync, env=env)
        step("refused", p.returncode == 5 and "SECURITY ERROR" in p.stderr,
             "exit %d: %s" % (p.returncode,
                              (p.stderr.strip().splitlines() or [""])[0][:300]))
    return finish()


def finish():
    passed = sum(1 for r in results if r)
    print("live: %d passed, %d failed" % (passed, len(results) - passed))
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main())
