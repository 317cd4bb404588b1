"""The document model shared by extraction, the reader, the store and the exporters (no UI imports).

Spans and their kinds (:mod:`~tui.model.span`), articles (:mod:`~tui.model.article`), one article's
annotations with undo/redo and every edit a person makes (:mod:`~tui.model.annotations`, records in
:mod:`~tui.model.records`), merging fresh suggestions into saved work (:mod:`~tui.model.merge`), the
labels of a corpus (:mod:`~tui.model.labels`), word-wise selection (:mod:`~tui.model.selection`), the one
interval index (:mod:`~tui.model.intervals`) and jumping between spans (:mod:`~tui.model.navigation`).
"""

from __future__ import annotations

from tui.model.annotations import (
    SOURCES,
    SPEAKER_LABELS,
    STATUSES,
    Annotation,
    AnnotationSet,
    Change,
    Edit,
    Source,
    Status,
    describe,
    now_iso,
    quoted,
)
from tui.model.article import Article, ArticleEntry, ArticleLoadError
from tui.model.intervals import IntervalIndex
from tui.model.labels import (
    CONFIG_NAME,
    DEFAULT_KEYS,
    LabelConfig,
    LabelConfigError,
    LabelDef,
    default_label_config,
    load_label_config,
)
from tui.model.merge import MergeResult, merge_suggestions
from tui.model.selection import (
    grow_by_char,
    grow_by_word,
    shrink_by_char,
    shrink_by_word,
    snap_to_words,
    whole_word_occurrences,
    word_at,
)
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
    "CONFIG_NAME",
    "DEFAULT_KEYS",
    "ENTITY_LABELS",
    "KINDS",
    "NUMBER_LABELS",
    "QUOTE_LABEL",
    "SOURCES",
    "SPEAKER_LABELS",
    "STATUSES",
    "Annotation",
    "AnnotationSet",
    "Article",
    "ArticleEntry",
    "ArticleLoadError",
    "Change",
    "Edit",
    "IntervalIndex",
    "LabelConfig",
    "LabelConfigError",
    "LabelDef",
    "MergeResult",
    "Source",
    "Span",
    "SpanKind",
    "Speaker",
    "Status",
    "default_label_config",
    "describe",
    "grow_by_char",
    "grow_by_word",
    "kind_for_label",
    "load_label_config",
    "merge_suggestions",
    "now_iso",
    "quoted",
    "shrink_by_char",
    "shrink_by_word",
    "snap_to_words",
    "sort_key",
    "whole_word_occurrences",
    "word_at",
]
