"""The corpus: an index of every article, and the queries across articles (no UI imports).

:class:`IndexBuild` (``gloss index``) extracts what changed and writes ``index.sqlite`` in the store
folder; :class:`CorpusIndex` answers the paged queries of the corpus views and ``gloss corpus``;
:func:`update_article` keeps the index in step with the reader's autosave; :meth:`CorpusIndex.cached_spans`
lets the reader paint an indexed article without the model. Identity across articles, and a person's
merges and splits (:class:`EntityMerges`), live in :mod:`tui.corpus.identity`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tui.lazy import lazy_getattr

if TYPE_CHECKING:
    from tui.corpus.build import BuildReport, IndexBuild
    from tui.corpus.identity import MERGES_FILE, EntityMerges, Split, ident_of_name, strip_titles
    from tui.corpus.location import index_path, store_for
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

_LAZY = {
    "ArticleMentions": "tui.corpus.queries",
    "ArticleRecord": "tui.corpus.writer",
    "ArticleRef": "tui.corpus.queries",
    "BuildReport": "tui.corpus.build",
    "Conflict": "tui.corpus.queries",
    "CorpusError": "tui.corpus.schema",
    "CorpusIndex": "tui.corpus.queries",
    "DiffPart": "tui.corpus.variants",
    "EntityMerges": "tui.corpus.identity",
    "EntityRow": "tui.corpus.queries",
    "INDEX_NAME": "tui.corpus.schema",
    "IndexBuild": "tui.corpus.build",
    "IndexWriter": "tui.corpus.writer",
    "IndexedSpan": "tui.corpus.rows",
    "MERGES_FILE": "tui.corpus.identity",
    "Mention": "tui.corpus.queries",
    "Neighbour": "tui.corpus.queries",
    "NumberRow": "tui.corpus.queries",
    "PAGE_SIZE": "tui.corpus.queries",
    "Quote": "tui.corpus.queries",
    "QuoteVariant": "tui.corpus.queries",
    "SCHEMA_VERSION": "tui.corpus.schema",
    "SearchHit": "tui.corpus.queries",
    "SpeakerRow": "tui.corpus.queries",
    "Split": "tui.corpus.identity",
    "VariantGroup": "tui.corpus.queries",
    "ident_of_name": "tui.corpus.identity",
    "index_path": "tui.corpus.location",
    "store_for": "tui.corpus.location",
    "strip_titles": "tui.corpus.identity",
    "update_article": "tui.corpus.updates",
}
"""Where each public name lives: imported on first use (PEP 562), so that ``gloss corpus`` loads only the
query code, not the build's engines, sources and store."""


__getattr__ = lazy_getattr(__name__, _LAZY)


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
    "store_for",
    "strip_titles",
    "update_article",
]
