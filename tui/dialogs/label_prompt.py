"""The one-key label prompt: a strip over the status line listing each label's key; one key applies it.

This is the Prodigy and brat habit: after ``l`` (relabel the current span) or Enter on a selection
(label the new span), a single key gives the label. Labels without a key, and people who do not
remember the keys, press Enter or ``L`` for the :class:`~tui.dialogs.label_picker.LabelPicker`. The
article stays visible behind the strip, so the span or selection being labelled is still on screen.

A key typed right after ``l`` (``tmux send-keys n l g``, or a fast typist) reaches the app before ``l``
has been handled. Textual routes a key to the widget focused when the key *arrives*, so that key goes to
the article view, finds no binding there, and bubbles up to the app after the prompt has been pushed;
the app then looks it up in the bindings of the screen on top, the prompt. Each label key, Enter, ``L``
and Esc are therefore bindings of the prompt as well as keys it handles in :meth:`LabelPrompt.on_key`:
a key typed early takes the same path as one typed once the prompt is shown.
"""

from __future__ import annotations

from typing import ClassVar

from rich.style import Style
from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingsMap, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Static

from tui import keys
from tui.dialogs.label_picker import LabelPicker, StyleForLabel, default_style
from tui.model import LabelConfig, LabelDef
from tui.text_safety import drawable


def label_key_bindings(labels: list[LabelDef]) -> BindingsMap:
    """One binding per label with a key: the key runs ``apply_label(position)`` (its place in ``labels``).

    The position, not the name or the key, goes into the action string, so no character of the config has
    to survive the action parser. A comma cannot be bound by its character (Textual splits keys at commas).
    """
    return BindingsMap(
        Binding("comma" if d.key == "," else d.key, f"apply_label({position})", d.name, show=False)
        for position, d in enumerate(labels)
        if d.key is not None
    )


class LabelPrompt(ModalScreen[str | None]):
    """Dismisses with the label whose key was pressed, the label picked by name, or ``None`` (Esc)."""

    BINDINGS: ClassVar[list[BindingType]] = list(keys.LABEL_PROMPT)

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
        self.choices: list[LabelDef] = list(labels.labels.values())
        """The labels when the prompt opened, in config order (what ``apply_label`` positions refer to)."""
        for key, bindings in label_key_bindings(self.choices).key_to_bindings.items():
            # Bound now, before the screen is pushed: a key typed early is looked up here (module docstring).
            self._bindings.key_to_bindings.setdefault(key, []).extend(bindings)
        self._answered = False

    def compose(self) -> ComposeResult:
        """The keys, one line per few labels, docked at the bottom."""
        with Vertical(id="label-prompt"):
            yield Static(self._keys(), id="label-prompt-keys")

    def _keys(self) -> Text:
        text = Text(f"{drawable(self.title_text)}: ", Style(bold=True), end="")
        for definition in self.choices:
            if definition.key is None:
                continue
            text.append(f" {drawable(definition.key)} ", Style(bold=True, reverse=True))
            text.append(" ")
            text.append(drawable(definition.name), self.style_for(definition))
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
            self.action_cancel()
        elif event.key in ("enter", "L"):
            self.action_picker()
        elif event.character and (definition := self.labels.by_key(event.character)) is not None:
            self._answer(definition.name)
        else:
            message = f"No label on {event.key!r}: Enter lists every label, Esc cancels."
            self.notify(message, timeout=3, markup=False)

    def action_apply_label(self, position: int) -> None:
        """Apply the label at ``position`` of :attr:`choices` (its key was typed before the prompt showed)."""
        if 0 <= position < len(self.choices):
            self._answer(self.choices[position].name)

    def action_picker(self) -> None:
        """Open the label picker; what it dismisses with is the prompt's answer."""
        if self._answered:
            return
        self._answered = True  # a second Enter typed early must not open a second picker
        picker = LabelPicker(
            self.labels, title=self.title_text, current=self.current, style_for=self.style_for
        )
        self.app.push_screen(picker, self._picked)

    def action_cancel(self) -> None:
        """Close without a label."""
        self._answer(None)

    def _answer(self, label: str | None) -> None:
        """Dismiss once: keys typed ahead after the answer must not dismiss the screen below."""
        if not self._answered:
            self._answered = True
            self.dismiss(label)

    def _picked(self, label: str | None) -> None:
        self.dismiss(label)
