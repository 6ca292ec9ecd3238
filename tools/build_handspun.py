"""Build gold-annotated hand-spun news corpora from (original, spun) paragraph pairs.

    python tools/build_handspun.py

Reads corpora/handspun/news-<set>.pairs.jsonl ({"id", "original", "spun"}; paragraphs
the project wrote and then spun by hand in the style of the news-scraper spinner of the
seed document) and writes news-<set>.gold.jsonl with the spun text and the reference
scorer's markup `[[spun|original]]`. It also writes two lightly spun variants of the
article sets (news-articles-light and news-articles-heldout-light): each spun run is kept
with probability 0.2 and otherwise put back to its original (seeded, so deterministic),
as a spinner set to change few words would leave a page. Spans come from a token alignment (the scorer's own
tokenizer, case-insensitive; a run replaced word for word is marked word by word); a pure
insertion or deletion takes one neighbouring token along, because markup cannot be empty.
Deterministic.
"""
from __future__ import annotations

import difflib
import json
import random
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from benchmarks.score import TOKEN  # noqa: E402  (the reference scorer's own tokenizer)

HERE = ROOT / "corpora" / "handspun"


def _spans(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in TOKEN.finditer(text)]


def gold_markup(original: str, spun: str) -> str:
    """The spun text with every changed token run marked `[[spun|original]]`."""
    st, ot = _spans(spun), _spans(original)
    a = [spun[i:j].lower() for i, j in st]
    b = [original[i:j].lower() for i, j in ot]
    ops = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if tag == "replace" and i2 - i1 == j2 - j1:
            # Word for word ("employee within" / "worker in"): one span per word, as an
            # annotator would mark them, so fixing one is not scored as a wrong repair.
            ops += [(tag, i1 + k, i1 + k + 1, j1 + k, j1 + k + 1) for k in range(i2 - i1)
                    if a[i1 + k] != b[j1 + k]]
        elif tag != "equal":
            ops.append((tag, i1, i2, j1, j2))
    merged: list[list[int]] = []  # [i1, i2, j1, j2, widened]
    for _tag, i1, i2, j1, j2 in ops:
        widened = i1 == i2 or j1 == j2
        if widened:  # take a neighbouring token along so neither side is empty
            # (the preceding one, unless it is punctuation and a following one exists:
            # "“Now we" for "“We" is marked "“[[Now we|We]]", so the space stays right)
            after = i2 < len(a) and j2 < len(b)
            if i1 > 0 and j1 > 0 and not (after and not a[i1 - 1][:1].isalnum()):
                i1, j1 = i1 - 1, j1 - 1
            else:
                i2, j2 = i2 + 1, j2 + 1
        # Overlapping spans merge; so do touching ones when either was widened.
        if merged and (i1 < merged[-1][1] or (i1 == merged[-1][1] and (widened or merged[-1][4]))):
            last = merged[-1]
            last[1], last[3], last[4] = max(last[1], i2), max(last[3], j2), last[4] or widened
        else:
            merged.append([i1, i2, j1, j2, widened])
    out, pos = [], 0
    for i1, i2, j1, j2, _widened in merged:
        s0, s1 = st[i1][0], st[i2 - 1][1]
        out.append(spun[pos:s0])
        out.append(f"[[{spun[s0:s1]}|{original[ot[j1][0]:ot[j2 - 1][1]]}]]")
        pos = s1
    out.append(spun[pos:])
    return "".join(out)


#: Light variants: (name, source sets, share of spun runs kept, seed).
LIGHT = (
    ("articles-light", ("articles", "articles-2", "articles-3", "articles-4", "articles-5",
                        "articles-6", "articles-7"), 0.2, 5),
    ("articles-heldout-light", ("articles-heldout", "articles-heldout-2", "articles-heldout-3",
                                "articles-heldout-4", "articles-heldout-5", "articles-heldout-6"),
     0.2, 5),
)
#: Words, punctuation and the whitespace between them (joined, they give the text back).
_PIECES = re.compile(r"\s+|\w+|[^\w\s]")


def lighten(original: str, spun: str, keep: float, rnd: random.Random) -> str:
    """The spun text with each changed run kept with probability ``keep``, otherwise put
    back to the original's words (whitespace and unchanged text as they are)."""
    a, b = _PIECES.findall(original), _PIECES.findall(spun)
    out: list[str] = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        out.extend(a[i1:i2] if tag != "equal" and rnd.random() >= keep else b[j1:j2])
    return "".join(out)


def _pairs(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _write_gold(dest: Path, rows: list[dict]) -> None:
    with dest.open("w", encoding="utf-8") as fh:
        for r in rows:
            fh.write(json.dumps({"id": r["id"], "domain": "news", "text": r["spun"],
                                 "gold": gold_markup(r["original"], r["spun"])},
                                ensure_ascii=False) + "\n")
    print(f"{dest.relative_to(ROOT)}: {len(rows)} documents")


def main() -> int:
    for src in sorted(HERE.glob("news-*.pairs.jsonl")):
        _write_gold(src.with_name(src.name.replace(".pairs.", ".gold.")), _pairs(src))
    for name, sets, keep, seed in LIGHT:
        rnd = random.Random(seed)
        rows = [{"id": r["id"] + "-light", "original": r["original"],
                 "spun": lighten(r["original"], r["spun"], keep, rnd)}
                for s in sets for r in _pairs(HERE / f"news-{s}.pairs.jsonl")]
        _write_gold(HERE / f"news-{name}.gold.jsonl", rows)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
