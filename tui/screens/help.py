"""The help screen (``?`` or F1): every key of the reader, grouped, from the bindings themselves.

The table is built from :data:`tui.keys.HELP_SECTIONS`, the same tables the widgets bind, so it cannot
fall out of step with what the keys do.
"""

from __future__ import annotations

from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from tui import keys


class HelpScreen(ModalScreen[None]):
    """A scrollable table of keys; any of Esc, q, ? or F1 closes it."""

    BINDINGS: ClassVar[list[BindingType]] = list(keys.HELP)

    def compose(self) -> ComposeResult:
        """The keys table in a scrolling box."""
        with VerticalScroll(id="help-dialog"):
            yield Static(self.keys_table(), id="help-table")

    def keys_table(self) -> Table:
        """The keys, section by section, as the help shows them.

        Keys and descriptions go in as ``Text``, never as markup: a key shown as ``[`` or ``]`` (the jump
        keys) must not be read as the start of a Rich tag.
        """
        table = Table(title="Gloss keys", expand=True, show_edge=False, pad_edge=False, box=None)
        table.add_column("Key", style="bold", no_wrap=True, width=16)
        table.add_column("Action", ratio=1)
        for title, bindings in keys.HELP_SECTIONS:
            table.add_row("", "")
            table.add_row(f"[b u]{title}[/]", "")
            for binding in bindings:
                shown = " ".join(
                    self.app.get_key_display(Binding(k.strip(), "")) for k in binding.key.split(",")
                )
                table.add_row(Text(shown), Text(binding.tooltip or binding.description))
        table.add_row("", "")
        table.add_row("[b u]More[/]", "")
        for shown, description in keys.MORE_KEYS:
            table.add_row(Text(shown), Text(description))
        return table

    def action_dismiss_help(self) -> None:
        """Close the help."""
        self.dismiss(None)

    def action_scroll(self, direction: str) -> None:
        """Scroll the table."""
        box = self.query_one("#help-dialog", VerticalScroll)
        if direction == "down":
            box.scroll_down(animate=False)
        else:
            box.scroll_up(animate=False)
