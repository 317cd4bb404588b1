"""The quotation-mark scanner and the filters: pure text rules, no model needed."""

from __future__ import annotations

from itertools import pairwise

from hypothesis import given, settings
from hypothesis import strategies as st

from tui.extract.quotes.filters import is_doubtful, is_quotation
from tui.extract.quotes.frames import build_frames
from tui.extract.quotes.marks import find_headline_quotes, find_quote_regions, paragraph_bounds


def quoted(text: str) -> list[str]:
    """Texts of the closed quotations the scanner keeps (markup and nicknames dropped)."""
    return [text[r.start : r.end] for r in find_quote_regions(text) if r.closed and is_quotation(text, r)]


def test_curly_straight_and_wire_marks() -> None:
    text = "He said “one thing,” then \"another,\" and ''a third,'' and ``a fourth.''"
    assert quoted(text) == ["“one thing,”", '"another,"', "''a third,''", "``a fourth.''"]


def test_multi_paragraph_quote_is_one_span() -> None:
    text = "“First paragraph of the quote.\n\n“Second paragraph,” she said.\n\n“Another.”"
    assert quoted(text) == ["“First paragraph of the quote.\n\n“Second paragraph,”", "“Another.”"]


def test_multi_paragraph_straight_quote() -> None:
    text = 'He said: "Para one.\n\n"Para two."\n\nThen "x y z" was said.'
    assert quoted(text) == ['"Para one.\n\n"Para two."', '"x y z"']


def test_interrupted_quote_gives_two_fragments() -> None:
    text = "“We will win,” she said, “and then we rest.”"
    assert quoted(text) == ["“We will win,”", "“and then we rest.”"]


def test_stray_apostrophes_do_not_shift_pairs() -> None:
    text = "The voters’ mood in ’08 was ‘grim,’ he said. “It was bad,” she said. “Later,” he added."
    assert quoted(text) == ["“It was bad,”", "“Later,”"]


def test_unbalanced_mark_is_resynchronised_at_paragraph_end() -> None:
    text = 'He said "this never closes.\n\nShe said "this does," and "so does this."'
    assert quoted(text) == ['"this does,"', '"so does this."']
    curly = "An “unclosed curly quote here.\n\nThen “a closed one.”\n\nAnd a stray ” mark, then “more.”"
    assert quoted(curly) == ["“a closed one.”", "“more.”"]


def test_nested_quotes_stay_inside() -> None:
    text = "“He told me ‘no’ and said “never” twice,” she said."
    assert quoted(text) == ["“He told me ‘no’ and said “never” twice,”"]


def test_quote_running_on_without_reopening_mark() -> None:
    text = 'The coach said, "I think we learned a lot.\nIt was a very emotional day."\nNext line.'
    assert quoted(text) == ['"I think we learned a lot.\nIt was a very emotional day."']


def test_markup_and_nicknames_are_not_quotations() -> None:
    text = 'Rep. Robert C. "Bobby" Scott spoke. <tweet id="778257943577919488"> He said "we won."'
    assert quoted(text) == ['"we won."']


def test_titles_and_scare_quotes_are_doubtful() -> None:
    text = (
        'He told CNN\'s "State of the Union" that the so-called "super PACs" matter. '
        'He hailed him as an "old friend." She called them "lone wolves." "We will see," he said.'
    )
    doubtful = [text[r.start : r.end] for r in find_quote_regions(text) if is_doubtful(text, r)]
    assert doubtful == ['"State of the Union"', '"super PACs"']


def test_headline_single_quotes() -> None:
    text = "Warren Hammers CEO: ‘You Should Be Investigated.’\n\nThe voters’ choice ‘matters’ here."
    assert [text[r.start : r.end] for r in find_headline_quotes(text)] == ["‘You Should Be Investigated.’"]


def test_empty_quotation_marks_are_not_quotations() -> None:
    assert quoted("He wrote \"\" and “” and '''' then \"real words.\"") == ['"real words."']


def test_empty_and_markless_texts() -> None:
    assert find_quote_regions("") == []
    assert find_quote_regions("\n\n  \n") == []
    assert find_quote_regions("No quotation marks at all.") == []


def test_titles_in_a_list_of_sources_are_not_quotations() -> None:
    text = (
        'Sources\n"Document found on street not secret, say feds" — The Canadian Press, August 15, 2008\n'
        "“It was there,” — Maria Lopez"
    )
    assert quoted(text) == ["“It was there,”"]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab .,:\n“”\"'‘’`—")), max_size=300))
def test_any_text_gives_ordered_regions_and_exact_frames(text: str) -> None:
    """Whatever the marks, regions are ordered, disjoint and inside the text, and frames map back."""
    regions = [r for r in find_quote_regions(text) if r.closed]
    for region in regions:
        assert 0 <= region.start < region.end <= len(text)
    for before, after in pairwise(regions):
        assert before.end <= after.start
    for frame in build_frames(text, regions, paragraph_bounds(text)):
        for condensed_start, original_start, length, quote in frame.pieces:
            if quote < 0:
                piece = frame.text[condensed_start : condensed_start + length]
                assert piece == text[original_start : original_start + length]
                assert frame.to_original(condensed_start) == original_start
