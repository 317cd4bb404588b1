""" "PERSON n of N" on the status line: right after every change, and without a walk per keypress.

Each jump key asks the navigator for the cursor's rank among its label's mentions. Counted by walking
the label's spans, that was a walk over 18,000 spans per keypress on War and Peace (next entity median
about twice the reader's before the redesign, in bench/tui.py).
"""

from __future__ import annotations

import pytest

from tui.model import AnnotationSet, Span
from tui.render import Highlights, Navigator

TEXT = "Putin met Xi. Putin spoke. Xi left. Putin stayed. Xi smiled. Putin waved."


def person_spans() -> list[Span]:
    spans = []
    for name in ("Putin", "Xi"):
        start = TEXT.find(name)
        while start >= 0:
            spans.append(Span(start, start + len(name), "PERSON", "entity", name))
            start = TEXT.find(name, start + 1)
    return spans


def naive_rank(navigator: Navigator, cursor: int) -> tuple[int, int]:
    """The definition: mentions (not rejected) of the cursor's label before it, plus one; and all."""
    label = navigator.shown[cursor].label
    mentions = [i for i, a in enumerate(navigator.shown) if a.label == label and a.status != "rejected"]
    return sum(1 for i in mentions if i < cursor) + 1, len(mentions)


def shown_on(navigator: Navigator, highlights: Highlights, annotations: AnnotationSet) -> None:
    highlights.show(annotations)
    navigator.follow(highlights.shown)


def test_the_rank_is_the_count_of_mentions_before_the_cursor_also_after_a_rejection() -> None:
    annotations = AnnotationSet.from_suggestions(TEXT, person_spans())
    highlights, navigator = Highlights(), Navigator()
    shown_on(navigator, highlights, annotations)
    for cursor in range(len(navigator.shown)):
        navigator.cursor = cursor
        report = navigator.report(highlights.quote_around)
        assert report is not None
        assert (report.label_rank, report.label_total) == naive_rank(navigator, cursor) == (cursor + 1, 7)
    annotations.reject(navigator.shown[2].id)  # counted once before: the count must follow the edit
    shown_on(navigator, highlights, annotations)
    for cursor in range(len(navigator.shown)):
        navigator.cursor = cursor
        report = navigator.report(highlights.quote_around)
        assert report is not None
        assert (report.label_rank, report.label_total) == naive_rank(navigator, cursor)
    assert naive_rank(navigator, 5)[1] == 6


def test_moving_the_cursor_does_not_walk_the_labels_spans_again(monkeypatch: pytest.MonkeyPatch) -> None:
    annotations = AnnotationSet.from_suggestions(TEXT, person_spans())
    highlights, navigator = Highlights(), Navigator()
    shown_on(navigator, highlights, annotations)
    navigator.cursor = 0
    navigator.report(highlights.quote_around)
    asked: list[object] = []
    import tui.render.navigator as module

    real = module.is_mention
    monkeypatch.setattr(module, "is_mention", lambda a: asked.append(a) or real(a))
    for cursor in range(len(navigator.shown)):
        navigator.cursor = cursor
        navigator.report(highlights.quote_around)
    walks_of_the_label = len(navigator.shown) * len(navigator.shown)  # all 7 are PERSON: 7 per key
    assert len(asked) < walks_of_the_label  # what is left is ``*``'s own entity's mentions
