"""The reader's annotation work without a screen: the open article, its rules, extraction, exporting.

:class:`AnnotationWorkspace` is made once per run from the command-line paths: it knows each path's
annotations folder (``.gloss/`` or ``--store``) and labels (``gloss.toml``) and answers the article list's
"saved? how many unreviewed?". :class:`ArticleSession` holds one article's
:class:`~tui.model.AnnotationSet`, merges the extractor's suggestions into what was saved and saves each
edit within a second (:class:`~tui.store.Autosaver`). :class:`AnnotationController` owns the open
article's session for the reader and holds the rules a person meets while annotating.
:class:`Extraction` runs the extractor for the reader as a job of progress events. :class:`Selection` is
a span being made or resized with the keyboard.

No Textual import (a test checks it): the reader screen calls these from its actions and workers, and
they are tested without a UI.
"""

from __future__ import annotations

from tui.annotation.controller import AnnotationController, SpeakerChoice, match_target, speaker_choice
from tui.annotation.extraction import Extraction, ExtractorHolder, Finished, Progress, SpanSource
from tui.annotation.selecting import Selection, SelectionPurpose
from tui.annotation.session import ArticleSession, ErrorHandler
from tui.annotation.workspace import AnnotationWorkspace, PathSetting

__all__ = [
    "AnnotationController",
    "AnnotationWorkspace",
    "ArticleSession",
    "ErrorHandler",
    "Extraction",
    "ExtractorHolder",
    "Finished",
    "PathSetting",
    "Progress",
    "Selection",
    "SelectionPurpose",
    "SpanSource",
    "SpeakerChoice",
    "match_target",
    "speaker_choice",
]
