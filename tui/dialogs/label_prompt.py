"""The one-key label prompt: a strip over the status line listing each label's key; one key applies it.

This is the Prodigy and brat habit: after ``l`` (relabel the current span) or Enter on a selection
(label the new span), a single key gives the label. Labels without a key, and people who do not
remember the keys, press Enter or ``L`` for the :class:`~tui.dialogs.label_picker.LabelPicker`. The
article stays visible behind the strip, so the span or selection being labelled is still on screen.
"""

from __future__ import annotations

from rich.style import Style
from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

from tui.dialogs.label_picker import LabelPicker, StyleForLabel, default_style
from tui.model import LabelConfig


class LabelPrompt(ModalScreen[str | None]):
    """Dismisses with the label whose key was pressed, the label picked by name, or ``None`` (Esc)."""

    def __init__(
        self,
        labels: LabelConfig,
        *,
        title: str = "Label as",
        current: str | None = None,
        style_for: StyleForLabel = default_style,
    ) -> None:
        super().__init__()
        self.labels = labels
        self.title_text = title
        self.current = current
        self.style_for = style_for

    def compose(self) -> ComposeResult:
        """The keys, one line per few labels, docked at the bottom."""
        with Vertical(id="label-prompt"):
            yield Static(self._keys(), id="label-prompt-keys")

    def _keys(self) -> Text:
        text = Text(f"{self.title_text}: ", Style(bold=True), end="")
        for definition in self.labels.labels.values():
            if definition.key is None:
                continue
            text.append(f" {definition.key} ", Style(bold=True, reverse=True))
            text.append(" ")
            text.append(definition.name, self.style_for(definition))
            text.append("   ")
        text.append(" Enter/L ", Style(bold=True, reverse=True))
        text.append(" other labels by name   ")
        text.append(" Esc ", Style(bold=True, reverse=True))
        text.append(" cancel")
        return text

    def on_key(self, event: events.Key) -> None:
        """A label key applies its label; Enter or L opens the picker; Esc cancels; other keys are ignored."""
        event.stop()
        event.prevent_default()
        if event.key == "escape":
            self.dismiss(None)
        elif event.key in ("enter", "L"):
            picker = LabelPicker(
                self.labels, title=self.title_text, current=self.current, style_for=self.style_for
            )
            self.app.push_screen(picker, self._picked)
        elif event.character and (definition := self.labels.by_key(event.character)) is not None:
            self.dismiss(definition.name)
        else:
            message = f"No label on {event.key!r}: Enter lists every label, Esc cancels."
            self.notify(message, timeout=3, markup=False)

    def _picked(self, label: str | None) -> None:
        self.dismiss(label)
