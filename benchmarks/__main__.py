"""Run the benchmark suite and write docs/benchmarks.md and docs/benchmarks.json.

    python -m benchmarks                 # full run (a few minutes), rewrites docs/benchmarks.*
    python -m benchmarks --quick         # small subsets, for CI (seconds to a minute)
    python -m benchmarks --quick --out /tmp/bench --systems textmend,identity

Every system sees exactly the same documents in the same process. Speed is CPU
time (time.process_time), so it is per core and robust to a busy machine; cold
start and peak RSS come from a fresh subprocess per system.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
import traceback
from pathlib import Path

from . import corpora as C
from .metrics import detection, per_10k, restoration
from .report import render
from .score import score
from .systems import SYSTEMS, make, repair_fn

ROOT = Path(__file__).resolve().parent.parent


def log(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


def cold_start(name: str, text: str, first_pass: list[str] | None = None) -> dict:
    """Import + first call + peak RSS, measured in a fresh interpreter; with
    ``first_pass``, also words/s over texts that interpreter has never seen."""
    files = []
    try:
        for content in (text, json.dumps(first_pass) if first_pass is not None else None):
            if content is None:
                continue
            with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False, encoding="utf-8") as fh:
                fh.write(content)
            files.append(fh.name)
        t0 = time.perf_counter()
        proc = subprocess.run([sys.executable, "-m", "benchmarks._coldstart", name, *files],
                              cwd=ROOT, capture_output=True, text=True, timeout=1200)
        wall = time.perf_counter() - t0
    finally:
        for f in files:
            os.unlink(f)
    if proc.returncode != 0:
        raise RuntimeError(f"cold-start subprocess for {name} failed:\n{proc.stderr[-2000:]}")
    res = json.loads(proc.stdout.strip().splitlines()[-1])
    res["process_wall_s"] = round(wall, 4)  # includes interpreter start-up
    return res


def speed(system, texts: dict[str, list[str]]) -> dict:
    """Words per CPU-second for the plain repair call, on spun and on clean text."""
    fn = repair_fn(system)
    out = {}
    for kind, docs in texts.items():
        n = sum(C.words(t) for t in docs)
        c0, w0 = time.process_time(), time.perf_counter()
        for t in docs:
            fn(t)
        cpu, wall = time.process_time() - c0, time.perf_counter() - w0
        out[f"{kind}_words"] = n
        out[f"{kind}_words_per_s"] = round(n / max(cpu, 1e-6), 1)
        out[f"{kind}_wall_s"] = round(wall, 3)
    return out


def _damage(system, docs) -> dict:
    words = edits = dmg = 0
    for d in docs:
        out, n = system.explain(d.text)
        words += C.words(d.text)
        edits += n
        dmg += score(d.text, out)["damage"]
    return {"words": words, "edits": edits, "edits_per_10k": per_10k(edits, words),
            "scorer_damage": dmg, "scorer_damage_per_10k": per_10k(dmg, words)}


def _names(system, probes: list[tuple[str, str]]) -> dict:
    """Spun known names on a spun page: restored exactly, left as they are, or turned
    into something else (usually another real name); and the same names unspun on the
    same page: how many a system changes (damage)."""
    counts = {"restored": 0, "unchanged": 0, "other": 0, "genuine_changed": 0}
    for name, spun in probes:
        out = system.explain(C.NAME_PAGE.format(spun))[0]
        if f"for the {name} " in out:
            counts["restored"] += 1
        elif f"for the {spun} " in out:
            counts["unchanged"] += 1
        else:
            counts["other"] += 1
        counts["genuine_changed"] += f"for the {name} " not in system.explain(C.NAME_PAGE.format(name))[0]
    n = max(len(probes), 1)
    return {"probes": len(probes), **counts,
            **{f"{k}_rate": round(v / n, 4) for k, v in counts.items()}}


def run_system(system, restor, clean, det, seed, texts, external=(), names=()) -> dict:
    res: dict = {"restoration": {}, "damage": {}, "detection": {}}
    for corpus in restor:
        outs = [system.explain(d.text)[0] for d in corpus.docs]
        res["restoration"][corpus.name] = restoration([(d.gold, o) for d, o in zip(corpus.docs, outs)])
        log(f"  {corpus.name}: F0.5 {res['restoration'][corpus.name]['f0.5']}")
    for corpus in clean:
        res["damage"][corpus.name] = _damage(system, corpus.docs)
    parts = [res["damage"][c.name] for c in clean]
    total = {k: sum(p[k] for p in parts) for k in ("words", "edits", "scorer_damage")}
    res["damage"]["clean-all"] = {**total, "edits_per_10k": per_10k(total["edits"], total["words"]),
                                  "scorer_damage_per_10k": per_10k(total["scorer_damage"], total["words"])}
    log(f"  clean: {res['damage']['clean-all']['edits_per_10k']} edits/10k words")
    for corpus in external:
        res["damage"][corpus.name] = _damage(system, corpus.docs)
        log(f"  {corpus.name}: {res['damage'][corpus.name]['edits_per_10k']} edits/10k words")
    cache: dict[str, float] = {}

    def sc(doc) -> float:
        if doc.id not in cache:
            s = system.detect(doc.text)
            if not 0.0 <= s <= 1.0:
                raise ValueError(f"{system.name}.detect returned {s!r} for {doc.id}, outside [0, 1]")
            cache[doc.id] = s
        return cache[doc.id]

    for name, (pos, neg) in det.items():
        res["detection"][name] = detection([sc(d) for d in pos], [sc(d) for d in neg])
    log(f"  detection AUC (all): {res['detection']['all']['auc']}")
    res["names"] = _names(system, names)
    log(f"  names: {res['names']['restored_rate']} restored, {res['names']['other_rate']} other")
    out, n = system.explain(seed.text)
    res["seed"] = {"words": C.words(seed.text), "edits": n}
    res["speed"] = speed(system, texts)
    log(f"  speed: {res['speed']['spun_words_per_s']} words/s spun")
    return res


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__.split("\n\n")[0])
    ap.add_argument("--quick", action="store_true", help="small subsets of every corpus (CI)")
    ap.add_argument("--out", type=Path, default=ROOT / "docs",
                    help="folder for benchmarks.md and benchmarks.json (default: docs/)")
    ap.add_argument("--systems", default=",".join(SYSTEMS),
                    help=f"comma-separated subset of: {', '.join(SYSTEMS)}")
    args = ap.parse_args(argv)
    names = [s.strip() for s in args.systems.split(",") if s.strip()]
    for n in names:
        make(n)  # fail fast on a typo

    restor, missing = C.load_restoration(args.quick)
    for m in missing:
        log(f"warning: {m}")
    clean = C.load_clean(args.quick)
    external = C.load_external_clean(args.quick)
    det = C.load_detection(args.quick, clean)
    seed = C.load_seed()
    texts = C.speed_texts(restor, clean, args.quick)
    names_probes = C.load_names(args.quick)

    import textmend  # for the version line only

    report: dict = {
        "generated_by": "python -m benchmarks" + (" --quick" if args.quick else ""),
        "quick": args.quick,
        "textmend_version": getattr(textmend, "__version__", "?"),
        "python": platform.python_version(),
        "machine": {"cpus": os.cpu_count(), "platform": platform.platform(terse=True)},
        "missing_corpora": missing,
        "corpora": {
            **{c.name: {"kind": c.kind, "path": f"corpora/{c.path}", "docs": len(c.docs),
                        "words": c.words, "spans": c.spans} for c in restor},
            **{c.name: {"kind": c.kind, "path": f"corpora/{c.path}", "docs": len(c.docs),
                        "words": c.words} for c in clean},
            **{c.name: {"kind": c.kind, "path": c.path, "docs": len(c.docs),
                        "words": c.words} for c in external},
        },
        "detection_sets": {k: {"positives": len(p), "negatives": len(n)} for k, (p, n) in det.items()},
        "name_probes": len(names_probes),
        "systems": {},
    }
    failed = False
    # cold starts first, while this process is still small (see _coldstart on ru_maxrss)
    cold: dict[str, dict | Exception] = {}
    for name in names:
        try:
            # Words/s on text the process has never seen, spun and clean, each in its own
            # fresh interpreter (the timed loop below repeats texts the quality runs saw).
            cold[name] = cold_start(name, texts["spun"][0], texts["spun"])
            cold[name]["spun_new_words_per_s"] = cold[name].pop("new_words_per_s")
            clean_new = cold_start(name, texts["spun"][0], texts["clean"])
            cold[name]["clean_new_words_per_s"] = clean_new["new_words_per_s"]
            cold[name].pop("new_words", None)
        except Exception as e:
            cold[name] = e
    for name in names:
        system = make(name)
        entry = {"description": system.description, "available": True, "error": None}
        log(f"{name}:")
        try:
            system.load()
        except Exception as e:  # a resource not built yet: report it, keep the other systems
            entry.update(available=False, error=f"{type(e).__name__}: {e}")
            log(f"  unavailable: {entry['error']}")
            report["systems"][name] = entry
            continue
        try:
            entry.update(run_system(system, restor, clean, det, seed, texts, external, names_probes))
            if isinstance(cold[name], Exception):
                raise cold[name]
            entry["speed"].update(cold[name])
            log(f"  cold start {entry['speed']['cold_start_s']} s, peak RSS {entry['speed']['peak_rss_mb']} MB")
        except Exception as e:
            failed = True
            entry["error"] = f"{type(e).__name__}: {e}"
            log(traceback.format_exc())
        report["systems"][name] = entry

    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "benchmarks.json").write_text(json.dumps(report, indent=1, sort_keys=True) + "\n",
                                              encoding="utf-8")
    md = render(report)
    (args.out / "benchmarks.md").write_text(md, encoding="utf-8")
    print(md)
    log(f"wrote {args.out / 'benchmarks.md'} and {args.out / 'benchmarks.json'}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
