"""Screens of the reader: the reader itself, the help and the highlights chooser.

:class:`ReaderScreen` composes the widgets and routes their messages; the work is done by the objects
of :mod:`tui.annotation` and :mod:`tui.render`. New views (a corpus search, who said what) are screens
pushed from it, which open an article with :meth:`ReaderScreen.open_at`.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tui.screens.help import HelpScreen
    from tui.screens.highlights import HighlightsScreen
    from tui.screens.reader import ReaderScreen

__all__ = ["HelpScreen", "HighlightsScreen", "ReaderScreen"]

_HOMES = {"HelpScreen": "tui.screens.help", "HighlightsScreen": "tui.screens.highlights",
          "ReaderScreen": "tui.screens.reader"}  # fmt: skip
"""Where each public name lives: imported on first use (PEP 562), so that importing the reader does not
import the help and the highlights chooser before the first paint."""


def __getattr__(name: str) -> object:
    if name in _HOMES:
        return getattr(importlib.import_module(_HOMES[name]), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
