#!/usr/bin/env python3
"""An independent h1 (dirhash Hash1) in Python, for zips and go.mod files:
SHA-256 of each file, lines "<hex>  <name>\\n" in name order, SHA-256 of the
lines, base64, "h1:" prefix. Prints "h1:...  PATH" like mochi-go-mod hash."""

import base64
import hashlib
import sys
import zipfile


def h1(files):
    summary = "".join("%s  %s\n" % (hashlib.sha256(data).hexdigest(), name)
                      for name, data in sorted(files))
    return "h1:" + base64.b64encode(
        hashlib.sha256(summary.encode()).digest()).decode()


for path in sys.argv[1:]:
    if path.endswith(".zip"):
        with zipfile.ZipFile(path) as z:
            files = [(i.filename, z.read(i)) for i in z.infolist()]
    else:
        with open(path, "rb") as f:
            files = [("go.mod", f.read())]
    print("%s  %s" % (h1(files), path))
