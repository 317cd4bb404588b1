"""Unit tests of the shared document model: spans, annotations, undo/redo."""

from __future__ import annotations

import pytest

from tui.model import Annotation, AnnotationSet, Span, Speaker

TEXT = "Xi Jinping met Vladimir Putin. “Old friend,” he said."


def person(start: int, end: int) -> Span:
    return Span(start, end, "PERSON", "entity", TEXT[start:end])


def test_span_json_round_trip_keeps_quote_fields_and_unknown_keys() -> None:
    quote = Span(
        31,
        44,
        "QUOTE",
        "quote",
        TEXT[31:44],
        cue="said",
        speaker=Speaker(45, 47, "he"),
        speaker_name="Vladimir Putin",
        extra={"score": 0.5},
    )
    data = quote.to_json()
    assert data["speaker"] == {"start": 45, "end": 47, "text": "he"}
    assert data["score"] == 0.5
    assert Span.from_json(data) == quote


def test_span_rejects_empty_or_negative_offsets() -> None:
    with pytest.raises(ValueError):
        Span(5, 5, "PERSON", "entity", "")


def test_undo_redo_restore_exact_states() -> None:
    anns = AnnotationSet.from_suggestions(TEXT, [person(0, 10), person(15, 29)])
    first = anns.ordered[0]
    before = list(anns.ordered)
    anns.reject(first.id)
    added = anns.add(Span(31, 41, "QUOTE", "quote", TEXT[31:41]))
    assert anns.get(first.id) is not None and anns.get(first.id).status == "rejected"  # type: ignore[union-attr]
    assert len(anns) == 3
    anns.undo()
    anns.undo()
    assert anns.ordered == before
    anns.redo()
    assert anns.get(first.id).status == "rejected"  # type: ignore[union-attr]
    assert added.id not in anns
    assert anns.version == 5


def test_annotation_json_round_trip() -> None:
    ann = Annotation("h1", person(0, 10), "human", "accepted", "checked", "2026-11-29T00:00:00+00:00")
    assert Annotation.from_json(ann.to_json()) == ann
