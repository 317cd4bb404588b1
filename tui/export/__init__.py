"""Writing saved annotations to the formats training tools read, and reading them back (no UI imports).

Formats: Prodigy/doccano JSONL, spaCy DocBin, displaCy HTML, CoNLL-2003 and brat standoff. Each writer
takes :class:`ExportItem` objects, so ``gloss export`` and the reader share them; ``gloss import`` reads
Prodigy/doccano JSONL back (:mod:`tui.export.importing`). spaCy is imported only when a writer runs.
"""

from __future__ import annotations

from tui.export.common import ExportItem, ExportReport, exported_annotations
from tui.export.formats import FORMATS, export_items, guess_format

__all__ = ["FORMATS", "ExportItem", "ExportReport", "export_items", "exported_annotations", "guess_format"]
