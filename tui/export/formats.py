"""The export formats by name, which one a file name suggests, and where their bytes go.

Single-file formats are *renderers*: they turn items into bytes and fill in the report, and
:func:`export_items` alone decides where the bytes go (a file written atomically by the store's writer,
or standard output for ``-o -``). brat writes a folder of files and so writes them itself, through the
same writer. Before any format sees them, spans whose label could forge a line or a field
(:func:`~tui.export.common.is_valid_label`) are left out and reported, whatever wrote them into the store.
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import BinaryIO

from tui.export.common import ExportItem, ExportReport, is_valid_label, write_file
from tui.wording import counted

Renderer = Callable[[list[ExportItem], ExportReport, Path], bytes]
"""A single-file format: items, the report to fill and the folder ``meta.path`` is relative to → bytes."""
FolderWriter = Callable[[list[ExportItem], Path, ExportReport], None]
"""A format that writes a folder of files (brat)."""

FORMATS: dict[str, tuple[str, str, str]] = {
    "jsonl": ("tui.export.prodigy", "render_prodigy", "Prodigy/doccano JSON Lines (one task per article)"),
    "spacy": ("tui.export.docbin", "render_docbin", "spaCy DocBin for spacy train (.spacy)"),
    "html": ("tui.export.displacy_html", "render_html", "displaCy page, one section per article"),
    "conll": (
        "tui.export.conll",
        "render_conll",
        "CoNLL-2003 BIO columns, entities only (CoNLL-style boundaries for the suggestions: "
        "--convention conll)",
    ),
    "brat": ("tui.export.brat", "write_brat", "brat standoff .txt/.ann files in a folder"),
}
"""Format name → (module, function, description). Modules are imported only when used."""

FOLDER_FORMATS = frozenset({"brat"})
"""Formats whose output is a folder (never standard output)."""

BINARY_FORMATS = frozenset({"spacy"})
"""Formats whose output is not text (not written to a terminal)."""

SUFFIX_FORMATS = {".jsonl": "jsonl", ".spacy": "spacy", ".html": "html", ".htm": "html", ".conll": "conll"}

STDOUT = Path("-")
"""The output name meaning standard output."""


def guess_format(out: Path) -> str | None:
    """The format an output name implies: by suffix, ``brat`` for a folder or a name without suffix."""
    if out.suffix.lower() in SUFFIX_FORMATS:
        return SUFFIX_FORMATS[out.suffix.lower()]
    if out == STDOUT:
        return None
    if out.is_dir() or not out.suffix:
        return "brat"
    return None


def valid_label_items(items: Iterable[ExportItem]) -> tuple[list[ExportItem], list[str]]:
    """The items without spans whose label no format can hold safely, and a note per article affected."""
    kept: list[ExportItem] = []
    notes: list[str] = []
    for item in items:
        good = [a for a in item.annotations if is_valid_label(a.label)]
        bad = len(item.annotations) - len(good)
        if bad:
            notes.append(
                f"{item.article.key}: left out {counted(bad, 'span')} whose label is not letters, digits, "
                "_ or -"
            )
            item = ExportItem(item.article, good)
        kept.append(item)
    return kept, notes


def export_items(
    items: Iterable[ExportItem], format_name: str, out: Path, *, stdout: BinaryIO | None = None
) -> ExportReport:
    """Write ``items`` in ``format_name`` to ``out`` (a file, or a folder for brat), or to ``stdout``.

    Raises:
        ExportWriteError: (an :class:`OSError`) when the output cannot be written; a file that was
            there before is left as it was.
        ValueError: for a folder format asked to write to ``stdout``.
    """
    module, function, _ = FORMATS[format_name]
    implementation = getattr(importlib.import_module(module), function)
    safe, notes = valid_label_items(items)
    report = ExportReport(STDOUT if stdout is not None else out)
    if format_name in FOLDER_FORMATS:
        if stdout is not None:
            raise ValueError(f"{format_name} output is a folder of files; it cannot go to standard output")
        folder_writer: FolderWriter = implementation
        folder_writer(safe, out, report)
    else:
        renderer: Renderer = implementation
        relative_to = Path(os.getcwd()) if stdout is not None else out.absolute().parent
        data = renderer(safe, report, relative_to)
        if stdout is not None:
            stdout.write(data)
            stdout.flush()
        else:
            write_file(out, data)
    report.notes[:0] = notes
    return report
