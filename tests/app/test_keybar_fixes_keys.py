"""The key bar shows only keys that work where the focus is: none of the article's in the article list
(``p`` filters there), a dialog's own keys (Esc) while a dialog is open over the reader, and Enter on the
entity panel. Each test fails on the bar as it was before."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.app.annotator_support import seeded_reader
from tests.app.test_hostile_ui import screen_text
from tests.conftest import OpenReader, Reader
from tui.screens.reader import ReaderScreen
from tui.widgets.article_list import PASS_THROUGH_KEYS
from tui.widgets.entity_panel import EntityPanel
from tui.widgets.key_bar import KeyBar


def bar_of(reader: Reader) -> list[tuple[str, str]]:
    """``(key, description)`` of each key on the reader's bar, left to right."""
    return [(shown.key, shown.description) for shown in reader.screen.query_one(KeyBar).keys]


async def test_no_key_on_the_bar_is_a_letter_the_article_list_takes_for_its_filter(
    open_reader: OpenReader, tmp_path: Path
) -> None:
    async with seeded_reader(open_reader, tmp_path) as reader:
        reader.article_list.focus()
        await reader.pilot.pause()
        keys = bar_of(reader)
        assert ("enter", "Open") in keys
        typed = [(k, d) for k, d in keys if len(k) == 1 and k.isalnum() and k not in PASS_THROUGH_KEYS]
        assert typed == [], f"these letters filter the list instead: {typed}"
        await reader.pilot.press("/")
        await reader.pilot.pause()
        assert reader.app.focused is not None and reader.app.focused.id == "article-filter"
        assert all(not (len(k) == 1 and k.isprintable()) for k, _ in bar_of(reader)), bar_of(reader)


async def test_the_palette_still_shows_the_panel_from_the_article_list(
    open_reader: OpenReader, tmp_path: Path
) -> None:
    async with seeded_reader(open_reader, tmp_path) as reader:
        pilot, panel = reader.pilot, reader.screen.query_one(EntityPanel)
        shown_before = panel.display
        reader.article_list.focus()
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"Panel")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert panel.display != shown_before, "the palette's Panel works from the list (focus moves first)"


@pytest.mark.parametrize(
    ("keys", "expected"),
    [
        (["E"], "Cancel"),
        (["n", "L"], "Cancel"),
        (["question_mark"], "Close help"),
        (["A"], "Whole article"),
        (["n", "m"], "Cancel"),
    ],
)
async def test_over_a_dialog_the_bar_shows_the_dialogs_keys(
    open_reader: OpenReader, tmp_path: Path, keys: list[str], expected: str
) -> None:
    async with seeded_reader(open_reader, tmp_path) as reader:
        pilot = reader.pilot
        article_keys = bar_of(reader)
        assert ("a", "Accept") in article_keys
        await pilot.press(*keys)
        await pilot.pause()
        assert not isinstance(reader.app.screen, ReaderScreen), "the dialog opened"
        keys_shown = bar_of(reader)
        assert expected in [d for _, d in keys_shown], keys_shown
        assert ("a", "Accept") not in keys_shown and ("n", "Next") not in keys_shown
        assert "esc" in screen_text(reader.app)[-1], "and the bar is drawn under the dialog"
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(reader.app.screen, ReaderScreen)
        assert bar_of(reader) == article_keys, "the reader's keys come back with the reader"


async def test_the_entity_panel_shows_enter(open_reader: OpenReader, tmp_path: Path) -> None:
    async with seeded_reader(open_reader, tmp_path) as reader:
        pilot = reader.pilot
        await pilot.press("p")
        await pilot.pause()
        panel = reader.screen.query_one(EntityPanel)
        panel.focus()
        await pilot.pause()
        keys = bar_of(reader)
        assert keys[0] == ("enter", "Jump"), keys
        assert ("v", "Select") in keys, "the screen's select is another action than the panel's"
