"""The article list's filter and keys (issue 11, row 3): typed at a person's pace, nothing is lost; j/k/g
move while the list has focus and are plain letters in the filter box; Esc clears the filter; the footer
and the help show the keys of the widget that has focus, not the article's.
"""

from __future__ import annotations

from textual.widgets import Input

from tests.conftest import Reader
from tui.screens.help import HelpScreen


def _filter_box(reader: Reader) -> Input:
    return reader.screen.query_one("#article-filter", Input)


def _footer_keys(reader: Reader) -> dict[str, str]:
    """What the footer shows: key → description (bindings shown and not switched off)."""
    return {
        key: active.binding.description
        for key, active in reader.screen.active_bindings.items()
        if active.binding.show
    }


async def test_letters_typed_at_a_human_pace_all_reach_the_filter(reader: Reader) -> None:
    reader.article_list.focus()
    await reader.pilot.pause()
    for letter in "tax":  # one key, then the screen settles, then the next: as a person types
        await reader.pilot.press(letter)
        await reader.pilot.pause()
        await reader.pilot.pause()
    assert _filter_box(reader).value == "tax"
    assert reader.article_list.filter_text == "tax"


async def test_j_k_g_move_in_the_list_and_are_letters_in_the_filter_box(reader: Reader) -> None:
    article_list = reader.article_list
    article_list.focus()
    await reader.pilot.pause()
    await reader.pilot.press("j", "j")
    assert article_list.highlighted == 2
    assert article_list.filter_text == ""
    await reader.pilot.press("g")
    assert article_list.highlighted == 0
    await reader.pilot.press("slash", "k", "i", "m")  # / opens the box: every letter filters then
    await reader.pilot.pause()
    assert _filter_box(reader).value == "kim"
    assert article_list.filter_text == "kim"


async def test_escape_in_the_list_clears_the_filter(reader: Reader) -> None:
    article_list = reader.article_list
    shown = len(article_list.shown)
    article_list.focus()
    await reader.pilot.press("slash", "z", "z", "z")
    await reader.pilot.pause()
    assert article_list.shown == []
    await reader.pilot.press("down")  # back from the box into the (empty) list
    article_list.focus()
    await reader.pilot.pause()
    await reader.pilot.press("escape")
    await reader.pilot.pause()
    assert article_list.filter_text == ""
    assert _filter_box(reader).value == ""
    assert len(article_list.shown) == shown


async def test_the_footer_follows_the_focused_widget(reader: Reader) -> None:
    reader.view.focus()
    await reader.pilot.pause()
    in_article = _footer_keys(reader)
    assert in_article.get("n") == "Next"
    assert in_article.get("a") == "Accept"
    reader.article_list.focus()
    await reader.pilot.pause()
    in_list = _footer_keys(reader)
    for key in ("n", "N", "a", "x", "l", "v", "u"):
        assert key not in in_list, f"the list's footer shows the article's {key!r}"
    assert in_list.get("enter") == "Open"
    await reader.pilot.press("a")  # a letter in the list filters; it never accepts a span
    await reader.pilot.pause()
    assert _filter_box(reader).value == "a"
    assert reader.screen.annotations is not None
    assert reader.screen.annotations.unreviewed() == len(list(reader.screen.annotations))


async def test_the_help_opens_on_the_focused_widgets_keys(reader: Reader) -> None:
    reader.article_list.focus()
    await reader.pilot.pause()
    await reader.pilot.press("question_mark")
    await reader.pilot.pause()
    help_screen = reader.app.screen
    assert isinstance(help_screen, HelpScreen)
    assert help_screen.sections()[0][0].startswith("List")
    await reader.pilot.press("escape")
    reader.view.focus()
    await reader.pilot.pause()
    await reader.pilot.press("question_mark")
    await reader.pilot.pause()
    help_screen = reader.app.screen
    assert isinstance(help_screen, HelpScreen)
    assert help_screen.sections()[0][0] == "Reading"
