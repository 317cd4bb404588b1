"""The autosaver: saves soon after changes, coalesces bursts, saves what is pending on close."""

from __future__ import annotations

import errno
import threading
from pathlib import Path

import pytest

from tui.model import AnnotationSet, Article, Span
from tui.store import AnnotationStore, StoreError, StoreWriteError
from tui.store.autosave import Autosaver

TEXT = "Xi Jinping met Vladimir Putin in Moscow."


def fresh() -> AnnotationSet:
    return AnnotationSet.from_suggestions(TEXT, [Span(0, 10, "PERSON", "entity", TEXT[:10])])


def test_background_save_reaches_the_file(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(TEXT, encoding="utf-8")
    article = Article(str(path), path, "t", TEXT)
    store = AnnotationStore.for_article_path(path)
    saved = threading.Event()
    autosaver = Autosaver(
        lambda a: store.save(article, a, model="m", extractor_version="1"),
        delay=0.01,
        on_saved=lambda version: saved.set(),
    )
    anns = fresh()
    anns.accept("m0")
    autosaver.changed(anns)
    assert saved.wait(timeout=10), "the background thread did not save"
    loaded = store.load(article)
    assert loaded is not None and loaded.annotations.ordered == anns.ordered
    assert autosaver.close()


def test_close_saves_the_last_change_synchronously() -> None:
    saves: list[int] = []
    autosaver = Autosaver(lambda a: saves.append(a.version), delay=60, max_delay=60)
    anns = fresh()
    for _ in range(5):
        anns.accept("m0") if anns.require("m0").status != "accepted" else anns.reject("m0")
        autosaver.changed(anns)
    assert autosaver.pending
    assert autosaver.close()
    assert saves == [anns.version]  # one save, of the newest state
    assert not autosaver.pending


def test_a_failed_save_is_reported_kept_and_retried_on_flush() -> None:
    errors: list[StoreError] = []
    attempts: list[int] = []

    def save(annotations: AnnotationSet) -> None:
        attempts.append(annotations.version)
        if len(attempts) == 1:
            raise StoreWriteError(Path("x.json"), f"disk full ({errno.ENOSPC})")

    autosaver = Autosaver(save, delay=60, max_delay=60, on_error=errors.append)
    anns = fresh()
    anns.accept("m0")
    autosaver.changed(anns)
    assert autosaver.flush() is False and len(errors) == 1 and autosaver.pending
    assert autosaver.flush() is True and attempts == [anns.version, anns.version]
    assert autosaver.close()


def test_snapshot_edits_do_not_leak_into_the_original() -> None:
    anns = fresh()
    snap = anns.snapshot()
    snap.reject("m0")
    added = anns.add_span(15, 29, "PERSON")
    assert anns.require("m0").status == "suggested" and snap.get(added.id) is None


@pytest.mark.parametrize("calls", [0, 1])
def test_close_without_changes_saves_nothing(calls: int) -> None:
    saves: list[int] = []
    autosaver = Autosaver(lambda a: saves.append(a.version))
    for _ in range(calls):
        autosaver.flush()
    assert autosaver.close() and saves == []
