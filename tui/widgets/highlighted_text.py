"""Highlighted text drawn through Textual's Line API: the drawing half of the article view.

Modelled on Textual's ``Log`` and toolong's ``LogLines``: the text is wrapped once per width into a
:class:`~tui.render.Layout` (two lists of offsets), :meth:`HighlightedText.render_line` draws only the
lines on screen, and each drawn line is kept in an LRU cache that is emptied whenever anything that
changes how lines look changes: width, annotation set and its version, highlight filters, search and
theme. Moving the cursor redraws only the lines of the old and the new span, so War and Peace moves as
fast as a short article. :class:`~tui.widgets.article_view.ArticleView` adds the keys, the cursor's
movements, search and the mouse.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import ClassVar

from rich.style import Style
from textual import events
from textual.cache import LRUCache
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.strip import Strip

from tui.model import Annotation, AnnotationSet
from tui.model.navigation import SpanIndex
from tui.render import Layout, OverlapLookup, wrap
from tui.render.segments import Layer, paint
from tui.widgets.article_styles import COMPONENT_CLASSES, component_for

CONTEXT_LINES = 3
"""Lines kept above a span that paging brought in from below (and below one brought from above)."""

_DRAWABLE = str.maketrans({chr(c): " " for c in (*range(32), 127)})
"""Control characters (tabs included) are drawn as one space each, so offsets and cells stay aligned."""


@dataclass(frozen=True, slots=True)
class Match:
    """One search hit: ``text[start:end]``."""

    start: int
    end: int


class HighlightedText(ScrollView, can_focus=True):
    """A scrollable text with annotations, search matches and a cursor drawn over it."""

    COMPONENT_CLASSES: ClassVar[set[str]] = COMPONENT_CLASSES

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.text = ""
        """The text shown (offsets of every annotation index into it)."""
        self.message = ""
        """Shown instead of the text when there is nothing to read (no article, a load error)."""
        self.annotations: AnnotationSet | None = None
        self.hidden_kinds: frozenset[str] = frozenset()
        """Kinds whose highlights are switched off (and which the jump keys skip)."""
        self.hidden_labels: frozenset[str] = frozenset()
        """Labels whose highlights are switched off."""
        self.cursor: int | None = None
        """Index of the current span in :attr:`shown`, or ``None``."""
        self.shown: list[Annotation] = []
        """The highlighted annotations in reading order (what the jump keys move through)."""
        self._lookup: OverlapLookup[Annotation] = OverlapLookup([])
        self._index: SpanIndex | None = None
        self._visible_key: tuple[object, ...] = ()
        self._layout: Layout | None = None
        self._lines: LRUCache[int, Strip] = LRUCache(1024)
        self._styles: dict[tuple[str, str, str], Style] = {}
        self._overlays: dict[str, Style] = {}
        self._base: Style | None = None
        self._label_colours: dict[str, Style] = {}
        self.selection: tuple[int, int] | None = None
        """The range being selected for a new span (set by the annotation keys), if any."""
        self.matches: list[Match] = []
        """Hits of the current search, in reading order."""
        self.match_cursor: int | None = None
        self._match_lookup: OverlapLookup[Match] = OverlapLookup([])

    # content ---------------------------------------------------------------------------------------
    def show_text(self, text: str) -> None:
        """Show a new article's text without highlights (they come with :meth:`show_annotations`)."""
        self.text = text
        self.message = ""
        self.annotations = None
        self.cursor = None
        self.matches, self.match_cursor, self._match_lookup = [], None, OverlapLookup([])
        self.selection = None
        self._set_visible()
        self._relayout()
        self.scroll_to(0, 0, animate=False, immediate=True)

    def show_message(self, message: str) -> None:
        """Show a message (e.g. why an article cannot be read) instead of a text."""
        self.show_text("")
        self.message = message
        self._relayout()

    def show_annotations(self, annotations: AnnotationSet | None) -> None:
        """Highlight the annotations of the open article; call again after every change to them."""
        current = self.current
        self.annotations = annotations
        self._set_visible()
        self._restore_cursor(current)

    def set_filters(self, hidden_kinds: frozenset[str], hidden_labels: frozenset[str]) -> None:
        """Switch highlights of kinds and labels off or on again."""
        current = self.current
        self.hidden_kinds, self.hidden_labels = hidden_kinds, hidden_labels
        self._set_visible()
        self._restore_cursor(current)

    @property
    def current(self) -> Annotation | None:
        """The annotation under the cursor."""
        return self.shown[self.cursor] if self.cursor is not None else None

    @property
    def index(self) -> SpanIndex:
        """Navigation index over :attr:`shown`, built when first needed after a change."""
        if self._index is None:
            self._index = SpanIndex([a.span for a in self.shown])
        return self._index

    def prime_index(self, index: SpanIndex) -> None:
        """Use a navigation index built elsewhere (in the extraction worker) if it is over exactly the
        spans shown: building one for a book takes a tenth of a second, better not spent on a keypress."""
        same = len(index.spans) == len(self.shown) and all(
            a.span is s for a, s in zip(self.shown, index.spans, strict=True)
        )
        if self._index is None and same:
            self._index = index

    def _set_visible(self) -> None:
        source = self.annotations
        key = (id(source), source.version if source else -1, self.hidden_kinds, self.hidden_labels)
        if key == self._visible_key:
            return
        self._visible_key = key
        self.shown = [
            a
            for a in (source.ordered if source else [])
            if a.kind not in self.hidden_kinds and a.label not in self.hidden_labels
        ]
        self._lookup = OverlapLookup(self.shown)
        self._index = None
        self._lines.clear()
        self.refresh()

    def _restore_cursor(self, previous: Annotation | None) -> None:
        """Keep the cursor on the same annotation (by id, else by position) after the list changed."""
        self.cursor = None
        if previous is None:
            return
        for index, annotation in enumerate(self.shown):
            if annotation.id == previous.id or (annotation.start, annotation.end) == (
                previous.start,
                previous.end,
            ):
                self.cursor = index
                return
        self._cursor_lost()

    def _cursor_lost(self) -> None:
        """The annotation under the cursor is gone or hidden (the article view reports it)."""

    # layout and drawing ----------------------------------------------------------------------------
    @property
    def text_width(self) -> int:
        """Cells available for text: the view's width less a margin of one cell each side."""
        return max(10, self.scrollable_content_region.width - 2)

    def _relayout(self) -> None:
        """Wrap the text for the current width, keeping the first visible character at the top."""
        if self.size.width == 0:
            return
        top = self._layout.starts[min(self.scroll_offset.y, len(self._layout) - 1)] if self._layout else 0
        shown = self.message or self.text
        self._layout = wrap(shown, self.text_width)
        self._lines.clear()
        self.virtual_size = Size(self.text_width + 2, len(self._layout))
        if top and self.text:
            self.scroll_to(y=self._layout.line_of(top), animate=False, immediate=True)
        self.refresh()

    def on_resize(self, event: events.Resize) -> None:
        """Re-wrap when the width changes (the height only changes how much is drawn)."""
        if self._layout is None or self._layout.width != self.text_width:
            self._relayout()

    def notify_style_update(self) -> None:
        """The theme or stylesheet changed: drop styles and drawn lines (they embed colours)."""
        super().notify_style_update()
        self._styles.clear()
        self._overlays.clear()
        self._base = None
        self._lines.clear()
        self.refresh()

    def render_line(self, y: int) -> Strip:
        """Draw display line ``y`` of the visible region (Line API)."""
        scroll_x, scroll_y = self.scroll_offset
        line = scroll_y + y
        width = self.size.width
        if self._layout is None or line >= len(self._layout):
            return Strip.blank(width, self._base_style())
        strip = self._lines.get(line)
        if strip is None:
            strip = self._draw(line)
            self._lines[line] = strip
        return strip.crop_extend(scroll_x, scroll_x + width, self._base_style())

    def label_style(self, label: str, kind: str, status: str = "suggested") -> Style:
        """The highlight of an annotation, from the component classes in ``styles/*.tcss``."""
        key = (label, kind, status)
        style = self._styles.get(key)
        if style is None:
            style = self._overlay(component_for(label, kind))
            if label in self._label_colours:
                style += self._label_colours[label]
            if status != "suggested":
                style += self._overlay(f"article-view--{status}")
            self._styles[key] = style
        return style

    def _overlay(self, component: str) -> Style:
        """A component's style to lay over the text: only what it sets, with backgrounds blended
        (``#D55E00 35%``) over the view's own background. Labels set colours; kinds set backgrounds."""
        style = self._overlays.get(component)
        if style is None:
            style = self.get_component_rich_style(component, partial=True)
            if style.bgcolor is not None:
                style += Style(bgcolor=self.get_component_rich_style(component).bgcolor)
            self._overlays[component] = style
        return style

    def _draw(self, line: int) -> Strip:
        """Draw one display line: the base style, then highlights, search matches and the cursor."""
        assert self._layout is not None
        start, end = self._layout.starts[line], self._layout.ends[line]
        base = self._base_style()
        if self.message:
            base += self._overlay("article-view--message")
        elif line in self._layout.headings:
            base += self._overlay("article-view--heading")
        shown = self.message or self.text
        content = " " + shown[start:end].translate(_DRAWABLE)
        shift = start - 1  # line offsets are text offsets less ``shift`` (one cell of margin)
        here = self._lookup.overlapping(start, end)
        # A rejected label under a kept one on the same words ("not PRODUCT, but GPE") is not drawn:
        # its strike-through would cross out the label the person chose. The cursor still finds it.
        kept = {(a.start, a.end) for a in here if a.status != "rejected"}
        layers: list[Layer] = [
            (a.start - shift, a.end - shift, self.label_style(a.label, a.kind, a.status))
            for a in here
            if a.status != "rejected" or (a.start, a.end) not in kept
        ]
        if self.matches:
            this = self.matches[self.match_cursor] if self.match_cursor is not None else None
            for match in self._match_lookup.overlapping(start, end):
                part = "article-view--match-current" if match == this else "article-view--match"
                layers.append((match.start - shift, match.end - shift, self._overlay(part)))
        selection = self.selection
        if selection is not None and selection[0] < end and selection[1] > start:
            layers.append(
                (selection[0] - shift, selection[1] - shift, self._overlay("article-view--selection"))
            )
        current = self.current
        if current is not None and current.start < end and current.end > start:
            layers.append((current.start - shift, current.end - shift, self._overlay("article-view--cursor")))
        for index, (left, right, style) in enumerate(layers):
            layers[index] = (max(1, left), right, style)
        return Strip(paint(content, base, layers))

    def _base_style(self) -> Style:
        """The view's own style, computed once per stylesheet or theme (``rich_style`` walks the DOM)."""
        if self._base is None:
            self._base = self.rich_style
        return self._base

    def _refresh_span(self, start: int, end: int) -> None:
        """Redraw only the display lines showing ``text[start:end]``."""
        if self._layout is None:
            return
        lines = self._layout.lines_of(start, end)
        for line in lines:
            self._lines.discard(line)
        self.refresh_lines(lines.start, len(lines))

    def set_label_colours(self, colours: Mapping[str, Style]) -> None:
        """Styles laid over labels' own (a corpus's ``gloss.toml`` may colour its labels, custom or not).

        The stylesheet stays the default; these win where given. The legend and the entity panel ask
        :meth:`label_style`, so they follow.
        """
        if dict(colours) != self._label_colours:
            self._label_colours = dict(colours)
            self._styles.clear()
            self._lines.clear()
            self.refresh()

    def set_selection(self, selection: tuple[int, int] | None) -> None:
        """Mark the range a person is selecting (``text[start:end]``), or clear the mark with ``None``.

        Drawn with the ``article-view--selection`` component class, over highlights and under the
        cursor; only the lines of the old and the new range are redrawn.
        """
        old, self.selection = self.selection, selection
        for marked in (old, selection):
            if marked is not None and marked[1] > marked[0]:
                self._refresh_span(*marked)

    def prefetch(self) -> None:
        """Draw the screenful below and the one above into the line cache while the reader is idle.

        Paging (and a jump that pages) then finds its lines already drawn, so a keypress that scrolls
        costs little more than one that does not. Called after the screen has been refreshed.
        """
        if self._layout is None:
            return
        top, height = self.scroll_offset.y, self.scrollable_content_region.height
        last = len(self._layout)
        for line in (*range(top + height, min(last, top + 2 * height)), *range(max(0, top - height), top)):
            if line not in self._lines:
                self._lines[line] = self._draw(line)

    def scroll_to_offset(self, start: int, end: int) -> None:
        """Scroll so that ``text[start:end]`` is on screen, the way a pager pages.

        A span just below the screen comes in near the top (and one just above near the bottom), so the
        next jumps need no scrolling for a whole screen; a span far away lands a third from the top.
        """
        if self._layout is None:
            return
        lines = self._layout.lines_of(start, end)
        top, height = self.scroll_offset.y, self.scrollable_content_region.height
        if lines.start >= top and lines.stop <= top + height:
            return
        context = min(CONTEXT_LINES, height // 4)
        if top + height <= lines.start < top + 2 * height:
            target = lines.start - context
        elif top - height <= lines.start < top:
            target = lines.stop + context - height
        else:
            target = lines.start - height // 3
        self.scroll_to(y=max(0, target), animate=False, immediate=True)
