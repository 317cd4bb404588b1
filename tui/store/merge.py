"""Saving when another writer got there first: a three-way merge of two edit sets, and its report.

Two readers on one article, or a reader and ``gloss import``, each save the whole file. The store
remembers, per file, the annotations its own writer started from (the *base*: what it last loaded or
saved). When the file on disk is no longer the one it last saw, the store merges annotation by
annotation (by id) before it saves:

- changed on one side only: that side's version (an edit, an addition or a deletion);
- changed the same way on both sides: kept once;
- added on both sides under the same id (both readers number new spans ``h1``, ``h2``…) at different
  places: both kept, the other writer's under a fresh ``o<N>`` id;
- changed differently on both sides, or added at the same place with different labels: a *real
  conflict*. This writer's version is saved, and the other writer's whole file is kept beside it as a
  conflict copy (``NAME.conflict-TIMESTAMP.json``), so nothing is lost and the UI can point to it.

``updated`` stamps are ignored when comparing (two people accepting the same suggestion agree). The
saved history is this writer's: its undo steps are about its own edits.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from tui.model import Annotation
from tui.wording import counted

Table = dict[str, Annotation]
"""Annotations by id."""


@dataclass(slots=True)
class Base:
    """What one writer's annotations were when it last loaded or saved a file."""

    annotations: Table = field(default_factory=dict)
    unplaced: Table = field(default_factory=dict)


@dataclass(slots=True)
class MergeOutcome:
    """The merged annotations of a file and what the merge did."""

    annotations: list[Annotation]
    unplaced: list[Annotation]
    taken: list[str] = field(default_factory=list)
    """Ids (as saved) of the other writer's changes merged in: edits, additions, deletions."""
    conflicts: list[str] = field(default_factory=list)
    """Ids both writers changed differently (this writer's version was kept)."""


@dataclass(slots=True)
class SaveResult:
    """What :meth:`~tui.store.AnnotationStore.save_reporting` did, for the reader to tell the person.

    A plain save has nothing to report (:attr:`notable` is false). Otherwise :attr:`message` is one line
    for a toast or the status line, and :attr:`conflict_copy` the file to point to.
    """

    file: Path
    merged: int = 0
    """Changes of another writer merged into the saved file."""
    conflicts: int = 0
    """Spans both writers changed differently; this writer's version was saved."""
    conflict_copy: Path | None = None
    """Where the other writer's file was kept, when there was a real conflict."""
    other_text: bool = False
    """The other writer saved against a different article text, so nothing could be merged."""
    skipped: bool = False
    """Nothing was written: a newer snapshot of the same annotations was saved already."""

    @property
    def notable(self) -> bool:
        """Whether another writer was involved (something the person should hear about)."""
        return bool(self.merged or self.conflict_copy)

    @property
    def message(self) -> str:
        """One line for the person (``""`` for a plain save)."""
        if self.other_text and self.conflict_copy is not None:
            return (
                f"{self.file.name}: another writer saved annotations of a different version of this text; "
                f"yours are saved, theirs are kept in {self.conflict_copy}"
            )
        parts = []
        if self.merged:
            parts.append(f"merged {counted(self.merged, 'edit')} from another writer")
        if self.conflict_copy is not None:
            parts.append(
                f"{counted(self.conflicts, 'span was', 'spans were')} changed by both; "
                f"yours are saved, theirs are kept in the conflict copy {self.conflict_copy}"
            )
        return f"{self.file.name}: " + "; ".join(parts) if parts else ""


def table(annotations: Iterable[Annotation]) -> Table:
    """Annotations by id."""
    return {a.id: a for a in annotations}


def same(one: Annotation | None, other: Annotation | None) -> bool:
    """Equal apart from the ``updated`` stamp (``None`` is the same only as ``None``)."""
    if one is None or other is None:
        return one is other
    return dataclasses.replace(one, updated="") == dataclasses.replace(other, updated="")


def _number(annotation_id: str) -> int:
    digits = annotation_id[1:]
    return int(digits) if digits.isdigit() and len(digits) < 18 else -1


def three_way(base: Base, theirs: Base, mine: Base) -> MergeOutcome:
    """Merge the other writer's annotations (``theirs``) into this writer's (``mine``), both descended
    from ``base`` (see the module docstring for the rules)."""
    everything = (*base.annotations, *theirs.annotations, *mine.annotations)
    next_number = max((_number(i) for i in everything), default=-1) + 1
    outcome = MergeOutcome([], [])
    kept: Table = {}
    added_by_them: list[Annotation] = []
    for key in dict.fromkeys([*mine.annotations, *theirs.annotations, *base.annotations]):
        old, their, my = base.annotations.get(key), theirs.annotations.get(key), mine.annotations.get(key)
        if old is None and their is not None and my is not None and _same_place(their, my):
            old = _untouched(their) or _untouched(my)  # the model's suggestion both writers started from
        if same(their, my) or same(their, old):
            chosen = my
        elif same(my, old):
            chosen = their
            outcome.taken.append(key)
            if old is None and their is not None:
                added_by_them.append(their)
        elif old is None and their is not None and my is not None and not _same_place(their, my):
            chosen = my  # both added a span under the same new id: keep both
            renamed = dataclasses.replace(their, id=f"o{next_number}")
            next_number += 1
            kept[renamed.id] = renamed
            added_by_them.append(renamed)
            outcome.taken.append(renamed.id)
        else:
            chosen = my
            outcome.conflicts.append(key)
        if chosen is not None:
            kept[chosen.id] = chosen
    _settle_same_place_additions(kept, added_by_them, mine.annotations, base.annotations, outcome)
    outcome.annotations = list(kept.values())
    outcome.unplaced = _merge_plain(base.unplaced, theirs.unplaced, mine.unplaced, outcome)
    return outcome


def _untouched(annotation: Annotation) -> Annotation | None:
    """``annotation`` if it is still the model's suggestion as extracted: nobody decided anything on it.

    Two readers that open an article never saved before each start from the same suggestions (the same
    ids, ``m0``, ``m1``…), but the file they will both write has no base for them. Such a suggestion on
    one side is where the other side's version of the span came from: without this, the first reader's
    "accept" of one span and the second's of another were both called a conflict, and the first one's
    decision was left in the conflict copy only.
    """
    return annotation if not annotation.is_reviewed and not annotation.note else None


def _same_place(one: Annotation, other: Annotation) -> bool:
    return (one.start, one.end) == (other.start, other.end)


def _settle_same_place_additions(
    kept: Table,
    added_by_them: list[Annotation],
    mine: Mapping[str, Annotation],
    base: Mapping[str, Annotation],
    outcome: MergeOutcome,
) -> None:
    """Two writers who each added a span over the same text: the same label is one span (theirs is
    dropped as a duplicate); different labels are a real conflict (mine is kept)."""
    if not added_by_them:
        return
    places: dict[tuple[int, int], list[Annotation]] = {}
    for annotation in mine.values():
        if annotation.id in base:
            continue  # not added by this writer: a span they add beside it is simply theirs
        places.setdefault((annotation.start, annotation.end), []).append(annotation)
    for their in added_by_them:
        rivals = [a for a in places.get((their.start, their.end), []) if a.id != their.id and a.id in kept]
        if not rivals:
            continue
        del kept[their.id]
        outcome.taken.remove(their.id)
        if not any(r.label == their.label for r in rivals):
            outcome.conflicts.append(their.id)


def _merge_plain(base: Table, theirs: Table, mine: Table, outcome: MergeOutcome) -> list[Annotation]:
    """Three-way merge of the unplaced spans (no renaming: they are only kept or discarded)."""
    merged: list[Annotation] = []
    for key in dict.fromkeys([*mine, *theirs, *base]):
        old, their, my = base.get(key), theirs.get(key), mine.get(key)
        if same(their, my) or same(their, old):
            chosen = my
        elif same(my, old):
            chosen = their
            outcome.taken.append(key)
        else:
            chosen = my
            outcome.conflicts.append(key)
        if chosen is not None:
            merged.append(chosen)
    return merged
