#!/usr/bin/env python3
"""Consume a published Mochi package again and compare the two Mochi faces.

    publish-roundtrip.py --bin DIR --go GO --pkg PKGDIR --published OUT

PKGDIR is a Mochi package (docs/Publish.md) and OUT what `mochi-go publish`
made of it. The published module is ingested (`mochi-go-ingest -dir`),
lowered and printed as Mochi externs as any Go module is (docs/Driver.md),
with the package name as the alias; `mochi-go-check --list` reads them. Each
`export fun` of the package must come back as one `extern fun`: the name by
the publish naming rule (snake_case to PascalCase), the same parameter
names, and the same Mochi types, a record `T` of the package being
`<alias>__T` on the consume side (docs/MochiExterns.md).

Prints `same <name>: <signature>` or `differs <name>: <export fun> vs
<extern fun>` per function, in source order, then `roundtrip: N/M same`.
Exits 1 when one differs or is missing.
"""

import argparse
import glob
import os
import re
import subprocess
import sys
import tempfile


def pascal(name):
    return "".join(p[:1].upper() + p[1:] for p in name.split("_") if p)


def run(cmd, **kw):
    p = subprocess.run(cmd, capture_output=True, text=True, **kw)
    if p.returncode != 0:
        sys.exit("publish-roundtrip: %s failed:\n%s%s" % (cmd[0], p.stdout, p.stderr))
    return p.stdout


def normal(t):
    """A Mochi type in mochi-go-check's normal form: one space after ':' and
    ',', none elsewhere."""
    t = re.sub(r"\s+", "", t)
    return t.replace(":", ": ").replace(",", ", ")


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--bin", required=True)
    ap.add_argument("--go", required=True)
    ap.add_argument("--pkg", required=True)
    ap.add_argument("--published", required=True)
    args = ap.parse_args()
    tool = lambda t: os.path.join(args.bin, t)

    # The Mochi side: `package` and the `export fun` signatures, each on one
    # line in the examples (a body follows after `{`).
    alias = None
    exports = []
    records = set()
    for path in sorted(glob.glob(os.path.join(args.pkg, "*.mochi"))):
        with open(path) as f:
            for line in f:
                m = re.match(r"^package\s+(\w+)", line)
                if m:
                    alias = m.group(1)
                m = re.match(r"^type\s+(\w+)\s*[{=]", line)
                if m:
                    records.add(m.group(1))
                m = re.match(r"^export\s+fun\s+(\w+)\((.*?)\)\s*(?::\s*(.+?))?\s*\{", line)
                if m:
                    exports.append(m.groups())
    if not alias:
        sys.exit("publish-roundtrip: no package clause in %s" % args.pkg)

    def consumed(t):
        t = normal(t)
        for r in sorted(records, key=len, reverse=True):
            t = re.sub(r"\b%s\b" % re.escape(r), "%s__%s" % (alias, r), t)
        return t

    with tempfile.TemporaryDirectory() as work:
        env = dict(os.environ)
        env["PATH"] = os.path.dirname(args.go) + os.pathsep + env.get("PATH", "")
        surface = os.path.join(work, "s.json")
        run([tool("mochi-go-ingest"), "-go", args.go, "-dir", args.published,
             "-o", surface], env=env)
        ir = run([tool("mochi-go-translate"), "--import-apisurface", surface])
        low = run([tool("mochi-go-opt"), "--typemap", "--handle-pool",
                   "--cgo-export"], input=ir)
        ext = run([tool("mochi-go-translate"), "--emit-mochi-externs",
                   "--mochi-alias=" + alias], input=low)
        mochi = ext.split("//--- %s.mochi\n" % alias, 1)[1].split("//--- ", 1)[0]
        mpath = os.path.join(work, alias + ".mochi")
        with open(mpath, "w") as f:
            f.write(mochi)
        listed = run([tool("mochi-go-check"), "--list", mpath])

    funs = {}
    for line in listed.splitlines():
        if line.startswith("extern_fun "):
            sig = line[len("extern_fun "):]
            funs[sig.split("(", 1)[0]] = sig
    same = 0
    for name, params, result in exports:
        ps = []
        for p in filter(None, (x.strip() for x in split_top(params))):
            pn, pt = p.split(":", 1)
            ps.append("%s: %s" % (pn.strip(), consumed(pt)))
        want = "%s.%s(%s)%s" % (alias, pascal(name), ", ".join(ps),
                                ": " + consumed(result) if result else "")
        got = funs.get("%s.%s" % (alias, pascal(name)), "(missing)")
        if got == want:
            same += 1
            print("same %s: %s" % (name, got))
        else:
            print("differs %s: %s vs %s" % (name, want, got))
    print("roundtrip: %d/%d same" % (same, len(exports)))
    sys.exit(0 if same == len(exports) else 1)


def split_top(params):
    """Split a parameter list at the commas outside brackets."""
    out, depth, cur = [], 0, ""
    for c in params:
        if c in "<({[":
            depth += 1
        elif c in ">)}]":
            depth -= 1
        if c == "," and depth == 0:
            out.append(cur)
            cur = ""
        else:
            cur += c
    out.append(cur)
    return out


if __name__ == "__main__":
    main()
