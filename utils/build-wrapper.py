#!/usr/bin/env python3
"""Build the C wrapper library of one corpus module, and link C against it.

    build-wrapper.py --proxy DIR --bin DIR --go GO --out OUT MODULE
                     [--c-test FILE.c] [--keep-going]

Runs the whole consume pipeline on MODULE as served by the corpus proxy:

  1. mochi-go-ingest (through utils/corpus-ingest.py) -> OUT/surface.json
  2. mochi-go-translate --import-apisurface, mochi-go-opt --typemap
     --handle-pool --cgo-export -> OUT/lowered.mlir
  3. the printers: OUT/wrap/ (the Go wrapper module, written out with
     split-file), OUT/<prefix>.h, OUT/mochi/ (externs and bindings),
     OUT/skip-report.txt
  4. go build -buildmode=c-archive -> OUT/lib<prefix>.a, with every module
     the proxy serves pinned by a replace directive (the proxy serves one
     version of each), offline: GOPROXY=file://DIR, GOSUMDB=off
  5. a C program compiled against the header and linked with the archive:
     FILE.c when given (it is compiled with -DMOCHIGO_HEADER="<prefix>.h"),
     otherwise a generated one that takes the address of every function the
     header declares (so that each must exist in the archive) and checks that
     no handle is live. The program is run; its output is printed.

Exits non-zero, naming the step, on the first failure.
"""

import argparse
import json
import os
import re
import shutil
import subprocess
import sys


def run(step, cmd, **kw):
    proc = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                          text=True, **kw)
    if proc.returncode != 0:
        sys.stderr.write("build-wrapper: %s failed (exit %d): %s\n%s%s" % (
            step, proc.returncode, " ".join(cmd), proc.stdout[-4000:],
            proc.stderr[-4000:]))
        sys.exit(1)
    return proc.stdout


def smoke_program(header, prefix):
    """A C program that needs every function the header declares."""
    text = open(header).read()
    funcs = sorted(set(re.findall(r"^\S[^\n(]*?\b(%s_\w+)\(" % prefix, text,
                                  re.M)))
    lines = ['#include "%s"' % os.path.basename(header), "#include <stdio.h>",
             "", "static void *const functions[] = {"]
    lines += ["  (void *)&%s," % f for f in funcs]
    lines += ["};", "", "int main(void) {",
              "  size_t n = sizeof functions / sizeof functions[0];",
              "  for (size_t i = 0; i < n; ++i)",
              "    if (!functions[i]) return 1;",
              "  long long live = (long long)%s_handle_live();" % prefix,
              '  printf("functions=%zu live=%lld\\n", n, live);',
              "  return live == 0 ? 0 : 2;", "}", ""]
    return "\n".join(lines), len(funcs)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--proxy", required=True, help="corpus proxy directory")
    ap.add_argument("--bin", required=True, help="directory of the tools")
    ap.add_argument("--go", default="go", help="go binary")
    ap.add_argument("--cc", default=os.environ.get("CC", "cc"))
    ap.add_argument("--split-file", default=shutil.which("split-file") or
                    "/usr/lib/llvm-19/bin/split-file", help="LLVM split-file")
    ap.add_argument("--out", required=True, help="output directory")
    ap.add_argument("--c-test", help="C test program to link instead")
    ap.add_argument("--go-direct", help="Go program (package main) that "
                    "computes directly what --c-test computes through the "
                    "wrapper; both outputs must be equal")
    ap.add_argument("--surface", help="ApiSurface JSON already ingested")
    ap.add_argument("module")
    args = ap.parse_args()

    out = os.path.abspath(args.out)
    proxy = os.path.abspath(args.proxy)
    tool = lambda name: os.path.join(args.bin, name)
    here = os.path.dirname(os.path.abspath(__file__))
    os.makedirs(out, exist_ok=True)

    surface = os.path.join(out, "surface.json")
    if args.surface:
        shutil.copyfile(args.surface, surface)
    else:
        run("ingest", [sys.executable, os.path.join(here, "corpus-ingest.py"),
                       "--proxy", proxy, "--ingest", tool("mochi-go-ingest"),
                       args.module, "-o", surface])
    imported = os.path.join(out, "surface.mlir")
    run("import", [tool("mochi-go-translate"), "--import-apisurface", surface,
                   "-o", imported])
    lowered = os.path.join(out, "lowered.mlir")
    run("lower", [tool("mochi-go-opt"), imported, "--typemap",
                  "--handle-pool", "--cgo-export", "-o", lowered])
    # The symbol is quoted for a module path (@"github.com/google/uuid"),
    # bare for the standard library (@std).
    prefix = re.search(r'cabi\.library @(?:"[^"]*"|[\w.$-]+) version "[^"]*" '
                       r'prefix "(\w+)"', open(lowered).read()).group(1)

    bundle = os.path.join(out, "wrapper.txt")
    run("emit-go-wrapper", [tool("mochi-go-translate"), "--emit-go-wrapper",
                            lowered, "-o", bundle])
    wrap = os.path.join(out, "wrap")
    shutil.rmtree(wrap, ignore_errors=True)
    run("split-file", [args.split_file, bundle, wrap])
    header = os.path.join(out, prefix + ".h")
    run("emit-c-header", [tool("mochi-go-translate"), "--emit-c-header",
                          lowered, "-o", header])
    externs = os.path.join(out, "externs.txt")
    run("emit-mochi-externs", [tool("mochi-go-translate"),
                               "--emit-mochi-externs", lowered, "-o", externs])
    mochi = os.path.join(out, "mochi")
    shutil.rmtree(mochi, ignore_errors=True)
    run("split-file", [args.split_file, externs, mochi])
    run("emit-skip-report", [tool("mochi-go-translate"), "--emit-skip-report",
                             lowered, "-o",
                             os.path.join(out, "skip-report.txt")])

    # Pin every module the proxy serves (it serves one version of each).
    gomod = os.path.join(wrap, "go.mod")
    with open(os.path.join(proxy, "pins.txt")) as f:
        pins = [l.split() for l in f if l.strip() and not l.startswith("#")]
    with open(gomod, "a") as f:
        f.write("\nreplace (\n")
        for mod, ver in pins:
            f.write("\t%s => %s %s\n" % (mod, mod, ver))
        f.write(")\n")

    env = dict(os.environ)
    env.update({"GOPROXY": "file://" + proxy, "GOSUMDB": "off",
                "GOFLAGS": "-mod=mod", "GOWORK": "off",
                "GOTOOLCHAIN": "local", "CGO_ENABLED": "1"})
    for var in ("GONOSUMDB", "GOPRIVATE", "GONOPROXY", "GOINSECURE"):
        env.pop(var, None)
    archive = os.path.join(out, "lib%s.a" % prefix)
    run("go build", [args.go, "build", "-buildmode=c-archive", "-trimpath",
                     "-o", archive, "."], cwd=wrap, env=env)
    # cgo writes a header for the main package; ours is the one to use.
    cgo_header = os.path.join(out, "lib%s.h" % prefix)
    if os.path.exists(cgo_header):
        os.remove(cgo_header)

    if args.c_test:
        source = os.path.abspath(args.c_test)
        count = None
    else:
        text, count = smoke_program(header, prefix)
        source = os.path.join(out, "smoke.c")
        with open(source, "w") as f:
            f.write(text)
    exe = os.path.join(out, "smoke")
    run("cc", [args.cc, "-std=c11", "-Wall", "-Werror", "-I", out,
               '-DMOCHIGO_HEADER="%s.h"' % prefix, source, archive,
               "-lpthread", "-lm", "-ldl", "-lresolv", "-o", exe])
    got = run("run", [exe])
    sys.stdout.write(got)
    if args.go_direct:
        direct = os.path.join(wrap, "direct")
        os.makedirs(direct, exist_ok=True)
        shutil.copyfile(args.go_direct, os.path.join(direct, "main.go"))
        want = run("go run (direct)", [args.go, "run", "./direct"], cwd=wrap,
                   env=env)
        if got != want:
            sys.stderr.write("build-wrapper: the C program (through the "
                             "wrapper) and the Go program (direct) differ:\n"
                             "--- C\n%s--- Go\n%s" % (got, want))
            sys.exit(1)
        print("differential: %d lines equal" % len(got.splitlines()))
    if count is not None:
        print("prefix=%s exports=%d" % (prefix, count))


if __name__ == "__main__":
    main()
