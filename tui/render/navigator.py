"""Where the reader is in an article: the span cursor, the search matches and their cursor.

The article view keeps one :class:`Navigator` beside its layout and highlights, as Textual's
``TextArea`` keeps a ``DocumentNavigator`` beside its document. Every jump key is a question to it
("the next entity after the cursor, or after the top of the screen?") answered from a
:class:`~tui.model.navigation.SpanIndex` built once per list of shown spans, so the answers are plain
data and are tested without a screen. A review queue (the next suggestion nobody has decided on) is one
more kind of step here.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from tui.model import Annotation, IntervalIndex, Span
from tui.model.annotations import is_mention
from tui.model.navigation import Move, SpanIndex, match_target
from tui.render.folding import FoldedText


@dataclass(frozen=True, slots=True)
class Match:
    """One search hit: ``text[start:end]``."""

    start: int
    end: int


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


class Navigator:
    """The cursor over the shown spans, and the search with its own cursor over the matches."""

    def __init__(self) -> None:
        self.shown: Sequence[Annotation] = []
        """The spans the cursor moves through (the view's highlights), in reading order."""
        self.cursor: int | None = None
        """Index of the current span in :attr:`shown`, or ``None``."""
        self.query = ""
        """The search whose matches are marked ("" when none is)."""
        self.matches: list[Match] = []
        """Hits of the current search, in reading order."""
        self.match_index: IntervalIndex[Match] = IntervalIndex([])
        self.match_cursor: int | None = None
        """Index of the current hit in :attr:`matches`, once n/N moved to one."""
        self.anchor: int | None = None
        """Text offset of the reader's place when a search match put it on no span: jumps continue
        from here, so there is still one place every key starts from."""
        self._index: SpanIndex | None = None
        self._mentions: dict[tuple[str | None, str | None], list[int]] = {}
        """Positions of the mentions of each label and each entity key among :attr:`shown` (what
        "PERSON n of N" and the entity panel count)."""
        self._mentions_over: SpanIndex | None = None
        """The index :attr:`_mentions` was counted over: a new one (new spans shown) counts again."""
        self._folded: FoldedText | None = None

    # the spans -------------------------------------------------------------------------------------
    def reset(self) -> None:
        """A new article: no spans, no cursor, no search."""
        self.shown, self.cursor, self._index, self.anchor = [], None, None, None
        self.search("", "")

    def follow(self, shown: Sequence[Annotation]) -> bool:
        """The shown spans changed: keep the cursor on the same annotation (by id, else by place).

        Returns:
            ``False`` when the cursor was on a span that is now gone or hidden.
        """
        previous = self.current
        self.shown, self.cursor, self._index = shown, None, None
        if previous is None:
            return True
        for index, annotation in enumerate(shown):
            if annotation.id == previous.id or (annotation.start, annotation.end) == (
                previous.start,
                previous.end,
            ):
                self.cursor = index
                return True
        return False

    @property
    def index(self) -> SpanIndex:
        """Navigation index over :attr:`shown`, built when first needed after a change."""
        if self._index is None:
            self._index = SpanIndex([a.span for a in self.shown])
        return self._index

    def prime(self, index: SpanIndex) -> None:
        """Use an index built elsewhere (the extraction worker) if it is over exactly the spans shown:
        building one for a book takes a tenth of a second, better not spent on a keypress."""
        same = len(index.spans) == len(self.shown) and all(
            a.span is s for a, s in zip(self.shown, index.spans, strict=True)
        )
        if self._index is None and same:
            self._index = index

    @property
    def current(self) -> Annotation | None:
        """The annotation under the cursor."""
        return self.shown[self.cursor] if self.cursor is not None else None

    def position_of(self, annotation_id: str) -> int | None:
        """Where an annotation is among the shown ones (``None``: hidden or gone)."""
        return next((i for i, a in enumerate(self.shown) if a.id == annotation_id), None)

    def at_offset(self, offset: int) -> int | None:
        """The innermost shown span over ``text[offset]`` (a click), if any."""
        return self.index.at_offset(offset) if self.shown else None

    def step(
        self,
        start: int | None,
        *,
        forward: bool,
        origin: int,
        kind: str | None = None,
        label: str | None = None,
    ) -> Move | None:
        """The next (previous) span after ``start``, or after ``origin`` when ``start`` is ``None``."""
        return self.index.step(start, forward=forward, kind=kind, label=label, origin=origin)

    def _label_rank(self, cursor: int, label: str) -> tuple[int, int]:
        """``(n, total)`` among the label's mentions (:func:`~tui.model.annotations.is_mention`: a
        rejected span is none), the count the entity panel shows for the label. On a rejected span,
        ``n`` is the place it would take.

        The mentions of a label are found once per list of shown spans and then ranked by bisection: a
        keypress on War and Peace would otherwise walk the label's 18,000 spans to say "n of N".
        """
        positions = self._mentions_of(label=label)
        return bisect_left(positions, cursor) + 1, len(positions)

    def _mentions_of(self, *, label: str | None = None, key: str | None = None) -> list[int]:
        """Sorted positions of the mentions among a label's or an entity key's spans
        (:meth:`SpanIndex.members`), counted once per list of shown spans (do not change the list
        returned: it is the cache's)."""
        index = self.index
        if self._mentions_over is not index:  # the shown spans changed (an edit, a filter, a new text)
            self._mentions, self._mentions_over = {}, index
        positions = self._mentions.get((label, key))
        if positions is None:
            shown = self.shown
            positions = sorted(p for p in index.members(label=label, key=key) if is_mention(shown[p]))
            self._mentions[(label, key)] = positions
        return positions

    def mentions(self) -> list[int]:
        """Positions of the current entity's mentions, rejected ones left out (a rejected span is no
        mention), the cursor's own always in. Counted once per list of shown spans, as the label's are:
        each jump and status line asks, and "Pierre" has 1,900 mentions in War and Peace."""
        if self.cursor is None:
            return []
        cursor = self.cursor
        positions = self._mentions_of(key=self.index.keys[cursor])
        place = bisect_left(positions, cursor)
        if place < len(positions) and positions[place] == cursor:
            return positions
        return [*positions[:place], cursor, *positions[place:]]

    def same_entity(self, *, forward: bool) -> Move | None:
        """The next (previous) mention of the entity under the cursor, wrapping around; ``None`` when
        the cursor's span is its entity's only mention."""
        mentions = self.mentions()
        if len(mentions) < 2 or self.cursor is None:
            return None
        position = bisect_left(mentions, self.cursor) + (1 if forward else -1)
        return Move(mentions[position % len(mentions)], not 0 <= position < len(mentions))

    def same_label(self, *, forward: bool) -> Move | None:
        """The next (previous) span with the current span's label."""
        current = self.current
        if current is None:
            return None
        return self.index.step(self.cursor, forward=forward, label=current.label)

    def next_unreviewed(self, *, forward: bool, origin: int) -> Move | None:
        """The next (previous) suggestion nobody has decided on, of any label, wrapping around.

        Starts after the cursor, else after :attr:`anchor` (a search match off any span), else after
        ``origin``; the cursor's own span is never the answer, so accept-and-next always moves on.
        """
        waiting = [i for i, a in enumerate(self.shown) if a.status == "suggested" and i != self.cursor]
        if not waiting:
            return None
        if self.cursor is not None:
            here, after = self.shown[self.cursor].start, self.cursor
        else:
            here = self.anchor if self.anchor is not None else origin
            after = None
        if forward:
            ahead = [
                i
                for i in waiting
                if (after is not None and i > after) or (after is None and self.shown[i].start >= here)
            ]
            return Move(ahead[0], False) if ahead else Move(waiting[0], True)
        behind = [
            i
            for i in waiting
            if (after is not None and i < after) or (after is None and self.shown[i].start < here)
        ]
        return Move(behind[-1], False) if behind else Move(waiting[-1], True)

    def report(
        self, quote_around: Callable[[Annotation], Span | None], *, wrapped: bool = False
    ) -> CursorReport | None:
        """Describe the cursor's place for the status line."""
        if self.cursor is None:
            return None
        annotation = self.shown[self.cursor]
        index = self.index
        label_rank, label_total = self._label_rank(self.cursor, annotation.label)
        key = index.keys[self.cursor]
        mentions = self.mentions()
        mention_rank, mention_total = bisect_left(mentions, self.cursor) + 1, len(mentions)
        return CursorReport(
            annotation,
            label_rank,
            label_total,
            index.name_of(key),
            mention_rank,
            mention_total,
            wrapped,
            quote_around(annotation),
        )

    # search ----------------------------------------------------------------------------------------
    def search(self, text: str, query: str) -> int:
        """Mark every occurrence of ``query`` in ``text``, folding case and accents; returns how many.

        The folded text is kept while ``text`` is the same, so a search typed letter by letter folds a
        book once.
        """
        self.query = query
        if query and (self._folded is None or self._folded.text is not text):
            self._folded = FoldedText(text)
        self.matches = (
            [Match(start, end) for start, end in self._folded.find_all(query)]
            if query and self._folded is not None
            else []
        )
        self.match_index = IntervalIndex(self.matches)
        self.match_cursor = None
        return len(self.matches)

    @property
    def current_match(self) -> Match | None:
        """The hit n/N last moved to, while a search is marked."""
        return self.matches[self.match_cursor] if self.match_cursor is not None else None

    def next_match(self, *, forward: bool, origin: int) -> Match | None:
        """Move to the next (previous) hit after the cursor, else after ``origin``; wraps around."""
        if not self.matches:
            return None
        if self.match_cursor is None:
            current = self.current
            if current is not None:
                start = current.start
            else:
                start = self.anchor if self.anchor is not None else origin
            starts = self.match_index.starts
            after = next((i for i, s in enumerate(starts) if s >= start), len(starts))
            position = after if forward else after - 1
        else:
            position = self.match_cursor + (1 if forward else -1)
        self.match_cursor = position % len(self.matches)
        return self.matches[self.match_cursor]

    def land_on_match(self) -> int | None:
        """Put the one cursor where the current hit is: on the span there (one still in play before a
        rejected one, then the shortest), or on no span with :attr:`anchor` at the hit.

        Returns:
            The cursor's new position (``None``: the hit is on no span).
        """
        match = self.current_match
        if match is None:
            return self.cursor
        target = match_target([(i, self.shown[i]) for i in self.spans_at(match.start)])
        if target is not None:
            self.cursor, self.anchor = target, None
        else:
            self.cursor, self.anchor = None, match.start
        return self.cursor

    def spans_at(self, offset: int) -> list[int]:
        """Positions of the shown spans over ``text[offset]`` (what a search match may mean)."""
        if not self.shown:
            return []
        return self.index.intervals.positions(offset, offset + 1)
