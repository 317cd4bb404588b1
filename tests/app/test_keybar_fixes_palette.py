"""The palette's "Keys" opens Gloss's help screen, not Textual's help panel (which lists Textual's keys and
which Esc, q and ? do not close); and the lost-spans dialog's hint is read to its end."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from textual.app import SystemCommand
from textual.screen import Screen

from tests.app.annotator_support import copy_of_seeds, seeded_reader
from tests.app.test_hostile_ui import screen_text
from tests.app_support import FixedExtractor
from tests.conftest import OpenReader
from tui.app import GlossApp
from tui.commands import system_commands
from tui.dialogs import UnplacedDialog
from tui.screens.help import HelpScreen
from tui.screens.reader import ReaderScreen


class PaletteApp(GlossApp):
    """The app with the one method ``tui/app.py`` needs (until it has it, the test supplies it)."""

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        return system_commands(self, super().get_system_commands(screen))


def app_on(folder: Path) -> GlossApp:
    if "get_system_commands" in GlossApp.__dict__:  # tui/app.py has it: test the app itself
        return GlossApp.for_paths([folder], extractor_factory=FixedExtractor)
    return PaletteApp.for_paths([folder], extractor_factory=FixedExtractor)


async def test_keys_in_the_palette_opens_the_help_screen_which_esc_closes(
    open_reader: OpenReader, tmp_path: Path
) -> None:
    async with open_reader(app=app_on(copy_of_seeds(tmp_path))) as reader:
        pilot, app = reader.pilot, reader.app
        (keys,) = [c for c in app.get_system_commands(app.screen) if c.title == "Keys"]
        assert "Gloss" in keys.help
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"Keys")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        assert not app.screen.query("HelpPanel") and not reader.screen.query("HelpPanel")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ReaderScreen)


async def test_the_other_system_commands_stay(open_reader: OpenReader, tmp_path: Path) -> None:
    async with open_reader(app=app_on(copy_of_seeds(tmp_path))) as reader:
        titles = [c.title for c in reader.app.get_system_commands(reader.screen)]
        assert {"Theme", "Quit", "Keys", "Screenshot"} <= set(titles)
        assert len(titles) == len(set(titles))


async def test_the_lost_spans_hint_fits_with_its_esc(open_reader: OpenReader, tmp_path: Path) -> None:
    async with seeded_reader(open_reader, tmp_path) as reader:
        lost = reader.view.shown[0]
        for target in ("", "“" + "Kim Jong Un " * 8 + "”"):
            reader.app.push_screen(UnplacedDialog([lost], target))
            await reader.pilot.pause()
            text = "\n".join(screen_text(reader.app))
            assert "u undoes either · Esc closes" in text, text
            assert ("Put the cursor somewhere first" if not target else "d discards it") in text
            await reader.pilot.press("escape")
            await reader.pilot.pause()
