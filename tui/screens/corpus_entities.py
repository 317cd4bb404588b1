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
from textual.widgets import Sparkline, Static

from tui import keys
from tui.screens.corpus_common import CorpusSource, LabelCycle, OpenTarget, article_line, chosen_target
from tui.widgets.corpus_pane import CorpusListPane
from tui.widgets.corpus_results import CorpusResults, Fetch, Page, Row, RowStyles, marked, safe_text
from tui.widgets.key_bar import KeyBar
from tui.wording import counted

if TYPE_CHECKING:
    from tui.corpus import EntityRow

MENTION_ARTICLES = 10
"""Articles per page of mentions."""


def entity_prompt(entity: EntityRow, styles: RowStyles) -> Text:
    """``Xi Jinping  PERSON · 3 articles · 7 mentions``."""
    line = safe_text(entity.name, styles.heading)
    line.append(f"  {entity.label}", styles.muted)
    line.append(f" · {counted(entity.articles, 'article')}")
    line.append(f" · {counted(entity.mentions, 'mention')}")
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

    BINDINGS: ClassVar[list[BindingType]] = list(keys.CORPUS_ENTITIES)
    NAME = "Entities"

    def __init__(self, source: CorpusSource) -> None:
        super().__init__()
        self.source = source
        self.labels = LabelCycle("entity")
        """The corpus's entity labels and the one shown (``l``)."""

    def compose(self) -> ComposeResult:
        """Title, filter box and list, the sparkline, keys."""
        self.pane = CorpusListPane(
            self.NAME, placeholder="type the start of a name…", builder=self.source.builder
        )
        yield self.pane
        yield Static("", id="corpus-spark-label", classes="corpus-hint")
        yield Sparkline([], id="corpus-sparkline")
        yield Static("Enter: its mentions · / filter · l label · Esc back", classes="corpus-hint")
        yield KeyBar()

    def on_mount(self) -> None:
        """List the entities; fetch the labels for ``l``."""
        self.reload()
        self.labels.fetch(self, self.source)

    def reload(self) -> None:
        """List again with the current label and filter."""
        prefix = self.pane.value
        fetch = entities_fetch(self.source, self.labels.current, prefix, self.pane.row_styles())
        extra = " · ".join(
            part for part in (self.labels.current or "", f"“{prefix}…”" if prefix else "") if part
        )
        self.pane.load(fetch, self.NAME, extra)

    @on(CorpusListPane.FilterChanged)
    def _typed(self) -> None:
        self.reload()

    @on(CorpusListPane.IndexBuilt)
    def _built(self) -> None:
        self.labels.fetch(self, self.source)

    @on(CorpusResults.Loaded)
    def _loaded(self, event: CorpusResults.Loaded) -> None:
        if event.rows == 0:
            self._spark(None)

    @on(CorpusResults.OptionHighlighted)
    def _highlighted(self) -> None:
        entity = self.pane.results.current
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
        text = safe_text(name)
        if days:
            text.append(f": mentions per day, {days[0][0]} to {days[-1][0]} (peak {max(c for _, c in days)})")
        else:
            text.append(": no dated mentions")
        label.update(text)
        self.query_one(Sparkline).data = [float(count) for _, count in days]

    @on(CorpusListPane.Closed)
    def _pane_closed(self) -> None:
        self.dismiss(None)

    @on(CorpusListPane.Chosen)
    def _chosen(self, event: CorpusListPane.Chosen) -> None:
        entity = event.payload
        ident, name = getattr(entity, "ident", None), getattr(entity, "name", "")
        if ident is not None:
            self.app.push_screen(CorpusMentionsScreen(self.source, ident, name), self._mention_chosen)

    def _mention_chosen(self, target: OpenTarget | None) -> None:
        if target is not None:
            self.dismiss(target)

    def action_cycle_label(self) -> None:
        """``l``: the next label, then every label again."""
        if self.labels.step():
            self.reload()


class CorpusMentionsScreen(Screen[OpenTarget | None]):
    """Every mention of one entity, grouped by article, newest first (see the module docstring)."""

    def __init__(self, source: CorpusSource, ident: str, name: str) -> None:
        super().__init__()
        self.source = source
        self.ident = ident
        self.name_shown = name

    def compose(self) -> ComposeResult:
        """Title and mentions, keys."""
        self.pane = CorpusListPane(safe_text(f"Mentions of {self.name_shown}"))
        yield self.pane
        yield Static("Enter opens the article at the mention · Esc back", classes="corpus-hint")
        yield KeyBar()

    def on_mount(self) -> None:
        """Fetch the first articles' mentions."""
        fetch = mentions_fetch(self.source, self.ident, self.pane.row_styles())
        self.pane.load(fetch, f"Mentions of {self.name_shown}")

    @on(CorpusListPane.Chosen)
    @on(CorpusListPane.Closed)
    def _done(self, message: CorpusListPane.Chosen | CorpusListPane.Closed) -> None:
        self.dismiss(chosen_target(message))
