"""Search the corpus: a full-text query across every indexed article, best matches first.

Each result is the article's title and date over a snippet with the matched words marked; Enter opens
the article at the first match. The query runs again as it is typed (in a worker; a newer query drops
an older one's page), and pages stream in as the cursor nears the end.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.screen import Screen
from textual.widgets import Footer, Input, Static

from tui import keys
from tui.screens.corpus_common import (
    CorpusSource,
    OpenTarget,
    article_line,
    counted,
    show_failure,
)
from tui.widgets.corpus_results import CorpusResults, Fetch, Page, Row, RowStyles, marked

PAGE = 20
"""Search results per page."""


def search_fetch(source: CorpusSource, query: str, styles: RowStyles) -> Fetch:
    """The pages of a search: title and date, then the snippet with its matches marked."""

    def fetch(page: int) -> Page:
        hits = source.index().search(query, page=page, page_size=PAGE)
        rows = []
        for hit in hits:
            prompt = article_line(hit.article, styles)
            prompt.append("\n  ")
            prompt.append_text(marked(hit.snippet, hit.highlights, styles.match))
            rows.append(Row(prompt, OpenTarget(hit.article.key, hit.offset, hit.article.title)))
        return rows, len(hits) == PAGE

    return fetch


class CorpusSearchScreen(Screen[OpenTarget | None]):
    """Full-text search across the corpus (see the module docstring)."""

    BINDINGS: ClassVar[list[BindingType]] = list(keys.CORPUS_SCREEN)
    NAME = "Search the corpus"

    def __init__(self, source: CorpusSource, query: str = "") -> None:
        super().__init__()
        self.source = source
        self.initial = query

    def compose(self) -> ComposeResult:
        """Title, query box, results, keys."""
        yield Static(f"{self.NAME} · type words (word* for a prefix)", classes="corpus-title")
        yield Input(self.initial, placeholder="search every article…", id="corpus-query")
        yield CorpusResults(id="corpus-results")
        yield Static("Enter opens the article at the match · Esc back", classes="corpus-hint")
        yield Footer()

    @property
    def results(self) -> CorpusResults:
        """The results list."""
        return self.query_one(CorpusResults)

    @property
    def box(self) -> Input:
        """The query box."""
        return self.query_one("#corpus-query", Input)

    def on_mount(self) -> None:
        """Focus the query box; search at once when opened with a query."""
        self.box.focus()
        if self.initial:
            self.search(self.initial)

    def search(self, query: str) -> None:
        """Run ``query`` (an empty one clears the results)."""
        if not query.strip():
            self.results.clear_options()
            self.query_one(".corpus-title", Static).update(f"{self.NAME} · type words")
            return
        self.results.load(search_fetch(self.source, query, self.results.row_styles()))

    @on(Input.Changed, "#corpus-query")
    def _typed(self, event: Input.Changed) -> None:
        self.search(event.value)

    @on(Input.Submitted, "#corpus-query")
    def _submitted(self) -> None:
        self.results.focus()

    @on(CorpusResults.Loaded)
    def _loaded(self, event: CorpusResults.Loaded) -> None:
        title = Text(counted(self.NAME, event.rows, event.more, f"“{self.box.value}”"))
        self.query_one(".corpus-title", Static).update(title)

    @on(CorpusResults.Failed)
    def _failed(self, event: CorpusResults.Failed) -> None:
        show_failure(self.query_one(".corpus-title", Static), self.results, self.NAME, event.error)

    @on(CorpusResults.Chosen)
    def _chosen(self, event: CorpusResults.Chosen) -> None:
        if isinstance(event.payload, OpenTarget):
            self.dismiss(event.payload)

    def action_filter(self) -> None:
        """``/``: back to the query box."""
        self.box.focus()

    def action_back(self) -> None:
        """Esc: close the view."""
        self.dismiss(None)
