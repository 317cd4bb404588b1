"""The article view: the highlighted text, its reading keys, the span cursor, and the two key modes.

It composes plain objects, as Textual's ``TextArea`` composes its document and navigator: a
:class:`~tui.render.Layout` (the text wrapped once per width), :class:`~tui.render.Highlights` (the open
article's annotations through the highlight filters) and a :class:`~tui.render.Navigator` (the span
cursor and the search). The widget draws through the Line API, as Textual's ``Log`` and toolong's
``LogLines`` do: only the lines on screen, each kept in an LRU cache whose key holds everything that
changes how that line looks, so moving the cursor redraws two spans' lines and War and Peace moves as
fast as a short article.

The view never changes annotations. It is handed the controller's set (:meth:`ArticleView.show_annotations`)
and says what a person did with messages: where the cursor went, a selection to label, a speaker chosen.

Two short-lived modes live here, because their keys must win while the view has focus: making a
selection (``w``/``b`` word, ``l``/``h`` character, ``o`` other end, Enter done) and choosing a quote's
speaker (``n``/``N``, Enter links, ``-`` unlinks); Esc leaves either. Their bindings are priority
bindings that :meth:`ArticleView.check_action` enables only in their mode. Dragging the mouse over the
text makes the same selection (a click on a span still only puts the cursor there).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import ClassVar, Literal, TypeAlias

from rich.style import Style
from textual import events
from textual.binding import BindingType
from textual.cache import LRUCache
from textual.geometry import Region, Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from tui import keys
from tui.annotation import Selection
from tui.annotation.controller import SpeakerChoice
from tui.model import Annotation, AnnotationSet, describe
from tui.model.navigation import Move, SpanIndex
from tui.render import CursorReport, Highlights, Layer, Layout, Match, Navigator, paint, wrap
from tui.text_safety import DRAWN
from tui.widgets.article_styles import COMPONENT_CLASSES, component_for

__all__ = ["ArticleView", "CursorReport", "Match", "Mode"]

CONTEXT_LINES = 3
"""Lines kept above a span that paging brought in from below (and below one brought from above)."""

_DRAWABLE = DRAWN
"""Control, C1 and bidi characters (tabs included) are drawn as one picture each, as everywhere else, so
offsets and cells stay aligned and nothing in the text reaches the terminal as a control."""

Mode: TypeAlias = Literal["normal", "select", "speaker"]

_SELECTION_ACTIONS = frozenset(b.action.split("(")[0] for b in keys.SELECTING)
_SPEAKER_ACTIONS = frozenset(b.action.split("(")[0] for b in keys.CHOOSING_SPEAKER)


def _touching(span: tuple[int, int] | None, start: int, end: int) -> tuple[int, int] | None:
    """``span`` if it shares a character with ``[start, end)`` (a line), else ``None``."""
    return span if span is not None and span[0] < end and span[1] > start else None


class ArticleView(ScrollView, can_focus=True):
    """A scrollable, highlighted article with a span cursor."""

    BINDINGS: ClassVar[list[BindingType]] = list(keys.ARTICLE_VIEW)
    ALLOW_SELECT = False
    """A drag makes the view's own selection (the one Enter labels), not Textual's text selection."""
    COMPONENT_CLASSES: ClassVar[set[str]] = COMPONENT_CLASSES

    class CursorMoved(Message):
        """The cursor landed on a span, or left the spans (``report`` is ``None``)."""

        def __init__(self, view: ArticleView, report: CursorReport | None) -> None:
            super().__init__()
            self.view = view
            self.report = report

    class Prompted(Message):
        """A mode has something to say on the status line (what is selected, which speaker)."""

        def __init__(self, text: str) -> None:
            super().__init__()
            self.text = text

    class SelectionMade(Message):
        """Enter on a selection: label it as a new span, or apply it as new bounds."""

        def __init__(self, selection: Selection) -> None:
            super().__init__()
            self.selection = selection

    class SpeakerChosen(Message):
        """A quote's speaker was chosen (``speaker`` is ``None``: unlinked)."""

        def __init__(self, quote: Annotation, speaker: Annotation | None) -> None:
            super().__init__()
            self.quote = quote
            self.speaker = speaker

    class ModeCancelled(Message):
        """Esc left the selection or the speaker choice without changes."""

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.text = ""
        """The text shown (offsets of every annotation index into it)."""
        self.message = ""
        """Shown instead of the text when there is nothing to read (no article, a load error)."""
        self.highlights = Highlights()
        """What is highlighted (the open article's set through the filters)."""
        self.navigator = Navigator()
        """The span cursor and the search."""
        self.text_layout: Layout | None = None
        """The text wrapped for the current width (``None`` until the view has a size)."""
        self.selection: tuple[int, int] | None = None
        """The range drawn as selected (a selection being made, a speaker offered), if any."""
        self.selecting: Selection | None = None
        """The selection being made or the bounds being moved (select mode)."""
        self.speaker_choice: SpeakerChoice | None = None
        """The quote whose speaker is being chosen and the candidates (speaker mode)."""
        self._lines: LRUCache[tuple[object, ...], Strip] = LRUCache(1024)
        self._style_epoch = 0
        self._styles: dict[tuple[str, str, str], Style] = {}
        self._overlays: dict[str, Style] = {}
        self._base: Style | None = None
        self._label_colours: dict[str, Style] = {}
        self._drag_from: int | None = None
        """Where the mouse button went down on the text, while it is held."""
        self._dragged = False
        """The button moved off its first character since it went down (so its release is no click)."""

    # what is shown ---------------------------------------------------------------------------------
    def show_text(self, text: str, layout: Layout | None = None) -> None:
        """Show a new article's text without highlights (they come with :meth:`show_annotations`).

        Args:
            text: The article's text.
            layout: ``text`` already wrapped (:meth:`layout_for`, in the worker that read it), used when
                it is for the view's current width; otherwise the text is wrapped here.
        """
        self.text = text
        self.message = ""
        self.selection = None
        self.navigator.reset()
        self.highlights.show(None)
        if layout is not None and self.size.width and layout.width == self.text_width:
            self.text_layout = None  # nothing on screen is kept: the first line is the top
            self._install(layout)
        else:
            self._relayout()
        self.scroll_to(0, 0, animate=False, immediate=True)

    def layout_for(self, text: str) -> Layout | None:
        """``text`` wrapped for the view's present width, or ``None`` before the view has a size.

        Safe to call from a worker (it reads the width and builds plain lists): the reader wraps a new
        article in the thread that read it, so the UI thread does not spend a book's wrapping (tens of
        milliseconds) between the first frame and the text. Should the width change meanwhile,
        :meth:`show_text` wraps again.
        """
        if self.size.width == 0:
            return None
        return wrap(text, self.text_width)

    def show_message(self, message: str) -> None:
        """Show a message (e.g. why an article cannot be read) instead of a text."""
        self.show_text("")
        self.message = message
        self._relayout()

    def show_annotations(self, annotations: AnnotationSet | None) -> None:
        """Highlight the open article's annotations; call again after every change to them."""
        if self.highlights.show(annotations):
            self._follow()

    def set_filters(self, hidden_kinds: frozenset[str], hidden_labels: frozenset[str]) -> None:
        """Switch highlights of kinds and labels off or on again."""
        if self.highlights.set_filters(hidden_kinds, hidden_labels):
            self._follow()

    def _follow(self) -> None:
        if not self.navigator.follow(self.highlights.shown):
            self.post_message(self.CursorMoved(self, None))
        self.refresh()

    @property
    def shown(self) -> list[Annotation]:
        """The highlighted annotations in reading order (what the jump keys move through)."""
        return self.highlights.shown

    @property
    def cursor(self) -> int | None:
        """Index of the current span in :attr:`shown`, or ``None``."""
        return self.navigator.cursor

    @property
    def current(self) -> Annotation | None:
        """The annotation under the cursor."""
        return self.navigator.current

    @property
    def index(self) -> SpanIndex:
        """Navigation index over :attr:`shown` (groups for the panel, ranks for the status line)."""
        return self.navigator.index

    @property
    def matches(self) -> list[Match]:
        """Hits of the current search, in reading order."""
        return self.navigator.matches

    @property
    def match_cursor(self) -> int | None:
        """Index of the current hit, once n/N moved to one."""
        return self.navigator.match_cursor

    def prime_index(self, index: SpanIndex) -> None:
        """Use a navigation index built in the extraction worker when it is over the spans shown."""
        self.navigator.prime(index)

    def report(self, *, wrapped: bool = False) -> CursorReport | None:
        """Describe the cursor's position for the status line."""
        return self.navigator.report(self.highlights.quote_around, wrapped=wrapped)

    # the cursor ------------------------------------------------------------------------------------
    def move_to(self, target: int | None, *, wrapped: bool = False) -> None:
        """Put the cursor on ``shown[target]``, redraw the two spans' lines and scroll to it."""
        old = self.current
        self.navigator.cursor = target
        self.navigator.anchor = None
        new = self.current
        if old is not None:
            self._refresh_span(old.start, old.end)
        if new is not None:
            self._refresh_span(new.start, new.end)
            self.scroll_to_offset(new.start, new.end)
        self.post_message(self.CursorMoved(self, self.report(wrapped=wrapped)))
        self.call_after_refresh(self.prefetch)

    def move_to_annotation(self, annotation_id: str) -> bool:
        """Put the cursor on an annotation by id; ``False`` when it is not shown."""
        position = self.navigator.position_of(annotation_id)
        if position is None:
            return False
        self.move_to(position)
        return True

    def jump(self, move: Move | None) -> bool:
        """Apply a move from the navigator; ``False`` when there was nowhere to go."""
        if move is None:
            return False
        self.navigator.match_cursor = None  # n/N then go on from the span jumped to
        self.move_to(move.target, wrapped=move.wrapped)
        return True

    def next_span(self, *, forward: bool, kind: str | None = None) -> bool:
        """Jump to the next (previous) span, of one kind if given, from the cursor or the screen's top."""
        anchor = self.navigator.anchor
        origin = anchor if anchor is not None and self.current is None else self.origin
        return self.jump(self.navigator.step(self.jump_from, forward=forward, origin=origin, kind=kind))

    def next_unreviewed(self, *, forward: bool) -> bool:
        """Jump to the next (previous) suggestion still to review, of any label, wrapping around."""
        return self.jump(self.navigator.next_unreviewed(forward=forward, origin=self.origin))

    def next_same_label(self, *, forward: bool) -> bool:
        """Jump to the next (previous) span with the current span's label."""
        return self.jump(self.navigator.same_label(forward=forward))

    def next_mention(self, *, forward: bool) -> bool:
        """Jump to the next (previous) mention of the current entity, wrapping around."""
        return self.jump(self.navigator.same_entity(forward=forward))

    @property
    def jump_from(self) -> int | None:
        """Where span jumps start: the cursor while it is on screen; ``None`` (the top of the screen,
        :attr:`origin`) once the reader has scrolled away from it, as a pager user expects."""
        current = self.current
        if current is None or self.text_layout is None:
            return None
        lines = self.text_layout.lines_of(current.start, current.end)
        top, height = self.scroll_offset.y, self.scrollable_content_region.height
        return self.cursor if lines.stop > top and lines.start < top + height else None

    @property
    def origin(self) -> int:
        """Text offset at the top of the screen: where jumps start when there is no cursor."""
        if self.text_layout is None or not len(self.text_layout):
            return 0
        return self.text_layout.starts[min(self.scroll_offset.y, len(self.text_layout) - 1)]

    def go_to_offset(self, offset: int) -> None:
        """Scroll ``text[offset]`` into view and put the cursor on the span there, if one is."""
        target = self.navigator.at_offset(offset)
        if target is not None:
            self.move_to(target)
        else:
            self.scroll_to_offset(offset, offset + 1)

    # search ----------------------------------------------------------------------------------------
    def search(self, query: str) -> int:
        """Mark every case-insensitive occurrence of ``query``; returns how many there are."""
        found = self.navigator.search(self.text, query)
        self.refresh()
        return found

    def next_match(self, *, forward: bool = True) -> tuple[int, int] | None:
        """Go to the next (previous) hit after the cursor or the top of the screen; ``(n, total)``.

        The hit moves the one cursor: onto the span there, or onto no span (jumps then go on from the
        hit), so what the status line names is what the keys act on, during the search and after Esc.
        """
        navigator = self.navigator
        old, old_span = navigator.current_match, self.current
        match = navigator.next_match(forward=forward, origin=self.origin)
        if match is None:
            return None
        navigator.land_on_match()
        for span in (old, old_span, match, self.current):
            if span is not None:
                self._refresh_span(span.start, span.end)
        self.scroll_to_offset(match.start, match.end)
        self.post_message(self.CursorMoved(self, self.report()))
        assert self.match_cursor is not None
        return self.match_cursor + 1, len(self.matches)

    def spans_at_match(self) -> list[tuple[int, Annotation]]:
        """``(position, annotation)`` of the shown spans over the current match's first character."""
        match = self.navigator.current_match
        if match is None:
            return []
        return [(i, self.shown[i]) for i in self.navigator.spans_at(match.start)]

    # the two modes ---------------------------------------------------------------------------------
    @property
    def mode(self) -> Mode:
        """Which key mode is on."""
        if self.selecting is not None:
            return "select"
        return "speaker" if self.speaker_choice is not None else "normal"

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """A mode's keys work only in that mode (and show on the key bar only then)."""
        if action in _SELECTION_ACTIONS:
            return self.selecting is not None
        if action in _SPEAKER_ACTIONS:
            return self.speaker_choice is not None
        if action == "cancel_mode":
            return self.mode != "normal"
        return True

    def begin_selection(self, selection: Selection) -> None:
        """Start selecting: draw it and say which keys move it."""
        self.speaker_choice = None
        self.selecting = selection
        self._show_selection()
        self.refresh_bindings()

    def begin_speaker_choice(self, choice: SpeakerChoice) -> None:
        """Offer the candidates as the quote's speaker, one at a time."""
        self.selecting = None
        self.speaker_choice = choice
        self._show_speaker()
        self.refresh_bindings()

    def end_mode(self) -> None:
        """Back to reading: no selection, no speaker choice."""
        self.selecting = self.speaker_choice = None
        self.set_selection(None)
        self.refresh_bindings()

    def _show_selection(self) -> None:
        selection = self.selecting
        if selection is None:
            return
        self.set_selection((selection.start, selection.end))
        verb = "New bounds" if selection.purpose == "resize" else "Selecting"
        done = "Enter apply" if selection.purpose == "resize" else "Enter label"
        self.post_message(
            self.Prompted(
                f"{verb} {selection.describe()} · w/b word · l/h char · o switch end · {done} · Esc"
            )
        )

    def _show_speaker(self) -> None:
        choice = self.speaker_choice
        if choice is None:
            return
        candidate = choice.current
        self.set_selection((candidate.start, candidate.end))
        self.scroll_to_offset(candidate.start, candidate.end)
        self.post_message(
            self.Prompted(
                f"Speaker {choice.position + 1} of {len(choice.candidates)}: {describe(candidate)} · "
                "n/N next/previous · Enter link · - unlink · Esc"
            )
        )

    def action_selection_word(self, direction: int) -> None:
        """Move the selection's moving edge by a word."""
        if self.selecting is not None:
            self.selecting.by_word(direction)
            self._show_selection()

    def action_selection_char(self, direction: int) -> None:
        """Move the selection's moving edge by a character (a boundary inside a word)."""
        if self.selecting is not None:
            self.selecting.by_char(direction)
            self._show_selection()

    def action_selection_side(self) -> None:
        """Switch which end of the selection moves."""
        if self.selecting is not None:
            self.selecting.switch_side()
            self._show_selection()

    def action_selection_done(self) -> None:
        """Enter: hand the selection to the screen (to label it, or to apply it as new bounds)."""
        if self.selecting is not None and not self.selecting.is_empty:
            self.post_message(self.SelectionMade(self.selecting))

    def action_speaker_step(self, direction: int) -> None:
        """Offer the next/previous PERSON or ORG span (wrapping around)."""
        if self.speaker_choice is not None:
            self.speaker_choice.step(direction)
            self._show_speaker()

    def action_speaker_done(self) -> None:
        """Link the quote to the speaker offered."""
        if (choice := self.speaker_choice) is not None:
            self.post_message(self.SpeakerChosen(choice.quote, choice.current))

    def action_speaker_unlink(self) -> None:
        """Say the quote's speaker is unknown."""
        if (choice := self.speaker_choice) is not None:
            self.post_message(self.SpeakerChosen(choice.quote, None))

    def action_cancel_mode(self) -> None:
        """Esc: leave the selection or the speaker choice without changing anything."""
        self.end_mode()
        self.post_message(self.ModeCancelled())

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

    def scroll_to_offset(self, start: int, end: int) -> None:
        """Scroll so that ``text[start:end]`` is on screen, the way a pager pages.

        A span just below the screen comes in near the top (and one just above near the bottom), so the
        next jumps need no scrolling for a whole screen; a span far away lands a third from the top.
        """
        if self.text_layout is None:
            return
        lines = self.text_layout.lines_of(start, end)
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

    # the mouse -------------------------------------------------------------------------------------
    def _offset_at(self, x: int, y: int) -> int | None:
        """The text offset under a point of the widget, if it is on text."""
        if self.text_layout is None or not self.text:
            return None
        line = self.scroll_offset.y + y
        if line >= len(self.text_layout):
            return None
        offset = self.text_layout.starts[line] + max(0, x + self.scroll_offset.x - 1)
        return offset if offset < self.text_layout.ends[line] else None

    def _offset_near(self, x: int, y: int) -> int | None:
        """The text offset nearest a point while dragging: past a line's end is its last character,
        above or below the text is its first or last line (the pointer may leave the view)."""
        layout = self.text_layout
        if layout is None or not self.text or self.message or not len(layout):
            return None
        line = min(max(0, self.scroll_offset.y + y), len(layout) - 1)
        start, end = layout.starts[line], layout.ends[line]
        return min(start + max(0, x + self.scroll_offset.x - 1), max(start, end - 1))

    def on_mouse_down(self, event: events.MouseDown) -> None:
        """Pressing the button on the text may start a drag: the mouse's way to make a selection."""
        self._dragged = False
        if event.button != 1 or self.mode == "speaker":
            return
        offset = self._offset_at(event.x, event.y)
        if offset is not None:
            self._drag_from = offset
            self.capture_mouse()

    def on_mouse_up(self, event: events.MouseUp) -> None:
        """The drag ends; its selection stays, for Enter to label (Esc leaves it)."""
        if self._drag_from is not None:
            self._drag_from = None
            self.release_mouse()

    def _drag_to(self, offset: int) -> None:
        """Select the words from where the drag started to ``offset`` (both characters included).

        Moving new bounds (``<``/``>``) keeps that purpose, so a drag can also set a span's bounds.
        """
        anchor = self._drag_from
        assert anchor is not None
        if not self._dragged and offset == anchor:
            return  # not moved off the first character yet: still a click
        low, high = min(anchor, offset), max(anchor, offset) + 1
        picked = Selection.at(self.text, low, high)
        if picked.is_empty:
            return
        self._dragged = True
        if (selecting := self.selecting) is not None:
            selecting.start, selecting.end = picked.start, picked.end
            self._show_selection()
        else:
            self.begin_selection(picked)

    def on_click(self, event: events.Click) -> None:
        """Clicking a highlighted word puts the cursor on its span (the end of a drag is no click)."""
        if self._dragged:
            self._dragged = False
            return
        offset = self._offset_at(event.x, event.y)
        hit = self.navigator.at_offset(offset) if offset is not None else None
        if hit is not None:
            self.move_to(hit)

    def on_mouse_move(self, event: events.MouseMove) -> None:
        """Dragging selects; hovering a quotation shows who said it (the status line says it when the
        cursor is there)."""
        if self._drag_from is not None:
            near = self._offset_near(event.x, event.y)
            if near is not None:
                self._drag_to(near)
            return
        offset = self._offset_at(event.x, event.y)
        self.tooltip = self.highlights.speaker_tip(offset) if offset is not None else None

    # layout ----------------------------------------------------------------------------------------
    @property
    def text_width(self) -> int:
        """Cells available for text: the view's width less a margin of one cell each side."""
        return max(10, self.scrollable_content_region.width - 2)

    def _relayout(self) -> None:
        """Wrap the text for the current width, keeping the first visible character at the top."""
        if self.size.width == 0:
            return
        top = (
            self.text_layout.starts[min(self.scroll_offset.y, len(self.text_layout) - 1)]
            if self.text_layout
            else 0
        )
        self._install(wrap(self.message or self.text, self.text_width))
        if top and self.text:
            assert self.text_layout is not None
            self.scroll_to(y=self.text_layout.line_of(top), animate=False, immediate=True)

    def _install(self, layout: Layout) -> None:
        """Draw from ``layout`` from now on (the scroll range follows its length)."""
        self.text_layout = layout
        self.virtual_size = Size(self.text_width + 2, len(layout))
        self.refresh()

    def on_resize(self, event: events.Resize) -> None:
        """Re-wrap when the width changes (the height only changes how much is drawn)."""
        if self.text_layout is None or self.text_layout.width != self.text_width:
            self._relayout()

    # styles ----------------------------------------------------------------------------------------
    def notify_style_update(self) -> None:
        """The theme or stylesheet changed: styles are looked up again, lines drawn again."""
        super().notify_style_update()
        self._styles.clear()
        self._overlays.clear()
        self._base = None
        self._style_epoch += 1
        self.refresh()

    def set_label_colours(self, colours: Mapping[str, Style]) -> None:
        """Styles laid over labels' own (a corpus's ``gloss.toml`` may colour its labels, custom or not).

        The stylesheet stays the default; these win where given. The legend and the entity panel ask
        :meth:`label_style`, so they follow.
        """
        if dict(colours) != self._label_colours:
            self._label_colours = dict(colours)
            self._styles.clear()
            self._style_epoch += 1
            self.refresh()

    def label_style(self, label: str, kind: str, status: str = "suggested") -> Style:
        """The highlight of an annotation, from the component classes in ``styles/*.tcss``."""
        key = (label, kind, status)
        style = self._styles.get(key)
        if style is None:
            style = self.overlay(component_for(label, kind))
            if label in self._label_colours:
                style += self._label_colours[label]
            if status != "suggested":
                style += self.overlay(f"article-view--{status}")
            self._styles[key] = style
        return style

    def overlay(self, component: str) -> Style:
        """A component's style to lay over the text: only what it sets, with backgrounds blended
        (``#D55E00 35%``) over the view's own background. Labels set colours; kinds set backgrounds."""
        style = self._overlays.get(component)
        if style is None:
            style = self.get_component_rich_style(component, partial=True)
            if style.bgcolor is not None:
                style += Style(bgcolor=self.get_component_rich_style(component).bgcolor)
            self._overlays[component] = style
        return style

    def _base_style(self) -> Style:
        """The view's own style, computed once per stylesheet or theme (``rich_style`` walks the DOM)."""
        if self._base is None:
            self._base = self.rich_style
        return self._base

    # drawing ---------------------------------------------------------------------------------------
    def set_selection(self, selection: tuple[int, int] | None) -> None:
        """Mark the range a person is selecting (``text[start:end]``), or clear the mark with ``None``.

        Drawn with the ``article-view--selection`` component class, over highlights and under the
        cursor; only the lines of the old and the new range are redrawn.
        """
        old, self.selection = self.selection, selection
        for marked in (old, selection):
            if marked is not None and marked[1] > marked[0]:
                self._refresh_span(*marked)

    def line_key(self, line: int) -> tuple[object, ...]:
        """Everything that changes how display line ``line`` looks: the cache key of its strip."""
        assert self.text_layout is not None
        start, end = self.text_layout.starts[line], self.text_layout.ends[line]
        current = self.current
        match = self.navigator.current_match
        return (
            line,
            id(self.text_layout),
            self.message,
            self.highlights.key,
            self.navigator.query,
            self._style_epoch,
            _touching((current.start, current.end) if current else None, start, end),
            _touching(self.selection, start, end),
            _touching((match.start, match.end) if match else None, start, end),
        )

    def render_lines(self, crop: Region) -> list[Strip]:
        """Draw the visible lines, the text wrapped for the width it is drawn at.

        :meth:`on_resize` re-wraps when the width changes, but Textual does not always send the view a
        ``Resize`` when a sibling's display changes its width (``t`` showing the list on a narrow
        terminal): the layout's width is checked here too, once a frame, so the text never runs past the
        view's edge.
        """
        if self.text_layout is not None and self.text_layout.width != self.text_width:
            self._relayout()
        return super().render_lines(crop)

    def render_line(self, y: int) -> Strip:
        """Draw display line ``y`` of the visible region (Line API)."""
        scroll_x, scroll_y = self.scroll_offset
        line = scroll_y + y
        width = self.size.width
        if self.text_layout is None or line >= len(self.text_layout):
            return Strip.blank(width, self._base_style())
        key = self.line_key(line)
        strip = self._lines.get(key)
        if strip is None:
            strip = self._draw(line)
            self._lines[key] = strip
        return strip.crop_extend(scroll_x, scroll_x + width, self._base_style())

    @property
    def cached_lines(self) -> int:
        """How many drawn lines the cache holds (a book draws its screen and neighbours, not itself)."""
        return len(self._lines)

    def draw_line(self, line: int) -> Strip:
        """Draw one display line afresh (what :meth:`render_line` caches)."""
        return self._draw(line)

    def _draw(self, line: int) -> Strip:
        """Draw one display line: the base style, then highlights, search matches and the cursor."""
        assert self.text_layout is not None
        start, end = self.text_layout.starts[line], self.text_layout.ends[line]
        base = self._base_style()
        if self.message:
            base += self.overlay("article-view--message")
        elif line in self.text_layout.headings:
            base += self.overlay("article-view--heading")
        content = " " + (self.message or self.text)[start:end].translate(_DRAWABLE)
        shift = start - 1  # line offsets are text offsets less ``shift`` (one cell of margin)
        layers: list[Layer] = [
            (a.start - shift, a.end - shift, self.label_style(a.label, a.kind, a.status))
            for a in self.highlights.drawn(start, end)
        ]
        navigator = self.navigator
        if navigator.matches:
            this = navigator.current_match
            for match in navigator.match_index.overlapping(start, end):
                part = "article-view--match-current" if match == this else "article-view--match"
                layers.append((match.start - shift, match.end - shift, self.overlay(part)))
        if (selection := _touching(self.selection, start, end)) is not None:
            layers.append(
                (selection[0] - shift, selection[1] - shift, self.overlay("article-view--selection"))
            )
        current = self.current
        if current is not None and current.start < end and current.end > start:
            layers.append((current.start - shift, current.end - shift, self.overlay("article-view--cursor")))
        layers = [(max(1, left), right, style) for left, right, style in layers]
        return Strip(paint(content, base, layers))

    def _refresh_span(self, start: int, end: int) -> None:
        """Redraw only the display lines showing ``text[start:end]`` (their keys have changed)."""
        if self.text_layout is None:
            return
        lines = self.text_layout.lines_of(start, end)
        self.refresh_lines(lines.start, len(lines))

    def prefetch(self) -> None:
        """Draw the screenful below and the one above into the line cache while the reader is idle.

        Paging (and a jump that pages) then finds its lines already drawn, so a keypress that scrolls
        costs little more than one that does not. Called after the screen has been refreshed.
        """
        if self.text_layout is None:
            return
        top, height = self.scroll_offset.y, self.scrollable_content_region.height
        last = len(self.text_layout)
        for line in (*range(top + height, min(last, top + 2 * height)), *range(max(0, top - height), top)):
            key = self.line_key(line)
            if key not in self._lines:
                self._lines[key] = self._draw(line)
