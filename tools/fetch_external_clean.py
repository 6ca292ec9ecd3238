"""Fetch an external clean news corpus for the damage benchmark (evaluation only).

The Lee corpus (Lee, Pincombe & Welsh 2005: 300 Australian Broadcasting Corporation
news articles, about 60k words) as distributed in the test data of the gensim
package on PyPI. It is third-party news text of unclear licence, so it is never
committed or shipped: this script writes build/external/clean-lee.jsonl (gitignored)
and `python -m benchmarks` adds a damage column for it when the file exists.

    python tools/fetch_external_clean.py
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _sources import ROOT, pypi_package  # noqa: E402

SPEC = "gensim==4.4.0"
MEMBER = "gensim/test/test_data/lee_background.cor"
OUT = ROOT / "build" / "external" / "clean-lee.jsonl"


def main() -> int:
    src = pypi_package(SPEC) / MEMBER
    if not src.exists():
        sys.exit(f"{MEMBER} not found in {SPEC}")
    docs = [line.strip() for line in src.read_text(encoding="utf-8").splitlines() if line.strip()]
    OUT.parent.mkdir(parents=True, exist_ok=True)
    with OUT.open("w", encoding="utf-8") as fh:
        for k, text in enumerate(docs):
            fh.write(json.dumps({"id": f"lee-{k:03d}", "text": text,
                                 "source": f"{SPEC}:{MEMBER} line {k + 1}"}, ensure_ascii=False) + "\n")
    print(f"wrote {len(docs)} documents to {OUT}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
