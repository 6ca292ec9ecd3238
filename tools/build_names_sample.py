"""Write corpora/names/sample.txt: the fixed sample of gazetteer names for the benchmark's
name probes (benchmarks.corpora.draw_names), so that later gazetteer growth does not redraw
the benchmark. Rerun only to change the sample on purpose.

    python tools/build_names_sample.py
"""
from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from benchmarks.corpora import NAME_SAMPLE, draw_names  # noqa: E402


def main() -> int:
    names = draw_names()
    NAME_SAMPLE.parent.mkdir(parents=True, exist_ok=True)
    NAME_SAMPLE.write_text("# Name probes of python -m benchmarks, drawn by tools/build_names_sample.py "
                           "from the gazetteer (session 12)\n" + "\n".join(names) + "\n",
                           encoding="utf-8")
    print(f"{NAME_SAMPLE.relative_to(ROOT)}: {len(names)} names")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
