#!/usr/bin/env python3
"""Benchmarks of module fetching and verification, as ratios in one run.

1. h1 hashing throughput against sha256sum over the same bytes. Every zip of
   the corpus proxy (all modules it serves) is extracted once; then, best of
   --repeat runs each, with a warm page cache:
     sha256sum   over every extracted file (one process, xargs)
     hash zip    mochi-go-mod hash over every zip: inflate + CRC + h1, one
                 process (h1 hashes the same uncompressed bytes)
     hash dir    mochi-go-mod hash -prefix over every extracted tree (one
                 process per module, as a cache verify would do)
   Ratios are sha256sum time / ours (above 1: ours is faster).

2. Downloading and verifying the 24 corpus modules (test/corpus/modules.txt,
   @latest) against the same loopback proxy and checksum database
   (mochi-go-test-servers): `go mod download -json` with an empty GOMODCACHE
   and `mochi-go-mod download` with an empty cache, alternated, median of
   --repeat runs; then again with warm caches. Peak memory (max RSS) of each
   is reported too. Ratios are go time / ours.

3. With --live, only part 2, against the real world: the 24 modules at the
   versions of the live suite (test/live/corpus-versions.txt) through this
   machine's go env (its module proxy and checksum database).

usage: bench/fetch-corpus.py [--build BUILD] [--repeat N] [--go GO] [--live]
"""

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def timed(cmd, env=None, cwd=None):
    """Run cmd; return its wall time in seconds."""
    t0 = time.perf_counter()
    p = subprocess.run(cmd, env=env, cwd=cwd, stdout=subprocess.DEVNULL,
                       stderr=subprocess.PIPE, text=True)
    dt = time.perf_counter() - t0
    if p.returncode != 0:
        sys.exit("benchmark command failed: %s\n%s" % (" ".join(cmd), p.stderr))
    return dt


def max_rss_kib(cmd, env=None, cwd=None):
    """Run cmd under /usr/bin/time; return its peak resident memory."""
    out = subprocess.run(["/usr/bin/time", "-f", "%M"] + cmd, env=env, cwd=cwd,
                         stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                         text=True)
    if out.returncode != 0:
        sys.exit("benchmark command failed: %s\n%s" % (" ".join(cmd), out.stderr))
    return int(out.stderr.strip().splitlines()[-1])


def best(n, cmd, env=None, cwd=None):
    return min(timed(cmd, env, cwd) for _ in range(n))


def hashing(build, proxy, work, repeat):
    mod = os.path.join(build, "bin", "mochi-go-mod")
    zips, trees, files, total = [], [], [], 0
    for dirpath, _, names in os.walk(proxy):
        for n in names:
            if n.endswith(".zip"):
                zips.append(os.path.join(dirpath, n))
    zips.sort()
    tree_root = os.path.join(work, "trees")
    for z in zips:
        with zipfile.ZipFile(z) as zf:
            names = [i.filename for i in zf.infolist() if not i.is_dir()]
            if not names:
                continue
            # path@version is everything up to the first element with '@'.
            first = names[0]
            at = first.index("@")
            prefix = first[:first.index("/", at)]
            zf.extractall(tree_root)
            trees.append((prefix, os.path.join(tree_root, prefix)))
            for i in zf.infolist():
                if not i.is_dir():
                    files.append(os.path.join(tree_root, i.filename))
                    total += i.file_size
    list_file = os.path.join(work, "files.txt")
    with open(list_file, "w") as f:
        f.write("\0".join(files) + "\0")
    sha = ["sh", "-c", "xargs -0 sha256sum < %s > /dev/null" % list_file]
    ours_zip = [mod, "hash"] + zips
    script = os.path.join(work, "hashdirs.sh")
    with open(script, "w") as f:
        for prefix, d in trees:
            f.write("%s hash -prefix '%s' '%s' > /dev/null || exit 1\n" %
                    (mod, prefix, d))
    ours_dir = ["sh", script]
    for cmd in (sha, ours_zip, ours_dir):  # warm the page cache
        timed(cmd)
    t_sha = best(repeat, sha)
    t_zip = best(repeat, ours_zip)
    t_dir = best(repeat, ours_dir)
    mb = total / 1e6
    print("h1 hashing: %d zips, %d files, %.1f MB uncompressed (best of %d)"
          % (len(zips), len(files), mb, repeat))
    print("  sha256sum over the files      %6.3f s  %7.1f MB/s" % (t_sha, mb / t_sha))
    print("  mochi-go-mod hash (zips)      %6.3f s  %7.1f MB/s  ratio sha256sum/ours = %.2f"
          % (t_zip, mb / t_zip, t_sha / t_zip))
    print("  mochi-go-mod hash -prefix dir %6.3f s  %7.1f MB/s  ratio sha256sum/ours = %.2f"
          % (t_dir, mb / t_dir, t_sha / t_dir))


def compare_downloads(mod, go, modules, env, work, repeat, what):
    """go mod download -json vs mochi-go-mod download of `modules`, cold and
    warm, alternated, median of `repeat`; peak memory of a cold run."""
    nomod = os.path.join(work, "nomod")
    os.makedirs(nomod, exist_ok=True)

    def go_cmd(cache):
        e = dict(env, GOMODCACHE=cache)
        return [go, "mod", "download", "-json"] + modules, e

    def our_cmd(cache):
        return [mod, "download", "-progress=never", "-cache", cache] + modules, env

    cold = {"go": [], "ours": []}
    warm = {"go": [], "ours": []}
    rss = {}
    for i in range(repeat):
        for name, make in (("go", go_cmd), ("ours", our_cmd)):
            cache = os.path.join(work, "%s-%d" % (name, i))
            cmd, e = make(cache)
            cold[name].append(timed(cmd, e, nomod))
            warm[name].append(timed(cmd, e, nomod))
    for name, make in (("go", go_cmd), ("ours", our_cmd)):
        cmd, e = make(os.path.join(work, "%s-rss" % name))
        rss[name] = max_rss_kib(cmd, e, nomod)
    print("download + verify %d corpus modules %s (median of %d)"
          % (len(modules), what, repeat))
    for label, runs in (("cold (empty cache)", cold), ("warm (cached)", warm)):
        g, o = statistics.median(runs["go"]), statistics.median(runs["ours"])
        print("  %-19s go mod download %6.3f s   mochi-go-mod %6.3f s   "
              "ratio go/ours = %.2f" % (label, g, o, g / o))
    print("  peak memory (cold)  go mod download %6.1f MiB   mochi-go-mod %6.1f MiB   "
          "ratio go/ours = %.2f" % (rss["go"] / 1024, rss["ours"] / 1024,
                                    rss["go"] / rss["ours"]))


def downloading(build, proxy, work, repeat, go):
    mod = os.path.join(build, "bin", "mochi-go-mod")
    servers = os.path.join(build, "bin", "mochi-go-test-servers")
    with open(os.path.join(ROOT, "test", "corpus", "modules.txt")) as f:
        modules = [l.strip() + "@latest" for l in f if l.strip()]
    srv = subprocess.Popen([servers, "-proxy", proxy], stdout=subprocess.PIPE,
                           text=True)
    env = dict(os.environ)
    for k in ("GOPRIVATE", "GONOPROXY", "GONOSUMDB", "GOINSECURE", "GOFLAGS"):
        env.pop(k, None)
    try:
        while True:
            line = srv.stdout.readline()
            if not line:
                sys.exit("mochi-go-test-servers exited")
            k, _, v = line.rstrip("\n").partition("=")
            env[k] = v
            if k == "MOCHIGO_TEST_TREE_SIZE":
                break
        env.update(GOTOOLCHAIN="local", GOWORK="off", GOFLAGS="-modcacherw",
                   MOCHIGO_LOOPBACK_ONLY="1")
        compare_downloads(mod, go, modules, env, work, repeat,
                          "through the loopback proxy and checksum database")
    finally:
        srv.terminate()
        srv.wait()


def live_downloading(build, work, repeat, go):
    """The same against the real world, through the machine's go env, at the
    versions of the live suite (test/live/corpus-versions.txt)."""
    mod = os.path.join(build, "bin", "mochi-go-mod")
    modules = []
    with open(os.path.join(ROOT, "test", "live", "corpus-versions.txt")) as f:
        for line in f:
            line = line.split("#", 1)[0].split()
            if line:
                modules.append("%s@%s" % (line[0], line[1]))
    env = dict(os.environ, GOFLAGS="-modcacherw")
    env.pop("MOCHIGO_LOOPBACK_ONLY", None)
    compare_downloads(mod, go, modules, env, work, repeat,
                      "through this machine's go env (module proxy and "
                      "checksum database)")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--build", default=os.path.join(ROOT, "build"))
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--go", default=shutil.which("go") or "/usr/lib/go-1.23/bin/go")
    ap.add_argument("--live", action="store_true",
                    help="only part 2, against the real module proxy and "
                         "checksum database of this machine's go env")
    a = ap.parse_args()
    a.build = os.path.abspath(a.build)
    proxy = os.path.join(a.build, "corpus-proxy")
    work = tempfile.mkdtemp(prefix="mochigo-bench-")
    try:
        if a.live:
            live_downloading(a.build, work, a.repeat, a.go)
        else:
            hashing(a.build, proxy, work, a.repeat)
            downloading(a.build, proxy, work, a.repeat, a.go)
    finally:
        subprocess.run(["chmod", "-R", "u+w", work])
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
