"""HTML article pages: the main text, title, date and URL found by trafilatura.

Pages saved from a browser carry menus, footers and comment threads around the article; trafilatura is a
well-kept extractor of the article body and its metadata, so Gloss does not hand-write one. The article
list only needs a title, which a tiny scan of the page's head finds without running the extractor (it
costs tens of milliseconds a page); the full extraction runs when the article is opened.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from tui.model import Article, ArticleEntry, ArticleLoadError
from tui.sources.dates import date_fields, iso_date
from tui.sources.reading import read_bytes

HEAD_BYTES = 32768
"""How much of a page the article list scans for its ``<title>`` and ``<meta>`` tags."""
SHORT_TEXT = 200
"""Below this many characters, a page's text is checked again with trafilatura's precision mode."""


class _HeadScanner(HTMLParser):
    """Collects the ``<title>`` text and the Open Graph / article ``<meta>`` values of a page's head."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.title = ""
        self.meta: dict[str, str] = {}
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "title":
            self._in_title = True
        elif tag == "meta":
            values = dict(attrs)
            name = values.get("property") or values.get("name")
            if name and values.get("content"):
                self.meta.setdefault(name.lower(), str(values["content"]).strip())

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data


def scan_head(data: bytes) -> tuple[str | None, str | None, str | None]:
    """Title, date and URL from the start of a page (``None`` where the page does not say)."""
    scanner = _HeadScanner()
    try:
        scanner.feed(data.decode("utf-8", errors="replace"))
    except Exception:  # a broken page still gets a row; opening it reports what is wrong
        return None, None, None
    meta = scanner.meta
    title = meta.get("og:title") or " ".join(scanner.title.split()) or None
    date = meta.get("article:published_time") or meta.get("date") or meta.get("pubdate")
    return title, date, meta.get("og:url")


def _extract(data: bytes, *, favor_precision: bool) -> dict[str, Any]:
    """Trafilatura's main text and metadata of a page (``{}`` when it finds no main content)."""
    import trafilatura  # heavy (lxml, date parsing): only when a page is opened

    found = trafilatura.bare_extraction(
        data, with_metadata=True, include_comments=False, include_tables=True, favor_precision=favor_precision
    )
    if found is None:
        return {}
    return found if isinstance(found, dict) else dict(found.as_dict())


_BARE_BULLET = re.compile(r"[-*•–—](?:\s+[-*•–—])?")
"""A line that is only a list marker (``-``, or ``- -`` from an item holding a dash): an empty ``<li>`` as
trafilatura writes it. Three marks (``* * *``) are a section break and stay."""


def tidy_extracted_text(text: str) -> str:
    """Drop the empty lines trafilatura passes through: whitespace-only lines (``&nbsp;``, a zero-width
    space, tabs) and bare bullets (``- `` from an empty list item), so no blank rows show in the reader.

    This changes no offsets that matter: an HTML article's text is derived by extraction anyway (it is
    not the page's bytes, ``text_is_file=False``), and the store keeps the very text its offsets index.
    """
    kept = [line for line in text.split("\n") if line.strip() and not _BARE_BULLET.fullmatch(line.strip())]
    return "\n".join(kept)


def load_html_article(path: Path) -> Article:
    """Extract the article of an HTML page.

    Raises:
        ArticleLoadError: when the file cannot be read or holds no article text.
    """
    data = read_bytes(path)
    if b"\x00" in data[:8192]:
        raise ArticleLoadError(f"{path}: not an HTML page (it contains NUL bytes; binary data?)")
    document = _extract(data, favor_precision=False)
    text = document.get("text")
    if isinstance(text, str):
        text = tidy_extracted_text(text)
    if isinstance(text, str) and len(text) < SHORT_TEXT and not _extract(data, favor_precision=True):
        text = None  # a few words from a form or a menu, which the stricter pass does not call an article
    if not isinstance(text, str) or not text.strip():
        raise ArticleLoadError(
            f"{path}: no article text found in this HTML page (trafilatura found no main content; "
            "is it an index page, or does it need JavaScript to show the article?)"
        )
    if not text.endswith("\n"):
        text += "\n"
    head_title, head_date, head_url = scan_head(data[:HEAD_BYTES])
    url = document.get("url") or head_url
    meta = {key: str(document[key]) for key in ("sitename", "author", "description") if document.get(key)}
    if url:
        meta["url"] = str(url)
    date = date_fields(document.get("date") or head_date, meta)
    return Article(
        key=str(path),
        path=path,
        title=str(document.get("title") or head_title or path.name),
        text=text,
        date=date,
        source=str(url or document.get("sitename") or "") or None,
        meta=meta,
        text_is_file=False,
    )


def html_entries(path: Path, problems: list[str]) -> list[ArticleEntry]:
    """One list row for an HTML page, titled from its head (``<meta og:title>`` or ``<title>``)."""
    del problems  # one page is one article; its errors show when it is opened
    try:
        head = read_bytes(path, HEAD_BYTES)
    except ArticleLoadError:
        head = b""
    title, date, url = scan_head(head)
    return [
        ArticleEntry(
            key=str(path),
            path=path,
            title=title or path.name,
            loader=lambda: load_html_article(path),
            date=iso_date(date),
            source=url,
        )
    ]
