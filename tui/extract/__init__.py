"""Finding entities, numbers and quotations in article text (spaCy underneath, no UI imports).

Use :class:`Extractor` as a library (``Extractor.load().extract(text)``) or run ``gloss extract``.
"""

from __future__ import annotations

from tui.extract.pipeline import EXTRACTOR_VERSION, Extractor, ModelNotFoundError

__all__ = ["EXTRACTOR_VERSION", "Extractor", "ModelNotFoundError"]
