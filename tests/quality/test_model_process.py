"""The model in a process of its own (``tui.extract.process``): the same spans as in this process,
clear errors when it cannot load or stops, and nothing left running.

These start the real child with the real model (about a second of CPU each on the other core).
"""

from __future__ import annotations

import os
import signal

import pytest

from tests.app_support import SEED, SEEDS
from tui.extract import Extractor, ModelNotFoundError
from tui.extract.process import ModelProcess, ModelProcessError

TEXTS = [SEED.read_text(encoding="utf-8")] + [
    path.read_text(encoding="utf-8") for path in sorted((SEEDS / "wikinews").glob("*.txt"))[:6]
]


@pytest.fixture(scope="module")
def local() -> Extractor:
    return Extractor.load()


def test_the_child_finds_what_this_process_finds(local: Extractor) -> None:
    process = ModelProcess.start()
    try:
        remote = process.extractor("ontonotes")
        assert (remote.model_name, remote.version) == (local.model_name, local.version)
        for text in TEXTS:
            chunks = list(remote.extract_progressively(text))
            assert chunks == list(local.extract_progressively(text))
            assert remote.extract(text) == local.extract(text)
        assert list(remote.extract_many(TEXTS)) == list(local.extract_many(TEXTS))
        conll = process.extractor("conll")  # another convention, the same loaded pipeline
        assert conll.version.endswith("+conll")
        conll_local = Extractor(local.nlp, local.model_name, convention="conll")
        assert conll.extract(TEXTS[0]) == conll_local.extract(TEXTS[0])
    finally:
        process.close()
    assert not process.running


def test_a_text_abandoned_half_way_does_not_disturb_the_next() -> None:
    process = ModelProcess.start()
    try:
        remote = process.extractor()
        long_text = "\n\n".join(TEXTS) * 3
        chunks = remote.extract_progressively(long_text)
        next(chunks)
        chunks.close()  # the reader moved on: the child forgets the text
        assert remote.extract(TEXTS[0]) == remote.extract(TEXTS[0])
        assert remote.extract(TEXTS[0])
    finally:
        process.close()


def test_a_missing_model_is_said_as_the_model_not_found() -> None:
    process = ModelProcess.start("no_such_pipeline_xyz")
    try:
        with pytest.raises(ModelNotFoundError, match="no_such_pipeline_xyz"):
            process.extractor()
        with pytest.raises(ModelNotFoundError):  # asked again: the same answer, not a hang
            process.extractor()
    finally:
        process.close()


def test_a_child_that_dies_is_an_error_that_says_so() -> None:
    process = ModelProcess.start()
    try:
        remote = process.extractor()
        os.kill(process.pid, signal.SIGKILL)
        with pytest.raises(ModelProcessError, match="exited with status -9"):
            remote.extract(TEXTS[0])
    finally:
        process.close()


def test_a_text_the_child_fails_on_fails_alone() -> None:
    from tui.extract.process import TextNotExtracted

    process = ModelProcess.start()
    try:
        broken = process.extractor("no-such-convention")  # the child raises making its extractor
        with pytest.raises(TextNotExtracted, match="no-such-convention"):
            broken.extract(TEXTS[0])
        assert process.running
        assert process.extractor("ontonotes").extract(TEXTS[0])  # and goes on serving
    finally:
        process.close()


def test_closing_never_waits_for_a_child_that_does_not_answer() -> None:
    """A worker blocked reading a reply must not hold up the reader's quit: here the child is stopped
    (SIGSTOP) in the middle of a text, so it never answers."""
    import threading

    process = ModelProcess.start()
    remote = process.extractor()
    failures: list[BaseException] = []

    def extract() -> None:
        try:
            remote.extract("\n\n".join(TEXTS) * 20)
        except BaseException as error:
            failures.append(error)

    reader = threading.Thread(target=extract, daemon=True)
    reader.start()
    os.kill(process.pid, signal.SIGSTOP)
    closing = threading.Thread(target=process.close, kwargs={"timeout": 0.05}, daemon=True)
    closing.start()
    closing.join(timeout=30)
    if closing.is_alive():  # never leave a stopped child behind, whatever close() did
        os.kill(process.pid, signal.SIGKILL)
    assert not closing.is_alive(), "close() waited for a reply that never comes"
    reader.join(timeout=30)
    assert not process.running
    assert failures and isinstance(failures[0], ModelProcessError)


def test_the_child_never_imports_modules_from_the_current_folder(
    tmp_path: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    from pathlib import Path

    assert isinstance(tmp_path, Path)
    (tmp_path / "argparse.py").write_text("raise SystemExit('shadowed argparse')\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    process = ModelProcess.start("no_such_pipeline_xyz")
    try:
        with pytest.raises(ModelNotFoundError):  # its own argparse ran: the model was looked for
            process.extractor()
    finally:
        process.close()


def test_the_child_runs_the_same_tui_as_the_reader_whatever_else_is_on_the_path(
    tmp_path: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Another ``tui`` first on ``PYTHONPATH`` (another checkout, as a benchmark comparing two has):
    the child still imports this one."""
    from pathlib import Path

    assert isinstance(tmp_path, Path)
    other = tmp_path / "other" / "tui"
    (other / "extract").mkdir(parents=True)
    (other / "__init__.py").write_text("", encoding="utf-8")
    (other / "extract" / "__init__.py").write_text("", encoding="utf-8")  # and no process.py
    monkeypatch.setenv("PYTHONPATH", str(other.parent))
    process = ModelProcess.start("no_such_pipeline_xyz")
    try:
        with pytest.raises(ModelNotFoundError):  # this tui's child ran, and looked for the model
            process.extractor()
    finally:
        process.close()
