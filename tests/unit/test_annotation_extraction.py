"""The reader's extraction job without a screen: progress events, the finished spans, cancelling."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from pathlib import Path

from tui.annotation import Extraction, ExtractorHolder, Finished, Progress
from tui.model import Article, Span

TEXT = "Putin met Xi. " * 40


class Chunked:
    """Yields one span per sentence, one sentence per chunk."""

    model_name = "chunked"

    def __init__(self) -> None:
        self.calls = 0

    def extract_progressively(self, text: str) -> Iterator[list[Span]]:
        for start in range(0, len(text), 14):
            self.calls += 1
            yield [
                Span(start + 10, start + 12, "PERSON", "entity", "Xi"),
                Span(start, start + 5, "PERSON", "entity", "Putin"),
            ]


def article() -> Article:
    return Article(key="k", path=Path("k.txt"), title="K", text=TEXT)


def test_progress_comes_first_then_now_and_then_then_the_finished_spans() -> None:
    ticks = itertools.count()
    job = Extraction(Chunked(), clock=lambda: next(ticks) * 0.1)
    events = list(job.article(article(), lambda: False))
    assert isinstance(events[0], Progress) and events[0].done == 0.0 and events[0].annotations == []
    assert isinstance(events[1], Progress) and len(events[1].annotations) == 2, "the top paints at once"
    progress = [e for e in events if isinstance(e, Progress)]
    assert 3 <= len(progress) < 40, "later chunks are painted every few tenths of a second, not each"
    finished = events[-1]
    assert isinstance(finished, Finished) and len(finished.spans) == 80
    assert [s.start for s in finished.spans] == sorted(s.start for s in finished.spans)
    assert len(finished.index) == 80
    ids = [a.id for a in progress[-1].annotations]
    assert len(ids) == len(set(ids)), "each suggestion gets its own id"


def test_a_cancelled_job_stops_and_finishes_nothing() -> None:
    extractor = Chunked()
    job = Extraction(extractor)
    seen: list[object] = []
    for event in job.article(article(), lambda: len(seen) >= 2):
        seen.append(event)
    assert not any(isinstance(e, Finished) for e in seen)
    assert extractor.calls < 40
    assert job.count(TEXT, lambda: True) is None
    assert len(job.count(TEXT, lambda: False) or []) == 80


def test_the_holder_says_what_the_status_line_shows() -> None:
    holder = ExtractorHolder()
    assert holder.state == "loading model…" and holder.extractor is None
    holder.loaded(Chunked())
    assert holder.describe(3) == "3 highlights · chunked"
    assert holder.identity()[0] == "chunked"
    holder.failed_to_load()
    assert holder.failed and "no model" in holder.state


def test_the_holder_asks_for_the_model_once_when_a_reader_waits_for_it() -> None:
    holder = ExtractorHolder()
    asked: list[int] = []
    holder.on_needed = lambda: asked.append(1)
    assert holder.describe(4) == "4 highlights · from the corpus index"  # no model asked for yet
    assert asked == [] and not holder.requested
    assert holder.state == "loading model…" and asked == [], "reading the state starts nothing"
    holder.need()  # the reader waits for the model
    holder.need()
    assert asked == [1] and holder.requested
    assert holder.describe(4) == "4 highlights · loading model…"
    holder.loaded(Chunked())
    assert holder.state == "chunked" and asked == [1]
