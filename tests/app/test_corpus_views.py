"""The corpus views in the reader, on an index built from articles written for the tests.

The index is built with the rule engine of the corpus tests (no model), recorded under the fixed
extractor's identity, so the reader treats its spans as the current model's: reopening an indexed
article is painted from the index, and the tests can tell (the extractor counts what it is asked).
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from rich.text import Text

from tests.app_support import FixedExtractor
from tests.conftest import OpenReader, Reader
from tests.corpus_support import RuleEngine, build, write
from tui.app import GlossApp
from tui.corpus import CorpusIndex, index_path
from tui.extract.identity import extractor_version
from tui.screens import corpus_search
from tui.screens.corpus_entities import CorpusEntitiesScreen, CorpusMentionsScreen
from tui.screens.corpus_numbers import CorpusNumbersScreen
from tui.screens.corpus_quotes import CorpusQuotesScreen, CorpusSpeakersScreen
from tui.screens.corpus_search import CorpusSearchScreen
from tui.screens.reader import ReaderScreen
from tui.store import AnnotationStore
from tui.widgets.corpus_results import CorpusResults, Fetch, Page

ARTICLES = {
    "a-summit.txt": "Summit opens\nMonday, May 4, 2020\nPresident Xi Jinping met Vladimir Putin at the "
    "parade. Xi smiled. North Korea sent 15,000 troops to Russia.\n",
    "b-talks.txt": "Talks in Beijing\nTuesday, May 5, 2020\nXi Jinping spoke. Later Xi left Beijing. "
    "“We will not give up our weapons, whatever the cost,” said Kim Jong Un.\n",
    "c-aside.txt": "Aside\nWednesday, May 6, 2020\nXi Jinping was not seen. North Korea sent 12,000 troops, "
    "the United Nations said.\n",
    "d-weapons.txt": "Weapons\nThursday, May 7, 2020\nKim Jong Un arrived. "
    "“We will give up our weapons, whatever the cost,” he said.\n",
}
"""Xi Jinping in three articles; a quote reworded (a dropped "not"); 15,000 against 12,000 troops."""

MODEL = FixedExtractor.model_name
VERSION = extractor_version()
"""The extractor version the reader records for the fixed extractor (the rules' version and the
default convention), so the index is built under the identity the reader expects."""


class CountingExtractor(FixedExtractor):
    """The fixed extractor, remembering which texts it was asked to extract."""

    asked: list[str] = []  # noqa: RUF012 - one list for the test run, reset by the fixture

    def extract_progressively(self, text: str) -> Iterator[list[Text]]:  # type: ignore[override]
        CountingExtractor.asked.append(text)
        yield from super().extract_progressively(text)  # type: ignore[misc]


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """The articles, indexed under the fixed extractor's identity."""
    folder = tmp_path / "news"
    for name, text in ARTICLES.items():
        write(folder, name, text)
    build(folder, RuleEngine(), model=MODEL, version=VERSION)
    CountingExtractor.asked = []
    return folder


def hold_search_pages(monkeypatch: pytest.MonkeyPatch) -> threading.Event:
    """Hold every page of the corpus search until the returned event is set: a query whose page is
    still on its way, for what the view does meanwhile."""
    gate = threading.Event()
    real = corpus_search.search_fetch

    def held(*args: object) -> Fetch:
        fetch = real(*args)  # type: ignore[arg-type]

        def later(page: int) -> Page:
            gate.wait(timeout=30)
            return fetch(page)

        return later

    monkeypatch.setattr(corpus_search, "search_fetch", held)
    return gate


def results(reader: Reader) -> CorpusResults:
    """The results list of the view on top."""
    return reader.app.screen.query_one(CorpusResults)


def prompts(reader: Reader) -> list[str]:
    """The plain text of every row of the view on top."""
    widget = results(reader)
    return [str(widget.get_option_at_index(i).prompt) for i in range(widget.option_count)]


def styled(reader: Reader, needle: str) -> list[str]:
    """The pieces of rows containing ``needle`` that carry a style of their own (marks, diffs)."""
    widget = results(reader)
    pieces = []
    for i in range(widget.option_count):
        prompt = widget.get_option_at_index(i).prompt
        assert isinstance(prompt, Text)
        if needle in prompt.plain:
            pieces += [prompt.plain[s.start : s.end] for s in prompt.spans if s.style]
    return pieces


async def open_view(reader: Reader, *keys: str) -> None:
    """Press keys and wait for the view's workers."""
    await reader.pilot.press(*keys)
    await reader.settle()


async def test_search_lists_snippets_with_marked_words_and_opens_the_article_at_the_match(
    open_reader: OpenReader, corpus: Path
) -> None:
    async with open_reader([corpus]) as reader:
        await open_view(reader, "ctrl+f", *"troops")
        assert isinstance(reader.app.screen, CorpusSearchScreen)
        rows = prompts(reader)
        assert len(rows) == 2 and all("troops" in row for row in rows)
        assert set(styled(reader, "15,000")) >= {"troops"}  # the match is marked in its snippet
        assert "2 shown" in str(reader.app.screen.query_one(".corpus-title").render())
        await open_view(reader, "enter", "down", "enter")
        assert reader.app.screen is reader.screen
        article = reader.screen.article
        assert article is not None
        chosen = article.text.find("troops")
        assert chosen > 0 and reader.view.origin <= chosen


async def test_entities_list_counts_mentions_by_article_newest_first_and_opens_at_the_mention(
    open_reader: OpenReader, corpus: Path
) -> None:
    async with open_reader([corpus]) as reader:
        await open_view(reader, "e")
        screen = reader.app.screen
        assert isinstance(screen, CorpusEntitiesScreen)
        rows = prompts(reader)
        xi = next(row for row in rows if row.startswith("Xi Jinping"))
        assert "PERSON · 3 articles · 5 mentions" in xi
        await open_view(reader, "/", *"xi", "enter")
        assert prompts(reader)[0].startswith("Xi Jinping")
        assert screen.query_one("Sparkline").data == [2.0, 2.0, 1.0]  # type: ignore[attr-defined]
        await open_view(reader, "enter")
        assert isinstance(reader.app.screen, CorpusMentionsScreen)
        rows = prompts(reader)
        headings = [row for row in rows if not row.startswith("  ")]
        assert [h.split(" · ")[0] for h in headings] == ["Aside", "Talks in Beijing", "Summit opens"]
        assert styled(reader, "was not seen") == ["Xi Jinping"]
        await open_view(reader, "j", "enter")  # the first mention of the newest article, then the next
        assert reader.app.screen is reader.screen
        assert reader.screen.article is not None and reader.screen.article.title == "Talks in Beijing"


async def test_entities_filter_by_label(open_reader: OpenReader, corpus: Path) -> None:
    async with open_reader([corpus]) as reader:
        await open_view(reader, "e")
        labels = {row.split("  ")[1].split(" ·")[0] for row in prompts(reader)}
        assert labels == {"PERSON", "GPE", "ORG"}
        await open_view(reader, "l")  # the first label alone
        assert {row.split("  ")[1].split(" ·")[0] for row in prompts(reader)} == {"GPE"}


async def test_who_said_what_lists_speakers_their_quotes_and_marks_a_dropped_word(
    open_reader: OpenReader, corpus: Path
) -> None:
    async with open_reader([corpus]) as reader:
        await open_view(reader, "W")
        assert isinstance(reader.app.screen, CorpusSpeakersScreen)
        rows = prompts(reader)
        assert rows[0] == "Quotes with no speaker"
        assert any(row.startswith("Kim Jong Un · 2 quotes · 2 articles") for row in rows)
        await open_view(reader, "j", "enter")
        assert isinstance(reader.app.screen, CorpusQuotesScreen)
        rows = prompts(reader)
        assert rows[0].startswith("Quote variants (1 group)")
        assert "[-not]" in styled(reader, "[-not]")  # the dropped word is marked in the later wording
        quotes = rows[rows.index("Every quote, in date order") + 1 :]
        assert [q.split("\n")[0].strip()[:14] for q in quotes] == ["“We will not g", "“We will give "]
        assert "said · Talks in Beijing · 2020-05-05" in quotes[0]


async def test_numbers_ledger_sorts_filters_and_shows_conflicts_side_by_side(
    open_reader: OpenReader, corpus: Path
) -> None:
    async with open_reader([corpus]) as reader:
        await open_view(reader, "dollar_sign")
        assert isinstance(reader.app.screen, CorpusNumbersScreen)
        firsts = [row.split("  ")[0] for row in prompts(reader)]
        assert len(firsts) == 6 and firsts[-2:] == ["12,000 troops", "15,000 troops"]  # by value: years first
        await open_view(reader, "/", *"troops", "enter")
        rows = prompts(reader)
        assert [row.split("  ")[0] for row in rows] == ["12,000 troops", "15,000 troops"]
        await open_view(reader, "r")
        assert [row.split("  ")[0] for row in prompts(reader)] == ["15,000 troops", "12,000 troops"]
        await open_view(reader, "c")
        rows = prompts(reader)
        assert rows[0] == "troops about North Korea: 12,000 | 15,000"
        assert len(rows) == 3


async def test_an_indexed_article_is_painted_from_the_index_without_the_model(
    open_reader: OpenReader, corpus: Path
) -> None:
    app = GlossApp.for_paths([corpus], extractor_factory=CountingExtractor)
    app.extractor.expected = (MODEL, VERSION)  # what --model names, known before it loads
    async with open_reader(app=app) as reader:
        assert CountingExtractor.asked == []  # the first article came from the index
        assert "from the corpus index" in reader.status.state
        assert reader.screen.annotations is not None and len(reader.screen.annotations) > 0
        await reader.pilot.press("J")
        await reader.settle()
        assert CountingExtractor.asked == []
        labels = {a.span.text for a in reader.screen.annotations or ()}
        assert {"Xi Jinping", "Beijing", "Kim Jong Un"} <= labels


async def test_an_edit_in_the_reader_updates_the_index(open_reader: OpenReader, corpus: Path) -> None:
    async with open_reader([corpus]) as reader:
        index = CorpusIndex(index_path(AnnotationStore.for_article_path(corpus)))
        before = index.entity("Vladimir Putin")
        assert before is not None and before.mentions == 1
        view = reader.view
        assert view.move_to_annotation(
            next(a.id for a in reader.screen.annotations or () if a.span.text == "Vladimir Putin")
        )
        await reader.pilot.press("d", "ctrl+s")
        await reader.settle()
        assert index.entity("Vladimir Putin") is None  # its only mention is gone from the corpus
        index.close()


async def test_ctrl_n_opens_the_next_article_mentioning_the_entity_and_ctrl_o_goes_back(
    open_reader: OpenReader, corpus: Path
) -> None:
    async with open_reader([corpus]) as reader:
        screen = reader.screen
        assert screen.article is not None and screen.article.title == "Summit opens"
        xi = next(a for a in screen.annotations or () if a.span.text == "Xi")  # "Xi" is Xi Jinping here
        assert reader.view.move_to_annotation(xi.id)
        await reader.pilot.press("ctrl+n")
        await reader.settle()
        assert screen.article is not None and screen.article.title == "Talks in Beijing"
        assert reader.view.current is not None and reader.view.current.span.text == "Xi Jinping"
        await reader.pilot.press("ctrl+n")
        await reader.settle()
        assert screen.article is not None and screen.article.title == "Aside"
        await reader.pilot.press("ctrl+o", "ctrl+o")
        await reader.settle()
        assert screen.article is not None and screen.article.title == "Summit opens"
        assert reader.view.current is not None and reader.view.current.start == xi.start


async def test_without_an_index_the_views_say_how_to_build_one(
    open_reader: OpenReader, tmp_path: Path
) -> None:
    write(tmp_path, "one.txt", "One\nA text about Xi Jinping.\n")
    async with open_reader([tmp_path]) as reader:
        await open_view(reader, "e")
        title = str(reader.app.screen.query_one(".corpus-title").render())
        assert "No corpus index" in title and "gloss index PATHS" in title
        (offer,) = prompts(reader)  # and one row, Enter to build it here (tests/app/test_corpus_pane.py)
        assert offer.startswith("Press Enter to build it now from the reader")
        await open_view(reader, "escape")
        assert isinstance(reader.app.screen, ReaderScreen)


async def test_the_article_list_counts_every_indexed_article_from_the_index(
    open_reader: OpenReader, corpus: Path
) -> None:
    """Once indexed, the list showed "not extracted yet" under every article but the open one. Now the
    index counts each article whose text is as indexed; one changed since is not counted from it (the
    model, not loaded for an indexed reader, counts it once something needs the model)."""
    from tui.widgets.article_list import ArticleList

    changed = corpus / "c-aside.txt"
    changed.write_text(changed.read_text(encoding="utf-8") + "Xi Jinping returned.\n", encoding="utf-8")
    app = GlossApp.for_paths([corpus], extractor_factory=CountingExtractor)
    app.extractor.expected = (MODEL, VERSION)
    async with open_reader(app=app) as reader:
        await reader.settle()
        article_list = reader.app.screen.query_one(ArticleList)
        everything = {entry.key for entry in article_list.entries}
        assert set(article_list.counts) == everything - {str(changed)}
        assert CountingExtractor.asked == []


def contrast(one: tuple[int, int, int], other: tuple[int, int, int]) -> float:
    """WCAG contrast ratio of two RGB colours."""

    def luminance(rgb: tuple[int, int, int]) -> float:
        linear = [c / 255 / 12.92 if c / 255 <= 0.04045 else ((c / 255 + 0.055) / 1.055) ** 2.4 for c in rgb]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    low, high = sorted((luminance(one), luminance(other)))
    return (high + 0.05) / (low + 0.05)


async def test_the_matched_words_are_readable_in_the_light_theme(
    open_reader: OpenReader, corpus: Path
) -> None:
    """Textual's warning orange marked the matched words at 1.25:1 on the light theme's grey."""
    async with open_reader([corpus]) as reader:
        reader.app.theme = "textual-light"
        await reader.settle()
        await open_view(reader, "ctrl+f", *"troops")
        view = results(reader)
        mark = view.get_component_rich_style("corpus-results--match")
        background = view.styles.background
        assert mark.color is not None and mark.color.triplet is not None
        assert contrast(mark.color.triplet, background.rgb) >= 4.5
