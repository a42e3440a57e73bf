#!/usr/bin/env python3
"""Benchmark of the goroutine bridge, as ratios to a bare cgo call in one run.

The wrapper of bench/bridge/mod (GoSurface bench/bridge/bridge.mlir, lowered
by the real passes) is built as a c-archive together with a hand-written
//export of the same trivial function (bench/bridge/hand.go, the baseline: a
bare C -> Go cgo call). bench/bridge/bench.c then times, best of 5 rounds of
--calls each, in one process:

  bare      the hand-written export (baseline, ratio 1)
  wrapper   the generated wrapper of the same function
  callback  bridge.Apply(f, x) with f a C callback: C -> Go -> C -> Go -> C
  chan      Chan_int64_send + Chan_int64_recv on a buffered channel, one pair

Ratios are time / bare time (above 1: slower than the bare call).

usage: bench/bridge.py [--build BUILD] [--calls N] [--go GO]
"""

import argparse
import os
import shutil
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
HERE = os.path.join(ROOT, "bench", "bridge")


def run(cmd, cwd=None, env=None):
    p = subprocess.run(cmd, cwd=cwd, env=env, stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE, text=True)
    if p.returncode != 0:
        sys.exit("command failed: %s\n%s%s" % (" ".join(cmd), p.stdout,
                                               p.stderr))
    return p.stdout


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--build", default=os.path.join(ROOT, "build"))
    ap.add_argument("--calls", type=int, default=200000)
    ap.add_argument("--go", default=shutil.which("go") or
                    "/usr/lib/go-1.23/bin/go")
    args = ap.parse_args()
    build = os.path.abspath(args.build)
    bin_ = os.path.join(build, "bin")
    split_file = shutil.which("split-file") or "/usr/lib/llvm-19/bin/split-file"
    with tempfile.TemporaryDirectory() as work:
        lowered = os.path.join(work, "lowered.mlir")
        run([os.path.join(bin_, "mochi-go-opt"),
             os.path.join(HERE, "bridge.mlir"), "--typemap", "--handle-pool",
             "--cgo-export", "-o", lowered])
        run([os.path.join(bin_, "mochi-go-translate"), "--emit-go-wrapper",
             lowered, "-o", os.path.join(work, "wrapper.txt")])
        run([os.path.join(bin_, "mochi-go-translate"), "--emit-c-header",
             lowered, "-o", os.path.join(work, "mochigo_bridge.h")])
        wrap = os.path.join(work, "wrap")
        run([split_file, os.path.join(work, "wrapper.txt"), wrap])
        shutil.copytree(os.path.join(HERE, "mod"), os.path.join(work, "mod"))
        shutil.copy(os.path.join(HERE, "hand.go"), wrap)
        with open(os.path.join(wrap, "go.mod"), "a") as f:
            f.write("\nreplace mochigo.bench/bridge => ../mod\n")
        env = dict(os.environ, GOFLAGS="-mod=mod", GOPROXY="off",
                   GOWORK="off", GOTOOLCHAIN="local", CGO_ENABLED="1")
        lib = os.path.join(work, "libmochigo_bridge.a")
        run([args.go, "build", "-buildmode=c-archive", "-o", lib, "."],
            cwd=wrap, env=env)
        exe = os.path.join(work, "bench")
        run(["cc", "-O2", "-I", work, os.path.join(HERE, "bench.c"), lib,
             "-lpthread", "-o", exe])
        out = run([exe, str(args.calls)])
    print("goroutine bridge, %d operations per round (best of 5):"
          % args.calls)
    sys.stdout.write(out)


if __name__ == "__main__":
    main()
