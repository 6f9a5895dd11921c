#!/usr/bin/env python3
"""check-contracts.py — every function a header of src/ declares has a contract
comment: on the lines right above it (a group of declarations with no blank line
between them may share one), or at the end of its own line. One check per
header; ends with "contracts: N passed, N failed"."""
import glob
import os
import re
import sys

os.chdir(os.path.join(os.path.dirname(__file__), ".."))
DECL = re.compile(r"^(?:extern )?(?:const )?(?:struct |enum |unsigned )?[A-Za-z_0-9]+[ *]+\**([a-z_0-9]+)\(")
passed = failed = 0
for path in sorted(glob.glob("src/*/*.h")):
    lines = open(path, encoding="utf-8").read().split("\n")
    missing = []
    for i, line in enumerate(lines):
        m = DECL.match(line)
        if not m or line.startswith(("#", "typedef")):
            continue
        if "/*" in line:
            continue
        # Walk up over the declarations of this group (their continuation lines too).
        j = i - 1
        while j >= 0 and lines[j].strip() and not lines[j].rstrip().endswith("*/"):
            if lines[j].lstrip().startswith(("/*", "*")) or lines[j].startswith(("struct", "enum", "#", "}")):
                break
            j -= 1
        if j < 0 or not lines[j].rstrip().endswith("*/"):
            missing.append("%d %s" % (i + 1, m.group(1)))
    if missing:
        failed += 1
        print("FAIL %s: no contract comment for %s" % (path, ", ".join(missing)))
    else:
        passed += 1
print("contracts: %d passed, %d failed" % (passed, failed))
sys.exit(1 if failed else 0)
