"""Finding entities, numbers and quotations in article text (spaCy underneath, no UI imports).

Use :class:`Extractor` as a library (``Extractor.load().extract(text)``) or run ``gloss extract``.
:mod:`~tui.extract.pipeline` runs the model (one :class:`Extractor` may be shared between threads:
a lock inside it lets one thread at a time run the model), :mod:`~tui.extract.wrapping` joins
hard-wrapped lines, :mod:`~tui.extract.entities` cleans the model's entities,
:mod:`~tui.extract.numbers` finds numbers and their values, :mod:`~tui.extract.quotes` finds
quotations and :mod:`~tui.extract.cli` is the command. Entities follow the model's own (OntoNotes)
boundaries by default, CoNLL's with ``Extractor.load(convention="conll")``.
:mod:`~tui.extract.identity` names an extraction (rules version, convention, model) without importing
the rules or spaCy, which is all a reader served by the corpus index needs.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tui.lazy import lazy_getattr

if TYPE_CHECKING:
    from tui.extract.identity import (
        CONVENTIONS,
        EXTRACTOR_VERSION,
        ModelNotFoundError,
        convention_for,
        convention_from_settings,
        extractor_version,
        model_identity,
    )
    from tui.extract.pipeline import Extractor

_LAZY = {
    "CONVENTIONS": "tui.extract.identity",
    "EXTRACTOR_VERSION": "tui.extract.identity",
    "Extractor": "tui.extract.pipeline",
    "ModelNotFoundError": "tui.extract.identity",
    "convention_for": "tui.extract.identity",
    "convention_from_settings": "tui.extract.identity",
    "extractor_version": "tui.extract.identity",
    "model_identity": "tui.extract.identity",
}
"""Where each public name lives: imported on first use (PEP 562), so that asking for the extractor's
identity (the reader, before it knows whether the index can serve) does not compile the rules'
patterns."""


__getattr__ = lazy_getattr(__name__, _LAZY)


__all__ = [
    "CONVENTIONS",
    "EXTRACTOR_VERSION",
    "Extractor",
    "ModelNotFoundError",
    "convention_for",
    "convention_from_settings",
    "extractor_version",
    "model_identity",
]
