"""Prodigy / doccano JSON Lines: one task per article, with tokens and token-aligned spans.

The record is Prodigy's ``ner_manual`` / ``spans_manual`` shape, which ``prodigy db-in`` reads as it is
and the other tools accept too::

    {"text": "...", "meta": {"title", "path", "entry"?, "date"?, "source"?},
     "tokens": [{"text", "start", "end", "id", "ws"}],
     "spans": [{"start", "end", "token_start", "token_end", "label", "text", "kind", ...}],
     "label": [[start, end, label], ...],
     "answer": "accept"}

``token_end`` is inclusive, as in Prodigy. ``label`` repeats the spans in doccano's import shape, so
doccano reads the same file. Tokens come from spaCy's blank English tokenizer; a span whose edges fall
inside a token is widened to whole tokens (Prodigy requires token-aligned spans) and the export report
says how many were. Gloss's own fields ride along in each span (``kind``, ``note``, a quote's
``speaker``, a number's ``value``): Prodigy and doccano keep unknown keys, and ``gloss import`` reads
them back so that a round trip restores the same annotations.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from tui.export.common import (
    ExportItem,
    ExportReport,
    article_meta,
    is_widened,
    json_safe,
    make_doc,
    token_span,
)
from tui.wording import counted

TOKEN_KEYS = ("text", "start", "end", "id", "ws")
SPAN_KEYS = ("start", "end", "token_start", "token_end", "label")
RECORD_KEYS = ("text", "meta", "tokens", "spans", "answer")
"""The fields Prodigy's manual NER interfaces need; the tests check them against Prodigy's own sample."""


def prodigy_record(item: ExportItem, relative_to: Path | None, report: ExportReport) -> dict[str, Any]:
    """The Prodigy task of one article (counts spans and widened spans into ``report``)."""
    text = item.article.text
    doc = make_doc(text)
    tokens = [
        {"text": t.text, "start": t.idx, "end": t.idx + len(t.text), "id": t.i, "ws": bool(t.whitespace_)}
        for t in doc
    ]
    spans: list[dict[str, Any]] = []
    widened = 0
    for annotation in item.annotations:
        aligned = token_span(doc, annotation)
        if aligned is None:
            report.notes.append(f"{item.article.key}: left out {annotation.label} covering only whitespace")
            continue
        widened += is_widened(aligned, annotation)
        span: dict[str, Any] = {
            "start": aligned.start_char,
            "end": aligned.end_char,
            "token_start": aligned.start,
            "token_end": aligned.end - 1,
            "label": annotation.label,
        }
        extra = annotation.span.to_json()
        for key in ("start", "end", "label"):
            extra.pop(key)
        extra["text"] = aligned.text
        span.update(json_safe(extra))
        if annotation.note:
            span["note"] = annotation.note
        spans.append(span)
    if widened:
        report.notes.append(f"{item.article.key}: {counted(widened, 'span')} widened to whole tokens")
    report.articles += 1
    report.spans += len(spans)
    return {
        "text": text,
        "meta": article_meta(item.article, relative_to),
        "tokens": tokens,
        "spans": spans,
        "label": [[s["start"], s["end"], s["label"]] for s in spans],
        "answer": "accept",
    }


def render_prodigy(items: Iterable[ExportItem], report: ExportReport, relative_to: Path) -> bytes:
    """One Prodigy task per article, a JSON object a line (``meta.path`` relative to ``relative_to``).

    ``allow_nan=False``: :func:`~tui.export.common.json_safe` has already turned NaN and Infinity into
    strings, and a bare ``NaN`` must never reach a file that claims to be JSON.
    """
    lines = [
        json.dumps(prodigy_record(item, relative_to, report), ensure_ascii=False, allow_nan=False) + "\n"
        for item in items
    ]
    return "".join(lines).encode("utf-8", "backslashreplace")  # a lone surrogate as its JSON escape
