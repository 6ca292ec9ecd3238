"""WordNet multiword expressions ("martial law", "first lady", "fiscal year", "White House").

A spinner that swaps words one at a time breaks fixed phrases ("martial regulation",
"first girl"); knowing the phrase inventory lets the restorer prefer candidates that
rebuild a known expression. The proper-name subset also feeds the gazetteer.

Data: ``data/mwe.tsv.gz`` built by ``tools/build_mwe.py`` from WordNet 3.0 and the
project's curated technical terms (``tools/mwe/terms.tsv``: "support vector machine",
"mean squared error"), which WordNet lacks and paper-mill spinners torture.
"""
from __future__ import annotations

import gzip
import threading
from pathlib import Path

from textmend.resources._cache import once

DATA = Path(__file__).resolve().parent.parent / "data" / "mwe.tsv.gz"
INDEX = Path(__file__).resolve().parent.parent / "data" / "mwe-index.tsv.gz"


class MWEs:
    """Set of lowercase space-joined phrases plus the proper names in WordNet's case."""

    def __init__(self, lower: frozenset[str], proper: frozenset[str]):
        # A dict of str -> None tests membership like the set but, holding no
        # GC-tracked objects, is skipped by the cyclic GC's full collections.
        self._lower: dict[str, None] = dict.fromkeys(lower)
        self._proper = proper
        self._terms: tuple[str, ...] | None = None
        self._post: dict[str, str | tuple[tuple[str, ...], ...]] | None = None
        self._lock = threading.Lock()
        self.max_len: int = max((p.count(" ") + 1 for p in lower), default=0)

    def __contains__(self, phrase: object) -> bool:
        """Membership of a lowercase, single-space-joined phrase."""
        return isinstance(phrase, str) and phrase in self._lower

    def __len__(self) -> int:
        return len(self._lower)

    def __iter__(self):
        """Iterate the lowercase phrases in sorted order (deterministic index building)."""
        return iter(sorted(self._lower))

    def _index(self) -> tuple[tuple[str, ...], dict[str, str | tuple[tuple[str, ...], ...]]]:
        """The sorted 2-4-word terms and the word -> term posting lists, read on first use."""
        if self._post is None:
            with self._lock:
                if self._post is None:
                    self._terms = tuple(sorted(p for p in self._lower
                                               if 2 <= p.count(" ") + 1 <= 4))
                    raw = gzip.decompress(INDEX.read_bytes()).decode("utf-8")
                    post: dict[str, str | tuple[tuple[str, ...], ...]] = {}
                    for line in raw.split("\n"):
                        if line:
                            w, _, ids = line.partition("\t")
                            post[w] = ids
                    self._post = post
        return self._terms, self._post

    def terms_with(self, word: str) -> tuple[tuple[str, ...], ...]:
        """Lowercase terms of 2-4 words containing ``word``, as word tuples.

        Uses the prebuilt index (tools/build_mwe.py); posting lists are decoded on
        first use of each word, so loading costs milliseconds, not a full index build.
        """
        terms, post = self._index()
        hit = post.get(word)
        if hit is None:
            return ()
        if isinstance(hit, str):
            hit = tuple(tuple(terms[int(i)].split(" ")) for i in hit.split())
            post[word] = hit  # benign race: every thread decodes the same tuple
        return hit

    def proper(self) -> frozenset[str]:
        """Proper-name phrases with original capitalisation ("White House")."""
        return self._proper


@once
def load() -> MWEs:
    """Read the shipped phrase list (lazily, once per process)."""
    if not DATA.exists():
        raise FileNotFoundError(f"textmend MWE data missing: {DATA}; rebuild with tools/build_mwe.py")
    lines = gzip.decompress(DATA.read_bytes()).decode("utf-8").split("\n")
    lower = frozenset(l.partition("\t")[0].lower() for l in lines if l)
    proper = frozenset(l[:-2] for l in lines if l.endswith("\tP"))
    return MWEs(lower, proper)
