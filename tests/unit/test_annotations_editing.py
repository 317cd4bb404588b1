"""The operations a person performs on annotations: each is one undoable step with the right effect."""

from __future__ import annotations

from pathlib import Path

import pytest

from tui.model import AnnotationSet, Span, Speaker, default_label_config, describe, load_label_config

TEXT = (
    "Putin met Xi in Kursk on Friday. “We are old friends,” Putin said. "
    "Kursk is quiet; Kursk's mayor and the Kurskaya station agree. Rosneft paid $15,000."
)


def at(needle: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = TEXT.index(needle, start + 1)
    return start, start + len(needle)


def span(needle: str, label: str, kind: str = "entity", nth: int = 0) -> Span:
    start, end = at(needle, nth)
    return Span(start, end, label, kind, needle)  # type: ignore[arg-type]


@pytest.fixture
def anns() -> AnnotationSet:
    quote = span("“We are old friends,”", "QUOTE", "quote")
    return AnnotationSet.from_suggestions(
        TEXT,
        [
            span("Putin", "PERSON"),
            span("Xi", "PERSON"),
            span("Kursk", "PRODUCT"),
            span("Friday", "DATE"),
            quote,
            span("Rosneft", "ORG"),
            Span(*at("$15,000"), "MONEY", "number", "$15,000", value=15000.0),
        ],
    )


def by_text(anns: AnnotationSet, text: str, label: str | None = None) -> str:
    return next(a.id for a in anns if a.span.text == text and (label is None or a.label == label))


def test_accept_and_reject_are_single_undoable_steps(anns: AnnotationSet) -> None:
    putin, kursk = by_text(anns, "Putin"), by_text(anns, "Kursk")
    anns.accept(putin)
    anns.reject(kursk)
    assert anns.require(putin).status == "accepted"
    assert anns.require(kursk).status == "rejected"
    assert anns.unreviewed() == 5
    assert anns.undo() is not None and anns.require(kursk).status == "suggested"
    assert anns.undo() is not None and anns.require(putin).status == "suggested"
    assert anns.undo_stack == [] and len(anns.redo_stack) == 2


def test_review_remaining_of_one_label_then_all(anns: AnnotationSet) -> None:
    anns.reject(by_text(anns, "Xi"))
    assert anns.review_remaining("accepted", label="PERSON") == 1  # Xi stays rejected
    assert anns.require(by_text(anns, "Xi")).status == "rejected"
    assert anns.review_remaining("rejected") == 5
    assert anns.unreviewed() == 0
    assert anns.review_remaining("rejected") == 0  # nothing left: no empty step in the history
    assert len(anns.undo_stack) == 3
    anns.undo()
    assert anns.unreviewed() == 5


def test_relabel_follows_kind_and_accepts(anns: AnnotationSet) -> None:
    kursk = by_text(anns, "Kursk")
    relabelled = anns.relabel(kursk, "GPE")
    assert (relabelled.label, relabelled.kind, relabelled.status) == ("GPE", "entity", "accepted")
    money = anns.relabel(by_text(anns, "$15,000"), "CARDINAL")
    assert money.kind == "number" and money.span.value == 15000.0  # same kind keeps the value
    claim = anns.relabel(by_text(anns, "“We are old friends,”"), "CLAIM", kind="entity")
    assert claim.kind == "entity" and claim.span.cue is None and claim.span.speaker is None
    anns.undo()
    assert anns.require(claim.id).kind == "quote"


def test_relabel_with_a_custom_label_uses_its_declared_kind(anns: AnnotationSet, tmp_path: Path) -> None:
    (tmp_path / "gloss.toml").write_text('[labels.AMOUNT]\nkey = "a"\nkind = "number"\n', encoding="utf-8")
    config = load_label_config(tmp_path)
    done = anns.relabel(by_text(anns, "$15,000"), "AMOUNT", kind=config.kind_for("AMOUNT"))
    assert done.kind == "number"


def test_set_bounds_takes_text_from_the_article(anns: AnnotationSet) -> None:
    putin = by_text(anns, "Putin")
    start, end = at("Putin met")
    moved = anns.set_bounds(putin, start, end)
    assert moved.span.text == "Putin met" and moved.status == "accepted"
    money = anns.set_bounds(by_text(anns, "$15,000"), *at("15,000"))
    assert money.span.text == "15,000" and money.span.value is None
    with pytest.raises(ValueError):
        anns.set_bounds(putin, 5, 5)
    with pytest.raises(ValueError):
        anns.set_bounds(putin, 0, len(TEXT) + 1)


def test_delete_note_and_undo(anns: AnnotationSet) -> None:
    rosneft = by_text(anns, "Rosneft")
    anns.set_note(rosneft, "state oil company")
    assert anns.require(rosneft).note == "state oil company"
    assert anns.undo_stack[-1].description.startswith("note on ORG")
    anns.set_note(rosneft, "")
    anns.delete(rosneft)
    assert rosneft not in anns
    anns.undo()
    anns.undo()
    assert anns.require(rosneft).note == "state oil company"


def test_link_quote_to_speaker(anns: AnnotationSet) -> None:
    quote = by_text(anns, "“We are old friends,”")
    second_putin = anns.add_span(*at("Putin", 1), "PERSON")
    linked = anns.link_speaker(quote, second_putin.id)
    assert linked.span.speaker == Speaker(*at("Putin", 1), "Putin")
    assert linked.status == "accepted"
    with pytest.raises(ValueError):
        anns.link_speaker(by_text(anns, "Xi"), second_putin.id)  # not a quote
    with pytest.raises(ValueError):
        anns.link_speaker(quote, by_text(anns, "$15,000"))  # a number cannot speak
    assert anns.link_speaker(quote, None).span.speaker is None
    anns.undo()
    assert anns.require(quote).span.speaker is not None


def test_add_span_never_duplicates(anns: AnnotationSet) -> None:
    before = len(anns)
    added = anns.add_span(*at("Friday"), "DATE")  # the model's suggestion: accepted, not duplicated
    assert len(anns) == before and added.status == "accepted" and added.source == "model"
    event = anns.add_span(*at("old friends"), "EVENT", note="hm")
    assert (event.source, event.status, event.note) == ("human", "accepted", "hm")
    assert event.span.text == "old friends"
    with pytest.raises(ValueError):
        anns.add_span(10, 10, "EVENT")
    assert describe(event) == "EVENT “old friends”"


def test_label_every_other_whole_word_occurrence(anns: AnnotationSet) -> None:
    kursk = anns.relabel(by_text(anns, "Kursk"), "GPE")
    added = anns.label_occurrences(kursk.id)
    # "Kursk is quiet" and the possessive "Kursk's" are whole words; "Kurskaya" is not.
    assert [a.start for a in added] == [at("Kursk", 1)[0], at("Kursk", 2)[0]]
    assert all(a.label == "GPE" and a.source == "human" for a in added)
    assert anns.label_occurrences(kursk.id) == []  # all covered now
    anns.undo()  # the empty second call made no step; this undoes the first
    assert len([a for a in anns if a.span.text == "Kursk"]) == 1


def test_label_occurrences_finds_entities_inside_quotes_but_respects_rejections() -> None:
    text = "Putin: “Putin is here.” Putin left."
    anns = AnnotationSet.from_suggestions(
        text,
        [
            Span(0, 5, "PERSON", "entity", "Putin"),
            Span(7, 23, "QUOTE", "quote", text[7:23]),
            Span(24, 29, "PERSON", "entity", "Putin"),
        ],
    )
    anns.reject("m2")
    added = anns.label_occurrences("m0")
    assert [a.start for a in added] == [8]  # inside the quote; the rejected one stays rejected


def test_overlapping_finds_the_quote_around_an_inner_span(anns: AnnotationSet) -> None:
    quote_start, _ = at("“We are old friends,”")
    inner = anns.add_span(*at("old friends"), "EVENT")
    around = anns.overlapping(*at("old"))
    assert inner in around and any(a.kind == "quote" for a in around)
    assert anns.overlapping(*at("met")) == []
    assert anns.overlapping(quote_start, quote_start) == []  # an empty range overlaps nothing


def test_ids_are_not_reused_after_reload_with_history(anns: AnnotationSet) -> None:
    added = anns.add_span(*at("old friends"), "EVENT")
    anns.undo()  # the add is now only in the redo stack
    reloaded = AnnotationSet(TEXT, anns.ordered, anns.undo_stack, anns.redo_stack)
    other = reloaded.add_span(*at("station"), "FAC")
    assert other.id != added.id


def test_snapshot_is_independent_and_keeps_identity(anns: AnnotationSet) -> None:
    snap = anns.snapshot()
    anns.reject(by_text(anns, "Xi"))
    assert snap.require(by_text(snap, "Xi")).status == "suggested"
    assert snap.origin is anns.origin and snap.version < anns.version


def test_default_labels_have_single_keys() -> None:
    config = default_label_config()
    assert config.keys["p"] == "PERSON" and config.keys["g"] == "GPE" and config.keys["v"] == "EVENT"
    assert len(set(config.keys)) == len(config.keys)


def test_accepting_an_accepted_span_adds_no_undo_step() -> None:
    """A decision that changes nothing must not leave an undo step that does nothing."""
    from tui.model import AnnotationSet, Span

    text = "Putin met Xi."
    anns = AnnotationSet.from_suggestions(text, [Span(0, 5, "PERSON", "entity", "Putin")])
    first = anns.ordered[0].id
    anns.accept(first)
    steps = len(anns.undo_stack)
    anns.accept(first)
    assert len(anns.undo_stack) == steps
    anns.reject(first)
    anns.reject(first)
    assert len(anns.undo_stack) == steps + 1


def test_undoing_a_placing_puts_the_span_back_among_the_unplaced() -> None:
    from tui.model import Annotation, AnnotationSet, Span

    text = "Kim Un met Putin."
    span = Span(0, 11, "PERSON", "entity", "Kim Jong Un")
    lost = Annotation.suggestion(0, span, "2026-01-01T00:00:00+00:00")
    annotations = AnnotationSet(text, [], unplaced=[lost])
    placed = annotations.place_unplaced(lost.id, 0, 6)
    assert annotations.unplaced == [] and annotations.get(placed.id) is not None
    annotations.undo()
    assert annotations.get(placed.id) is None and annotations.unplaced == [lost]
    annotations.redo()
    assert annotations.unplaced == [] and annotations.get(placed.id) == placed


def test_a_quote_linked_to_a_bare_name_keeps_the_fullest_and_descriptions_do_not_double_marks() -> None:
    from tui.model import AnnotationSet, Span, describe

    text = "Xi Jinping spoke. “We are friends,” Xi said."
    quote_at = text.index("“")
    quote_end = text.index("”") + 1
    annotations = AnnotationSet.from_suggestions(
        text,
        [
            Span(0, 10, "PERSON", "entity", "Xi Jinping"),
            Span(quote_at, quote_end, "QUOTE", "quote", text[quote_at:quote_end]),
            Span(text.index("Xi said"), text.index("Xi said") + 2, "PERSON", "entity", "Xi"),
        ],
    )
    quote = next(a for a in annotations if a.kind == "quote")
    bare = next(a for a in annotations if a.span.text == "Xi")
    linked = annotations.link_speaker(quote.id, bare.id)
    assert linked.span.speaker is not None and linked.span.speaker.text == "Xi"
    assert linked.span.speaker_name == "Xi Jinping"
    assert describe(quote) == "QUOTE “We are friends,”"
    assert "““" not in annotations.undo_stack[-1].description
    full = next(a for a in annotations if a.span.text == "Xi Jinping")
    assert annotations.link_speaker(quote.id, full.id).span.speaker_name is None


def test_a_bare_surname_linked_as_speaker_is_the_person_the_article_means_not_the_longest_name() -> None:
    """"Kim" in an article about Kim Jong Un that also quotes Youngjun Kim is Kim Jong Un, as ``*``
    and the entity panel have it; the longer "Youngjun Kim" once won, a false attribution."""
    from tui.model import AnnotationSet, Span
    from tui.model.navigation import entity_keys

    text = (
        "Kim Jong Un arrived by train. Youngjun Kim, a researcher, was there. Kim Jong Un smiled. "
        "Kim's train left. “An old friend,” he said."
    )

    def at(part: str, label: str = "PERSON", kind: str = "entity", nth: int = 0) -> Span:
        start = -1
        for _ in range(nth + 1):
            start = text.index(part, start + 1)
        return Span(start, start + len(part), label, kind, part)  # type: ignore[arg-type]

    spans = [
        at("Kim Jong Un"),
        at("Youngjun Kim"),
        at("Kim Jong Un", nth=1),
        at("Kim", nth=3),
        at("“An old friend,”", "QUOTE", "quote"),
    ]
    annotations = AnnotationSet.from_suggestions(text, spans)
    quote = next(a for a in annotations if a.kind == "quote")
    bare = next(a for a in annotations if a.span.text == "Kim")
    linked = annotations.link_speaker(quote.id, bare.id)
    assert linked.span.speaker_name == "Kim Jong Un"
    keys = entity_keys([a.span for a in annotations])
    by_text = {a.span.text: key for a, key in zip(annotations, keys, strict=True) if a.kind == "entity"}
    assert by_text["Kim"] == by_text["Kim Jong Un"] != by_text["Youngjun Kim"]  # what `*` says


def test_label_occurrences_gives_the_label_to_the_models_suggestions_of_the_same_words() -> None:
    """Relabel one "Angela Merkel", then ``=``: the other suggestions of those words take the label (it
    once said "No other “Angela Merkel”" beside 299 of them); a person's decisions stay as they are."""
    from tui.model import AnnotationSet, Span

    text = "Angela Merkel spoke. Angela Merkel left. Angela Merkel's car. Angela Merkel waved."
    starts = [i for i in range(len(text)) if text.startswith("Angela Merkel", i)]
    spans = [Span(s, s + 13, "PERSON", "entity", "Angela Merkel") for s in starts[:2]]
    spans.append(Span(starts[2], starts[2] + 15, "PERSON", "entity", "Angela Merkel's"))  # overlaps only
    spans.append(Span(starts[3], starts[3] + 13, "PERSON", "entity", "Angela Merkel"))
    anns = AnnotationSet.from_suggestions(text, spans)
    first, second, possessive, last = sorted(anns, key=lambda a: a.start)
    anns.accept(last.id)  # a person kept this one as PERSON
    org = anns.relabel(first.id, "ORG")
    changed = anns.label_occurrences(org.id)
    assert [a.start for a in changed] == [second.start]
    assert anns.get(second.id) is not None and anns.get(second.id).label == "ORG"  # type: ignore[union-attr]
    assert anns.get(second.id).status == "accepted"  # type: ignore[union-attr]
    assert anns.get(possessive.id) == possessive  # only overlapped: untouched
    assert anns.get(last.id).label == "PERSON"  # type: ignore[union-attr]  # a person's decision stays
    assert len(anns) == 4  # nothing added over the suggestion
    anns.undo()
    assert anns.get(second.id) == second  # one step: back to a PERSON suggestion
