"""Turning command-line paths into article list rows, format by format."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from pathlib import Path

from tui.model import ArticleEntry
from tui.sources.feeds import feed_entries, looks_like_feed
from tui.sources.html import html_entries
from tui.sources.jsonl import jsonl_entries
from tui.sources.markdown import markdown_entries
from tui.sources.text import text_entry

EntryMaker = Callable[[Path, list[str]], list[ArticleEntry]]
"""Makes the list rows of one file; appends user-facing messages (e.g. a bad JSONL line) to the list."""


def _text_entries(path: Path, problems: list[str]) -> list[ArticleEntry]:
    del problems  # a text file's errors (binary, not UTF-8) show when it is opened
    return [text_entry(path)]


READERS: dict[str, EntryMaker] = {
    ".txt": _text_entries,
    ".text": _text_entries,
    ".md": markdown_entries,
    ".markdown": markdown_entries,
    ".html": html_entries,
    ".htm": html_entries,
    ".jsonl": jsonl_entries,
    ".ndjson": jsonl_entries,
    ".rss": feed_entries,
    ".atom": feed_entries,
    ".xml": feed_entries,
}
"""Suffix (lower case) → function making the list rows of one file."""

SUFFIXES = frozenset(READERS)

FALLBACK_READER: EntryMaker = _text_entries
"""Used for a file named on the command line whose suffix is not known: read it as plain text."""


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
        The entries in a stable order, and user-facing messages naming the file (and line) for paths
        that do not exist and for parts of a corpus that were skipped (a malformed JSONL line). Files of
        a known suffix that cannot be read as a whole still get an entry (with ``error`` set, or an
        error when loaded) so the list can say why.
    """
    entries: list[ArticleEntry] = []
    problems: list[str] = []
    for path in paths:
        if path.is_dir():
            for file in _walk(path):
                maker = READERS.get(file.suffix.lower())
                if file.suffix.lower() == ".xml" and not looks_like_feed(file):
                    continue  # a sitemap or config file beside the articles; named explicitly, it is reported
                if maker is not None:
                    entries.extend(maker(file, problems))
        elif path.is_file():
            maker = READERS.get(path.suffix.lower(), FALLBACK_READER)
            entries.extend(maker(path, problems))
        else:
            problems.append(f"{path}: no such file or folder")
    return _unique(entries), problems


def _unique(entries: list[ArticleEntry]) -> list[ArticleEntry]:
    """The entries without repeats (a file named both alone and inside a folder given too)."""
    seen: set[str] = set()
    unique = []
    for entry in entries:
        identity = os.path.abspath(entry.path) + entry.key.removeprefix(str(entry.path))
        if identity not in seen:
            seen.add(identity)
            unique.append(entry)
    return unique
