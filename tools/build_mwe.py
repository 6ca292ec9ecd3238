"""Build src/textmend/data/mwe.tsv.gz: WordNet 3.0 multiword lemmas.

Source: WordNet 3.0 (Debian `wordnet-base`, WordNet licence). Every synset lemma that
contains a space (WordNet writes "_"), with WordNet's own capitalisation, one per line,
sorted and de-duplicated. A line whose every content word is capitalised is a proper
name ("White House", "Secretary of State"); mixed ones ("Adam's apple") are common
phrases. The flag is computed at build time and written as a second column "P".

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


def main() -> None:
    wn = read_wordnet(debian_package("wordnet-base"))
    phrases = {lem for ss in wn.synsets.values() for lem in ss.lemmas if " " in lem}
    lines = [f"{p}\tP" if is_proper(p) else p for p in sorted(phrases)]
    raw = ("\n".join(lines) + "\n").encode("utf-8")
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_bytes(gzip.compress(raw, compresslevel=9, mtime=0))
    write_index(phrases)
    n_proper = sum(1 for l in lines if l.endswith("\tP"))
    n_lower = len({p.lower() for p in phrases})
    print(f"{OUT.relative_to(ROOT)}: {len(lines)} lines, {n_lower} distinct lowercase, "
          f"{n_proper} proper, {OUT.stat().st_size} bytes gz")


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
