"""The mouse in the article view: a drag makes the selection Enter labels; a click still picks a span."""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.app_support import SEED
from tests.conftest import OpenReader, Reader
from tui.widgets import ArticleView


def point(view: ArticleView, offset: int) -> tuple[int, int]:
    """Where ``text[offset]`` is drawn, relative to the view (one cell of margin on the left)."""
    layout = view.text_layout
    assert layout is not None
    line = layout.line_of(offset)
    return offset - layout.starts[line] + 1, line - view.scroll_offset.y


async def drag(reader: Reader, start: int, last: int) -> None:
    """Press the button on ``text[start]``, move over the text to ``text[last]`` and release there."""
    view, pilot = reader.view, reader.pilot
    await pilot.mouse_down(ArticleView, offset=point(view, start))
    middle = (start + last) // 2
    await pilot.hover(ArticleView, offset=point(view, middle))
    await pilot.hover(ArticleView, offset=point(view, last))
    await pilot.mouse_up(ArticleView, offset=point(view, last))
    await pilot.pause()


async def test_a_drag_over_words_makes_a_selection_that_enter_labels(
    open_reader: OpenReader, tmp_path: Path
) -> None:
    shutil.copy(SEED, tmp_path)  # labelling saves: a copy, so the checkout's seeds/ stay as they are
    async with open_reader([tmp_path]) as reader:
        await drag_and_label(reader)


async def drag_and_label(reader: Reader) -> None:
    """Drag over a few words that are no span, then Enter and ``o``: they become an accepted ORG."""
    view = reader.view
    words = "Great Hall of the People"
    start = view.text.index(words)
    assert not any(a.span.text == words for a in reader.screen.annotations or ())
    await drag(reader, start + 2, start + len(words) - 3)  # inside the first and the last word
    assert view.mode == "select"
    assert view.selecting is not None and view.selecting.selected == words  # snapped to whole words
    assert view.selection == (start, start + len(words))
    assert "Selecting “Great Hall of the People”" in reader.status.position
    await reader.pilot.press("enter", "o")  # label it ORG with the one-key prompt
    await reader.settle()
    added = [a for a in reader.screen.annotations or () if a.span.text == words]
    assert [(a.label, a.status) for a in added] == [("ORG", "accepted")]
    assert view.selecting is None and view.current is not None and view.current.id == added[0].id


async def test_a_drag_backwards_selects_the_same_words(reader: Reader) -> None:
    view = reader.view
    start = view.text.index("massive military parade")
    await drag(reader, start + len("massive military parade") - 1, start)
    assert view.selecting is not None and view.selecting.selected == "massive military parade"


async def test_a_click_on_a_span_makes_it_current_and_starts_no_selection(reader: Reader) -> None:
    view = reader.view
    start = view.text.index("Vladimir Putin")
    await reader.pilot.click(ArticleView, offset=point(view, start + 3))
    assert view.current is not None and view.current.span.text == "Vladimir Putin"
    assert view.mode == "normal" and view.selecting is None


async def test_the_release_of_a_drag_ending_on_a_span_does_not_move_the_cursor(reader: Reader) -> None:
    view = reader.view
    start = view.text.index("welcomed Russian President Vladimir")
    await drag(reader, start, view.text.index("Vladimir Putin") + 2)
    assert view.selecting is not None
    assert view.selecting.selected == "welcomed Russian President Vladimir"
    assert view.current is None or view.current.span.text != "Vladimir Putin"
