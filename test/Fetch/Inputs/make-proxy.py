#!/usr/bin/env python3
"""Writes a small GOPROXY file tree for the list and @latest tests.

  example.com/m       a messy @v/list: out of order, a pre-release, a
                      pseudo-version, a non-canonical and a bogus line;
                      files for v1.10.0, the highest release
  example.com/pre     only pre-releases: @latest is the highest of them
  example.com/pseudo  an empty list: @latest comes from the @latest endpoint
  example.com/Upper   a path with an upper-case letter (case-encoded)
"""

import json
import os
import sys
import zipfile


def module(root, path, version, listing=None, latest=None):
    esc = "".join("!" + c.lower() if c.isupper() else c for c in path)
    d = os.path.join(root, esc, "@v")
    os.makedirs(d, exist_ok=True)
    if listing is not None:
        with open(os.path.join(d, "list"), "w") as f:
            f.write("".join(v + "\n" for v in listing))
    if latest is not None:
        with open(os.path.join(root, esc, "@latest"), "w") as f:
            json.dump({"Version": latest}, f)
    gomod = "module %s\n" % path
    with open(os.path.join(d, version + ".info"), "w") as f:
        json.dump({"Version": version, "Time": "2020-01-01T00:00:00Z"}, f)
    with open(os.path.join(d, version + ".mod"), "w") as f:
        f.write(gomod)
    with zipfile.ZipFile(os.path.join(d, version + ".zip"), "w",
                         zipfile.ZIP_DEFLATED) as z:
        prefix = "%s@%s/" % (path, version)
        z.writestr(prefix + "go.mod", gomod)
        z.writestr(prefix + "m.go", "package m\n")


def main(root):
    module(root, "example.com/m", "v1.10.0",
           listing=["v1.10.0", "v1.2.0", "v1.9.0-rc.1", "bogus", "v1.2",
                    "v0.0.0-20200101000000-abcdefabcdef", "v1.11.0-beta",
                    "v1.9.0 extra fields are ignored"])
    module(root, "example.com/pre", "v0.2.0-beta",
           listing=["v0.2.0-alpha", "v0.2.0-beta", "v0.1.0-rc.1"])
    module(root, "example.com/pseudo", "v0.0.0-20200101000000-abcdefabcdef",
           listing=[], latest="v0.0.0-20200101000000-abcdefabcdef")
    module(root, "example.com/Upper", "v1.0.0", listing=["v1.0.0"])


if __name__ == "__main__":
    main(sys.argv[1])
