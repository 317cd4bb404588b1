"""The search view's query box: one Enter from query to article, and Down into the results.

The hint under the results says "Enter opens the article at the match"; before, Enter in the box only
moved the focus to the results (a second Enter opened), and Down in the box did nothing.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.app.test_corpus_views import corpus, hold_search_pages, open_view, prompts, results  # noqa: F401 - corpus: the fixture
from tests.conftest import OpenReader, Reader
from tui.screens.corpus_common import OpenTarget
from tui.screens.corpus_search import CorpusSearchScreen
from tui.screens.reader import ReaderScreen
from tui.widgets.corpus_pane import CorpusListPane


def opened_title(reader: Reader) -> str:
    """The title of the article the reader shows."""
    assert isinstance(reader.app.screen, ReaderScreen)
    article = reader.screen.article
    assert article is not None
    return article.title


def target(reader: Reader, row: int) -> OpenTarget:
    """What Enter on ``row`` of the results opens."""
    payload = results(reader).payloads[row]
    assert isinstance(payload, OpenTarget)
    return payload


async def test_enter_in_the_query_box_opens_the_first_result(
    open_reader: OpenReader,
    corpus: Path,  # noqa: F811 - the fixture
) -> None:
    async with open_reader([corpus]) as reader:
        await open_view(reader, "ctrl+f", *"troops")
        assert len(prompts(reader)) == 2
        assert reader.app.screen.query_one("#corpus-query").has_focus
        first = target(reader, 0)
        await open_view(reader, "enter")
        assert opened_title(reader) == first.title
        article = reader.screen.article
        assert article is not None and reader.view.origin <= (first.offset or 0)


async def test_down_in_the_query_box_moves_into_the_results(
    open_reader: OpenReader,
    corpus: Path,  # noqa: F811 - the fixture
) -> None:
    async with open_reader([corpus]) as reader:
        await open_view(reader, "ctrl+f", *"troops")
        first, second = target(reader, 0), target(reader, 1)
        assert first.title != second.title
        await open_view(reader, "down")
        listed = results(reader)
        assert listed.has_focus and listed.highlighted == 0  # into the list, at the first row
        await open_view(reader, "down", "enter")
        assert opened_title(reader) == second.title


async def test_ctrl_n_in_the_query_box_moves_into_the_results_and_escape_still_closes(
    open_reader: OpenReader,
    corpus: Path,  # noqa: F811 - the fixture
) -> None:
    async with open_reader([corpus]) as reader:
        await open_view(reader, "ctrl+f", *"troops", "ctrl+n")
        assert results(reader).has_focus
        await open_view(reader, "escape")
        assert isinstance(reader.app.screen, ReaderScreen)
        await open_view(reader, "ctrl+f", *"troops", "escape")  # from the box too
        assert isinstance(reader.app.screen, ReaderScreen)


async def test_enter_before_the_first_page_opens_its_first_row_when_it_comes(
    open_reader: OpenReader,
    corpus: Path,  # noqa: F811 - the fixture
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    gate = hold_search_pages(monkeypatch)
    async with open_reader([corpus]) as reader:
        await reader.pilot.press("ctrl+f", *"troops", "enter")
        await reader.pilot.pause()
        assert isinstance(reader.app.screen, CorpusSearchScreen)  # nothing to open yet
        gate.set()
        await reader.settle()
        assert isinstance(reader.app.screen, ReaderScreen)


async def test_enter_after_the_query_changed_searches_and_a_second_enter_opens(
    open_reader: OpenReader,
    corpus: Path,  # noqa: F811 - the fixture
) -> None:
    async with open_reader([corpus]) as reader:
        await open_view(reader, "ctrl+f", *"troops")
        screen = reader.app.screen
        assert isinstance(screen, CorpusSearchScreen)
        pane = screen.query_one(CorpusListPane)
        pane.load(lambda page: ([], False), screen.NAME, query="something else")  # results of another query
        await reader.settle()
        await open_view(reader, "enter")
        assert reader.app.screen is screen and len(prompts(reader)) == 2  # searched "troops" again
        await open_view(reader, "enter")
        assert isinstance(reader.app.screen, ReaderScreen)
