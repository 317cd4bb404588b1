"""Selections made with the keyboard: snapping to words, growing and shrinking by word and character."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from tui.model import (
    grow_by_char,
    grow_by_word,
    shrink_by_char,
    shrink_by_word,
    snap_to_words,
    whole_word_occurrences,
    word_at,
)

TEXT = "Xi's aide said 15,000 U.S. troops left. Victory Day parades co-operate."


def sel(needle: str) -> tuple[int, int]:
    start = TEXT.index(needle)
    return start, start + len(needle)


def cut(span: tuple[int, int]) -> str:
    return TEXT[span[0] : span[1]]


def test_snap_grows_to_whole_words_and_trims_spaces() -> None:
    start, _ = sel("ctory")
    assert cut(snap_to_words(TEXT, start, start + 2)) == "Victory"
    assert cut(snap_to_words(TEXT, sel("ctory D")[0], sel("ctory D")[1])) == "Victory Day"
    assert cut(snap_to_words(TEXT, sel(" 15,0")[0], sel(" 15,0")[1])) == "15,000"
    assert cut(snap_to_words(TEXT, *sel("co-op"))) == "co-operate"
    assert cut(snap_to_words(TEXT, 0, 1)) == "Xi"  # the possessive 's is not part of the name
    assert snap_to_words(TEXT, 10, 5) == snap_to_words(TEXT, 5, 10)  # reversed selections work
    assert snap_to_words(TEXT, 4, 5) == (5, 5)  # only a space: nothing to select


def test_trailing_full_stop_is_not_part_of_a_word() -> None:
    assert cut(word_at(TEXT, sel("left")[0]) or (0, 0)) == "left"
    assert cut(word_at(TEXT, sel("U.S")[0]) or (0, 0)) == "U.S"


def test_grow_and_shrink_by_word() -> None:
    start, end = sel("Victory")
    assert cut(grow_by_word(TEXT, start, end)) == "Victory Day"
    assert cut(grow_by_word(TEXT, start, end, "start")) == "left. Victory"
    assert cut(shrink_by_word(TEXT, *sel("Victory Day parades"))) == "Victory Day"
    assert cut(shrink_by_word(TEXT, *sel("Victory Day parades"), "start")) == "Day parades"
    assert shrink_by_word(TEXT, start, end) == (start, end)  # never below one word
    assert grow_by_word(TEXT, 0, len(TEXT)) == (0, len(TEXT))


def test_grow_and_shrink_by_char_stay_in_bounds() -> None:
    assert grow_by_char(TEXT, 0, 2, "start") == (0, 2)
    assert grow_by_char(TEXT, 0, len(TEXT)) == (0, len(TEXT))
    assert shrink_by_char(TEXT, 3, 4) == (3, 4)
    assert shrink_by_char(TEXT, 3, 6, "start") == (4, 6)


def test_whole_word_occurrences() -> None:
    text = "Kursk, Kursk's Kurskaya; in Kursk. UKursk"
    assert whole_word_occurrences(text, "Kursk") == [0, 7, 28]
    assert whole_word_occurrences("U.S. and U.S.A.", "U.S.") == [0, 9]
    assert whole_word_occurrences(text, "") == []


@given(st.text(alphabet="ab ,.'-1", max_size=30), st.integers(0, 35), st.integers(0, 35))
def test_snap_is_inside_text_idempotent_and_covers_the_selection_words(text: str, a: int, b: int) -> None:
    start, end = snap_to_words(text, a, b)
    assert 0 <= start <= end <= len(text)
    assert snap_to_words(text, start, end) == (start, end)
    if start < end:
        assert not text[start].isspace() and not text[end - 1].isspace()
