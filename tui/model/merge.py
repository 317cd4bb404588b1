"""Merging fresh extractor output into annotations a person has already worked on.

When an article is reopened, its saved annotations are loaded and the extractor may run again (a new
model, a new extractor version, or simply because suggestions are not cached). The rules, in order:

1. A fresh span with the same start, end and label as any existing annotation is that annotation: it
   is never duplicated, and a rejected one is never resurrected. (An unreviewed model suggestion takes
   the fresh span's extra fields, e.g. a better speaker for a quote.)
2. A fresh span on exactly the range of an annotation a person kept (accepted, or added by hand and not
   rejected) is skipped whatever its label: a person's relabel wins over the model's label.
3. A fresh span overlapping a kept annotation of the same label is skipped: the person moved its
   boundaries, and the model's old boundaries would come back as a near-duplicate.
4. Anything else is added as a new ``model``/``suggested`` annotation. A person's *rejection* of one
   label on a range does not block a different label on it (a better model may be right).
5. Stale suggestions: unreviewed model suggestions without a note that the fresh output no longer
   contains are dropped, because they were only ever the old extractor's opinion and nobody looked at
   them. Reviewed, human-made or noted spans are never dropped. Pass ``drop_stale=False`` when merging
   partial output (the extractor's first chunks of a long article).

The merge is applied without entering the undo history: fetching suggestions is not a person's edit.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from tui.model.annotations import AnnotationSet
from tui.model.records import Annotation, Change, now_iso
from tui.model.span import Span


@dataclass(frozen=True, slots=True)
class MergeResult:
    """What a merge did, for the status line (``"12 new suggestions, 3 stale ones dropped"``)."""

    added: int
    """Fresh suggestions that were new."""
    refreshed: int
    """Unreviewed suggestions whose span details were updated from the fresh output."""
    skipped: int
    """Fresh spans already decided by a person (duplicates, rejected, relabelled or resized)."""
    dropped: int
    """Unreviewed model suggestions the fresh output no longer makes."""


def _untouched(annotation: Annotation) -> bool:
    """A model suggestion nobody has reviewed, noted or linked."""
    return annotation.source == "model" and annotation.status == "suggested" and not annotation.note


def merge_suggestions(
    annotations: AnnotationSet, fresh_spans: Iterable[Span], *, drop_stale: bool = True
) -> MergeResult:
    """Merge an extractor's spans into ``annotations`` in place (see the module docstring for rules)."""
    fresh = list(fresh_spans)
    stamp = now_iso()
    by_key = {(a.start, a.end, a.label): a for a in annotations.ordered}
    kept_ranges = {(a.start, a.end) for a in annotations.ordered if a.is_kept}
    fresh_keys: set[tuple[int, int, str]] = set()
    changes: list[Change] = []
    added = refreshed = skipped = 0
    for span in fresh:
        key = (span.start, span.end, span.label)
        if key in fresh_keys:
            continue
        fresh_keys.add(key)
        existing = by_key.get(key)
        if existing is not None:
            if _untouched(existing) and existing.span != span:
                changes.append(Change(existing, existing.evolve(span=span, updated=existing.updated)))
                refreshed += 1
            elif not _untouched(existing):
                skipped += 1
            continue
        if (span.start, span.end) in kept_ranges or any(
            a.is_kept and a.label == span.label for a in annotations.overlapping(span.start, span.end)
        ):
            skipped += 1
            continue
        new = Annotation(annotations.new_id("m"), span, "model", "suggested", "", stamp)
        changes.append(Change(None, new))
        added += 1
    dropped = 0
    if drop_stale:
        for annotation in annotations.ordered:
            key = (annotation.start, annotation.end, annotation.label)
            if _untouched(annotation) and key not in fresh_keys:
                changes.append(Change(annotation, None))
                dropped += 1
    annotations.apply("merge fresh suggestions", changes, record=False)
    return MergeResult(added=added, refreshed=refreshed, skipped=skipped, dropped=dropped)
