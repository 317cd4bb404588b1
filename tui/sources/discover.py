"""Turning command-line paths into article list rows, format by format."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from pathlib import Path

from tui.model import ArticleEntry
from tui.sources.text import text_entry

EntryMaker = Callable[[Path], list[ArticleEntry]]

READERS: dict[str, EntryMaker] = {".txt": lambda p: [text_entry(p)]}
"""Suffix → function making the list rows of one file. Other format modules register here."""

SUFFIXES = frozenset(READERS)


NOT_ARTICLES = ("readme", "license", "licence", "changelog", "attribution")
"""Lower-case name prefixes of files that describe a folder rather than being articles in it."""


def _walk(folder: Path) -> Iterable[Path]:
    """Files below ``folder`` in a stable order: a folder's own files before its subfolders.

    Hidden files and folders (``.gloss/``) and notes such as ``README.md`` are skipped.
    """
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if not name.startswith(".") and not name.lower().startswith(NOT_ARTICLES):
                yield Path(root, name)


def discover(paths: Iterable[Path]) -> tuple[list[ArticleEntry], list[str]]:
    """Find the articles under ``paths``.

    Returns:
        The entries in a stable order, and user-facing messages for paths that do not exist. Files of
        a known suffix that cannot be read still get an entry (with ``error`` set) so the list can say why.
    """
    entries: list[ArticleEntry] = []
    problems: list[str] = []
    for path in paths:
        if path.is_dir():
            for file in _walk(path):
                maker = READERS.get(file.suffix.lower())
                if maker is not None:
                    entries.extend(maker(file))
        elif path.is_file():
            maker = READERS.get(path.suffix.lower(), READERS[".txt"])
            entries.extend(maker(path))
        else:
            problems.append(f"{path}: no such file or folder")
    return entries, problems
