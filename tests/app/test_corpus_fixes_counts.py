"""The corpus views' counts agree with what is shown: "N shown" is the rows under the title, and every
count agrees with its noun ("1 group", not "1 groups")."""

from __future__ import annotations

from pathlib import Path

from tests.app.test_corpus_views import corpus, open_view, prompts, results  # noqa: F401 - corpus: the fixture
from tests.conftest import OpenReader, Reader
from tui.screens.corpus_quotes import CorpusQuotesScreen, CorpusSpeakersScreen


def title(reader: Reader) -> str:
    """The title line of the view on top."""
    return str(reader.app.screen.query_one(".corpus-title").render())


def openable(reader: Reader) -> int:
    """The rows of the view on top that Enter opens (not the headings)."""
    return results(reader).selectable


async def test_who_said_what_counts_every_row_it_shows_and_its_speakers(
    open_reader: OpenReader,
    corpus: Path,  # noqa: F811 - the fixture
) -> None:
    async with open_reader([corpus]) as reader:
        await open_view(reader, "W")
        assert isinstance(reader.app.screen, CorpusSpeakersScreen)
        rows = prompts(reader)
        assert rows[0] == "Quotes with no speaker" and len(rows) == openable(reader) == 2
        assert title(reader) == "Who said what · 2 shown · 1 speaker"  # was "1 shown" over 2 rows
        await open_view(reader, "/", *"kim")  # filtered, the unnamed row goes: every row is a speaker
        assert len(prompts(reader)) == 1 and title(reader) == "Who said what · 1 shown · speakers"


async def test_quote_variants_count_groups_and_wordings_in_agreement(
    open_reader: OpenReader,
    corpus: Path,  # noqa: F811 - the fixture
) -> None:
    async with open_reader([corpus]) as reader:
        await open_view(reader, "W", "j", "enter")
        assert isinstance(reader.app.screen, CorpusQuotesScreen)
        rows = prompts(reader)
        assert rows[0] == "Quote variants (1 group)"
        assert rows[1] == " Group 1: 2 wordings"
        assert title(reader) == f"Quotes: Kim Jong Un · {openable(reader)} shown"  # headings not counted
        assert openable(reader) == 4  # two wordings, then the two quotes in date order


async def test_entities_say_one_article_and_one_mention(
    open_reader: OpenReader,
    corpus: Path,  # noqa: F811 - the fixture
) -> None:
    async with open_reader([corpus]) as reader:
        await open_view(reader, "e")
        rows = prompts(reader)
        assert any("· 1 article · 1 mention" in row for row in rows)
        assert not any("1 articles" in row or "1 mentions" in row for row in rows)
        assert title(reader).startswith(f"Entities · {len(rows)} shown")
