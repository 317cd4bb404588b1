"""Importing spaCy without its command line.

``import spacy`` runs ``from .cli.info import info`` to re-export ``spacy.info``, and ``spacy.cli``'s
package imports every command: typer, click, requests, weasel and the project tooling. None of that is
needed to load a pipeline and run it, and on this machine it is about a quarter of spaCy's import
(0.26-0.30 s of 0.8 s; ``bench/tui.py --only pty`` and ``python -X importtime -c "import spacy"``), paid
before a first article's highlights and by every extraction worker process.

:func:`import_spacy` imports spaCy with a placeholder for the two modules, then takes the placeholder
away again: ``spacy.info`` stays callable (it imports the real command on first call) and a later
``import spacy.cli`` imports the real package. If spaCy ever imports more of its command line at import
time than the placeholder offers, the import falls back to the plain one: slower, never broken.
"""

from __future__ import annotations

import importlib
import sys
import types
from typing import Any


def _info(*args: Any, **kwargs: Any) -> Any:
    """``spacy.info`` as spaCy has it, its command line imported on first use."""
    return importlib.import_module("spacy.cli.info").info(*args, **kwargs)


def import_spacy() -> types.ModuleType:
    """spaCy's top-level module, imported without ``spacy.cli`` when nothing has imported it yet."""
    if "spacy" in sys.modules:
        return sys.modules["spacy"]
    package = types.ModuleType("spacy.cli")
    package.__path__ = []
    info = types.ModuleType("spacy.cli.info")
    info.info = _info  # type: ignore[attr-defined]
    package.info = info  # type: ignore[attr-defined]
    placeholders = {"spacy.cli": package, "spacy.cli.info": info}
    sys.modules.update(placeholders)
    try:
        import spacy
    except ImportError:  # a spaCy that needs more of its command line at import: import it plainly
        _forget(placeholders)
        for name in [m for m in sys.modules if m == "spacy" or m.startswith("spacy.")]:
            del sys.modules[name]
        import spacy
    else:
        _forget(placeholders)
        if getattr(spacy, "cli", None) is package:
            delattr(spacy, "cli")  # so ``spacy.cli`` is the real package once something imports it
        spacy.info = _info  # type: ignore[attr-defined]
    return spacy


def _forget(placeholders: dict[str, types.ModuleType]) -> None:
    for name, module in placeholders.items():
        if sys.modules.get(name) is module:
            del sys.modules[name]
