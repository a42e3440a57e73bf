#!/usr/bin/env python3
"""Check (or update) a module's skip-report summary against the golden file.

    skip-report-golden.py GOLDEN REPORT            check
    skip-report-golden.py --update GOLDEN REPORT   rewrite the module's line

REPORT is the output of `mochi-go-translate --emit-skip-report` for one
module: a `# <module>@<version>` line, a `summary: ...` line and, when the
report was made from lowered IR (a cabi.library), an `exports: ...` line.
GOLDEN holds a `<module> summary: ...` and a `<module> exports: ...` line per
module, sorted (the version is left out: Debian point releases change it). A
difference fails until the golden file is updated on purpose, with --update.
"""

import sys


def main():
    args = sys.argv[1:]
    update = args[:1] == ["--update"]
    if update:
        args = args[1:]
    if len(args) != 2:
        sys.exit(__doc__)
    golden_path, report_path = args
    module = None
    kept = {}
    for line in open(report_path):
        if line.startswith("# ") and module is None:
            module = line[2:].strip().rsplit("@", 1)[0]
        for key in ("summary:", "exports:"):
            if line.startswith(key) and key not in kept:
                kept[key] = line.strip()
    if not module or "summary:" not in kept:
        sys.exit("skip-report-golden: %s has no '# module@version' and "
                 "'summary:' lines" % report_path)
    got = ["%s %s" % (module, kept[k]) for k in ("summary:", "exports:")
           if k in kept]
    lines = [l.rstrip("\n") for l in open(golden_path) if l.strip()]
    mine = [l for l in lines if l.split(" ", 1)[0] == module]
    if update:
        lines = sorted([l for l in lines if l.split(" ", 1)[0] != module] +
                       got)
        with open(golden_path, "w") as f:
            f.write("\n".join(lines) + "\n")
        return
    if not mine:
        sys.exit("skip-report-golden: %s is not in %s; add it with --update"
                 % (module, golden_path))
    if sorted(mine) != sorted(got):
        sys.exit("skip-report-golden: the skip report of %s changed\n"
                 "  golden: %s\n  now:    %s\n"
                 "If the change is intended, run: %s --update %s <report>"
                 % (module, "\n          ".join(mine),
                    "\n          ".join(got), sys.argv[0], golden_path))


if __name__ == "__main__":
    main()
