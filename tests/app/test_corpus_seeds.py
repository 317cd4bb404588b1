"""The acceptance on seeds/ through the views: after ``gloss index seeds/`` (the real model, once for
the module), the entities view lists Xi Jinping with his articles, who said what lists Youngjun Kim's
quote, the ledger lists "15,000 troops" and a search for "parade" finds the seed article's snippet.

The reader itself runs with the fixed extractor: the views read only the index.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.app.test_corpus_views import open_view, prompts, styled
from tests.app_support import SEEDS
from tests.conftest import OpenReader
from tui.cli import main
from tui.screens.corpus_entities import CorpusMentionsScreen
from tui.screens.corpus_quotes import CorpusQuotesScreen


@pytest.fixture(scope="module")
def seeds(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the seeds (the repository's get no .gloss/), indexed with the real model."""
    folder = tmp_path_factory.mktemp("copy") / "seeds"
    shutil.copytree(SEEDS, folder)
    assert main(["index", str(folder)]) == 0
    return folder


async def test_entities_view_lists_xi_jinping_with_his_articles(open_reader: OpenReader, seeds: Path) -> None:
    async with open_reader([seeds]) as reader:
        await open_view(reader, "e", "/", *"xi jinping", "enter")
        (xi,) = [row for row in prompts(reader) if row.startswith("Xi Jinping  PERSON")]
        assert " article" in xi and " mentions" in xi
        await open_view(reader, "enter")
        assert isinstance(reader.app.screen, CorpusMentionsScreen)
        headings = [row for row in prompts(reader) if not row.startswith("  ")]
        summit = next(e.title for e in reader.screen.entries if e.path.name == "beijing-summit.txt")
        assert any(h.startswith(summit) for h in headings)  # his articles, the seed article among them
        assert "Xi Jinping" in styled(reader, "Xi Jinping")


async def test_who_said_what_lists_youngjun_kims_quote(open_reader: OpenReader, seeds: Path) -> None:
    async with open_reader([seeds]) as reader:
        await open_view(reader, "W", "/", *"youngjun", "enter")
        rows = prompts(reader)
        assert rows and rows[0].startswith("Youngjun Kim · 1 quote")
        await open_view(reader, "enter")
        assert isinstance(reader.app.screen, CorpusQuotesScreen)
        assert any("trilateral military exercises" in row for row in prompts(reader))


async def test_ledger_lists_15000_troops(open_reader: OpenReader, seeds: Path) -> None:
    async with open_reader([seeds]) as reader:
        await open_view(reader, "dollar_sign", "/", *"troops", "enter")
        assert any(row.startswith("15,000 troops") for row in prompts(reader))


async def test_search_for_parade_finds_the_seed_article_with_a_snippet(
    open_reader: OpenReader, seeds: Path
) -> None:
    async with open_reader([seeds]) as reader:
        await open_view(reader, "ctrl+f", *"parade")
        rows = prompts(reader)
        assert rows and any("parade" in row.lower().split("\n", 1)[1] for row in rows)
        assert any(piece.lower() == "parade" for piece in styled(reader, "arade"))
        await open_view(reader, "enter")
        article = reader.screen.article
        assert article is not None and "parade" in article.text.lower()
