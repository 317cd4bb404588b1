"""The help screen (``?`` or F1): every key of the reader, grouped, from the bindings themselves.

The table is built from :data:`tui.keys.HELP_SECTIONS`, the same tables the widgets bind, so it cannot
fall out of step with what the keys do. Opened from the article list, the list's keys come first (the
keys there are not the article's: letters filter, ``j``/``k`` move between articles).
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
    """A scrollable table of keys; any of Esc, q, ? or F1 closes it.

    It scrolls with the reading keys (``j``/``k``, space/``b``, Ctrl+D/U, ``g``/``G``…): its own table lists
    them, so they are the keys a person reading it tries.
    """

    BINDINGS: ClassVar[list[BindingType]] = list(keys.HELP)

    FIRST_SECTION: ClassVar[dict[str, str]] = {"list": "List", "article": "Reading"}
    """The section shown first for each pane the help can be opened from."""

    def __init__(self, first: str = "article") -> None:
        """
        Args:
            first: The pane the help is opened from (the app asks the reader's ``focus_pane``).
        """
        super().__init__()
        self.first: str = first
        """The pane the help was opened from (``list``, ``article``, ``panel``): its section leads."""

    def sections(self) -> list[tuple[str, list[Binding]]]:
        """:data:`tui.keys.HELP_SECTIONS`, the focused pane's section first."""
        lead = self.FIRST_SECTION.get(self.first)
        return sorted(keys.HELP_SECTIONS, key=lambda section: section[0] != lead)

    def compose(self) -> ComposeResult:
        """The keys table in a scrolling box."""
        with VerticalScroll(id="help-dialog"):
            yield Static(self.keys_table(), id="help-table")

    def keys_table(self) -> Table:
        """The keys, section by section, as the help shows them.

        Keys and descriptions go in as ``Text``, never as markup: a key shown as ``[`` or ``]`` (the jump
        keys) must not be read as the start of a Rich tag. Only the section titles, constants of
        :mod:`tui.keys`, are markup.
        """
        table = Table(title="Gloss keys", expand=True, show_edge=False, pad_edge=False, box=None)
        table.add_column("Key", style="bold", no_wrap=True, width=16)
        table.add_column("Action", ratio=1)
        for title, bindings in self.sections():
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

    @property
    def box(self) -> VerticalScroll:
        """The scrolling box around the table."""
        return self.query_one("#help-dialog", VerticalScroll)

    def action_lines(self, count: int) -> None:
        """Scroll ``count`` lines (``j``/``k``, like the article)."""
        self.box.scroll_relative(y=count, animate=False)

    def action_pages(self, count: int) -> None:
        """Scroll ``count`` pages (space, ``f``, ``b``, Page Up/Down)."""
        self.action_lines(count * max(1, self.box.scrollable_content_region.height))

    def action_half_page(self, count: int) -> None:
        """Scroll ``count`` half pages (Ctrl+D, Ctrl+U)."""
        self.action_lines(count * max(1, self.box.scrollable_content_region.height // 2))

    def action_top(self) -> None:
        """Go to the top of the table (``g``, Home)."""
        self.box.scroll_home(animate=False)

    def action_bottom(self) -> None:
        """Go to the bottom of the table (``G``, End)."""
        self.box.scroll_end(animate=False)
