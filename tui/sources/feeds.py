"""RSS and Atom feed files: each entry an article, read with feedparser.

An entry's text is its full content when the feed carries it, else its summary, else its title; feeds
carry HTML there, which is turned into plain text with paragraphs on their own lines. Keys are
``PATH#N`` with N the 1-based position of the entry in the file. Feeds are small, so the file is parsed
once when it is listed and each entry keeps its converted text.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Callable
from dataclasses import replace
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from tui.model import Article, ArticleEntry, ArticleLoadError
from tui.sources.dates import date_fields
from tui.sources.reading import read_bytes

BLOCK_TAGS = frozenset(
    [
        "p",
        "div",
        "br",
        "li",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "blockquote",
        "tr",
        "pre",
        "section",
        "article",
        "figure",
        "figcaption",
        "ul",
        "ol",
        "table",
        "hr",
    ]
)
"""Tags that start a new line in the plain text (everything else flows inline)."""
SKIPPED_TAGS = frozenset(("script", "style", "template"))


class _PlainText(HTMLParser):
    """Collects the text of an HTML fragment, one line per block element, whitespace collapsed."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = []
        self._line: list[str] = []
        self._skipping = 0

    def _break(self) -> None:
        line = " ".join("".join(self._line).split())
        if line:
            self.lines.append(line)
        self._line = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in SKIPPED_TAGS:
            self._skipping += 1
        elif tag in BLOCK_TAGS:
            self._break()
            if tag == "li":
                self._line.append("• ")
        elif tag == "img":
            alt = dict(attrs).get("alt")
            if alt:
                self._line.append(alt)

    def handle_endtag(self, tag: str) -> None:
        if tag in SKIPPED_TAGS:
            self._skipping = max(0, self._skipping - 1)
        elif tag in BLOCK_TAGS:
            self._break()

    def handle_data(self, data: str) -> None:
        if not self._skipping:
            self._line.append(data)

    def text(self) -> str:
        """The collected paragraphs; consecutive list items stay on consecutive lines."""
        self._break()
        out = ""
        for index, line in enumerate(self.lines):
            tight = index > 0 and line.startswith("• ") and self.lines[index - 1].startswith("• ")
            out += ("\n" if tight else "\n\n") + line if index else line
        return out


FEED_MARKERS = ("<rss", "<feed", "<rdf:rdf")
"""How an RSS 2.0, Atom or RSS 1.0 document starts (after the XML declaration and comments)."""
BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),  # before UTF-16 LE, whose BOM is its first two bytes
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
    (codecs.BOM_UTF8, "utf-8"),
)
"""Byte order marks and the encodings they announce (XML allows UTF-16 and UTF-32 documents)."""


def head_text(head: bytes) -> str:
    """The start of an XML document as text: decoded by its byte order mark, else as ASCII-compatible
    bytes (markup is ASCII in every encoding a BOM-less feed may use, bar EBCDIC)."""
    for bom, encoding in BOMS:
        if head.startswith(bom):
            return head[len(bom) :].decode(encoding, errors="ignore")
    return head.decode("latin-1")


def looks_like_feed(path: Path, limit: int = 2048) -> bool:
    """Whether an ``.xml`` file is a feed, judged from its first bytes (a folder may hold other XML)."""
    try:
        head = head_text(read_bytes(path, limit)).lower()
    except ArticleLoadError:
        return False
    return any(marker in head for marker in FEED_MARKERS)


_ESCAPED = re.compile(r"&(?:[a-z]+|#[0-9]+|#x[0-9a-f]+);|<[a-z/!][^>]*>", re.IGNORECASE)
"""An entity or tag left in text after it was made plain once: the feed escaped its HTML twice."""


def plain_title(value: str) -> str:
    """An entry title as plain text on one line: tags dropped, entities decoded, whitespace collapsed.

    Feeds put HTML in titles (``Q&amp;A: <em>Why</em>``), and many escape it twice
    (``Q&amp;amp;A``); what is left after one pass that still looks like markup gets a second.
    """
    title = value
    for _ in range(2):
        title = " ".join(html_to_text(title).split())
        if not _ESCAPED.search(title):
            break
    return title


def _unescape_twice_escaped(text: str) -> str:
    """Lines of converted text that still hold entities or tags, converted once more (line by line, so
    the paragraphs found the first time stay as they are)."""
    if not _ESCAPED.search(text):
        return text
    return "\n".join(plain_title(line) if _ESCAPED.search(line) else line for line in text.split("\n"))


def html_to_text(fragment: str) -> str:
    """Plain text of an HTML fragment: block elements become paragraphs, entities are decoded."""
    parser = _PlainText()
    parser.feed(fragment)
    parser.close()
    return parser.text()


def entry_text(entry: Any) -> str:
    """The readable text of a feed entry: content, else summary, else title (HTML made plain)."""
    candidates: list[dict[str, Any]] = list(entry.get("content") or [])
    if entry.get("summary_detail"):
        candidates.append(entry["summary_detail"])
    elif entry.get("summary"):
        candidates.append({"value": entry["summary"], "type": "text/html"})
    for candidate in candidates:
        value = str(candidate.get("value") or "")
        kind = str(candidate.get("type") or "text/html")
        text = value.strip() if kind == "text/plain" else _unescape_twice_escaped(html_to_text(value))
        if text.strip():
            return text + "\n"
    return plain_title(str(entry.get("title") or "")) + "\n"


def _article(path: Path, number: int, entry: Any, feed_title: str | None) -> Article:
    """The article of feed entry ``number`` (1-based)."""
    link = entry.get("link")
    meta: dict[str, Any] = {
        key: str(value)
        for key, value in (
            ("link", link),
            ("id", entry.get("id")),
            ("author", entry.get("author")),
            ("feed", feed_title),
        )
        if value
    }
    raw_date = entry.get("published") or entry.get("updated")
    parsed_date = entry.get("published_parsed" if entry.get("published") else "updated_parsed")
    return Article(
        key=f"{path}#{number}",
        path=path,
        title=plain_title(str(entry.get("title") or "")) or f"{path.name} entry {number}",
        text=entry_text(entry),
        date=date_fields(raw_date, meta, parsed_date),
        source=link or feed_title,
        meta=meta,
        text_is_file=False,
    )


def _copier(article: Article) -> Callable[[], Article]:
    """A loader handing out copies, so a caller changing its article does not change the entry's."""
    return lambda: replace(article, meta=dict(article.meta))


def _error_entry(path: Path, message: str) -> ArticleEntry:
    """A row for a feed file that could not be read, so the list can say why."""

    def fail() -> Article:
        raise AssertionError("unreachable: ArticleEntry.load raises the error first")

    return ArticleEntry(key=str(path), path=path, title=path.name, loader=fail, error=message)


def feed_entries(path: Path, problems: list[str]) -> list[ArticleEntry]:
    """List rows for every entry of an RSS or Atom file (a single error row when it does not parse).

    feedparser reads what it can of a feed that is not well-formed; entries with neither a title nor a
    text are dropped, and if that leaves none the file gets an error row, else a message in
    ``problems`` says the feed was damaged.
    """
    import feedparser  # about 50 ms to import: only when a feed is listed

    try:
        data = read_bytes(path)
    except ArticleLoadError as error:
        return [_error_entry(path, str(error))]
    parsed = feedparser.parse(data)
    kept = [
        (number, raw)
        for number, raw in enumerate(parsed.entries, start=1)
        if str(raw.get("title") or "").strip() or entry_text(raw).strip()
    ]
    if not kept:
        if parsed.get("bozo"):
            reason = parsed.get("bozo_exception")
            message = f"{path}: not a readable RSS or Atom feed ({reason})"
        elif parsed.get("version"):
            message = f"{path}: the feed has no entries"
        else:
            message = f"{path}: not an RSS or Atom feed"
        return [_error_entry(path, message)]
    feed_title = plain_title(str(parsed.feed.get("title") or "")) or None
    entries: list[ArticleEntry] = []
    if parsed.get("bozo") and len(kept) < len(parsed.entries):
        problems.append(
            f"{path}: the feed is damaged ({parsed.get('bozo_exception')}); "
            f"read {len(kept)} of its {len(parsed.entries)} entries"
        )
    for number, raw in kept:
        article = _article(path, number, raw, feed_title)
        entries.append(
            ArticleEntry(
                key=article.key,
                path=path,
                title=article.title,
                loader=_copier(article),
                date=article.date,
                source=article.source,
            )
        )
    return entries
