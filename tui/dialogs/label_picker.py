"""The label picker: every label of the corpus (custom ones included), filtered as the person types.

Opened with ``L`` (or Enter in the one-key label prompt) for labels without a key or when the keys are
not remembered. Typing narrows the list (names starting with what was typed first, then names and
descriptions containing it; a label's own key ranks it first), ↑/↓ move, Enter applies, Esc cancels.
When nothing matches a name that can be a label, the picker offers to create it ("create label CLAIM"):
it then dismisses with the new name, and the reader saves the label (``gloss.toml``) before using it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar

from rich.style import Style
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList
from textual.widgets.option_list import Option

from tui import keys
from tui.model import LabelConfig, LabelDef
from tui.model.labels import is_label_name
from tui.text_safety import drawable

StyleForLabel = Callable[[LabelDef], Style]
"""How a label is drawn in the picker: the reader passes the article view's highlight style."""


def default_style(definition: LabelDef) -> Style:
    """The label's own colour from ``gloss.toml``, if it has one."""
    return Style(color=definition.colour, bold=True) if definition.colour else Style(bold=True)


def rank_labels(labels: LabelConfig, query: str) -> list[LabelDef]:
    """The labels matching ``query``, best first (all of them, in config order, for an empty query).

    A one-character query equal to a label's key puts that label first; then names starting with the
    query, names containing it, and descriptions containing it.
    """
    needle = query.strip().casefold()
    if not needle:
        return list(labels.labels.values())
    ranked: list[tuple[int, int, LabelDef]] = []
    for position, definition in enumerate(labels.labels.values()):
        name = definition.name.casefold()
        if definition.key is not None and query.strip() == definition.key:
            rank = 0
        elif name.startswith(needle):
            rank = 1
        elif needle in name or needle in name.replace("_", " "):
            rank = 2
        elif needle in definition.description.casefold():
            rank = 3
        else:
            continue
        ranked.append((rank, position, definition))
    return [definition for _, _, definition in sorted(ranked, key=lambda item: item[:2])]


class LabelPicker(ModalScreen[str | None]):
    """Type to filter, ↑/↓ to move, Enter to apply, Esc to cancel; dismisses with the label name."""

    BINDINGS: ClassVar[list[BindingType]] = list(keys.LABEL_PICKER)

    def __init__(
        self,
        labels: LabelConfig,
        *,
        title: str = "Label",
        current: str | None = None,
        style_for: StyleForLabel = default_style,
    ) -> None:
        super().__init__()
        self.labels = labels
        self.title_text = title
        self.current = current
        """The label the span has now (marked in the list)."""
        self.style_for = style_for

    def compose(self) -> ComposeResult:
        """Title, type-ahead box, the labels, a hint."""
        with Vertical(id="label-picker", classes="annotation-dialog"):
            yield Label(drawable(self.title_text), classes="dialog-title", markup=False)
            yield Input(placeholder="type a label name…", id="label-query")
            yield OptionList(id="label-options")
            yield Label("type to filter · ↑↓ move · Enter apply · Esc cancel", classes="dialog-hint")

    def on_mount(self) -> None:
        """Fill the list and put the cursor in the type-ahead box."""
        self._fill("")
        self.query_one("#label-query", Input).focus()

    def _row(self, definition: LabelDef) -> Text:
        """One label's row, built as ``Text``: its key, name and description come from ``gloss.toml``."""
        text = Text(end="")
        text.append(f"{drawable(definition.key or ' ')}  ", Style(dim=True))
        text.append(f" {drawable(definition.name)} ", self.style_for(definition))
        if definition.custom:
            text.append("  custom", Style(dim=True, italic=True))
        if definition.name == self.current:
            text.append("  (now)", Style(dim=True))
        if definition.description:
            text.append(f"  {drawable(definition.description)}", Style(dim=True))
        return text

    def _fill(self, query: str) -> None:
        """The labels matching ``query``, else the offer to create it, else a line saying nothing matches.

        Every prompt is a ``Text``: an ``OptionList`` reads a ``str`` prompt as markup, and the query is
        whatever was typed (``[/`` raised ``MarkupError`` and crashed the reader).
        """
        options = self.query_one("#label-options", OptionList)
        matches = rank_labels(self.labels, query)
        options.set_options(Option(self._row(d), id=d.name) for d in matches)
        if matches:
            options.highlighted = 0
        elif is_label_name(name := query.strip().upper()):
            options.add_option(Option(Text(f"+  create label {name}", style="bold"), id=name))
            options.highlighted = 0
        else:
            options.add_option(Option(Text(f"No label matches “{drawable(query)}”."), disabled=True))

    @on(Input.Changed, "#label-query")
    def _query_changed(self, event: Input.Changed) -> None:
        self._fill(event.value)

    @on(Input.Submitted, "#label-query")
    def _query_submitted(self) -> None:
        options = self.query_one("#label-options", OptionList)
        if options.highlighted is not None:
            option = options.get_option_at_index(options.highlighted)
            if option.id is not None:
                self.dismiss(option.id)

    @on(OptionList.OptionSelected, "#label-options")
    def _option_selected(self, event: OptionList.OptionSelected) -> None:
        if event.option.id is not None:
            self.dismiss(event.option.id)

    def action_move(self, step: int) -> None:
        """Move the highlight in the list while typing."""
        options = self.query_one("#label-options", OptionList)
        if options.option_count:
            current = options.highlighted if options.highlighted is not None else -step
            options.highlighted = max(0, min(options.option_count - 1, current + step))

    def action_cancel(self) -> None:
        """Close without choosing."""
        self.dismiss(None)
