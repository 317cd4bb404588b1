"""The article view's plain parts: wrapping, line painting, what is highlighted, where the cursor is.

:class:`Layout` (via :func:`wrap`) is the text cut into display lines; :func:`paint` turns a line and its
style layers into Rich segments; :class:`Highlights` is the open article's annotations through the
highlight filters; :class:`Navigator` is the span cursor and the search. The widget
(:class:`tui.widgets.ArticleView`) composes them and only draws; all of this is tested without Textual.
"""

from __future__ import annotations

from tui.render.highlights import Highlights
from tui.render.layout import Layout, is_heading, wrap
from tui.render.navigator import CursorReport, Match, Navigator
from tui.render.segments import Layer, paint

__all__ = [
    "CursorReport",
    "Highlights",
    "Layer",
    "Layout",
    "Match",
    "Navigator",
    "is_heading",
    "paint",
    "wrap",
]
