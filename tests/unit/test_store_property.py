"""Round trip property: any sequence of edits, saved and loaded, gives identical annotations and history,
and undo after reopening restores exactly the earlier states."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tui.model import AnnotationSet, Article, Span
from tui.store import AnnotationStore

TEXT = (
    "Xi Jinping met Vladimir Putin in Moscow. “Old friend,” Putin said, citing 15,000 troops near Kursk.\n"
    "Kursk’s mayor – and Xi – agreed; Kursk stayed calm. Émile said “non”, 42% of 3 people in 東京 left 🙂."
)
LABELS = ["PERSON", "GPE", "ORG", "EVENT", "CARDINAL", "QUOTE", "CLAIM"]

offsets = st.integers(0, len(TEXT))
ops = st.one_of(
    st.tuples(st.just("accept"), st.integers(0, 40)),
    st.tuples(st.just("reject"), st.integers(0, 40)),
    st.tuples(st.just("relabel"), st.integers(0, 40), st.sampled_from(LABELS)),
    st.tuples(st.just("bounds"), st.integers(0, 40), offsets, offsets),
    st.tuples(st.just("note"), st.integers(0, 40), st.text(max_size=12)),
    st.tuples(st.just("delete"), st.integers(0, 40)),
    st.tuples(st.just("add"), offsets, offsets, st.sampled_from(LABELS)),
    st.tuples(st.just("occurrences"), st.integers(0, 40)),
    st.tuples(st.just("review"), st.sampled_from(["accepted", "rejected"]), st.sampled_from([None, *LABELS])),
    st.tuples(st.just("link"), st.integers(0, 40), st.integers(0, 40)),
    st.tuples(st.just("undo")),
    st.tuples(st.just("redo")),
)


def initial(seed_spans: list[tuple[int, int, str]]) -> AnnotationSet:
    spans = []
    for a, b, label in seed_spans:
        start, end = sorted((a, b))
        if start < end:
            kind = "quote" if label == "QUOTE" else "number" if label == "CARDINAL" else "entity"
            spans.append(Span(start, end, label, kind, TEXT[start:end]))  # type: ignore[arg-type]
    return AnnotationSet.from_suggestions(TEXT, spans)


def apply(anns: AnnotationSet, op: tuple[Any, ...]) -> None:
    """Apply one random operation; invalid ones (a non-quote linked, empty bounds) are refused."""
    ids = [a.id for a in anns.ordered]
    pick = (lambda n: ids[n % len(ids)]) if ids else None
    name = op[0]
    try:
        if name == "undo":
            anns.undo()
        elif name == "redo":
            anns.redo()
        elif name == "add":
            start, end = sorted((op[1], op[2]))
            anns.add_span(start, end, op[3])
        elif name == "review":
            anns.review_remaining(op[1], label=op[2])
        elif pick is None:
            return
        elif name == "accept":
            anns.accept(pick(op[1]))
        elif name == "reject":
            anns.reject(pick(op[1]))
        elif name == "relabel":
            anns.relabel(pick(op[1]), op[2])
        elif name == "bounds":
            start, end = sorted((op[2], op[3]))
            anns.set_bounds(pick(op[1]), start, end)
        elif name == "note":
            anns.set_note(pick(op[1]), op[2])
        elif name == "delete":
            anns.delete(pick(op[1]))
        elif name == "occurrences":
            anns.label_occurrences(pick(op[1]))
        elif name == "link":
            anns.link_speaker(pick(op[1]), pick(op[2]))
    except ValueError:
        pass


EXAMPLES = int(os.environ.get("GLOSS_PROPERTY_EXAMPLES", "80"))
"""Examples per run; raise it for a longer search (``GLOSS_PROPERTY_EXAMPLES=2000``)."""


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(st.tuples(offsets, offsets, st.sampled_from(LABELS)), max_size=8),
    st.lists(ops, max_size=25),
    st.booleans(),
)
def test_random_edits_survive_save_and_load(
    seed_spans: list[tuple[int, int, str]], edits: list[tuple[Any, ...]], text_is_file: bool
) -> None:
    anns = initial(seed_spans)
    start_state = list(anns.ordered)
    for op in edits:
        apply(anns, op)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "article.txt"
        path.write_text(TEXT, encoding="utf-8")
        article = Article(str(path), path, "Title “quoted”", TEXT, text_is_file=text_is_file)
        store = AnnotationStore.for_article_path(path)
        store.save(article, anns, model="m", extractor_version="1")
        loaded = AnnotationStore.for_article_path(path).load(article)
    assert loaded is not None and not loaded.text_changed and not loaded.history_dropped
    reopened = loaded.annotations
    assert reopened.ordered == anns.ordered
    assert reopened.undo_stack == anns.undo_stack and reopened.redo_stack == anns.redo_stack
    assert reopened.unreviewed() == anns.unreviewed()
    # Undo everything on both sides: every intermediate state matches, down to the start.
    while anns.undo_stack:
        anns.undo()
        reopened.undo()
        assert reopened.ordered == anns.ordered
    assert reopened.ordered == start_state
