"""Turning command-line paths into article list rows, format by format."""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from tui.model import ArticleEntry
from tui.sources.feeds import feed_entries, looks_like_feed
from tui.sources.html import html_entries
from tui.sources.jsonl import jsonl_entries
from tui.sources.markdown import markdown_entries
from tui.sources.reading import irregular_reason
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


NOT_ARTICLE_STEMS = frozenset(
    ("readme", "license", "licence", "copying", "changelog", "changes", "attribution", "authors", "notice")
)
"""Lower-case names (without a text suffix) of files that describe a folder rather than being articles."""
NOT_ARTICLE_SUFFIXES = frozenset(("", ".md", ".markdown", ".txt", ".text", ".rst"))
_LICENCE_VARIANT = re.compile(r"(?:LICEN[CS]E|COPYING)[-._][A-Z0-9._-]*")
"""``LICENSE-MIT``, ``LICENSE.APACHE-2.0.txt``: upper case by convention, unlike an article's name
(``license-plate-readers.html``)."""


def describes_folder(name: str) -> bool:
    """Whether a file name is exactly a folder's README, licence, changelog… (not an article in it).

    Only whole names count (``README``, ``readme.md``, ``LICENSE``, ``LICENSE-MIT.txt``), never
    prefixes: ``license-plate-readers.html`` and ``readme-first.txt`` are articles.
    """
    stem, suffix = os.path.splitext(name)
    if suffix.lower() in NOT_ARTICLE_SUFFIXES and stem.lower() in NOT_ARTICLE_STEMS:
        return True
    bare = stem if suffix.lower() in NOT_ARTICLE_SUFFIXES else name
    return _LICENCE_VARIANT.fullmatch(bare) is not None or _LICENCE_VARIANT.fullmatch(name) is not None


@dataclass(slots=True)
class Discovery:
    """What :func:`scan` found under the paths it was given."""

    entries: list[ArticleEntry] = field(default_factory=list)
    """The article list rows, in a stable order."""
    problems: list[str] = field(default_factory=list)
    """One line per path, file or line that could not be listed (missing path, FIFO, bad JSONL line)."""
    skipped: list[str] = field(default_factory=list)
    """One line per file left out on purpose (a folder's README or licence, an XML file that is not a
    feed), so that nothing vanishes without a word: the command line prints them, the list shows them."""


EXPORT_SUFFIXES = frozenset((".jsonl", ".html"))
"""Suffixes of Gloss's exports that a folder scan would otherwise read as articles."""

EXPORT_NAME_END = "-annotations"
"""How the names the export dialog proposes end (``kursk-annotations.jsonl``, ``gloss-annotations.html``):
the dialog builds them with it, and a folder scan knows them by it."""

EXPORT_STEM = re.compile(".+" + re.escape(EXPORT_NAME_END))

BRAT_CONFIG = "annotation.conf"
"""The file that makes a folder a brat collection (Gloss's brat export writes one)."""


def is_export(name: str) -> bool:
    """Whether a file name is one the export dialog proposes for a Prodigy JSONL or displaCy HTML
    export: proposed beside the articles, it would otherwise be listed as more copies of them."""
    stem, suffix = os.path.splitext(name)
    return suffix.lower() in EXPORT_SUFFIXES and EXPORT_STEM.fullmatch(stem) is not None


def _walk(folder: Path, found: Discovery) -> Iterable[Path]:
    """Files below ``folder`` in a stable order: a folder's own files before its subfolders.

    Hidden files and folders (``.gloss/``) are passed over silently; a folder's README or licence
    (:func:`describes_folder`), an export the reader proposed beside the articles (:func:`is_export`)
    and a subfolder that is a brat collection are noted in ``found.skipped``.
    """
    def unreadable(error: OSError) -> None:
        found.problems.append(f"{error.filename}: cannot read this folder ({error.strerror or error})")

    for root, dirs, files in os.walk(folder, onerror=unreadable):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in list(dirs):
            if (Path(root, name) / BRAT_CONFIG).is_file():  # a brat export: copies of the articles
                dirs.remove(name)
                found.skipped.append(f"{Path(root, name)}: skipped (a brat collection; name it to read it)")
        for name in sorted(files):
            if name.startswith("."):
                continue
            path = Path(root, name)
            if describes_folder(name):
                if path.suffix.lower() in SUFFIXES:
                    found.skipped.append(f"{path}: skipped (it describes the folder; name it to read it)")
                continue
            if is_export(name):
                found.skipped.append(f"{path}: skipped (an export of annotations; name it to read it)")
                continue
            yield path


def scan(paths: Iterable[Path]) -> Discovery:
    """Find the articles under ``paths``, with what was skipped and why (see :class:`Discovery`).

    Files of a known suffix that cannot be read as a whole still get an entry (with ``error`` set, or
    an error when loaded) so the list can say why. Only regular files are read: a FIFO, socket or
    device is refused by name without being opened (opening a FIFO blocks until a writer comes).
    """
    found = Discovery()
    for path in paths:
        if path.is_dir():
            for file in _walk(path, found):
                suffix = file.suffix.lower()
                maker = READERS.get(suffix)
                if maker is None:
                    continue
                irregular = irregular_reason(file)
                if irregular is not None:
                    found.problems.append(f"{file}: {irregular}; skipped")
                elif suffix == ".xml" and not looks_like_feed(file):
                    # a sitemap or config file beside the articles; named explicitly, it is reported
                    found.skipped.append(f"{file}: skipped (XML that is not an RSS or Atom feed)")
                else:
                    found.entries.extend(maker(file, found.problems))
        elif path.exists():
            irregular = irregular_reason(path)
            if irregular is not None:
                found.problems.append(f"{path}: {irregular}; skipped")
            else:
                maker = READERS.get(path.suffix.lower(), FALLBACK_READER)
                found.entries.extend(maker(path, found.problems))
        else:
            found.problems.append(f"{path}: no such file or folder")
    found.entries = _unique(found.entries)
    return found


def discover(paths: Iterable[Path]) -> tuple[list[ArticleEntry], list[str]]:
    """Find the articles under ``paths``: :func:`scan` without the list of files skipped on purpose.

    Returns:
        The entries in a stable order, and user-facing messages naming the file (and line) for paths
        that do not exist and for parts of a corpus that could not be read (a malformed JSONL line, a
        FIFO).
    """
    found = scan(paths)
    return found.entries, found.problems


def entry_identity(entry: ArticleEntry) -> str:
    """What makes two entries the same article: its file's absolute path and its place in the file
    (a JSONL line, a feed item), so that a file named alone and inside a folder given too is one."""
    return os.path.abspath(entry.path) + entry.key.removeprefix(str(entry.path))


def _unique(entries: list[ArticleEntry]) -> list[ArticleEntry]:
    """The entries without repeats (a file named both alone and inside a folder given too)."""
    seen: set[str] = set()
    unique = []
    for entry in entries:
        identity = entry_identity(entry)
        if identity not in seen:
            seen.add(identity)
            unique.append(entry)
    return unique
