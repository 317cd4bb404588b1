"""The UI-free parts of the article view: wrapping, finding spans on a line, painting segments."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from rich.style import Style

from tests.app_support import SEED
from tui.model import IntervalIndex, Span
from tui.model.intervals import LONG_ITEM
from tui.render import wrap
from tui.render.segments import paint

TEXT = SEED.read_text(encoding="utf-8")


def test_wrapped_lines_are_slices_of_the_text_within_the_width() -> None:
    layout = wrap(TEXT, 60)
    assert len(layout) > 40
    for start, end in zip(layout.starts, layout.ends, strict=True):
        assert 0 <= start <= end <= len(TEXT)
        assert end - start <= 60
        assert "\n" not in TEXT[start:end]


def test_no_word_is_lost_or_split_when_wrapping() -> None:
    layout = wrap(TEXT, 37)
    words = " ".join(TEXT[s:e] for s, e in zip(layout.starts, layout.ends, strict=True)).split()
    assert words == TEXT.split()


def test_paragraphs_get_a_blank_line_and_headings_are_marked() -> None:
    layout = wrap(TEXT, 200)
    lines = [TEXT[s:e] for s, e in zip(layout.starts, layout.ends, strict=True)]
    heading = lines.index("Prospect of Closer Defense Ties")
    assert heading in layout.headings
    assert lines[heading - 1] == "" and lines[heading + 1] == ""
    assert 0 not in layout.headings


def test_texts_with_blank_lines_keep_their_own_spacing() -> None:
    text = "CHAPTER I\n\nFirst paragraph ends here.\nstill the first.\n\nSecond one."
    layout = wrap(text, 80)
    lines = [text[s:e] for s, e in zip(layout.starts, layout.ends, strict=True)]
    assert lines == ["CHAPTER I", "", "First paragraph ends here.", "still the first.", "", "Second one."]
    assert layout.headings == {0}


def test_wide_characters_are_measured_in_cells() -> None:
    text = "北京" * 30
    layout = wrap(text, 20)
    assert all(e - s <= 10 for s, e in zip(layout.starts, layout.ends, strict=True))
    assert "".join(text[s:e] for s, e in zip(layout.starts, layout.ends, strict=True)) == text


def test_line_of_finds_the_line_showing_an_offset() -> None:
    layout = wrap(TEXT, 60)
    at = TEXT.index("15,000")
    line = layout.line_of(at)
    assert layout.starts[line] <= at < layout.ends[line]


@given(st.text(alphabet=st.sampled_from("ab \n北"), max_size=300), st.integers(1, 30))
def test_wrap_covers_every_visible_character(text: str, width: int) -> None:
    layout = wrap(text, width)
    covered = set()
    for start, end in zip(layout.starts, layout.ends, strict=True):
        covered.update(range(start, end))
    assert all(i in covered for i, c in enumerate(text) if c not in " \n")


def test_interval_index_finds_long_quotes_that_start_earlier() -> None:
    quote = Span(0, 500, "QUOTE", "quote", "x" * 500)
    name = Span(300, 305, "PERSON", "entity", "y" * 5)
    later = Span(900, 905, "GPE", "entity", "z" * 5)
    index = IntervalIndex([quote, name, later])
    assert index.overlapping(290, 310) == [quote, name]
    assert index.overlapping(600, 700) == []
    assert index.overlapping(903, 903) == []  # an empty range (a blank line) overlaps nothing
    assert index.covering(903) == [later]
    assert index.last_covering(302) == 1  # the innermost: the name inside the quote
    assert index.last_covering(499) == 0
    assert index.last_covering(500) is None


LENGTHS = st.one_of(st.integers(1, 25), st.integers(LONG_ITEM - 5, 3 * LONG_ITEM))
"""Short spans, and long ones (quotations) on both sides of the index's long-item threshold."""


@given(
    st.lists(st.tuples(st.integers(0, 900), LENGTHS), max_size=40),
    st.integers(0, 1000),
    st.integers(1, 90),  # an empty range overlaps nothing: tested above
)
def test_interval_index_agrees_with_a_plain_scan(
    pairs: list[tuple[int, int]], offset: int, width: int
) -> None:
    spans = sorted((Span(s, s + n, "GPE", "entity", "x" * n) for s, n in pairs), key=lambda s: s.start)
    index = IntervalIndex(spans)
    assert index.overlapping(offset, offset + width) == [
        s for s in spans if s.start < offset + width and s.end > offset
    ]
    assert index.positions(offset, offset + width) == [
        i for i, s in enumerate(spans) if s.start < offset + width and s.end > offset
    ]
    covering = [i for i, s in enumerate(spans) if s.start <= offset < s.end]
    assert index.last_covering(offset) == (covering[-1] if covering else None)


def test_paint_layers_later_styles_over_earlier_ones() -> None:
    base = Style(color="white")
    segments = paint("abcdefgh", base, [(0, 6, Style(bgcolor="blue")), (2, 4, Style(color="red"))])
    assert [s.text for s in segments] == ["ab", "cd", "ef", "gh"]
    assert segments[1].style == base + Style(bgcolor="blue") + Style(color="red")
    assert segments[3].style == base
    assert paint("", base, []) == []
