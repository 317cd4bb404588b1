"""Keeping the index in step with the reader: an article's rows replaced as soon as its edits are saved.

The reader's autosave calls :func:`update_article` after writing the annotation file; the article's
spans, its identities' counts and its speakers' variant groups change in one transaction, so the corpus
views show the edit at once without a run of ``gloss index``.
"""

from __future__ import annotations

import os
from pathlib import Path

from tui.corpus.location import index_path
from tui.corpus.rows import parse_day, stored_suggestions
from tui.corpus.schema import connect
from tui.corpus.writer import ArticleRecord, IndexWriter, indexed_spans, saved_merges
from tui.model import AnnotationSet, Article
from tui.store import AnnotationStore, text_sha256
from tui.store.files import canonical_key, split_key


def update_article(
    store: AnnotationStore,
    key: str,
    annotations: AnnotationSet,
    *,
    article: Article | None = None,
    model: str | None = None,
    extractor_version: str | None = None,
) -> bool:
    """Replace one article's spans in the store's index with ``annotations`` (rejected ones left out).

    Args:
        store: the store the annotations were saved to; its folder holds the index.
        key: the article's key as the reader knows it (made canonical here).
        annotations: the article's annotations as just saved.
        article: the article, needed only when it is not indexed yet or its text changed.
        model, extractor_version: what made the suggestions (recorded for an article new to the index).

    Returns:
        Whether the index was updated (``False`` when the store has no index yet, or the article is not
        in it and ``article`` was not given).

    Raises:
        CorpusError: the index exists but cannot be written.
    """
    path = index_path(store)
    if not path.exists():
        return False
    canonical = canonical_key(key, store.root)
    connection = connect(path)
    try:
        writer = IndexWriter(connection, saved_merges(connection))
        row = connection.execute(
            "SELECT a.path, a.entry, a.title, a.date, a.day, a.source, a.sha256, a.extractor_version, "
            "a.model, a.file_mtime_ns, a.file_size, a.suggestions, t.text, a.id FROM articles a "
            "JOIN texts t ON t.rowid = a.id WHERE a.key = ?",
            (canonical,),
        ).fetchone()
        sha = text_sha256(annotations.text)
        signature = _annotation_signature(store.path_for(key))
        if row is not None and row[6] == sha:
            record = ArticleRecord(
                key=canonical, path=row[0], entry=row[1], title=row[2], date=row[3], day=row[4],
                source=row[5], sha256=sha, extractor_version=row[7], model=row[8], text=row[12],
                suggestions=stored_suggestions(connection, row[13], row[11]),
                spans=indexed_spans(annotations), file_mtime_ns=row[9], file_size=row[10],
                annotations_signature=signature,
            )  # fmt: skip
        elif article is not None:
            file_path, entry = split_key(canonical)
            record = ArticleRecord(
                key=canonical, path=file_path, entry=entry or None, title=article.title, date=article.date,
                day=parse_day(article.date, article.text, article.path), source=article.source, sha256=sha,
                extractor_version=extractor_version, model=model, text=article.text,
                suggestions=[a.span for a in annotations if a.source == "model"],
                spans=indexed_spans(annotations), annotations_signature=signature,
            )  # fmt: skip
        else:
            return False
        writer.write([record])
        writer.refresh()
    finally:
        connection.close()
    return True


def _annotation_signature(file: Path) -> str | None:
    try:
        stat = os.stat(file)
    except OSError:
        return None
    return f"{stat.st_mtime_ns}:{stat.st_size}"
