"""A book in the reader: War and Peace opens without drawing the whole text, and highlights arrive
chunk by chunk with an "extracting…" state while the text can already be read."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.app_support import WAR_AND_PEACE, FixedExtractor, fixed_spans, settle
from tests.conftest import OpenReader
from tui.app import GlossApp
from tui.model import Span
from tui.screens import ReaderScreen
from tui.widgets import ArticleView, StatusLine

SIZE = (120, 36)


def reader_of(app: GlossApp) -> ReaderScreen:
    assert app.reader is not None
    return app.reader


async def test_war_and_peace_opens_and_draws_only_what_is_on_screen(open_reader: OpenReader) -> None:
    if not WAR_AND_PEACE.is_file():
        pytest.skip(f"{WAR_AND_PEACE} is absent (the shared data folder is not beside the checkout)")
    app = GlossApp.for_paths([WAR_AND_PEACE], extractor_factory=FixedExtractor)
    async with open_reader(app=app) as opened:
        pilot = opened.pilot
        view = reader_of(app).query_one(ArticleView)
        assert len(view.text) > 3_000_000
        assert view.text_layout is not None and len(view.text_layout) > 20_000
        assert view.cached_lines < 200  # lines drawn so far: the screen and its neighbours, not the book
        await pilot.press("G")
        assert view.scroll_offset.y > 20_000
        await pilot.press("N")
        assert view.current is not None
        assert view.current.start > len(view.text) * 0.9
        assert view.cached_lines < 400


class GatedExtractor:
    """Yields the first half's spans, then waits for the test before yielding the rest."""

    model_name = "gated"

    def __init__(self) -> None:
        self.gate = threading.Event()

    def extract_progressively(self, text: str) -> Iterator[list[Span]]:
        spans = fixed_spans(text)
        half = len(text) // 2
        yield [s for s in spans if s.start < half]
        assert self.gate.wait(timeout=30), "the test never opened the gate"
        yield [s for s in spans if s.start >= half]


async def test_highlights_arrive_progressively_with_an_extracting_state(tmp_path: Path) -> None:
    article = tmp_path / "article.txt"
    article.write_text("Vladimir Putin met Xi Jinping.\n" * 50, encoding="utf-8")
    extractor = GatedExtractor()
    app = GlossApp.for_paths([article], extractor_factory=lambda: extractor)
    async with app.run_test(size=SIZE) as pilot:
        screen = reader_of(app)
        view = screen.query_one(ArticleView)
        status = screen.query_one(StatusLine)
        for _ in range(200):
            if view.shown:
                break
            await pilot.pause()
        assert 0 < len(view.shown) < 100
        assert status.state.startswith("extracting…")
        await pilot.press("n")
        assert view.current is not None and view.current.span.text == "Vladimir Putin"
        extractor.gate.set()
        await settle(app, pilot)
        assert len(view.shown) == 100
        assert status.state == "100 highlights · gated"
        assert view.current is not None and view.current.span.text == "Vladimir Putin"
