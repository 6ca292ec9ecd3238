"""Build src/textmend/data/inflect.tsv.gz: lemma vocabulary + irregular inflections.

Sources (build time only):
  * WordNet 3.0 (Debian `wordnet-base`, WordNet licence): lemma vocabulary and POS.
  * lemminflect 0.2.3 (PyPI, MIT; its lookup tables come from the NIH SPECIALIST
    Lexicon): the correct inflected forms, and POS of lemmas WordNet lacks.

Output: one line per lemma ``word<TAB>flags`` (n, v, a/A, r/R: see
textmend.resources.inflect), then ``#exceptions`` and one line per (lemma, tag) whose
lemminflect form differs from textmend's regular rules: ``lemma<TAB>tag<TAB>form[/alt]``.
The runtime module applies the same rules, so runtime output equals lemminflect's for
every shipped lemma while the file stays small. Deterministic: sorted, gzip mtime 0.

Usage: python tools/build_inflection.py
"""
from __future__ import annotations

import gzip
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))
sys.path.insert(0, str(ROOT / "src"))

from _sources import debian_package  # noqa: E402
from _wordnet import read_wordnet  # noqa: E402

OUT = ROOT / "src" / "textmend" / "data" / "inflect.tsv.gz"
WORD = re.compile(r"^[a-z][a-z'-]*[a-z]$|^[a-z]$")
UPOS = {"n": "NOUN", "v": "VERB", "a": "ADJ", "r": "ADV"}
TAGS = {"n": ("NNS",), "v": ("VBP", "VBZ", "VBD", "VBN", "VBG"),
        "a": ("JJR", "JJS"), "r": ("RBR", "RBS")}


def lemminflect_lemmas() -> dict[str, set[str]]:
    """Lowercase lemmas in lemminflect's lookup table -> WordNet-style POS letters."""
    import lemminflect
    res = Path(lemminflect.__file__).parent / "resources" / "infl_lu.csv.gz"
    out: dict[str, set[str]] = {}
    conv = {"noun": "n", "verb": "v", "aux": "v", "adj": "a", "adv": "r"}
    with gzip.open(res, "rt", encoding="utf-8") as fh:
        for line in fh:
            lemma, upos = line.split(",", 2)[:2]
            if lemma.islower() and WORD.match(lemma) and upos in conv:
                out.setdefault(lemma, set()).add(conv[upos])
    return out


def _oov(w: str, p: str) -> dict[str, tuple[str, ...]]:
    """lemminflect's rule/model inflections for a lemma outside its lookup table."""
    import lemminflect
    d = dict(lemminflect.getAllInflectionsOOV(w, UPOS[p]))
    if "VBD" in d and "VBN" not in d:
        d["VBN"] = d["VBD"]
    return d


def build() -> tuple[dict[str, str], dict[tuple[str, str], tuple[str, ...]]]:
    import lemminflect
    from textmend.resources.inflect import regular

    wn = read_wordnet(debian_package("wordnet-base"))
    li = lemminflect_lemmas()
    # lemmas WordNet only has capitalised (WA, Washington) are names, not vocabulary
    lower_seen = {lem for ss in wn.synsets.values() for lem in ss.lemmas if lem.islower()}
    pos: dict[str, set[str]] = {}
    for w, d in wn.senses.items():
        if WORD.match(w) and w in lower_seen:
            pos.setdefault(w, set()).update(d)
    for w, ps in li.items():
        pos.setdefault(w, set()).update(ps)

    flags: dict[str, str] = {}
    exc: dict[tuple[str, str], tuple[str, ...]] = {}
    for w in sorted(pos):
        allinf = dict(lemminflect.getAllInflections(w))
        known = bool(allinf)
        if "VBD" in allinf and "VBN" not in allinf:
            allinf["VBN"] = allinf["VBD"]  # lemminflect omits VBN when it equals VBD
        fl = ""
        for p in "nvar":
            if p not in pos[w]:
                continue
            if p in "ar":
                comp = "JJR" if p == "a" else "RBR"
                if known:
                    graded = comp in allinf
                else:
                    graded = False
                fl += p.upper() if graded else p
            else:
                fl += p
        flags[w] = fl
        for p in "nvar":
            if p not in pos[w]:
                continue
            letter = p.upper() if p.upper() in fl else p
            for tag in TAGS[p]:
                forms = allinf.get(tag)
                if not forms and (not known or p not in li.get(w, ())):
                    # POS only from WordNet: let lemminflect's OOV rules decide
                    forms = _oov(w, p).get(tag)
                if not forms:
                    continue
                forms = tuple(f.lower() for f in forms)
                if tag == "NNS" and len(forms) > 1:
                    forms = tuple(f for f in forms if f != w) or forms
                if tag.startswith(("JJ", "RB")) and letter.islower():
                    continue  # periphrastic: more/most, no form to store
                if w == "be" and tag == "VBP":
                    forms = ("are", "am")  # plural/2nd person is the usual reading
                if tag == "VBP" and forms == (w,):
                    continue
                rule = regular(w, tag, letter)
                if forms != (rule,):
                    exc[(w, tag)] = forms
    return flags, exc


def main() -> None:
    flags, exc = build()
    lines = ["#vocab lemma<TAB>flags; sources: WordNet 3.0, lemminflect 0.2.3"]
    lines += [f"{w}\t{f}" for w, f in sorted(flags.items())]
    lines.append("#exceptions")
    lines += [f"{l}\t{t}\t{'/'.join(fs)}" for (l, t), fs in sorted(exc.items())]
    raw = ("\n".join(lines) + "\n").encode("utf-8")
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_bytes(gzip.compress(raw, compresslevel=9, mtime=0))
    print(f"{OUT.relative_to(ROOT)}: {len(flags)} lemmas, {len(exc)} exceptions, "
          f"{len(raw)} bytes raw, {OUT.stat().st_size} bytes gz")


if __name__ == "__main__":
    main()
