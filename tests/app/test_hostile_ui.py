"""Hostile text in the real reader (Pilot): markup and terminal controls from files are shown literally.

Titles, paths, article text and labels are data. Each test puts an attacker's string where a person's
file would put it (a path on the command line, an article's first line, a span's text, a feed title)
and checks what reaches the screen: the characters themselves, never a Rich/Textual tag, a link that
runs an action, or an escape sequence.
"""

from __future__ import annotations

import argparse
import json
import re
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from pathlib import Path

import pytest
from textual.widgets._toast import Toast

from tests.app_support import FixedExtractor, settle
from tests.conftest import Reader
from tui.app import GlossApp, run_reader
from tui.dialogs import CorruptFileDialog
from tui.dialogs.unsaved_quit import UnsavedQuitDialog
from tui.model import Span
from tui.screens.reader import ReaderScreen
from tui.sources import discover
from tui.store import AnnotationStore

SIZE = (120, 36)

TERMINAL_CONTROLS = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
"""What must never reach the terminal from user text (a strip's segments are text, never controls)."""

HOSTILE = "\x1b]0;pwned\x07 \x1b]52;c;SGVsbG8=\x07 \x1b[31mred\x1b[0m \x85 \u202eevil\u202c\ttab"
"""A title that would set the window title, write the clipboard, recolour, reorder and spill a row."""


@asynccontextmanager
async def hostile_reader(
    paths: list[Path], extractor: type[FixedExtractor] = FixedExtractor
) -> AsyncIterator[Reader]:
    """The real reader on ``paths`` with toasts on (``run_test`` hides them by default), settled."""
    app = GlossApp.for_paths(paths, extractor_factory=extractor)
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await settle(app, pilot)
        assert isinstance(app.reader, ReaderScreen)
        yield Reader(app, pilot, app.reader)


def screen_text(app: GlossApp) -> list[str]:
    """Every line of the screen as the terminal would be sent it (every layer: toasts, dialogs)."""
    strips = app.screen._compositor.render_strips(app.size)
    return ["".join(segment.text for segment in strip) for strip in strips]


def notices(app: GlossApp) -> list[str]:
    """Title and message of every notification raised so far (drawn or still queued)."""
    return [f"{n.title}: {n.message}" for n in app._notifications]


def toasts(app: GlossApp) -> list[str]:
    """The text of every toast on screen, as drawn."""
    return [str(toast.render()) for toast in app.screen.query(Toast)]


class MarkupSpanExtractor(FixedExtractor):
    """The fixed spans plus one ORG over the text ``[/unbalanced]``, wherever it occurs."""

    NEEDLE = "[/unbalanced]"

    def extract_progressively(self, text: str) -> Iterator[list[Span]]:
        """The fixed spans, then the markup-like span."""
        yield from super().extract_progressively(text)
        at = text.find(self.NEEDLE)
        if at >= 0:
            yield [Span(at, at + len(self.NEEDLE), "ORG", "entity", self.NEEDLE)]

    def extract(self, text: str) -> list[Span]:
        """Every span at once."""
        return [span for chunk in self.extract_progressively(text) for span in chunk]


async def test_a_path_with_markup_is_reported_literally(tmp_path: Path) -> None:
    (tmp_path / "ok.txt").write_text("Vladimir Putin spoke.\n", encoding="utf-8")
    missing = tmp_path / "no[/bad]such"
    async with hostile_reader([tmp_path / "ok.txt", missing]) as reader:
        shown = "\n".join(toasts(reader.app))
        assert "no[/bad]such" in shown and "no such file or folder" in shown
        assert reader.screen.article is not None  # the reader is up and reading


async def test_a_clickable_action_in_a_path_is_only_text(tmp_path: Path) -> None:
    (tmp_path / "ok.txt").write_text("Vladimir Putin spoke.\n", encoding="utf-8")
    trap = tmp_path / "[@click=app.quit]CLICK[/]"
    async with hostile_reader([tmp_path / "ok.txt", trap]) as reader:
        app, pilot = reader.app, reader.pilot
        (toast,) = app.screen.query(Toast)
        content = toast.render()
        assert "[@click=app.quit]CLICK[/]" in str(content)
        assert not any("@click" in str(span.style) for span in content.spans)
        region = toast.region
        line = next(i for i, text in enumerate(screen_text(app)) if "CLICK" in text)
        column = screen_text(app)[line].index("CLICK")
        await pilot.click(offset=(column + 1, line))
        await pilot.pause()
        assert app.is_running and region.contains(column + 1, line)
        assert isinstance(app.screen, ReaderScreen)


async def test_deleting_a_span_whose_text_is_markup(tmp_path: Path) -> None:
    article = tmp_path / "markup.txt"
    article.write_text("The [/unbalanced] group met Vladimir Putin.\n", encoding="utf-8")
    async with hostile_reader([article], MarkupSpanExtractor) as reader:
        view, pilot = reader.view, reader.pilot
        await pilot.press("n")
        assert view.current is not None and view.current.span.text == "[/unbalanced]"
        await pilot.press("d")
        await pilot.pause()
        assert any("Deleted ORG “[/unbalanced]”" in text for text in toasts(reader.app))
        assert any("[/unbalanced]" in line for line in screen_text(reader.app))
        assert reader.app.is_running


async def test_corrupt_file_of_an_article_titled_with_markup(tmp_path: Path) -> None:
    path = tmp_path / "oops.txt"
    path.write_text("[/oops] a headline\nVladimir Putin spoke.\n", encoding="utf-8")
    entries, _ = discover([path])
    store = AnnotationStore.for_article_path(path)
    file = store.path_for(entries[0].load())
    file.parent.mkdir(parents=True, exist_ok=True)
    file.write_text("{not json", encoding="utf-8")
    async with hostile_reader([path]) as reader:
        dialog = reader.app.screen
        assert isinstance(dialog, CorruptFileDialog)
        assert any("Article: [/oops] a headline" in line for line in screen_text(reader.app))
        await reader.pilot.press("k")  # keep it: the toast names the file, literally too
        await reader.pilot.pause()
        assert isinstance(reader.app.screen, ReaderScreen)
        assert any(str(file) in text for text in toasts(reader.app))


async def test_terminal_controls_in_titles_never_reach_the_screen(tmp_path: Path) -> None:
    (tmp_path / "a-escapes.txt").write_text(HOSTILE + "\nVladimir Putin spoke.\n", encoding="utf-8")
    record = {
        "text": "Xi Jinping met Kim Jong Un.",
        "meta": {"title": "feed " + HOSTILE, "date": "2024-01-02"},
    }
    (tmp_path / "b-feed.jsonl").write_text(json.dumps(record) + "\n", encoding="utf-8")
    async with hostile_reader([tmp_path]) as reader:
        titles = [entry.title for entry in reader.article_list.entries]
        assert any("\x1b" in title for title in titles) and any("feed" in title for title in titles)
        for step in range(2):
            reader.screen.status.position = titles[step]  # the status line shows user text too
            await reader.pilot.pause()
            lines = screen_text(reader.app)
            bad = [TERMINAL_CONTROLS.findall(line) for line in lines if TERMINAL_CONTROLS.search(line)]
            assert not bad, repr(bad)
            drawn = "\n".join(lines)
            assert "␛]0;pwned␇" in drawn  # shown, as pictures, not dropped
            await reader.pilot.press("J")
            await settle(reader.app, reader.pilot)
        view = reader.view
        assert view.text.startswith(HOSTILE[:5]) or view.text.startswith("Xi")  # offsets: the text as read


# Saving that fails, other writers, quitting -----------------------------------------------------------
def annotation_file(path: Path) -> Path:
    """Where the reader saves the annotations of the article at ``path``."""
    entries, _ = discover([path])
    return AnnotationStore.for_article_path(path).path_for(entries[0].load())


def spoke(tmp_path: Path) -> Path:
    path = tmp_path / "spoke.txt"
    path.write_text("Vladimir Putin met Xi Jinping in Beijing.\n", encoding="utf-8")
    return path


async def test_failing_saves_mark_the_status_and_q_asks(tmp_path: Path) -> None:
    path = spoke(tmp_path)
    file = annotation_file(path)
    async with hostile_reader([path]) as reader:
        app, pilot, status = reader.app, reader.pilot, reader.status
        file.mkdir(parents=True)  # a directory where the file goes: every save fails (even as root)
        await pilot.press("n", "a", "ctrl+s")
        await pilot.pause()
        assert status.unsaved.startswith("● ") and "unsaved" in status.unsaved
        assert "unsaved" in str(status.render())  # drawn at the right, before the extractor's state
        await pilot.press("q")
        await pilot.pause()
        assert isinstance(app.screen, UnsavedQuitDialog) and app.is_running
        assert any("not saved" in line for line in screen_text(app))
        await pilot.press("escape")  # cancel: back to reading, the edit still on screen
        await pilot.pause()
        assert isinstance(app.screen, ReaderScreen) and app.is_running
        file.rmdir()  # the disk has room again: "save again" saves and quits
        await pilot.press("ctrl+c")
        await pilot.pause()
        assert not app.is_running or app._exit_renderables is not None or app.return_code is not None
    assert file.is_file() and '"accepted"' in file.read_text(encoding="utf-8")
    assert app.exit_status() == 0


async def test_quit_and_lose_the_edits_exits_non_zero(tmp_path: Path) -> None:
    path = spoke(tmp_path)
    file = annotation_file(path)
    async with hostile_reader([path]) as reader:
        app, pilot = reader.app, reader.pilot
        file.mkdir(parents=True)
        await pilot.press("n", "a", "ctrl+s", "q")
        await pilot.pause()
        assert isinstance(app.screen, UnsavedQuitDialog)
        await pilot.press("l")
        await pilot.pause()
    assert file.is_dir() and app.save_errors and app.lost_edits
    assert app.exit_status() == 1


async def test_ctrl_c_quits_like_q_and_saves_first(tmp_path: Path) -> None:
    path = spoke(tmp_path)
    file = annotation_file(path)
    async with hostile_reader([path]) as reader:
        await reader.pilot.press("n", "a", "ctrl+c")  # no wait for the autosave: quitting saves
        await reader.pilot.pause()
        assert not any("ctrl+q" in text for text in toasts(reader.app))
        assert reader.app.return_code == 0
    assert '"accepted"' in file.read_text(encoding="utf-8")


async def test_another_writers_edits_are_merged_and_reported(tmp_path: Path) -> None:
    path = spoke(tmp_path)
    file = annotation_file(path)
    async with hostile_reader([path]) as reader:
        pilot = reader.pilot
        await pilot.press("n", "a", "ctrl+s")  # this reader's first save
        await pilot.pause()
        other = AnnotationStore.for_article_path(path)  # a second reader of the same article
        entries, _ = discover([path])
        article = entries[0].load()
        loaded = other.load(article)
        assert loaded is not None
        theirs = loaded.annotations
        target = [a for a in theirs if a.status == "suggested"][-1]  # one this reader does not touch
        theirs.reject(target.id)
        other.save(article, theirs, model=loaded.model, extractor_version=loaded.extractor_version)
        await pilot.press("n", "a", "ctrl+s")  # this reader saves again: the store merges
        await pilot.pause()
        await pilot.pause()
        assert any("merged 1 edit from another writer" in text for text in notices(reader.app))
    saved = json.loads(file.read_text(encoding="utf-8"))
    assert '"rejected"' in json.dumps(saved)


def test_a_crashed_reader_exits_non_zero(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    def crash(self: ReaderScreen) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(ReaderScreen, "on_mount", crash)
    original = GlossApp.run

    def run_headless(self: GlossApp, **options: object) -> None:
        original(self, headless=True)

    monkeypatch.setattr(GlossApp, "run", run_headless)
    options = argparse.Namespace(paths=[str(spoke(tmp_path))], store=None, model=None)
    assert run_reader(options) == 1


@pytest.mark.parametrize(
    "content",
    ['{"spans": [{"start": 1e400}]}', "[" * 100_000 + "]" * 100_000, "\x00\xff garbage"],
    ids=["huge-float", "deep-nesting", "binary"],
)
async def test_annotation_files_the_store_calls_corrupt_open_the_dialog(tmp_path: Path, content: str) -> None:
    path = spoke(tmp_path)
    file = annotation_file(path)
    file.parent.mkdir(parents=True, exist_ok=True)
    file.write_text(content, encoding="utf-8", errors="surrogateescape")
    async with hostile_reader([path]) as reader:
        assert isinstance(reader.app.screen, CorruptFileDialog)
        assert reader.view.text.startswith("Vladimir Putin")  # not stuck at "Opening…"


async def test_an_unexpected_error_while_opening_is_shown(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    def broken(self: AnnotationStore, article: object) -> None:
        raise OverflowError("int too large to convert")

    monkeypatch.setattr(AnnotationStore, "load", broken)
    async with hostile_reader([spoke(tmp_path)]) as reader:
        assert "OverflowError" in reader.view.message and "Opening" not in reader.view.message
        assert reader.app.is_running


# The list: what the scan skipped, one date format, order by date -------------------------------------
async def test_the_list_shows_skipped_files_one_date_format_and_sorts_by_date(tmp_path: Path) -> None:
    (tmp_path / "README.md").write_text("About this folder.\n", encoding="utf-8")
    records = [
        ("Old one", "2019-11-20T06:35:39Z"),
        ("Undated", None),
        ("Newest", "Wed, 01 Nov 2023 18:00:00 GMT"),
        ("Middle", "November 20, 2020 12:32"),
    ]
    lines = [
        json.dumps({"text": f"{title}: Vladimir Putin spoke.", "meta": {"title": title, "date": date}})
        for title, date in records
    ]
    (tmp_path / "news.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    async with hostile_reader([tmp_path]) as reader:
        article_list, pilot = reader.article_list, reader.pilot
        drawn = "\n".join(screen_text(reader.app))
        assert "1 file(s) skipped:" in drawn and "  ⊘ " in drawn  # below the articles
        assert [
            line.endswith("README.md: skipped (it describes the folder; name it to read it)")
            for line in article_list.skipped
        ] == [True]
        for shown in ("2019-11-20 06:35", "2023-11-01 18:00", "2020-11-20 12:32"):
            assert shown in drawn
        assert "GMT" not in drawn and "November" not in drawn
        article_list.focus()
        await pilot.press("ctrl+o")
        order = [article_list.entries[i].title for i in article_list.shown]
        assert order == ["Newest", "Middle", "Old one", "Undated"]
        await pilot.press("ctrl+o")
        assert article_list.entries[article_list.shown[0]].title == "Old one"


async def test_a_conflict_is_kept_aside_and_pointed_to(tmp_path: Path) -> None:
    path = spoke(tmp_path)
    file = annotation_file(path)
    async with hostile_reader([path]) as reader:
        pilot = reader.pilot
        await pilot.press("n", "a", "ctrl+s")
        await pilot.pause()
        other = AnnotationStore.for_article_path(path)
        article = discover([path])[0][0].load()
        loaded = other.load(article)
        assert loaded is not None
        target = next(a for a in loaded.annotations if a.status == "suggested")  # the one we edit next
        loaded.annotations.reject(target.id)
        other.save(
            article, loaded.annotations, model=loaded.model, extractor_version=loaded.extractor_version
        )
        await pilot.press("n", "a", "ctrl+s")  # both changed the same span: a real conflict
        await pilot.pause()
        copies = AnnotationStore.for_article_path(path).conflict_copies(article)
        assert len(copies) == 1
        assert any("conflict copy" in text and str(copies[0]) in text for text in notices(reader.app))
    async with hostile_reader([path]) as again:  # reopened later: the copy is still pointed to
        assert any(
            text.startswith("Conflict copies:") and str(copies[0]) in text for text in notices(again.app)
        )
    assert file.is_file()
