"""The reader and the model's process: started by ``gloss``, stopped when the index will serve, stopped
when the reader closes, and a child that dies mid-way leaves the reader reading without highlights.
"""

from __future__ import annotations

import os
import signal
from pathlib import Path

import pytest

from tests.app_support import SEED
from tests.conftest import OpenReader
from tui.app import GlossApp
from tui.extract.process import ModelProcess, RemoteExtractor


def _folder(tmp_path: Path) -> Path:
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "talks.txt").write_text(SEED.read_text(encoding="utf-8"), encoding="utf-8")
    return folder


def test_a_model_process_is_stopped_at_once_when_the_corpus_index_will_serve(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    (folder / ".gloss").mkdir()
    (folder / ".gloss" / "index.sqlite").write_bytes(b"")
    process = ModelProcess.start()
    app = GlossApp.for_paths([folder], model_process=process)
    assert app.model_process is None and not process.running


def test_without_an_index_the_reader_keeps_the_process_gloss_started(tmp_path: Path) -> None:
    process = ModelProcess.start("no_such_pipeline_xyz")
    app = GlossApp.for_paths([_folder(tmp_path)], model_process=process)
    assert app.model_process is process
    app.close_model()
    assert app.model_process is None and not process.running


async def test_a_model_that_is_not_installed_is_said_and_the_child_is_gone_after(
    open_reader: OpenReader, tmp_path: Path
) -> None:
    app = GlossApp.for_paths([_folder(tmp_path)], model="no_such_pipeline_xyz")
    async with open_reader(app=app, extractor=None) as reader:
        process = app.model_process
        assert process is not None  # the reader started it, needing the model
        assert reader.view.text.startswith("Chinese President")
        assert reader.status.state.endswith("no model: reading without highlights")
    assert app.model_process is None and not process.running


async def test_a_model_process_that_dies_leaves_the_reader_reading_without_highlights(
    open_reader: OpenReader, tmp_path: Path
) -> None:
    process = ModelProcess.start()
    remote = process.extractor()  # loaded: now it dies before the article is extracted
    os.kill(process.pid, signal.SIGKILL)
    app = GlossApp.for_paths([_folder(tmp_path)], extractor_factory=lambda: remote)
    try:
        async with open_reader(app=app, notifications=True) as reader:
            assert reader.view.text.startswith("Chinese President")
            assert reader.status.state.endswith("no model: reading without highlights")
            said = [n.message for n in app._notifications]
            assert any("the model's process exited with status -9" in message for message in said)
            await reader.pilot.press("j")  # still reading
            assert reader.view.scroll_offset.y == 1
    finally:
        process.close()


async def test_a_model_process_that_cannot_start_is_said_and_reading_goes_on(
    open_reader: OpenReader, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import tui.extract.process

    monkeypatch.setattr(tui.extract.process.sys, "executable", str(tmp_path / "no-python"))
    app = GlossApp.for_paths([_folder(tmp_path)])
    async with open_reader(app=app, extractor=None, notifications=True) as reader:
        assert reader.view.text.startswith("Chinese President")
        assert reader.status.state.endswith("no model: reading without highlights")
        said = [n.message for n in app._notifications]
        assert any(
            "cannot start the model's process" in said_once and "no-python" in said_once for said_once in said
        )


async def test_an_article_the_model_fails_on_says_so_and_the_model_stays(
    open_reader: OpenReader, tmp_path: Path
) -> None:
    class Broken(RemoteExtractor):
        version = "0+broken"  # the reader's own checks pass; the child fails on every text, and lives on

    process = ModelProcess.start()
    loaded = process.extractor()
    broken = Broken(process, loaded.model_name, "no-such-convention")
    app = GlossApp.for_paths([_folder(tmp_path)], extractor_factory=lambda: broken)
    try:
        async with open_reader(app=app) as reader:
            assert reader.view.text.startswith("Chinese President")
            assert reader.status.state.startswith("not extracted: ")
            assert "no-such-convention" in reader.status.state
            assert not app.extractor.failed and app.extractor.extractor is broken
            assert process.running
    finally:
        process.close()


async def test_an_extraction_started_as_the_model_is_lost_says_no_model(open_reader: OpenReader) -> None:
    async with open_reader(paths=[SEED]) as reader:
        screen = reader.screen
        assert screen.article is not None
        screen.extracted.pop(screen.article.key)
        app = reader.app
        app.extractor.failed_to_load()  # lost, as the worker that would extract is being started
        screen._start_extraction(screen.article)
        await reader.settle()
        assert screen._extracting is None
        assert reader.status.state.endswith("no model: reading without highlights")
