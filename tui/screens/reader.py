"""The reader screen: article list, highlighted article, entity panel, status line and their keys.

The screen owns the state of the open article (its text and :class:`AnnotationSet`) and routes the
widgets' messages: the list says which article was chosen, the view says where its cursor went, the
panel says which entity was picked. Reading and extraction run in thread workers, so the text paints at
once and highlights fill in chunk by chunk ("extracting… 40%") without freezing the screen.

Annotation (issue 4) comes from the base :class:`~tui.screens.annotation_actions.AnnotationActions`: the
load worker opens the article's saved annotations, extracted spans are merged into them, and the edit
keys change them through the session. Extraction lives in :mod:`tui.screens.reader_extraction` and the
reading keys in :mod:`tui.screens.reader_actions`, further down the screen's bases.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import Footer, Input
from textual.worker import get_current_worker

from tui.annotation import ArticleSession
from tui.model import (
    KINDS,
    Article,
    ArticleEntry,
    ArticleLoadError,
)
from tui.screens.annotation_actions import AnnotationActions
from tui.widgets.article_list import ArticleList
from tui.widgets.article_view import ArticleView
from tui.widgets.entity_panel import EntityPanel
from tui.widgets.legend import Legend
from tui.widgets.status_line import StatusLine

if TYPE_CHECKING:
    pass


class ReaderScreen(AnnotationActions):
    """List on the left, the article in the middle, the entity panel on the right (toggled)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "n",
            "step(1)",
            "Next",
            tooltip="Next highlight of any shown kind (next search match while searching)",
        ),
        Binding(
            "N", "step(-1)", "Prev", tooltip="Previous highlight (previous search match while searching)"
        ),
        Binding("right_square_bracket", "step_kind('entity', 1)", "Next entity", show=False),
        Binding("left_square_bracket", "step_kind('entity', -1)", "Previous entity", show=False),
        Binding("right_parenthesis", "step_kind('number', 1)", "Next number", show=False),
        Binding("left_parenthesis", "step_kind('number', -1)", "Previous number", show=False),
        Binding("right_curly_bracket", "step_kind('quote', 1)", "Next quote", show=False),
        Binding("left_curly_bracket", "step_kind('quote', -1)", "Previous quote", show=False),
        Binding(
            "full_stop",
            "step_label(1)",
            "Next same label",
            show=False,
            tooltip="Next span with the current span's label",
        ),
        Binding(
            "comma",
            "step_label(-1)",
            "Previous same label",
            show=False,
            tooltip="Previous span with the current span's label",
        ),
        Binding(
            "asterisk",
            "step_entity(1)",
            "Next mention",
            show=False,
            tooltip="Next mention of the same entity (Kim Jong Un → Kim), wrapping around",
        ),
        Binding(
            "number_sign",
            "step_entity(-1)",
            "Previous mention",
            show=False,
            tooltip="Previous mention of the same entity",
        ),
        Binding("slash", "search", "Search", tooltip="Search the article; then n/N move between matches"),
        Binding("escape", "clear", "Clear search", show=False),
        Binding(
            "tab",
            "switch_pane",
            "Switch pane",
            show=False,
            tooltip="Move between the list, the article and the panel",
        ),
        Binding("J", "open_next(1)", "Next article", show=False),
        Binding("K", "open_next(-1)", "Previous article", show=False),
        Binding(
            "p",
            "toggle_panel",
            "Panel",
            tooltip="Show or hide the entity panel (Enter on a row jumps, again cycles)",
        ),
        Binding("1", "toggle_kind('entity')", "Entities on/off", show=False),
        Binding("2", "toggle_kind('number')", "Numbers on/off", show=False),
        Binding("3", "toggle_kind('quote')", "Quotes on/off", show=False),
        Binding(
            "h", "toggle_label", "Labels on/off", show=False, tooltip="Choose which labels are highlighted"
        ),
    ]

    def __init__(self, entries: list[ArticleEntry], problems: list[str]) -> None:
        super().__init__()
        self.entries = entries
        self.problems = problems

    def compose(self) -> ComposeResult:
        """List | article + legend | panel, then search box, status line and footer."""
        with Horizontal(id="body"):
            with Vertical(id="list-pane"):
                yield Input(placeholder="type to filter…", id="article-filter")
                yield ArticleList(id="article-list")
            with Vertical(id="reading-pane"):
                yield ArticleView(id="article-view")
                yield Legend(id="legend")
            yield EntityPanel(id="entity-panel")
        yield Input(placeholder="search the article (Enter: go, Esc: cancel)", id="search")
        yield StatusLine(id="status")
        yield Footer()

    def on_mount(self) -> None:
        """List the articles and open the first readable one."""
        self.app.theme_changed_signal.subscribe(self, self._theme_changed)
        self.article_list.summary_of = self.workspace.summary  # ✎ and unreviewed count per article
        self.article_list.set_entries(self.entries)
        for problem in self.problems:
            self.notify(problem, severity="warning", timeout=8)
        self.view.focus()
        first = next((e for e in self.entries if e.error is None), self.entries[0] if self.entries else None)
        if first is None:
            self.view.show_message("No articles found. Give files or folders: gloss PATH…")
            return
        self.open_entry(first)

    def _theme_changed(self, _theme: object) -> None:
        """Colours of the legend and panel come from the view's styles: redraw them in the new theme.

        The list and the view draw with component styles that Textual does not know they use, so they
        are told to drop what they drew (``notify_style_update``) even when their own styles did not change.
        """
        for widget in (self.article_list, self.view):
            widget.notify_style_update()
        self.call_after_refresh(self.refresh_highlights)

    # opening articles ------------------------------------------------------------------------------
    def open_entry(self, entry: ArticleEntry) -> None:
        """Show an article: its text as soon as it is read, its highlights once extracted."""
        self.article_list.set_open(entry.key)
        self.article_list.highlight_key(entry.key)
        self.close_session()  # the article being left: its pending changes are saved now
        self.article = None
        self.annotations = None
        self.view.show_message(f"Opening {entry.title}…")
        self._load(entry)

    @work(thread=True, exclusive=True, group="load", exit_on_error=False)
    def _load(self, entry: ArticleEntry) -> None:
        try:
            article = entry.load()
        except ArticleLoadError as error:
            self.app.call_from_thread(self._load_failed, entry, str(error))
            return
        session = self.open_session(entry, article)  # reads its saved annotations, if any
        if get_current_worker().is_cancelled:
            session.close()
        else:
            self.app.call_from_thread(self._loaded, article, session)

    def _load_failed(self, entry: ArticleEntry, message: str) -> None:
        entry.error = entry.error or message
        self.article_list.refresh()
        self.view.show_message(message)
        self.status.show_cursor(None, "This article cannot be read; J/K or the list open another.")
        self.query_one(Legend).show([])

    def _loaded(self, article: Article, session: ArticleSession | None = None) -> None:
        self.article = article
        self.view.show_text(article.text)
        self.status.show_cursor(None, f"n next highlight · ? keys · {article.title}")
        if session is not None:
            self.adopt_session(session)  # saved work shows at once; suggestions merge in as they come
        cached = self.extracted.get(article.key) or self.suggestions_saved(article)
        if cached is not None:
            self._show_spans(article, cached)
            self.extraction_state = self.gloss.model_description(len(cached))
        elif self.gloss.extractor is not None:
            self._extract(article)
        else:
            self.extraction_state = self.gloss.model_state
            self.refresh_highlights()
        self.status.state = self.extraction_state
        self.app.post_message(self.gloss.ArticleShown(article))

    def refresh_highlights(self) -> None:
        """Hand the current annotations to the view, legend and panel (call after every change)."""
        view = self.view
        view.show_annotations(self.annotations)
        labels = {(a.kind, a.label) for a in self.annotations or ()}
        if self.session is not None:  # a corpus's own labels are listed even before they are used
            labels |= {(d.kind, d.name) for d in self.session.labels.custom}
        present = sorted(labels)
        self.query_one(Legend).show(
            (label if kind == "entity" else kind, view.label_style(label, kind), self._hidden(kind, label))
            for kind, label in _one_per_kind(present)
        )
        panel = self.query_one(EntityPanel)
        if panel.display:
            panel.show_groups(view.index.groups(), view.index.spans, view.label_style)

    def _hidden(self, kind: str, label: str) -> bool:
        return kind in self.hidden_kinds or label in self.hidden_labels

    # messages from the widgets ---------------------------------------------------------------------
    @on(ArticleList.Selected)
    def _article_chosen(self, event: ArticleList.Selected) -> None:
        self.open_entry(event.entry)
        self.view.focus()

    @on(ArticleList.FilterTyped)
    def _filter_typed(self, event: ArticleList.FilterTyped) -> None:
        box = self.query_one("#article-filter", Input)
        box.value += event.character
        box.cursor_position = len(box.value)
        box.focus()

    @on(Input.Changed, "#article-filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        self.article_list.set_filter(event.value)

    @on(Input.Submitted, "#article-filter")
    def _filter_submitted(self) -> None:
        self.article_list.action_select()

    @on(ArticleView.CursorMoved)
    def _cursor_moved(self, event: ArticleView.CursorMoved) -> None:
        hint = f"n next highlight · ? keys · {self.article.title}" if self.article else ""
        self.status.show_cursor(event.report, hint)

    @on(EntityPanel.Chosen)
    def _entity_chosen(self, event: EntityPanel.Chosen) -> None:
        view = self.view
        mentions = event.group.indices
        if view.cursor in mentions:
            position = (mentions.index(view.cursor) + 1) % len(mentions)
            view.move_to(mentions[position], wrapped=position == 0)
        else:
            view.move_to(mentions[0])

    def on_key(self, event: object) -> None:
        """Keys typed in the filter box that move in the list (↑ ↓) or leave it (Esc)."""
        from textual import events

        if not isinstance(event, events.Key):
            return
        box = self.query_one("#article-filter", Input)
        if self.focused is box and event.key in ("up", "down"):
            self.article_list.action_cursor(1 if event.key == "down" else -1)
            event.stop()
        elif self.focused is box and event.key == "escape":
            box.value = ""
            self.article_list.focus()
            event.stop()
        elif self.focused is self.query_one("#search", Input) and event.key == "escape":
            self._close_search()
            event.stop()


def _one_per_kind(present: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Legend items: every entity label, but numbers and quotes once each (they share one style)."""
    seen: set[str] = set()
    items: list[tuple[str, str]] = []
    for kind, label in sorted(present, key=lambda kl: (KINDS.index(kl[0]) if kl[0] in KINDS else 0, kl[1])):
        if kind == "entity":
            items.append((kind, label))
        elif kind not in seen:
            seen.add(kind)
            items.append((kind, label))
    return items
