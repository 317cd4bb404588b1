"""The reader with its model in a process of its own (issue 13): highlights come from the process, and
the process ends with the reader, whether it was started at launch or when an article needed it."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import OpenReader
from tests.unit.test_startup_model_process import save_blank_model
from tui.app import GlossApp
from tui.extract import Extractor
from tui.extract.pipeline import load_pipeline
from tui.model_process import ModelProcess

TEXT = "Merkel in Berlin\nAngela Merkel flew to Berlin on Monday.\n"


@pytest.fixture(scope="module")
def model(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A blank pipeline that finds Angela Merkel and Berlin, as a model folder."""
    return save_blank_model(tmp_path_factory.mktemp("model") / "blank_ruler")


@pytest.fixture
def news(tmp_path: Path) -> Path:
    """A folder with one article and no index."""
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "merkel.txt").write_text(TEXT, encoding="utf-8")
    return folder


@pytest.mark.parametrize("at_launch", [True, False])
async def test_highlights_come_from_the_model_process_which_ends_with_the_reader(
    open_reader: OpenReader, model: Path, news: Path, at_launch: bool
) -> None:
    started = ModelProcess.start(str(model)) if at_launch else None
    app = GlossApp.for_paths([news], model=str(model), model_process=started, separate_process=True)
    nlp, name = load_pipeline(str(model))
    async with open_reader(app=app, extractor=None) as reader:
        process = app.model_process
        assert process is not None and (started is None or process is started)
        article = reader.screen.article
        assert article is not None and reader.screen.annotations is not None
        expected = Extractor(nlp, name).extract(article.text)
        assert expected
        assert [a.span for a in reader.screen.annotations] == expected
        assert reader.status.state.endswith(f"{len(expected)} highlights · {name}")
    assert app.model_process is None
    assert process.process.returncode is not None  # ended on quit: no process outlives the reader


async def test_a_model_process_that_cannot_start_leaves_the_model_to_this_process(
    open_reader: OpenReader, model: Path, news: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def cannot(*args: object, **kwargs: object) -> ModelProcess:
        raise OSError("no processes left")

    monkeypatch.setattr(ModelProcess, "start", cannot)
    app = GlossApp.for_paths([news], model=str(model), separate_process=True)
    nlp, name = load_pipeline(str(model))
    async with open_reader(app=app, extractor=None) as reader:
        assert app.model_process is None
        article = reader.screen.article
        assert article is not None and reader.screen.annotations is not None
        expected = Extractor(nlp, name).extract(article.text)
        assert expected and [a.span for a in reader.screen.annotations] == expected
