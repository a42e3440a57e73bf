#!/usr/bin/env python3
"""Writes a GOPROXY file tree of a module with one dependency.

  make-dep-proxy.py DIR

  example.com/top v1.0.0   package top: Quad(x) = dep.Double(dep.Double(x));
                           its go.mod requires example.com/dep v1.0.0
  example.com/dep v1.0.0   package dep: Double(x) = 2 * x
"""

import json
import os
import sys
import zipfile


def module(root, path, gomod, files):
    version = "v1.0.0"
    d = os.path.join(root, path, "@v")
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, "list"), "w") as f:
        f.write(version + "\n")
    with open(os.path.join(d, version + ".info"), "w") as f:
        json.dump({"Version": version, "Time": "2020-01-01T00:00:00Z"}, f)
    with open(os.path.join(d, version + ".mod"), "w") as f:
        f.write(gomod)
    with zipfile.ZipFile(os.path.join(d, version + ".zip"), "w",
                         zipfile.ZIP_DEFLATED) as z:
        for name, text in sorted(dict(files, **{"go.mod": gomod}).items()):
            z.writestr("%s@%s/%s" % (path, version, name), text)


def main(root):
    module(root, "example.com/dep", "module example.com/dep\n\ngo 1.21\n", {
        "dep.go": "// Package dep doubles.\npackage dep\n\n"
                  "// Double returns 2x.\n"
                  "func Double(x int) int { return 2 * x }\n"})
    module(root, "example.com/top",
           "module example.com/top\n\ngo 1.21\n\n"
           "require example.com/dep v1.0.0\n", {
               "top.go": "// Package top quadruples, through dep.\n"
                         "package top\n\nimport \"example.com/dep\"\n\n"
                         "// Quad returns 4x.\n"
                         "func Quad(x int) int "
                         "{ return dep.Double(dep.Double(x)) }\n"})


if __name__ == "__main__":
    main(sys.argv[1])
