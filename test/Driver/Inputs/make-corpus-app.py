#!/usr/bin/env python3
"""Write a Mochi program importing every corpus module, and its mochi.toml.

    make-corpus-app.py PROXY_DIR MODULES_TXT OUT_DIR

OUT_DIR/corpus.mochi imports each module of MODULES_TXT at the version the
corpus proxy serves (PROXY_DIR/index.json); OUT_DIR/mochi.toml pins, in
[go.replace], every other module the proxy serves (PROXY_DIR/pins.txt) to
the one version Debian ships, which is what the corpus modules' go.mod
files cannot know.
"""
import json
import os
import re
import sys


def alias(path):
    last = path.rstrip("/").split("/")
    name = last[-1]
    if re.fullmatch(r"v[0-9]+", name) and len(last) > 1:
        name = last[-2]
    name = re.sub(r"\.v[0-9]+$", "", name)
    name = re.sub(r"[^A-Za-z0-9_]", "_", name)
    return name


def main():
    proxy, modules_txt, out = sys.argv[1:4]
    with open(os.path.join(proxy, "index.json")) as f:
        index = json.load(f)
    entries = index["modules"] if isinstance(index, dict) else index
    versions = {m["path"]: m["version"] for m in entries}
    with open(modules_txt) as f:
        modules = [l.strip() for l in f if l.strip() and not l.startswith("#")]
    lines, seen = [], set()
    for m in modules:
        a = "jsoniter" if m == "github.com/json-iterator/go" else alias(m)
        while a in seen:
            a += "_"
        seen.add(a)
        lines.append('import go "%s@%s" as %s' % (m, versions[m], a))
    os.makedirs(out, exist_ok=True)
    with open(os.path.join(out, "corpus.mochi"), "w") as f:
        f.write("// Every corpus module, at the version Debian ships.\n")
        f.write("\n".join(lines) + "\n")
    pins = []
    with open(os.path.join(proxy, "pins.txt")) as f:
        for line in f:
            fields = line.split()
            if len(fields) == 2:
                pins.append('"%s" = "%s@%s"' % (fields[0], fields[0], fields[1]))
    with open(os.path.join(out, "mochi.toml"), "w") as f:
        f.write("# The versions Debian ships, for the modules the corpus needs.\n")
        f.write("[go.replace]\n" + "\n".join(pins) + "\n")


if __name__ == "__main__":
    main()
