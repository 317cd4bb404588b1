"""A displaCy page of annotated articles: one section per article, entities and numbers marked.

spaCy's displaCy renders the page (``style="ent"``, ``manual=True``, ``page=True``), so the result looks
like every other spaCy visualisation and opens in any browser without a server. Its ``ent`` style marks
one label per character, so quotations (which contain entities) are not marked and, where entities and
numbers overlap, the longest is shown; the report counts what was left out. Colours of a corpus's custom
labels come from its ``gloss.toml``; spaCy's palette covers the OntoNotes labels.
"""

from __future__ import annotations

import html
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from tui.export.common import ExportItem, ExportReport, entity_layer
from tui.model import LabelConfigError, load_label_config
from tui.wording import count_list, counted

PAGE_KINDS = ("entity", "number")
"""Span kinds drawn on the page; quotes overlap them and displaCy's ``ent`` style cannot nest."""


def _title(item: ExportItem) -> str:
    """The section heading: the title, with date and source when known (HTML-escaped: spaCy does not)."""
    article = item.article
    extra = " · ".join(part for part in (article.date, article.source) if part)
    heading = html.escape(article.title)
    if extra:
        heading += f' <small style="font-weight: normal">{html.escape(extra)}</small>'
    return heading


def displacy_record(item: ExportItem, report: ExportReport) -> dict[str, Any]:
    """displaCy's manual ``ent`` input for one article: ``{"text", "ents", "title"}``, character offsets."""
    shown, hidden = entity_layer(item.annotations, PAGE_KINDS)
    quotes = sum(1 for a in item.annotations if a.kind == "quote")
    left_unmarked = count_list((len(hidden), "overlapping span"), (quotes, "quote"))
    if left_unmarked:
        report.notes.append(f"{item.article.key}: not marked: {left_unmarked}")
    report.articles += 1
    report.spans += len(shown)
    return {
        "text": item.article.text,
        "ents": [{"start": a.start, "end": a.end, "label": a.label} for a in shown],
        "title": _title(item),
    }


def custom_colours(items: Iterable[ExportItem]) -> dict[str, str]:
    """Colours of custom labels from the ``gloss.toml`` beside each article (unreadable configs skipped)."""
    colours: dict[str, str] = {}
    for folder in {item.article.path.parent for item in items}:
        try:
            config = load_label_config(folder)
        except LabelConfigError:
            continue  # the reader reports a broken config; the page just uses default colours
        for label in config.labels.values():
            if label.colour:
                colours.setdefault(label.name, label.colour)
    return colours


def render_page(items: list[ExportItem], report: ExportReport) -> str:
    """The whole HTML page (a standalone document with spaCy's styles inline)."""
    from spacy import displacy  # spaCy import (about 1 s): only when exporting

    records = [displacy_record(item, report) for item in items]
    options = {"colors": custom_colours(items)}
    page = displacy.render(records, style="ent", manual=True, page=True, minify=False, options=options)
    heading = f"Gloss: {counted(len(records), 'annotated article')}"
    return str(page).replace("<title>displaCy</title>", f"<title>{html.escape(heading)}</title>", 1)


def render_html(items: Iterable[ExportItem], report: ExportReport, relative_to: Path) -> bytes:
    """The displaCy page of ``items`` as UTF-8 (the page holds no paths, so ``relative_to`` is unused)."""
    return render_page(list(items), report).encode("utf-8", "replace")
