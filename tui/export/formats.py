"""The export formats by name, and which one a file name suggests."""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable
from pathlib import Path

from tui.export.common import ExportItem, ExportReport

Writer = Callable[[Iterable[ExportItem], Path], ExportReport]

FORMATS: dict[str, tuple[str, str, str]] = {
    "jsonl": ("tui.export.prodigy", "write_prodigy", "Prodigy/doccano JSON Lines (one task per article)"),
    "spacy": ("tui.export.docbin", "write_docbin", "spaCy DocBin for spacy train (.spacy)"),
    "html": ("tui.export.displacy_html", "write_html", "displaCy page, one section per article"),
    "conll": ("tui.export.conll", "write_conll", "CoNLL-2003 BIO columns"),
    "brat": ("tui.export.brat", "write_brat", "brat standoff .txt/.ann files in a folder"),
}
"""Format name → (module, writer function, description). Modules are imported only when used."""

SUFFIX_FORMATS = {".jsonl": "jsonl", ".spacy": "spacy", ".html": "html", ".htm": "html", ".conll": "conll"}


def writer(name: str) -> Writer:
    """The writer of format ``name`` (one of :data:`FORMATS`)."""
    module, function, _ = FORMATS[name]
    found: Writer = getattr(importlib.import_module(module), function)
    return found


def guess_format(out: Path) -> str | None:
    """The format an output name implies: by suffix, ``brat`` for a folder or a name without suffix."""
    if out.suffix.lower() in SUFFIX_FORMATS:
        return SUFFIX_FORMATS[out.suffix.lower()]
    if out.is_dir() or not out.suffix:
        return "brat"
    return None


def export_items(items: Iterable[ExportItem], format_name: str, out: Path) -> ExportReport:
    """Write ``items`` in ``format_name`` to ``out`` (a file, or a folder for brat)."""
    return writer(format_name)(items, out)
