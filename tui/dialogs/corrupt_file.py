"""What to do about an annotation file that cannot be read: keep it (read without saving) or start fresh.

Gloss never writes over a file it could not parse. The article opens with the extractor's suggestions
and this dialog names the file and the reason; until the person chooses "start fresh" (the old file is
renamed beside itself, ``NAME.corrupt-TIMESTAMP.json``, and a new one saved), nothing is saved.
"""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Label, Static

from tui import keys
from tui.plain import plain
from tui.store import CorruptAnnotationsError


class CorruptFileDialog(ModalScreen[bool]):
    """Dismisses with ``True`` to set the file aside and start fresh, ``False`` to keep it untouched."""

    BINDINGS: ClassVar[list[BindingType]] = list(keys.CORRUPT_FILE)

    def __init__(self, error: CorruptAnnotationsError, article_title: str) -> None:
        super().__init__()
        self.error = error
        self.article_title = article_title

    def compose(self) -> ComposeResult:
        """The file, why it cannot be read, and the two choices."""
        with Vertical(id="corrupt-file", classes="annotation-dialog"):
            yield Label("The saved annotations cannot be read", classes="dialog-title")
            yield Static(
                plain(
                    f"Article: {self.article_title}\nFile: {self.error.path}\n"
                    f"Problem: {self.error.reason}\n\n"
                    "Gloss has not changed the file. You can read the article and try edits, but nothing is "
                    "saved until you start fresh; the old file is then kept beside the new one as "
                    f"{self.error.path.stem}.corrupt-<time>.json."
                ),
                id="corrupt-file-text",
                markup=False,  # the title, path and reason are the user's text, shown literally
            )
            with Horizontal(classes="dialog-buttons"):
                yield Button("Keep it, do not save (k)", id="keep", variant="primary")
                yield Button("Set it aside, start fresh (f)", id="fresh", variant="warning")

    @on(Button.Pressed, "#keep")
    def action_keep(self) -> None:
        """Leave the file as it is; saving stays off for this article."""
        self.dismiss(False)

    @on(Button.Pressed, "#fresh")
    def action_fresh(self) -> None:
        """Rename the file aside and save a new one."""
        self.dismiss(True)
