"""Widgets of the reader, one per module."""

from __future__ import annotations

from tui.widgets.article_list import ArticleList, Counts
from tui.widgets.article_view import ArticleView, CursorReport
from tui.widgets.entity_panel import EntityPanel
from tui.widgets.legend import Legend
from tui.widgets.status_line import StatusLine, describe_cursor

__all__ = [
    "ArticleList",
    "ArticleView",
    "Counts",
    "CursorReport",
    "EntityPanel",
    "Legend",
    "StatusLine",
    "describe_cursor",
]
