"""Random files through the reader's open path (the real app, Pilot): nothing escapes, bad files say why.

Hypothesis writes random bytes as a ``.txt``, random lines as a ``.jsonl`` and random annotation files
(a real saved file with one field replaced by random JSON, or random bytes) beside a good article, then
opens the reader on them with the fixed extractor. The app must not crash, must not sit at "Opening…",
and every file it could not use must give a reason: an entry error, a message in the view, a toast, or
the corrupt-file dialog. Few examples (each starts a whole app); the store's and the sources' own fuzz
tests run many more without the UI.
"""

from __future__ import annotations

import asyncio
import json
import tempfile
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.app_support import FixedExtractor, fixed_spans, settle
from tui.app import GlossApp
from tui.dialogs import CorruptFileDialog
from tui.model import AnnotationSet, merge_suggestions
from tui.screens.reader import ReaderScreen
from tui.sources import scan
from tui.store import AnnotationStore

SIZE = (100, 30)
FUZZ = settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow])

JSON: st.SearchStrategy[Any] = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=12),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3),
    max_leaves=8,
)
"""Any JSON value (NaN and infinities included, as Python's ``json`` writes them)."""

RECORD_KEYS = st.sampled_from(["text", "meta", "title", "id", "date", "url"])


async def open_and_check(folder: Path) -> tuple[GlossApp, list[str], bool]:
    """Run the reader on ``folder`` until it settles; returns the app, the reasons it showed and whether
    the first article opened with its annotation file read (not corrupt)."""
    app = GlossApp.for_paths([folder], extractor_factory=FixedExtractor)
    async with app.run_test(size=SIZE) as pilot:  # an exception in the app is raised here
        await settle(app, pilot)
        screen = app.reader
        assert isinstance(screen, ReaderScreen)
        view = screen.view
        assert not view.message.startswith("Opening"), view.message
        reasons = [*app.problems, *app.skipped, *(e.error for e in screen.entries if e.error)]
        if view.message:
            reasons.append(view.message)
        if isinstance(app.screen, CorruptFileDialog):
            reasons.append(app.screen.error.reason)
        session = screen.session
        clean = screen.article is not None and session is not None and session.corrupt is None
        for _ in range(min(3, len(screen.entries))):  # move through the list: every entry opens or says why
            await pilot.press("J")
            await settle(app, pilot)
            assert not view.message.startswith("Opening"), view.message
            assert screen.article is not None or view.message or isinstance(app.screen, CorruptFileDialog)
    assert app.return_code in (None, 0)
    return app, reasons, clean


def run(folder: Path) -> tuple[GlossApp, list[str], bool]:
    return asyncio.run(open_and_check(folder))


@FUZZ
@given(st.binary(max_size=300))
def test_random_bytes_as_an_article(data: bytes) -> None:
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        (folder / "random.txt").write_bytes(data)
        app, reasons, _ = run(folder)
        entry = app.entries[0]
        readable = entry.error is None and app.reader is not None
        assert readable or reasons


@FUZZ
@given(
    st.lists(
        st.one_of(
            st.text(max_size=30),
            st.builds(json.dumps, st.dictionaries(RECORD_KEYS, JSON, max_size=4)),
        ),
        max_size=4,
    )
)
def test_random_jsonl_lines(lines: list[str]) -> None:
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        (folder / "a-good.txt").write_text("Vladimir Putin spoke.\n", encoding="utf-8")
        (folder / "b-random.jsonl").write_text("\n".join(lines), encoding="utf-8", errors="surrogatepass")
        app, reasons, _ = run(folder)
        listed = [e for e in app.entries if e.path.name == "b-random.jsonl"]
        non_blank = [line for line in lines if line.strip()]
        assert len(listed) == len(non_blank) or reasons  # a line that is no article says why


def saved_document(folder: Path) -> tuple[Path, dict[str, Any]]:
    """A good article with a real saved annotation file; returns the file and its JSON."""
    path = folder / "article.txt"
    path.write_text("Vladimir Putin met Xi Jinping in Beijing.\n", encoding="utf-8")
    article = scan([path]).entries[0].load()
    annotations = AnnotationSet(article.text)
    merge_suggestions(annotations, fixed_spans(article.text), drop_stale=True)
    annotations.accept(next(iter(annotations)).id)
    store = AnnotationStore.for_article_path(path)
    file = store.save(article, annotations, model="fixed-test-spans", extractor_version="0")
    return file, json.loads(file.read_text(encoding="utf-8"))


FIELDS = st.sampled_from(
    ["format", "version", "article", "spans", "unplaced", "undo", "redo", "text", "model"]
)


@FUZZ
@given(st.one_of(st.binary(max_size=200).map(lambda b: ("bytes", b)), st.tuples(FIELDS, JSON)))
def test_random_annotation_files(change: tuple[str, Any]) -> None:
    with tempfile.TemporaryDirectory() as name:
        folder = Path(name)
        file, document = saved_document(folder)
        field, value = change
        if field == "bytes":
            file.write_bytes(value)
        else:
            document[field] = value
            file.write_text(json.dumps(document), encoding="utf-8")
        app, reasons, clean = run(folder)
        assert app.reader is not None and app.reader.article is not None  # the article opens regardless
        assert clean or any(reasons)  # an unreadable file says why (the corrupt-file dialog)
