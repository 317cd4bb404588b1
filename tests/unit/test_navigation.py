"""Jumping between spans without any UI: kinds, labels, same entity, wrapping, and the fast index."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from tui.model import Span, Speaker, kind_for_label, sort_key
from tui.model.navigation import SpanIndex, entity_keys, normalise_mention, person_aliases, step

SEED = Path(__file__).parents[2] / "seeds" / "beijing-summit.txt"


def spans_of(text: str, items: list[tuple[str, str, int]]) -> list[Span]:
    """Spans for (needle, label, occurrence) triples found with str.find, in reading order."""
    spans = []
    for needle, label, occurrence in items:
        at = -1
        for _ in range(occurrence + 1):
            at = text.find(needle, at + 1)
        assert at >= 0, needle
        spans.append(Span(at, at + len(needle), label, kind_for_label(label), needle))
    return sorted(spans, key=sort_key)


TEXT = SEED.read_text(encoding="utf-8")
SPANS = spans_of(
    TEXT,
    [
        ("Xi Jinping", "PERSON", 0),
        ("Vladimir Putin", "PERSON", 0),
        ("Kim Jong Un", "PERSON", 0),
        ("Beijing", "GPE", 0),
        ("Putin", "PERSON", 1),
        ("Kim", "PERSON", 1),
        ("80th", "ORDINAL", 0),
        ("“new global order”", "QUOTE", 0),
        ("Youngjun Kim", "PERSON", 0),
        ("Kim Jong Un", "PERSON", 1),
        ("15,000", "CARDINAL", 0),
        ("Putin", "PERSON", 2),
    ],
)


def test_normalise_mention_drops_possessive_and_case() -> None:
    assert normalise_mention("Kim’s") == "kim"
    assert normalise_mention("Xi's") == "xi"
    assert normalise_mention("the  United\nStates") == "united states"


def test_person_parts_join_their_fullest_name() -> None:
    aliases = person_aliases(Counter({"kim jong un": 2, "kim": 3, "youngjun kim": 1}))
    assert aliases["kim"] == "kim jong un"
    assert aliases["youngjun kim"] == "youngjun kim"


def test_places_are_not_merged_by_parts() -> None:
    text = "North Korea and Korea"
    spans = [Span(0, 11, "GPE", "entity", "North Korea"), Span(16, 21, "GPE", "entity", "Korea")]
    keys = entity_keys(spans)
    assert keys[0] != keys[1]
    assert text[16:21] == "Korea"


def test_next_and_previous_of_any_kind_wrap() -> None:
    index = SpanIndex(SPANS)
    assert index.step(None) == (0, False)
    assert index.step(0) == (1, False)
    last = len(SPANS) - 1
    assert index.step(last) == (0, True)
    assert index.step(0, forward=False) == (last, True)


def test_kind_and_label_steps_skip_other_spans() -> None:
    index = SpanIndex(SPANS)
    first_number = index.step(None, kind="number")
    assert first_number is not None and SPANS[first_number.target].text == "80th"
    following = index.step(first_number.target, kind="number")
    assert following is not None and SPANS[following.target].text == "15,000"
    quote = index.step(0, kind="quote")
    assert quote is not None and SPANS[quote.target].label == "QUOTE"
    place = index.step(None, label="GPE")
    assert place is not None and SPANS[place.target].text == "Beijing"
    assert index.step(place.target, label="GPE") == (place.target, True)


def test_same_entity_goes_from_kim_jong_un_to_kim_and_wraps() -> None:
    index = SpanIndex(SPANS)
    start = next(i for i, s in enumerate(SPANS) if s.text == "Kim Jong Un")
    seen = [SPANS[start].text]
    current = start
    for _ in range(3):
        move = index.same_entity(current)
        assert move is not None
        current = move.target
        seen.append(SPANS[current].text)
    assert seen == ["Kim Jong Un", "Kim", "Kim Jong Un", "Kim Jong Un"]
    assert "Youngjun Kim" not in seen


def test_rank_counts_within_label() -> None:
    index = SpanIndex(SPANS)
    putin = next(i for i, s in enumerate(SPANS) if s.text == "Vladimir Putin")
    assert index.rank(putin, label="PERSON") == (2, 8)
    assert index.rank(putin, key=index.keys[putin]) == (1, 3)


def test_groups_count_mentions_under_the_fullest_name() -> None:
    groups = {g.name: g for g in SpanIndex(SPANS).groups()}
    assert len(groups["Vladimir Putin"].indices) == 3
    assert len(groups["Kim Jong Un"].indices) == 3
    assert groups["Beijing"].label == "GPE"


def test_quotes_by_the_same_speaker_share_a_key() -> None:
    speaker = Speaker(0, 3, "Kim")
    quotes = [
        Span(10, 20, "QUOTE", "quote", "x" * 10, speaker=speaker, speaker_name="Kim Jong Un"),
        Span(30, 40, "QUOTE", "quote", "y" * 10, speaker=speaker, speaker_name="Kim Jong Un"),
        Span(50, 60, "QUOTE", "quote", "z" * 10),
    ]
    keys = entity_keys(quotes)
    assert keys[0] == keys[1] != keys[2]


def test_origin_starts_the_search_at_the_visible_text() -> None:
    index = SpanIndex(SPANS)
    beyond = SPANS[5].start
    assert index.step(None, origin=beyond) == (5, False)
    assert index.step(None, origin=beyond, forward=False) == (4, False)


def test_no_member_means_no_move() -> None:
    assert SpanIndex(SPANS).step(0, label="LAW") is None
    assert SpanIndex([]).step(None) is None


@given(
    starts=st.lists(st.integers(0, 200), min_size=1, max_size=30),
    labels=st.lists(st.sampled_from(["PERSON", "GPE", "CARDINAL", "QUOTE"]), min_size=30, max_size=30),
    current=st.one_of(st.none(), st.integers(0, 29)),
    forward=st.booleans(),
    origin=st.integers(0, 220),
    label=st.sampled_from(["PERSON", "GPE", "CARDINAL", "QUOTE"]),
)
def test_index_agrees_with_linear_step(
    starts: list[int], labels: list[str], current: int | None, forward: bool, origin: int, label: str
) -> None:
    spans = sorted(
        (Span(s, s + 3, lab, kind_for_label(lab), "abc") for s, lab in zip(starts, labels, strict=False)),
        key=sort_key,
    )
    if current is not None and current >= len(spans):
        current = len(spans) - 1
    index = SpanIndex(spans)
    assert index.step(current, forward=forward, origin=origin) == step(
        spans, current, forward=forward, origin=origin
    )
    assert index.step(current, forward=forward, label=label, origin=origin) == step(
        spans, current, forward=forward, where=lambda s: s.label == label, origin=origin
    )
