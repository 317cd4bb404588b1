"""Importing spaCy without its command line, and loading a pipeline without the work done twice.

``import spacy`` runs ``from .cli.info import info`` to re-export ``spacy.info``, and ``spacy.cli``'s
package imports every command: typer, click, requests, weasel and the project tooling. None of that is
needed to load a pipeline and run it, and on this machine it is about a quarter of spaCy's import
(0.26-0.30 s of 0.8 s; ``bench/tui.py --only pty`` and ``python -X importtime -c "import spacy"``), paid
before a first article's highlights and by every extraction worker process.

:func:`import_spacy` imports spaCy with a placeholder for the two modules, then takes the placeholder
away again: ``spacy.info`` stays callable (it imports the real command on first call) and a later
``import spacy.cli`` imports the real package. If spaCy ever imports more of its command line at import
time than the placeholder offers, the import falls back to the plain one: slower, never broken.

:func:`load_pipeline` is ``spacy.load`` less two costs of spaCy 3.8's loading, together about 40% of
it (0.52 → 0.31 s for ``en_core_web_sm`` here; ``bench/tui.py --only load``):

- the language's default tokenizer is built (2,694 special cases) only to be replaced at once by the
  pipeline's saved one; a pipeline whose config asks for spaCy's own tokenizer is loaded with an empty
  one in its place, which the saved tokenizer then fills exactly as it would have replaced the default
  (``tests/unit/test_spacy_load.py`` compares the two on the Wikinews articles);
- each of the 128 weight tables decoded looks up its decoders among every installed package's entry
  points (``catalogue``), a scan of all of them each time; while loading, the scan is done once per
  group. Entry points cannot change while a pipeline loads, so the answers are the same.
"""

from __future__ import annotations

import configparser
import importlib
import json
import sys
import types
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from spacy.language import Language

SPACY_TOKENIZER = "spacy.Tokenizer.v1"
"""The tokenizer of every pipeline spaCy trains for a language without a tokenizer of its own."""

EMPTY_TOKENIZER = "gloss.empty_tokenizer.v1"
"""Registered by :func:`load_pipeline`: spaCy's tokenizer with nothing in it, for the saved one to fill."""


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


def load_pipeline(name: str, folder: Path | None = None) -> Language:
    """``spacy.load(name)``, faster (see the module's docstring); ``folder`` is the pipeline's data
    folder, holding its ``config.cfg``, when known.

    Raises:
        OSError: as ``spacy.load`` does, when the pipeline cannot be loaded.
    """
    spacy = import_spacy()
    overrides: dict[str, Any] = {}
    if folder is not None and _plain_tokenizer(folder):
        _register_empty_tokenizer(spacy)
        overrides = {"nlp": {"tokenizer": {"@tokenizers": EMPTY_TOKENIZER}}}
    with _entry_points_by_group():
        nlp: Language = spacy.load(name, config=overrides)
    if overrides and not getattr(nlp.tokenizer, "rules", None):  # nothing saved filled it: the plain way
        nlp = spacy.load(name)
    elif overrides:
        config = nlp.config  # recorded as spaCy's own again: a saved or copied pipeline loads anywhere
        config["nlp"]["tokenizer"] = {"@tokenizers": SPACY_TOKENIZER}
        nlp.config = config
    return nlp


def _plain_tokenizer(folder: Path) -> bool:
    """Whether the pipeline in ``folder`` uses spaCy's own tokenizer, and has it saved."""
    config = configparser.ConfigParser(interpolation=None)
    try:
        config.read(folder / "config.cfg", encoding="utf-8")
        tokenizer = json.loads(config.get("nlp", "tokenizer"))
    except (OSError, ValueError, configparser.Error):
        return False
    return tokenizer == {"@tokenizers": SPACY_TOKENIZER} and (folder / "tokenizer").is_file()


def _register_empty_tokenizer(spacy: types.ModuleType) -> None:
    """Register :data:`EMPTY_TOKENIZER` (again: registering a name twice keeps the last, the same)."""

    def empty_tokenizer() -> Any:
        from spacy.tokenizer import Tokenizer

        def make(nlp: Language) -> Tokenizer:
            return Tokenizer(nlp.vocab)

        return make

    spacy.util.registry.tokenizers.register(EMPTY_TOKENIZER, func=empty_tokenizer)


class _EntryPointsByGroup:
    """``catalogue``'s table of entry points, selecting each group once."""

    def __init__(self, available: Any) -> None:
        self.available = available
        self._groups: dict[str, Any] = {}

    def select(self, **params: Any) -> Any:
        if list(params) != ["group"]:
            return self.available.select(**params)
        group = params["group"]
        if group not in self._groups:
            self._groups[group] = self.available.select(group=group)
        return self._groups[group]


@contextmanager
def _entry_points_by_group() -> Iterator[None]:
    """While loading, ``catalogue`` scans the installed packages' entry points once per group."""
    catalogue = sys.modules.get("catalogue")
    available = getattr(catalogue, "AVAILABLE_ENTRY_POINTS", None)
    if catalogue is None or not hasattr(available, "select"):
        yield
        return
    catalogue.AVAILABLE_ENTRY_POINTS = _EntryPointsByGroup(available)  # type: ignore[attr-defined]
    try:
        yield
    finally:
        catalogue.AVAILABLE_ENTRY_POINTS = available  # type: ignore[attr-defined]
