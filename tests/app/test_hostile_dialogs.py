"""The annotation dialogs show span text and labels literally: markup in them is data, never styling."""

from __future__ import annotations

from textual.app import App
from textual.widgets import Label

from tui.dialogs.note_editor import NoteEditor


class _Host(App[None]):
    """The smallest app that can show one dialog."""


async def test_the_note_editor_title_shows_markup_in_span_text_literally() -> None:
    app = _Host()
    async with app.run_test() as pilot:
        app.push_screen(NoteEditor("QUOTE “[/unbalanced] and [b]bold[/b]\x1b]0;t\x07”"))
        await pilot.pause()
        title = app.screen.query(Label).first()
        shown = str(title.render())
        assert "[/unbalanced]" in shown and "[b]bold[/b]" in shown
        assert "\x1b" not in shown and "\x07" not in shown
