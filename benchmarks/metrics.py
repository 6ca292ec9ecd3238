"""Metric arithmetic: aggregated scorer counts, damage rates, ROC AUC (pure Python)."""
from __future__ import annotations

from .score import score

COUNTS = ("spans", "restored", "wrong", "missed", "damage")


def restoration(pairs: list[tuple[str, str]]) -> dict:
    """Score each (gold, output) document and aggregate counts before computing P/R/F0.5.

    Micro-averaging over edits (not documents) matches how GEC-style F0.5 is reported.
    """
    tot = dict.fromkeys(COUNTS, 0)
    for gold, out in pairs:
        res = score(gold, out)
        for k in COUNTS:
            tot[k] += res[k]
    tp = tot["restored"]
    proposed = tp + tot["wrong"] + tot["damage"]
    p = tp / proposed if proposed else 0.0
    r = tp / tot["spans"] if tot["spans"] else 0.0
    f = 1.25 * p * r / (0.25 * p + r) if p + r else 0.0
    return {**tot, "precision": round(p, 4), "recall": round(r, 4), "f0.5": round(f, 4)}


def per_10k(n: int, words: int) -> float:
    return round(10000.0 * n / words, 2) if words else 0.0


def roc_auc(pos: list[float], neg: list[float]) -> float:
    """Probability a random positive outscores a random negative (ties count half).

    Rank-sum (Mann-Whitney U) form: O((P+N) log(P+N)), exact with ties.
    """
    if not pos or not neg:
        raise ValueError("ROC AUC needs at least one positive and one negative document")
    scored = sorted([(s, 1) for s in pos] + [(s, 0) for s in neg])
    rank_sum, i = 0.0, 0
    while i < len(scored):
        j = i
        while j < len(scored) and scored[j][0] == scored[i][0]:
            j += 1
        avg_rank = (i + 1 + j) / 2.0  # ranks are 1-based; a tie group shares its mean rank
        rank_sum += avg_rank * sum(lab for _, lab in scored[i:j])
        i = j
    u = rank_sum - len(pos) * (len(pos) + 1) / 2.0
    return round(u / (len(pos) * len(neg)), 4)


def detection(pos: list[float], neg: list[float], threshold: float = 0.5) -> dict:
    tp = sum(s >= threshold for s in pos)
    tn = sum(s < threshold for s in neg)
    return {"positives": len(pos), "negatives": len(neg), "auc": roc_auc(pos, neg),
            "accuracy": round((tp + tn) / (len(pos) + len(neg)), 4),
            "tpr": round(tp / len(pos), 4), "fpr": round(1 - tn / len(neg), 4)}
