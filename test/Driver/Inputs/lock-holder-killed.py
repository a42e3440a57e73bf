#!/usr/bin/env python3
"""A sync that holds the archive's build lock is killed with SIGKILL while a
second sync of the same program waits for that lock; the second one then
builds the archive itself and succeeds.

    lock-holder-killed.py --bin DIR --proxy DIR --go GO --work DIR

The go command is a wrapper that hangs in its first `build` (after writing
a marker) and runs the real go otherwise. Prints one line per step; exits
non-zero on the first failure.
"""
import argparse
import os
import signal
import subprocess
import sys
import time

import importlib.util

# The server and go-toolchain helpers of kill-sync.py.
spec = importlib.util.spec_from_file_location(
    "killsync", os.path.join(os.path.dirname(os.path.abspath(__file__)),
                             "kill-sync.py"))
ks = importlib.util.module_from_spec(spec)
spec.loader.exec_module(ks)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", required=True)
    ap.add_argument("--proxy", required=True)
    ap.add_argument("--go", required=True)
    ap.add_argument("--work", required=True)
    args = ap.parse_args()
    work = os.path.abspath(args.work)
    v = ks.versions(args.proxy)
    app = os.path.join(work, "app")
    os.makedirs(app, exist_ok=True)
    program = os.path.join(app, "app.mochi")
    with open(program, "w") as f:
        f.write('import go "github.com/google/uuid@%s" as uuid\n'
                % v["github.com/google/uuid"])
    cache = os.path.join(work, "cache")
    mochi_go = os.path.join(args.bin, "mochi-go")

    # A go that hangs in the first build only.
    root = os.path.join(work, "go")
    os.makedirs(os.path.join(root, "bin"), exist_ok=True)
    real = os.path.realpath(args.go)
    with open(os.path.join(os.path.dirname(os.path.dirname(real)),
                           "VERSION")) as f:
        version = f.read()
    with open(os.path.join(root, "VERSION"), "w") as f:
        f.write(version)
    marker = os.path.join(root, "hung")
    log = os.path.join(work, "go.log")
    go = os.path.join(root, "bin", "go")
    with open(go, "w") as f:
        f.write("#!/bin/sh\necho \"go $*\" >> %s\n" % log)
        f.write('case " $* " in *" build "*) if [ ! -e %s ]; then touch %s; '
                'sleep 600; fi;; esac\n' % (marker, marker))
        f.write('exec %s "$@"\n' % real)
    os.chmod(go, 0o755)

    servers, env = ks.start_servers(args.bin, args.proxy, [])
    cmd = [mochi_go, "sync", "--go", go, "--cache-dir", cache, program]
    first = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL,
                             stderr=subprocess.DEVNULL)
    deadline = time.time() + 120
    while not os.path.exists(marker):
        if first.poll() is not None or time.time() > deadline:
            ks.fail("the first sync never reached go build")
        time.sleep(0.05)
    print("the first sync holds the build lock (in go build)")
    second = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE,
                              stderr=subprocess.STDOUT, text=True)
    time.sleep(2)
    if second.poll() is not None:
        ks.fail("the second sync did not wait for the lock:\n"
                + second.stdout.read())
    with open(log) as f:
        builds = sum(" build " in line for line in f)
    if builds != 1:
        ks.fail("the second sync built while the first held the lock")
    print("the second sync waits for it")
    os.kill(first.pid, signal.SIGKILL)
    first.wait()
    out, _ = second.communicate(timeout=300)
    if second.returncode != 0:
        ks.fail("the second sync failed (exit %d):\n%s"
                % (second.returncode, out))
    with open(log) as f:
        builds = sum(" build " in line for line in f)
    print("after the holder was killed, the second sync built the archive "
          "itself (go build runs: %d): exit 0" % builds)
    ks.stop(servers)


if __name__ == "__main__":
    main()
