"""Load-once helper: resources are read lazily, once per process, thread-safely."""
from __future__ import annotations

import threading
from functools import wraps
from typing import Callable, TypeVar

T = TypeVar("T")


def once(func: Callable[[], T]) -> Callable[[], T]:
    """Decorate a zero-argument loader so it runs at most once per process.

    Double-checked locking keeps the hot path to one attribute read after the
    first call, while concurrent first calls never load twice.
    """
    lock = threading.Lock()
    box: list[T] = []

    @wraps(func)
    def wrapper() -> T:
        if box:
            return box[0]
        with lock:
            if not box:
                box.append(func())
        return box[0]

    wrapper.loaded = lambda: bool(box)  # type: ignore[attr-defined]
    return wrapper
