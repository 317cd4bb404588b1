"""The corpus index on real SQLite files: incremental builds, the person's annotations, autosave updates,
the extraction cache, and what the index refuses."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pytest

from tests.corpus_support import RuleEngine, build, rule_spans, write
from tui.corpus import CorpusError, CorpusIndex, index_path, update_article
from tui.corpus.schema import SCHEMA_VERSION, connect
from tui.model import AnnotationSet, Article, Span
from tui.store import AnnotationStore, text_sha256

SUMMIT = "Summit\nMonday, May 4, 2020\nXi Jinping met Kim Jong Un in Beijing. Xi spoke first.\n"
TROOPS = "Troops\nTuesday, May 5, 2020\nNorth Korea sent 15,000 troops to Russia, officials said.\n"
UN = "Assembly\nWednesday, May 6, 2020\nThe United Nations met. Vladimir Putin did not attend.\n"


def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "news"
    write(folder, "summit.txt", SUMMIT)
    write(folder, "troops.txt", TROOPS)
    write(folder, "un.txt", UN)
    return folder


def open_index(folder: Path) -> CorpusIndex:
    return CorpusIndex(index_path(AnnotationStore.for_article_path(folder)))


def entity_counts(folder: Path) -> dict[str, tuple[int, int]]:
    with open_index(folder) as index:
        return {row.ident: (row.articles, row.mentions) for row in index.entities(page_size=1000)}


def test_first_build_extracts_everything_and_a_rerun_nothing(tmp_path: Path) -> None:
    folder = corpus(tmp_path)
    engine = RuleEngine()
    report = build(folder, engine)
    assert sorted(engine.extracted) == ["summit.txt", "troops.txt", "un.txt"]
    assert (report.extracted, report.unchanged) == (3, 0)
    assert index_path(AnnotationStore.for_article_path(folder)) == folder / ".gloss" / "index.sqlite"

    again = RuleEngine()
    report = build(folder, again)
    assert again.extracted == []
    assert (report.extracted, report.unchanged, report.listed) == (0, 3, 3)
    assert entity_counts(folder)["xi jinping"] == (1, 2)


def test_only_the_changed_article_is_extracted_again(tmp_path: Path) -> None:
    folder = corpus(tmp_path)
    build(folder, RuleEngine())
    write(folder, "troops.txt", TROOPS.replace("15,000 troops to Russia", "12,000 troops to Kim"))
    touched = folder / "un.txt"
    os.utime(touched, ns=(touched.stat().st_atime_ns, touched.stat().st_mtime_ns + 10**9))

    engine = RuleEngine()
    report = build(folder, engine)
    assert engine.extracted == ["troops.txt"]  # un.txt was read and found unchanged
    assert (report.extracted, report.unchanged) == (1, 2)
    counts = entity_counts(folder)
    assert "russia" not in counts
    assert counts["kim jong un"] == (1, 1)  # the bare "Kim" of troops.txt names nobody in full there
    assert counts["kim"] == (1, 1)
    with open_index(folder) as index:
        assert [row.value for row in index.numbers(noun="troops")] == [12000.0]

    third = RuleEngine()
    build(folder, third)
    assert third.extracted == []  # the touched file's new signature was recorded


def test_a_new_extractor_version_or_model_extracts_everything_again(tmp_path: Path) -> None:
    folder = corpus(tmp_path)
    build(folder, RuleEngine())
    engine = RuleEngine()
    build(folder, engine, version="test-2")
    assert len(engine.extracted) == 3
    engine = RuleEngine()
    build(folder, engine, version="test-2", model="rules-2")
    assert len(engine.extracted) == 3
    with open_index(folder) as index:
        text = (folder / "un.txt").read_text(encoding="utf-8")
        assert index.cached_spans("un.txt", text_sha256(text), "test-2", "rules-2") == rule_spans(text)
        assert index.cached_spans("un.txt", text_sha256(text), "test-1", "rules-2") is None
        assert index.cached_spans("un.txt", text_sha256(text + " "), "test-2", "rules-2") is None


def test_deleted_articles_leave_the_index(tmp_path: Path) -> None:
    folder = corpus(tmp_path)
    build(folder, RuleEngine())
    (folder / "un.txt").unlink()
    report = build(folder, RuleEngine())
    assert report.removed == 1
    counts = entity_counts(folder)
    assert "united nations" not in counts and "vladimir putin" not in counts
    with open_index(folder) as index:
        assert index.counts()["articles"] == 2
        assert index.search("Assembly") == []


def test_failed_extractions_are_reported_and_retried_next_time(tmp_path: Path) -> None:
    folder = corpus(tmp_path)
    write(folder, "bad.txt", "UNEXTRACTABLE text by Xi Jinping")
    report = build(folder, RuleEngine())
    assert report.extracted == 3
    assert any("bad.txt" in problem for problem in report.problems)
    engine = RuleEngine()
    build(folder, engine)
    assert engine.extracted == ["bad.txt"]


def saved(folder: Path, name: str, edit: str) -> None:
    """Save annotations for an article as the reader would, with one decision made by a person."""
    path = folder / name
    text = path.read_text(encoding="utf-8")
    article = Article(key=str(path), path=path, title=name, text=text)
    annotations = AnnotationSet.from_suggestions(text, rule_spans(text))
    xi = next(a for a in annotations if a.span.text == "Xi")
    if edit == "reject":
        annotations.reject(xi.id)
    elif edit == "relabel":
        annotations.relabel(xi.id, "ORG")
    start = text.index("spoke")
    annotations.add(Span(start, start + 5, "EVENT", "entity", "spoke"))
    AnnotationStore.for_article_path(folder).save(
        article, annotations, model="rules-1", extractor_version="t"
    )


def test_the_persons_annotations_win_over_the_models(tmp_path: Path) -> None:
    folder = corpus(tmp_path)
    saved(folder, "summit.txt", "reject")
    build(folder, RuleEngine())
    counts = entity_counts(folder)
    assert counts["xi jinping"] == (1, 1)  # the rejected "Xi" is not a mention
    assert counts["spoke"] == (1, 1)  # the person's own span is
    with open_index(folder) as index:
        (group,) = index.mentions("spoke")
        assert group.mentions[0].text == "spoke"

    saved(folder, "summit.txt", "relabel")  # a later decision, made outside any index run
    engine = RuleEngine()
    report = build(folder, engine)
    assert engine.extracted == [] and report.reused == 1  # merged again from the cached suggestions
    with open_index(folder) as index:
        labels = {row.ident: row.label for row in index.entities(page_size=100)}
    assert labels["xi jinping"] == "PERSON"
    assert labels["xi"] == "ORG"  # back, as the person's ORG: no longer merged with the person


def test_update_article_changes_the_counts_at_once(tmp_path: Path) -> None:
    folder = corpus(tmp_path)
    build(folder, RuleEngine())
    store = AnnotationStore.for_article_path(folder)
    text = SUMMIT
    annotations = AnnotationSet.from_suggestions(text, rule_spans(text))
    kim = next(a for a in annotations if a.span.text == "Kim Jong Un")
    annotations.reject(kim.id)
    assert update_article(store, str(folder / "summit.txt"), annotations)
    counts = entity_counts(folder)
    assert "kim jong un" not in counts
    assert counts["xi jinping"] == (1, 2)

    assert not update_article(store, str(folder / "missing.txt"), annotations)
    new_path = write(folder, "new.txt", "Kim Jong Un and Xi Jinping.")
    article = Article(key=str(new_path), path=new_path, title="New", text=new_path.read_text())
    fresh = AnnotationSet.from_suggestions(article.text, rule_spans(article.text))
    assert update_article(store, article.key, fresh, article=article, model="rules-1", extractor_version="x")
    assert entity_counts(folder)["kim jong un"] == (1, 1)


def test_a_store_given_elsewhere_holds_the_index(tmp_path: Path) -> None:
    folder = corpus(tmp_path)
    build(folder, RuleEngine(), store=tmp_path / "elsewhere")
    assert (tmp_path / "elsewhere" / "index.sqlite").exists()
    assert not (folder / ".gloss").exists()


def test_an_index_from_a_newer_gloss_is_refused_and_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "index.sqlite"
    connect(path).close()
    with sqlite3.connect(path) as raw:
        raw.execute("UPDATE meta SET value = ? WHERE name = 'schema_version'", (str(SCHEMA_VERSION + 1),))
    with pytest.raises(CorpusError, match="newer Gloss"):
        connect(path)
    with pytest.raises(CorpusError, match="no index"):
        CorpusIndex(tmp_path / "none.sqlite")
    garbage = tmp_path / "garbage.sqlite"
    garbage.write_bytes(b"not a database at all" * 100)
    with pytest.raises(CorpusError, match="cannot be used"):
        connect(garbage)
    assert garbage.read_bytes().startswith(b"not a database")


def test_annotations_without_rejections_are_indexed_with_their_status(tmp_path: Path) -> None:
    folder = corpus(tmp_path)
    saved(folder, "summit.txt", "relabel")
    build(folder, RuleEngine())
    connection = sqlite3.connect(index_path(AnnotationStore.for_article_path(folder)))
    rows = set(connection.execute("SELECT text, label, source, status FROM spans WHERE kind = 'entity'"))
    assert ("spoke", "EVENT", "human", "accepted") in rows
    assert ("Xi", "ORG", "model", "accepted") in rows
    assert ("Xi Jinping", "PERSON", "model", "suggested") in rows


def test_span_rows_of_every_kind_keep_reading_order_and_read_back_as_written(tmp_path: Path) -> None:
    """Entities, quotes and numbers are inserted by three statements of different widths; their ids
    must still follow reading order (quote variant groups are ordered by id) and each kind's columns
    must come back whole, also after an article is replaced."""
    folder = tmp_path / "news"
    text = (
        "Visit\nMonday, May 4, 2020\nXi Jinping sent 300 troops. “We will not leave the border,” he said. "
        "Kim Jong Un sent 1,200 troops. “Peace comes first,” said Xi Jinping.\n"
    )
    write(folder, "visit.txt", text)
    build(folder, RuleEngine())
    write(folder, "visit.txt", text.replace("300 troops", "400 troops"))
    build(folder, RuleEngine())
    changed = text.replace("300 troops", "400 troops")
    expected = rule_spans(changed)
    assert {s.kind for s in expected} == {"entity", "quote", "number"}
    database = index_path(AnnotationStore.for_article_path(folder))
    with sqlite3.connect(database) as connection:
        rows = connection.execute(
            "SELECT kind, start, speaker_text, speaker_ident, noun, context_start FROM spans ORDER BY id"
        ).fetchall()
    assert [(kind, start) for kind, start, *_ in rows] == [(s.kind, s.start) for s in expected]
    quotes = [row for row in rows if row[0] == "quote"]
    assert [(row[2], row[3]) for row in quotes] == [("he", "xi jinping"), ("Xi Jinping", "xi jinping")]
    numbers = [row for row in rows if row[0] == "number"]  # the dateline's year, then the two figures
    assert [row[4] for row in numbers][-2:] == ["troops", "troops"]
    assert all(row[5] is not None for row in numbers)
    with open_index(folder) as index:
        assert index.cached_spans("visit.txt", text_sha256(changed), "test-1", "rules-1") == expected
