"""Screens of the reader: the reader itself, the help and the highlights chooser.

:class:`ReaderScreen` composes the widgets and routes their messages; the work is done by the objects
of :mod:`tui.annotation` and :mod:`tui.render`. New views (a corpus search, who said what) are screens
pushed from it, which open an article with :meth:`ReaderScreen.open_at`.
"""

from __future__ import annotations

from tui.screens.help import HelpScreen
from tui.screens.highlights import HighlightsScreen
from tui.screens.reader import ReaderScreen

__all__ = ["HelpScreen", "HighlightsScreen", "ReaderScreen"]
