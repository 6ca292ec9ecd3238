"""Orchestrates the stages: tokenize -> candidates -> scoring -> decide -> apply/explain."""
from __future__ import annotations

from . import candidates as cand
from .apply import apply_edits, transfer_case
from .config import Config
from .tokenize import iter_sentences
from .types import Detection, Edit, Repaired, Span


def _propose(text: str, cfg: Config):
    """Yield (sentence, candidates) for sentences that have any candidate (fast path skips the rest)."""
    for sent in iter_sentences(text, cfg.max_sentence_chars):
        found: list[cand.Candidate] = []
        if "spintax" in cfg.sources and "{" in text[sent.start:sent.end]:
            found.extend(cand.spintax(text, sent))
        if found:
            yield sent, found


def _to_edit(c: cand.Candidate) -> Edit:
    replacement = c.replacement if c.source == "spintax" else transfer_case(c.original, c.replacement)
    confidence = max(0.0, min(1.0, 0.5 + c.gain / 4)) if c.source != "spintax" else c.prior
    return Edit(c.start, c.end, c.original, replacement, round(confidence, 3), c.source, c.why)


def _choose(found: list[cand.Candidate]) -> list[cand.Candidate]:
    """Pick the best non-overlapping candidates of one sentence (placeholder: greedy by prior)."""
    chosen: list[cand.Candidate] = []
    for c in sorted(found, key=lambda c: (-c.prior, c.start)):
        if all(c.end <= o.start or c.start >= o.end for o in chosen):
            chosen.append(c)
    return sorted(chosen, key=lambda c: c.start)


def run(text: str, cfg: Config) -> Repaired:
    """Repair ``text``: the engine behind `textmend.repair_and_explain`."""
    edits: list[Edit] = []
    for _sent, found in _propose(text, cfg):
        edits.extend(_to_edit(c) for c in _choose(found))
    edits = [e for e in edits if e.replacement != e.original]
    return Repaired(apply_edits(text, edits), edits)


def detect(text: str, cfg: Config) -> Detection:
    """Document-level spun score and scored spans: the engine behind `textmend.detect`."""
    repaired = run(text, cfg)
    spans = [Span(e.start, e.end, e.original, e.replacement, e.confidence, e.source)
             for e in repaired.edits]
    score = 1.0 - 1.0 / (1.0 + sum(e.confidence for e in repaired.edits))
    score = round(score, 4)
    return Detection(score, spans, score >= cfg.detect_threshold)
