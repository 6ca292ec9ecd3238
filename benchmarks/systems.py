"""The systems under test: textmend plus the baselines, behind one small interface."""
from __future__ import annotations

from .baselines import BASELINES


class Textmend:
    name = "textmend"
    description = "textmend.repair_and_explain / textmend.detect, default Config"

    def load(self) -> None:
        import textmend

        self._tm = textmend

    def explain(self, text: str) -> tuple[str, int]:
        r = self._tm.repair_and_explain(text)
        return r.text, len(r.edits)

    def repair(self, text: str) -> str:
        return self._tm.repair(text)

    def detect(self, text: str) -> float:
        return float(self._tm.detect(text).score)


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
