from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPORA = ROOT / "corpora"


def clean_docs() -> list[dict]:
    """Clean news and science documents (the negative set that must not change)."""
    docs = []
    for name in ("news.jsonl", "science.jsonl"):
        path = CORPORA / "clean" / name
        with open(path, encoding="utf-8") as f:
            docs.extend(json.loads(line) for line in f if line.strip())
    return docs


@pytest.fixture(scope="session")
def clean_corpus() -> list[dict]:
    return clean_docs()


@pytest.fixture(scope="session")
def seed_text() -> str:
    return (CORPORA / "seed" / "seed-spun-news.txt").read_text(encoding="utf-8")
