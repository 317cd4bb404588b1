"""The first build's shortcuts give the index the slower paths would: the entity tally, plain-text files
read once; and ``gloss index`` hands its worker options to the engine."""

from __future__ import annotations

import sqlite3
from contextlib import nullcontext
from pathlib import Path
from typing import Any

import pytest

import tui.scale
import tui.sources.reading
import tui.sources.text
from tests.corpus_support import RuleEngine, build, write
from tui.cli import main
from tui.corpus import index_path
from tui.corpus.schema import FTS_AUTOMERGE, connect, merge_texts_as_written
from tui.corpus.writer import IndexWriter
from tui.store import AnnotationStore

ARTICLES = {
    "a.txt": "One\nMonday, May 4, 2020\nXi Jinping met Kim Jong Un in Beijing. Xi spoke first.\n",
    "b.txt": "Two\nTuesday, May 5, 2020\nXi went to Russia. Putin met Xi Jinping and Kim.\n",
    "sub/c.txt": "Three\nNorth Korea sent 15,000 troops to Russia. Vladimir Putin said so.\n",
    "sub/d.text": "Four\n“We will not go,” said Kim Jong Un in North Korea. The United Nations met.\n",
}


def entity_rows(database: Path) -> list[tuple[Any, ...]]:
    with sqlite3.connect(database) as connection:
        return connection.execute("SELECT * FROM entities ORDER BY ident").fetchall()


def recounted(database: Path) -> list[tuple[Any, ...]]:
    """The entity rows counted afresh from the spans table (every entity dirty, its row gone)."""
    connection = connect(database)
    try:
        connection.execute("INSERT INTO dirty (kind, ident) SELECT 'entity', ident FROM entities")
        connection.execute("DELETE FROM entities")
        connection.commit()
        writer = IndexWriter(connection)
        assert writer.tally is None  # a writer on an index with spans counts from the table
        writer.refresh()
    finally:
        connection.close()
    return entity_rows(database)


def test_the_first_builds_tally_gives_the_entities_a_recount_from_the_spans_gives(tmp_path: Path) -> None:
    folder = tmp_path / "news"
    for name, text in ARTICLES.items():
        write(folder, name, text)
    build(folder, RuleEngine())
    database = index_path(AnnotationStore.for_article_path(folder))
    tallied = entity_rows(database)
    assert recounted(database) == tallied
    assert ("xi jinping", "Xi Jinping", "PERSON", 2, 4) in tallied


def test_a_first_build_reads_each_plain_text_file_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "news"
    for name, text in ARTICLES.items():
        write(folder, name, text)
    (folder / "binary.txt").write_bytes(b"\x89PNG\x00\x00\x01")
    reads: list[Path] = []
    real = tui.sources.reading.read_bytes  # the function text.py imported

    def counting(path: Path, limit: int | None = None) -> bytes:
        reads.append(path)
        return real(path, limit)

    monkeypatch.setattr(tui.sources.text, "read_bytes", counting)
    report = build(folder, RuleEngine())
    assert report.extracted == len(ARTICLES)
    assert sorted(reads) == sorted([folder / name for name in ARTICLES] + [folder / "binary.txt"])
    assert report.problems == [
        f"skipped {folder / 'binary.txt'}: {folder / 'binary.txt'}: not a text file (it contains NUL "
        "bytes; binary data?)"
    ]
    database = index_path(AnnotationStore.for_article_path(folder))
    with sqlite3.connect(database) as connection:
        keys = [row[0] for row in connection.execute("SELECT key FROM articles ORDER BY id")]
        titles = {row[0] for row in connection.execute("SELECT title FROM articles")}
    assert keys == ["a.txt", "b.txt", "sub/c.txt", "sub/d.text"]  # discovery's order, keys as stored
    assert titles == {"One", "Two", "Three", "Four"}


def test_gloss_index_hands_recycle_after_and_recycle_memory_to_the_engine(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import spacy

    model = tmp_path / "model"
    spacy.blank("en").to_disk(model)
    write(tmp_path / "news", "a.txt", ARTICLES["a.txt"])
    asked: list[dict[str, Any]] = []
    real = tui.scale.open_engine

    def recording(*args: Any, **options: Any) -> Any:
        asked.append(options)
        return real(*args, **options)

    monkeypatch.setattr(tui.scale, "open_engine", recording)
    news = str(tmp_path / "news")
    argv = ["index", news, "--model", str(model), "--recycle-after", "9", "--recycle-memory", "48"]
    assert main(argv) == 0
    assert (asked[-1]["recycle_after"], asked[-1]["recycle_memory"]) == (9, 48.0)
    (tmp_path / "news" / "a.txt").write_text("Changed\n", encoding="utf-8")
    assert main(["index", news, "--model", str(model), "--recycle-memory", "0"]) == 0
    assert (asked[-1]["recycle_after"], asked[-1]["recycle_memory"]) == (tui.scale.RECYCLE_AFTER, None)
    capsys.readouterr()
    with pytest.raises(SystemExit) as exit_:
        main(["index", news, "--recycle-memory", "-5"])
    assert exit_.value.code == 2
    assert "must be 0 or more MiB, not -5" in capsys.readouterr().err


def test_a_first_builds_tally_is_not_used_after_another_writer_changed_the_index(tmp_path: Path) -> None:
    from tests.corpus_support import rule_spans
    from tui.corpus import update_article
    from tui.corpus.build import IndexBuild
    from tui.model import AnnotationSet

    folder = tmp_path / "news"
    for name, text in ARTICLES.items():
        write(folder, name, text)
    store = AnnotationStore.for_article_path(folder)
    text = ARTICLES["a.txt"]

    def autosave_during_the_build(done: int, total: int) -> None:
        if done == 1:  # a.txt is committed: the reader saves a decision about it
            annotations = AnnotationSet.from_suggestions(text, rule_spans(text))
            for annotation in [a for a in annotations if a.span.text == "Kim Jong Un"]:
                annotations.reject(annotation.id)
            assert update_article(store, str(folder / "a.txt"), annotations)

    engine = RuleEngine()
    IndexBuild(
        store, model="rules-1", extractor_version="test-1", open_engine=lambda: nullcontext(engine),
        batch_articles=1, progress=autosave_during_the_build,
    ).run([folder])  # fmt: skip
    database = index_path(store)
    built = entity_rows(database)
    assert recounted(database) == built
    assert next(row for row in built if row[0] == "kim jong un")[3] == 1  # d.text only; b.txt says "Kim"


def automerge(database: Path) -> int | None:
    with sqlite3.connect(database) as connection:
        row = connection.execute("SELECT v FROM texts_config WHERE k = 'automerge'").fetchone()
    return None if row is None else int(row[0])


def test_a_first_build_killed_with_merging_off_gets_it_back_from_the_next_writer(tmp_path: Path) -> None:
    folder = tmp_path / "news"
    write(folder, "a.txt", ARTICLES["a.txt"])
    build(folder, RuleEngine())
    database = index_path(AnnotationStore.for_article_path(folder))
    assert automerge(database) == FTS_AUTOMERGE  # the build switched it back on as it finished
    connection = connect(database)
    merge_texts_as_written(connection, False)  # where a build killed during its bulk load leaves it
    connection.close()
    write(folder, "b.txt", ARTICLES["b.txt"])
    report = build(folder, RuleEngine())  # not a first build: it does not touch the setting itself
    assert (report.extracted, report.unchanged) == (1, 1)
    assert automerge(database) == FTS_AUTOMERGE
