#!/usr/bin/env python3
"""edit-lock.py LOCK MODULE KEY VALUE: set KEY of MODULE's [[go-package]]
table to the TOML string VALUE, in place (a test's stand-in for a person
editing the lock by hand)."""
import re
import sys

lock, module, key, value = sys.argv[1:5]
text = open(lock).read()
tables = text.split("[[go-package]]")
for i, t in enumerate(tables):
    if re.search(r'^module = "%s"$' % re.escape(module), t, re.M):
        t, n = re.subn(r'^%s = ".*"$' % re.escape(key),
                       '%s = "%s"' % (key, value), t, flags=re.M)
        if n != 1:
            sys.exit("edit-lock: %s has no %s" % (module, key))
        tables[i] = t
        break
else:
    sys.exit("edit-lock: no [[go-package]] for %s" % module)
open(lock, "w").write("[[go-package]]".join(tables))
