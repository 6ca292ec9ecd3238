"""Build src/textmend/data/mwe.tsv.gz: WordNet 3.0 multiword lemmas + curated technical terms.

Source 1: WordNet 3.0 (Debian `wordnet-base`, WordNet licence). Every synset lemma that
contains a space (WordNet writes "_"), with WordNet's own capitalisation, one per line,
sorted and de-duplicated. A line whose every content word is capitalised is a proper
name ("White House", "Secretary of State"); mixed ones ("Adam's apple") are common
phrases. The flag is computed at build time and written as a second column "P".

Source 2: tools/mwe/terms.tsv, the project's own curated list of technical multiword terms
of modern science ("support vector machine", "heat transfer"), which WordNet lacks and
paper-mill spinners torture. Its terms whose lowercase form WordNet already has are
skipped; the rest follow the WordNet block (which stays byte-identical), sorted, never
flagged "P" (they are terms, not names for the gazetteer).

Usage: python tools/build_mwe.py
"""
from __future__ import annotations

import gzip
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))

from _sources import debian_package  # noqa: E402
from _wordnet import read_wordnet  # noqa: E402

TERMS = ROOT / "tools" / "mwe" / "terms.tsv"
OUT = ROOT / "src" / "textmend" / "data" / "mwe.tsv.gz"
INDEX = ROOT / "src" / "textmend" / "data" / "mwe-index.tsv.gz"
# lowercase words allowed inside a proper name ("Bay of Pigs", "Leonardo da Vinci")
FUNCTION = frozenset("a an and at de del della der des di du da el for in la le of on "
                     "the to upon van von y".split())


def is_proper(phrase: str) -> bool:
    """True when every word that starts with a letter is capitalised or a function word."""
    content = [w for w in phrase.split(" ") if w[:1].isalpha()]
    if not content or content[0][0].islower():
        return False
    return all(w[0].isupper() or w in FUNCTION for w in content)


def read_terms(path: Path = TERMS) -> list[str]:
    """The curated terms: non-comment lines of 2-4 space-separated words, in file order.

    Raises ValueError on a malformed line, so a typo fails the build instead of
    silently shipping a one-word or tab-carrying "term".
    """
    out: list[str] = []
    for n, line in enumerate(path.read_text(encoding="utf-8").split("\n"), 1):
        term = line.strip()
        if not term or term.startswith("#"):
            continue
        if "\t" in term or "  " in term or not 2 <= term.count(" ") + 1 <= 4:
            raise ValueError(f"{path.name}:{n}: a term is 2-4 single-space-separated words: {line!r}")
        out.append(term)
    return out


def curated(wordnet_lower: set[str], terms: list[str]) -> list[str]:
    """Curated terms WordNet lacks (compared in lower case), first spelling kept, sorted."""
    seen: dict[str, str] = {}
    for t in terms:
        low = t.lower()
        if low not in wordnet_lower and low not in seen:
            seen[low] = t
    return sorted(seen.values())


def main() -> None:
    wn = read_wordnet(debian_package("wordnet-base"))
    phrases = {lem for ss in wn.synsets.values() for lem in ss.lemmas if " " in lem}
    lines = [f"{p}\tP" if is_proper(p) else p for p in sorted(phrases)]
    extra = curated({p.lower() for p in phrases}, read_terms())
    raw = ("\n".join(lines + extra) + "\n").encode("utf-8")
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_bytes(gzip.compress(raw, compresslevel=9, mtime=0))
    write_index(phrases | set(extra))
    n_proper = sum(1 for l in lines if l.endswith("\tP"))
    n_lower = len({p.lower() for p in phrases})
    print(f"{OUT.relative_to(ROOT)}: {len(lines)} WordNet lines ({n_lower} distinct lowercase, "
          f"{n_proper} proper) + {len(extra)} curated terms, {OUT.stat().st_size} bytes gz")


def term_list(lower_phrases) -> list[str]:
    """The indexed terms: distinct lowercase phrases of 2-4 words, sorted.

    The runtime loader (textmend.resources.mwe) rebuilds the same list from mwe.tsv.gz
    with the same rule, so ids in the index refer to positions in it.
    """
    return sorted(p for p in set(lower_phrases) if 2 <= p.count(" ") + 1 <= 4)


def write_index(phrases) -> None:
    """Word -> ids of terms containing it, precomputed so the runtime loads it in milliseconds."""
    terms = term_list(p.lower() for p in phrases)
    post: dict[str, list[int]] = {}
    for i, t in enumerate(terms):
        for w in dict.fromkeys(t.split(" ")):
            post.setdefault(w, []).append(i)
    lines = [f"{w}\t{' '.join(map(str, ids))}" for w, ids in sorted(post.items())]
    INDEX.write_bytes(gzip.compress(("\n".join(lines) + "\n").encode("utf-8"), compresslevel=9, mtime=0))
    print(f"{INDEX.relative_to(ROOT)}: {len(terms)} terms, {len(lines)} words, {INDEX.stat().st_size} bytes gz")


if __name__ == "__main__":
    main()
