#!/usr/bin/env python3
"""Kill `mochi-go sync` with SIGKILL at three points and check that the lock
and the cache are still valid afterwards.

    kill-sync.py --bin DIR --proxy DIR --go GO --work DIR

1. A program importing uuid is synced: the lock L1.
2. The program now imports uuid, xxhash/v2 and yaml.v3, and a sync of it is
   killed (mochi-go alone, with SIGKILL: not its process group) while it
   downloads (the proxy delays yaml.v3's zip), while the go command
   type-checks a module (go list), and while it builds the archive
   (go build). After each kill:
   - every process mochi-go had started (mochi-go-ingest, the go command
     and the tools they run) is gone within seconds: children die with
     their parent (Support/Process.h);
   - the temporaries of the killed run in <cache>/tmp are still there
     (for the go list and go build points), and the next run removes them;
   - the lock is L1, byte for byte (it is written last, atomically);
   - `mochi-go-mod verify` re-hashes every module in the cache: all good;
   - every cached library and archive is whole (bind.json / archive.json
     are written last, in a directory renamed into place);
   - `mochi-go sync --check` of the one-import program passes: L1 still
     describes the cache.
3. An unhindered sync of the three-import program then succeeds, and its
   --check passes.
Prints one line per step; exits non-zero on the first failure.
"""
import argparse
import json
import os
import signal
import subprocess
import sys
import time


SERVERS = []  # servers still running, stopped on failure too


def fail(msg):
    sys.stderr.write("kill-sync: %s\n" % msg)
    for proc in SERVERS:
        if proc.poll() is None:
            proc.kill()
    sys.exit(1)


def versions(proxy):
    with open(os.path.join(proxy, "index.json")) as f:
        index = json.load(f)
    entries = index["modules"] if isinstance(index, dict) else index
    return {m["path"]: m["version"] for m in entries}


def start_servers(bin_dir, proxy, extra):
    """The loopback servers, serving until killed; returns (proc, env)."""
    proc = subprocess.Popen([os.path.join(bin_dir, "mochi-go-test-servers"),
                             "-proxy", proxy] + extra,
                            stdout=subprocess.PIPE, text=True)
    SERVERS.append(proc)
    env = dict(os.environ)
    for line in proc.stdout:
        line = line.strip()
        if not line:
            break
        k, _, v = line.partition("=")
        env[k] = v
        if k == "MOCHIGO_TEST_TREE_SIZE":
            break
    if "GOPROXY" not in env or not env["GOPROXY"].startswith("http://127."):
        fail("the test servers did not start")
    return proc, env


def stop(proc):
    proc.send_signal(signal.SIGTERM)
    proc.wait(timeout=30)


def fake_go(work, real_go, hang_on):
    """A go command that hangs (after writing a marker) when its arguments
    contain `hang_on`, and otherwise runs the real one."""
    root = os.path.join(work, "go-" + (hang_on or "plain"))
    real = os.path.realpath(real_go)
    goroot = os.path.dirname(os.path.dirname(real))
    os.makedirs(os.path.join(root, "bin"), exist_ok=True)
    with open(os.path.join(goroot, "VERSION")) as f:
        version = f.read()
    with open(os.path.join(root, "VERSION"), "w") as f:
        f.write(version)
    marker = os.path.join(root, "reached")
    script = os.path.join(root, "bin", "go")
    with open(script, "w") as f:
        f.write("#!/bin/sh\n")
        if hang_on:
            f.write('case " $* " in *" %s "*) touch %s; sleep 600;; esac\n'
                    % (hang_on, marker))
        f.write('exec %s "$@"\n' % real)
    os.chmod(script, 0o755)
    return script, marker


def descendants(pid):
    """The pids of every process below `pid` (from /proc)."""
    children = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open("/proc/%s/stat" % entry) as f:
                stat = f.read()
        except OSError:
            continue
        # The command name is in parentheses and may hold spaces.
        ppid = int(stat[stat.rindex(")") + 2:].split()[1])
        children.setdefault(ppid, []).append(int(entry))
    out, todo = [], [pid]
    while todo:
        for c in children.get(todo.pop(), []):
            out.append(c)
            todo.append(c)
    return out


def alive(pid):
    """Whether `pid` runs (a zombie does not count)."""
    try:
        with open("/proc/%d/stat" % pid) as f:
            stat = f.read()
    except OSError:
        return False
    return stat[stat.rindex(")") + 2] != "Z"


def tmp_entries(cache):
    top = os.path.join(cache, "tmp")
    return sorted(os.listdir(top)) if os.path.isdir(top) else []


def run(cmd, env, what):
    proc = subprocess.run(cmd, env=env, stdout=subprocess.PIPE,
                          stderr=subprocess.STDOUT, text=True)
    if proc.returncode != 0:
        fail("%s failed (exit %d):\n%s" % (what, proc.returncode,
                                           proc.stdout))
    return proc.stdout


def check_cache(args, cache, env, one, lock1):
    with open(os.path.join(os.path.dirname(one), "mochi.lock"), "rb") as f:
        if f.read() != lock1:
            fail("the lock changed")
    run([os.path.join(args.bin, "mochi-go-mod"), "verify", "-cache", cache],
        env, "mochi-go-mod verify")
    for sub, last in (("bind", "bind.json"), ("build", "archive.json")):
        top = os.path.join(cache, sub)
        for d in os.listdir(top) if os.path.isdir(top) else []:
            if not os.path.exists(os.path.join(top, d, last)):
                fail("%s/%s has no %s" % (sub, d, last))
    out = run([os.path.join(args.bin, "mochi-go"), "sync", "--check",
               "--cache-dir", cache, one], env, "sync --check")
    if "no drift" not in out:
        fail("sync --check: " + out)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", required=True)
    ap.add_argument("--proxy", required=True)
    ap.add_argument("--go", required=True)
    ap.add_argument("--work", required=True)
    args = ap.parse_args()
    v = versions(args.proxy)
    work = os.path.abspath(args.work)
    cache = os.path.join(work, "cache")
    app = os.path.join(work, "app")
    os.makedirs(app, exist_ok=True)
    program = os.path.join(app, "app.mochi")
    mochi_go = os.path.join(args.bin, "mochi-go")
    uuid = 'import go "github.com/google/uuid@%s" as uuid\n' % v[
        "github.com/google/uuid"]
    three = uuid + (
        'import go "github.com/cespare/xxhash/v2@%s"\n'
        'import go "gopkg.in/yaml.v3@%s" as yaml\n' % (
            v["github.com/cespare/xxhash/v2"], v["gopkg.in/yaml.v3"]))

    servers, env = start_servers(args.bin, args.proxy, [])
    with open(program, "w") as f:
        f.write(uuid)
    run([mochi_go, "sync", "--cache-dir", cache, program], env, "first sync")
    with open(os.path.join(app, "mochi.lock"), "rb") as f:
        lock1 = f.read()
    stop(servers)
    print("synced the one-import program")

    points = [
        ("download", ["-fault", "delay=20000:/gopkg.in/yaml.v3/@v/"], None),
        ("go list", [], "list"),
        ("go build", [], "build"),
    ]
    for name, faults, hang_on in points:
        servers, env = start_servers(args.bin, args.proxy, faults)
        go, marker = fake_go(work, args.go, hang_on)
        with open(program, "w") as f:
            f.write(three)
        proc = subprocess.Popen([mochi_go, "sync", "--go", go, "--cache-dir",
                                 cache, program], env=env,
                                stdout=subprocess.DEVNULL,
                                stderr=subprocess.DEVNULL,
                                start_new_session=True)
        deadline = time.time() + 120
        while True:
            if proc.poll() is not None:
                fail("sync ended (exit %d) before the %s point"
                     % (proc.returncode, name))
            if hang_on and os.path.exists(marker):
                break
            if not hang_on and time.time() > deadline - 118:
                break  # two seconds into the delayed download
            if time.time() > deadline:
                fail("the %s point was never reached" % name)
            time.sleep(0.05)
        below = descendants(proc.pid)
        if hang_on and not below:
            fail("no child process at the %s point" % name)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        deadline = time.time() + 10
        while any(alive(p) for p in below) and time.time() < deadline:
            time.sleep(0.05)
        survivors = [p for p in below if alive(p)]
        if survivors:
            for p in survivors:
                try:
                    os.kill(p, signal.SIGKILL)
                except OSError:
                    pass
            fail("processes outlived the killed sync at the %s point: %s"
                 % (name, survivors))
        left = tmp_entries(cache)
        if hang_on and not any(e.endswith(".lock") for e in left):
            fail("no locked temporary left at the %s point: %s"
                 % (name, left))
        stop(servers)
        servers, env = start_servers(args.bin, args.proxy, [])
        with open(program, "w") as f:
            f.write(uuid)
        check_cache(args, cache, env, program, lock1)
        if tmp_entries(cache):
            fail("the next run left the killed run's temporaries: %s"
                 % tmp_entries(cache))
        stop(servers)
        print("killed during %s: no child outlived it, lock unchanged, "
              "cache valid, temporaries removed by the next run" % name)

    servers, env = start_servers(args.bin, args.proxy, [])
    with open(program, "w") as f:
        f.write(three)
    run([mochi_go, "sync", "--cache-dir", cache, program], env,
        "sync after the kills")
    out = run([mochi_go, "sync", "--check", "--cache-dir", cache, program],
              env, "final --check")
    stop(servers)
    print("synced after the kills: " + out.strip())


if __name__ == "__main__":
    main()
