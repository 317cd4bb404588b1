"""The model is loaded only when an article needs it: what the corpus index serves needs no spaCy.

The index is built with the corpus tests' rule engine under the fixed extractor's identity (as in
``test_corpus_views``), so the reader takes its spans as the current model's.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.message import Message

from tests.app_support import FixedExtractor, run_fresh
from tests.conftest import OpenReader
from tests.corpus_support import RuleEngine, build, write
from tui.app import GlossApp
from tui.extract.identity import EXTRACTOR_VERSION
from tui.messages import ArticleShown

MODEL = FixedExtractor.model_name
ARTICLES = {
    "a-summit.txt": "Summit opens\nPresident Xi Jinping met Vladimir Putin at the parade in Beijing.\n",
    "b-talks.txt": "Talks in Beijing\nXi Jinping spoke. Later Xi left Beijing for Moscow.\n",
}


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """Two articles, indexed under the fixed extractor's identity."""
    folder = tmp_path / "news"
    for name, text in ARTICLES.items():
        write(folder, name, text)
    build(folder, RuleEngine(), model=MODEL, version=EXTRACTOR_VERSION)
    return folder


def counting_app(folder: Path, made: list[int]) -> GlossApp:
    """The reader on ``folder`` whose extractor factory counts how often the model is loaded."""

    def factory() -> FixedExtractor:
        made.append(1)
        return FixedExtractor()

    app = GlossApp.for_paths([folder], extractor_factory=factory)
    app.extractor.expected = (MODEL, EXTRACTOR_VERSION)  # what the model would record, known unloaded
    return app


async def test_articles_served_from_the_index_never_load_the_model(
    open_reader: OpenReader, corpus: Path
) -> None:
    made: list[int] = []
    async with open_reader(app=counting_app(corpus, made)) as reader:
        assert reader.status.state.endswith("highlights · from the corpus index")
        assert reader.screen.annotations is not None and len(reader.screen.annotations) > 0
        await reader.pilot.press("J")
        await reader.settle()
        assert reader.screen.article is not None and reader.screen.article.title == "Talks in Beijing"
        assert "from the corpus index" in reader.status.state
        assert made == [] and not reader.app.extractor.requested


async def test_an_article_the_index_cannot_serve_loads_the_model_then(
    open_reader: OpenReader, corpus: Path
) -> None:
    write(corpus, "c-new.txt", "Written later\nKim Jong Un met Xi Jinping in Beijing.\n")  # not indexed
    made: list[int] = []
    async with open_reader(app=counting_app(corpus, made)) as reader:
        assert made == []
        await reader.pilot.press("J", "J")
        await reader.settle()
        assert reader.screen.article is not None and reader.screen.article.title == "Written later"
        assert made == [1]
        assert reader.status.state.endswith(f"highlights · {MODEL}")
        assert {"Kim Jong Un", "Xi Jinping"} <= {a.span.text for a in reader.screen.annotations or ()}


class FirstFrameApp(GlossApp):
    """The reader, noting the status line's state at the moment the first article's text is shown
    (when the reader posts :class:`ArticleShown`, not when the app gets round to handling it)."""

    state_with_text: str | None = None

    def post_message(self, message: Message) -> bool:
        if isinstance(message, ArticleShown) and self.state_with_text is None:
            self.state_with_text = self.reader.status.state
        return super().post_message(message)


async def test_an_indexed_article_shows_its_text_and_highlights_in_one_frame(
    open_reader: OpenReader, corpus: Path
) -> None:
    app = FirstFrameApp.for_paths([corpus], extractor_factory=FixedExtractor)
    app.extractor.expected = (MODEL, EXTRACTOR_VERSION)
    async with open_reader(app=app):
        assert isinstance(app, FirstFrameApp)
        assert app.state_with_text is not None
        assert app.state_with_text.endswith("highlights · from the corpus index")


READER_WITHOUT_SPACY = """
import asyncio, sys
from pathlib import Path
from tui.app import GlossApp
from tui.extract.identity import EXTRACTOR_VERSION

async def main():
    app = GlossApp.for_paths([Path(sys.argv[1])])  # the real extractor: loading it would import spaCy
    app.extractor.expected = ("fixed-test-spans", EXTRACTOR_VERSION)
    async with app.run_test(size=(100, 30)) as pilot:
        for _ in range(200):
            await pilot.pause(0.05)
            if "from the corpus index" in app.reader.status.state:
                break
        await app.workers.wait_for_complete()
        print(app.reader.status.state)
    heavy = ("spacy", "thinc", "dask", "distributed", "tui.scale", "tui.extract.pipeline", "tui.corpus.build")
    print(sorted(m for m in sys.modules if m.startswith(heavy)))

asyncio.run(main())
"""


def test_a_reader_served_from_the_index_never_imports_spacy(tmp_path: Path) -> None:
    """Nor the extraction rules, the index builder or the scale-out engines: the reader's process
    imports what reads the index and nothing that writes it (the index is built here, beforehand)."""
    folder = tmp_path / "news"
    write(folder, "a.txt", "Summit opens\nPresident Xi Jinping met Vladimir Putin in Beijing.\n")
    build(folder, RuleEngine(), model="fixed-test-spans", version=EXTRACTOR_VERSION)
    run = run_fresh(READER_WITHOUT_SPACY, str(folder))
    assert run.returncode == 0, run.stderr
    state, modules = run.stdout.strip().splitlines()[-2:]
    assert state.endswith("highlights · from the corpus index")
    assert modules == "[]"
