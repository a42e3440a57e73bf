#!/usr/bin/env python3
"""Writes a small GOPROXY file tree for the driver tests.

  make-proxy.py KIND DIR

  dep      example.com/top v1.0.0: package top, Quad(x) = dep.Double(dep.Double(x));
           its go.mod requires example.com/dep v1.0.0
           example.com/dep v1.0.0: package dep, Double(x) = 2 * x
  broken   example.com/broken v1.0.0: its root package loads; its package
           example.com/broken/needsgone imports example.com/gone/g, a module
           the go.mod requires but no proxy serves, so go/types leaves a
           constant and an embedded field of it invalid
  missingdep
           example.com/needy v1.0.0 requires example.com/dep v1.1.0, which
           no proxy serves; example.com/dep v1.0.0 and v1.2.0 are served
"""

import json
import os
import sys
import zipfile

VERSION = "v1.0.0"


def module(root, path, gomod, files, version=VERSION):
    d = os.path.join(root, path, "@v")
    os.makedirs(d, exist_ok=True)
    listed = []
    if os.path.exists(os.path.join(d, "list")):
        with open(os.path.join(d, "list")) as f:
            listed = f.read().split()
    with open(os.path.join(d, "list"), "w") as f:
        f.write("".join(v + "\n" for v in sorted(set(listed + [version]))))
    with open(os.path.join(d, version + ".info"), "w") as f:
        json.dump({"Version": version, "Time": "2020-01-01T00:00:00Z"}, f)
    with open(os.path.join(d, version + ".mod"), "w") as f:
        f.write(gomod)
    with zipfile.ZipFile(os.path.join(d, version + ".zip"), "w",
                         zipfile.ZIP_DEFLATED) as z:
        for name, text in sorted(dict(files, **{"go.mod": gomod}).items()):
            z.writestr("%s@%s/%s" % (path, version, name), text)


def dep(root):
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


def broken(root):
    module(root, "example.com/broken",
           "module example.com/broken\n\ngo 1.21\n\n"
           "require example.com/gone v1.0.0\n", {
               "broken.go": "// Package broken loads.\npackage broken\n\n"
                            "// Hello returns a greeting.\n"
                            "func Hello() string { return \"hello\" }\n",
               "needsgone/needsgone.go":
                   "// Package needsgone does not load.\n"
                   "package needsgone\n\n"
                   "import \"example.com/gone/g\"\n\n"
                   "// Gone calls into the missing module.\n"
                   "func Gone() int { return g.Answer() }\n\n"
                   "// Limit's value and Wrapper's embedded field\n"
                   "// come from it: go/types leaves them invalid.\n"
                   "const Limit = g.Limit\n\n"
                   "type Wrapper struct{ g.Thing }\n"})


def missingdep(root):
    for v in ["v1.0.0", "v1.2.0"]:
        module(root, "example.com/dep", "module example.com/dep\n\ngo 1.21\n",
               {"dep.go": "// Package dep doubles.\npackage dep\n\n"
                          "// Double returns 2x.\n"
                          "func Double(x int) int { return 2 * x }\n"},
               version=v)
    module(root, "example.com/needy",
           "module example.com/needy\n\ngo 1.21\n\n"
           "require example.com/dep v1.1.0\n", {
               "needy.go": "// Package needy quadruples, through dep.\n"
                           "package needy\n\nimport \"example.com/dep\"\n\n"
                           "// Quad returns 4x.\n"
                           "func Quad(x int) int "
                           "{ return dep.Double(dep.Double(x)) }\n"})


if __name__ == "__main__":
    kinds = {"dep": dep, "broken": broken, "missingdep": missingdep}
    if len(sys.argv) != 3 or sys.argv[1] not in kinds:
        sys.exit("usage: make-proxy.py {%s} DIR" % ",".join(sorted(kinds)))
    kinds[sys.argv[1]](sys.argv[2])
