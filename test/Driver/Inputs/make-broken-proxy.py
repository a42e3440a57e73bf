#!/usr/bin/env python3
"""Writes a GOPROXY file tree with one module the go command cannot load whole.

  make-broken-proxy.py DIR

  example.com/broken v1.0.0   its root package loads; its package
                              example.com/broken/needsgone imports
                              example.com/gone/g, a module the go.mod
                              requires but no proxy serves, so go/types
                              leaves a constant and an embedded field of it
                              invalid.
"""

import json
import os
import sys
import zipfile

PATH = "example.com/broken"
VERSION = "v1.0.0"
GOMOD = "module %s\n\ngo 1.21\n\nrequire example.com/gone v1.0.0\n" % PATH
FILES = {
    "go.mod": GOMOD,
    "broken.go": "// Package broken loads.\npackage broken\n\n"
                 "// Hello returns a greeting.\n"
                 "func Hello() string { return \"hello\" }\n",
    "needsgone/needsgone.go": "// Package needsgone does not load.\n"
                              "package needsgone\n\n"
                              "import \"example.com/gone/g\"\n\n"
                              "// Gone calls into the missing module.\n"
                              "func Gone() int { return g.Answer() }\n\n"
                              "// Limit's value and Wrapper's embedded field\n"
                              "// come from it: go/types leaves them invalid.\n"
                              "const Limit = g.Limit\n\n"
                              "type Wrapper struct{ g.Thing }\n",
}


def main(root):
    d = os.path.join(root, PATH, "@v")
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, "list"), "w") as f:
        f.write(VERSION + "\n")
    with open(os.path.join(d, VERSION + ".info"), "w") as f:
        json.dump({"Version": VERSION, "Time": "2020-01-01T00:00:00Z"}, f)
    with open(os.path.join(d, VERSION + ".mod"), "w") as f:
        f.write(GOMOD)
    with zipfile.ZipFile(os.path.join(d, VERSION + ".zip"), "w",
                         zipfile.ZIP_DEFLATED) as z:
        for name, text in sorted(FILES.items()):
            z.writestr("%s@%s/%s" % (PATH, VERSION, name), text)


if __name__ == "__main__":
    main(sys.argv[1])
