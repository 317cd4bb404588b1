"""The legend: which colour means which label, for the labels the open article actually has."""

from __future__ import annotations

from collections.abc import Iterable

from rich.style import Style
from rich.text import Text
from textual.widgets import Static

from tui.text_safety import drawable


class Legend(Static):
    """A line of label names, each drawn in its highlight style, with the switched-off ones struck."""

    DEFAULT_CSS = """
    Legend { height: auto; }
    """

    def show(self, items: Iterable[tuple[str, Style, bool]]) -> None:
        """Show ``(name, style, hidden)`` items; hidden labels are drawn struck through and dim."""
        text = Text(end="")
        for name, style, hidden in items:
            if text:
                text.append("  ")
            text.append(f" {drawable(name)} ", Style(dim=True, strike=True) if hidden else style)
        self.update(text if text else Text("no highlights yet", style=Style(dim=True)))
