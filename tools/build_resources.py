#!/usr/bin/env python3
"""Regenerate every shipped data file under src/textmend/data/ (one entry point).

Usage: python tools/build_resources.py [lm thesaurus inflection mwe phrasebook gazetteer notice]

Each step is a separate script so it can also be run alone; all are deterministic
(sorted output, no timestamps), so a rebuild on an unchanged source gives identical bytes.
Build-time sources (Debian packages, PyPI files) are fetched by tools/_sources.py into build/.
"""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

TOOLS = Path(__file__).resolve().parent
STEPS = {
    "lm": "build_lm.py",
    "thesaurus": "build_thesaurus.py",
    "inflection": "build_inflection.py",
    "mwe": "build_mwe.py",
    "phrasebook": "build_phrasebook.py",
    "gazetteer": "build_gazetteer.py",
    "notice": "build_notice.py",
}


def main(argv: list[str]) -> int:
    wanted = argv or list(STEPS)
    unknown = [w for w in wanted if w not in STEPS]
    if unknown:
        print(f"unknown step(s) {unknown}; choose from {list(STEPS)}", file=sys.stderr)
        return 2
    for name in wanted:
        print(f"== {name}: {STEPS[name]}", flush=True)
        subprocess.run([sys.executable, str(TOOLS / STEPS[name])], check=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
