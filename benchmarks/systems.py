"""The systems under test: textmend plus the baselines, behind one small interface."""
from __future__ import annotations

from pathlib import Path

from .baselines import BASELINES

#: User phrasebook (prior 0 rows) that switches the held-out tortured phrases off.
HELDOUT_DISABLE = Path(__file__).resolve().parent.parent / "corpora" / "tortured" / "heldout-disable.tsv"


class Textmend:
    name = "textmend"
    description = ("textmend.repair_and_explain / textmend.detect, default Config with the held-out "
                   "tortured rows switched off (corpora/tortured/heldout-disable.tsv)")

    def load(self) -> None:
        import textmend

        self._tm = textmend
        # The wheel ships every tortured phrase; switching the held-out ones off keeps
        # the tortured-heldout corpus a test of phrases the engine has never seen.
        self._cfg = textmend.Config(phrasebook_path=str(HELDOUT_DISABLE))

    def explain(self, text: str) -> tuple[str, int]:
        r = self._tm.repair_and_explain(text, self._cfg)
        return r.text, len(r.edits)

    def repair(self, text: str) -> str:
        return self._tm.repair(text, self._cfg)

    def detect(self, text: str) -> float:
        return float(self._tm.detect(text, self._cfg).score)


SYSTEMS = {cls.name: cls for cls in (Textmend, *BASELINES)}


def make(name: str):
    """A fresh, unloaded system by name (KeyError lists the valid names)."""
    try:
        return SYSTEMS[name]()
    except KeyError:
        raise KeyError(f"unknown system {name!r}; choose from {', '.join(SYSTEMS)}") from None


def repair_fn(system):
    """The plain repair call timed for speed (textmend.repair for textmend)."""
    return getattr(system, "repair", None) or (lambda text: system.explain(text)[0])
