"""Build src/textmend/data/phrasebook.tsv.gz: spun phrase -> original phrase pairs.

Two sources, both recorded per row so the runtime can switch them:

* ``curated``  -- hand-written spinner artefacts in tools/phrasebook/*.tsv
  (spun<TAB>original<TAB>prior<TAB>note; the file name is the category).
* ``tortured`` -- the Problematic Paper Screener tortured-phrase list
  (Cabanac, Labbe & Magazinov), cleaned here.  A deterministic hash split
  marks ~20 % of the tortured phrases as held out.  Every row ships (users get
  the whole list); the benchmark switches the held-out rows off with
  corpora/tortured/heldout-disable.tsv to measure phrases the engine has never seen.

Outputs (sorted, no timestamps, byte-identical on rebuild):
  src/textmend/data/phrasebook.tsv.gz   spun, original, prior, source, category
  corpora/tortured/inbook.tsv            tortured rows of the in-book split
  corpora/tortured/heldout.tsv           tortured rows of the held-out split (benchmark gold)
  corpora/tortured/heldout-disable.tsv   a user phrasebook (prior 0) that switches every held-out
                                         row off, so the benchmark measures unseen phrases

Run: /work/venv/bin/python tools/build_phrasebook.py
"""
from __future__ import annotations

import gzip
import hashlib
import io
import math
import re
import sys
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CURATED_DIR = ROOT / "tools" / "phrasebook"
TORTURED_SRC_CANDIDATES = (
    ROOT / "corpora" / "tortured" / "tortured-phrases-pps.tsv",
    Path("/work/shared/corpora/tortured-phrases-pps.tsv"),
)
OUT = ROOT / "src" / "textmend" / "data" / "phrasebook.tsv.gz"
TORTURED_DIR = ROOT / "corpora" / "tortured"

HELDOUT_PERCENT = 20  # share of tortured phrases kept out of the phrasebook

# ---------------------------------------------------------------- helpers


def normalize_key(phrase: str) -> str:
    """Lowercase, unify quotes/dashes, collapse whitespace (same as runtime)."""
    s = unicodedata.normalize("NFKC", phrase)
    s = s.replace("\u2019", "'").replace("\u2018", "'").replace("\u201c", '"').replace("\u201d", '"')
    s = s.replace("\u2010", "-").replace("\u2011", "-")
    return " ".join(s.lower().split())


def split_bucket(tortured: str) -> int:
    """Stable 0..99 bucket from the cleaned tortured phrase (sha1, not hash())."""
    return int(hashlib.sha1(tortured.encode("utf-8")).hexdigest()[:8], 16) % 100


# ---------------------------------------------------------------- tortured cleaning

_URL_NOTE = re.compile(r"(?:^|[\s,;(])(?:see|cf\.|found in)\s.*$", re.I)
_BRACKET = re.compile(r"\[[^\]]*\]")
_SPACED_PAREN = re.compile(r"(^|\s)\([^()]*\)")       # "(BP)", " (function)", "(automatic) speech"
_ATTACHED_PAREN = re.compile(r"(\w)\(([a-z]{1,4})\)")  # "autist(ic)" -> "autistic"
_ANY_PAREN = re.compile(r"\([^()]*\)")
_ALLCAPS = re.compile(r"^[A-Z][A-Z0-9\-]{1,9}s?$")
_BAD_EXPECTED = re.compile(
    r"meaning unclear|paraphrased|the word|as in |could be either|unclear|unknown|n/a|\bnot sure\b",
    re.I)
_ALLOWED = re.compile(r"^\w[\w '\-/.+&]*$")


def _strip_notes(text: str) -> str:
    s = text.strip()
    s = s.replace("*", "")
    s = _URL_NOTE.sub("", s)
    s = re.sub(r"https?://\S+", "", s)
    s = _BRACKET.sub(" ", s)
    s = _ATTACHED_PAREN.sub(lambda m: m.group(1) + m.group(2), s)
    prev = None
    while prev != s:  # nested or repeated parentheses
        prev = s
        s = _SPACED_PAREN.sub(" ", s)
    s = _ANY_PAREN.sub(" ", s)
    s = re.sub(r"\(.*$", " ", s)  # unbalanced "(note..." runs to the end
    s = s.replace(")", " ")
    return " ".join(s.split())


def clean_tortured(raw: str, kind: str) -> str | None:
    """Return the cleaned contiguous tortured phrase, or None if unusable."""
    s = _strip_notes(raw)
    toks = s.split()
    if kind == "proximity":
        # "genuine positive TP"~5: a trailing acronym is the real term nearby,
        # the rest is a contiguous tortured phrase.  Other proximity queries
        # name two separate phrases, which a phrasebook cannot represent.
        if len(toks) >= 2 and _ALLCAPS.match(toks[-1]):
            toks = toks[:-1]
        else:
            return None
    s = normalize_key(" ".join(toks))
    if "," in s or ";" in s or "?" in s or not s:
        return None
    s = s.strip(" .-")
    if not _ALLOWED.match(s) or len(s) < 3:
        return None
    return s


def _slash_alternatives(phrase: str, tortured: str) -> list[str]:
    """Expand 'a b/c' alternatives; keep slash tokens the tortured phrase also has."""
    if " / " in phrase or "/ " in phrase or " /" in phrase:
        parts = [p.strip() for p in re.split(r"\s*/\s*", phrase) if p.strip()]
        # only split on a spaced slash; nested unspaced slashes handled recursively
        out: list[str] = []
        for p in parts:
            out.extend(_slash_alternatives(p, tortured))
        return out
    toks = phrase.split()
    keep = set(tortured.split())
    slash_idx = [i for i, t in enumerate(toks) if "/" in t and t not in keep]
    if not slash_idx:
        return [phrase]
    n_t = len(tortured.split())
    # token-level reading: "fault analysis/diagnosis" -> fault analysis | fault diagnosis
    token_alts = [[]]
    for i, t in enumerate(toks):
        if i in slash_idx:
            opts = [o for o in t.split("/") if o]
            token_alts = [a + [o] for a in token_alts for o in opts]
        else:
            token_alts = [a + [t] for a in token_alts]
    token_read = [" ".join(a) for a in token_alts]
    # phrase-level reading: "economic development/profit growth" -> two phrases
    phrase_read = [" ".join(p.split()) for p in re.split(r"/", phrase) if p.strip()]

    def cost(alts: list[str]) -> int:
        return sum(abs(len(a.split()) - n_t) for a in alts)

    return phrase_read if cost(phrase_read) < cost(token_read) else token_read


def clean_expected(raw: str, tortured: str) -> tuple[list[str], bool] | None:
    """Return (alternatives, uncertain) or None when the expected text is unusable."""
    s = raw.strip()
    if not s or _BAD_EXPECTED.search(s) or set(s) <= set("?() "):
        return None
    if "???" in s:
        return None
    uncertain = "?" in s
    # keep only the part before a "(?)" / "?" marker
    s = re.split(r"\(\?\)|\?", s)[0]
    s = _strip_notes(s)
    s = normalize_key(s)
    s = s.strip(" ,;.-")
    if not s or len(s.split()) > 8:
        return None
    if " or " in s and " or " not in tortured:
        return None
    if "," in s and "," not in tortured:
        return None
    alts = []
    for a in _slash_alternatives(s, tortured):
        a = a.strip(" ,;.-")
        if a and _ALLOWED.match(a) and a != tortured and a not in alts:
            alts.append(a)
    if not alts:
        return None
    return alts, uncertain


KIND_PRIOR = {"exact": 0.85, "exact?": 0.8, "alternatives": 0.7, "context": 0.4, "proximity": 0.6}


def tortured_prior(kind: str, ntok: int, papers: int, uncertain: bool, n_alts: int) -> float:
    """How likely the phrase, when seen, is a tortured rewrite of `expected`.

    'context' fingerprints need the expected phrase nearby in the same paper, i.e.
    the tortured form alone is often normal English; one-word forms ('bosom')
    are ordinary words; '(?)' marks PPS curators' own doubt.
    """
    p = KIND_PRIOR.get(kind, 0.6)
    if ntok == 1:
        p *= 0.55
    if uncertain:
        p *= 0.5
    if n_alts > 1:
        p *= 0.9
    p *= 0.9 + 0.1 * min(1.0, math.log10(papers + 1) / 4)
    return round(max(0.05, min(0.95, p)), 2)


def read_tortured(path: Path) -> list[dict]:
    """Parse and clean the PPS TSV; one dict per cleaned tortured phrase."""
    by_key: dict[str, dict] = {}
    header_seen = False
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or not line.strip():
            continue
        cols = line.split("\t")
        if not header_seen:
            header_seen = True
            if cols[0] == "tortured":
                continue
        if len(cols) < 4:
            raise SystemExit(f"{path}: malformed row {line!r}")
        raw_t, raw_e, raw_n, kind = cols[0], cols[1], cols[2], cols[3]
        t = clean_tortured(raw_t, kind)
        if t is None:
            continue
        e = clean_expected(raw_e, t)
        if e is None:
            continue
        alts, uncertain = e
        papers = int(raw_n) if raw_n.strip().isdigit() else 0
        rec = by_key.get(t)
        if rec is None:
            by_key[t] = {"tortured": t, "alts": alts, "papers": papers, "kind": kind,
                         "uncertain": uncertain}
        else:  # duplicate after cleaning: merge alternatives, keep max count
            for a in alts:
                if a not in rec["alts"]:
                    rec["alts"].append(a)
            rec["papers"] = max(rec["papers"], papers)
            rec["uncertain"] = rec["uncertain"] and uncertain
            if KIND_PRIOR.get(kind, 0) > KIND_PRIOR.get(rec["kind"], 0):
                rec["kind"] = kind
    return [by_key[k] for k in sorted(by_key)]


TORTURED_HEADER = """\
# Tortured phrases (cleaned) from the Problematic Paper Screener (PPS) fingerprint list.
# Attribution: Guillaume Cabanac, Cyril Labbe, Alexander Magazinov, "Tortured phrases: A dubious
#   writing style emerging in science. Evidence of critical issues affecting established journals"
#   (arXiv:2107.06751, 2021); list from https://dbrech.irit.fr/pls/apex/f?p=9999:5:::NO:::
# Licence: reported as CC BY 4.0 (unverified); redistributed with this attribution.
# Provenance: /work/shared/corpora/tortured-phrases-pps.tsv (GitHub copies hahuyhoang411/tortured-phrase
#   @00e3014, KarchuS/tortured-phrase-spotter @ec99925, giladfeldman/torturedcheck), cleaned by
#   tools/build_phrasebook.py: notes/URLs/[...]/(acronyms) stripped, lowercased, slash alternatives
#   expanded (one row per alternative), '???'/unknown rows and tortured==expected rows dropped,
#   'proximity' queries kept only when they reduce to one contiguous phrase.
# Split: sha1(tortured) % 100 < {cut} -> inbook, else heldout.  Both ship in
#   src/textmend/data/phrasebook.tsv.gz; benchmarks switch the held-out rows off with
#   heldout-disable.tsv.  Rows whose PPS 'expected' text carried a '?' doubt marker ship at half
#   prior and are left out of heldout.tsv (unreliable gold) but not out of heldout-disable.tsv.
# num_papers: PPS hit count at export time; 0 also when unknown (torturedcheck snapshot rows).
# A tortured phrase with several acceptable originals has one row per original.
# Columns: tortured<TAB>expected<TAB>num_papers
"""


def build_tortured(src: Path) -> tuple[list[tuple[str, str, float, str, str]], dict[str, int]]:
    recs = read_tortured(src)
    inbook_rows: list[str] = []
    heldout_rows: list[str] = []
    disable_rows: list[str] = []
    pb: list[tuple[str, str, float, str, str]] = []
    stats = {"cleaned_phrases": len(recs), "inbook_phrases": 0, "heldout_phrases": 0,
             "heldout_uncertain_dropped": 0}
    for r in recs:
        t = r["tortured"]
        inbook = split_bucket(t) < 100 - HELDOUT_PERCENT
        prior = tortured_prior(r["kind"], len(t.split()), r["papers"], r["uncertain"], len(r["alts"]))
        for a in r["alts"]:
            pb.append((t, a, prior, "tortured", "tortured_" + r["kind"].rstrip("?")))
        if inbook:
            stats["inbook_phrases"] += 1
            inbook_rows.extend(f"{t}\t{a}\t{r['papers']}" for a in r["alts"])
            continue
        disable_rows.extend(f"{t}\t{a}\t0" for a in r["alts"])
        if r["uncertain"]:
            stats["heldout_uncertain_dropped"] += 1
            continue
        stats["heldout_phrases"] += 1
        heldout_rows.extend(f"{t}\t{a}\t{r['papers']}" for a in r["alts"])
    TORTURED_DIR.mkdir(parents=True, exist_ok=True)
    head = TORTURED_HEADER.replace("{cut}", str(100 - HELDOUT_PERCENT))
    (TORTURED_DIR / "inbook.tsv").write_text(
        head + "tortured\texpected\tnum_papers\n" + "\n".join(sorted(inbook_rows)) + "\n",
        encoding="utf-8")
    (TORTURED_DIR / "heldout.tsv").write_text(
        head + "tortured\texpected\tnum_papers\n" + "\n".join(sorted(heldout_rows)) + "\n",
        encoding="utf-8")
    (TORTURED_DIR / "heldout-disable.tsv").write_text(
        "# textmend user phrasebook: prior 0 switches each held-out tortured row off, so a run with\n"
        "# --phrasebook corpora/tortured/heldout-disable.tsv has never seen the held-out phrases.\n"
        "# Built by tools/build_phrasebook.py from the PPS list (see heldout.tsv for attribution).\n"
        + "\n".join(sorted(disable_rows)) + "\n", encoding="utf-8")
    stats["inbook_rows"] = len(inbook_rows)
    stats["heldout_rows"] = len(heldout_rows)
    return pb, stats


# ---------------------------------------------------------------- curated


#: Country and body abbreviations news writes both with and without dots.
_DOTTED = {"US": "U.S.", "UN": "U.N.", "UK": "U.K."}
_UNDOTTED = {v: k for k, v in _DOTTED.items()}


def abbreviation_variant(spun: str, orig: str) -> tuple[str, str] | None:
    """The same row written with the other abbreviation style ("US officers" ->
    "U.S. officers"), or None if the row has no such abbreviation. Spun and original
    sides switch together, so a repair never changes how the page writes the name."""
    def swap(phrase: str, case_blind: bool) -> str:
        out = []
        for word in phrase.split():
            key = word.upper() if case_blind else word
            out.append(_DOTTED.get(key) or _UNDOTTED.get(key) or word)
        return " ".join(out)

    new_orig = swap(orig, False)
    if new_orig == orig:
        return None
    return normalize_key(swap(spun, True)), new_orig


def read_curated(directory: Path) -> list[tuple[str, str, float, str, str]]:
    """Read tools/phrasebook/*.tsv (category = file stem); fail loudly on bad rows."""
    rows: list[tuple[str, str, float, str, str]] = []
    seen: dict[tuple[str, str], str] = {}
    for f in sorted(directory.glob("*.tsv")):
        category = f.stem
        for n, line in enumerate(f.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip() or line.startswith("#"):
                continue
            cols = line.split("\t")
            if len(cols) < 3:
                raise SystemExit(f"{f}:{n}: need spun<TAB>original<TAB>prior[<TAB>note], got {line!r}")
            spun, orig = normalize_key(cols[0]), " ".join(cols[1].split())
            try:
                prior = float(cols[2])
            except ValueError:
                raise SystemExit(f"{f}:{n}: prior {cols[2]!r} is not a number") from None
            if not (0.0 < prior <= 1.0):
                raise SystemExit(f"{f}:{n}: prior {prior} outside (0, 1]")
            if not spun or not orig:
                raise SystemExit(f"{f}:{n}: empty spun or original")
            if spun == normalize_key(orig):
                raise SystemExit(f"{f}:{n}: spun == original ({spun!r})")
            key = (spun, orig.lower())
            if key in seen:
                raise SystemExit(f"{f}:{n}: duplicate pair {key} (first in {seen[key]})")
            seen[key] = f"{f.name}:{n}"
            rows.append((spun, orig, round(prior, 2), "curated", category))
    # Each abbreviation row also in the other style, unless the file lists that one itself.
    for spun, orig, prior, source, category in list(rows):
        variant = abbreviation_variant(spun, orig)
        if variant is not None and (variant[0], variant[1].lower()) not in seen:
            seen[(variant[0], variant[1].lower())] = "abbreviation variant"
            rows.append((variant[0], variant[1], prior, source, category))
    return rows


def main() -> None:
    src = next((p for p in TORTURED_SRC_CANDIDATES if p.exists()), None)
    if src is None:
        sys.exit("tortured-phrases-pps.tsv not found in " + ", ".join(map(str, TORTURED_SRC_CANDIDATES)))
    tortured_rows, stats = build_tortured(src)
    curated_rows = read_curated(CURATED_DIR) if CURATED_DIR.exists() else []

    # A curated row must never smuggle a held-out tortured phrase into the book.
    heldout = {l.split("\t")[0] for l in (TORTURED_DIR / "heldout-disable.tsv").read_text().splitlines()
               if l and not l.startswith("#")}
    clash = sorted({r[0] for r in curated_rows} & heldout)
    if clash:
        print(f"dropping {len(clash)} curated rows that are held-out tortured phrases: {clash[:5]}")
        curated_rows = [r for r in curated_rows if r[0] not in heldout]

    rows = sorted(set(curated_rows) | set(tortured_rows))
    buf = io.StringIO()
    buf.write("# textmend phrasebook: spun<TAB>original<TAB>prior<TAB>source<TAB>category\n")
    buf.write("# built by tools/build_phrasebook.py; see docs/data-sources.md (PPS tortured phrases: CC BY 4.0, "
              "Cabanac, Labbe & Magazinov)\n")
    for spun, orig, prior, source, cat in rows:
        buf.write(f"{spun}\t{orig}\t{prior:.2f}\t{source}\t{cat}\n")
    data = buf.getvalue().encode("utf-8")
    OUT.parent.mkdir(parents=True, exist_ok=True)
    with open(OUT, "wb") as fh:  # mtime=0 and no filename: byte-identical rebuilds
        with gzip.GzipFile(filename="", mode="wb", fileobj=fh, mtime=0, compresslevel=9) as gz:
            gz.write(data)
    cats: dict[str, int] = {}
    for r in rows:
        cats[f"{r[3]}/{r[4]}"] = cats.get(f"{r[3]}/{r[4]}", 0) + 1
    print(f"wrote {OUT.relative_to(ROOT)}: {len(rows)} rows, {OUT.stat().st_size} bytes")
    print("tortured:", stats)
    for k in sorted(cats):
        print(f"  {k}: {cats[k]}")


if __name__ == "__main__":
    main()
