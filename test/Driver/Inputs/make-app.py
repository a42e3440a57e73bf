#!/usr/bin/env python3
"""Write a Mochi program from a template, with the corpus proxy's versions.

    make-app.py PROXY_DIR TEMPLATE OUT

Every `@{module}` in TEMPLATE becomes `module@<version the corpus proxy
serves>` (from PROXY_DIR/index.json), so that the tests never hard-code the
Debian package versions.
"""
import json
import os
import re
import sys


def main():
    proxy, template, out = sys.argv[1:4]
    with open(os.path.join(proxy, "index.json")) as f:
        index = json.load(f)
    entries = index["modules"] if isinstance(index, dict) else index
    versions = {m["path"]: m["version"] for m in entries}

    def subst(m):
        path = m.group(1)
        if path not in versions:
            sys.exit("make-app: %s is not in the corpus proxy" % path)
        return "%s@%s" % (path, versions[path])

    with open(template) as f:
        text = re.sub(r"@\{([^}]+)\}", subst, f.read())
    with open(out, "w") as f:
        f.write(text)


if __name__ == "__main__":
    main()
