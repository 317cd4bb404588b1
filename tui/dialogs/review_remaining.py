"""Accept or reject every remaining suggestion at once: of the whole article, or of one label.

``A`` and ``X`` open it; it says how many suggestions each choice touches, so a bulk decision is never a
surprise (and ``u`` undoes it in one step).
"""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, Static

from tui import keys
from tui.text_safety import drawable

ARTICLE = "*article*"
"""What the dialog dismisses with for "every remaining suggestion of the article"."""


class ReviewRemainingDialog(ModalScreen[str | None]):
    """``a``: the whole article, ``l``: the current label only, Esc: cancel.

    Dismisses with :data:`ARTICLE`, the label, or ``None``.
    """

    BINDINGS: ClassVar[list[BindingType]] = list(keys.REVIEW_REMAINING)

    def __init__(self, verb: str, in_article: int, label: str | None, in_label: int) -> None:
        """Args:
        verb: ``Accept`` or ``Reject``.
        in_article: Suggestions still waiting in the article.
        label: The current span's label (``None``: the cursor is on no span).
        in_label: Of those, how many have that label.
        """
        super().__init__()
        self.verb = verb
        self.in_article = in_article
        self.label = label
        self.in_label = in_label

    def compose(self) -> ComposeResult:
        """The two choices with their counts."""
        lines = [f"a   all {self.in_article} remaining suggestions of the article"]
        if self.label is not None:
            lines.append(f"l   only the {self.in_label} remaining {self.label} suggestions")
        with Vertical(id="review-remaining", classes="annotation-dialog"):
            yield Label(f"{self.verb} remaining suggestions", classes="dialog-title", markup=False)
            yield Static("\n".join(drawable(line) for line in lines), id="review-choices", markup=False)
            yield Label("u undoes it afterwards in one step · Esc cancel", classes="dialog-hint")

    def action_choose(self, what: str) -> None:
        """Close with the choice."""
        if what == "article":
            self.dismiss(ARTICLE)
        elif what == "label" and self.label is not None:
            self.dismiss(self.label)
        elif not what:
            self.dismiss(None)
