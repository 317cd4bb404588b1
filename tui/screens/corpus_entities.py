"""The entities of the corpus, and every mention of one.

:class:`CorpusEntitiesScreen` lists every entity, most mentioned first, with its label and how many
articles and mentions it has; ``/`` narrows the list by the start of the name as it is typed, ``l``
shows one label at a time, and a sparkline under the list draws the highlighted entity's mentions per
day. Enter lists its mentions (:class:`CorpusMentionsScreen`): one line of context each, grouped by
article, newest article first; Enter there opens the article at that mention.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.screen import Screen
from textual.widgets import Footer, Input, Sparkline, Static

from tui import keys
from tui.screens.corpus_common import (
    CorpusSource,
    OpenTarget,
    article_line,
    counted,
    escape_box,
    show_failure,
)
from tui.widgets.corpus_results import CorpusResults, Fetch, Page, Row, RowStyles, marked, safe_text

if TYPE_CHECKING:
    from tui.corpus import EntityRow

MENTION_ARTICLES = 10
"""Articles per page of mentions."""


def entity_prompt(entity: EntityRow, styles: RowStyles) -> Text:
    """``Xi Jinping  PERSON · 3 articles · 7 mentions``."""
    line = safe_text(entity.name, styles.heading)
    line.append(f"  {entity.label}", styles.muted)
    line.append(f" · {entity.articles} article{'s' * (entity.articles != 1)}")
    line.append(f" · {entity.mentions} mention{'s' * (entity.mentions != 1)}")
    return line


def entities_fetch(source: CorpusSource, label: str | None, prefix: str, styles: RowStyles) -> Fetch:
    """The pages of the entity list."""
    from tui.corpus import PAGE_SIZE

    def fetch(page: int) -> Page:
        rows = source.index().entities(label=label, prefix=prefix, page=page, page_size=PAGE_SIZE)
        return [Row(entity_prompt(e, styles), e) for e in rows], len(rows) == PAGE_SIZE

    return fetch


def mentions_fetch(source: CorpusSource, ident: str, styles: RowStyles) -> Fetch:
    """The pages of an entity's mentions: an article heading, then a line of context per mention."""

    def fetch(page: int) -> Page:
        groups = source.index().mentions(ident, page=page, page_size=MENTION_ARTICLES)
        rows: list[Row] = []
        for group in groups:
            heading = article_line(group.article, styles)
            heading.append(f" · {len(group.mentions)}", styles.muted)
            rows.append(Row(heading))
            for mention in group.mentions:
                line = Text("  ")
                line.append_text(
                    marked(mention.context, [(mention.context_start, mention.context_end)], styles.match)
                )
                rows.append(Row(line, OpenTarget(group.article.key, mention.start, group.article.title)))
        return rows, len(groups) == MENTION_ARTICLES

    return fetch


class CorpusEntitiesScreen(Screen[OpenTarget | None]):
    """Every entity of the corpus (see the module docstring)."""

    BINDINGS: ClassVar[list[BindingType]] = [*keys.CORPUS_SCREEN, *keys.CORPUS_ENTITIES]
    NAME = "Entities"

    def __init__(self, source: CorpusSource) -> None:
        super().__init__()
        self.source = source
        self.label: str | None = None
        """The label shown (``None``: every label)."""
        self.labels: list[str] = []
        """The corpus's entity labels (for ``l``), once fetched."""

    def compose(self) -> ComposeResult:
        """Title, filter box, list, sparkline, keys."""
        yield Static(self.NAME, classes="corpus-title")
        yield Input(placeholder="type the start of a name…", id="corpus-filter", classes="corpus-box")
        yield CorpusResults(id="corpus-results")
        yield Static("", id="corpus-spark-label", classes="corpus-hint")
        yield Sparkline([], id="corpus-sparkline")
        yield Static("Enter: its mentions · / filter · l label · Esc back", classes="corpus-hint")
        yield Footer()

    @property
    def results(self) -> CorpusResults:
        """The entity list."""
        return self.query_one(CorpusResults)

    @property
    def box(self) -> Input:
        """The filter box."""
        return self.query_one("#corpus-filter", Input)

    def on_mount(self) -> None:
        """List the entities; fetch the labels for ``l``."""
        self.results.focus()
        self.reload()
        self.run_worker(self._fetch_labels, thread=True, group="corpus-labels", exit_on_error=False)

    def _fetch_labels(self) -> None:
        from tui.corpus import CorpusError

        try:
            labels = self.source.index().labels("entity")
        except CorpusError:
            return
        self.app.call_from_thread(setattr, self, "labels", labels)

    def reload(self) -> None:
        """List again with the current label and filter."""
        self.results.load(entities_fetch(self.source, self.label, self.box.value, self.results.row_styles()))

    @on(Input.Changed, "#corpus-filter")
    def _typed(self) -> None:
        self.reload()

    @on(Input.Submitted, "#corpus-filter")
    def _submitted(self) -> None:
        self.results.focus()

    @on(CorpusResults.Loaded)
    def _loaded(self, event: CorpusResults.Loaded) -> None:
        extra = " · ".join(
            part for part in (self.label or "", f"“{self.box.value}…”" if self.box.value else "") if part
        )
        self.query_one(".corpus-title", Static).update(
            Text(counted(self.NAME, event.rows, event.more, extra))
        )
        if event.rows == 0:
            self._spark(None)

    @on(CorpusResults.Failed)
    def _failed(self, event: CorpusResults.Failed) -> None:
        show_failure(self.query_one(".corpus-title", Static), self.results, self.NAME, event.error)

    @on(CorpusResults.OptionHighlighted)
    def _highlighted(self) -> None:
        entity = self.results.current
        if entity is not None:
            self._spark(entity)

    def _spark(self, entity: object | None) -> None:
        label = self.query_one("#corpus-spark-label", Static)
        if entity is None:
            label.update("")
            self.query_one(Sparkline).data = []
            return
        ident, name = getattr(entity, "ident", ""), getattr(entity, "name", "")

        def per_day() -> None:
            from tui.corpus import CorpusError

            try:
                days = self.source.index().mentions_per_day(ident)
            except CorpusError:
                return
            self.app.call_from_thread(self._show_days, name, days)

        self.run_worker(per_day, thread=True, exclusive=True, group="corpus-spark", exit_on_error=False)

    def _show_days(self, name: str, days: list[tuple[str, int]]) -> None:
        label = self.query_one("#corpus-spark-label", Static)
        if days:
            text = safe_text(name)
            text.append(f": mentions per day, {days[0][0]} to {days[-1][0]} (peak {max(c for _, c in days)})")
        else:
            text = safe_text(name)
            text.append(": no dated mentions")
        label.update(text)
        self.query_one(Sparkline).data = [float(count) for _, count in days]

    @on(CorpusResults.Chosen)
    def _chosen(self, event: CorpusResults.Chosen) -> None:
        entity = event.payload
        ident, name = getattr(entity, "ident", None), getattr(entity, "name", "")
        if ident is not None:
            self.app.push_screen(CorpusMentionsScreen(self.source, ident, name), self._mention_chosen)

    def _mention_chosen(self, target: OpenTarget | None) -> None:
        if target is not None:
            self.dismiss(target)

    def action_cycle_label(self) -> None:
        """``l``: the next label, then every label again."""
        labels = self.labels
        if not labels:
            return
        position = labels.index(self.label) + 1 if self.label in labels else 0
        self.label = labels[position] if position < len(labels) else None
        self.reload()

    def action_filter(self) -> None:
        """``/``: the filter box."""
        self.box.add_class("-shown")
        self.box.focus()

    def action_back(self) -> None:
        """Esc: out of the filter box, else close the view."""
        if not escape_box(self.box, self.results):
            self.dismiss(None)


class CorpusMentionsScreen(Screen[OpenTarget | None]):
    """Every mention of one entity, grouped by article, newest first (see the module docstring)."""

    BINDINGS: ClassVar[list[BindingType]] = [b for b in keys.CORPUS_SCREEN if b.action == "back"]

    def __init__(self, source: CorpusSource, ident: str, name: str) -> None:
        super().__init__()
        self.source = source
        self.ident = ident
        self.name_shown = name

    def compose(self) -> ComposeResult:
        """Title, mentions, keys."""
        yield Static(safe_text(f"Mentions of {self.name_shown}"), classes="corpus-title")
        yield CorpusResults(id="corpus-results")
        yield Static("Enter opens the article at the mention · Esc back", classes="corpus-hint")
        yield Footer()

    def on_mount(self) -> None:
        """Fetch the first articles' mentions."""
        results = self.query_one(CorpusResults)
        results.focus()
        results.load(mentions_fetch(self.source, self.ident, results.row_styles()))

    @on(CorpusResults.Loaded)
    def _loaded(self, event: CorpusResults.Loaded) -> None:
        title = safe_text(counted(f"Mentions of {self.name_shown}", event.rows, event.more))
        self.query_one(".corpus-title", Static).update(title)

    @on(CorpusResults.Failed)
    def _failed(self, event: CorpusResults.Failed) -> None:
        show_failure(
            self.query_one(".corpus-title", Static), self.query_one(CorpusResults), "Mentions", event.error
        )

    @on(CorpusResults.Chosen)
    def _chosen(self, event: CorpusResults.Chosen) -> None:
        if isinstance(event.payload, OpenTarget):
            self.dismiss(event.payload)

    def action_back(self) -> None:
        """Esc: back to the entities."""
        self.dismiss(None)
