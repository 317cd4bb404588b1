"""Quotation finder (work in progress)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from tui.extract.quotes_marks import find_quote_regions
from tui.model import QUOTE_LABEL, Span

if TYPE_CHECKING:
    from spacy.language import Language


def find_quotes(text: str, nlp: Language, entities: Sequence[Span]) -> list[Span]:
    """Quotations in ``text``."""
    return [Span(r.start, r.end, QUOTE_LABEL, "quote", text[r.start:r.end]) for r in find_quote_regions(text)]
