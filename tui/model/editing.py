"""What a person does to annotations, each as one undoable step.

:class:`AnnotationEditing` is the half of :class:`~tui.model.annotations.AnnotationSet` that the reader's
keys call: accept, reject, relabel, move boundaries, note, link a quote to its speaker, add a span, label
every other occurrence. Every method builds :class:`~tui.model.records.Change` objects and hands them to
``apply`` so that undo, redo and the saved history need no special cases. The other half (storage of the
annotations, ``apply``/``undo``/``redo`` and lookups) lives in :mod:`tui.model.annotations`.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from tui.model.records import Annotation, Change, Edit, Status
from tui.model.selection import whole_word_occurrences
from tui.model.span import Span, SpanKind, Speaker, kind_for_label

SPEAKER_LABELS: tuple[str, ...] = ("PERSON", "ORG")
"""Labels a quote's speaker is normally chosen from (any entity-kind span is allowed)."""


def describe(annotation: Annotation) -> str:
    """``PERSON “Xi Jinping”``: how the status line names an annotation."""
    text = annotation.span.text
    return f"{annotation.label} “{text if len(text) <= 40 else text[:39] + '…'}”"


class AnnotationEditing:
    """Person-level operations on an article's annotations (mixed into ``AnnotationSet``)."""

    text: str
    """The article text (set by ``AnnotationSet``)."""

    # Provided by AnnotationSet; declared here so the operations type-check on their own.
    def apply(self, description: str, changes: Iterable[Change], *, record: bool = True) -> Edit | None:
        raise NotImplementedError

    def get(self, annotation_id: str) -> Annotation | None:
        raise NotImplementedError

    def new_id(self, prefix: str = "h") -> str:
        raise NotImplementedError

    @property
    def ordered(self) -> list[Annotation]:
        raise NotImplementedError

    def overlapping(self, start: int, end: int) -> list[Annotation]:
        raise NotImplementedError

    def require(self, annotation_id: str) -> Annotation:
        """The annotation with this id; ``KeyError`` naming the id when there is none."""
        annotation = self.get(annotation_id)
        if annotation is None:
            raise KeyError(f"no annotation with id {annotation_id!r}")
        return annotation

    def _change(self, annotation_id: str, description: str, **changes: Any) -> Annotation:
        """Apply ``changes`` as one step; a change to values it already has records nothing.

        Without the check, accepting an accepted span would add an undo step that only moves its
        ``updated`` stamp: the person would press undo and see nothing happen.
        """
        before = self.require(annotation_id)
        if all(getattr(before, field) == value for field, value in changes.items()):
            return before
        after = before.evolve(**changes)
        self.apply(description, [Change(before, after)])
        return after

    # reviewing -------------------------------------------------------------------------------------
    def accept(self, annotation_id: str) -> Annotation:
        """Mark one span as correct."""
        description = f"accept {describe(self.require(annotation_id))}"
        return self._change(annotation_id, description, status="accepted")

    def reject(self, annotation_id: str) -> Annotation:
        """Mark one span as wrong; it stays (dimmed) so that merges never bring it back."""
        description = f"reject {describe(self.require(annotation_id))}"
        return self._change(annotation_id, description, status="rejected")

    def review_remaining(self, status: Status, *, label: str | None = None) -> int:
        """Accept or reject every still-suggested span (of one ``label``, or all) as one step.

        Returns:
            How many spans changed (0 when none were waiting: nothing is added to the history).
        """
        changes = [
            Change(a, a.evolve(status=status))
            for a in self.ordered
            if a.status == "suggested" and (label is None or a.label == label)
        ]
        verb = "accept" if status == "accepted" else "reject" if status == "rejected" else "reset"
        what = f"{label} suggestions" if label else "suggestions"
        self.apply(f"{verb} {len(changes)} remaining {what}", changes)
        return len(changes)

    # changing spans --------------------------------------------------------------------------------
    def relabel(self, annotation_id: str, label: str, *, kind: SpanKind | None = None) -> Annotation:
        """Give a span another label; a person's relabel also accepts it.

        Args:
            kind: The new kind; by default :func:`kind_for_label` (pass
                ``LabelConfig.kind_for(label)`` so that custom labels keep their declared kind).
        """
        before = self.require(annotation_id)
        new_kind = kind or kind_for_label(label)
        span = before.span.evolve(label=label, kind=new_kind)
        if new_kind != before.kind:  # fields that only mean something for the old kind
            span = span.evolve(value=None, cue=None, speaker=None, speaker_name=None)
        after = before.evolve(span=span, status="accepted")
        self.apply(f"relabel {describe(before)} as {label}", [Change(before, after)])
        return after

    def set_bounds(self, annotation_id: str, start: int, end: int) -> Annotation:
        """Move a span's boundaries; its text follows the article text and a suggestion becomes accepted.

        Raises:
            ValueError: when the offsets are outside the text or empty.
        """
        if not 0 <= start < end <= len(self.text):
            raise ValueError(f"boundaries {start}..{end} are outside the text (0..{len(self.text)})")
        before = self.require(annotation_id)
        span = before.span.evolve(start=start, end=end, text=self.text[start:end])
        if span.text != before.span.text:
            span = span.evolve(value=None)  # a parsed number no longer matches the text
        status: Status = "accepted" if before.status == "suggested" else before.status
        after = before.evolve(span=span, status=status)
        self.apply(f"resize {describe(before)} to “{span.text}”", [Change(before, after)])
        return after

    def set_note(self, annotation_id: str, note: str) -> Annotation:
        """Attach, edit or (with ``""``) clear a span's free-text note."""
        before = self.require(annotation_id)
        verb = "clear note on" if not note else "edit note on" if before.note else "note on"
        return self._change(annotation_id, f"{verb} {describe(before)}", note=note)

    def link_speaker(self, quote_id: str, speaker_id: str | None) -> Annotation:
        """Say who said a quote: the speaker becomes the text of an entity span (``None`` unlinks).

        Raises:
            ValueError: when ``quote_id`` is not a quote or ``speaker_id`` is not an entity span.
        """
        quote = self.require(quote_id)
        if quote.kind != "quote":
            raise ValueError(f"{describe(quote)} is not a quote")
        if speaker_id is None:
            span = quote.span.evolve(speaker=None, speaker_name=None)
            description = f"unlink the speaker of {describe(quote)}"
        else:
            who = self.require(speaker_id)
            if who.kind != "entity":
                raise ValueError(f"{describe(who)} cannot be a speaker: choose a PERSON or ORG span")
            speaker = Speaker(who.start, who.end, who.span.text)
            span = quote.span.evolve(speaker=speaker, speaker_name=None)
            description = f"link {describe(quote)} to {describe(who)}"
        status: Status = "accepted" if quote.status == "suggested" else quote.status
        after = quote.evolve(span=span, status=status)
        self.apply(description, [Change(quote, after)])
        return after

    # adding ----------------------------------------------------------------------------------------
    def make_span(self, start: int, end: int, label: str, kind: SpanKind | None = None) -> Span:
        """A span over ``text[start:end]`` (kind from the label unless given)."""
        if not 0 <= start < end <= len(self.text):
            raise ValueError(f"span {start}..{end} is outside the text (0..{len(self.text)})")
        return Span(start, end, label, kind or kind_for_label(label), self.text[start:end])

    def find(self, start: int, end: int, label: str) -> Annotation | None:
        """The annotation with exactly these offsets and label, if any (any status)."""
        for annotation in self.overlapping(start, end):
            if (annotation.start, annotation.end, annotation.label) == (start, end, label):
                return annotation
        return None

    def add_span(
        self, start: int, end: int, label: str, *, kind: SpanKind | None = None, note: str = ""
    ) -> Annotation:
        """Add a person's span over ``text[start:end]`` as one step.

        If the same span (offsets and label) already exists, it is accepted instead of duplicated.
        """
        existing = self.find(start, end, label)
        if existing is not None:
            return existing if existing.status == "accepted" else self.accept(existing.id)
        span = self.make_span(start, end, label, kind)
        annotation = Annotation(self.new_id(), span, "human", "accepted", note).evolve()
        self.apply(f"add {describe(annotation)}", [Change(None, annotation)])
        return annotation

    def label_occurrences(self, annotation_id: str) -> list[Annotation]:
        """Label every other whole-word occurrence of a span's text with its label, as one step.

        Occurrences already covered by a kept or suggested span of the same kind are skipped (an entity
        inside a quote is still found), and so are those a person rejected with this same label.

        Returns:
            The annotations added (empty when there was nothing left to label).
        """
        model = self.require(annotation_id)
        length = len(model.span.text)
        added: list[Annotation] = []
        for start in whole_word_occurrences(self.text, model.span.text):
            end = start + length
            blocked = any(
                a.status != "rejected" or (a.start, a.end, a.label) == (start, end, model.label)
                for a in self.overlapping(start, end)
                if a.kind == model.kind
            )
            if not blocked:
                span = model.span.evolve(start=start, end=end, speaker=None, speaker_name=None, extra={})
                added.append(Annotation(self.new_id(), span, "human", "accepted").evolve())
        self.apply(
            f"label {len(added)} more “{model.span.text}” as {model.label}", [Change(None, a) for a in added]
        )
        return added
