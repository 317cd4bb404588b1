"""Issue 5's acceptance in the reader: a folder mixing .txt, .md, .html, .jsonl and an Atom feed opens
with sensible titles, every article opens, and a bad corpus shows why its files will not open."""

from __future__ import annotations

from pathlib import Path

from tests.app_support import FixedExtractor, settle
from tests.conftest import OpenReader
from tui.app import GlossApp
from tui.screens.reader import ReaderScreen
from tui.widgets import ArticleList, ArticleView

DATA = Path(__file__).parents[1] / "data" / "sources"
SIZE = (120, 36)


async def test_mixed_folder_opens_in_the_reader_with_sensible_titles(open_reader: OpenReader) -> None:
    app = GlossApp.for_paths([DATA / "mixed"], extractor_factory=FixedExtractor)
    async with open_reader(app=app) as opened:
        pilot = opened.pilot
        screen = app.screen
        assert isinstance(screen, ReaderScreen)
        titles = [entry.title for entry in screen.query_one(ArticleList).entries]
        assert titles == [
            "Aldermoor shares jump",
            "Lyra probe delayed",
            "Flooding closed the A59 near Skipton for the second time this month.",
            "Harbour town votes to rebuild its storm-wrecked pier",
            "Museum returns bronze heads to Benin City",
            "Rail strike halts trains across the north",
            "Chile and Argentina sign lithium pact",
            "Typhoon Haikui weakens as it nears the coast",
        ]
        view = screen.query_one(ArticleView)
        for entry in list(screen.entries):
            screen.open_entry(entry)
            await settle(app, pilot)
            assert entry.error is None, entry.error
            assert screen.article is not None and screen.article.key == entry.key
            assert view.text == entry.load().text


async def test_bad_inputs_show_their_reasons_in_the_list(open_reader: OpenReader) -> None:
    app = GlossApp.for_paths([DATA / "bad"], extractor_factory=FixedExtractor)
    async with open_reader(app=app) as opened:
        pilot = opened.pilot
        screen = app.screen
        assert isinstance(screen, ReaderScreen)
        assert any("mixed-lines.jsonl line 2: not valid JSON" in p for p in screen.problems)
        for entry in list(screen.entries):
            screen.open_entry(entry)
            await settle(app, pilot)
        errors = {e.key.rsplit("/", 1)[1]: e.error for e in screen.entries if e.error}
        assert set(errors) == {"broken-front-matter.md", "login.html", "photo.txt", "truncated.rss"}
        assert "no article text" in str(errors["login.html"])
