"""Choosing which labels are highlighted: a checklist of the labels the open article has."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, SelectionList

from tui import keys


class HighlightsScreen(ModalScreen[frozenset[str] | None]):
    """Space ticks or unticks a label; Enter applies; Esc cancels. Dismisses with the hidden labels."""

    BINDINGS: ClassVar[list[BindingType]] = list(keys.HIGHLIGHTS)

    def __init__(self, labels: list[str], hidden: frozenset[str]) -> None:
        super().__init__()
        self.labels = labels
        self.hidden = hidden

    def compose(self) -> ComposeResult:
        """A title, the checklist and a hint."""
        with Vertical(id="highlights-dialog"):
            yield Label("Highlighted labels", classes="dialog-title")
            yield SelectionList[str](
                *((label, label, label not in self.hidden) for label in self.labels), id="highlight-labels"
            )
            yield Label("space: on/off · enter: apply · esc: cancel", classes="dialog-hint")

    def action_apply(self) -> None:
        """Close, hiding every unticked label."""
        ticked = set(self.query_one(SelectionList).selected)
        self.dismiss(frozenset(label for label in self.labels if label not in ticked))

    def action_cancel(self) -> None:
        """Close without changes."""
        self.dismiss(None)
