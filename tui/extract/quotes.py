"""Quotation finder (work in progress)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from tui.extract.quotes_filters import is_quotation
from tui.extract.quotes_marks import find_headline_quotes, find_quote_regions
from tui.model import QUOTE_LABEL, Span

if TYPE_CHECKING:
    from spacy.language import Language


def find_quotes(text: str, nlp: Language, entities: Sequence[Span]) -> list[Span]:
    """Quotations in ``text``."""
    regions = [r for r in find_quote_regions(text) if r.closed and is_quotation(text, r)]
    head = [h for h in find_headline_quotes(text) if not any(h.start < r.end and r.start < h.end for r in regions)]
    return [Span(r.start, r.end, QUOTE_LABEL, "quote", text[r.start:r.end]) for r in sorted(regions + head, key=lambda r: r.start)]
