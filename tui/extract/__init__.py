"""Finding entities, numbers and quotations in article text (spaCy underneath, no UI imports).

Use :class:`Extractor` as a library (``Extractor.load().extract(text)``) or run ``gloss extract``.
:mod:`~tui.extract.pipeline` runs the model (one :class:`Extractor` may be shared between threads:
a lock inside it lets one thread at a time run the model), :mod:`~tui.extract.wrapping` joins
hard-wrapped lines, :mod:`~tui.extract.entities` cleans the model's entities,
:mod:`~tui.extract.numbers` finds numbers and their values, :mod:`~tui.extract.quotes` finds
quotations and :mod:`~tui.extract.cli` is the command. Entities follow the model's own (OntoNotes)
boundaries by default, CoNLL's with ``Extractor.load(convention="conll")``.
"""

from __future__ import annotations

from tui.extract.entities import CONVENTIONS
from tui.extract.pipeline import (
    EXTRACTOR_VERSION,
    Extractor,
    ModelNotFoundError,
    convention_for,
    convention_from_settings,
    extractor_version,
)

__all__ = [
    "CONVENTIONS",
    "EXTRACTOR_VERSION",
    "Extractor",
    "ModelNotFoundError",
    "convention_for",
    "convention_from_settings",
    "extractor_version",
]
