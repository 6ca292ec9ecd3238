"""Inverse thesaurus: for a word seen on the page, the originals a spinner could have replaced.

A spinner turns an original o into one of o's listed synonyms s ("said" -> "mentioned"),
so restoring asks the inverse question: which o list s as a synonym? Each original comes
with a prior in (0, 1] from source agreement (Moby and WordNet), list dilution and
WordNet sense rank; it says how plausible the substitution o -> s is, *not* how common o
is, so callers should combine it with word frequency (wordfreq) at run time.

Data: ``data/thesaurus.bin`` built by ``tools/build_thesaurus.py`` from the Moby
Thesaurus II (public domain) and WordNet 3.0 (WordNet licence). Rows are fixed-width
uint32 id arrays (CSR, bisect over the sorted vocabulary), so a lookup is a C-speed
slice and a synonym test two bytes searches of at most 50 ids, with no per-entry
decoding in Python; the forward links are read on the first neighbours() call.
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
_PRIOR = tuple(q / _Q for q in range(256))  # the same floats as q / _Q, without dividing
_CACHE_MAX = 100_000
_NB_CACHE_MAX = 4096  # neighbour sets of common words hold hundreds of strings each


def _uint32(raw: bytes) -> array:
    """Little-endian uint32 bytes as an array('I')."""
    arr = array("I")
    arr.frombytes(raw)
    if sys.byteorder == "big":
        arr.byteswap()
    return arr


def _id_bytes(lo: bytes | memoryview, hi_z: bytes | memoryview, n: int) -> bytearray:
    """Reassemble n ids < 2**24 from their byte-0/byte-1 planes and zlib'd byte-2 plane,
    as native-order uint32 bytes.

    Strided slice assignment interleaves the planes in C (~10 ms for 1.8 M ids).
    """
    buf = bytearray(4 * n)
    buf[0::4] = lo[:n]
    buf[1::4] = lo[n:]
    buf[2::4] = zlib.decompress(hi_z)
    if sys.byteorder == "big":
        buf = bytearray(_uint32(buf).tobytes())
    return buf


def _ids(lo: bytes | memoryview, hi_z: bytes | memoryview, n: int) -> array:
    """`_id_bytes` as an array('I')."""
    arr = array("I")
    arr.frombytes(_id_bytes(lo, hi_z, n))
    return arr


def _blocks(blob: bytes, start: int, sizes: list[int]) -> list[memoryview]:
    """Consecutive blocks of ``blob`` as zero-copy views."""
    view = memoryview(blob)
    out = []
    for size in sizes:
        out.append(view[start:start + size])
        start += size
    return out


class Thesaurus:
    """Spun form -> originals with priors; symmetric synonym neighbourhood.

    Forms are lowercase lemmas or space-joined lowercase phrases as the sources list
    them (mostly base forms: look up the lemma of an inflected word, then re-inflect
    with textmend.resources.inflect).
    """

    def __init__(self, vocab: tuple[str, ...], inv_offsets: array, inv_ids: bytearray, priors: bytes,
                 forward: tuple[bytes, bytes, bytes, int], max_phrase_len: int):
        self._vocab = vocab
        self._off = inv_offsets
        # native uint32 bytes: sliced as ids through the memoryview, searched with find()
        self._orig_raw = inv_ids
        self._orig = memoryview(inv_ids).cast("I")
        self._prior = priors
        self._forward_blocks: tuple[bytes, bytes, bytes, int] | None = forward
        self._fwd: tuple[array, array] | None = None
        self.max_phrase_len: int = max_phrase_len
        self._orig_cache: dict[str, tuple[tuple[str, float], ...]] = {}
        self._nb_cache: dict[str, frozenset[str]] = {}
        self._ext_cache: dict[str, bool] = {}
        self._ids: dict[str, int | None] = {}
        self._lock = threading.Lock()

    def _id(self, form: str) -> int | None:
        """Vocabulary id of ``form`` or None; memoised (a bisect compares ~17 strings)."""
        ids = self._ids
        i = ids.get(form, -1)
        if i == -1:
            vocab = self._vocab
            i = bisect_left(vocab, form)
            if i >= len(vocab) or vocab[i] != form:
                i = None
            if len(ids) > _CACHE_MAX:
                ids.clear()
            ids[form] = i
        return i

    def has_form(self, form: str) -> bool:
        """True if some original lists ``form`` as a synonym (it can be spun output)."""
        i = self._id(form)
        off = self._off
        return i is not None and off[i] != off[i + 1]

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
            if len(self._ext_cache) > _CACHE_MAX:
                self._ext_cache.clear()
            self._ext_cache[prefix] = hit
        return hit

    def originals(self, form: str, limit: int | None = None) -> tuple[tuple[str, float], ...]:
        """Originals for a spun form, best prior first; () if the form is unknown.

        ``limit`` keeps only the best ``limit``: callers that want a few skip building
        pairs for the whole row (up to 50 strings scattered over the vocabulary).
        """
        hit = self._orig_cache.get(form)
        if hit is not None:
            return hit if limit is None else hit[:limit]
        i = self._id(form)
        res: tuple[tuple[str, float], ...] = ()
        if i is not None:
            a, b = self._off[i], self._off[i + 1]
            if limit is not None and b - a > limit:
                b = a + limit
                # rows are stored best prior first, ties in string order
                return tuple(zip(map(self._vocab.__getitem__, self._orig[a:b]),
                                 map(_PRIOR.__getitem__, self._prior[a:b])))
            res = tuple(zip(map(self._vocab.__getitem__, self._orig[a:b]),
                            map(_PRIOR.__getitem__, self._prior[a:b])))
        with self._lock:
            if len(self._orig_cache) > _CACHE_MAX:
                self._orig_cache.clear()
            self._orig_cache[form] = res
        return res

    def _forward(self) -> tuple[array, array]:
        fwd = self._fwd
        if fwd is None:
            with self._lock:
                fwd = self._fwd
                if fwd is None:
                    off_z, lo, hi_z, n = self._forward_blocks
                    fwd = self._fwd = (_uint32(zlib.decompress(off_z)), _ids(lo, hi_z, n))
                    self._forward_blocks = None
        return fwd

    def neighbours(self, word: str) -> frozenset[str]:
        """Every word linked to ``word`` in either direction (synonym of it, or it of them)."""
        hit = self._nb_cache.get(word)
        if hit is not None:
            return hit
        res: frozenset[str] = frozenset()
        i = self._id(word)
        if i is not None:
            get = self._vocab.__getitem__
            off, ids = self._forward()
            out = set(map(get, self._orig[self._off[i]:self._off[i + 1]]))
            out.update(map(get, ids[off[i]:off[i + 1]]))
            out.discard(word)
            res = frozenset(out)
        with self._lock:
            if len(self._nb_cache) > _NB_CACHE_MAX:
                self._nb_cache.clear()
            self._nb_cache[word] = res
        return res

    def are_synonyms(self, a: str, b: str) -> bool:
        """Symmetric test: does any source list b as a synonym of a, or a of b?

        Equivalent to ``b in neighbours(a)`` but scans only the two short inverse rows
        (at most 50 ids each), never the long forward rows of common words.
        """
        if a == b:
            return True
        ids = self._ids  # the _id memo, read inline: this is the hot path
        i = ids.get(a, -1)
        if i == -1:
            i = self._id(a)
        if i is None:
            return False
        j = ids.get(b, -1)
        if j == -1:
            j = self._id(b)
        if j is None:
            return False
        off = self._off
        return self._in_row(j, off[i], off[i + 1]) or self._in_row(i, off[j], off[j + 1])

    def _in_row(self, k: int, a: int, b: int) -> bool:
        """Is id k among entries a..b? A C-speed bytes search (no int per entry), with
        hits at offsets that are not id boundaries skipped."""
        raw, pat, b = self._orig_raw, k.to_bytes(4, sys.byteorder), 4 * b
        at = raw.find(pat, 4 * a, b)
        while at > 0 and at & 3:  # (at == -1: not found)
            at = raw.find(pat, at + 1, b)
        return at >= 0


@once
def load() -> Thesaurus:
    """Read the shipped inverse thesaurus (lazily, once per process)."""
    if not DATA.exists():
        raise FileNotFoundError(f"textmend thesaurus data missing: {DATA}; "
                                "rebuild with tools/build_thesaurus.py")
    blob = DATA.read_bytes()
    nl = blob.find(b"\n")
    if not blob.startswith(b"textmend-thesaurus 3 ") or nl < 0:
        raise ValueError(f"{DATA}: not a textmend thesaurus v3 file; "
                         "rebuild with tools/build_thesaurus.py")
    head = dict(f.split("=", 1) for f in blob[:nl].decode("ascii").split()[2:])
    sizes = [int(x) for x in head["blocks"].split(",")]
    n, n_inv, n_fwd = int(head["n"]), int(head["inverse"]), int(head["forward"])
    if len(sizes) != 8 or nl + 1 + sum(sizes) != len(blob):
        raise ValueError(f"{DATA}: corrupt file (block sizes do not match)")
    voc_z, off_z, lo, hi_z, pri_z, fwd_off_z, fwd_lo, fwd_hi_z = _blocks(blob, nl + 1, sizes)
    # a tuple of strings drops out of the cyclic GC: full collections skip its 152k entries
    vocab = tuple(zlib.decompress(voc_z).decode("utf-8").split("\n"))
    offsets = _uint32(zlib.decompress(off_z))
    priors = zlib.decompress(pri_z)
    if (len(vocab) != n or len(offsets) != n + 1 or offsets[-1] != n_inv
            or len(lo) != 2 * n_inv or len(priors) != n_inv or len(fwd_lo) != 2 * n_fwd):
        raise ValueError(f"{DATA}: corrupt file (vocabulary or row sizes do not match)")
    return Thesaurus(vocab, offsets, _id_bytes(lo, hi_z, n_inv), priors,
                     # copies, so the file's bytes are not held until the first neighbours()
                     (bytes(fwd_off_z), bytes(fwd_lo), bytes(fwd_hi_z), n_fwd),
                     int(head["max_phrase_len"]))
