"""The help screen (``?`` or F1): every key of the reader, grouped, from the bindings themselves.

The table is built from the ``BINDINGS`` of the app, the reader screen, the article view and the list,
so it cannot fall out of step with what the keys do.
"""

from __future__ import annotations

from typing import ClassVar

from rich.table import Table
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

MORE_KEYS: list[tuple[str, str]] = [
    ("ctrl+p", "Command palette: every action by name"),
    ("letters, / (list)", "Filter the article list by title (/ first for titles starting j, k, g, q)"),
    ("↑ ↓ Enter (filter box)", "Move in the filtered list, open"),
    ("Esc (filter box)", "Clear the filter"),
    ("click", "Open an article / put the cursor on a span"),
]


def _bindings(owner: type | list[Binding]) -> list[Binding]:
    found = owner if isinstance(owner, list) else getattr(owner, "BINDINGS", [])
    return [b for b in found if isinstance(b, Binding)]


class HelpScreen(ModalScreen[None]):
    """A scrollable table of keys; any of Esc, q, ? or F1 closes it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,question_mark,f1", "dismiss_help", "Close help"),
        Binding("j,down", "scroll('down')", "Scroll down", show=False),
        Binding("k,up", "scroll('up')", "Scroll up", show=False),
    ]

    def compose(self) -> ComposeResult:
        """The keys table in a scrolling box."""
        with VerticalScroll(id="help-dialog"):
            yield Static(self._table(), id="help-table")

    def _table(self) -> Table:
        from tui.app import GlossApp
        from tui.screens.annotation_actions import ANNOTATION_BINDINGS
        from tui.screens.annotation_modes import CANCEL_BINDING, SELECTION_BINDINGS, SPEAKER_BINDINGS
        from tui.screens.reader import ReaderScreen
        from tui.widgets.article_list import ArticleList
        from tui.widgets.article_view import ArticleView

        table = Table(title="Gloss keys", expand=True, show_edge=False, pad_edge=False, box=None)
        table.add_column("Key", style="bold", no_wrap=True, width=16)
        table.add_column("Action", ratio=1)
        sections: list[tuple[str, type | list[Binding]]] = [
            ("Reading", ArticleView),
            ("Jumping", ReaderScreen),
            ("Annotating", ANNOTATION_BINDINGS),
            ("Selecting (after v, < or >)", [*SELECTION_BINDINGS, CANCEL_BINDING]),
            ("Choosing a speaker (after s)", [*SPEAKER_BINDINGS, CANCEL_BINDING]),
            ("List", ArticleList),
            ("Everywhere", GlossApp),
        ]
        for title, owner in sections:
            table.add_row("", "")
            table.add_row(f"[b u]{title}[/]", "")
            for binding in _bindings(owner):
                keys = " ".join(
                    self.app.get_key_display(Binding(k.strip(), "")) for k in binding.key.split(",")
                )
                table.add_row(keys, binding.tooltip or binding.description)
        table.add_row("", "")
        table.add_row("[b u]More[/]", "")
        for keys, description in MORE_KEYS:
            table.add_row(keys, description)
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
