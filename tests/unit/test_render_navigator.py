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


def test_a_match_moves_the_one_cursor_onto_the_span_there_or_onto_no_span() -> None:
    highlights = Highlights()
    highlights.show(annotations())
    navigator = Navigator()
    navigator.follow(highlights.shown)
    navigator.search(TEXT, "beijing")
    navigator.next_match(forward=True, origin=0)
    assert navigator.land_on_match() is not None
    assert navigator.current is not None and navigator.current.span.text == "Beijing"
    navigator.search(TEXT, "friend")
    navigator.next_match(forward=True, origin=0)
    navigator.land_on_match()
    # "friend" is inside the quote: the quote is the span there
    assert navigator.current is not None and navigator.current.kind == "quote"
    navigator.search(TEXT, "left")
    navigator.next_match(forward=True, origin=0)
    assert navigator.land_on_match() is None and navigator.current is None
    assert navigator.anchor == TEXT.index("left")
    navigator.search(TEXT, "")
    assert navigator.anchor == TEXT.index("left"), "clearing the search keeps the reader's place"


def test_next_unreviewed_skips_decided_spans_across_labels_and_wraps() -> None:
    anns = annotations()
    highlights = Highlights()
    highlights.show(anns)
    navigator = Navigator()
    navigator.follow(highlights.shown)
    shown = highlights.shown
    anns.accept(shown[1].id)  # Xi
    anns.reject(shown[2].id)  # Beijing
    highlights.show(anns)
    navigator.follow(highlights.shown)
    shown = highlights.shown
    move = navigator.next_unreviewed(forward=True, origin=0)
    assert move is not None and move.target == 0 and not move.wrapped
    navigator.cursor = 0
    move = navigator.next_unreviewed(forward=True, origin=0)
    assert move is not None and shown[move.target].span.text == "Tuesday", "decided spans are skipped"
    move = navigator.next_unreviewed(forward=False, origin=0)
    assert move is not None and move.wrapped and move.target == len(shown) - 1
    for annotation in shown:
        if annotation.status == "suggested" and annotation.id != shown[0].id:
            anns.accept(annotation.id)
    highlights.show(anns)
    navigator.follow(highlights.shown)
    assert navigator.next_unreviewed(forward=True, origin=0) is None, "the cursor's own span is not next"


def test_a_rejected_span_is_no_mention_and_an_only_mention_does_not_wrap() -> None:
    anns = annotations()
    highlights = Highlights()
    highlights.show(anns)
    putins = [a for a in highlights.shown if a.span.text == "Putin"]
    anns.reject(putins[1].id)
    highlights.show(anns)
    navigator = Navigator()
    navigator.follow(highlights.shown)
    shown = highlights.shown
    navigator.cursor = next(i for i, a in enumerate(shown) if a.id == putins[0].id)
    move = navigator.same_entity(forward=True)
    assert move is not None and shown[move.target].id == putins[2].id and not move.wrapped
    report = navigator.report(lambda a: None)
    assert report is not None and (report.mention_rank, report.mention_total) == (1, 2)
    navigator.cursor = next(i for i, a in enumerate(shown) if a.span.text == "Beijing")
    assert navigator.same_entity(forward=True) is None, "the only mention: nowhere to go, no wrap"


def test_a_labels_total_counts_mentions_as_the_entity_panel_does() -> None:
    """Issue 11 row 17: "PERSON n of N" leaves rejected spans out, like the panel's heading."""
    anns = annotations()
    putins = [a for a in anns.ordered if a.span.text == "Putin"]
    before = navigator_over(anns)
    before.cursor = before.position_of(putins[2].id)
    first = before.report(Highlights().quote_around)
    assert first is not None
    anns.reject(putins[0].id)
    navigator = navigator_over(anns)
    navigator.cursor = navigator.position_of(putins[2].id)
    report = navigator.report(Highlights().quote_around)
    assert report is not None
    assert report.label_total == first.label_total - 1
    assert report.label_rank == first.label_rank - 1
