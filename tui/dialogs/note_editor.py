"""The note editor: free text attached to a span, shown in the status line when the cursor is on it."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label

from tui import keys
from tui.text_safety import drawable


class NoteEditor(ModalScreen[str | None]):
    """Enter saves (an empty note clears it), Esc cancels; dismisses with the note or ``None``."""

    BINDINGS: ClassVar[list[BindingType]] = list(keys.CANCEL_ONLY)

    def __init__(self, about: str, note: str = "") -> None:
        """Args:
        about: What the note is attached to (``CARDINAL “15,000”``), for the title.
        note: The note it has now.
        """
        super().__init__()
        self.about = about
        self.note = note

    def compose(self) -> ComposeResult:
        """Title, one line of text, a hint."""
        with Vertical(id="note-editor", classes="annotation-dialog"):
            yield Label(f"Note on {drawable(self.about)}", classes="dialog-title", markup=False)
            yield Input(self.note, placeholder="write a note…", id="note-text")
            yield Label("Enter save · empty Enter clears the note · Esc cancel", classes="dialog-hint")

    def on_mount(self) -> None:
        """Type at once, at the end of the note."""
        box = self.query_one("#note-text", Input)
        box.focus()
        box.cursor_position = len(box.value)

    @on(Input.Submitted, "#note-text")
    def _submitted(self, event: Input.Submitted) -> None:
        self.dismiss(event.value.strip())

    def action_cancel(self) -> None:
        """Close without changing the note."""
        self.dismiss(None)
