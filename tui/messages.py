"""Messages between the app and the reader screen, and the reader's own progress messages.

Workers and the app post these; the screen (or the app) handles them with ``@on``, so no object calls
into another's internals and a test can watch them with ``run_test(message_hook=...)``. Widget messages
stay nested in their widgets (``ArticleView.CursorMoved``); these are the ones with no widget to live in.
The screen's own messages do not bubble on to the app: nothing there needs them.
"""

from __future__ import annotations

from textual.message import Message

from tui.annotation.extraction import Finished, Progress
from tui.model import Article, Span


class ArticleShown(Message):
    """An article's text is on screen (benchmarks and tests wait for it)."""

    def __init__(self, article: Article) -> None:
        super().__init__()
        self.article = article


class HighlightsShown(Message):
    """An article's extraction finished and its highlights are on screen."""

    def __init__(self, article: Article) -> None:
        super().__init__()
        self.article = article


class ModelReady(Message, bubble=False):
    """The extractor has loaded, or failed to (the holder says which): extract what is open."""


class ModelLost(Message):
    """The model's process stopped while extracting (posted by the reader; the app owns the model)."""

    def __init__(self, error: str) -> None:
        super().__init__()
        self.error = error


class TextNotExtracted(Message):
    """The model could not extract one article (the model itself goes on; posted by the reader)."""

    def __init__(self, key: str, error: str) -> None:
        super().__init__()
        self.key = key
        self.error = error


class SaveFailed(Message):
    """A save of annotations failed; the app keeps the message to repeat it after the reader closes."""

    def __init__(self, error: str) -> None:
        super().__init__()
        self.error = error


class Saved(Message, bubble=False):
    """A save completed: the article list's ✎ marker and count may have changed."""


class ExtractionProgress(Message, bubble=False):
    """Some chunks of the open article are extracted (the extraction worker posts it)."""

    def __init__(self, event: Progress) -> None:
        super().__init__()
        self.event = event


class ExtractionFinished(Message, bubble=False):
    """The open article is extracted: its final spans and their navigation index."""

    def __init__(self, event: Finished) -> None:
        super().__init__()
        self.event = event


class ArticleCounted(Message, bubble=False):
    """An article of the list was extracted in the background: its counts can be shown."""

    def __init__(self, key: str, spans: list[Span]) -> None:
        super().__init__()
        self.key = key
        self.spans = spans


__all__ = [
    "ArticleCounted",
    "ArticleShown",
    "ExtractionFinished",
    "ExtractionProgress",
    "HighlightsShown",
    "ModelReady",
    "SaveFailed",
    "Saved",
]


# ui-hardening: saving that involved another writer -------------------------------------------------
class SaveReported(Message):
    """A save merged another writer's edits or kept a conflict copy (posted from the saving thread)."""

    def __init__(self, message: str) -> None:
        super().__init__()
        self.message = message
