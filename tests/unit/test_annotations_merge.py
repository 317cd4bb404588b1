"""Merging fresh extractor output into annotations a person has worked on."""

from __future__ import annotations

from tui.model import AnnotationSet, Span, merge_suggestions

TEXT = "Kursk hosted Putin and Xi in Moscow on Victory Day."


def sp(needle: str, label: str) -> Span:
    start = TEXT.index(needle)
    return Span(start, start + len(needle), label, "entity", needle)


def test_rejected_stay_rejected_and_accepted_are_not_duplicated() -> None:
    anns = AnnotationSet.from_suggestions(TEXT, [sp("Kursk", "PRODUCT"), sp("Putin", "PERSON")])
    anns.reject("m0")
    anns.accept("m1")
    result = merge_suggestions(anns, [sp("Kursk", "PRODUCT"), sp("Putin", "PERSON"), sp("Xi", "PERSON")])
    assert (result.added, result.skipped, result.dropped) == (1, 2, 0)
    assert [(a.span.text, a.label, a.status) for a in anns] == [
        ("Kursk", "PRODUCT", "rejected"),
        ("Putin", "PERSON", "accepted"),
        ("Xi", "PERSON", "suggested"),
    ]


def test_a_persons_relabel_wins_over_the_models_label() -> None:
    anns = AnnotationSet.from_suggestions(TEXT, [sp("Kursk", "PRODUCT")])
    anns.relabel("m0", "GPE")
    result = merge_suggestions(anns, [sp("Kursk", "PRODUCT")])
    assert result.added == 0 and [a.label for a in anns] == ["GPE"]


def test_a_rejection_of_one_label_does_not_block_another_label() -> None:
    anns = AnnotationSet.from_suggestions(TEXT, [sp("Kursk", "PRODUCT")])
    anns.reject("m0")
    merge_suggestions(anns, [sp("Kursk", "GPE")])
    assert sorted((a.label, a.status) for a in anns) == [("GPE", "suggested"), ("PRODUCT", "rejected")]


def test_resized_spans_are_not_brought_back_at_the_old_boundaries() -> None:
    anns = AnnotationSet.from_suggestions(TEXT, [sp("Victory Day.", "EVENT")])
    start = TEXT.index("Victory")
    anns.set_bounds("m0", start, start + len("Victory Day"))
    assert merge_suggestions(anns, [sp("Victory Day.", "EVENT")]).added == 0
    assert len(anns) == 1


def test_human_spans_never_duplicated_and_stale_suggestions_dropped() -> None:
    spans = [sp("Moscow", "GPE"), sp("Xi", "PERSON"), sp("Putin", "PERSON")]
    anns = AnnotationSet.from_suggestions(TEXT, spans)
    anns.add_span(*_range("Victory Day"), "EVENT")
    putin = next(a.id for a in anns if a.span.text == "Putin")
    anns.set_note(putin, "check")  # a noted suggestion is never dropped
    result = merge_suggestions(anns, [sp("Victory Day", "EVENT"), sp("Xi", "PERSON")])
    assert (result.added, result.dropped) == (0, 1)
    assert sorted(a.span.text for a in anns) == ["Putin", "Victory Day", "Xi"]
    assert not any(e.description.startswith("merge") for e in anns.undo_stack)  # not a person's edit


def test_partial_merge_keeps_everything_and_refreshes_details() -> None:
    anns = AnnotationSet.from_suggestions(TEXT, [sp("Moscow", "GPE"), sp("Xi", "PERSON")])
    better = sp("Xi", "PERSON").evolve(extra={"score": 0.9})
    before = len(anns.undo_stack)
    result = merge_suggestions(anns, [better], drop_stale=False)
    assert (result.added, result.dropped) == (0, 0) and len(anns) == 2
    assert len(anns.undo_stack) == before


def test_fresh_ids_do_not_collide() -> None:
    anns = AnnotationSet.from_suggestions(TEXT, [sp("Moscow", "GPE")])
    merge_suggestions(anns, [sp("Moscow", "GPE"), sp("Xi", "PERSON"), sp("Putin", "PERSON")])
    assert len({a.id for a in anns}) == 3


def _range(needle: str) -> tuple[int, int]:
    start = TEXT.index(needle)
    return start, start + len(needle)
