"""Incremental search: the box and the count show while typing, every match is marked, accents fold."""

from __future__ import annotations

from pathlib import Path

from rich.style import Style
from textual.strip import Strip
from textual.widgets import Input

from tests.conftest import OpenReader
from tui.widgets.key_bar import KeyBar

TEXT = "Natásha and Pierre\n\nNatasha laughed. Pierre said that Natásha was right.\n"


async def test_typing_a_search_shows_the_box_and_counts_and_marks_matches(
    open_reader: OpenReader, tmp_path: Path
) -> None:
    folder = tmp_path / "novel"
    folder.mkdir()
    (folder / "natasha.txt").write_text(TEXT, encoding="utf-8")
    async with open_reader([folder]) as reader:
        pilot, view, screen = reader.pilot, reader.view, reader.screen
        await pilot.press("slash", *"natasha")
        box = screen.query_one("#search", Input)
        assert box.display and box.region.height == 1
        assert not screen.query_one(KeyBar).display, "the box is not drawn under the footer"
        assert [view.text[m.start : m.end] for m in view.matches] == ["Natásha", "Natasha", "Natásha"]
        assert "/natasha: 3 matches" in reader.status.position
        await pilot.press("backspace", *"x")
        assert view.matches == [] and "not found" in reader.status.position
        await pilot.press("escape")
        assert view.matches == [], "Esc drops what was typed"
        assert screen.query_one(KeyBar).display
        await pilot.press("slash", *"Natasha", "enter", "n")
        assert view.match_cursor == 1
        assert view.text_layout is not None
        backgrounds = []
        for match in view.matches:
            line = view.text_layout.line_of(match.start)
            column = match.start - view.text_layout.starts[line] + 1  # one cell of margin
            backgrounds.append(style_at(view.draw_line(line), column).bgcolor)
        assert backgrounds[0] == backgrounds[2] != backgrounds[1], "all marked, the current one stronger"


def style_at(strip: Strip, column: int) -> Style:
    """The style of the cell at ``column`` of a drawn line."""
    cells = 0
    for segment in strip:
        cells += len(segment.text)
        if cells > column:
            assert segment.style is not None
            return segment.style
    raise AssertionError(f"no cell {column}")
