"""One extractor identity everywhere: what `gloss index` records is what the reader looks up.

The reader paints an indexed article from the index only when the model and extractor version it
expects are the ones the index was built with; a difference in spelling (the index once recorded
"0.3.0" while the reader asked for "0.3.0+ontonotes") silently sends every article back to the model.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
import spacy

import tui.scale
from tests.corpus_support import RuleEngine, write
from tui.annotation.extraction import CorpusIndexes, ExtractorHolder
from tui.corpus import index_cli
from tui.extract import Extractor, convention_for, extractor_version
from tui.sources import discover
from tui.store import AnnotationStore

TEXT = "Talks\n\nXi Jinping spoke in Beijing. North Korea sent 15,000 troops.\n"


@pytest.mark.parametrize("convention", ["ontonotes", "conll"])
def test_the_reader_expects_the_version_a_loaded_extractor_has(convention: str) -> None:
    extractor = Extractor(spacy.blank("en"), "blank", convention=convention)
    holder = ExtractorHolder(convention)
    assert holder.identity()[1] == extractor.version == extractor_version(convention)
    expected = holder.expected_identity(None)
    assert expected is not None and expected[1] == extractor.version


def _index_with_rules(monkeypatch: pytest.MonkeyPatch, argv: list[str]) -> list[dict[str, Any]]:
    """Run `gloss index` with the rule engine in place of the model; returns what open_engine got."""
    calls: list[dict[str, Any]] = []

    @contextmanager
    def fake_open_engine(kind: str = "local", **options: Any) -> Iterator[RuleEngine]:
        calls.append({"kind": kind, **options})
        yield RuleEngine()

    monkeypatch.setattr(tui.scale, "open_engine", fake_open_engine)
    assert index_cli.main(argv) == 0
    return calls


@pytest.mark.parametrize("toml", ["", '[extract]\nconvention = "conll"\n'])
def test_an_article_indexed_by_gloss_index_is_served_to_the_reader(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, toml: str
) -> None:
    folder = tmp_path / "news"
    path = write(folder, "talks.txt", TEXT)
    if toml:
        (folder / "gloss.toml").write_text(toml, encoding="utf-8")
    calls = _index_with_rules(monkeypatch, [str(folder)])
    convention = "conll" if toml else "ontonotes"
    assert calls[0]["convention"] == convention

    holder = ExtractorHolder(convention_for(folder))  # what the reader's app makes for this folder
    store = AnnotationStore.for_article_path(folder)
    article = discover([path])[0][0].load()
    indexes = CorpusIndexes()
    try:
        spans = indexes.cached_spans(store, article, holder.expected_identity(None))
    finally:
        indexes.close()
    assert spans is not None and any(span.text == "Xi Jinping" for span in spans)


def test_the_convention_flag_wins_over_gloss_toml(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "news"
    write(folder, "talks.txt", TEXT)
    (folder / "gloss.toml").write_text('[extract]\nconvention = "conll"\n', encoding="utf-8")
    calls = _index_with_rules(monkeypatch, [str(folder), "--convention", "ontonotes"])
    assert calls[0]["convention"] == "ontonotes"


def test_an_unknown_convention_in_gloss_toml_is_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "news"
    write(folder, "talks.txt", TEXT)
    (folder / "gloss.toml").write_text('[extract]\nconvention = "muc"\n', encoding="utf-8")
    with pytest.raises(ValueError, match="unknown entity convention 'muc'"):
        convention_for(folder)
    assert index_cli.main([str(folder)]) == index_cli.EXIT_FAILED
    error = capsys.readouterr().err.strip()
    assert error.count("\n") == 0 and "gloss.toml" in error and "muc" in error


def test_the_reader_loads_the_convention_of_gloss_toml(tmp_path: Path) -> None:
    from tui.app import GlossApp

    folder = tmp_path / "news"
    write(folder, "talks.txt", TEXT)
    (folder / "gloss.toml").write_text('[extract]\nconvention = "conll"\n', encoding="utf-8")
    app = GlossApp.for_paths([folder])
    assert app.extractor.convention == "conll"
    assert app.extractor.identity()[1] == extractor_version("conll")
