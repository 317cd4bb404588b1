"""Keys reach the dialogs that list them: the help screen's own scrolling keys, and a label key typed
straight after ``l`` (before the prompt has painted)."""

from __future__ import annotations

from pathlib import Path

from textual import events
from textual.containers import VerticalScroll

from tests.app.annotator_support import seeded_reader
from tests.conftest import OpenReader, Reader
from tui.dialogs import LabelPicker, LabelPrompt
from tui.screens.help import HelpScreen


async def test_a_label_key_typed_at_once_after_l_relabels_the_span(
    open_reader: OpenReader, tmp_path: Path
) -> None:
    async with seeded_reader(open_reader, tmp_path) as reader:
        await relabel_at_once(reader)


async def type_at_once(reader: Reader, *keys: str) -> None:
    """Send ``keys`` as a terminal does when they are typed quickly (``tmux send-keys n l o``): all of them
    arrive before the app handles the first, so those after ``l`` are routed before the prompt is pushed.
    ``Pilot.press`` waits until the app is idle after each key, which hides the race."""
    driver = reader.app._driver
    assert driver is not None
    for key in keys:
        event = events.Key(key, "\r" if key == "enter" else key)
        event.set_sender(reader.app)
        driver.send_message(event)
    await reader.pilot.pause()
    await reader.pilot.pause()


async def relabel_at_once(reader: Reader) -> None:
    pilot, view = reader.pilot, reader.view
    await pilot.press("n")
    current = view.current
    assert current is not None and current.label != "ORG"
    await pilot.press("l", "o")  # Pilot waits between the keys: this always worked
    assert view.current is not None and view.current.label == "ORG"
    await pilot.press("u")
    assert view.current is not None and view.current.label == current.label
    await type_at_once(reader, "l", "o", "n")  # as tmux sends them: o labels, then n moves on
    assert not isinstance(reader.app.screen, LabelPrompt)
    assert view.current is not None and view.current.id != current.id
    annotations = reader.screen.controller.annotations
    assert annotations is not None
    relabelled = annotations.get(current.id)
    assert relabelled is not None and relabelled.label == "ORG"


async def test_enter_typed_at_once_after_l_opens_the_picker(open_reader: OpenReader, tmp_path: Path) -> None:
    async with seeded_reader(open_reader, tmp_path) as reader:
        await reader.pilot.press("n")
        await type_at_once(reader, "l", "enter")
        assert isinstance(reader.app.screen, LabelPicker)
        await reader.pilot.press(*"law", "enter")
        assert not isinstance(reader.app.screen, (LabelPicker, LabelPrompt))
        assert reader.view.current is not None and reader.view.current.label == "LAW"


async def test_the_help_screen_scrolls_with_the_keys_it_lists(reader: Reader) -> None:
    pilot = reader.pilot
    await pilot.press("question_mark")
    await pilot.pause()
    assert isinstance(reader.app.screen, HelpScreen)
    box = reader.app.screen.query_one("#help-dialog", VerticalScroll)
    assert box.max_scroll_y > 0, "the table must be taller than the terminal for this test"
    await pilot.press("j")
    assert box.scroll_y == 1
    await pilot.press("k")
    assert box.scroll_y == 0
    await pilot.press("G")
    assert box.scroll_y == box.max_scroll_y
    await pilot.press("g")
    assert box.scroll_y == 0
    for key, moved in (("space", True), ("f", True), ("ctrl+d", True), ("end", True)):
        await pilot.press("g", key)
        assert (box.scroll_y > 0) is moved, key
    await pilot.press("G", "b")
    assert box.scroll_y < box.max_scroll_y
    await pilot.press("G", "ctrl+u")
    assert box.scroll_y < box.max_scroll_y
    await pilot.press("G", "home")
    assert box.scroll_y == 0
    await pilot.press("escape")
    assert not isinstance(reader.app.screen, HelpScreen)
