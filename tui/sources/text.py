"""Plain-text articles: decoding bytes exactly, with clear errors for what is not text."""

from __future__ import annotations

from pathlib import Path

from tui.model import Article, ArticleEntry, ArticleLoadError
from tui.sources.reading import read_bytes

BINARY_SNIFF_BYTES = 8192
"""How much of a file to look at for NUL bytes when deciding whether it is binary."""


def decode_text(data: bytes, path: Path) -> str:
    """Decode UTF-8 bytes exactly (no newline translation, BOM kept as a character).

    Raises:
        ArticleLoadError: for binary data or bytes that are not UTF-8, naming the file and offset.
    """
    if b"\x00" in data[:BINARY_SNIFF_BYTES]:
        raise ArticleLoadError(f"{path}: not a text file (it contains NUL bytes; binary data?)")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise ArticleLoadError(
            f"{path}: not valid UTF-8 (byte 0x{data[error.start]:02x} at offset {error.start}); "
            "convert it with e.g. `iconv -f latin1 -t utf-8`"
        ) from error


def read_text_file(path: Path) -> str:
    """Read a file's text exactly as stored (``\\r\\n`` stays ``\\r\\n``).

    Raises:
        ArticleLoadError: when the file cannot be read or decoded; the message names the file.
    """
    return decode_text(read_bytes(path), path)


def title_from_text(text: str, fallback: str) -> str:
    """The first non-blank line, trimmed and shortened; ``fallback`` for an empty text."""
    for line in text.splitlines():
        if line.strip():
            title = line.strip()
            return title if len(title) <= 200 else title[:199] + "…"
    return fallback


def head_problem(path: Path, head: bytes, whole: bool) -> str | None:
    """Why a text file whose first bytes are ``head`` will not open (binary, not UTF-8), or ``None``.

    Args:
        whole: ``head`` is the whole file, so a character cut off at its end is an error too.
    """
    try:
        decode_text(head, path)
    except ArticleLoadError as error:
        cause = error.__cause__
        cut_off = isinstance(cause, UnicodeDecodeError) and cause.reason == "unexpected end of data"
        if whole or not cut_off:
            return str(error)
    return None


def load_text_article(path: Path) -> Article:
    """Load a ``.txt`` file as one article whose text is the file's text exactly."""
    text = read_text_file(path)
    return Article(key=str(path), path=path, title=title_from_text(text, path.name), text=text)


def text_entry(path: Path) -> ArticleEntry:
    """A list row for a ``.txt`` file, titled by its first line (read lazily, a few KB only).

    A file whose first few KB are binary or not UTF-8 gets its name as title and the reason in
    ``error``, so the list shows the same title and reason as opening it would, not a line of
    mojibake; invalid bytes further down are reported when the file is opened.
    """
    try:
        head = read_bytes(path, BINARY_SNIFF_BYTES)
        problem = head_problem(path, head, whole=len(head) < BINARY_SNIFF_BYTES)
    except ArticleLoadError as error:
        head, problem = b"", str(error)
    title = path.name if problem else title_from_text(head.decode("utf-8", errors="ignore"), path.name)
    return ArticleEntry(
        key=str(path), path=path, title=title, loader=lambda: load_text_article(path), error=problem
    )
