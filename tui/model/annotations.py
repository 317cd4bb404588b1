"""Annotations: spans plus a person's decisions about them, with undo and redo.

An :class:`AnnotationSet` holds one article's annotations. Every change goes through
:meth:`AnnotationSet.apply` as a list of :class:`Change` objects (before/after pairs), which makes undo
and redo exact, lets the history be saved with the annotations (undo works after reopening), and gives
the reader a :attr:`AnnotationSet.version` counter to key its render caches on. The operations a person
performs (accept, relabel, add a span…) are methods of the set itself, each building ``Change`` objects
for :meth:`AnnotationSet.apply`, so undo, redo and the saved history need no special cases.

No Textual, no spaCy: this is plain data, saved by :mod:`tui.store`.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import replace
from typing import Any

from tui.model.intervals import IntervalIndex
from tui.model.navigation import MERGED_BY_NAME_PARTS, EntityGroup, display_name, entity_keys
from tui.model.records import (
    SOURCES,
    STATUSES,
    Annotation,
    Change,
    Edit,
    Source,
    Status,
    now_iso,
)
from tui.model.selection import whole_word_occurrences
from tui.model.span import Span, SpanKind, Speaker, kind_for_label, sort_key

SPEAKER_LABELS: tuple[str, ...] = ("PERSON", "ORG")
"""Labels a quote's speaker is normally chosen from (any entity-kind span is allowed)."""


def quoted(annotation: Annotation) -> str:
    """``“Xi Jinping”``: an annotation's text in quotation marks, shortened (a quote's own marks are
    not doubled: ``“old friend.”``)."""
    text = annotation.span.text
    if annotation.kind == "quote":  # a quote brings its own marks; the description adds its own
        text = text.strip("“”\"'‘’«»„ ") or text
    return f"“{text if len(text) <= 40 else text[:39] + '…'}”"


def describe(annotation: Annotation) -> str:
    """``PERSON “Xi Jinping”``: how the status line names an annotation."""
    return f"{annotation.label} {quoted(annotation)}"


__all__ = [
    "SOURCES",
    "SPEAKER_LABELS",
    "STATUSES",
    "Annotation",
    "AnnotationSet",
    "Change",
    "Edit",
    "Source",
    "Status",
    "describe",
    "now_iso",
    "quoted",
]


def value_text(value: float) -> str:
    """A number's parsed value as the status line and the entity panel show it (``15000``, ``0.5``)."""
    return f"{int(value)}" if value.is_integer() else f"{value:g}"


def is_mention(annotation: Annotation) -> bool:
    """Whether a span counts as a mention of what it names: every span but a rejected one (a person said
    the text is not that). The one definition the entity panel's counts and ``*``/``#`` share."""
    return annotation.status != "rejected"


def mention_groups(groups: Sequence[EntityGroup], shown: Sequence[Annotation]) -> list[EntityGroup]:
    """The entity panel's rows: each group's mentions (:func:`is_mention`) split by the label they carry.

    A row's label is then the label of each of its mentions, so a label's total in the panel is the
    count of its spans that navigation gives ("PERSON 3 of 12"); a name labelled twice ("Kursk" as LOC
    and as GPE) is one row under each label, which is where an annotator wants to see it.

    Args:
        groups: from :meth:`~tui.model.navigation.SpanIndex.groups` over ``shown``.
        shown: the annotations the index was built from, in its order.
    """
    rows: list[EntityGroup] = []
    for group in groups:
        by_label: dict[str, list[int]] = {}
        for index in group.indices:
            annotation = shown[index]
            if is_mention(annotation):
                by_label.setdefault(annotation.label, []).append(index)
        for label, indices in by_label.items():
            rows.append(EntityGroup(group.key, label, group.kind, group.name, tuple(indices)))
    rows.sort(key=lambda g: (-len(g.indices), g.indices[0]))
    return rows


class AnnotationSet:
    """All annotations of one article, kept in reading order, with an undo/redo history."""

    def __init__(
        self,
        text: str,
        annotations: Iterable[Annotation] = (),
        undo_stack: Sequence[Edit] = (),
        redo_stack: Sequence[Edit] = (),
        unplaced: Iterable[Annotation] = (),
        unplaced_context: dict[str, tuple[str, str]] | None = None,
    ) -> None:
        self.text = text
        """The article text the offsets index into."""
        self._by_id: dict[str, Annotation] = {a.id: a for a in annotations}
        self._ordered: list[Annotation] | None = None
        self._index: IntervalIndex[Annotation] = IntervalIndex([])
        self.undo_stack: list[Edit] = list(undo_stack)
        self.redo_stack: list[Edit] = list(redo_stack)
        self.unplaced: list[Annotation] = list(unplaced)
        """Spans that could not be found again after the article's text changed. They are not shown in
        the text (their offsets mean nothing now) but are saved with the file until a person discards
        them with :meth:`discard_unplaced`, so nothing is ever dropped silently."""
        self.unplaced_context: dict[str, tuple[str, str]] = dict(unplaced_context or {})
        """Unplaced span id → the words before and after it in the text it was lost from (saved with
        the file; what the unplaced list shows so a person can tell where it was)."""
        self._placed_from: dict[str, Annotation] = {}
        """Placed span id → the unplaced span it was, so undoing a placing puts it back in the list."""
        self.version = 0
        """Bumped on every change; caches of rendered text key on it."""
        self.origin: object = object()
        """Identity shared by a set and its snapshots: lets the store ignore an older snapshot of the
        same set that arrives after a newer one was saved."""
        self._ids = itertools.count(self._next_free_id())

    @classmethod
    def from_suggestions(cls, text: str, spans: Iterable[Span]) -> AnnotationSet:
        """A fresh set where every extracted span is a model suggestion."""
        stamp = now_iso()
        anns = [Annotation.suggestion(n, s, stamp) for n, s in enumerate(sorted(spans, key=sort_key))]
        return cls(text, anns)

    def snapshot(self) -> AnnotationSet:
        """A cheap copy to hand to a saving thread (annotations are immutable; containers are copied).

        Take it on the thread that edits (the UI thread), then save it from a worker. It costs a dict
        and list copy (about 10 ms for a 45,000-span book, well under 1 ms for an article).
        """
        copy = AnnotationSet.__new__(AnnotationSet)
        copy.text = self.text
        copy._by_id = dict(self._by_id)
        copy._ordered = self._ordered  # never mutated in place, only replaced
        copy._index = self._index
        copy.undo_stack = list(self.undo_stack)
        copy.redo_stack = list(self.redo_stack)
        copy.unplaced = list(self.unplaced)
        copy.unplaced_context = dict(self.unplaced_context)
        copy._placed_from = dict(self._placed_from)
        copy.version = self.version
        copy.origin = self.origin
        next_id = next(self._ids)
        self._ids = itertools.count(next_id)
        copy._ids = itertools.count(next_id)
        return copy

    def _next_free_id(self) -> int:
        """One past the highest number in any id ever used, history included, so that redoing an
        undone "add" after a reload can never collide with a span added since."""
        in_history = (
            a.id
            for edit in itertools.chain(self.undo_stack, self.redo_stack)
            for change in edit.changes
            for a in (change.before, change.after)
            if a is not None
        )
        known = itertools.chain(self._by_id, (a.id for a in self.unplaced), in_history)
        numbers = [int(i[1:]) for i in known if i[1:].isdigit()]
        return max(numbers, default=-1) + 1

    def new_id(self, prefix: str = "h") -> str:
        """A fresh id (``h`` for human-made spans, ``m`` for model suggestions)."""
        while True:
            candidate = f"{prefix}{next(self._ids)}"
            if candidate not in self._by_id:
                return candidate

    # reading ---------------------------------------------------------------------------------------
    def __len__(self) -> int:
        return len(self._by_id)

    def __iter__(self) -> Iterator[Annotation]:
        return iter(self.ordered)

    def __contains__(self, annotation_id: object) -> bool:
        return annotation_id in self._by_id

    def get(self, annotation_id: str) -> Annotation | None:
        """The annotation with this id, if it exists."""
        return self._by_id.get(annotation_id)

    @property
    def ordered(self) -> list[Annotation]:
        """All annotations in reading order (cached until the next change)."""
        if self._ordered is None:
            self._ordered = sorted(self._by_id.values(), key=lambda a: (*sort_key(a.span), a.id))
            self._index = IntervalIndex(self._ordered)
        return self._ordered

    def spans(self, *, include_rejected: bool = True) -> list[Span]:
        """The spans in reading order."""
        return [a.span for a in self.ordered if include_rejected or a.status != "rejected"]

    def unreviewed(self) -> int:
        """How many suggestions still wait for a decision."""
        return sum(1 for a in self._by_id.values() if a.status == "suggested")

    def overlapping(self, start: int, end: int) -> list[Annotation]:
        """Annotations sharing at least one character with ``[start, end)``, in reading order (an empty
        range overlaps nothing; see :class:`~tui.model.intervals.IntervalIndex`)."""
        _ = self.ordered  # builds the index when a change dropped it
        return self._index.overlapping(start, end)

    # changing --------------------------------------------------------------------------------------
    def apply(self, description: str, changes: Iterable[Change], *, record: bool = True) -> Edit | None:
        """Apply changes as one undoable step; returns the edit, or ``None`` if nothing changed.

        Args:
            record: ``False`` applies the changes without adding them to the history (used when fresh
                extractor suggestions are merged in: that is not something a person would undo).
        """
        edit = Edit(description, tuple(c for c in changes if c.before != c.after))
        if not edit.changes:
            return None
        self._apply_changes(edit.changes)
        if record:
            self.undo_stack.append(edit)
            self.redo_stack.clear()
        return edit

    def undo(self) -> Edit | None:
        """Undo the last edit; returns it (``None`` when there is nothing to undo)."""
        if not self.undo_stack:
            return None
        edit = self.undo_stack.pop()
        self._apply_changes(edit.inverted().changes)
        self._unplace_again(edit, undo=True)
        self._discards_again(edit, undo=True)
        self.redo_stack.append(edit)
        return edit

    def redo(self) -> Edit | None:
        """Redo the last undone edit; returns it (``None`` when there is nothing to redo)."""
        if not self.redo_stack:
            return None
        edit = self.redo_stack.pop()
        self._apply_changes(edit.changes)
        self._unplace_again(edit, undo=False)
        self._discards_again(edit, undo=False)
        self.undo_stack.append(edit)
        return edit

    def _unplace_again(self, edit: Edit, *, undo: bool) -> None:
        """Undoing a placing returns the span to :attr:`unplaced` (redoing it takes it out again)."""
        for change in edit.changes:
            placed = change.after
            if placed is None or change.before is not None:
                continue
            original = self._placed_from.get(placed.id)
            if original is None:
                continue
            if undo:
                self.unplaced.append(original)
            else:
                self.unplaced = [a for a in self.unplaced if a.id != original.id]

    def _apply_changes(self, changes: Iterable[Change]) -> None:
        for change in changes:
            if change.before is not None:
                self._by_id.pop(change.before.id, None)
            if change.after is not None:
                self._by_id[change.after.id] = change.after
        self._ordered = None
        self.version += 1

    def discard_unplaced(self, ids: Iterable[str] | None = None) -> int:
        """Forget unplaced spans (all, or those with ``ids``) after a person has seen them, as one
        undoable step (undo returns them to :attr:`unplaced`); returns how many were discarded.

        The step's changes take the spans from "was" to nothing, like a deletion; what tells undo to put
        them back in the list rather than in the text is that their words are not at their offsets
        (:meth:`_in_place`), which holds after a reopen too, since no placed span is ever out of place.
        """
        wanted = None if ids is None else set(ids)
        gone = [a for a in self.unplaced if wanted is None or a.id in wanted]
        if not gone:
            return 0
        self.unplaced = [a for a in self.unplaced if a not in gone]
        what = f"{gone[0].label} “{gone[0].span.text}”" if len(gone) == 1 else f"{len(gone)} unplaced spans"
        self.undo_stack.append(Edit(f"discard {what}", tuple(Change(a, None) for a in gone)))
        self.redo_stack.clear()
        self.version += 1
        return len(gone)

    def _in_place(self, annotation: Annotation) -> bool:
        """Whether an annotation's words are at its offsets in :attr:`text` (an unplaced one's are not)."""
        return self.text[annotation.start : annotation.end] == annotation.span.text

    def _discards_again(self, edit: Edit, *, undo: bool) -> None:
        """Undoing a discard returns the spans to :attr:`unplaced`; redoing it takes them out again."""
        for change in edit.changes:
            gone = change.before
            if gone is None or change.after is not None or self._in_place(gone):
                continue  # not a discard: a deleted span is always where its words are
            if undo:
                self._by_id.pop(gone.id, None)  # the inverted change put it in the text: it is not there
                if all(a.id != gone.id for a in self.unplaced):
                    self.unplaced.append(gone)
            else:
                self.unplaced = [a for a in self.unplaced if a.id != gone.id]
        self._ordered = None

    def place_unplaced(self, annotation_id: str, start: int, end: int) -> Annotation:
        """Put an unplaced span back into the text at ``start..end`` (its text follows the article).

        The placing is an undoable step; undoing it takes the span out of the text and back into
        :attr:`unplaced` (redo places it again).

        Raises:
            KeyError: no unplaced span has this id. ValueError: the offsets are outside the text.
        """
        annotation = next((a for a in self.unplaced if a.id == annotation_id), None)
        if annotation is None:
            raise KeyError(f"no unplaced span with id {annotation_id!r}")
        if not 0 <= start < end <= len(self.text):
            raise ValueError(f"span {start}..{end} is outside the text (0..{len(self.text)})")
        span = annotation.span.evolve(start=start, end=end, text=self.text[start:end], speaker=None)
        placed = annotation.evolve(span=span)
        if placed.id in self._by_id:  # an id taken since (cannot happen with new_id, but be safe)
            placed = replace(placed, id=self.new_id(placed.id[:1] or "h"))
        self.unplaced = [a for a in self.unplaced if a.id != annotation_id]
        self._placed_from[placed.id] = annotation
        self.apply(f"place {annotation.label} “{annotation.span.text}”", [Change(None, placed)])
        return placed

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

    def set_bounds(
        self,
        annotation_id: str,
        start: int,
        end: int,
        *,
        parse_value: Callable[[str], float | None] | None = None,
    ) -> Annotation:
        """Move a span's boundaries; its text follows the article text and a suggestion becomes accepted.

        Args:
            parse_value: Reads a number's value from its new text (the extractor's parser, handed in so
                the model needs no extractor); without it a number whose text changed loses its value.

        Raises:
            ValueError: when the offsets are outside the text or empty.
        """
        if not 0 <= start < end <= len(self.text):
            raise ValueError(f"boundaries {start}..{end} are outside the text (0..{len(self.text)})")
        before = self.require(annotation_id)
        span = before.span.evolve(start=start, end=end, text=self.text[start:end])
        if span.text != before.span.text:  # the old value no longer matches the text: read it again
            value = parse_value(span.text) if parse_value is not None and span.kind == "number" else None
            span = span.evolve(value=value)
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
            span = quote.span.evolve(speaker=speaker, speaker_name=self._fullest_name(who))
            description = f"link {describe(quote)} to {describe(who)}"
        status: Status = "accepted" if quote.status == "suggested" else quote.status
        after = quote.evolve(span=span, status=status)
        self.apply(description, [Change(quote, after)])
        return after

    def _fullest_name(self, who: Annotation) -> str | None:
        """The fullest way the text names a speaker ("Xi" → "Xi Jinping"); ``None`` when ``who`` is
        already the fullest.

        A person is who the reader's "same entity" rules say (:func:`entity_keys`, as ``*`` and the
        panel have it): in an article naming both Kim Jong Un and Youngjun Kim, a bare "Kim" is the
        one mentioned most, not whichever full name is longer. Other labels: the longest span of the
        same label, still in play, with every word of ``who``.
        """
        in_play = [
            a
            for a in self._by_id.values()
            if a.kind == "entity" and a.label == who.label and a.status != "rejected" and a.id != who.id
        ]
        if who.label in MERGED_BY_NAME_PARTS:
            spans = [who.span, *(a.span for a in in_play)]
            keys = entity_keys(spans)
            fullest = display_name([s for s, key in zip(spans, keys, strict=True) if key == keys[0]])
        else:
            words = set(who.span.text.split())
            names = [a.span.text for a in in_play if words <= set(a.span.text.split())]
            fullest = " ".join(max(names, key=len, default=who.span.text).split())
        return fullest if len(fullest) > len(" ".join(who.span.text.split())) else None

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

        An occurrence the model suggested a span of the same kind for, over exactly those words, takes
        the label and is accepted: the person's decision answers the model's open question there (relabel
        "Kursk" PRODUCT → GPE, then ``=``: every other "Kursk" is GPE, where each was a PRODUCT
        suggestion before and ``=`` once said there was no other). Occurrences a person has decided on
        (accepted, added, or rejected with this same label) are left as they are, and so are those a
        different suggestion only overlaps ("Kursk's governor"). An entity inside a quote is still found.

        Returns:
            The annotations added or relabelled (empty when there was nothing left to label).
        """
        model = self.require(annotation_id)
        length = len(model.span.text)
        changes: list[Change] = []
        for start in whole_word_occurrences(self.text, model.span.text):
            end = start + length
            same_kind = [a for a in self.overlapping(start, end) if a.kind == model.kind]
            open_question = next(
                (
                    a
                    for a in same_kind
                    if (a.start, a.end) == (start, end) and a.status == "suggested" and a.id != model.id
                ),
                None,
            )
            if open_question is not None:
                span = open_question.span.evolve(label=model.label)
                changes.append(Change(open_question, open_question.evolve(span=span, status="accepted")))
                continue
            blocked = any(
                a.status != "rejected" or (a.start, a.end, a.label) == (start, end, model.label)
                for a in same_kind
            )
            if not blocked:
                span = model.span.evolve(start=start, end=end, speaker=None, speaker_name=None, extra={})
                changes.append(Change(None, Annotation(self.new_id(), span, "human", "accepted").evolve()))
        self.apply(f"label {len(changes)} more “{model.span.text}” as {model.label}", changes)
        return [change.after for change in changes if change.after is not None]

    def add(self, span: Span, *, status: Status = "accepted", note: str = "") -> Annotation:
        """Add a span exactly as given (with its value, cue or speaker) as a person's, as one step."""
        annotation = Annotation(self.new_id(), span, "human", status, note, now_iso())
        self.apply(f"add {describe(annotation)}", [Change(None, annotation)])
        return annotation

    # removing --------------------------------------------------------------------------------------
    def delete(self, annotation_id: str) -> None:
        """Delete a span as one step (undo brings it back)."""
        annotation = self.require(annotation_id)
        self.apply(f"delete {describe(annotation)}", [Change(annotation, None)])
