"""Shared fixtures: a reader app that has settled (article open, extraction done) and what it posted.

``reader`` is the seeds with the fixed extractor at the tests' usual size; ``open_reader`` opens any
paths, extractor or size the same way. Both hand back a :class:`Reader` with the app, the pilot, the
screen and its widgets, and every message the app's objects posted (``run_test(message_hook=...)``), so
tests assert on public state and on messages instead of reaching into private members.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

import pytest
from textual.message import Message
from textual.pilot import Pilot

from tests.app_support import SEEDS, FixedExtractor, settle
from tui.app import ExtractorFactory, GlossApp
from tui.screens.reader import ReaderScreen
from tui.widgets import ArticleList, ArticleView, StatusLine

SIZE = (120, 36)
"""The terminal size of the app tests (snapshots choose their own)."""

M = TypeVar("M", bound=Message)


@dataclass
class Reader:
    """A running reader: the app, its pilot, the reader screen, and the messages posted so far."""

    app: GlossApp
    pilot: Pilot[None]
    screen: ReaderScreen
    messages: list[Message] = field(default_factory=list)

    @property
    def view(self) -> ArticleView:
        """The article view."""
        return self.screen.view

    @property
    def status(self) -> StatusLine:
        """The status line."""
        return self.screen.status

    @property
    def article_list(self) -> ArticleList:
        """The article list."""
        return self.screen.article_list

    def posted(self, kind: type[M]) -> list[M]:
        """The messages of one class posted so far, oldest first."""
        return [m for m in self.messages if isinstance(m, kind)]

    async def settle(self) -> None:
        """Wait until every worker is done and what they posted is handled."""
        await settle(self.app, self.pilot)


OpenReader = Callable[..., AbstractAsyncContextManager[Reader]]


@pytest.fixture
def open_reader() -> OpenReader:
    """Open the reader on ``paths`` (the seeds by default) and wait until it has settled."""

    @asynccontextmanager
    async def opening(
        paths: list[Path] | None = None,
        *,
        extractor: ExtractorFactory | None = FixedExtractor,
        size: tuple[int, int] = SIZE,
        app: GlossApp | None = None,
        notifications: bool = False,
        **options: object,
    ) -> AsyncIterator[Reader]:
        if app is None:
            app = GlossApp.for_paths(paths or [SEEDS], extractor_factory=extractor, **options)
        messages: list[Message] = []
        hook = messages.append
        async with app.run_test(size=size, message_hook=hook, notifications=notifications) as pilot:
            await settle(app, pilot)
            screen = app.reader
            assert isinstance(screen, ReaderScreen)
            yield Reader(app, pilot, screen, messages)

    return opening


@pytest.fixture
async def reader(open_reader: OpenReader) -> AsyncIterator[Reader]:
    """The reader on the seeds with the fixed extractor, settled."""
    async with open_reader() as opened:
        yield opened
