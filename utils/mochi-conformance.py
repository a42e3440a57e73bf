#!/usr/bin/env python3
"""Check the Mochi externs of corpus modules and standard-library packages.

    mochi-conformance.py --bin DIR --out DIR [--proxy DIR --modules FILE]
                         [--std PKG,PKG,...] [--jobs N]

For each corpus module (one path a line in FILE, served by the corpus proxy)
and each standard-library package: ingest it (mochi-go-ingest), lower it
(mochi-go-opt --typemap --handle-pool --cgo-export), print its externs
(mochi-go-translate --emit-mochi-externs), write <alias>.mochi and
<alias>.bindings.yaml under OUT/<name>/, and run `mochi-go-check --bindings`
on them: the extern file must be Mochi by Mochi's grammar, and its bindings
must name exactly the declarations it makes.

Prints one line per input, `ok <name>: <counts>` or `FAIL <name>: <why>`,
in input order, then `conformance: N/M accepted`. Exits 1 when one failed.
"""

import argparse
import concurrent.futures
import json
import os
import re
import subprocess
import sys


def run(cmd, **kw):
    return subprocess.run(cmd, capture_output=True, text=True, **kw)


def split_files(text, out_dir):
    """Write LLVM split-file form (`//--- name` lines) into out_dir."""
    names = []
    current = None
    chunks = {}
    for line in text.splitlines(keepends=True):
        m = re.match(r"^//--- (\S+)\n?$", line)
        if m:
            current = m.group(1)
            names.append(current)
            chunks[current] = []
            continue
        if current is not None:
            chunks[current].append(line)
    os.makedirs(out_dir, exist_ok=True)
    for n in names:
        with open(os.path.join(out_dir, n), "w") as f:
            f.write("".join(chunks[n]))
    return names


def check_one(args, kind, name, version):
    tool = lambda t: os.path.join(args.bin, t)
    safe = re.sub(r"[^A-Za-z0-9_.-]", "_", name)
    work = os.path.join(args.out, safe)
    os.makedirs(work, exist_ok=True)
    surface = os.path.join(work, "surface.json")
    if kind == "module":
        ingest = [tool("mochi-go-ingest"), "-proxy",
                  "file://" + os.path.abspath(args.proxy), "-pins",
                  os.path.join(args.proxy, "pins.txt"), "-o", surface,
                  "%s@%s" % (name, version)]
    else:
        ingest = [tool("mochi-go-ingest"), "-std", name, "-o", surface]
    steps = [
        ("ingest", ingest),
        ("import", [tool("mochi-go-translate"), "--import-apisurface", surface,
                    "-o", os.path.join(work, "surface.mlir")]),
        ("lower", [tool("mochi-go-opt"), os.path.join(work, "surface.mlir"),
                   "--typemap", "--handle-pool", "--cgo-export",
                   "-o", os.path.join(work, "lowered.mlir")]),
        ("emit", [tool("mochi-go-translate"), "--emit-mochi-externs",
                  os.path.join(work, "lowered.mlir"),
                  "-o", os.path.join(work, "externs.txt")]),
    ]
    for step, cmd in steps:
        p = run(cmd)
        if p.returncode != 0:
            return False, "%s failed: %s" % (step, p.stderr.strip()[:2000])
    with open(os.path.join(work, "externs.txt")) as f:
        files = split_files(f.read(), os.path.join(work, "mochi"))
    mochi = [n for n in files if n.endswith(".mochi")]
    yaml = [n for n in files if n.endswith(".bindings.yaml")]
    if len(mochi) != 1 or len(yaml) != 1:
        return False, "expected one .mochi and one .bindings.yaml, got %s" % files
    mdir = os.path.join(work, "mochi")
    p = run([tool("mochi-go-check"), "--list", "--bindings",
             os.path.join(mdir, yaml[0]), os.path.join(mdir, mochi[0])])
    if p.returncode != 0:
        return False, "mochi-go-check refused it:\n" + p.stderr.strip()[:4000]
    counts = {}
    for line in p.stdout.splitlines():
        if line.strip():
            k = line.split()[0]
            counts[k] = counts.get(k, 0) + 1
    total = sum(counts.values())
    detail = " ".join("%s=%d" % (k, counts[k]) for k in sorted(counts))
    return True, "%s: %d declarations (%s)" % (mochi[0], total, detail)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--bin", required=True, help="mochi-go tools directory")
    ap.add_argument("--out", required=True, help="work directory")
    ap.add_argument("--proxy", help="corpus proxy directory (for --modules)")
    ap.add_argument("--modules", help="file with one corpus module path a line")
    ap.add_argument("--std", default="", help="standard-library packages, comma-separated")
    ap.add_argument("--jobs", type=int, default=os.cpu_count() or 2)
    args = ap.parse_args()

    inputs = []
    if args.modules:
        if not args.proxy:
            sys.exit("mochi-conformance: --modules needs --proxy")
        with open(os.path.join(args.proxy, "index.json")) as f:
            index = json.load(f)
        entries = index["modules"] if isinstance(index, dict) else index
        versions = {}
        for m in entries:
            versions.setdefault(m["path"], m["version"])
        with open(args.modules) as f:
            for line in f:
                path = line.split("#")[0].strip()
                if not path:
                    continue
                if path not in versions:
                    sys.exit("mochi-conformance: %s is not in the corpus proxy" % path)
                inputs.append(("module", path, versions[path]))
    for pkg in filter(None, args.std.split(",")):
        inputs.append(("std", pkg.strip(), ""))
    if not inputs:
        sys.exit("mochi-conformance: nothing to check (--modules or --std)")

    with concurrent.futures.ThreadPoolExecutor(max_workers=args.jobs) as pool:
        results = list(pool.map(lambda i: check_one(args, *i), inputs))
    ok = 0
    for (kind, name, _), (good, text) in zip(inputs, results):
        label = name if kind == "module" else "std " + name
        if good:
            ok += 1
            print("ok %s: %s" % (label, text))
        else:
            print("FAIL %s: %s" % (label, text))
    print("conformance: %d/%d accepted" % (ok, len(inputs)))
    sys.exit(0 if ok == len(inputs) else 1)


if __name__ == "__main__":
    main()
