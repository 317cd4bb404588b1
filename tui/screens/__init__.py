"""Screens of the reader: the reader itself, the help and the highlights chooser."""

from __future__ import annotations

from tui.screens.help import HelpScreen
from tui.screens.highlights import HighlightsScreen
from tui.screens.reader import ReaderScreen

__all__ = ["HelpScreen", "HighlightsScreen", "ReaderScreen"]
