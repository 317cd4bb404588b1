"""Quitting while saves fail: save again, quit and lose the edits, or stay.

The reader saves every edit within a second, so quitting normally loses nothing. When the store cannot
write (a full disk, a read-only folder), the edits since the last save exist only on screen; ``q`` and
Ctrl+C then ask here instead of exiting, and say how many edits would be lost and why.
"""

from __future__ import annotations

from typing import ClassVar, Literal

from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Label, Static

from tui import keys
from tui.plain import plain
from tui.wording import counted

QuitChoice = Literal["save", "lose", "cancel"]
"""What the person chose: try saving again, quit without the edits, or go back to reading."""


class UnsavedQuitDialog(ModalScreen[QuitChoice]):
    """Dismisses with ``"save"`` (try again, then quit if it works), ``"lose"`` or ``"cancel"``."""

    BINDINGS: ClassVar[list[BindingType]] = list(keys.UNSAVED_QUIT)

    def __init__(self, edits: int, reason: str) -> None:
        """Args:
        edits: Edits not on disk.
        reason: Why the last save failed (the store's one-line message; the user's path is in it).
        """
        super().__init__()
        self.edits = edits
        self.reason = reason

    def compose(self) -> ComposeResult:
        """The count, the reason and the three choices."""
        edits = counted(self.edits, "edit")
        with Vertical(id="unsaved-quit", classes="annotation-dialog"):
            yield Label(f"{edits} not saved", classes="dialog-title", markup=False)
            yield Static(
                plain(f"Saving failed: {self.reason}\n\nQuitting now loses {edits}."),
                id="unsaved-quit-text",
                markup=False,
            )
            with Horizontal(classes="dialog-buttons"):
                yield Button("Save again (s)", id="save", variant="primary")
                yield Button(f"Quit, lose {edits} (l)", id="lose", variant="error")
                yield Button("Cancel (Esc)", id="cancel")

    @on(Button.Pressed)
    def _pressed(self, event: Button.Pressed) -> None:
        self.action_choose(event.button.id or "cancel")

    def action_choose(self, choice: str) -> None:
        """Close with the choice."""
        self.dismiss("save" if choice == "save" else "lose" if choice == "lose" else "cancel")
