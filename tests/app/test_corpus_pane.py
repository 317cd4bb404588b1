"""The corpus views' list pane in the reader: building a missing index from a view, with the reader's
own extractor, and a query's page that arrives after the query changed is never shown.

Workers are held at a gate (a :class:`threading.Event` the test opens) so that what happens while a
query or a build is still running can be looked at without sleeping.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest

from tests.app.test_corpus_views import ARTICLES, corpus, hold_search_pages, open_view, prompts, results  # noqa: F401 - corpus: the fixture
from tests.app_support import FixedExtractor, fixed_spans
from tests.conftest import OpenReader, Reader
from tests.corpus_support import write
from tui.corpus import CorpusIndex, index_path
from tui.model import Span
from tui.screens.corpus_entities import CorpusEntitiesScreen
from tui.screens.reader import ReaderScreen
from tui.store import AnnotationStore
from tui.widgets.corpus_pane import CorpusListPane


class BatchExtractor(FixedExtractor):
    """The fixed extractor with the batch method the index build's engine calls; it counts how many
    were made (the reader must lend its own, not load another) and can hold a batch at a gate."""

    made = 0
    gate: threading.Event | None = None
    batches = 0

    def __init__(self) -> None:
        BatchExtractor.made += 1

    def extract_many(self, texts: Iterable[str]) -> Iterator[list[Span]]:
        """The fixed spans of each text (after the gate opens, when there is one)."""
        if BatchExtractor.gate is not None:
            BatchExtractor.gate.wait(timeout=30)
        BatchExtractor.batches += 1
        for text in texts:
            yield fixed_spans(text)


@pytest.fixture
def unindexed(tmp_path: Path) -> Iterator[Path]:
    """The corpus view tests' articles, with no index."""
    folder = tmp_path / "news"
    for name, text in ARTICLES.items():
        write(folder, name, text)
    BatchExtractor.made, BatchExtractor.batches, BatchExtractor.gate = 0, 0, None
    yield folder
    if BatchExtractor.gate is not None:
        BatchExtractor.gate.set()


def title(reader: Reader) -> str:
    """The title line of the view on top."""
    return str(reader.app.screen.query_one(".corpus-title").render())


async def test_a_view_without_an_index_builds_one_with_the_readers_extractor(
    open_reader: OpenReader, unindexed: Path
) -> None:
    BatchExtractor.gate = threading.Event()
    async with open_reader([unindexed], extractor=BatchExtractor) as reader:
        assert BatchExtractor.made == 1
        await open_view(reader, "e")
        assert "No corpus index" in title(reader)
        (offer,) = prompts(reader)
        assert offer.startswith("Press Enter to build it now") and "news" in offer
        await reader.pilot.press("enter")
        await reader.pilot.pause()
        pane = reader.app.screen.query_one(CorpusListPane)
        assert pane.building and "building the corpus index" in title(reader)
        assert len(pane.query("#corpus-build-progress")) == 1  # progress shown in the view
        BatchExtractor.gate.set()
        await reader.settle()
        assert not pane.building and len(pane.query("#corpus-build-progress")) == 0
        assert reader.posted(CorpusListPane.IndexBuilt)
        rows = prompts(reader)
        assert any(row.startswith("Xi Jinping  PERSON · 3 articles") for row in rows)
        assert f"{len(rows)} shown" in title(reader)
        assert BatchExtractor.made == 1 and BatchExtractor.batches >= 1  # the reader's model, lent
        labels = {row.split("  ")[1].split(" ·")[0] for row in rows}
        await open_view(reader, "l")  # the labels are fetched again once there is an index
        shown = {row.split("  ")[1].split(" ·")[0] for row in prompts(reader)}
        assert len(labels) > 1 and len(shown) == 1 and shown < labels
        await open_view(reader, "escape")
        assert isinstance(reader.app.screen, ReaderScreen)
        article, store = reader.screen.article, AnnotationStore.for_article_path(unindexed)
        assert article is not None  # recorded under the reader's identity, so the index serves it:
        served = reader.screen.corpus.indexes.cached_spans(store, article, reader.app.extractor.identity())
        assert served is not None and {s.text for s in served} == {s.text for s in fixed_spans(article.text)}
    index = CorpusIndex(index_path(AnnotationStore.for_article_path(unindexed)))
    assert index.entity("Xi Jinping") is not None
    index.close()


async def test_escape_during_a_build_stops_it_and_the_views_offer_it_again(
    open_reader: OpenReader, unindexed: Path
) -> None:
    BatchExtractor.gate = threading.Event()
    async with open_reader([unindexed], extractor=BatchExtractor) as reader:
        await open_view(reader, "e")
        await reader.pilot.press("enter")
        await reader.pilot.pause()
        await reader.pilot.press("escape")
        await reader.pilot.pause()
        assert isinstance(reader.app.screen, ReaderScreen)  # Esc leaves at once, mid-build
        BatchExtractor.gate.set()
        await reader.settle()
        assert not reader.posted(CorpusListPane.IndexBuilt)  # stopped at its next article
        BatchExtractor.gate = None
        await open_view(reader, "e")
        assert "unfinished" in title(reader)
        (offer,) = prompts(reader)
        assert offer.startswith("Press Enter to build it now")
        await open_view(reader, "enter")
        assert reader.posted(CorpusListPane.IndexBuilt)
        assert any(row.startswith("Xi Jinping  PERSON · 3 articles") for row in prompts(reader))


async def test_a_page_of_a_cleared_search_is_not_shown(
    open_reader: OpenReader,
    corpus: Path,  # noqa: F811 - the fixture
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    gate = hold_search_pages(monkeypatch)
    async with open_reader([corpus]) as reader:
        await reader.pilot.press("ctrl+f", *"troops")
        await reader.pilot.press(*["backspace"] * 6)  # the query is gone before its page arrives
        await reader.pilot.pause()
        gate.set()
        await reader.settle()
        assert results(reader).option_count == 0
        assert title(reader).endswith("type words")


async def test_the_entities_view_composes_one_pane_and_keeps_its_sparkline(
    open_reader: OpenReader, unindexed: Path
) -> None:
    async with open_reader([unindexed], extractor=BatchExtractor) as reader:
        await open_view(reader, "e", "enter")
        screen = reader.app.screen
        assert isinstance(screen, CorpusEntitiesScreen)
        assert len(screen.query(CorpusListPane)) == 1
        await open_view(reader, "/", *"xi")
        assert screen.query_one("Sparkline").data == [2.0, 2.0, 1.0]  # type: ignore[attr-defined]
        await open_view(reader, "escape")  # out of the filter box: back in the list, view open
        assert screen.pane.results.has_focus
        assert reader.app.screen is screen
        await open_view(reader, "escape")
        assert isinstance(reader.app.screen, ReaderScreen)
