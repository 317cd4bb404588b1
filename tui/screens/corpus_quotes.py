"""Who said what: everyone quoted in the corpus, and each one's quotes and quote variants.

:class:`CorpusSpeakersScreen` lists the speakers (pronouns resolved, names merged across articles) with
their numbers of quotes and articles, most quoted first, after one row for the quotes nobody could be
named for. Enter lists that speaker's quotes (:class:`CorpusQuotesScreen`): first the groups of
near-identical quotes across articles, each wording with its word-by-word differences from the wording
it is most like (dropped words struck, added ones marked: a dropped "not" is what a checker must see),
then every quote in date order with its cue, article and date. Enter opens the article at the quote.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Static

from tui.screens.corpus_common import CorpusSource, OpenTarget, article_line, chosen_target
from tui.widgets.corpus_pane import CorpusListPane
from tui.widgets.corpus_results import Fetch, Page, Row, RowStyles, safe_text
from tui.widgets.key_bar import KeyBar
from tui.wording import counted

if TYPE_CHECKING:
    from tui.corpus import DiffPart, Quote, QuoteVariant


@dataclass(frozen=True, slots=True)
class SpeakerChoice:
    """A row of the speaker list: whose quotes to list (``ident`` ``None``: nobody's)."""

    ident: str | None
    name: str


UNNAMED = SpeakerChoice(None, "Quotes with no speaker")


def speakers_fetch(source: CorpusSource, prefix: str, styles: RowStyles) -> Fetch:
    """The pages of the speaker list (the unnamed quotes first, on the first page without a filter)."""
    from tui.corpus import PAGE_SIZE

    def fetch(page: int) -> Page:
        speakers = source.index().speakers(prefix=prefix, page=page, page_size=PAGE_SIZE)
        rows = []
        if page == 0 and not prefix:
            rows.append(Row(safe_text(UNNAMED.name, styles.muted), UNNAMED))
        for speaker in speakers:
            line = safe_text(speaker.name, styles.heading)
            line.append(f" · {counted(speaker.quotes, 'quote')}")
            line.append(f" · {counted(speaker.articles, 'article')}", styles.muted)
            rows.append(Row(line, SpeakerChoice(speaker.ident, speaker.name)))
        return rows, len(speakers) == PAGE_SIZE

    return fetch


def diff_text(parts: tuple[DiffPart, ...], styles: RowStyles) -> Text:
    """A variant's words against the wording it is compared with: dropped words struck, new ones marked."""
    line = Text()
    for part in parts:
        if line:
            line.append(" ")
        if part.op == "same":
            line.append_text(safe_text(part.new or part.old))
        elif part.op == "dropped":
            line.append_text(safe_text(f"[-{part.old}]", styles.dropped))
        elif part.op == "added":
            line.append_text(safe_text(f"[+{part.new}]", styles.added))
        else:
            line.append_text(safe_text(f"[-{part.old}]", styles.dropped))
            line.append_text(safe_text(f"[+{part.new}]", styles.added))
    return line


def quote_prompt(quote: Quote, styles: RowStyles, indent: str = "") -> Text:
    """The quote on one line, then its cue, article and date."""
    line = Text(indent)
    line.append_text(safe_text(quote.text))
    line.append(f"\n{indent}  ")
    who = quote.speaker_name or quote.speaker
    if who:
        line.append_text(safe_text(who, styles.muted))
        line.append(" ", styles.muted)
    if quote.cue:
        line.append_text(safe_text(quote.cue, styles.muted))
        line.append(" · ", styles.muted)
    line.append_text(article_line(quote.article, styles))
    return line


def variant_prompt(variant: QuoteVariant, styles: RowStyles) -> Text:
    """One wording of a group: the words (differences marked), what changed, where it appears."""
    if variant.diff:
        line = Text("  ")
        line.append_text(diff_text(variant.diff, styles))
    else:
        line = safe_text(f"  {variant.quote.text}")
    if variant.notes:
        line.append("\n    ")
        line.append_text(safe_text("; ".join(variant.notes), styles.match))
    line.append("\n    ")
    line.append_text(article_line(variant.quote.article, styles))
    if variant.appearances > 1:
        line.append(f" · and {variant.appearances - 1} more the same", styles.muted)
    return line


def quotes_fetch(source: CorpusSource, speaker: str | None, styles: RowStyles) -> Fetch:
    """The pages of a speaker's quotes: the variant groups first, then every quote in date order."""
    from tui.corpus import PAGE_SIZE

    def fetch(page: int) -> Page:
        index = source.index()
        rows: list[Row] = []
        if page == 0 and speaker is not None:
            groups = index.variants(speaker)
            if groups:
                heading = f"Quote variants ({counted(len(groups), 'group')})"
                rows.append(Row(safe_text(heading, styles.heading)))
            for number, group in enumerate(groups, 1):
                wordings = counted(len(group.variants), "wording")
                rows.append(Row(safe_text(f" Group {number}: {wordings}", styles.muted)))
                for variant in group.variants:
                    quote = variant.quote
                    target = OpenTarget(quote.article.key, quote.start, quote.article.title)
                    rows.append(Row(variant_prompt(variant, styles), target))
        quotes = index.quotes(speaker, page=page, page_size=PAGE_SIZE)
        if page == 0:
            rows.append(Row(safe_text("Every quote, in date order", styles.heading)))
        for quote in quotes:
            target = OpenTarget(quote.article.key, quote.start, quote.article.title)
            rows.append(Row(quote_prompt(quote, styles, " "), target))
        return rows, len(quotes) == PAGE_SIZE

    return fetch


class CorpusSpeakersScreen(Screen[OpenTarget | None]):
    """Everyone quoted in the corpus (see the module docstring)."""

    NAME = "Who said what"

    def __init__(self, source: CorpusSource) -> None:
        super().__init__()
        self.source = source

    def compose(self) -> ComposeResult:
        """Title, filter box and speakers, keys."""
        self.pane = CorpusListPane(
            self.NAME, placeholder="type the start of a name…", builder=self.source.builder
        )
        yield self.pane
        yield Static("Enter: their quotes and variants · / filter · Esc back", classes="corpus-hint")
        yield KeyBar()

    def on_mount(self) -> None:
        """List the speakers."""
        self.reload()

    def reload(self) -> None:
        """List again with the current filter. The row of unnamed quotes, shown unfiltered, is a row but
        not a speaker: the title counts both, ``3 shown · 2 speakers``, so neither count disagrees with
        the rows under it."""
        prefix = self.pane.value
        fetch = speakers_fetch(self.source, prefix, self.pane.row_styles())
        self.pane.load(
            fetch, self.NAME, "speakers", uncounted=0 if prefix else 1, kind=("speaker", "speakers")
        )

    @on(CorpusListPane.FilterChanged)
    def _typed(self) -> None:
        self.reload()

    @on(CorpusListPane.Closed)
    def _pane_closed(self) -> None:
        self.dismiss(None)

    @on(CorpusListPane.Chosen)
    def _chosen(self, event: CorpusListPane.Chosen) -> None:
        if isinstance(event.payload, SpeakerChoice):
            self.app.push_screen(CorpusQuotesScreen(self.source, event.payload), self._quote_chosen)

    def _quote_chosen(self, target: OpenTarget | None) -> None:
        if target is not None:
            self.dismiss(target)


class CorpusQuotesScreen(Screen[OpenTarget | None]):
    """One speaker's quotes and quote variants (see the module docstring)."""

    def __init__(self, source: CorpusSource, speaker: SpeakerChoice) -> None:
        super().__init__()
        self.source = source
        self.speaker = speaker

    def compose(self) -> ComposeResult:
        """Title and quotes, keys."""
        self.pane = CorpusListPane(safe_text(self.speaker.name))
        yield self.pane
        yield Static(
            "[-word] dropped, [+word] added against the closest wording · Enter opens the article · Esc back",
            classes="corpus-hint",
            markup=False,
        )
        yield KeyBar()

    def on_mount(self) -> None:
        """Fetch the variants and the first quotes."""
        fetch = quotes_fetch(self.source, self.speaker.ident, self.pane.row_styles())
        self.pane.load(fetch, f"Quotes: {self.speaker.name}")  # counts the quotes, not the headings

    @on(CorpusListPane.Chosen)
    @on(CorpusListPane.Closed)
    def _done(self, message: CorpusListPane.Chosen | CorpusListPane.Closed) -> None:
        self.dismiss(chosen_target(message))
