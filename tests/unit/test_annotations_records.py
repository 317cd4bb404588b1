"""History records turn into compact JSON and back without losing anything."""

from __future__ import annotations

from tui.model import Annotation, Change, Edit, Span, Speaker

QUOTE = Span(0, 8, "QUOTE", "quote", "“Hello,”", cue="said", speaker=Speaker(9, 11, "he"))


def test_in_place_change_stores_only_what_differed() -> None:
    before = Annotation("m0", QUOTE, "model", "suggested", "", "2026-01-01T00:00:00+00:00")
    after = before.evolve(status="accepted", note="ok", updated="2026-01-02T00:00:00+00:00")
    data = Change(before, after).to_json()
    assert data["was"] == {"status": "suggested", "note": "", "updated": "2026-01-01T00:00:00+00:00"}
    assert "before" not in data
    assert Change.from_json(data) == Change(before, after)


def test_fields_that_appear_or_disappear_round_trip() -> None:
    number = Annotation("m1", Span(0, 2, "CARDINAL", "number", "15"), updated="t")
    valued = number.evolve(span=number.span.evolve(value=15.0), updated="t")
    extra = number.evolve(span=number.span.evolve(extra={"score": 1}), updated="t")
    for before, after in ((number, valued), (valued, number), (number, extra), (extra, number)):
        assert Change.from_json(Change(before, after).to_json()) == Change(before, after)
        restored = Change.from_json(Change(before, after).to_json())
        assert restored.before is not None and restored.before.span.extra == before.span.extra


def test_additions_deletions_and_edits_round_trip() -> None:
    ann = Annotation("h0", QUOTE, "human", "accepted", "n", "t")
    edit = Edit("two things", (Change(None, ann), Change(ann, None)))
    assert Edit.from_json(edit.to_json()) == edit
    assert edit.inverted().inverted() == edit
