"""Killing a process with SIGKILL at random moments, 200 times, never loses a completed save.

A forked child keeps editing and saving one article's annotations as fast as it can, appending the edit's
number to an unbuffered log after each save returns. The parent kills it at a random moment, then checks
that the annotation file is valid, loads, and holds exactly the state after the last logged edit or a
later one (a save may complete just before the kill, before its number reaches the log), history
included.
"""

from __future__ import annotations

import multiprocessing
import random
from pathlib import Path

import pytest

from tui.model import AnnotationSet, Article, Span
from tui.store import MAX_SAVED_HISTORY, AnnotationStore

ROUNDS = 200
SPANS = 40
TEXT = " ".join(f"Word{n:03d}" for n in range(SPANS)) + "."


def make_article(folder: Path) -> Article:
    path = folder / "article.txt"
    return Article(str(path), path, "Crash test", TEXT)


def fresh_set() -> AnnotationSet:
    spans = [Span(n * 8, n * 8 + 7, "PERSON", "entity", TEXT[n * 8 : n * 8 + 7]) for n in range(SPANS)]
    return AnnotationSet.from_suggestions(TEXT, spans)


def expected_notes(last: int) -> dict[str, str]:
    """Edit ``n`` sets the note of span ``m{n % SPANS}`` to ``str(n)``: the state after edit ``last``."""
    notes = {f"m{i}": "" for i in range(SPANS)}
    for n in range(max(0, last - SPANS + 1), last + 1):
        notes[f"m{n % SPANS}"] = str(n)
    return notes


def edit_forever(folder: Path, log_path: Path) -> None:
    """The child: continue from the saved file, then edit and save until killed."""
    article = make_article(folder)
    store = AnnotationStore.for_article_path(article.path)
    loaded = store.load(article)
    anns = loaded.annotations if loaded else fresh_set()
    numbers = [int(a.note) for a in anns if a.note]
    n = max(numbers, default=-1) + 1
    with open(log_path, "ab", buffering=0) as log:
        while True:
            anns.set_note(f"m{n % SPANS}", str(n))
            store.save(article, anns, model="crash", extractor_version="1")
            log.write(f"{n}\n".encode())
            n += 1


def last_logged(log_path: Path) -> int:
    lines = log_path.read_bytes().split(b"\n") if log_path.exists() else []
    complete = [int(line) for line in lines[:-1]]  # the last piece may be a cut-off line
    return max(complete, default=-1)


@pytest.mark.slow
def test_sigkill_at_random_moments_never_loses_a_completed_save(tmp_path: Path) -> None:
    article = make_article(tmp_path)
    article.path.write_text(TEXT, encoding="utf-8")
    log_path = tmp_path / "done.log"
    context = multiprocessing.get_context("fork")  # the child starts in milliseconds, imports shared
    rng = random.Random()  # a new sequence of kill moments on every run
    edits_seen = 0
    for _ in range(ROUNDS):
        child = context.Process(target=edit_forever, args=(tmp_path, log_path))
        child.start()
        child.join(timeout=rng.uniform(0.0, 0.08))  # the random moment of the kill
        child.kill()
        child.join()
        assert child.exitcode == -9, "the child stopped by itself: it must have failed"
        last = last_logged(log_path)
        loaded = AnnotationStore.for_article_path(article.path).load(article)
        if last < 0 and loaded is None:
            continue  # killed before its first save completed
        assert loaded is not None, f"edit {last} was saved but the file is missing"
        notes = {a.id: a.note for a in loaded.annotations}
        saved = max((int(v) for v in notes.values() if v), default=-1)
        # Nothing logged is lost; at most one save per round completed without reaching the log.
        assert saved >= last, f"edit {last} was saved but the file holds only up to {saved}"
        assert saved <= max(last, edits_seen) + 1, f"file holds {saved}, more than was made"
        assert notes == expected_notes(saved)
        assert len(loaded.annotations.undo_stack) == min(saved + 1, MAX_SAVED_HISTORY)
        edits_seen = saved
    print(f"{ROUNDS} kills, {edits_seen + 1} edits saved")
    # About three saves complete per round on an idle machine; far fewer means the kills mostly hit
    # start-up and the test proved little (a loaded machine still clears this bar).
    assert edits_seen > ROUNDS // 2, f"only {edits_seen} edits in {ROUNDS} rounds: too few to prove much"
    store = AnnotationStore.for_article_path(article.path)
    assert store.files() == [store.path_for(article)]  # temporaries of killed saves are not listed
    store.clean_temporaries(older_than=0)
    assert sorted(p.name for p in store.folder.iterdir()) == [store.path_for(article).name]
