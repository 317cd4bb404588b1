"""The index as the reader's extraction cache, and the reader's saves updating the index (no UI)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from tests.corpus_support import RuleEngine, build, rule_spans, write
from tui.annotation.extraction import INDEX_FILE, CorpusIndexes, ExtractorHolder
from tui.annotation.workspace import update_index
from tui.corpus import INDEX_NAME, CorpusIndex, index_path
from tui.model import AnnotationSet, ArticleEntry
from tui.sources import discover
from tui.store import AnnotationStore

TEXT = "Talks\nTuesday, May 5, 2020\nXi Jinping spoke in Beijing. North Korea sent 15,000 troops.\n"


def indexed(tmp_path: Path) -> tuple[AnnotationStore, ArticleEntry]:
    folder = tmp_path / "news"
    path = write(folder, "talks.txt", TEXT)
    build(folder, RuleEngine(), model="rules-1", version="test-1")
    return AnnotationStore.for_article_path(folder), discover([path])[0][0]


def test_the_index_file_name_is_the_corpus_packages() -> None:
    assert INDEX_FILE == INDEX_NAME


def test_an_indexed_article_gets_its_spans_only_for_the_same_text_model_and_version(tmp_path: Path) -> None:
    store, entry = indexed(tmp_path)
    article = entry.load()
    indexes = CorpusIndexes()
    assert indexes.has_index(store)
    spans = indexes.cached_spans(store, article, ("rules-1", "test-1"))
    assert spans == rule_spans(article.text)
    assert indexes.cached_spans(store, article, ("another-model", "test-1")) is None
    assert indexes.cached_spans(store, article, ("rules-1", "test-2")) is None
    assert indexes.cached_spans(store, article, None) is None
    changed = replace(article, text=article.text + "More.")
    assert indexes.cached_spans(store, changed, ("rules-1", "test-1")) is None
    indexes.close()


def test_a_store_without_an_index_is_not_opened(tmp_path: Path) -> None:
    write(tmp_path, "one.txt", TEXT)
    store = AnnotationStore.for_article_path(tmp_path)
    indexes = CorpusIndexes()
    assert not indexes.has_index(store)
    assert indexes.index_for(store) is None
    article = discover([tmp_path / "one.txt"])[0][0].load()
    assert update_index(store, article, AnnotationSet(TEXT), None) is None
    assert not (store.folder / INDEX_FILE).exists()  # indexing is gloss index's decision


def test_a_saved_edit_replaces_the_articles_rows(tmp_path: Path) -> None:
    store, entry = indexed(tmp_path)
    article = entry.load()
    annotations = AnnotationSet(article.text)
    for span in rule_spans(article.text):
        if span.text != "Beijing":  # a person deleted it
            annotations.add(span)
    with CorpusIndex(index_path(store)) as index:
        assert index.entity("Beijing") is not None
    assert update_index(store, article, annotations, ("rules-1", "test-1")) is None
    with CorpusIndex(index_path(store)) as index:
        assert index.entity("Beijing") is None


def test_the_expected_identity_is_the_loaded_extractors_or_the_one_set_before() -> None:
    holder = ExtractorHolder()
    holder.expected = ("model-1", "v1")
    assert holder.expected_identity(None) == ("model-1", "v1")
    assert holder.identity() == ("model-1", "v1")
    holder.failed_to_load()
    assert holder.expected_identity(None) is None
