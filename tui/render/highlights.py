"""Which annotations the article view highlights: the open article's set through the highlight filters.

The set belongs to the annotation controller; this object only reads it. It keeps the annotations that
pass the filters (kinds and labels switched off with 1/2/3 and h) in reading order, with one
:class:`~tui.model.IntervalIndex` over them that answers both "what is drawn on this line" and "what is
under the mouse". :attr:`Highlights.key` names everything the result depends on, so the view's caches
key on it and nothing has to be cleared by hand.
"""

from __future__ import annotations

from tui.model import Annotation, AnnotationSet, IntervalIndex, Span


class Highlights:
    """The shown annotations of one article: its set, less the kinds and labels switched off."""

    def __init__(self) -> None:
        self.annotations: AnnotationSet | None = None
        """The open article's set (read only here; the controller changes it)."""
        self.hidden_kinds: frozenset[str] = frozenset()
        """Kinds whose highlights are off (and which the jump keys skip)."""
        self.hidden_labels: frozenset[str] = frozenset()
        """Labels whose highlights are off."""
        self.shown: list[Annotation] = []
        """The highlighted annotations in reading order (what the jump keys move through)."""
        self.index: IntervalIndex[Annotation] = IntervalIndex([])
        """Which shown annotations touch a range of the text."""
        self._key: tuple[object, ...] = ()

    @property
    def key(self) -> tuple[object, ...]:
        """What :attr:`shown` depends on: the set, its version and the filters."""
        source = self.annotations
        return (id(source), source.version if source else -1, self.hidden_kinds, self.hidden_labels)

    def show(self, annotations: AnnotationSet | None) -> bool:
        """Highlight this set (again after a change to it); returns whether :attr:`shown` changed."""
        self.annotations = annotations
        return self._update()

    def set_filters(self, hidden_kinds: frozenset[str], hidden_labels: frozenset[str]) -> bool:
        """Switch kinds and labels off or on; returns whether :attr:`shown` changed."""
        self.hidden_kinds, self.hidden_labels = hidden_kinds, hidden_labels
        return self._update()

    def is_hidden(self, kind: str, label: str) -> bool:
        """Whether a kind or label is switched off (the legend dims it)."""
        return kind in self.hidden_kinds or label in self.hidden_labels

    def _update(self) -> bool:
        key = self.key
        if key == self._key:
            return False
        self._key = key
        source = self.annotations
        self.shown = [
            a
            for a in (source.ordered if source else [])
            if a.kind not in self.hidden_kinds and a.label not in self.hidden_labels
        ]
        self.index = IntervalIndex(self.shown)
        return True

    def drawn(self, start: int, end: int) -> list[Annotation]:
        """The annotations to paint over ``text[start:end]``, in reading order.

        A rejected label under a kept one on the same words ("not PRODUCT, but GPE") is not drawn: its
        strike-through would cross out the label the person chose. The cursor still finds it.
        """
        here = self.index.overlapping(start, end)
        if all(a.status != "rejected" for a in here):
            return here  # most lines: nothing to leave out
        kept = {(a.start, a.end) for a in here if a.status != "rejected"}
        return [a for a in here if a.status != "rejected" or (a.start, a.end) not in kept]

    def quote_around(self, annotation: Annotation) -> Span | None:
        """The shown quotation an entity or number stands in, if any (the status line names its speaker)."""
        if annotation.kind == "quote":
            return None
        return next(
            (
                a.span
                for a in self.index.overlapping(annotation.start, annotation.end)
                if a.kind == "quote" and a.start <= annotation.start and annotation.end <= a.end
            ),
            None,
        )

    def speaker_tip(self, offset: int) -> str | None:
        """ "said by …" for a quotation over ``text[offset]`` (the mouse's tooltip), else ``None``."""
        tip = None
        for annotation in self.index.covering(offset):
            span = annotation.span
            if span.kind == "quote":
                speaker = span.speaker_name or (span.speaker.text if span.speaker else None)
                tip = f"said by {speaker}" if speaker else "speaker unknown"
        return tip
