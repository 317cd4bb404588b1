"""The article view: the highlighted text with reading keys, a span cursor, search and the mouse.

Drawing (Line API, wrapping once per width, caching lines) is in
:class:`~tui.widgets.highlighted_text.HighlightedText`; this class moves the cursor, scrolls to it,
searches and reports where the cursor is.

The view does not own the annotations: the reader screen hands it the :class:`AnnotationSet` of the open
article through :meth:`ArticleView.show_annotations` (and again after every change), and the view tells
the screen where the cursor went with :class:`ArticleView.CursorMoved`. Navigation itself is in
:mod:`tui.model.navigation`; the view only holds the cursor and the filters.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import ClassVar

from textual import events
from textual.binding import Binding, BindingType
from textual.message import Message

from tui.model import Annotation, Span
from tui.model.navigation import Move
from tui.render import OverlapLookup
from tui.widgets.highlighted_text import HighlightedText, Match


@dataclass(frozen=True, slots=True)
class CursorReport:
    """Where the cursor is, in the words the status line uses ("PERSON 3 of 12 · Vladimir Putin")."""

    annotation: Annotation
    label_rank: int
    label_total: int
    entity_name: str
    mention_rank: int
    mention_total: int
    wrapped: bool
    inside_quote: Span | None = None
    """The quotation the span stands in, if any (the status line then says who said it)."""


class ArticleView(HighlightedText):
    """A scrollable, highlighted article with a span cursor."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j,down", "lines(1)", "Down", show=False),
        Binding("k,up", "lines(-1)", "Up", show=False),
        Binding("space,f,pagedown", "pages(1)", "Page down", show=False),
        Binding("b,pageup", "pages(-1)", "Page up", show=False),
        Binding("ctrl+d", "half_page(1)", "Half page down", show=False),
        Binding("ctrl+u", "half_page(-1)", "Half page up", show=False),
        Binding("g,home", "top", "Top", show=False),
        Binding("G,end", "bottom", "Bottom", show=False),
    ]

    class CursorMoved(Message):
        """The cursor landed on a span, or left the spans (``report`` is ``None``)."""

        def __init__(self, view: ArticleView, report: CursorReport | None) -> None:
            super().__init__()
            self.view = view
            self.report = report

    def _cursor_lost(self) -> None:
        """Tell the screen the cursor is on no span any more."""
        self.post_message(self.CursorMoved(self, None))

    # cursor ----------------------------------------------------------------------------------------
    def move_to(self, target: int | None, *, wrapped: bool = False) -> None:
        """Put the cursor on ``shown[target]``, redraw the two spans' lines and scroll to it."""
        old = self.current
        self.cursor = target
        new = self.current
        if old is not None:
            self._refresh_span(old.start, old.end)
        if new is not None:
            self._refresh_span(new.start, new.end)
            self.scroll_to_offset(new.start, new.end)
        self.post_message(self.CursorMoved(self, self.report(wrapped=wrapped)))
        self.call_after_refresh(self.prefetch)

    def jump(self, move: Move | None) -> bool:
        """Apply a move computed with :attr:`index`; ``False`` when there was nowhere to go."""
        if move is None:
            return False
        self.move_to(move.target, wrapped=move.wrapped)
        return True

    @property
    def jump_from(self) -> int | None:
        """Where span jumps start: the cursor while it is on screen; ``None`` (the top of the screen,
        :attr:`origin`) once the reader has scrolled away from it, as a pager user expects."""
        current = self.current
        if current is None or self._layout is None:
            return None
        lines = self._layout.lines_of(current.start, current.end)
        top, height = self.scroll_offset.y, self.scrollable_content_region.height
        return self.cursor if lines.stop > top and lines.start < top + height else None

    @property
    def origin(self) -> int:
        """Text offset at the top of the screen: where jumps start when there is no cursor."""
        if self._layout is None or not len(self._layout):
            return 0
        return self._layout.starts[min(self.scroll_offset.y, len(self._layout) - 1)]

    def report(self, *, wrapped: bool = False) -> CursorReport | None:
        """Describe the cursor's position for the status line."""
        if self.cursor is None:
            return None
        annotation = self.shown[self.cursor]
        index = self.index
        label_rank, label_total = index.rank(self.cursor, label=annotation.label)
        key = index.keys[self.cursor]
        mention_rank, mention_total = index.rank(self.cursor, key=key)
        name = index.name_of(key)
        quote = None
        if annotation.kind != "quote":
            quote = next(
                (
                    a.span
                    for a in self._lookup.overlapping(annotation.start, annotation.end)
                    if a.kind == "quote" and a.start <= annotation.start and annotation.end <= a.end
                ),
                None,
            )
        return CursorReport(
            annotation, label_rank, label_total, name, mention_rank, mention_total, wrapped, quote
        )

    # search ----------------------------------------------------------------------------------------
    def search(self, query: str) -> int:
        """Mark every case-insensitive occurrence of ``query``; returns how many there are."""
        self.matches = (
            [Match(m.start(), m.end()) for m in re.finditer(re.escape(query), self.text, re.IGNORECASE)]
            if query
            else []
        )
        self._match_lookup = OverlapLookup(self.matches)
        self.match_cursor = None
        self._lines.clear()
        self.refresh()
        return len(self.matches)

    def next_match(self, *, forward: bool = True) -> tuple[int, int] | None:
        """Go to the next (previous) hit after the cursor or the top of the screen; ``(n, total)``."""
        if not self.matches:
            return None
        starts = self._match_lookup.starts
        if self.match_cursor is None:
            origin = self.current.start if self.current is not None else self.origin
            after = next((i for i, s in enumerate(starts) if s >= origin), len(starts))
            position = after if forward else after - 1
        else:
            position = self.match_cursor + (1 if forward else -1)
        position %= len(self.matches)
        old = self.matches[self.match_cursor] if self.match_cursor is not None else None
        self.match_cursor = position
        match = self.matches[position]
        if old is not None:
            self._refresh_span(old.start, old.end)
        self._refresh_span(match.start, match.end)
        self.scroll_to_offset(match.start, match.end)
        return position + 1, len(self.matches)

    # scrolling -------------------------------------------------------------------------------------
    # Scrolling is never animated: an animation through a book would draw thousands of lines, and a
    # pager user expects the page to be there at once.
    def action_lines(self, count: int) -> None:
        """Scroll ``count`` lines down (negative: up)."""
        self.scroll_to(y=self.scroll_offset.y + count, animate=False)

    def action_pages(self, count: int) -> None:
        """Scroll ``count`` screens down (negative: up), keeping one line of the last screen."""
        step = max(1, self.scrollable_content_region.height - 1)
        self.scroll_to(y=self.scroll_offset.y + count * step, animate=False)

    def action_half_page(self, direction: int) -> None:
        """Scroll half a screen down (1) or up (-1), as Vim's ctrl+d / ctrl+u."""
        step = max(1, self.scrollable_content_region.height // 2)
        self.scroll_to(y=self.scroll_offset.y + direction * step, animate=False)

    def action_top(self) -> None:
        """Go to the start of the article."""
        self.scroll_to(y=0, animate=False)

    def action_bottom(self) -> None:
        """Go to the end of the article."""
        self.scroll_to(y=self.max_scroll_y, animate=False)

    def _offset_at(self, x: int, y: int) -> int | None:
        """The text offset under a point of the widget, if it is on text."""
        if self._layout is None or not self.text:
            return None
        line = self.scroll_offset.y + y
        if line >= len(self._layout):
            return None
        offset = self._layout.starts[line] + max(0, x + self.scroll_offset.x - 1)
        return offset if offset < self._layout.ends[line] else None

    def on_click(self, event: events.Click) -> None:
        """Clicking a highlighted word puts the cursor on its span."""
        offset = self._offset_at(event.x, event.y)
        hit = self.index.at_offset(offset) if offset is not None and self.shown else None
        if hit is not None:
            self.move_to(hit)

    def on_mouse_move(self, event: events.MouseMove) -> None:
        """Hovering a quotation shows who said it (the status line says it when the cursor is there)."""
        offset = self._offset_at(event.x, event.y)
        tip = None
        if offset is not None and self.shown:
            for annotation in self._lookup.overlapping(offset, offset + 1):
                span = annotation.span
                if span.kind == "quote":
                    speaker = span.speaker_name or (span.speaker.text if span.speaker else None)
                    tip = f"said by {speaker}" if speaker else "speaker unknown"
        self.tooltip = tip
