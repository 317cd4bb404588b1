"""The first article's text is in the reader's first frame, wrapped off the UI thread.

A reader that drew "Opening…" first and the text in a second full frame kept a person waiting one
frame longer for what they came for; on War and Peace the wrap between the two frames showed as a
regression of "text on screen" (bench/tui.py).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.app_support import SEEDS, FixedExtractor
from tests.conftest import SIZE, OpenReader
from tui.app import GlossApp
from tui.render import wrap


class FirstFrame(GlossApp):
    """The app, noting what the article view holds when the first frame has been drawn."""

    text_at_first_frame: str | None = None

    def on_ready(self) -> None:
        assert self.reader is not None
        self.text_at_first_frame = self.reader.view.text


async def test_the_first_frame_shows_the_first_article(open_reader: OpenReader) -> None:
    app = FirstFrame.for_paths([SEEDS], extractor_factory=FixedExtractor)
    assert isinstance(app, FirstFrame)
    async with open_reader(app=app) as reader:
        article = reader.screen.article
        assert article is not None
        assert app.text_at_first_frame == article.text  # not "" with "Opening…" on screen


async def test_a_text_wrapped_in_the_worker_is_drawn_as_wrapped(open_reader: OpenReader) -> None:
    async with open_reader() as reader:
        view = reader.view
        text = "A heading line\n" + "word " * 400 + "\n"
        made = view.layout_for(text)
        assert made is not None and made.width == view.text_width
        view.show_text(text, made)
        assert view.text_layout is made  # used as it is, not wrapped again
        other = wrap(text, view.text_width + 7)  # for another width: wrapped again for this one
        view.show_text(text, other)
        assert view.text_layout is not other
        assert view.text_layout is not None and view.text_layout.width == view.text_width
        assert view.virtual_size.height == len(view.text_layout)


async def test_a_slow_first_article_still_gets_a_first_frame(
    open_reader: OpenReader, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "a.txt").write_text("A title\nSome text.\n", encoding="utf-8")
    monkeypatch.setattr("tui.screens.reader.FIRST_FRAME_WAITS", 0.0)  # the load is "slower" than this
    app = FirstFrame.for_paths([tmp_path], extractor_factory=FixedExtractor)
    assert isinstance(app, FirstFrame)
    async with open_reader(app=app, size=SIZE) as reader:
        assert reader.screen.article is not None  # opened all the same, after the frame
        assert reader.view.text == "A title\nSome text.\n"
