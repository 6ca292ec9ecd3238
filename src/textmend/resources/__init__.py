"""Knowledge resources, loaded lazily once per process. Formats stay private to each loader.

`knowledge(config)` bundles what the engine needs for one configuration: the shipped
resources (each loaded once per process) plus any user gazetteer/phrasebook files,
merged once per distinct configuration and cached.
"""
from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import Any

_LOCK = threading.Lock()
_BUNDLES: dict[tuple[Any, ...], "Knowledge"] = {}


@dataclass(frozen=True)
class Knowledge:
    """Loaded resources for one configuration (None where a source is switched off)."""

    lm: Any
    thesaurus: Any
    phrasebook: Any
    gazetteer: Any
    mwe: Any


def knowledge(sources: frozenset[str], gazetteer_path: str | None = None,
              phrasebook_path: str | None = None) -> Knowledge:
    """Return the resource bundle for these options, loading each part on first use."""
    key = (sources, gazetteer_path, phrasebook_path)
    bundle = _BUNDLES.get(key)
    if bundle is not None:
        return bundle
    with _LOCK:
        bundle = _BUNDLES.get(key)
        if bundle is None:
            bundle = _build(sources, gazetteer_path, phrasebook_path)
            _BUNDLES[key] = bundle
    return bundle


def _build(sources: frozenset[str], gazetteer_path: str | None,
           phrasebook_path: str | None) -> Knowledge:
    from . import gazetteer, lm, mwe, phrasebook, thesaurus

    pb = None
    if sources & {"phrasebook", "tortured"} or phrasebook_path:
        wanted = [name for flag, name in (("phrasebook", "curated"), ("tortured", "tortured"))
                  if flag in sources]
        pb = phrasebook.load().select(wanted)
        if phrasebook_path:
            pb = pb.merged(phrasebook.load_user_phrasebook(phrasebook_path))
    gz = None
    if "gazetteer" in sources or gazetteer_path:
        gz = gazetteer.load() if "gazetteer" in sources else None
        if gazetteer_path:
            user = gazetteer.load_user_gazetteer(gazetteer_path)
            gz = user if gz is None else gz.merged(user)
    # The thesaurus also powers synonym-aware matching of entities and terms.
    th = thesaurus.load() if sources & {"thesaurus", "gazetteer", "mwe", "tortured"} else None
    return Knowledge(
        lm=lm.load(),
        thesaurus=th,
        phrasebook=pb,
        gazetteer=gz,
        mwe=mwe.load() if "mwe" in sources else None,
    )
