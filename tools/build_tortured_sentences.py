#!/usr/bin/env python3
"""Build gold sentences for tortured-phrase restoration from the split pair lists.

Why: a tortured-phrase list is only a benchmark once the phrases sit in running
text, where a repairer must find them among ordinary words. Each pair
(tortured -> expected) is placed

* in real sentences of the clean science corpus that contain the expected phrase
  (the expected phrase is swapped for the tortured one, case kept), and
* in a neutral carrier sentence ("In this paper, we apply {} to the problem."),
  one of a handful of templates chosen deterministically from the phrase.

Inputs: corpora/tortured/inbook.tsv and heldout.tsv (tortured<TAB>expected<TAB>num_papers,
'#' comment lines; made by another build step from the PPS list) and
corpora/clean/science.jsonl. Outputs: corpora/tortured/sentences-inbook.jsonl and
sentences-heldout.jsonl, one JSON object per line with gold markup ``[[tortured|expected]]``
(alternatives in `expected` separated by '/', as the reference scorer reads them).

Usage: python tools/build_tortured_sentences.py [--cap 600]
"""
from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TORTURED = ROOT / "corpora" / "tortured"
SCIENCE = ROOT / "corpora" / "clean" / "science.jsonl"
SPLITS = ("inbook", "heldout")
CAP = 600
REAL_SHARE = 0.5  # at most this share of a split's sentences come from real text
REAL_PER_PAIR = 2
REAL_PER_EXPECTED = 6  # many tortured variants share one original ("machine learning")
FUNCTION = frozenset("a an the of by to in on at for with from as is are be and or that this".split())

# Neutral carriers for a noun phrase, in the register of paper-mill abstracts.
TEMPLATES = (
    "In this paper, we apply {} to the problem.",
    "The proposed framework builds on {} and is evaluated in several experiments.",
    "Recent studies have shown that {} plays an important role in many applications.",
    "We discuss the advantages and limitations of {} in detail.",
    "Section 2 gives a brief overview of {} and related work.",
    "Our results confirm the importance of {} for this task.",
)
SENT_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z“\"(])")


def stable(s: str) -> int:
    """A hash that does not change between runs (unlike hash())."""
    return int.from_bytes(hashlib.sha1(s.encode("utf-8")).digest()[:8], "big")


def read_pairs(path: Path) -> list[tuple[str, str, int]]:
    """(tortured, expected, num_papers) per tortured phrase; '#' lines and a header row skipped.

    Several rows for one tortured phrase (one per acceptable original) are merged into
    one pair whose expected side lists the alternatives separated by '/'.
    """
    if not path.exists():
        sys.exit(f"{path} is missing: it is built from shared/corpora/tortured-phrases-pps.tsv "
                 "by the tortured-phrase build step; run that first")
    rows = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        f = line.split("\t")
        if len(f) < 2:
            sys.exit(f"{path}:{n}: expected tortured<TAB>expected[<TAB>num_papers], got {line!r}")
        if f[0] == "tortured" and f[1] == "expected":
            continue
        tortured, expected = f[0].strip(), f[1].strip().replace("|", "/")
        papers = int(f[2]) if len(f) > 2 and f[2].strip().isdigit() else 0
        if tortured and expected and tortured.lower() != expected.lower():
            rows.append((tortured, expected, papers))
    merged: dict[str, tuple[list[str], int]] = {}
    for tortured, expected, papers in rows:
        alts, n = merged.setdefault(tortured, ([], 0))
        alts += [e for e in expected.split("/") if e not in alts]
        merged[tortured] = (alts, max(n, papers))
    return [(t, "/".join(alts), n) for t, (alts, n) in merged.items()]


def sentences() -> list[tuple[str, str]]:
    """(doc id, sentence) for every sentence of the clean science corpus."""
    out = []
    for line in SCIENCE.read_text(encoding="utf-8").splitlines():
        if line.strip():
            doc = json.loads(line)
            for para in doc["text"].split("\n"):
                out += [(doc["id"], s.strip()) for s in SENT_END.split(para) if s.strip()]
    return out


def match_case(src: str, repl: str) -> str:
    """Carry the case pattern of the replaced text (Title Case, Capitalised) to the tortured one."""
    words = src.split()
    if len(words) > 1 and all(w[:1].isupper() for w in words):
        return " ".join(w[:1].upper() + w[1:] for w in repl.split())
    return repl[0].upper() + repl[1:] if src[:1].isupper() and repl[:1].islower() else repl


def markup(tortured: str, expected: str) -> str:
    if any(c in tortured + expected for c in "[]") or "|" in tortured:
        raise ValueError(f"pair cannot be written as gold markup: {tortured!r} -> {expected!r}")
    return f"[[{tortured}|{expected}]]"


def build_split(split: str, cap: int, sents: list[tuple[str, str]], pairs_dir: Path = TORTURED) -> list[dict]:
    """Real-sentence items first (capped), then one carrier per pair in hash order, up to cap."""
    pairs = read_pairs(pairs_dir / f"{split}.tsv")
    real: list[dict] = []
    for tortured, expected, papers in pairs:
        alts = expected.split("/")
        pat = re.compile(r"(?<![\w\-])(?:" + "|".join(re.escape(a) for a in
                         sorted(alts, key=len, reverse=True)) + r")(?![\w\-])", re.IGNORECASE)
        hits = [(doc_id, sent, m) for doc_id, sent in sents if (m := pat.search(sent))]
        hits.sort(key=lambda h: stable(tortured + "\t" + h[1]))  # spread pairs over sentences
        for doc_id, sent, m in hits[:REAL_PER_PAIR]:
            t = match_case(m.group(), tortured)
            # the text's own wording is the first gold alternative
            e = "/".join(dict.fromkeys([m.group()] + [a for a in alts if a.lower() != m.group().lower()]))
            gold = sent[:m.start()] + markup(t, e) + sent[m.end():]
            real.append({"kind": "real", "source_id": doc_id, "tortured": tortured,
                         "expected": expected, "num_papers": papers, "gold": gold,
                         "text": sent[:m.start()] + t + sent[m.end():]})
    real.sort(key=lambda r: stable(r["tortured"] + "\t" + r["gold"]))
    per_expected: dict[str, int] = {}
    items = []
    for r in real:
        key = r["expected"].lower()
        if per_expected.get(key, 0) < REAL_PER_EXPECTED and len(items) < int(cap * REAL_SHARE):
            per_expected[key] = per_expected.get(key, 0) + 1
            items.append(r)
    for tortured, expected, papers in sorted(pairs, key=lambda p: stable(p[0] + "\t" + p[1])):
        if len(items) >= cap:
            break
        if not set(expected.split("/")[0].lower().split()) - FUNCTION:
            continue  # the carriers need a noun phrase; "by" as an original is not one
        k = stable(tortured) % len(TEMPLATES)
        tpl = TEMPLATES[k]
        items.append({"kind": "carrier", "source_id": f"template-{k + 1}", "tortured": tortured,
                      "expected": expected, "num_papers": papers,
                      "gold": tpl.format(markup(tortured, expected)), "text": tpl.format(tortured)})
    for i, item in enumerate(items, 1):
        item["id"] = f"tortured-{split}-{i:04d}"
    return items


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--cap", type=int, default=CAP, help="maximum sentences per split")
    ap.add_argument("--pairs", type=Path, default=TORTURED, help="folder with inbook.tsv, heldout.tsv")
    ap.add_argument("--out", type=Path, default=TORTURED)
    args = ap.parse_args(argv)
    sents = sentences()
    args.out.mkdir(parents=True, exist_ok=True)
    for split in SPLITS:
        items = build_split(split, args.cap, sents, args.pairs)
        path = args.out / f"sentences-{split}.jsonl"
        path.write_text("".join(json.dumps(r, ensure_ascii=False, sort_keys=True) + "\n"
                                for r in items), encoding="utf-8")
        n_real = sum(r["kind"] == "real" for r in items)
        print(f"{path}: {len(items)} sentences ({n_real} real, "
              f"{len(items) - n_real} carrier)")


if __name__ == "__main__":
    main()
