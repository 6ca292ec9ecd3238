"""The README's command-line examples run as documented (the Python examples run as doctests)."""
from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SPUN = "Officials said {that a} deal is near.\n"


def cli_examples() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    block = text.split("## Command line", 1)[1].split("```sh", 1)[1].split("```", 1)[0]
    return [line.split("#", 1)[0].strip() for line in block.splitlines() if line.startswith("textmend ")]


def test_readme_cli_examples_run(tmp_path):
    examples = cli_examples()
    assert len(examples) >= 6
    for name in ("doc.txt", "a.txt", "b.txt"):
        (tmp_path / name).write_text(SPUN, encoding="utf-8")
    (tmp_path / "corpus.jsonl").write_text(json.dumps({"text": SPUN}) + "\n", encoding="utf-8")
    for cmd in examples:
        args = cmd.split()[1:]
        r = subprocess.run([sys.executable, "-m", "textmend.cli", *args], cwd=tmp_path,
                           capture_output=True, timeout=300)
        assert r.returncode in (0, 1), (cmd, r.stderr.decode())
        assert b"Traceback" not in r.stderr, cmd
    assert (tmp_path / "fixed.txt").read_text(encoding="utf-8") == "Officials said that a deal is near.\n"
    assert (tmp_path / "a.txt").read_text(encoding="utf-8") == "Officials said that a deal is near.\n"
    out = json.loads((tmp_path / "clean.jsonl").read_text(encoding="utf-8"))
    assert out["text"] == "Officials said that a deal is near.\n"


def test_quickstart_commands_are_the_documented_ones():
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "pip install . && textmend corpora/seed/seed-spun-news.txt" in text
    assert 'pip install ".[test]" && python -m pytest' in text
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert 'pip install ".[test]" && python -m pytest' in ci
    assert re.search(r"^pip install \"\.\[test\]\" && python -m pytest$", ci, re.M)
