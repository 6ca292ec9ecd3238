"""Run in a fresh interpreter: time import + first repair call, then report peak RSS.

Usage (the benchmark runs it): python -m benchmarks._coldstart SYSTEM TEXTFILE
Prints one JSON line: import_s, first_call_s, cold_start_s, peak_rss_mb.
"""
from __future__ import annotations

import json
import resource
import sys
import time


def main() -> None:
    name, path = sys.argv[1], sys.argv[2]
    with open(path, encoding="utf-8") as fh:
        text = fh.read()
    t0 = time.perf_counter()
    from benchmarks.systems import make, repair_fn

    system = make(name)
    system.load()  # for textmend this is `import textmend`; baselines read their tables here
    t1 = time.perf_counter()
    repair_fn(system)(text)
    t2 = time.perf_counter()
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux
    if sys.platform == "darwin":
        rss //= 1024  # bytes on macOS
    print(json.dumps({"import_s": round(t1 - t0, 4), "first_call_s": round(t2 - t1, 4),
                      "cold_start_s": round(t2 - t0, 4), "peak_rss_mb": round(rss / 1024, 1)}))


if __name__ == "__main__":
    main()
