#!/usr/bin/env python3
"""Build src/textmend/data/lm.bin from the CMU Sphinx US English trigram LM.

Source: ``en-us.lm.bin`` from Debian's ``pocketsphinx-en-us`` (the same file ships
in the PyPI wheel pocketsphinx==5.1.1); BSD-2-style CMU Sphinx licence.

The file is Sphinx's binary trie (``ngram_model_trie.c``/``lm_trie.c``/
``lm_trie_quant.c``), read here by an independent pure-Python reader:

* ``"Trie Language Model"``, uint8 order, uint32 counts[order];
* int32 (former quantiser type), then float32 bin tables: for each middle order a
  65536-entry prob table and a 65536-entry backoff table, then one 65536-entry
  table for the highest order; values are in Sphinx logmath units (base 1.0001);
* (counts[0] + 1) unigram records {float32 prob, float32 backoff, uint32 next};
* bit-packed middle (bigram) records {word:17, backoff code:16, prob code:16,
  next:21} and longest (trigram) records {word:17, prob code:16}, little-endian
  bit arrays; the trie is *reversed* (KenLM style): a unigram's range lists the
  history words h1 of bigrams "h1 w", a bigram's range the h2 of trigrams "h2 h1 w";
* int32 byte count, then the NUL-terminated vocabulary in id order.

We export forward n-grams with Sphinx's exact 16-bit codes and code tables (so the
shipped values equal what pocketsphinx computes), sorted for bisect lookup. Run:

    python tools/build_lm.py            # writes src/textmend/data/lm.bin
    python tools/build_lm.py --check    # also cross-checks against pocketsphinx if installed
"""
from __future__ import annotations

import argparse
import array
import hashlib
import json
import math
import struct
import sys
import zlib
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))
sys.path.insert(0, str(ROOT / "src"))

from _sources import debian_package  # noqa: E402
from textmend.resources.lm import MAGIC, _normalize_with  # noqa: E402

DEB = "pocketsphinx-en-us"
LM_REL = "usr/share/pocketsphinx/model/en-us/en-us.lm.bin"
COPYRIGHT_REL = "usr/share/doc/pocketsphinx-en-us/copyright"
SHA256 = "db21d0642286677699e6dbc859d2e5395570222361999387ce60f6e1d01995d6"
OUT = ROOT / "src" / "textmend" / "data" / "lm.bin"
HDR = b"Trie Language Model"
NBINS = 1 << 16
# Sphinx stores log values in base 1.0001: log10(x) = value * ln(1.0001) / ln(10).
TO_LOG10 = math.log(1.0001) / math.log(10)
ATTRIBUTION = ("CMU Sphinx US English generic language model (en-us.lm.bin), "
               "Copyright 1995-2014 Carnegie Mellon University, 2014-2015 Alpha Cephei Inc.; "
               "BSD-2-Clause-style licence, see docs/data-sources.md")


def required_bits(max_value: int) -> int:
    """Bits needed for values 0..max_value (Sphinx bitarr_required_bits)."""
    return max_value.bit_length()


@dataclass
class SphinxTrie:
    """Raw contents of a Sphinx trie LM (order 3), values in log10."""

    words: list[str]
    uni_prob: list[float]
    uni_bo: list[float]
    uni_next: list[int]          # len V+1: bigram-node ranges per predicted word
    tab_big_p: list[float]       # code tables (log10)
    tab_big_bo: list[float]
    tab_tri_p: list[float]
    mid_word: list[int]          # per bigram node: history word h1
    mid_bo: list[int]            # backoff code
    mid_p: list[int]             # prob code
    mid_next: list[int]          # len n+1: trigram-node ranges
    long_word: list[int]         # per trigram node: history word h2
    long_p: list[int]            # prob code


def read_sphinx_trie(path: Path) -> SphinxTrie:
    """Parse a Sphinx binary trie LM of order 3 (layout in the module docstring)."""
    data = path.read_bytes()
    if not data.startswith(HDR):
        sys.exit(f"{path}: not a Sphinx trie LM (header {data[:19]!r})")
    pos = len(HDR)
    order = data[pos]
    pos += 1
    if order != 3:
        sys.exit(f"{path}: order {order}, this reader handles trigram models only")
    counts = struct.unpack_from("<3I", data, pos)
    pos += 12
    pos += 4  # former quantisation type (always 1)
    tables = []
    for _ in range(3):  # middle prob, middle backoff, longest prob
        tables.append([v * TO_LOG10 for v in struct.unpack_from(f"<{NBINS}f", data, pos)])
        pos += 4 * NBINS
    n_uni = counts[0]
    uni = list(struct.iter_unpack("<ffI", data[pos:pos + 12 * (n_uni + 1)]))
    pos += 12 * (n_uni + 1)

    word_bits = required_bits(n_uni)
    next_bits = required_bits(counts[2])
    mid_bits = word_bits + 32 + next_bits
    long_bits = word_bits + 16
    # (1 + entries) records, rounded up to bytes, + 8 bytes of read slack (lm_trie.c base_size)
    mid_size = ((1 + counts[1]) * mid_bits + 7) // 8 + 8
    long_size = ((1 + counts[2]) * long_bits + 7) // 8 + 8
    mid = data[pos:pos + mid_size]
    pos += mid_size
    lon = data[pos:pos + long_size]
    pos += long_size
    (nchars,) = struct.unpack_from("<i", data, pos)
    pos += 4
    words = data[pos:pos + nchars].decode("utf-8").split("\0")
    pos += nchars
    if words[-1] != "" or len(words) - 1 != n_uni or pos != len(data):
        sys.exit(f"{path}: vocabulary block inconsistent ({len(words) - 1} words, {len(data) - pos} trailing bytes)")
    words.pop()

    # Bigram nodes actually used: the unigram sentinel's next pointer (Sphinx may
    # allocate a few spare records at the end).
    n_big = uni[n_uni][2]
    q = struct.Struct("<Q").unpack_from
    wmask, nmask = (1 << word_bits) - 1, (1 << next_bits) - 1
    mid_word = [0] * n_big
    mid_bo = [0] * n_big
    mid_p = [0] * n_big
    mid_next = [0] * (n_big + 1)
    for j in range(n_big + 1):
        off = j * mid_bits
        v = q(mid, off >> 3)[0] >> (off & 7)
        if j < n_big:
            mid_word[j] = v & wmask
            codes = (v >> word_bits) & 0xFFFFFFFF
            mid_bo[j] = codes & 0xFFFF          # backoff in the low 16 bits
            mid_p[j] = codes >> 16              # prob above it (lm_trie_quant_mpread)
        off += word_bits + 32
        mid_next[j] = (q(mid, off >> 3)[0] >> (off & 7)) & nmask
    n_tri = mid_next[n_big]
    long_word = [0] * n_tri
    long_p = [0] * n_tri
    for j in range(n_tri):
        off = j * long_bits
        v = q(lon, off >> 3)[0] >> (off & 7)
        long_word[j] = v & wmask
        long_p[j] = (v >> word_bits) & 0xFFFF
    return SphinxTrie(
        words=words,
        uni_prob=[u[0] * TO_LOG10 for u in uni[:n_uni]],
        uni_bo=[u[1] * TO_LOG10 for u in uni[:n_uni]],
        uni_next=[u[2] for u in uni],
        tab_big_p=tables[0], tab_big_bo=tables[1], tab_tri_p=tables[2],
        mid_word=mid_word, mid_bo=mid_bo, mid_p=mid_p, mid_next=mid_next,
        long_word=long_word, long_p=long_p,
    )


def trie_logprob(t: SphinxTrie, wid: int, hist: list[int]) -> float:
    """Reference scorer on the raw reversed trie (hist = [h1, h2], most recent first).

    Mirrors lm_trie.c (lm_trie_hist_score/update_backoff); used only to check the
    exported arrays give the same answers.
    """
    from bisect import bisect_left

    def mid_find(word: int, h: int) -> int:
        lo, hi = t.uni_next[word], t.uni_next[word + 1]
        j = bisect_left(t.mid_word, h, lo, hi)
        return j if j < hi and t.mid_word[j] == h else -1

    p = t.uni_prob[wid]
    if not hist:
        return p
    h1 = hist[0]
    bo = [t.uni_bo[h1], 0.0]
    if len(hist) > 1:
        jh = mid_find(h1, hist[1])
        if jh >= 0:
            bo[1] = t.tab_big_bo[t.mid_bo[jh]]
    j = mid_find(wid, h1)
    if j < 0:
        return p + bo[0] + (bo[1] if len(hist) > 1 else 0.0)
    p = t.tab_big_p[t.mid_p[j]]
    if len(hist) == 1:
        return p
    lo, hi = t.mid_next[j], t.mid_next[j + 1]
    k = bisect_left(t.long_word, hist[1], lo, hi)
    if k < hi and t.long_word[k] == hist[1]:
        return t.tab_tri_p[t.long_p[k]]
    return p + bo[1]


def _csr(groups: int, rows: list[tuple[int, int]]) -> tuple[array.array, array.array, array.array]:
    """CSR over (group, id) rows sorted by (group, id).

    Returns group offsets (groups + 1), the ids' low 16 bits ('H', half the bytes of
    'I') and per group the number of ids >= 65536, which sort last in their group;
    the lookup bisects the low or high part accordingly (vocabulary ids < 2**17).
    """
    off = array.array("I", [0] * (groups + 1))
    hi = array.array("H", [0] * groups)
    for g, w in rows:
        off[g + 1] += 1
        if w >> 16:
            hi[g] += 1
    for i in range(groups):
        off[i + 1] += off[i]
    low = array.array("H", [w & 0xFFFF for _, w in rows])
    return off, low, hi


def export_arrays(t: SphinxTrie, prune_eps: float) -> tuple[dict[str, array.array], dict]:
    """Turn the reversed trie into forward CSR arrays (lookup in textmend/resources/lm.py).

    * bigrams "h1 w": grouped by h1, probability code per entry;
    * contexts "h2 h1" (bigrams that have trigram extensions): grouped by h2, with
      the bigram's backoff code. Every other bigram's backoff is exactly 0 in this
      model (checked below), so no backoff is stored for them;
    * trigrams "h2 h1 w": grouped by context, probability code per entry.
    """
    V = len(t.words)
    if max(len(t.words), 1) >= 1 << 17:
        sys.exit("vocabulary too large for 17-bit ids")
    big = []  # (h1, w, trie node)
    for w in range(V):
        for j in range(t.uni_next[w], t.uni_next[w + 1]):
            big.append((t.mid_word[j], w, j))
    big.sort()
    node_of = {(h, w): j for h, w, j in big}
    tri = []  # (h2, h1, w, prob code)
    ctx_all = set()  # every bigram with trigram extensions keeps its backoff, pruned or not
    pruned = 0
    for h1, w, j in big:
        for k in range(t.mid_next[j], t.mid_next[j + 1]):
            h2 = t.long_word[k]
            jc = node_of.get((h2, h1))
            if jc is None:
                sys.exit(f"trigram context {t.words[h2]} {t.words[h1]} has no bigram entry")
            ctx_all.add((h2, h1))
            if prune_eps > 0:
                backed = t.tab_big_p[t.mid_p[j]] + t.tab_big_bo[t.mid_bo[jc]]
                if abs(t.tab_tri_p[t.long_p[k]] - backed) < prune_eps:
                    pruned += 1
                    continue
            tri.append((h2, h1, w, t.long_p[k]))
    tri.sort()
    ctx_keys = sorted(ctx_all)
    ctx_set = set(ctx_keys)
    nonzero = [(h, w) for h, w, j in big if (h, w) not in ctx_set and t.tab_big_bo[t.mid_bo[j]] != 0.0]
    if nonzero:
        sys.exit(f"{len(nonzero)} bigrams without trigram extensions have a non-zero backoff "
                 f"(e.g. {[t.words[i] for i in nonzero[0]]}): format assumption broken")
    ctx_index = {c: i for i, c in enumerate(ctx_keys)}
    big_off, big_w, big_hi = _csr(V, [(h, w) for h, w, _ in big])
    ctx_off, ctx_h1, ctx_hi = _csr(V, ctx_keys)
    tri_off, tri_w, tri_hi = _csr(len(ctx_keys), [(ctx_index[(h2, h1)], w) for h2, h1, w, _ in tri])
    arrays = {
        "vocab": array.array("B", "\n".join(t.words).encode("utf-8")),
        "uni_prob": array.array("f", t.uni_prob),
        "uni_bo": array.array("f", t.uni_bo),
        "big_off": big_off, "big_w": big_w, "big_hi": big_hi,
        "big_p": array.array("H", [t.mid_p[j] for _, _, j in big]),
        "ctx_off": ctx_off, "ctx_h1": ctx_h1, "ctx_hi": ctx_hi,
        "ctx_bo": array.array("H", [t.mid_bo[node_of[c]] for c in ctx_keys]),
        "tri_off": tri_off, "tri_w": tri_w, "tri_hi": tri_hi,
        "tri_p": array.array("H", [c for _, _, _, c in tri]),
        "tab_big_p": array.array("f", t.tab_big_p),
        "tab_big_bo": array.array("f", t.tab_big_bo),
        "tab_tri_p": array.array("f", t.tab_tri_p),
    }
    stats = {"bigrams": len(big), "contexts": len(ctx_keys), "trigrams": len(tri), "trigrams_pruned": pruned}
    return arrays, stats


# Sorted id arrays compress far better byte-plane-shuffled; the 16-bit codes are
# near-uniform (Sphinx bins are equal-population) so zlib cannot shrink them and
# they are stored raw, which also saves load time.
PLANED = {"big_off", "big_w", "ctx_off", "ctx_h1", "tri_off", "tri_w"}
RAW = {"big_p", "tri_p"}


def write_artefact(path: Path, arrays: dict[str, array.array], header: dict) -> None:
    """Write the lm.bin container: magic, JSON header, zlib'd (byte-planed) arrays."""
    sections, blobs = [], []
    for name, arr in arrays.items():
        if sys.byteorder == "big" and arr.itemsize > 1:
            arr = array.array(arr.typecode, arr)
            arr.byteswap()
        raw = arr.tobytes()
        planes = name in PLANED and arr.itemsize > 1
        if planes:
            k = arr.itemsize
            raw = b"".join(raw[b::k] for b in range(k))
        z = raw if name in RAW else zlib.compress(raw, 9)
        sections.append({"name": name, "type": arr.typecode, "count": len(arr),
                         "planes": planes, "zlib": name not in RAW, "zlen": len(z)})
        blobs.append(z)
    header = dict(header, sections=sections)
    hbytes = json.dumps(header, sort_keys=True, separators=(",", ":")).encode("utf-8")
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".tmp")
    with tmp.open("wb") as f:
        f.write(MAGIC)
        f.write(struct.pack("<I", len(hbytes)))
        f.write(hbytes)
        for z in blobs:
            f.write(z)
    tmp.replace(path)


def sample_queries(t: SphinxTrie, n: int, seed: int = 7) -> list[tuple[int, list[int]]]:
    """Deterministic mix of stored and backed-off (w, [h1, h2]) queries."""
    import random

    rng = random.Random(seed)
    V = len(t.words)
    common = list(range(V))
    common.sort(key=lambda i: -t.uni_prob[i])
    common = common[:300]
    out = []
    for _ in range(n):
        k = rng.choice((1, 2, 3))
        ids = [rng.choice(common) if rng.random() < 0.7 else rng.randrange(V) for _ in range(k)]
        out.append((ids[0], ids[1:]))
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--prune-eps", type=float, default=0.0,
                    help="drop trigrams whose log10 prob is within this of the backed-off estimate (default: keep all)")
    ap.add_argument("--check", action="store_true",
                    help="cross-check 20k lookups against the pocketsphinx package (if installed)")
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args()

    src_dir = debian_package(DEB)
    lm_path = src_dir / LM_REL
    digest = hashlib.sha256(lm_path.read_bytes()).hexdigest()
    if digest != SHA256:
        sys.exit(f"{lm_path}: sha256 {digest} != expected {SHA256}")
    copyright_text = (src_dir / COPYRIGHT_REL).read_text()
    if "License: BSD-2" not in copyright_text:
        sys.exit("Debian copyright file no longer says BSD-2: re-check the licence")
    deb_file = (src_dir / ".deb-file").read_text().strip()

    t = read_sphinx_trie(lm_path)
    print(f"read {len(t.words)} words, {len(t.mid_word)} bigram nodes, {len(t.long_word)} trigram nodes")
    vocab = set(t.words)
    bad = [w for w in t.words if _normalize_with(w, vocab) != w]
    if bad:
        sys.exit(f"normalisation is not the identity on the LM vocabulary: {bad[:10]}")

    arrays, stats = export_arrays(t, args.prune_eps)
    bos = t.words.index("<s>")
    oov = min(p for i, p in enumerate(t.uni_prob) if i != bos) - 1.0
    header = {
        "format": 1,
        "order": 3,
        "counts": [len(t.words), stats["bigrams"], stats["trigrams"]],
        "contexts": stats["contexts"],
        "trigrams_pruned": stats["trigrams_pruned"],
        "prune_eps": args.prune_eps,
        "oov_logprob": round(oov, 4),
        "source": f"{deb_file} {LM_REL} sha256:{SHA256}",
        "attribution": ATTRIBUTION,
    }
    write_artefact(args.out, arrays, header)
    print(f"wrote {args.out} ({args.out.stat().st_size / 1e6:.2f} MB): {stats}, oov_logprob={oov:.4f}")

    # Verify the artefact against the raw trie through the runtime loader.
    from textmend.resources.lm import NgramModel, read_artefact

    model = NgramModel(*read_artefact(args.out))
    worst = 0.0
    for wid, hist in sample_queries(t, 50000):
        if wid == bos and not hist:
            continue  # the runtime scores a bare sentence start as 0.0 by design
        ref = trie_logprob(t, wid, hist)
        ctx = tuple(t.words[h] for h in reversed(hist))
        got = model.logprob(t.words[wid], ctx)
        worst = max(worst, abs(ref - got))
    print(f"artefact vs raw trie, 50000 lookups: max |diff| = {worst:.2e}")
    if args.prune_eps == 0 and worst > 1e-5:
        sys.exit("artefact disagrees with the raw trie")

    if args.check:
        try:
            from pocketsphinx import NGramModel as PsModel
        except ImportError:
            print("pocketsphinx not installed; skipped cross-check")
            return
        ps = PsModel.readfile(str(lm_path))
        worst = 0.0
        for wid, hist in sample_queries(t, 20000, seed=11):
            if wid == bos and not hist:
                continue
            ref = ps.prob([t.words[wid]] + [t.words[h] for h in hist]) * TO_LOG10
            got = model.logprob(t.words[wid], tuple(t.words[h] for h in reversed(hist)))
            worst = max(worst, abs(ref - got))
        print(f"artefact vs pocketsphinx, 20000 lookups: max |diff| = {worst:.2e} (pocketsphinx truncates to int)")


if __name__ == "__main__":
    main()
