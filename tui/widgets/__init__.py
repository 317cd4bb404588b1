"""Widgets of the reader, one per module.

Each draws one thing and says what a person did with a nested message: the article list (which article),
the article view (where the cursor went, a selection to label, a speaker chosen), the entity panel (which
entity), the legend, the status line and the key bar. None of them changes annotations; the reader
screen does that through the annotation controller.
"""

from __future__ import annotations

from tui.widgets.article_list import ArticleList, Counts
from tui.widgets.article_view import ArticleView, CursorReport
from tui.widgets.entity_panel import EntityPanel
from tui.widgets.key_bar import KeyBar
from tui.widgets.legend import Legend
from tui.widgets.status_line import StatusLine, describe_cursor

__all__ = [
    "ArticleList",
    "ArticleView",
    "Counts",
    "CursorReport",
    "EntityPanel",
    "KeyBar",
    "Legend",
    "StatusLine",
    "describe_cursor",
]
