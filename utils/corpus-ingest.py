#!/usr/bin/env python3
"""Ingest one corpus module through the local corpus proxy.

    corpus-ingest.py --proxy DIR --ingest BIN MODULE -o OUT.json [ingest flags]

Looks MODULE up in DIR/index.json (written by mochi-go-corpus-proxy) to find
the version Debian ships, then runs `mochi-go-ingest -proxy file://DIR -pins
DIR/pins.txt MODULE@VERSION`. Used by the lit tests so that they name a module
without hard-coding the Debian package version.
"""

import argparse
import json
import os
import subprocess
import sys


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--proxy", required=True, help="corpus proxy directory")
    ap.add_argument("--ingest", required=True, help="mochi-go-ingest binary")
    ap.add_argument("module", help="module path, e.g. github.com/google/uuid")
    args, rest = ap.parse_known_args()

    index_path = os.path.join(args.proxy, "index.json")
    try:
        with open(index_path) as f:
            index = json.load(f)
    except OSError as e:
        sys.exit("corpus-ingest: cannot read %s: %s (build the "
                 "mochi-go-corpus-proxy-tree target)" % (index_path, e))
    entries = index["modules"] if isinstance(index, dict) else index
    versions = [m["version"] for m in entries if m["path"] == args.module]
    if not versions:
        sys.exit("corpus-ingest: module %s is not in the corpus proxy %s"
                 % (args.module, args.proxy))
    cmd = [args.ingest, "-proxy", "file://" + os.path.abspath(args.proxy),
           "-pins", os.path.join(args.proxy, "pins.txt")] + rest + [
               "%s@%s" % (args.module, versions[0])]
    sys.exit(subprocess.call(cmd))


if __name__ == "__main__":
    main()
