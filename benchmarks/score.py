# Copied verbatim from shared/tools/score.py (the project's reference scorer, "project's own"),
# so the benchmark scores exactly as the project is judged. Do not edit: re-copy if it changes.
#!/usr/bin/env python3
"""Score a repaired text against an annotated gold file.

Gold markup: [[spun|gold]] marks a span the spinner changed. gold may list
alternatives separated by '/', or be '?' when the original wording is not
known (such spans are neither rewarded nor penalised). Text outside markup is
taken as original wording: any change there is damage.

Usage: python score.py GOLD OUTPUT [-v]   -> prints JSON metrics (-v: every miss, wrong fix and damage)
"""
import difflib
import json
import re
import sys

MARK = re.compile(r"\[\[(.+?)\|(.+?)\]\]")
TOKEN = re.compile(r"\w+(?:[’'\-]\w+)*|[^\w\s]")


def toks(s):
    return TOKEN.findall(s)


def parse_gold(gold):
    """Return spun tokens and spans (start, end, alternatives|None)."""
    spun, spans, pos = [], [], 0
    for m in MARK.finditer(gold):
        spun += toks(gold[pos:m.start()])
        a = len(spun)
        spun += toks(m.group(1))
        alts = None if m.group(2) == "?" else [toks(x) for x in m.group(2).split("/")]
        spans.append((a, len(spun), alts))
        pos = m.end()
    spun += toks(gold[pos:])
    return spun, spans


def boundary_map(ops, n):
    """Map each spun-token boundary to the widest output range (lo, hi).

    A boundary inside a changed block snaps outward; an insertion at a
    boundary belongs to both sides of it.
    """
    lo, hi = [None] * (n + 1), [None] * (n + 1)

    def put(k, a, b):
        lo[k] = a if lo[k] is None else min(lo[k], a)
        hi[k] = b if hi[k] is None else max(hi[k], b)

    for tag, i1, i2, j1, j2 in ops:
        if tag == "equal":
            for k in range(i1, i2 + 1):
                put(k, j1 + k - i1, j1 + k - i1)
        elif i1 == i2:
            put(i1, j1, j2)
        else:
            put(i1, j1, j1)
            for k in range(i1 + 1, i2):
                put(k, j1, j2)
            put(i2, j2, j2)
    return lo, hi


def groups_of(spans):
    """Merge spans that touch (no original token between them)."""
    groups = []
    for s in spans:
        if groups and groups[-1][-1][1] == s[0]:
            groups[-1].append(s)
        else:
            groups.append([s])
    return groups


def decompose(members, spun, seg):
    """Best split of seg over members: each is restored, kept, or ('?') free."""
    low = lambda xs: [x.lower() for x in xs]
    seg = low(seg)
    best = {0: (0, [])}  # output position -> (restored count, labels)
    for a, b, alts in members:
        nxt = {}
        for j, (n, labels) in best.items():
            opts = [(low(spun[a:b]), "missed", 0)]
            if alts is None:
                opts += [(seg[j:k], "free", 0) for k in range(j, len(seg) + 1)]
            else:
                opts += [(low(x), "restored", 1) for x in alts]
            for toks_, label, gain in opts:
                k = j + len(toks_)
                if seg[j:k] == toks_ and (k not in nxt or nxt[k][0] < n + gain):
                    nxt[k] = (n + gain, labels + [label])
        best = nxt
    return best.get(len(seg), (None, None))[1]


def score(gold_text, output_text):
    spun, spans = parse_gold(gold_text)
    out = toks(output_text)
    low = lambda xs: [x.lower() for x in xs]
    sm = difflib.SequenceMatcher(None, low(spun), low(out), autojunk=False)
    ops = sm.get_opcodes()
    lo, hi = boundary_map(ops, len(spun))
    covered = [False] * len(spun)
    tp = wrong = missed = 0
    details = []
    for members in groups_of(spans):
        a, b = members[0][0], members[-1][1]
        for k in range(a, b):
            covered[k] = True
        seg = out[lo[a]:hi[b]]
        labels = decompose(members, spun, seg)
        for i, (ma, mb, alts) in enumerate(members):
            if alts is None:
                continue
            label = labels[i] if labels else "wrong"
            if label == "restored":
                tp += 1
            elif label == "missed":
                missed += 1
                details.append(("missed", " ".join(spun[ma:mb])))
            else:
                wrong += 1
                details.append(("wrong", " ".join(spun[ma:mb]), " ".join(seg)))
    damage = 0
    for tag, i1, i2, j1, j2 in ops:
        if tag == "equal":
            continue
        if i1 == i2:  # pure insertion: damage unless it touches a span
            k = min(i1, len(spun) - 1)
            if not (covered[k] or (k > 0 and covered[k - 1])):
                damage += 1
                details.append(("damage", "", " ".join(out[j1:j2])))
            continue
        if not all(covered[i1:i2]):
            damage += 1
            details.append(("damage", " ".join(spun[i1:i2]), " ".join(out[j1:j2])))
    scored = sum(1 for s in spans if s[2] is not None)
    p = tp / (tp + wrong + damage) if tp + wrong + damage else 0.0
    r = tp / scored if scored else 0.0
    f05 = (1.25 * p * r / (0.25 * p + r)) if p + r else 0.0
    return {
        "spans": scored, "restored": tp, "wrong": wrong, "missed": missed,
        "damage": damage, "precision": round(p, 4), "recall": round(r, 4),
        "f0.5": round(f05, 4), "details": details,
    }


if __name__ == "__main__":
    g = open(sys.argv[1], encoding="utf-8").read()
    o = open(sys.argv[2], encoding="utf-8").read()
    res = score(g, o)
    if "-v" not in sys.argv:
        res.pop("details")
    print(json.dumps(res, ensure_ascii=False, indent=1))
