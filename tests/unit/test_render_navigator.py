"""The article view's plain parts without Textual: what is highlighted, the cursor and the search."""

from __future__ import annotations

from tui.model import AnnotationSet, Span
from tui.render import Highlights, Navigator

TEXT = "Putin met Xi in Beijing on Tuesday. “Xi is a friend,” Putin said. Putin left."


def span(text: str, label: str, kind: str = "entity", occurrence: int = 0) -> Span:
    start = -1
    for _ in range(occurrence + 1):
        start = TEXT.index(text, start + 1)
    return Span(start, start + len(text), label, kind, text)  # type: ignore[arg-type]


def annotations() -> AnnotationSet:
    return AnnotationSet.from_suggestions(
        TEXT,
        [
            span("Putin", "PERSON"),
            span("Xi", "PERSON"),
            span("Beijing", "GPE"),
            span("Tuesday", "DATE", "number"),
            span("“Xi is a friend,”", "QUOTE", "quote"),
            span("Xi", "PERSON", occurrence=1),
            span("Putin", "PERSON", occurrence=1),
            span("Putin", "PERSON", occurrence=2),
        ],
    )


def shown(highlights: Highlights) -> list[str]:
    return [a.span.text for a in highlights.shown]


def test_filters_hide_kinds_and_labels_and_the_key_follows_every_change() -> None:
    highlights = Highlights()
    anns = annotations()
    assert highlights.show(anns)
    key = highlights.key
    assert not highlights.show(anns), "the same set at the same version changes nothing"
    assert highlights.set_filters(frozenset({"number"}), frozenset({"GPE"}))
    assert "Tuesday" not in shown(highlights) and "Beijing" not in shown(highlights)
    assert highlights.key != key
    key = highlights.key
    anns.reject(anns.ordered[0].id)
    assert highlights.key != key, "an edit changes the key the line cache uses"
    assert highlights.show(anns)


def test_a_rejected_label_under_a_kept_one_is_not_drawn() -> None:
    anns = annotations()
    beijing = next(a for a in anns if a.span.text == "Beijing")
    anns.reject(beijing.id)
    placed = anns.add_span(beijing.start, beijing.end, "LOC")
    highlights = Highlights()
    highlights.show(anns)
    drawn = highlights.drawn(beijing.start, beijing.end)
    assert [a.id for a in drawn] == [placed.id]
    assert len(highlights.index.covering(beijing.start)) == 2, "the cursor still finds the rejected one"


def test_the_quote_around_a_name_and_the_mouse_tip() -> None:
    highlights = Highlights()
    highlights.show(annotations())
    inner = next(a for a in highlights.shown if a.span.text == "Xi" and a.start > TEXT.index("“"))
    quote = highlights.quote_around(inner)
    assert quote is not None and quote.kind == "quote"
    assert highlights.speaker_tip(inner.start) == "speaker unknown"
    assert highlights.speaker_tip(0) is None


def navigator_over(anns: AnnotationSet) -> Navigator:
    highlights = Highlights()
    highlights.show(anns)
    navigator = Navigator()
    navigator.follow(highlights.shown)
    return navigator


def test_steps_by_kind_label_and_mention_wrap_around() -> None:
    navigator = navigator_over(annotations())
    move = navigator.step(None, forward=True, origin=0)
    assert move is not None and navigator.shown[move.target].span.text == "Putin"
    navigator.cursor = move.target
    move = navigator.step(navigator.cursor, forward=True, origin=0, kind="number")
    assert move is not None and navigator.shown[move.target].span.text == "Tuesday"
    mention = navigator.same_entity(forward=False)
    assert mention is not None and mention.wrapped, "previous mention of the first Putin wraps to the last"
    assert navigator.shown[mention.target].start == TEXT.rindex("Putin")


def test_the_cursor_follows_its_annotation_when_the_shown_spans_change() -> None:
    anns = annotations()
    navigator = navigator_over(anns)
    navigator.cursor = next(i for i, a in enumerate(navigator.shown) if a.span.text == "Beijing")
    tuesday = next(a for a in anns if a.span.text == "Tuesday")
    anns.delete(tuesday.id)
    assert navigator.follow(anns.ordered)
    assert navigator.current is not None and navigator.current.span.text == "Beijing"
    assert not navigator.follow([a for a in anns.ordered if a.label != "GPE"]), "hidden: the cursor is lost"
    assert navigator.cursor is None


def test_search_starts_after_the_cursor_and_wraps() -> None:
    navigator = navigator_over(annotations())
    assert navigator.search(TEXT, "putin") == 3
    navigator.cursor = next(i for i, a in enumerate(navigator.shown) if a.span.text == "Beijing")
    first = navigator.next_match(forward=True, origin=0)
    assert first is not None and first.start == TEXT.index("Putin", 10)
    navigator.next_match(forward=True, origin=0)
    third = navigator.next_match(forward=True, origin=0)
    assert third is not None and third.start == 0, "after the last match comes the first"
    assert navigator.spans_at(third.start) == [0]
    navigator.search(TEXT, "")
    assert navigator.matches == [] and navigator.current_match is None


def test_the_report_names_ranks_and_the_quote() -> None:
    navigator = navigator_over(annotations())
    highlights = Highlights()
    highlights.show(annotations())
    navigator.cursor = next(i for i, a in enumerate(navigator.shown) if a.start == TEXT.index("Xi", 20))
    report = navigator.report(highlights.quote_around)
    assert report is not None
    assert (report.label_rank, report.label_total, report.mention_rank, report.mention_total) == (3, 5, 2, 2)
    assert report.inside_quote is not None

