"""Writing saved annotations to the formats training tools read, and reading them back (no UI imports).

Formats: Prodigy/doccano JSONL, spaCy DocBin, displaCy HTML, CoNLL-2003 and brat standoff. Each writer
takes :class:`ExportItem` objects, so ``gloss export`` and the reader share them; ``gloss import`` reads
Prodigy/doccano JSONL back (:mod:`tui.export.importing`). spaCy is imported only when a writer runs.
Files are written by the store's atomic writer; a failed write raises :class:`ExportWriteError` (an
``OSError``). Labels that :func:`is_valid_label` refuses never reach a file.
"""

from __future__ import annotations

from tui.export.common import (
    ExportItem,
    ExportReport,
    ExportWriteError,
    exported_annotations,
    is_valid_label,
)
from tui.export.formats import FORMATS, export_items, guess_format

__all__ = [
    "FORMATS",
    "ExportItem",
    "ExportReport",
    "ExportWriteError",
    "export_items",
    "exported_annotations",
    "guess_format",
    "is_valid_label",
]
