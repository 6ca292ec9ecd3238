"""Build src/textmend/data/spelling.tsv.gz: American <-> British spellings of one word.

Restorations are written from American-spelled tables ("Heart for" -> "Center for",
"protection" -> "defense"); on a page spelt the British way the original was "Centre",
"defence". The runtime (`textmend.resources.spelling`) uses these pairs to write a
repair in the page's own spelling.

Source (build time only): SCOWL word lists by Kevin Atkinson, as Debian bookworm packages
`wamerican` and `wbritish` (size 50 lists, /usr/share/dict/american-english and
british-english). Licence: permissive (SCOWL copyright notice; component lists public
domain or under permissive notices, see the packages' copyright files; no GPL part).

A pair is (a, b) with ``a`` only in the American list, ``b`` in the British list, and
``b`` turned into ``a`` by one of the regular rewrites below (-our/-or, -ise/-ize,
-yse/-yze, -tre/-ter, -ence/-ense, -ll-/-l-, -ogue/-og, ae/e, oe/e, -eing/-ing,
-ement/-ment, programme/program). Requiring the American word to be American-only keeps
pairs of two real words out ("four"/"for", "filled"/"filed": both in both lists). The
third column is ``b`` when the British form is British-only (the American list lacks
it: "centre", not "travelled" or "theatre", which American spelling also accepts).
Possessives and capitalised words are skipped. Deterministic: sorted, gzip mtime 0.

Usage: python tools/build_spelling.py
"""
from __future__ import annotations

import gzip
import io
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))
sys.path.insert(0, str(ROOT / "src"))

from _sources import debian_package  # noqa: E402
from textmend.lexicon import _MORE_SPELLINGS, US_SUFFIX_SPELLINGS  # noqa: E402

OUT = ROOT / "src" / "textmend" / "data" / "spelling.tsv.gz"
PACKAGES = {"wamerican": "american-english", "wbritish": "british-english"}

#: British -> American rewrites beyond the language model's own (`US_SUFFIX_SPELLINGS`,
#: `_MORE_SPELLINGS` in textmend.lexicon), each tried on its own: more -our/-is endings, and
#: the rewrites too loose for unknown words (l/ll, -eing, -ement).
EXTRA_RULES = tuple((re.compile(a), b) for a, b in (
    (r"our(ably|fully|less|ist|ists|ism)$", r"or\1"),
    (r"isable$", r"izable"),
    (r"ys(er|ers)$", r"yz\1"),
    (r"tred$", r"tered"),
    (r"ll(ation|ations)$", r"l\1"),
    (r"l(ment|ments|s)$", r"ll\1"),  # enrolment -> enrollment, fulfils -> fulfills
    (r"l$", r"ll"),  # fulfil -> fulfill
    (r"eing$", r"ing"),  # ageing -> aging
    (r"ement(s)?$", r"ment\1"),  # judgement -> judgment
))
RULES = US_SUFFIX_SPELLINGS + EXTRA_RULES + _MORE_SPELLINGS
WORD = re.compile(r"^[a-z]+$")


def read_list(pkg: str) -> set[str]:
    root = debian_package(pkg)
    copyright_text = (root / "usr" / "share" / "doc" / pkg / "copyright").read_text(
        encoding="utf-8", errors="replace")
    if "Kevin Atkinson" not in copyright_text or "GNU General Public" in copyright_text:
        sys.exit(f"{pkg}: copyright file changed; check the licence before rebuilding")
    path = root / "usr" / "share" / "dict" / PACKAGES[pkg]
    return {w for w in path.read_text(encoding="utf-8").split() if WORD.match(w)}


def pairs(american: set[str], british: set[str]) -> list[tuple[str, str, str]]:
    """(American, British, "b" if the British form is British-only) pairs one rewrite apart."""
    us_only = american - british
    found: dict[str, str] = {}
    for uk in sorted(british):
        for pattern, repl in RULES:
            us = pattern.sub(repl, uk, count=1)
            if us != uk and us in us_only:
                found.setdefault(us, uk)  # first rule wins; one British form per word
                break
    return sorted((us, uk, "" if uk in american else "b") for us, uk in found.items())


def main() -> None:
    american, british = read_list("wamerican"), read_list("wbritish")
    rows = pairs(american, british)
    buf = io.BytesIO()
    with gzip.GzipFile(fileobj=buf, mode="wb", mtime=0) as gz:
        text = ("# american<TAB>british<TAB>b if British-only"
                " (SCOWL via Debian wamerican/wbritish; tools/build_spelling.py)\n")
        text += "".join(f"{a}\t{b}\t{flag}\n" for a, b, flag in rows)
        gz.write(text.encode("utf-8"))
    OUT.write_bytes(buf.getvalue())
    print(f"{OUT.relative_to(ROOT)}: {len(rows)} pairs, {OUT.stat().st_size} bytes")


if __name__ == "__main__":
    main()
