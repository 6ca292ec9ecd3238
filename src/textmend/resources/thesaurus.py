"""Inverse thesaurus: for a word seen on the page, the originals a spinner could have replaced.

A spinner turns an original o into one of o's listed synonyms s ("said" -> "mentioned"),
so restoring asks the inverse question: which o list s as a synonym? Each original comes
with a prior in (0, 1] from source agreement (Moby and WordNet), list dilution and
WordNet sense rank; it says how plausible the substitution o -> s is, *not* how common o
is, so callers should combine it with word frequency (wordfreq) at run time.

Data: ``data/thesaurus.bin`` built by ``tools/build_thesaurus.py`` from the Moby
Thesaurus II (public domain) and WordNet 3.0 (WordNet licence). Rows are decoded lazily
per lookup (binary CSR rows, bisect over the sorted vocabulary), so loading is two zlib
inflates and one split; the forward links are inflated on the first neighbours() call.
"""
from __future__ import annotations

import sys
import threading
import zlib
from array import array
from bisect import bisect_left
from pathlib import Path

from textmend.resources._cache import once

DATA = Path(__file__).resolve().parent.parent / "data" / "thesaurus.bin"
_Q = 32  # priors are stored as q / _Q, q in 1.._Q


def _offsets(block: bytes, n: int) -> tuple[array, memoryview]:
    """Split a CSR block into its uint32 offsets (n+1) and its row data."""
    offs = array("I")
    offs.frombytes(block[: 4 * (n + 1)])
    if sys.byteorder == "big":
        offs.byteswap()
    return offs, memoryview(block)[4 * (n + 1):]


def _row(offs: array, data: memoryview, i: int, priors: bool) -> list[tuple[int, int]]:
    """Decode row i: ascending ids with their prior bytes (0 when ``priors`` is False).

    A row is a varint count, that many varint id gaps, then (with priors) one byte per id.
    """
    pos, end = offs[i], offs[i + 1]
    if pos == end:
        return []
    raw = bytes(data[pos:end])  # iterating bytes is much faster than indexing a memoryview
    vals: list[int] = []
    append = vals.append
    acc = shift = 0
    count = -1
    prev = 0
    used = 0
    for b in raw:
        used += 1
        if b & 0x80:
            acc |= (b & 0x7F) << shift
            shift += 7
            continue
        acc |= b << shift
        if count < 0:
            count = acc
            if count == 0:
                break
        else:
            prev += acc
            append(prev)
            if len(vals) == count:
                break
        acc = shift = 0
    if priors:
        return list(zip(vals, raw[used:used + count]))
    return [(v, 0) for v in vals]


class Thesaurus:
    """Spun form -> originals with priors; symmetric synonym neighbourhood.

    Forms are lowercase lemmas or space-joined lowercase phrases as the sources list
    them (mostly base forms: look up the lemma of an inflected word, then re-inflect
    with textmend.resources.inflect).
    """

    def __init__(self, vocab: list[str], inverse: bytes, forward_z: bytes, max_phrase_len: int):
        self._vocab = vocab
        self._inv = _offsets(inverse, len(vocab))
        self._forward_z = forward_z
        self._fwd: tuple[array, memoryview] | None = None
        self.max_phrase_len: int = max_phrase_len
        self._orig_cache: dict[str, tuple[tuple[str, float], ...]] = {}
        self._nb_cache: dict[str, frozenset[str]] = {}
        self._ext_cache: dict[str, bool] = {}
        self._lock = threading.Lock()

    def _id(self, form: str) -> int | None:
        vocab = self._vocab
        i = bisect_left(vocab, form)
        return i if i < len(vocab) and vocab[i] == form else None

    def has_form(self, form: str) -> bool:
        """True if some original lists ``form`` as a synonym (it can be spun output)."""
        i = self._id(form)
        offs = self._inv[0]
        return i is not None and offs[i] != offs[i + 1]

    def extends(self, prefix: str) -> bool:
        """True if some listed form starts with the words of ``prefix`` and goes on.

        Lets a caller stop growing a page phrase as soon as no longer form can match.
        """
        hit = self._ext_cache.get(prefix)
        if hit is None:
            vocab = self._vocab
            head = prefix + " "
            i = bisect_left(vocab, head)
            hit = i < len(vocab) and vocab[i].startswith(head)
            if len(self._ext_cache) > 100_000:
                self._ext_cache.clear()
            self._ext_cache[prefix] = hit
        return hit

    def originals(self, form: str) -> tuple[tuple[str, float], ...]:
        """Originals for a spun form, best prior first; () if the form is unknown."""
        hit = self._orig_cache.get(form)
        if hit is not None:
            return hit
        i = self._id(form)
        res: tuple[tuple[str, float], ...] = ()
        if i is not None:
            vocab = self._vocab
            pairs = [(vocab[j], q / _Q) for j, q in _row(*self._inv, i, True)]
            pairs.sort(key=lambda p: (-p[1], p[0]))
            res = tuple(pairs)
        with self._lock:
            self._orig_cache[form] = res
        return res

    def neighbours(self, word: str) -> frozenset[str]:
        """Every word linked to ``word`` in either direction (synonym of it, or it of them)."""
        hit = self._nb_cache.get(word)
        if hit is not None:
            return hit
        out = {o for o, _ in self.originals(word)}
        i = self._id(word)
        if i is not None:
            if self._fwd is None:
                with self._lock:
                    if self._fwd is None:
                        self._fwd = _offsets(zlib.decompress(self._forward_z), len(self._vocab))
            vocab = self._vocab
            out.update(vocab[j] for j, _ in _row(*self._fwd, i, False))
        out.discard(word)
        res = frozenset(out)
        with self._lock:
            self._nb_cache[word] = res
        return res

    def are_synonyms(self, a: str, b: str) -> bool:
        """Symmetric test: does any source list b as a synonym of a, or a of b?"""
        if a == b:
            return True
        # neighbours() is cached and holds both directions: O(1) after the first call.
        return b in self.neighbours(a)


@once
def load() -> Thesaurus:
    """Read the shipped inverse thesaurus (lazily, once per process)."""
    if not DATA.exists():
        raise FileNotFoundError(f"textmend thesaurus data missing: {DATA}; "
                                "rebuild with tools/build_thesaurus.py")
    blob = DATA.read_bytes()
    nl = blob.find(b"\n")
    if not blob.startswith(b"textmend-thesaurus 2 ") or nl < 0:
        raise ValueError(f"{DATA}: not a textmend thesaurus v2 file")
    head = dict(f.split("=", 1) for f in blob[:nl].decode("ascii").split()[2:])
    sizes = [int(x) for x in head["blocks"].split(",")]
    n = int(head["n"])
    p0 = nl + 1
    p1, p2 = p0 + sizes[0], p0 + sizes[0] + sizes[1]
    vocab = zlib.decompress(blob[p0:p1]).decode("utf-8").split("\n")
    if len(vocab) != n or p2 + sizes[2] != len(blob):
        raise ValueError(f"{DATA}: corrupt file (vocabulary or block sizes do not match)")
    inverse = zlib.decompress(blob[p1:p2])
    return Thesaurus(vocab, inverse, blob[p2:], int(head["max_phrase_len"]))
