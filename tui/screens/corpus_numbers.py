"""The numbers ledger: every figure of the corpus, and the figures that contradict each other.

Each row is the figure with its label and counted noun ("15,000 troops"), its sentence with the figure
marked, who says it when it stands inside a quote, and the article and date. ``/`` filters by counted
noun, ``l`` by label, ``s`` sorts by value or date, ``r`` reverses. ``c`` switches to the conflicts: the
same counted noun about the same entity with different values in different articles, each group's
figures listed side by side under one heading. Enter opens the article at the figure.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.screen import Screen
from textual.widgets import Static

from tui import keys
from tui.screens.corpus_common import CorpusSource, LabelCycle, OpenTarget, article_line, chosen_target
from tui.widgets.corpus_pane import CorpusListPane
from tui.widgets.corpus_results import Fetch, Page, Row, RowStyles, marked, safe_text
from tui.widgets.key_bar import KeyBar

if TYPE_CHECKING:
    from tui.corpus import NumberRow
    from tui.corpus.queries import NumberSort

CONFLICT_PAGE = 10
"""Conflict groups per page."""


def number_prompt(number: NumberRow, styles: RowStyles) -> Text:
    """``15,000 troops  CARDINAL · said by …`` over the sentence, then the article and date."""
    line = safe_text(number.text, styles.heading)
    if number.noun:
        line.append(" ")
        line.append_text(safe_text(number.noun, styles.heading))
    line.append(f"  {number.label}", styles.muted)
    if number.value is not None:
        line.append(f" · {number.value:g}", styles.muted)
    if number.speaker:
        line.append(" · said by ", styles.muted)
        line.append_text(safe_text(number.speaker))
    line.append("\n  ")
    ranges = [number.mark] if number.mark else []  # its own offsets: its text may be in the sentence twice
    line.append_text(marked(number.sentence, ranges, styles.match))
    line.append("\n  ")
    line.append_text(article_line(number.article, styles))
    return line


def ledger_fetch(
    source: CorpusSource,
    label: str | None,
    noun: str | None,
    sort: NumberSort,
    descending: bool,
    styles: RowStyles,
) -> Fetch:
    """The pages of the ledger."""
    from tui.corpus import PAGE_SIZE

    def fetch(page: int) -> Page:
        rows = source.index().numbers(
            label=label, noun=noun, sort=sort, descending=descending, page=page, page_size=PAGE_SIZE
        )
        return [Row(number_prompt(n, styles), target(n)) for n in rows], len(rows) == PAGE_SIZE

    return fetch


def conflicts_fetch(source: CorpusSource, noun: str | None, styles: RowStyles) -> Fetch:
    """The pages of conflicting figures: a heading with the values side by side, then each figure."""

    def fetch(page: int) -> Page:
        conflicts = source.index().conflicts(noun=noun, page=page, page_size=CONFLICT_PAGE)
        rows: list[Row] = []
        for conflict in conflicts:
            values = " | ".join(dict.fromkeys(f.text for f in conflict.figures))
            heading = safe_text(f"{conflict.noun} about {conflict.about_name}: ", styles.heading)
            heading.append_text(safe_text(values, styles.match))
            rows.append(Row(heading))
            rows.extend(Row(number_prompt(f, styles), target(f)) for f in conflict.figures)
        return rows, len(conflicts) == CONFLICT_PAGE

    return fetch


def target(number: NumberRow) -> OpenTarget:
    """Where Enter on a figure goes."""
    return OpenTarget(number.article.key, number.start, number.article.title)


class CorpusNumbersScreen(Screen[OpenTarget | None]):
    """The numbers ledger (see the module docstring)."""

    BINDINGS: ClassVar[list[BindingType]] = list(keys.CORPUS_NUMBERS)
    NAME = "Numbers"

    def __init__(self, source: CorpusSource) -> None:
        super().__init__()
        self.source = source
        self.labels = LabelCycle("number")
        """The corpus's number labels and the one shown (``l``)."""
        self.sort: NumberSort = "value"
        self.descending = False
        self.conflicts = False
        """Whether the conflicts are shown instead of the ledger."""

    def compose(self) -> ComposeResult:
        """Title, noun filter and ledger, keys."""
        self.pane = CorpusListPane(
            self.NAME, placeholder="counted noun (troops, %, $)…", builder=self.source.builder
        )
        yield self.pane
        yield Static(
            "/ noun · l label · s sort · r reverse · c conflicts · Enter opens · Esc back",
            classes="corpus-hint",
        )
        yield KeyBar()

    def on_mount(self) -> None:
        """Show the ledger; fetch the labels for ``l``."""
        self.reload()
        self.labels.fetch(self, self.source)

    def reload(self) -> None:
        """Fetch again with the current filters, order and mode."""
        noun = self.pane.value.strip() or None
        styles = self.pane.row_styles()
        if self.conflicts:
            fetch = conflicts_fetch(self.source, noun, styles)
        else:
            fetch = ledger_fetch(self.source, self.labels.current, noun, self.sort, self.descending, styles)
        self.pane.load(fetch, "Conflicts" if self.conflicts else self.NAME, self.describe())

    def describe(self) -> str:
        """The filters and order, for the title line."""
        noun = self.pane.value.strip()
        if self.conflicts:
            return "conflicting figures" + (f" · “{noun}”" if noun else "")
        parts = [f"by {self.sort}" + (" (descending)" if self.descending else "")]
        parts += [self.labels.current] if self.labels.current else []
        parts += [f"“{noun}”"] if noun else []
        return " · ".join(parts)

    @on(CorpusListPane.FilterChanged)
    def _typed(self) -> None:
        self.reload()

    @on(CorpusListPane.IndexBuilt)
    def _built(self) -> None:
        self.labels.fetch(self, self.source)

    @on(CorpusListPane.Chosen)
    @on(CorpusListPane.Closed)
    def _done(self, message: CorpusListPane.Chosen | CorpusListPane.Closed) -> None:
        self.dismiss(chosen_target(message))

    def action_cycle_label(self) -> None:
        """``l``: the next label, then every label again."""
        if self.labels.step():
            self.reload()

    def action_toggle_sort(self) -> None:
        """``s``: by value, or by date."""
        self.sort = "date" if self.sort == "value" else "value"
        self.reload()

    def action_toggle_order(self) -> None:
        """``r``: reverse the order."""
        self.descending = not self.descending
        self.reload()

    def action_toggle_conflicts(self) -> None:
        """``c``: the conflicts, or the ledger."""
        self.conflicts = not self.conflicts
        self.reload()
