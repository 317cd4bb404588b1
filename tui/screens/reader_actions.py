"""The reader's actions: jumping between spans, searching, switching panes and highlights.

Kept apart from :mod:`tui.screens.reader` (which lays the screen out and runs the workers) so that each
file reads in one sitting. Every action here is bound to a key in ``ReaderScreen.BINDINGS`` and offered
in the command palette (:mod:`tui.commands`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import on
from textual.screen import Screen
from textual.widgets import Input

from tui.model import AnnotationSet, Article, ArticleEntry
from tui.model.navigation import Move
from tui.widgets.article_list import ArticleList
from tui.widgets.article_view import ArticleView
from tui.widgets.entity_panel import EntityPanel
from tui.widgets.status_line import StatusLine

if TYPE_CHECKING:
    from tui.app import GlossApp

KIND_NAMES = {"entity": "entities", "number": "numbers", "quote": "quotes"}
KIND_KEYS = {"entity": "1", "number": "2", "quote": "3"}


class ReaderActions(Screen[None]):
    """The base of :class:`~tui.screens.reader.ReaderScreen`: its state, its parts and its actions."""

    search_query = ""
    """The last search, while its matches are marked (n/N then move between matches)."""
    article: Article | None = None
    """The article being read."""
    annotations: AnnotationSet | None = None
    """Its annotations (the suggestions, until the annotation work adds saved decisions)."""
    hidden_kinds: frozenset[str] = frozenset()
    """Kinds whose highlights are off."""
    hidden_labels: frozenset[str] = frozenset()
    """Labels whose highlights are off."""

    @property
    def gloss(self) -> GlossApp:
        """The app, typed."""
        from tui.app import GlossApp

        assert isinstance(self.app, GlossApp)
        return self.app

    @property
    def view(self) -> ArticleView:
        """The article view."""
        return self.query_one(ArticleView)

    @property
    def status(self) -> StatusLine:
        """The status line."""
        return self.query_one(StatusLine)

    @property
    def article_list(self) -> ArticleList:
        """The article list."""
        return self.query_one(ArticleList)

    def open_entry(self, entry: ArticleEntry) -> None:
        """Show an article (the reader screen implements it)."""
        raise NotImplementedError

    def refresh_highlights(self) -> None:
        """Hand the annotations to the view, legend and panel (the reader screen implements it)."""
        raise NotImplementedError

    # jumping ---------------------------------------------------------------------------------------
    def _go(self, move: Move | None, nothing: str) -> None:
        if not self.view.jump(move):
            self.notify(nothing, timeout=3)

    def action_step(self, direction: int) -> None:
        """Next/previous span of any highlighted kind (or search match while a search is active)."""
        if self.view.matches:
            self._step_match(direction)
            return
        view = self.view
        self._go(view.index.step(view.jump_from, forward=direction > 0, origin=view.origin), "No highlights.")

    def action_step_kind(self, kind: str, direction: int) -> None:
        """Next/previous entity, number or quote."""
        view = self.view
        if kind in self.hidden_kinds:
            self.notify(
                f"{KIND_NAMES[kind].capitalize()} are hidden: {KIND_KEYS[kind]} shows them.", timeout=3
            )
            return
        move = view.index.step(view.jump_from, forward=direction > 0, kind=kind, origin=view.origin)
        self._go(move, f"No {KIND_NAMES[kind]} in this article.")

    def action_step_label(self, direction: int) -> None:
        """Next/previous span with the current span's label."""
        view = self.view
        current = view.current
        if current is None:
            self.notify("Put the cursor on a span first (n).", timeout=3)
            return
        self._go(view.index.step(view.cursor, forward=direction > 0, label=current.label), "")

    def action_step_entity(self, direction: int) -> None:
        """Next/previous mention of the current entity ("Kim Jong Un" → "Kim"), wrapping around."""
        view = self.view
        if view.cursor is None:
            self.notify("Put the cursor on a span first (n).", timeout=3)
            return
        self._go(view.index.same_entity(view.cursor, forward=direction > 0), "")

    # search ----------------------------------------------------------------------------------------
    def action_search(self) -> None:
        """Open the search box under the article."""
        box = self.query_one("#search", Input)
        box.value = self.search_query
        box.add_class("-shown")
        box.focus()

    @on(Input.Submitted, "#search")
    def _search_submitted(self, event: Input.Submitted) -> None:
        self.search_query = event.value
        found = self.view.search(event.value)
        self._close_search()
        if not event.value:
            return
        if not found:
            self.status.position = f"/{event.value}: not found"
            return
        self._step_match(1)

    def _step_match(self, direction: int) -> None:
        place = self.view.next_match(forward=direction > 0)
        if place is not None:
            self.status.position = (
                f"/{self.search_query}: match {place[0]} of {place[1]} · n/N next/previous · Esc clears"
            )

    def _close_search(self) -> None:
        box = self.query_one("#search", Input)
        box.remove_class("-shown")
        self.view.focus()

    def action_clear(self) -> None:
        """Esc: clear the search marks (n/N go back to moving between spans)."""
        if self.view.matches:
            self.search_query = ""
            self.view.search("")
            self.status.show_cursor(self.view.report(), "Search cleared.")

    # panes and articles ----------------------------------------------------------------------------
    def action_switch_pane(self) -> None:
        """Tab: list → article → entity panel (when shown) → list."""
        panel = self.query_one(EntityPanel)
        order = [self.article_list, self.view] + ([panel] if panel.display else [])
        focused = self.focused
        position = next((i for i, w in enumerate(order) if w is focused), -1)
        order[(position + 1) % len(order)].focus()

    def action_open_next(self, step: int) -> None:
        """Open the next/previous article of the (filtered) list."""
        article_list = self.article_list
        if not article_list.shown:
            return
        current = self.article.key if self.article else article_list.open_key
        keys = [article_list.entries[i].key for i in article_list.shown]
        position = keys.index(current) if current in keys else -1
        target = article_list.entries[article_list.shown[(position + step) % len(keys)]]
        self.open_entry(target)

    def action_toggle_panel(self) -> None:
        """Show or hide the entity panel."""
        panel = self.query_one(EntityPanel)
        panel.display = not panel.display
        if panel.display:
            self.refresh_highlights()
            panel.focus()
        else:
            self.view.focus()

    # highlights ------------------------------------------------------------------------------------
    def action_toggle_kind(self, kind: str) -> None:
        """Switch the highlights of entities, numbers or quotes off or on."""
        self.hidden_kinds = self.hidden_kinds ^ {kind}
        self._apply_filters()
        state = "hidden" if kind in self.hidden_kinds else "shown"
        self.notify(f"{KIND_NAMES[kind].capitalize()} {state}.", timeout=2)

    def action_toggle_label(self) -> None:
        """Choose which labels are highlighted, in a list of the labels the article has."""
        from tui.screens.highlights import HighlightsScreen

        labels = sorted({a.label for a in self.annotations or ()})
        if not labels:
            self.notify("No highlights yet.", timeout=3)
            return

        def chosen(hidden: frozenset[str] | None) -> None:
            if hidden is not None:
                self.hidden_labels = hidden
                self._apply_filters()

        self.app.push_screen(HighlightsScreen(labels, self.hidden_labels), chosen)

    def _apply_filters(self) -> None:
        self.view.set_filters(self.hidden_kinds, self.hidden_labels)
        self.refresh_highlights()
        self.status.show_cursor(self.view.report(), self.status.position)
