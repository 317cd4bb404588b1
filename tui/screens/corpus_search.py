"""Search the corpus: a full-text query across every indexed article, best matches first.

Each result is the article's title and date over a snippet with the matched words marked; Enter opens
the article at the first match, from the query box too (the highlighted, first, result: one Enter from
query to article), and Down moves from the box into the results. The query runs again as it is typed
(in a worker; a newer query drops an older one's page), and pages stream in as the cursor nears the end.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Static

from tui.screens.corpus_common import CorpusSource, OpenTarget, article_line, chosen_target
from tui.widgets.corpus_pane import CorpusListPane
from tui.widgets.corpus_results import Fetch, Page, Row, RowStyles, marked
from tui.widgets.key_bar import KeyBar

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

    NAME = "Search the corpus"

    def __init__(self, source: CorpusSource, query: str = "") -> None:
        super().__init__()
        self.source = source
        self.initial = query

    def compose(self) -> ComposeResult:
        """The query box over the results, then the keys."""
        self.pane = CorpusListPane(
            f"{self.NAME} · type words (word* for a prefix)",
            placeholder="search every article…",
            initial=self.initial,
            always_shown=True,
            box_id="corpus-query",
            builder=self.source.builder,
        )
        yield self.pane
        yield Static("Enter opens the article at the match · Esc back", classes="corpus-hint")
        yield KeyBar()

    def on_mount(self) -> None:
        """Search at once when opened with a query."""
        if self.initial:
            self.search(self.initial)

    def search(self, query: str) -> None:
        """Run ``query`` (an empty one clears the results)."""
        if not query.strip():
            self.pane.clear(f"{self.NAME} · type words")
            return
        fetch = search_fetch(self.source, query, self.pane.row_styles())
        self.pane.load(fetch, self.NAME, f"“{query}”", query=query)

    @on(CorpusListPane.FilterChanged)
    def _typed(self, event: CorpusListPane.FilterChanged) -> None:
        self.search(event.value)

    @on(CorpusListPane.Chosen)
    @on(CorpusListPane.Closed)
    def _done(self, message: CorpusListPane.Chosen | CorpusListPane.Closed) -> None:
        self.dismiss(chosen_target(message))
