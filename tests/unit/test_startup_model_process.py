"""The model process (issue 13): spaCy loads in a child started at launch, and extracts for the reader.

The child is the real ``python -m tui.extract.serve`` on a blank English pipeline with an
``entity_ruler`` saved to a folder (a folder is a model name :func:`load_pipeline` accepts): what is
tested is the protocol and the process's life, not what a statistical model thinks.
"""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from pathlib import Path

import pytest

from tui.cli import start_model_process
from tui.extract import Extractor, ModelNotFoundError
from tui.extract.pipeline import CHUNK_CHARS, load_pipeline
from tui.model_process import ModelProcess, ModelProcessError, index_may_serve

PARAGRAPH = "Angela Merkel flew to Berlin. " * 20 + "\n\n"
LONG = PARAGRAPH * (3 * CHUNK_CHARS // len(PARAGRAPH))
"""Three chunks and more, so that extracting it takes several requests."""


def save_blank_model(folder: Path) -> Path:
    """Save a blank English pipeline that finds one person and one place as a model folder."""
    import spacy

    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("entity_ruler")
    ruler.add_patterns(  # type: ignore[attr-defined]
        [
            {"label": "PERSON", "pattern": [{"LOWER": "angela"}, {"LOWER": "merkel"}]},
            {"label": "GPE", "pattern": "Berlin"},
        ]
    )
    nlp.to_disk(folder)
    return folder


@pytest.fixture(scope="module")
def model(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The blank pipeline's folder (see :func:`save_blank_model`)."""
    return save_blank_model(tmp_path_factory.mktemp("model") / "blank_ruler")


@pytest.fixture
def process(model: Path) -> Iterator[ModelProcess]:
    """The model process on the blank pipeline, ready; ended after the test."""
    started = ModelProcess.start(str(model))
    try:
        yield started.ready("ontonotes")
    finally:
        started.close()


@pytest.fixture(scope="module")
def local(model: Path) -> Extractor:
    """The same pipeline loaded in this process: what the model process must answer."""
    nlp, name = load_pipeline(str(model))
    return Extractor(nlp, name)


def test_the_process_gives_the_spans_of_an_extractor_in_this_process(
    process: ModelProcess, local: Extractor
) -> None:
    assert (process.model_name, process.version) == (local.model_name, local.version)
    assert list(process.extract_progressively(LONG)) == list(local.extract_progressively(LONG))
    assert process.extract(LONG) == local.extract(LONG)
    texts = [LONG, "", "Nothing here.", "Berlin"]
    assert list(process.extract_many(texts)) == list(local.extract_many(texts))


def test_two_articles_extracted_in_turns_each_get_their_own_spans(
    process: ModelProcess, local: Extractor
) -> None:
    first, second = process.extract_progressively(LONG), process.extract_progressively(PARAGRAPH)
    one = [next(first)]
    two = list(second)  # the other worker's article, between two chunks of the first
    one.extend(first)
    assert one == list(local.extract_progressively(LONG))
    assert two == list(local.extract_progressively(PARAGRAPH))


def test_an_article_given_up_on_is_forgotten_and_the_process_serves_on(
    process: ModelProcess, local: Extractor
) -> None:
    chunks = process.extract_progressively(LONG)
    next(chunks)
    chunks.close()  # another article was opened
    assert process.extract(PARAGRAPH) == local.extract(PARAGRAPH)


def test_no_model_installed_is_the_model_not_found_error(tmp_path: Path) -> None:
    started = ModelProcess.start(str(tmp_path / "no-such-model"))
    try:
        with pytest.raises(ModelNotFoundError, match="no-such-model"):
            started.ready("ontonotes")
    finally:
        started.close()


def test_close_ends_the_process_even_while_it_loads(model: Path) -> None:
    started = ModelProcess.start(str(model))
    started.close()  # at once: the child is still importing spaCy
    assert started.process.returncode is not None
    started.close()  # twice is harmless


def test_the_process_ends_when_its_reader_is_gone(model: Path) -> None:
    started = ModelProcess.start(str(model)).ready("ontonotes")
    assert started.process.stdin is not None
    started.process.stdin.close()  # what the reader's death does to the pipe
    assert started.process.wait(10) == 0


def test_a_dead_process_is_a_model_process_error(process: ModelProcess) -> None:
    process.process.kill()
    process.process.wait()
    with pytest.raises(ModelProcessError):
        process.extract(PARAGRAPH)


def test_the_model_process_starts_at_launch_unless_an_index_may_serve(tmp_path: Path) -> None:
    news = tmp_path / "news"
    news.mkdir()
    options = argparse.Namespace(paths=[str(news)], store=None, model=str(tmp_path / "no-such-model"))
    started = start_model_process(options)
    assert started is not None
    started.close()
    (news / ".gloss").mkdir()
    (news / ".gloss" / "index.sqlite").write_bytes(b"")
    assert index_may_serve([news]) and index_may_serve([news / "a.txt"])
    assert start_model_process(options) is None
    store = tmp_path / "store"
    assert not index_may_serve([news], store)
    options.store = str(store)
    elsewhere = start_model_process(options)
    assert elsewhere is not None  # --store names a folder without an index: the .gloss/ one is not used
    elsewhere.close()


def test_the_first_article_extracted_before_it_was_asked_for_has_the_same_spans(
    model: Path, local: Extractor, tmp_path: Path
) -> None:
    news = tmp_path / "news"
    news.mkdir()
    (news / "a-first.txt").write_text("Merkel\n" + LONG, encoding="utf-8")
    (news / "b-second.txt").write_text("Berlin\n" + PARAGRAPH, encoding="utf-8")
    from tui.sources import scan

    first, second = (entry.load().text for entry in scan([news]).entries)
    for order in ((first, second), (second, first)):  # the guess served, then a wrong guess
        started = ModelProcess.start(str(model), [news]).ready("ontonotes")
        try:
            for text in order:
                assert list(started.extract_progressively(text)) == list(local.extract_progressively(text))
        finally:
            started.close()
    conll = ModelProcess.start(str(model), [news]).ready("conll")  # not the guessed convention
    in_conll = Extractor(local.nlp, local.model_name, convention="conll")
    try:
        assert conll.version == in_conll.version
        assert conll.extract(first) == in_conll.extract(first)
    finally:
        conll.close()
