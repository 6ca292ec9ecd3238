"""Run in a fresh interpreter: time import + first repair call, then report peak RSS.

Usage (the benchmark runs it): python -m benchmarks._coldstart SYSTEM TEXTFILE [PASSFILE]
Prints one JSON line: import_s, first_call_s, cold_start_s, peak_rss_mb (VmHWM, else
ru_maxrss) and ru_maxrss_mb. With PASSFILE (a JSON list of texts), also new_words_per_s:
words per CPU-second over those texts, each seen for the first time by this process
(resources loaded, but no per-word cache has met their words yet).
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
    repair = repair_fn(system)
    repair(text)
    t2 = time.perf_counter()
    extra = {}
    if len(sys.argv) > 3:
        with open(sys.argv[3], encoding="utf-8") as fh:
            texts = json.load(fh)
        c0 = time.process_time()
        for t in texts:
            repair(t)
        cpu = time.process_time() - c0
        words = sum(len(t.split()) for t in texts)
        extra = {"new_words": words, "new_words_per_s": round(words / max(cpu, 1e-6), 1)}
    ru = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux
    if sys.platform == "darwin":
        ru //= 1024  # bytes on macOS
    hwm = _vm_hwm_kib()
    print(json.dumps({"import_s": round(t1 - t0, 4), "first_call_s": round(t2 - t1, 4),
                      "cold_start_s": round(t2 - t0, 4),
                      "peak_rss_mb": round((hwm if hwm is not None else ru) / 1024, 1),
                      "ru_maxrss_mb": round(ru / 1024, 1), **extra}))


def _vm_hwm_kib() -> int | None:
    """Peak RSS of this process image (Linux VmHWM).

    Preferred over getrusage's ru_maxrss, which Linux carries across exec: a child
    forked from a large parent reports the parent's size at fork time.
    """
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return None


if __name__ == "__main__":
    main()
