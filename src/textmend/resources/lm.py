"""Word trigram language model (CMU Sphinx US English LM) for judging wording in context.

The model answers "which wording is more natural here?": log10 P("said" | "the white
house") is far above log10 P("mentioned" | "the white house"). Values are the CMU
Sphinx en-us generic model's own (Katz/ARPA backoff, 16-bit quantised by Sphinx);
tools/build_lm.py converts its binary trie into ``data/lm.bin`` without changing them.

``lm.bin`` layout (all little-endian): magic ``TMLM\\x01\\n``, uint32 header length,
a JSON header, then each array listed in the header as a zlib stream (or raw bytes
when ``zlib`` is false: near-random 16-bit codes do not compress). Arrays marked
``planes`` are byte-plane-shuffled (all low bytes, then the next bytes, ...), which
compresses sorted ids far better; undoing it is a few slice assignments. Bigrams
are CSR-grouped by history word, trigram contexts by their first word and trigrams
by context, so a lookup is a ``bisect`` over a short id range.
"""
from __future__ import annotations

import array
import json
import re
import struct
import sys
import unicodedata
import zlib
from bisect import bisect_left
from functools import lru_cache
from pathlib import Path
from typing import Container, Iterable, Sequence

from ..lexicon import US_SUFFIX_SPELLINGS
from ._cache import once

__all__ = ["NgramModel", "load", "normalize", "normalize_uncached", "lm_words", "DATA_PATH"]

DATA_PATH = Path(__file__).resolve().parent.parent / "data" / "lm.bin"
MAGIC = b"TMLM\x01\n"
BOS, EOS = "<s>", "</s>"
_CACHE_MAX = 1 << 18  # entries in the logprob memo before it is cleared
_SEEN_MAX = 1 << 17   # entries in the stored-n-gram memo before it is cleared


def _remember(cache: dict, key, value, cap: int = _CACHE_MAX):
    """Store a computed value in a bounded memo (cleared in place when full)."""
    if len(cache) >= cap:
        cache.clear()
    cache[key] = value
    return value


class NgramModel:
    """Backoff trigram model over a fixed lowercase vocabulary (see :func:`normalize`).

    ``logprob`` follows ARPA/Katz backoff exactly as Sphinx/KenLM score it: the
    longest stored n-gram ending in ``word`` wins, plus the backoff weights of the
    history n-grams that were skipped. An unknown history word cuts the history
    there (nothing before it is used), as in Sphinx and KenLM.
    """

    __slots__ = ("_ids", "_words", "_up", "_ub", "_big", "_ctx", "_tri", "_bp",
                 "_cbo", "_tp", "_tab_bp", "_tab_bbo", "_tab_tp", "_cache", "_seen",
                 "_bicache", "_bos", "oov_logprob", "header")

    def __init__(self, header: dict, arrays: dict[str, array.array]) -> None:
        words = bytes(arrays["vocab"]).decode("utf-8").split("\n")
        if len(words) != header["counts"][0]:
            raise ValueError(f"lm.bin is corrupt: {len(words)} words, header says {header['counts'][0]}")
        self.header = header
        # Tuples, not lists: tuples of strings/floats drop out of the cyclic GC after
        # its first look, so full collections never walk these ~400k entries again.
        self._words = tuple(words)
        self._ids = {w: i for i, w in enumerate(words)}
        self._bos = self._ids.get(BOS, -1)
        self._up = tuple(arrays["uni_prob"].tolist())
        self._ub = tuple(arrays["uni_bo"].tolist())
        # CSR triples (offsets, low 16 bits of sorted ids, per-group count of ids >= 2**16)
        self._big = (arrays["big_off"], arrays["big_w"], arrays["big_hi"])
        self._ctx = (arrays["ctx_off"], arrays["ctx_h1"], arrays["ctx_hi"])
        self._tri = (arrays["tri_off"], arrays["tri_w"], arrays["tri_hi"])
        self._bp = arrays["big_p"]
        self._cbo = arrays["ctx_bo"]
        self._tp = arrays["tri_p"]
        self._tab_bp = tuple(arrays["tab_big_p"].tolist())
        self._tab_bbo = tuple(arrays["tab_big_bo"].tolist())
        self._tab_tp = tuple(arrays["tab_tri_p"].tolist())
        self._cache: dict[tuple[str, str, str], float] = {}
        self._seen: dict[int, bool] = {}  # stored-n-gram tests by packed word ids
        # bigram logprobs by packed word ids: int keys allocate no tuple, and a dict of
        # ints and floats stays out of the cyclic GC however large it grows
        self._bicache: dict[int, float] = {}
        self.oov_logprob: float = float(header["oov_logprob"])

    # -- public API -------------------------------------------------------
    @property
    def vocab_size(self) -> int:
        """Number of vocabulary entries (including ``<s>`` and ``</s>``)."""
        return len(self._words)

    @property
    def order(self) -> int:
        return 3

    def known(self, word: str) -> bool:
        """True if ``word`` (already normalised) is in the model's vocabulary."""
        return word in self._ids

    def logprob(self, word: str, context: tuple[str, ...] = ()) -> float:
        """log10 P(word | last <= 2 words of ``context``); unknown word -> ``oov_logprob``.

        ``<s>`` with no context scores 0.0 (a sentence start is given, not predicted);
        elsewhere it gets the model's own -99.
        """
        n = len(context)
        key = (context[-2] if n > 1 else "", context[-1] if n else "", word)
        v = self._cache.get(key)
        if v is None:
            v = _remember(self._cache, key, self._compute(*key))
        return v

    def unigram_logprob(self, word: str) -> float:
        """``logprob(word)`` for the hot path (no context tuple to build or inspect)."""
        key = ("", "", word)
        v = self._cache.get(key)
        if v is None:
            v = _remember(self._cache, key, self._compute("", "", word))
        return v

    def bigram_logprob(self, h1: str, word: str) -> float:
        """``logprob(word, (h1,))`` for the hot path (no context tuple to build or inspect)."""
        key = ("", h1, word)
        v = self._cache.get(key)
        if v is None:
            v = _remember(self._cache, key, self._compute("", h1, word))
        return v

    def bigram_logprob_id(self, i1: int, w: int) -> float:
        """`bigram_logprob` for two known words given by `word_id` (memoised by packed
        ids: hot loops over text never met before mostly miss, and a miss then costs
        no key tuple)."""
        key = i1 * len(self._words) + w
        v = self._bicache.get(key)
        if v is None:
            v = _remember(self._bicache, key, self._bigram_ids(i1, w))
        return v

    def score(self, words: Sequence[str], start: int = 0) -> float:
        """Sum of logprob(words[i] | words[i-2:i]) for i >= ``start``.

        Words before ``start`` only serve as context, so a caller can compare two
        candidate spans with the same left context (e.g. ``["<s>", "the", ...]``).
        """
        cache = self._cache
        compute = self._compute
        total = 0.0
        start = max(start, 0)
        h2 = words[start - 2] if start >= 2 else ""
        h1 = words[start - 1] if start >= 1 else ""
        for i in range(start, len(words)):
            w = words[i]
            key = (h2, h1, w)
            v = cache.get(key)
            if v is None:
                v = _remember(cache, key, compute(h2, h1, w))
            total += v
            h2, h1 = h1, w
        return total

    def has_bigram(self, h1: str, word: str) -> bool:
        """True if the model stores the bigram "h1 word" (not merely a backed-off estimate).

        A familiar bigram on the page is ordinary English; an unseen one is where
        a spinner's odd collocation ("irregular woodland") shows.
        """
        ids = self._ids
        w, i1 = ids.get(word), ids.get(h1)
        if w is None or i1 is None:
            return False
        return self._find(self._big, i1, w) >= 0

    def has_trigram(self, h2: str, h1: str, word: str) -> bool:
        """True if the model stores the trigram "h2 h1 word"."""
        ids = self._ids
        w, i1, i2 = ids.get(word), ids.get(h1), ids.get(h2)
        if w is None or i1 is None or i2 is None:
            return False
        c = self._find(self._ctx, i2, i1)
        return c >= 0 and self._find(self._tri, c, w) >= 0

    def word_id(self, word: str) -> int | None:
        """Vocabulary id of ``word`` (already normalised), or None if unknown."""
        return self._ids.get(word)

    def has_bigram_id(self, i1: int, w: int) -> bool:
        """`has_bigram` for words given by `word_id` (memoised: page bigrams repeat)."""
        key = i1 * len(self._words) + w
        hit = self._seen.get(key)
        if hit is None:
            hit = self._find(self._big, i1, w) >= 0
            _remember(self._seen, key, hit, _SEEN_MAX)
        return hit

    def has_trigram_id(self, i2: int, i1: int, w: int) -> bool:
        """`has_trigram` for words given by `word_id` (memoised)."""
        v = len(self._words)
        key = -1 - ((i2 * v + i1) * v + w)  # negative: never collides with a bigram key
        hit = self._seen.get(key)
        if hit is None:
            c = self._find(self._ctx, i2, i1)
            hit = c >= 0 and self._find(self._tri, c, w) >= 0
            _remember(self._seen, key, hit, _SEEN_MAX)
        return hit

    @staticmethod
    def _find(csr: tuple, group: int, key: int) -> int:
        """Index of ``key`` in CSR group ``group``, or -1.

        Each CSR triple is (group offsets, low 16 bits of the sorted ids, per group the
        count of ids >= 2**16, which sort last): only the part of the group that can
        hold the id is bisected.
        """
        off, low, nhi = csr
        lo, end = off[group], off[group + 1]
        if lo == end:
            return -1
        if key < 0x10000:
            end -= nhi[group]
        else:
            lo = end - nhi[group]
            key -= 0x10000
        k = bisect_left(low, key, lo, end)
        return k if k < end and low[k] == key else -1

    def words(self) -> list[str]:
        """The vocabulary in id order (a copy)."""
        return list(self._words)

    # -- internals ----------------------------------------------------------
    def _bigram_ids(self, i1: int, w: int) -> float:
        """``_compute("", h1, word)`` for known words, by id, with the bigram search inlined.

        Text never met before misses the memo on nearly every bigram (the thesaurus
        pre-filter asks two per option), so this path is worth a specialised copy.
        """
        off, low, nhi = self._big
        lo, end = off[i1], off[i1 + 1]
        if lo != end:
            if w < 0x10000:
                key = w
                end -= nhi[i1]
            else:
                key = w - 0x10000
                lo = end - nhi[i1]
            k = bisect_left(low, key, lo, end)
            if k < end and low[k] == key:
                return self._tab_bp[self._bp[k]] + 0.0  # + bo2, as in _compute
        return self._up[w] + self._ub[i1] + 0.0

    def _compute(self, h2: str, h1: str, word: str) -> float:
        """Uncached backoff lookup ("" = no context word).

        The longest stored n-gram wins: trigram "h2 h1 w", else bigram "h1 w" plus the
        backoff of context "h2 h1", else unigram plus both backoffs. Only cache misses
        get here (``logprob``/``score`` memoise), so clarity beats inlining.
        """
        ids = self._ids
        w = ids.get(word)
        if w is None:
            return self.oov_logprob
        i1 = ids.get(h1) if h1 else None
        if i1 is None:
            return 0.0 if w == self._bos and not h1 else self._up[w]
        bo2 = 0.0
        i2 = ids.get(h2) if h2 else None
        if i2 is not None:
            c = self._find(self._ctx, i2, i1)           # context bigram "h2 h1"
            if c >= 0:
                k = self._find(self._tri, c, w)         # trigram "h2 h1 w"
                if k >= 0:
                    return self._tab_tp[self._tp[k]]
                bo2 = self._tab_bbo[self._cbo[c]]
        b = self._find(self._big, i1, w)                # bigram "h1 w"
        if b >= 0:
            return self._tab_bp[self._bp[b]] + bo2
        return self._up[w] + self._ub[i1] + bo2


# -- artefact reading -------------------------------------------------------

def read_artefact(path: Path = DATA_PATH) -> tuple[dict, dict[str, array.array]]:
    """Parse lm.bin into its JSON header and typed arrays (see module docstring)."""
    try:
        blob = path.read_bytes()
    except FileNotFoundError:
        raise FileNotFoundError(f"language model data missing: {path} (run tools/build_lm.py)") from None
    if not blob.startswith(MAGIC):
        raise ValueError(f"{path} is not a textmend LM file (bad magic)")
    pos = len(MAGIC)
    (hlen,) = struct.unpack_from("<I", blob, pos)
    pos += 4
    header = json.loads(blob[pos:pos + hlen].decode("utf-8"))
    pos += hlen
    arrays: dict[str, array.array] = {}
    for sec in header["sections"]:
        raw = blob[pos:pos + sec["zlen"]]
        if sec.get("zlib", True):
            raw = zlib.decompress(raw)
        pos += sec["zlen"]
        code = sec["type"]
        arr = array.array(code)
        k = arr.itemsize
        if len(raw) != k * sec["count"]:
            raise ValueError(f"{path}: section {sec['name']} has {len(raw)} bytes, expected {k * sec['count']}")
        if sec.get("planes") and k > 1:
            n = sec["count"]
            buf = bytearray(len(raw))
            for b in range(k):
                buf[b::k] = raw[b * n:(b + 1) * n]
            raw = buf
        arr.frombytes(raw)
        if sys.byteorder == "big" and k > 1:
            arr.byteswap()
        arrays[sec["name"]] = arr
    return header, arrays


@once
def load() -> NgramModel:
    """Load the shipped trigram model (once per process, thread-safe)."""
    header, arrays = read_artefact(DATA_PATH)
    return NgramModel(header, arrays)


# -- normalisation --------------------------------------------------------------

_APOS = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u2032": "'",
                       "`": "'", "\u00b4": "'"})
_EDGE_RE = re.compile(r"^[^\w']+|[^\w']+$")
_ACRONYM_RE = re.compile(r"(?:[a-z]\.){1,}[a-z]\.?")
_NUM_RE = re.compile(r"([$£€]?)(\d+(?:[.,:]\d+)*)(st|nd|rd|th|s|'s|%)?")
_SPLIT_RE = re.compile(r"[-/\u2010\u2011\u2012\u2013\u2014]+")

_ONES = ("zero one two three four five six seven eight nine ten eleven twelve thirteen "
         "fourteen fifteen sixteen seventeen eighteen nineteen").split()
_TENS = {2: "twenty", 3: "thirty", 4: "forty", 5: "fifty", 6: "sixty", 7: "seventy",
         8: "eighty", 9: "ninety"}
_ORDINAL = {"one": "first", "two": "second", "three": "third", "five": "fifth",
            "eight": "eighth", "nine": "ninth", "twelve": "twelfth"}
_CURRENCY = {"$": "dollars", "£": "pounds", "€": "euros"}
_SYMBOLS = {"%": "percent", "&": "and"}


def _last_number_word(digits: str) -> str:
    """Last word a reader would say for a numeral ("126" -> "six", "1990" -> "ninety").

    The LM was trained on spoken-style text with numbers written out, so the last
    spoken word is what best predicts the following word ("126 trillion" ~ "six
    trillion", "30 percent" ~ "thirty percent").
    """
    if ":" in digits:                       # clock time 12:30 -> "thirty"
        digits = digits.rsplit(":", 1)[1]
    if "." in digits:                       # decimal 3.5 -> "three point five"; also a
        return _ONES[int(digits[-1])]       # race time 27:55.67 -> "seven"
    n = int(digits.replace(",", "") or "0")
    r = n % 100
    if n == 0:
        return "zero"
    if r:
        if r < 20:
            return _ONES[r]
        return _TENS[r // 10] if r % 10 == 0 else _ONES[r % 10]
    for unit, name in ((1000, "hundred"), (10**6, "thousand"), (10**9, "million"),
                       (10**12, "billion")):
        if n % unit:
            return name
    return "trillion"


def _number_form(t: str) -> str | None:
    m = _NUM_RE.fullmatch(t)
    if not m:
        return None
    cur, digits, suffix = m.groups()
    if suffix == "%":
        return "percent"
    if cur:
        return _CURRENCY[cur]
    word = _last_number_word(digits)
    if suffix in ("st", "nd", "rd", "th"):
        if word in _ORDINAL:
            return _ORDINAL[word]
        return word[:-1] + "ieth" if word.endswith("y") else word + "th"
    if suffix == "s":                       # 1990s -> "nineties"
        return word[:-1] + "ies" if word.endswith("y") else word + "s"
    return word


def _normalize_with(token: str, vocab: Container[str]) -> str:
    """Map a surface token onto ``vocab`` (the single normalisation used by build and runtime).

    Rules, first hit wins: exact vocabulary entry (so ``<s>``, ``</s>`` and every LM
    word map to themselves); NFKC + lowercase + straight apostrophes; "%"/"&" become
    "percent"/"and"; numerals become their last spoken word, since the LM saw numbers
    written out ("1990s" -> "nineties", "5%" -> "percent", "$5" -> "dollars");
    surrounding punctuation and quotes are peeled; dotted acronyms lose their dots
    ("U.S." -> "us", which the LM prefers over "u. s."); accents are dropped if that
    makes a known word; an unknown hyphen/slash compound maps to its last part (its
    head, which also best predicts what follows). Otherwise the cleaned lowercase
    form is returned (unknown to the model). Idempotent.
    """
    if token in vocab:
        return token
    t = unicodedata.normalize("NFKC", token).translate(_APOS).lower().strip()
    if t in vocab:
        return t
    if t in _SYMBOLS:
        return _SYMBOLS[t]
    num = _number_form(t.strip("\"'()[]{}.,;:!?"))  # keeps "$" and "%"
    if num is not None:
        return num
    core = _EDGE_RE.sub("", t)
    if core in vocab:
        return core
    bare = core
    while True:                             # peel quotes and punctuation alternately
        peeled = _EDGE_RE.sub("", bare.strip("'"))
        if peeled == bare:
            break
        bare = peeled
    if not bare:
        return t
    if bare in vocab:
        return bare
    if _ACRONYM_RE.fullmatch(bare):
        return bare.replace(".", "")
    num = _number_form(bare)
    if num is not None:
        return num
    plain = "".join(c for c in unicodedata.normalize("NFKD", bare) if not unicodedata.combining(c))
    if plain in vocab:
        return plain
    if _SPLIT_RE.search(bare):
        parts = [p for p in _SPLIT_RE.split(bare) if p]
        if parts:
            return _normalize_with(parts[-1], vocab)
    for us in _american(bare):
        if us in vocab:
            return us
    return bare


# British spellings the (American) model knows in its own spelling: "realise" is a
# common word, not an unknown one (lexicon.US_SUFFIX_SPELLINGS).


def _american(word: str) -> list[str]:
    """American spellings of a (possibly) British word, most specific first."""
    out = []
    for pattern, repl in US_SUFFIX_SPELLINGS:
        us = pattern.sub(repl, word, count=1)
        if us != word:
            out.append(us)
    return out


@lru_cache(maxsize=1 << 16)
def normalize(token: str) -> str:
    """Surface token -> LM vocabulary form (lowercase etc.; see ``_normalize_with``).

    Needs the vocabulary, so the first call loads the model.
    """
    return _normalize_with(token, load()._ids)


def normalize_uncached(token: str) -> str:
    """`normalize` without its LRU cache, for callers that memoise words themselves
    (the engine): a second cache only adds bookkeeping, and its entries are objects
    the cyclic GC walks on every full collection."""
    return _normalize_with(token, load()._ids)


def _join_acronyms(tokens: Iterable[str]) -> list[str]:
    """Re-join "U", ".", "S", "." (a tokenizer's split of "U.S.") into "U.S."."""
    toks = list(tokens)
    out: list[str] = []
    i = 0
    while i < len(toks):
        j = i
        while j + 1 < len(toks) and len(toks[j]) == 1 and toks[j].isalpha() and toks[j + 1] == ".":
            j += 2
        if j - i >= 4:                      # at least two letter+dot pairs
            out.append("".join(toks[i:j]))
            i = j
        else:
            out.append(toks[i])
            i += 1
    return out


def lm_words(tokens: Iterable[str]) -> list[str]:
    """Normalise a token sequence for scoring, fixing tokenisation mismatches.

    Drops pure punctuation, re-joins dotted acronyms ("U" "." "S" "." -> "us") and
    clitics a tokenizer split off when the joined form is an LM word ("do" + "n't"
    -> "don't"), and scores an unknown hyphenated compound as its known parts.
    """
    ids = load()._ids
    out: list[str] = []
    for tok in _join_acronyms(tokens):
        if tok in (BOS, EOS):
            out.append(tok)
            continue
        light = _EDGE_RE.sub("", unicodedata.normalize("NFKC", tok).translate(_APOS).lower())
        if light not in ids and _SPLIT_RE.search(light):
            parts = [p for p in _SPLIT_RE.split(light) if p]
            if len(parts) > 1:
                out.extend(normalize(p) for p in parts)
                continue
        n = normalize(tok)
        if n not in ids and not any(c.isalnum() for c in n):
            continue
        if out and (n[:1] == "'" or n == "n't") and out[-1] + n in ids:
            out[-1] += n
            continue
        out.append(n)
    return out
