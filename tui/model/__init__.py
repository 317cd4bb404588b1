"""The document model shared by extraction, the reader, the store and the exporters (no UI imports)."""

from __future__ import annotations

from tui.model.annotations import (
    STATUSES,
    Annotation,
    AnnotationSet,
    Change,
    Edit,
    Source,
    Status,
    now_iso,
)
from tui.model.article import Article, ArticleEntry, ArticleLoadError
from tui.model.span import (
    ENTITY_LABELS,
    KINDS,
    NUMBER_LABELS,
    QUOTE_LABEL,
    Span,
    SpanKind,
    Speaker,
    kind_for_label,
    sort_key,
)

__all__ = [
    "ENTITY_LABELS",
    "KINDS",
    "NUMBER_LABELS",
    "QUOTE_LABEL",
    "STATUSES",
    "Annotation",
    "AnnotationSet",
    "Article",
    "ArticleEntry",
    "ArticleLoadError",
    "Change",
    "Edit",
    "Source",
    "Span",
    "SpanKind",
    "Speaker",
    "Status",
    "kind_for_label",
    "now_iso",
    "sort_key",
]
