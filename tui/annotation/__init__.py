"""The reader's side of annotating: which store and labels an article uses, and the open article's work.

:class:`AnnotationWorkspace` is made once per run from the command-line paths: it knows each path's
annotations folder (``.gloss/`` or ``--store``) and labels (``gloss.toml``) and answers the article list's
"saved? how many unreviewed?". :class:`ArticleSession` holds the open article's
:class:`~tui.model.AnnotationSet`, merges the extractor's suggestions into what was saved, applies a
person's edits and saves each one within a second (:class:`~tui.store.Autosaver`). :class:`Selection` is a
span being made or resized with the keyboard.

No Textual import: the reader screen calls these from its actions and workers, and they are tested
without a UI.
"""

from __future__ import annotations

from tui.annotation.selecting import Selection, SelectionPurpose
from tui.annotation.session import ArticleSession, ErrorHandler
from tui.annotation.workspace import AnnotationWorkspace, PathSetting

__all__ = [
    "AnnotationWorkspace",
    "ArticleSession",
    "ErrorHandler",
    "PathSetting",
    "Selection",
    "SelectionPurpose",
]
