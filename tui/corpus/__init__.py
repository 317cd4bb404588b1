"""The corpus: an index of every article, and the queries across articles (no UI imports).

:class:`IndexBuild` (``gloss index``) extracts what changed and writes ``index.sqlite`` in the store
folder; :class:`CorpusIndex` answers the paged queries of the corpus views and ``gloss corpus``;
:func:`update_article` keeps the index in step with the reader's autosave; :meth:`CorpusIndex.cached_spans`
lets the reader paint an indexed article without the model. Identity across articles, and a person's
merges and splits (:class:`EntityMerges`), live in :mod:`tui.corpus.identity`.
"""

from __future__ import annotations

from tui.corpus.build import BuildReport, IndexBuild, index_path, model_identity, store_for
from tui.corpus.identity import MERGES_FILE, EntityMerges, Split, ident_of_name, strip_titles
from tui.corpus.queries import (
    PAGE_SIZE,
    ArticleMentions,
    ArticleRef,
    Conflict,
    CorpusIndex,
    EntityRow,
    Mention,
    Neighbour,
    NumberRow,
    Quote,
    QuoteVariant,
    SearchHit,
    SpeakerRow,
    VariantGroup,
)
from tui.corpus.rows import IndexedSpan
from tui.corpus.schema import INDEX_NAME, SCHEMA_VERSION, CorpusError
from tui.corpus.updates import update_article
from tui.corpus.variants import DiffPart
from tui.corpus.writer import ArticleRecord, IndexWriter

__all__ = [
    "INDEX_NAME",
    "MERGES_FILE",
    "PAGE_SIZE",
    "SCHEMA_VERSION",
    "ArticleMentions",
    "ArticleRecord",
    "ArticleRef",
    "BuildReport",
    "Conflict",
    "CorpusError",
    "CorpusIndex",
    "DiffPart",
    "EntityMerges",
    "EntityRow",
    "IndexBuild",
    "IndexWriter",
    "IndexedSpan",
    "Mention",
    "Neighbour",
    "NumberRow",
    "Quote",
    "QuoteVariant",
    "SearchHit",
    "SpeakerRow",
    "Split",
    "VariantGroup",
    "ident_of_name",
    "index_path",
    "model_identity",
    "store_for",
    "strip_titles",
    "update_article",
]
