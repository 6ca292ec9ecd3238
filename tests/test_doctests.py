"""Run the docstring examples of the installed package (the docs must stay true)."""
from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import textmend

MODULES = sorted(
    m.name for m in pkgutil.walk_packages(textmend.__path__, "textmend.")
    if not m.name.endswith("__main__")
)


@pytest.mark.parametrize("name", ["textmend", *MODULES])
def test_docstring_examples(name):
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert result.failed == 0, f"{result.failed} doctest failure(s) in {name}"
