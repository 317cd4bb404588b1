"""Package attributes imported on first use (PEP 562), for packages whose parts cost to import.

``tui.extract`` and ``tui.corpus`` name their public parts in a table instead of importing them: the
reader asks ``tui.extract`` for the extractor's identity without compiling the rules' patterns, and
``gloss corpus`` loads only the query code, not the build's engines, sources and store.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable, Mapping
from typing import Any


def lazy_getattr(package: str, table: Mapping[str, str]) -> Callable[[str], Any]:
    """A module ``__getattr__`` for ``package`` that imports ``table[name]`` when ``name`` is first
    asked for, and keeps the value in the package so the next access is a plain lookup."""

    def __getattr__(name: str) -> Any:
        module = table.get(name)
        if module is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(module), name)
        setattr(sys.modules[package], name, value)
        return value

    return __getattr__
