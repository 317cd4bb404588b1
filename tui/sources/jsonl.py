"""JSON Lines corpora: one article per line, the shape Prodigy and doccano read and write.

Each line is an object with ``text`` and optionally ``title`` and ``meta`` (a ``meta.title``,
``meta.date``, ``meta.source`` or ``meta.url`` is used when there is no top-level one). An article's key
is ``PATH#N`` with N the 1-based line number, so fixing a bad line does not move the keys (and the saved
annotations) of the lines after it.

Listing a corpus reads it once, line by line, keeping only each good line's byte offset and title: a
corpus of 100,000 articles lists without holding its text. Opening an article seeks to its line. A
malformed line becomes a problem message naming the file and line; the other lines load.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from tui.model import Article, ArticleEntry, ArticleLoadError
from tui.sources.dates import date_fields, iso_date
from tui.sources.reading import open_regular
from tui.sources.text import title_from_text

TITLE_SCAN_CHARS = 4096
"""A title from the text is its first line, looked for only this far (a record may hold a book)."""


class RecordError(ValueError):
    """A line is not an article record; the message says why (without the file and line)."""


def parse_record(line: bytes) -> dict[str, Any]:
    """Decode one line into an article record with a non-empty string ``text``.

    Raises:
        RecordError: for bytes that are not UTF-8 JSON, a value that is not an object, or a missing text.
    """
    try:
        record = json.loads(line)
    except UnicodeDecodeError as error:
        raise RecordError(f"not valid UTF-8 (byte offset {error.start} in the line)") from error
    except json.JSONDecodeError as error:
        raise RecordError(f"not valid JSON ({error.msg} at column {error.colno})") from error
    except RecursionError as error:
        raise RecordError("nested too deeply to read (arrays or objects inside each other)") from error
    except ValueError as error:  # Python refuses to convert integers of more than 4,300 digits
        raise RecordError(f"a number is too long to read ({_first_line(error)})") from error
    if not isinstance(record, dict):
        raise RecordError(f"expected a JSON object, found {type(record).__name__}")
    text = record.get("text")
    if not isinstance(text, str):
        raise RecordError('no "text" string in this record')
    if not text.strip():
        raise RecordError('"text" is empty')
    meta = record.get("meta")
    if meta is not None and not isinstance(meta, dict):
        raise RecordError('"meta" must be an object')
    return record


def _first_line(error: Exception) -> str:
    """The first sentence of an error's message (Python's integer limit message runs on)."""
    return str(error).split(";")[0].strip()


def _field(record: dict[str, Any], name: str) -> str | None:
    """A top-level string field, else the same field in ``meta``; ``None`` when neither is a value."""
    meta = record.get("meta") or {}
    for value in (record.get(name), meta.get(name)):
        if isinstance(value, str | int | float) and str(value).strip():
            return str(value).strip()
    return None


def record_title(record: dict[str, Any], fallback: str) -> str:
    """``title`` (top level or in ``meta``), else the text's first line."""
    return _field(record, "title") or title_from_text(record["text"][:TITLE_SCAN_CHARS], fallback)


def article_from_record(record: dict[str, Any], path: Path, line_number: int) -> Article:
    """The article of one parsed record (its text exactly as in the JSON string)."""
    meta = dict(record.get("meta") or {})
    return Article(
        key=f"{path}#{line_number}",
        path=path,
        title=record_title(record, f"{path.name} line {line_number}"),
        text=record["text"],
        date=date_fields(_field(record, "date"), meta),
        source=_field(record, "source") or _field(record, "url"),
        meta=meta,
        text_is_file=False,
    )


def read_line_at(path: Path, offset: int) -> bytes:
    """The line of ``path`` that starts at byte ``offset``.

    Raises:
        ArticleLoadError: when the file cannot be read any more.
    """
    with open_regular(path) as handle:
        try:
            handle.seek(offset)
            return handle.readline()
        except OSError as error:
            raise ArticleLoadError(f"{path}: cannot read ({error.strerror or error})") from error


def load_jsonl_article(path: Path, line_number: int, offset: int) -> Article:
    """Load the article on one line of a corpus (re-parsed, in case the file changed since listing).

    Raises:
        ArticleLoadError: when the line no longer holds an article record.
    """
    try:
        record = parse_record(read_line_at(path, offset))
    except RecordError as error:
        raise ArticleLoadError(f"{path} line {line_number}: {error} (did the file change?)") from error
    return article_from_record(record, path, line_number)


def _entry(path: Path, line_number: int, offset: int, record: dict[str, Any]) -> ArticleEntry:
    """A list row for one record; the loader keeps only the offset, not the text."""
    return ArticleEntry(
        key=f"{path}#{line_number}",
        path=path,
        title=record_title(record, f"{path.name} line {line_number}"),
        loader=lambda: load_jsonl_article(path, line_number, offset),
        date=iso_date(_field(record, "date")),
        source=_field(record, "source") or _field(record, "url"),
    )


def jsonl_entries(path: Path, problems: list[str]) -> list[ArticleEntry]:
    """List rows for every good line of a corpus; a message in ``problems`` for every bad one."""
    entries: list[ArticleEntry] = []
    try:
        handle = open_regular(path)
    except ArticleLoadError as error:
        problems.append(str(error))
        return entries
    with handle:
        offset = 0
        for line_number, line in enumerate(handle, start=1):
            start, offset = offset, offset + len(line)
            if not line.strip():
                continue
            try:
                record = parse_record(line)
            except RecordError as error:
                problems.append(f"{path} line {line_number}: {error}; skipped")
                continue
            entries.append(_entry(path, line_number, start, record))
    if not entries and not any(p.startswith(f"{path} line") for p in problems):
        problems.append(f"{path}: no articles (the file is empty)")
    return entries
