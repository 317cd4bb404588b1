"""Two writers on one annotation file: edits merged where they do not overlap, a conflict copy only for
real conflicts, and what happened reported (real files, two store objects as two processes would have).
"""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest

from tui.model import AnnotationSet, Article, Span
from tui.store import AnnotationStore, Autosaver, StoreError, StoreWriteError

TEXT = "Xi Jinping met Vladimir Putin in Kursk on Tuesday. Putin said the talks went well."
MODEL = {"model": "m", "extractor_version": "1"}


def at(needle: str, label: str, nth: int = 0) -> Span:
    start = -1
    for _ in range(nth + 1):
        start = TEXT.index(needle, start + 1)
    return Span(start, start + len(needle), label, "entity", needle)


@pytest.fixture
def article(tmp_path: Path) -> Article:
    path = tmp_path / "summit.txt"
    path.write_text(TEXT, encoding="utf-8")
    return Article(key=str(path), path=path, title="Summit", text=TEXT)


def two_writers(article: Article) -> tuple[AnnotationStore, AnnotationSet, AnnotationStore, AnnotationSet]:
    """A saved file with three suggestions, loaded by two independent stores."""
    seed = AnnotationSet.from_suggestions(
        TEXT, [at("Xi Jinping", "PERSON"), at("Vladimir Putin", "PERSON"), at("Kursk", "GPE")]
    )
    AnnotationStore.for_article_path(article.path).save(article, seed, **MODEL)
    stores = [AnnotationStore.for_article_path(article.path) for _ in range(2)]
    loaded = [store.load(article) for store in stores]
    assert loaded[0] is not None and loaded[1] is not None
    return stores[0], loaded[0].annotations, stores[1], loaded[1].annotations


def on_disk(store: AnnotationStore, article: Article) -> dict[str, tuple[str, str, str]]:
    """id → (text, label, status) of the spans in the saved file."""
    document = store.read(store.path_for(article))
    return {a.id: (a.span.text, a.label, a.status) for a in document.annotations}


def test_edits_to_different_spans_are_merged_and_survive_later_saves(article: Article) -> None:
    mine_store, mine, theirs_store, theirs = two_writers(article)
    theirs.accept("m0")
    theirs_store.save(article, theirs, **MODEL)
    mine.reject("m2")
    result = mine_store.save_reporting(article, mine, **MODEL)
    assert (result.merged, result.conflicts, result.conflict_copy) == (1, 0, None)
    assert result.message == f"{result.file.name}: merged 1 edit from another writer"
    assert mine_store.reports == [result] and mine_store.conflicts == []
    assert mine_store.conflict_copies(article) == []
    saved = on_disk(mine_store, article)
    assert saved["m0"][2] == "accepted" and saved["m2"][2] == "rejected"
    mine.accept("m1")  # the next save of the same session must not drop the other writer's edit
    again = mine_store.save_reporting(article, mine, **MODEL)
    assert not again.notable
    assert [s[2] for s in on_disk(mine_store, article).values()] == ["accepted", "accepted", "rejected"]


def test_two_writers_of_an_article_never_saved_merge_their_decisions_on_different_spans(
    article: Article,
) -> None:
    """Two readers open an article with no annotation file: both start from the same suggestions, and
    the file has no base for them. One accepts a span, the other rejects another: both decisions are
    saved. (It was called a conflict on every suggestion; the first reader's accept was left in the
    conflict copy only, and the message said spans "were changed by both".)"""
    suggestions = [at("Xi Jinping", "PERSON"), at("Vladimir Putin", "PERSON"), at("Kursk", "GPE")]
    stores = [AnnotationStore.for_article_path(article.path) for _ in range(2)]
    assert [store.load(article) for store in stores] == [None, None]  # nothing saved yet
    theirs, mine = (AnnotationSet.from_suggestions(TEXT, suggestions) for _ in range(2))
    theirs.accept("m0")
    stores[0].save(article, theirs, **MODEL)
    mine.reject("m2")
    result = stores[1].save_reporting(article, mine, **MODEL)
    assert (result.merged, result.conflicts, result.conflict_copy) == (1, 0, None)
    assert result.message == f"{result.file.name}: merged 1 edit from another writer"
    saved = on_disk(stores[1], article)
    assert (saved["m0"][2], saved["m1"][2], saved["m2"][2]) == ("accepted", "suggested", "rejected")
    assert stores[1].conflict_copies(article) == []


def test_both_writers_deciding_the_same_new_suggestion_differently_is_still_a_conflict(
    article: Article,
) -> None:
    stores = [AnnotationStore.for_article_path(article.path) for _ in range(2)]
    theirs, mine = (AnnotationSet.from_suggestions(TEXT, [at("Kursk", "GPE")]) for _ in range(2))
    theirs.accept("m0")
    stores[0].save(article, theirs, **MODEL)
    mine.reject("m0")
    result = stores[1].save_reporting(article, mine, **MODEL)
    assert result.conflicts == 1 and result.conflict_copy is not None
    assert "1 span was changed by both" in result.message
    assert on_disk(stores[1], article)["m0"][2] == "rejected"  # this writer's, theirs in the copy


def test_spans_both_added_under_the_same_new_id_are_both_kept(article: Article) -> None:
    mine_store, mine, theirs_store, theirs = two_writers(article)
    their_span = theirs.add_span(*_bounds("Tuesday"), "DATE")
    my_span = mine.add_span(*_bounds("Putin", 1), "PERSON")
    assert their_span.id == my_span.id  # both sessions number their new spans the same way
    theirs_store.save(article, theirs, **MODEL)
    result = mine_store.save_reporting(article, mine, **MODEL)
    assert result.merged == 1 and result.conflict_copy is None
    saved = sorted(on_disk(mine_store, article).values())
    assert ("Tuesday", "DATE", "accepted") in saved and ("Putin", "PERSON", "accepted") in saved
    assert len(saved) == 5


def test_the_same_span_changed_differently_is_a_real_conflict_with_a_copy(article: Article) -> None:
    mine_store, mine, theirs_store, theirs = two_writers(article)
    theirs.relabel("m2", "LOC")
    theirs.accept("m0")
    theirs_store.save(article, theirs, **MODEL)
    mine.reject("m2")
    result = mine_store.save_reporting(article, mine, **MODEL)
    assert result.conflicts == 1 and result.merged == 1
    assert result.conflict_copy is not None and ".conflict-" in result.conflict_copy.name
    assert str(result.conflict_copy) in result.message and "changed by both" in result.message
    assert mine_store.conflict_copies(article) == [result.conflict_copy]
    assert mine_store.conflict_copies(article.key) == [result.conflict_copy]
    assert theirs_store.conflict_copies(article) == [result.conflict_copy]  # any process sees it
    assert mine_store.all_conflict_copies() == [result.conflict_copy]
    saved = on_disk(mine_store, article)
    assert saved["m2"] == ("Kursk", "GPE", "rejected") and saved["m0"][2] == "accepted"
    kept = mine_store.read(result.conflict_copy)
    assert next(a for a in kept.annotations if a.id == "m2").label == "LOC"
    assert mine_store.files() == [result.file]


def test_same_span_added_by_both_is_kept_once_and_different_labels_conflict(article: Article) -> None:
    mine_store, mine, theirs_store, theirs = two_writers(article)
    theirs.add_span(*_bounds("Tuesday"), "DATE")
    theirs.add_span(*_bounds("talks"), "EVENT")
    theirs_store.save(article, theirs, **MODEL)
    mine.accept("m1")
    mine.accept("m1")
    mine.add_span(*_bounds("Tuesday"), "DATE")
    mine.add_span(*_bounds("talks"), "WORK_OF_ART")
    result = mine_store.save_reporting(article, mine, **MODEL)
    assert result.conflicts == 1 and result.conflict_copy is not None
    labels = sorted(label for _, label, _ in on_disk(mine_store, article).values())
    assert labels == ["DATE", "GPE", "PERSON", "PERSON", "WORK_OF_ART"]


def test_a_deletion_by_the_other_writer_is_merged(article: Article) -> None:
    mine_store, mine, theirs_store, theirs = two_writers(article)
    theirs.delete("m1")
    theirs_store.save(article, theirs, **MODEL)
    mine.accept("m0")
    result = mine_store.save_reporting(article, mine, **MODEL)
    assert result.merged == 1 and result.conflict_copy is None
    assert sorted(on_disk(mine_store, article)) == ["m0", "m2"]


def test_a_file_touched_but_not_changed_is_not_another_writer(article: Article) -> None:
    mine_store, mine, _, _ = two_writers(article)
    file = mine_store.path_for(article)
    os.utime(file, ns=(1, 1))
    mine.accept("m0")
    result = mine_store.save_reporting(article, mine, **MODEL)
    assert not result.notable and mine_store.reports == []


def test_a_file_saved_against_another_text_is_kept_whole(article: Article) -> None:
    mine_store, mine, theirs_store, _ = two_writers(article)
    other_text = TEXT.replace("Tuesday", "Monday")
    other = Article(key=article.key, path=article.path, title="Summit", text=other_text)
    theirs_store.save(other, AnnotationSet(other_text), **MODEL)
    mine.accept("m0")
    result = mine_store.save_reporting(article, mine, **MODEL)
    assert result.other_text and result.conflict_copy is not None
    assert "different version of this text" in result.message
    assert on_disk(mine_store, article)["m0"][2] == "accepted"


def test_a_conflict_copy_that_cannot_be_made_stops_the_save(
    article: Article, monkeypatch: pytest.MonkeyPatch
) -> None:
    mine_store, mine, theirs_store, theirs = two_writers(article)
    theirs.relabel("m2", "LOC")
    theirs_store.save(article, theirs, **MODEL)
    before = mine_store.path_for(article).read_bytes()
    mine.reject("m2")

    def refuse(*args: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "link", refuse)
    monkeypatch.setattr("shutil.copyfile", refuse)
    with pytest.raises(StoreWriteError, match="could not be kept aside"):
        mine_store.save(article, mine, **MODEL)
    assert mine_store.path_for(article).read_bytes() == before


def test_concurrent_writers_lose_no_span(article: Article) -> None:
    """Two stores (as two processes) adding spans and saving at once: the folder lock makes each
    check-merge-write one step, so every span both added ends up in the file."""
    words = [w for w in dict.fromkeys(TEXT.replace(".", "").split()) if len(w) > 2]
    halves = [words[0::2], words[1::2]]
    AnnotationStore.for_article_path(article.path).save(article, AnnotationSet(TEXT), **MODEL)
    errors: list[BaseException] = []
    barrier = threading.Barrier(2)

    def writer(mine: list[str]) -> None:
        try:
            store = AnnotationStore.for_article_path(article.path)
            loaded = store.load(article)
            assert loaded is not None
            annotations = loaded.annotations
            barrier.wait()
            for word in mine:
                annotations.add_span(*_bounds(word), "X")
                store.save(article, annotations.snapshot(), **MODEL)
        except BaseException as error:  # reported below, in the test's thread
            errors.append(error)

    threads = [threading.Thread(target=writer, args=(half,)) for half in halves]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    final = on_disk(AnnotationStore.for_article_path(article.path), article)
    assert sorted(text for text, _, _ in final.values()) == sorted(words)


def test_autosaver_state_shows_unsaved_edits_and_the_failure_until_a_save_works() -> None:
    fail = [True]
    reports: list[object] = []
    errors: list[StoreError] = []

    def save(annotations: AnnotationSet) -> object:
        if fail[0]:
            raise StoreWriteError(Path("a.json"), "the disk is full; nothing was saved")
        from tui.store import SaveResult

        return SaveResult(Path("a.json"), merged=2)

    saver = Autosaver(save, delay=60, max_delay=60, on_error=errors.append, on_report=reports.append)
    annotations = AnnotationSet(TEXT)
    assert saver.state.unsaved_edits == 0 and not saver.state.failing
    annotations.add_span(0, 2, "PERSON")
    saver.changed(annotations)
    annotations.add_span(3, 10, "PERSON")
    saver.changed(annotations)
    assert saver.flush() is False
    state = saver.state
    assert state.unsaved_edits == 2 and state.failing and "disk is full" in str(state.failure)
    fail[0] = False
    assert saver.close() is True
    state = saver.state
    assert state.unsaved_edits == 0 and state.failure is None and not state.failing
    assert len(reports) == 1 and state.last_report is reports[0] and len(errors) == 1


def test_autosaver_turns_an_unexpected_exception_into_a_failure() -> None:
    def save(annotations: AnnotationSet) -> object:
        raise RuntimeError("bug in a save function")

    errors: list[StoreError] = []
    saver = Autosaver(save, delay=60, max_delay=60, on_error=errors.append)
    saver.changed(AnnotationSet(TEXT))
    assert saver.close() is False
    assert saver.state.failing and "RuntimeError: bug in a save function" in str(errors[0])


def _bounds(needle: str, nth: int = 0) -> tuple[int, int]:
    span = at(needle, "X", nth)
    return span.start, span.end
