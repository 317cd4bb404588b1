"""spaCy's binary training format: a ``.spacy`` DocBin, one Doc per article.

What goes where, so that ``spacy train`` learns named entities from it and nothing is lost:

* ``doc.ents``: the entity-kind spans (PERSON, ORG, GPE…, custom entity labels). A token can carry one
  entity, so where entities overlap the longest is kept here and the others go to
  ``doc.spans["entities_overlapping"]``.
* ``doc.spans["numbers"]``: number spans (CARDINAL, MONEY, PERCENT…), as the issue asks, so the NER layer
  holds only what Gloss calls entities. ``doc.spans["quotes"]``: quotations;
  ``doc.spans["speakers"]``: the text naming each quote's speaker (label ``SPEAKER``), in quote order.
* ``doc.user_data["gloss"]``: the article's key, title and path, and the notes by span (start, end).

Tokens are spaCy's blank English tokenizer's, which is what ``spacy train`` with ``lang = "en"`` uses, so
the reference and predicted tokens align. Spans are widened to whole tokens when needed.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tui.export.common import (
    ExportItem,
    ExportReport,
    entity_layer,
    is_widened,
    make_doc,
    relative_path,
    token_span,
    without_surrogates,
)
from tui.model import Annotation

if TYPE_CHECKING:
    from spacy.tokens import Doc
    from spacy.tokens import Span as SpacySpan

SPAN_GROUPS = ("numbers", "quotes", "speakers", "entities_overlapping")
"""The ``doc.spans`` keys every exported Doc has (empty groups included, so consumers can rely on them)."""


def _aligned(doc: Doc, annotations: Iterable[Annotation], report: ExportReport, key: str) -> list[SpacySpan]:
    """Token spans of ``annotations``; widened ones are counted, whitespace-only ones dropped."""
    spans: list[SpacySpan] = []
    for annotation in annotations:
        span = token_span(doc, annotation)
        if span is None:
            report.notes.append(f"{key}: left out {annotation.label} covering only whitespace")
            continue
        if is_widened(span, annotation):
            report.notes.append(f"{key}: {annotation.label} “{annotation.span.text}” widened to whole tokens")
        spans.append(span)
    return spans


def _without_overlaps(spans: list[SpacySpan]) -> tuple[list[SpacySpan], list[SpacySpan]]:
    """Keep the longest of overlapping token spans (widening can create overlaps the text had not)."""
    from spacy.util import filter_spans

    kept = filter_spans(spans)
    kept_ids = {(s.start, s.end, s.label_) for s in kept}
    return kept, [s for s in spans if (s.start, s.end, s.label_) not in kept_ids]


def entity_doc(item: ExportItem, report: ExportReport) -> Doc:
    """The article's tokens with its entity layer in ``doc.ents`` and the overlapping rest beside it.

    The one place that decides which entity a token carries where entities overlap (widening to token
    boundaries included), shared by the ``.spacy`` and CoNLL exports so both keep the same entity.
    """
    doc = make_doc(item.article.text)
    layer, overlapping = entity_layer(item.annotations)
    key = item.article.key
    ents, pushed_out = _without_overlaps(_aligned(doc, layer, report, key))
    doc.ents = ents
    doc.spans["entities_overlapping"] = pushed_out + _aligned(doc, overlapping, report, key)
    return doc


def article_doc(item: ExportItem, relative_to: Path | None, report: ExportReport) -> Doc:
    """The Doc of one article with its entities and span groups (see the module docstring)."""

    article = item.article
    doc = entity_doc(item, report)
    numbers = [a for a in item.annotations if a.kind == "number"]
    quotes = [a for a in item.annotations if a.kind == "quote"]
    doc.spans["numbers"] = _aligned(doc, numbers, report, article.key)
    doc.spans["quotes"] = _aligned(doc, quotes, report, article.key)
    speakers: list[SpacySpan] = []
    for quote in quotes:
        speaker = quote.span.speaker
        if speaker is not None and speaker.end > speaker.start:
            span = doc.char_span(speaker.start, speaker.end, label="SPEAKER", alignment_mode="expand")
            if span is not None:
                speakers.append(span)
    doc.spans["speakers"] = speakers
    notes: dict[str, Any] = {
        f"{a.start}:{a.end}": without_surrogates(a.note) for a in item.annotations if a.note
    }
    doc.user_data["gloss"] = {
        "key": without_surrogates(article.key),
        "title": without_surrogates(article.title),
        "path": without_surrogates(relative_path(article.path, relative_to)),
        "notes": notes,
    }
    report.articles += 1
    report.spans += len(item.annotations)
    return doc


def render_docbin(items: Iterable[ExportItem], report: ExportReport, relative_to: Path) -> bytes:
    """A ``.spacy`` file as bytes (``DocBin().from_disk``, ``spacy debug data``, ``spacy train`` read it)."""
    from spacy.tokens import DocBin

    docbin = DocBin(store_user_data=True)
    for item in items:
        docbin.add(article_doc(item, relative_to, report))
    return bytes(docbin.to_bytes())
