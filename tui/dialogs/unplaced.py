"""The spans that could not be placed again after the article's text changed, one per row.

Enter places the highlighted one at the reader's cursor (the selection being made, else the search
match, else the span under the cursor); ``d`` discards it. The reader does either and says how to undo
it; the dialog only says which span and what to do with it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar, Literal

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from tui import keys
from tui.model import Annotation
from tui.text_safety import drawable


@dataclass(frozen=True, slots=True)
class UnplacedChoice:
    """What to do with one unplaced span."""

    action: Literal["place", "discard"]
    annotation_id: str


def describe_unplaced(annotation: Annotation, context: tuple[str, str] | None = None) -> str:
    """One row: the label, the span's old text in the words that stood around it, and its status
    ("PERSON “…leader ⟦Kim Jong Un⟧ in Beijing…” · accepted"); the old offset when no context is known."""
    text = " ".join(annotation.span.text.split())
    if context is not None and any(context):
        before, after = (" ".join(part.split()) for part in context)
        where = f"“…{before} ⟦{text}⟧ {after}…”"
    else:
        where = f"“{text}” · was at character {annotation.start}"
    row = drawable(f"{annotation.label} {where} · {annotation.status}")
    return f"{row} · note: {drawable(annotation.note)}" if annotation.note else row


class UnplacedDialog(ModalScreen[UnplacedChoice | None]):
    """The unplaced spans; Enter: place at the cursor, ``d``: discard, Esc: close."""

    BINDINGS: ClassVar[list[BindingType]] = list(keys.UNPLACED)
    DEFAULT_CSS = """
    UnplacedDialog .dialog-hint { width: 100%; }
    """

    def __init__(
        self, unplaced: list[Annotation], target: str, contexts: dict[str, tuple[str, str]] | None = None
    ) -> None:
        """Args:
        unplaced: The spans that could not be placed.
        target: Where Enter would place one, in words (``“Kim Un”``), or ``""`` when nowhere.
        contexts: The words around each where it was lost (by id), shown in its row.
        """
        super().__init__()
        self.unplaced = unplaced
        self.contexts = contexts or {}
        self.target = target

    def compose(self) -> ComposeResult:
        """The list, and what Enter and ``d`` do."""
        target = drawable(self.target)  # the article's words at the cursor: data, shown without markup
        where = f"Enter places it at {target}" if target else "Put the cursor somewhere first"
        with Vertical(id="unplaced-dialog", classes="annotation-dialog"):
            yield Label(
                f"{len(self.unplaced)} span(s) the changed text lost", classes="dialog-title", markup=False
            )
            yield OptionList(
                *(
                    Option(Text(describe_unplaced(a, self.contexts.get(a.id))), id=a.id)
                    for a in self.unplaced
                ),
                id="unplaced-list",
            )
            # Two lines: on one, "Esc" fell off the 68 columns of the dialog; and the width is the dialog's,
            # so the words at a long cursor wrap instead of pushing the rest out of sight.
            hint = f"{where} · d discards it\nu undoes either · Esc closes"
            yield Label(hint, classes="dialog-hint", markup=False)

    def on_mount(self) -> None:
        """Start on the first span."""
        options = self.query_one(OptionList)
        options.highlighted = 0
        options.focus()

    def _highlighted(self) -> str | None:
        options = self.query_one(OptionList)
        if options.highlighted is None:
            return None
        return options.get_option_at_index(options.highlighted).id

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Enter on a row: place it."""
        if event.option.id is not None and self.target:
            self.dismiss(UnplacedChoice("place", event.option.id))

    def action_discard(self) -> None:
        """Discard the highlighted span."""
        if (chosen := self._highlighted()) is not None:
            self.dismiss(UnplacedChoice("discard", chosen))

    def action_cancel(self) -> None:
        """Close without changes."""
        self.dismiss(None)
