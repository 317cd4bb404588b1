"""Finding entities, numbers and quotations in article text (spaCy underneath, no UI imports).

Use :class:`Extractor` as a library (``Extractor.load().extract(text)``) or run ``gloss extract``.
:mod:`~tui.extract.pipeline` runs the model, :mod:`~tui.extract.entities` cleans its entities,
:mod:`~tui.extract.numbers` finds numbers and their values, :mod:`~tui.extract.quotes` finds quotations
and :mod:`~tui.extract.cli` is the command.
"""

from __future__ import annotations

from tui.extract.pipeline import EXTRACTOR_VERSION, Extractor, ModelNotFoundError

__all__ = ["EXTRACTOR_VERSION", "Extractor", "ModelNotFoundError"]
