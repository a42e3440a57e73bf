#!/usr/bin/env python3
"""Differential test: mochi-go-mod against the go command.

Run under mochi-go-test-servers (which sets GOPROXY and GOSUMDB to its
loopback proxy and checksum database). For every MODULE (queried @latest):

  * `go mod download -json MODULE@latest ...` in an empty GOMODCACHE, and
    `mochi-go-mod download -json MODULE@latest ...` in an empty cache, must
    agree on the resolved Version, Sum (h1 of the zip) and GoModSum (h1 of
    go.mod);
  * the go.sum lines mochi-go-mod writes (-gosum) must be byte-identical to
    the lines the go command writes for the same modules (a main module that
    requires them at those versions, then `go mod download MODULE ...`).

Prints "SAME path version sum gomodsum" per module and "GOSUM SAME n lines",
or DIFF lines, and exits 1 on any difference.
"""

import argparse
import json
import os
import subprocess
import sys


def decode_all(text):
    dec = json.JSONDecoder()
    out, i = [], 0
    while True:
        while i < len(text) and text[i].isspace():
            i += 1
        if i >= len(text):
            return out
        obj, i = dec.raw_decode(text, i)
        out.append(obj)


def run(cmd, cwd, env):
    p = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True)
    if p.returncode != 0:
        sys.stderr.write("FAILED: %s\n%s%s" % (" ".join(cmd), p.stdout, p.stderr))
        sys.exit(1)
    return p.stdout


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--go", required=True)
    ap.add_argument("--mod", required=True, help="the mochi-go-mod binary")
    ap.add_argument("--corpus", required=True, help="corpus proxy dir (pins.txt)")
    ap.add_argument("--work", required=True)
    ap.add_argument("--modules-file", help="module paths, one per line")
    ap.add_argument("modules", nargs="*")
    a = ap.parse_args()
    if a.modules_file:
        with open(a.modules_file) as f:
            a.modules += [l.strip() for l in f
                          if l.strip() and not l.startswith("#")]
    if not a.modules:
        ap.error("no modules")

    os.makedirs(a.work, exist_ok=True)
    env = dict(os.environ)
    for k in ("GOPRIVATE", "GONOPROXY", "GONOSUMDB", "GOINSECURE", "GOFLAGS"):
        env.pop(k, None)
    env.update(GOTOOLCHAIN="local", GOWORK="off", GOFLAGS="-modcacherw",
               GOMODCACHE=os.path.join(a.work, "gomodcache"))
    queries = [m + "@latest" for m in a.modules]

    # 1. The go command, outside any module.
    nomod = os.path.join(a.work, "nomod")
    os.makedirs(nomod, exist_ok=True)
    theirs = {o["Path"]: o for o in
              decode_all(run([a.go, "mod", "download", "-json"] + queries,
                             nomod, env))}
    # 2. mochi-go-mod, with its own empty cache and go.sum.
    ours_sum = os.path.join(a.work, "ours.sum")
    ours = {o["Path"]: o for o in
            decode_all(run([a.mod, "download", "-json", "-progress=never",
                            "-cache", os.path.join(a.work, "cache"),
                            "-gosum", ours_sum] + queries, a.work, env))}

    bad = 0
    for m in a.modules:
        t, o = theirs.get(m), ours.get(m)
        if not t or not o or "Error" in t or "Error" in o:
            print("DIFF %s: go=%s ours=%s" % (m, t and t.get("Error"),
                                             o and o.get("Error")))
            bad += 1
            continue
        fields = ("Version", "Sum", "GoModSum")
        if any(t[f] != o[f] for f in fields):
            print("DIFF %s: go %s / ours %s" % (
                m, [t[f] for f in fields], [o[f] for f in fields]))
            bad += 1
            continue
        print("SAME %s %s %s %s" % (m, o["Version"], o["Sum"], o["GoModSum"]))

    # 3. go.sum as the go command writes it, for a module requiring them all.
    main_dir = os.path.join(a.work, "main")
    os.makedirs(main_dir, exist_ok=True)
    mine = {m: ours[m]["Version"] for m in a.modules if m in ours and "Version" in ours[m]}
    lines = ["module example.com/differential", "", "go 1.23", ""]
    lines += ["require %s %s" % (m, v) for m, v in sorted(mine.items())]
    lines.append("")
    # Every module the proxy serves is pinned to the one version it has (the
    # corpus-ingest way), so dependencies required at versions Debian lacks
    # resolve; the modules under test are pinned to themselves.
    with open(os.path.join(a.corpus, "pins.txt")) as f:
        for pin in f:
            path, ver = pin.split()
            lines.append("replace %s => %s %s" % (path, path, mine.get(path, ver)))
    with open(os.path.join(main_dir, "go.mod"), "w") as f:
        f.write("\n".join(lines) + "\n")
    run([a.go, "mod", "download"] + sorted(mine), main_dir, env)
    with open(os.path.join(main_dir, "go.sum")) as f:
        go_lines = [l for l in f.read().splitlines()
                    if l.split(" ")[0] in mine]
    with open(ours_sum) as f:
        our_lines = f.read().splitlines()
    if go_lines != our_lines:
        print("DIFF go.sum:\n--- go\n%s\n--- ours\n%s" % (
            "\n".join(go_lines), "\n".join(our_lines)))
        bad += 1
    else:
        print("GOSUM SAME %d lines" % len(our_lines))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
