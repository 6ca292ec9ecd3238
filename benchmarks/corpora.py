"""Benchmark corpora: what is measured on which files (all under corpora/, never shipped)."""
from __future__ import annotations

import gzip
import json
import random
import re
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPORA = ROOT / "corpora"
WORD = re.compile(r"\w+(?:[’'\-]\w+)*")
MARK = re.compile(r"\[\[(.+?)\|(.+?)\]\]")
MIN_DETECT_WORDS = 100  # AUC only on documents long enough to judge

# (name, path relative to corpora/); quick mode takes the first `quick` documents of each.
RESTORATION = [
    *((f"synthetic-{d}-r{r}", f"synthetic/{d}-r{r}.gold.jsonl")
      for d in ("news", "science") for r in ("0.05", "0.15", "0.30")),
    ("handspun-news-dev", "handspun/news-dev.gold.jsonl"),
    ("handspun-news-heldout", "handspun/news-heldout.gold.jsonl"),
    ("handspun-news-independent", "handspun/news-independent.gold.jsonl"),
    ("handspun-news-articles", "handspun/news-articles.gold.jsonl"),
    ("handspun-news-articles-heldout", "handspun/news-articles-heldout.gold.jsonl"),
    ("handspun-news-articles-2", "handspun/news-articles-2.gold.jsonl"),
    ("handspun-news-articles-heldout-2", "handspun/news-articles-heldout-2.gold.jsonl"),
    ("handspun-news-articles-heldout-3", "handspun/news-articles-heldout-3.gold.jsonl"),
    ("handspun-news-articles-heldout-4", "handspun/news-articles-heldout-4.gold.jsonl"),
    ("handspun-news-articles-heldout-5", "handspun/news-articles-heldout-5.gold.jsonl"),
    ("handspun-news-articles-heldout-6", "handspun/news-articles-heldout-6.gold.jsonl"),
    ("handspun-news-articles-heldout-7", "handspun/news-articles-heldout-7.gold.jsonl"),
    ("handspun-news-articles-heldout-8", "handspun/news-articles-heldout-8.gold.jsonl"),
    ("handspun-news-articles-heldout-9", "handspun/news-articles-heldout-9.gold.jsonl"),
    ("handspun-news-articles-3", "handspun/news-articles-3.gold.jsonl"),
    ("handspun-news-articles-4", "handspun/news-articles-4.gold.jsonl"),
    ("handspun-news-articles-5", "handspun/news-articles-5.gold.jsonl"),
    ("handspun-news-articles-6", "handspun/news-articles-6.gold.jsonl"),
    ("handspun-news-articles-7", "handspun/news-articles-7.gold.jsonl"),
    ("handspun-news-articles-8", "handspun/news-articles-8.gold.jsonl"),
    ("handspun-news-articles-9", "handspun/news-articles-9.gold.jsonl"),
    ("handspun-news-articles-10", "handspun/news-articles-10.gold.jsonl"),
    ("handspun-news-articles-light", "handspun/news-articles-light.gold.jsonl"),
    ("handspun-news-articles-heldout-light", "handspun/news-articles-heldout-light.gold.jsonl"),
    ("tortured-inbook", "tortured/sentences-inbook.jsonl"),
    ("tortured-heldout", "tortured/sentences-heldout.jsonl"),
]
#: Paper-like documents: held-out tortured sentences interleaved with as many in-book ones
#: (their spans unscored), so the held-out phrases sit among known ones as in a paper-mill
#: article and document-level evidence can build up. Built from the two sentence files.
PAPERS = ("tortured-heldout-papers", "tortured/sentences-heldout.jsonl", "tortured/sentences-inbook.jsonl")
PAPER_SENTENCES = 5  # held-out sentences per document (plus as many in-book ones)
CLEAN = [("clean-news", "clean/news.jsonl"), ("clean-science", "clean/science.jsonl")]
#: Clean text the repo does not redistribute, fetched by tools/fetch_external_clean.py
#: (path relative to the repo root); measured for damage only, when present.
EXTERNAL_CLEAN = [("clean-external-news", "build/external/clean-lee.jsonl")]
REAL_SPUN = "real-spun/web-excerpts.jsonl"
SEED = "seed/seed-spun-news.txt"
DETECTION_SETS = ["real-web", "synthetic-r0.05", "synthetic-r0.15", "synthetic-r0.30",
                  "handspun-articles", "handspun-articles-light", "all"]
QUICK = {"synthetic": 3, "tortured": 40, "clean": 6, "real": 3, "detect-synthetic": 3, "names": 60}


def words(text: str) -> int:
    """Word count used for every per-word figure (scorer-style word tokens, no punctuation)."""
    return len(WORD.findall(text))


@dataclass
class Doc:
    id: str
    text: str  # what a system receives
    gold: str | None = None  # reference-scorer markup, None for clean/ungolded text


@dataclass
class Corpus:
    name: str
    path: str
    kind: str  # restoration | clean | detection-positive
    docs: list[Doc] = field(default_factory=list)

    @property
    def words(self) -> int:
        return sum(words(d.text) for d in self.docs)

    @property
    def spans(self) -> int:
        return sum(sum(1 for m in MARK.finditer(d.gold) if m.group(2) != "?")
                   for d in self.docs if d.gold)


def _read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _jsonl(rel: str) -> list[dict]:
    path = CORPORA / rel
    if not path.exists():
        raise FileNotFoundError(f"benchmark corpus missing: {path} (see docs/data-sources.md, "
                                "'Benchmark corpora', for the command that builds it)")
    return _read_jsonl(path)


def _take(rows: list, n: int | None) -> list:
    return rows if n is None else rows[:n]


def load_restoration(quick: bool) -> tuple[list[Corpus], list[str]]:
    """Gold corpora; missing files are reported, not fatal, so other results still appear."""
    out, missing = [], []
    for name, rel in RESTORATION:
        try:
            rows = _jsonl(rel)
        except FileNotFoundError as e:
            missing.append(str(e))
            continue
        n = (QUICK["tortured"] if name.startswith("tortured") else QUICK["synthetic"]) if quick else None
        out.append(Corpus(name, rel, "restoration",
                          [Doc(r["id"], r["text"], r["gold"]) for r in _take(rows, n)]))
    try:
        out.append(_papers(quick))
    except FileNotFoundError as e:
        missing.append(str(e))
    return out, missing


def _papers(quick: bool) -> Corpus:
    """The PAPERS corpus: each document alternates held-out and in-book sentences; the
    in-book spans are marked unknown ('?'), so only held-out phrases are scored."""
    name, rel, known_rel = PAPERS
    scored, known = _jsonl(rel), _jsonl(known_rel)
    k = PAPER_SENTENCES
    docs = []
    for start in range(0, len(scored), k):
        texts, golds = [], []
        for a, b in zip(scored[start:start + k], known[start:start + k]):
            texts += [a["text"], b["text"]]
            golds += [a["gold"], MARK.sub(lambda m: f"[[{m.group(1)}|?]]", b["gold"])]
        docs.append(Doc(f"paper-{start // k + 1:03d}", "\n".join(texts), "\n".join(golds)))
    return Corpus(name, f"{rel} + {known_rel}", "restoration",
                  _take(docs, QUICK["tortured"] // k if quick else None))


def load_clean(quick: bool) -> list[Corpus]:
    n = QUICK["clean"] if quick else None
    return [Corpus(name, rel, "clean", [Doc(r["id"], r["text"]) for r in _take(_jsonl(rel), n)])
            for name, rel in CLEAN]


def load_external_clean(quick: bool) -> list[Corpus]:
    """External clean corpora: fetched ones when present, and the Python reference
    documentation every interpreter carries (none in quick mode)."""
    out = []
    for name, rel in ([] if quick else EXTERNAL_CLEAN):
        path = ROOT / rel
        if path.exists():
            out.append(Corpus(name, rel, "clean-external",
                              [Doc(r["id"], r["text"]) for r in _read_jsonl(path)]))
    if not quick:
        out.append(_python_docs())
    return out


#: Prose paragraphs of the Python reference documentation (the interpreter's own
#: pydoc_data, PSF licence; read at run time, not redistributed): technical English
#: full of jargon the language model has never seen, so a test of damage outside news.
PY_DOCS_PARAGRAPHS, PY_DOCS_PER_DOC = 600, 5


def _python_docs() -> Corpus:
    import pydoc_data.topics as topics

    text = "\n".join(topics.topics[k] for k in sorted(topics.topics))
    paras = [p.strip() for p in re.split(r"\n\s*\n", text)
             if len(p.split()) > 25 and not re.search(r"[{}=<>]|^\s{4}", p) and p.count("(") < 4]
    paras = [" ".join(p.split()) for p in paras[:PY_DOCS_PARAGRAPHS]]
    k = PY_DOCS_PER_DOC
    docs = [Doc(f"pydocs-{i // k + 1:03d}", "\n".join(paras[i:i + k])) for i in range(0, len(paras), k)]
    return Corpus("clean-external-pydocs", "pydoc_data.topics (Python stdlib)", "clean-external", docs)


def load_detection(quick: bool, clean: list[Corpus]) -> dict[str, tuple[list[Doc], list[Doc]]]:
    """Positive/negative document sets for detection, documents of 100+ words only.

    Negatives: all clean documents. Positives: real spun web excerpts, and the
    synthetic spun documents at each rate (paired with the clean ones they came from);
    and the hand-spun articles, whose originals join the negatives of their set and "all".
    """
    neg = [d for c in clean for d in c.docs if words(d.text) >= MIN_DETECT_WORDS]
    real = [Doc(r["id"], r["text"]) for r in _jsonl(REAL_SPUN) if words(r["text"]) >= MIN_DETECT_WORDS]
    if quick:
        real = real[:QUICK["real"]]
    sets: dict[str, tuple[list[Doc], list[Doc]]] = {"real-web": (real, neg)}
    allpos = list(real)
    for rate in ("0.05", "0.15", "0.30"):
        pos = []
        for dom in ("news", "science"):
            rel = f"synthetic/{dom}-r{rate}.gold.jsonl"
            try:
                rows = _jsonl(rel)
            except FileNotFoundError:
                continue
            rows = [r for r in rows if words(r["text"]) >= MIN_DETECT_WORDS]
            pos += [Doc(r["id"], r["text"]) for r in _take(rows, QUICK["detect-synthetic"] if quick else None)]
        sets[f"synthetic-r{rate}"] = (pos, neg)
        allpos += pos
    # Full-length hand-spun articles against their own originals and the clean documents:
    # the closest thing here to a scraper site's pages beside the ones they were taken from.
    # The lightly spun variants (about 4 spins per 100 words) are the hard case.
    art_pos, art_neg, light_pos = [], [], []
    for name, rel in RESTORATION:
        if name.endswith("-light"):
            light_pos += [Doc(r["id"], r["text"]) for r in _jsonl(rel)]
        elif name.startswith("handspun-news-articles"):
            pairs = _jsonl(rel.replace(".gold.", ".pairs."))
            art_pos += [Doc(f"{r['id']}-spun", r["spun"]) for r in pairs]
            art_neg += [Doc(f"{r['id']}-original", r["original"]) for r in pairs]
    if quick:
        art_pos, art_neg = art_pos[:QUICK["detect-synthetic"]], art_neg[:QUICK["detect-synthetic"]]
        light_pos = light_pos[:QUICK["detect-synthetic"]]
    sets["handspun-articles"] = (art_pos, neg + art_neg)
    sets["handspun-articles-light"] = (light_pos, neg + art_neg)
    allpos += art_pos + light_pos
    sets["all"] = (allpos, neg + art_neg)
    return sets


def load_seed() -> Doc:
    return Doc("seed", (CORPORA / SEED).read_text(encoding="utf-8"))


def speed_texts(restoration: list[Corpus], clean: list[Corpus], quick: bool) -> dict[str, list[str]]:
    """Texts timed for words/s: spun = synthetic r0.15 + real web excerpts; clean = clean corpora."""
    spun = [d.text for c in restoration if c.name.endswith("r0.15") for d in c.docs]
    real = [r["text"] for r in _jsonl(REAL_SPUN)]
    spun += real[:QUICK["real"]] if quick else real
    return {"spun": spun, "clean": [d.text for c in clean for d in c.docs]}


#: Name probes: a known name inside a spun page (the first sentence gives the page
#: document-level evidence of spinning, as a real spun article would).
NAME_PAGE = ("The White Home mentioned on Monday that officers would meet. "
             "A spokesperson for the {} instructed reporters.")
#: Gazetteer kinds sampled for name probes: organisations, titles, events, laws
#: (people and places are rarely made of dictionary words a spinner swaps).
NAME_KINDS = frozenset("org_gov org company think_tank org_intl media military sports university "
                       "event treaty title building party law".split())
NAME_PROBES = 1000
_PACKAGE_DATA = ROOT / "src" / "textmend" / "data"
_NAME_CONNECTORS = frozenset({"of", "the", "and", "for"})


#: The names sampled once for the name probes (see `draw_names`), so that a growing
#: gazetteer does not redraw the benchmark.
NAME_SAMPLE = ROOT / "corpora" / "names" / "sample.txt"


def _name_swaps() -> dict[str, tuple[str, float]]:
    """The spun form the phrasebook knows best for each word (curated one-word rows of
    prior >= 0.2)."""
    swap: dict[str, tuple[str, float]] = {}
    with gzip.open(_PACKAGE_DATA / "phrasebook.tsv.gz", "rt", encoding="utf-8") as fh:
        for line in fh:
            p = line.rstrip("\n").split("\t")
            if len(p) < 4 or p[3] != "curated" or " " in p[0] or " " in p[1]:
                continue
            try:
                prior = float(p[2])
            except ValueError:
                continue
            original = p[1].lower()
            if prior >= 0.2 and (original not in swap or (prior, p[0]) > (swap[original][1], swap[original][0])):
                swap[original] = (p[0], prior)
    return swap


def _spin_name(name: str, swap: dict[str, tuple[str, float]]) -> str | None:
    """The name with each capitalised word swapped for its best-known spun form, or None
    when no word has one."""
    words = name.split()
    spun = []
    for w in words:
        s = swap.get(w.lower())
        if s and w[:1].isupper() and w.lower() not in _NAME_CONNECTORS:
            spun.append(s[0][:1].upper() + s[0][1:])
        else:
            spun.append(w)
    if spun == words or "{" in " ".join(spun):
        return None
    return " ".join(spun)


def draw_names(n: int = NAME_PROBES) -> list[str]:
    """Draw the name sample from the shipped gazetteer: multiword names of NAME_KINDS in
    a fixed shuffle, the first ``n`` that the phrasebook's swaps can spin. Run by
    tools/build_names_sample.py; the benchmark reads the written sample."""
    swap = _name_swaps()
    names: list[str] = []
    with gzip.open(_PACKAGE_DATA / "gazetteer.tsv.gz", "rt", encoding="utf-8") as fh:
        for line in fh:
            if line.startswith("#postings"):
                break
            p = line.rstrip("\n").split("\t")
            if line.startswith("#") or len(p) < 2 or p[1] not in NAME_KINDS:
                continue
            if " " in p[0] and p[0][:1].isupper():
                names.append(p[0])
    random.Random(11).shuffle(names)
    return [name for name in names if _spin_name(name, swap) is not None][:n]


def load_names(quick: bool) -> list[tuple[str, str]]:
    """(name, spun name) pairs: the sampled multiword gazetteer names (NAME_SAMPLE) with
    their capitalised words swapped for the spun form the phrasebook knows best for them.
    Circular by design: it measures the name alignment (synonym-aware matching, gating,
    choice among rival names) on the spinner's known swaps, not knowledge the package
    lacks."""
    if not NAME_SAMPLE.exists():
        raise FileNotFoundError(f"name sample missing: {NAME_SAMPLE} "
                                "(build it with python tools/build_names_sample.py)")
    swap = _name_swaps()
    out: list[tuple[str, str]] = []
    for name in NAME_SAMPLE.read_text(encoding="utf-8").splitlines():
        if not name or name.startswith("#"):
            continue
        spun = _spin_name(name, swap)
        if spun is not None:
            out.append((name, spun))
        if len(out) >= (QUICK["names"] if quick else NAME_PROBES):
            break
    return out
